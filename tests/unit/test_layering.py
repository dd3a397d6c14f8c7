"""Layering rules: ``plugin/core`` is QGIS-free; Qt is imported only through ``qgis.PyQt``."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
CORE = REPOSITORY / "plugin" / "core"
FORBIDDEN_QT_BINDINGS = ("PyQt5", "PyQt6", "PySide2", "PySide6")


def imported_modules(source: str, module_package: str) -> Iterator[Tuple[int, str]]:
    """(line, absolute module name) for every import in ``source``, a module of package ``module_package``.

    Covers ``import x``, ``from x import y``, relative imports (resolved) and ``importlib.import_module("x")`` /
    ``__import__("x")`` with a literal name. Comments and strings are not imports.
    """
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = module_package.split(".")
                base = parts[: len(parts) - node.level + 1]
                yield node.lineno, ".".join([*base, *([node.module] if node.module else [])])
            else:
                yield node.lineno, node.module or ""
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                yield node.lineno, node.args[0].value


def package_of(path: Path) -> str:
    relative = path.relative_to(REPOSITORY).with_suffix("")
    parts = ["sentinelhub_batch", *relative.parts]
    return ".".join(parts[:-1])


def core_violations(source: str, module_package: str) -> List[str]:
    problems = []
    for line, module in imported_modules(source, module_package):
        root = module.split(".")[0]
        if root == "qgis":
            problems.append(f"line {line}: imports {module}")
        elif root == "sentinelhub_batch" and not module.startswith(
            ("sentinelhub_batch.plugin.core", "sentinelhub_batch.plugin.vendor")
        ):
            problems.append(f"line {line}: imports {module}, which is outside the QGIS-free core")
    return problems


def qt_binding_violations(source: str, module_package: str) -> List[str]:
    return [
        f"line {line}: imports {module}; import Qt through qgis.PyQt"
        for line, module in imported_modules(source, module_package)
        if module.split(".")[0] in FORBIDDEN_QT_BINDINGS
    ]


def plugin_python_files() -> List[Path]:
    files = [REPOSITORY / "__init__.py"]
    for path in sorted((REPOSITORY / "plugin").rglob("*.py")):
        if "vendor" not in path.relative_to(REPOSITORY).parts[1:2]:
            files.append(path)
    return files


def test_core_never_imports_qgis_or_the_gui():
    core_files = sorted(CORE.rglob("*.py"))
    assert core_files, f"no Python files under {CORE}"
    problems = {}
    for path in core_files:
        found = core_violations(path.read_text(encoding="utf-8"), package_of(path))
        if found:
            problems[str(path.relative_to(REPOSITORY))] = found
    assert not problems, f"plugin/core must stay QGIS-free (move QGIS code to plugin/gui): {problems}"


def test_plugin_imports_qt_only_through_qgis_pyqt():
    problems = {}
    for path in plugin_python_files():
        found = qt_binding_violations(path.read_text(encoding="utf-8"), package_of(path))
        if found:
            problems[str(path.relative_to(REPOSITORY))] = found
    assert not problems, problems


CORE_PACKAGE = "sentinelhub_batch.plugin.core"


@pytest.mark.parametrize(
    "source",
    [
        "import qgis.core",
        "from qgis.core import QgsProject",
        "from qgis import processing",
        "import os\nif True:\n    from qgis.PyQt.QtCore import QObject",
        "def f():\n    import qgis\n",
        "import importlib\nimportlib.import_module('qgis.core')",
        "from ..gui.plugin import SentinelHubBatchPlugin",
        "from sentinelhub_batch.plugin.services import log",
    ],
)
def test_checker_flags_qgis_and_gui_imports_in_the_core(source):
    assert core_violations(source, CORE_PACKAGE)


@pytest.mark.parametrize(
    "source",
    [
        "# import qgis.core\nimport json",
        "text = 'from qgis.core import QgsProject'",
        '"""Never imports qgis: import qgis is forbidden here."""',
        "from .errors import ApiError\nfrom . import models",
        "from ..vendor import ensure_vendored_path",
        "import requests\nfrom shapely.geometry import Polygon",
    ],
)
def test_checker_accepts_core_imports_comments_and_strings(source):
    assert core_violations(source, CORE_PACKAGE) == []


@pytest.mark.parametrize(
    "source, flagged",
    [
        ("from PyQt5.QtWidgets import QWidget", True),
        ("import PyQt6.QtCore", True),
        ("from PySide6 import QtCore", True),
        ("from qgis.PyQt.QtWidgets import QWidget", False),
        ("# from PyQt5 import QtCore", False),
    ],
)
def test_checker_flags_direct_qt_binding_imports(source, flagged):
    assert bool(qt_binding_violations(source, "sentinelhub_batch.plugin.gui")) is flagged
