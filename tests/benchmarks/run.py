"""Run every benchmark: each ``tests/benchmarks/bench_*.py`` module's ``main()``, in name order, each in its own
process (``make bench``)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[1]
MODULE_TIME_LIMIT_SECONDS = 1800


def _make_importable() -> None:
    package_root = REPOSITORY / ".build" / "pkgroot"
    link = package_root / "sentinelhub_batch"
    if not link.exists():
        package_root.mkdir(parents=True, exist_ok=True)
        link.symlink_to(REPOSITORY, target_is_directory=True)
    paths = [str(package_root), str(REPOSITORY / "tests"), str(HERE)]
    for path in paths:
        if path not in sys.path:
            sys.path.insert(0, path)
    inherited = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join([*paths, *([inherited] if inherited else [])])


def discover(selected: list[str]) -> list[Path]:
    modules = sorted(HERE.glob("bench_*.py"))
    if selected:
        modules = [module for module in modules if any(word in module.stem for word in selected)]
    return modules


def run_module(path: Path) -> bool:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        print(f"!! cannot load {path.name}")
        return False
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    main = getattr(module, "main", None)
    if not callable(main):
        print(f"!! {path.name} has no main()")
        return False
    result = main()
    return result is None or result == 0 or result is True


def run_isolated(path: Path) -> bool:
    """Run one module in its own Python process, so no benchmark measures another's leftovers."""
    command = [sys.executable, str(Path(__file__).resolve()), "--module", str(path)]
    try:
        return subprocess.run(command, timeout=MODULE_TIME_LIMIT_SECONDS, check=False).returncode == 0
    except subprocess.TimeoutExpired:
        print(f"!! {path.name} did not finish within {MODULE_TIME_LIMIT_SECONDS} s")
        return False


def main(argv: list[str]) -> int:
    """``run.py [word ...]`` runs the benchmarks whose module name contains one of the words (all by default)."""
    _make_importable()
    if argv[:1] == ["--module"] and len(argv) == 2:
        try:
            return 0 if run_module(Path(argv[1])) else 1
        except Exception:
            traceback.print_exc()
            return 1
    modules = discover(argv)
    if not modules:
        print("No benchmark modules found.")
        return 1
    failed = []
    for path in modules:
        print(f"=== {path.stem} ===", flush=True)
        started = time.perf_counter()
        ok = run_isolated(path)
        print(f"=== {path.stem}: {'done' if ok else 'FAILED'} in {time.perf_counter() - started:.1f} s ===\n", flush=True)
        if not ok:
            failed.append(path.stem)
    if failed:
        print(f"Failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
