"""Build the plugin zip for the QGIS plugin repository: ``dist/sentinelhub_batch-<version>.zip``.

Layout: one top folder ``sentinelhub_batch/`` with metadata.txt, LICENSE, README.md, __init__.py, plugin/, ui/,
i18n/ (translation sources and the compiled ``.qm`` files the plugin loads) and resources/. Left out: tests,
dot-files, caches, compiled and binary files. The zip's metadata.txt gets its ``changelog`` from CHANGELOG.md through
qgis-plugin-ci's changelog parser.

Why not ``qgis-plugin-ci package`` itself: it archives the plugin folder from git (``git archive <plugin_path>``)
and expects that folder below the repository root. Here the repository root *is* the plugin folder; with
``plugin_path = "."`` it writes ``..<version>.zip`` with no top folder and with the tests, the CI script and the
Makefile inside.

Usage: python tests/tools/package.py [--out dist]
"""

from __future__ import annotations

import argparse
import configparser
import sys
import zipfile
from pathlib import Path
from typing import Iterator, List, Tuple

REPOSITORY = Path(__file__).resolve().parents[2]
PLUGIN_NAME = "sentinelhub_batch"
TOP_LEVEL_FILES = ("metadata.txt", "LICENSE", "README.md", "__init__.py")
TOP_LEVEL_DIRS = ("plugin", "ui", "i18n", "resources")
EXCLUDED_DIR_NAMES = {"__pycache__", "tests", "test"}
EXCLUDED_SUFFIXES = {
    ".pyc", ".pyo", ".so", ".pyd", ".dll", ".dylib", ".exe", ".o", ".a", ".zip", ".gz", ".tar",
    ".whl", ".egg", ".db", ".sqlite", ".orig", ".rej", ".swp", ".bak",
}
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
CHANGELOG_ENTRIES = 3
"""How many versions of CHANGELOG.md the zip's metadata.txt lists."""


def read_version(metadata: Path = REPOSITORY / "metadata.txt") -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(metadata, encoding="utf-8")
    version = parser.get("general", "version", fallback="").strip()
    if not version:
        raise SystemExit(f"{metadata}: no 'version' in [general]; add e.g. version=0.1.0")
    return version


def metadata_with_changelog(metadata: Path = REPOSITORY / "metadata.txt") -> bytes:
    """metadata.txt with ``changelog=`` filled from CHANGELOG.md, whose newest version must be the plugin's."""
    from qgispluginci.changelog import ChangelogParser

    parser = ChangelogParser(parent_folder=REPOSITORY)
    if not parser.has_changelog(parent_folder=REPOSITORY):
        raise SystemExit(f"{REPOSITORY / 'CHANGELOG.md'} is missing; the release notes come from it")
    version = read_version(metadata)
    if parser.latest_version() != version:
        raise SystemExit(f"CHANGELOG.md's newest version is {parser.latest_version()}, metadata.txt says {version}: "
                         "add a section for this version to CHANGELOG.md")
    entries = parser.last_items(CHANGELOG_ENTRIES).strip("\n")
    lines = metadata.read_text(encoding="utf-8").splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("changelog="))
    end = start + 1
    while end < len(lines) and lines[end][:1] in (" ", "\t"):
        end += 1  # the continuation lines of the old value
    lines[start:end] = ["changelog=", *(f"    {line.strip()}" for line in entries.splitlines() if line.strip())]
    return ("\n".join(lines) + "\n").encode("utf-8")


def is_packaged(relative: Path) -> bool:
    """Whether a file (path relative to the folder being copied) belongs in the zip."""
    if any(part.startswith(".") or part in EXCLUDED_DIR_NAMES for part in relative.parts):
        return False
    if relative.suffix.lower() in EXCLUDED_SUFFIXES:
        return False
    return not relative.name.endswith("~")


def _files_under(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and is_packaged(path.relative_to(folder)):
            yield path


def plugin_files() -> List[Tuple[Path, str]]:
    """(source file, name in the zip) for the plugin's own files."""
    entries = []
    for name in TOP_LEVEL_FILES:
        source = REPOSITORY / name
        if not source.is_file():
            raise SystemExit(f"{source} is missing; the plugin repository requires it")
        entries.append((source, f"{PLUGIN_NAME}/{name}"))
    for folder_name in TOP_LEVEL_DIRS:
        folder = REPOSITORY / folder_name
        if not folder.is_dir():
            continue
        for path in _files_under(folder):
            entries.append((path, f"{PLUGIN_NAME}/{path.relative_to(REPOSITORY).as_posix()}"))
    return entries


def build(out_dir: Path) -> Path:
    version = read_version()
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"{PLUGIN_NAME}-{version}.zip"
    entries = plugin_files()
    names = [name for _, name in entries]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise SystemExit(f"files would overwrite each other in the zip: {sorted(duplicates)}")
    temporary = archive.with_suffix(".zip.tmp")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as zip_file:
        for source, name in sorted(entries, key=lambda entry: entry[1]):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zip_file.writestr(info, metadata_with_changelog(source) if name == f"{PLUGIN_NAME}/metadata.txt"
                              else source.read_bytes())
    temporary.replace(archive)
    return archive


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPOSITORY / "dist", help="output folder (default: dist)")
    arguments = parser.parse_args(argv)
    archive = build(arguments.out if arguments.out.is_absolute() else Path.cwd() / arguments.out)
    with zipfile.ZipFile(archive) as zip_file:
        count = len(zip_file.namelist())
    print(f"{archive} ({archive.stat().st_size // 1024} KiB, {count} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
