"""Layering rules: ``plugin/core`` is QGIS-free; ``plugin/services`` is the QGIS-side layer under both shells and has
no widgets; the shells ``plugin/gui`` and ``plugin/processing`` never import each other; Qt is imported only through
``qgis.PyQt``."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
CORE = REPOSITORY / "plugin" / "core"
FORBIDDEN_QT_BINDINGS = ("PyQt5", "PyQt6", "PySide2", "PySide6")
PACKAGE = "sentinelhub_batch.plugin"
SHELL_RULES = {
    "processing": (f"{PACKAGE}.gui", f"{PACKAGE}.plugin"),
    "gui": (f"{PACKAGE}.processing", f"{PACKAGE}.plugin"),
    "services": (f"{PACKAGE}.gui", f"{PACKAGE}.processing", f"{PACKAGE}.plugin", "qgis.gui"),
}
"""package under plugin/ → module prefixes it must not import (``plugin.plugin`` wires the shells together)."""
SERVICES_QT_WIDGETS_ALLOWED = {"QAction"}
"""What plugin/services may take from QtWidgets: QAction lives there in Qt5 (the compat shim); no widgets."""


def imported_modules(source: str, module_package: str) -> Iterator[Tuple[int, str]]:
    """(line, absolute module name) for every import in ``source``, a module of package ``module_package``.

    Covers ``import x``, ``from x import y`` (as ``x`` and ``x.y``: y may be a submodule), relative imports
    (resolved) and ``importlib.import_module("x")`` / ``__import__("x")`` with a literal name. Comments and strings
    are not imports.
    """
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = module_package.split(".")
                base = parts[: len(parts) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"
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
        elif root == "sentinelhub_batch" and not module.startswith("sentinelhub_batch.plugin.core"):
            problems.append(f"line {line}: imports {module}, which is outside the QGIS-free core")
    return problems


def qt_binding_violations(source: str, module_package: str) -> List[str]:
    return [
        f"line {line}: imports {module}; import Qt through qgis.PyQt"
        for line, module in imported_modules(source, module_package)
        if module.split(".")[0] in FORBIDDEN_QT_BINDINGS
    ]


def forbidden_imports(source: str, module_package: str, forbidden: Tuple[str, ...]) -> List[str]:
    return [
        f"line {line}: imports {module}"
        for line, module in imported_modules(source, module_package)
        if any(module == prefix or module.startswith(prefix + ".") for prefix in forbidden)
    ]


def widget_imports(source: str) -> List[str]:
    """Names taken from a QtWidgets module other than the allowed ones (``from qgis.PyQt.QtWidgets import X``)."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("QtWidgets"):
            problems += [f"line {node.lineno}: imports {alias.name} from {node.module}" for alias in node.names
                         if alias.name not in SERVICES_QT_WIDGETS_ALLOWED]
        elif isinstance(node, ast.Import):
            problems += [f"line {node.lineno}: imports {alias.name}" for alias in node.names
                         if alias.name.endswith("QtWidgets")]
    return problems


def plugin_python_files() -> List[Path]:
    return [REPOSITORY / "__init__.py", *sorted((REPOSITORY / "plugin").rglob("*.py"))]


def test_core_never_imports_qgis_or_the_gui():
    core_files = sorted(CORE.rglob("*.py"))
    assert core_files, f"no Python files under {CORE}"
    problems = {}
    for path in core_files:
        found = core_violations(path.read_text(encoding="utf-8"), package_of(path))
        if found:
            problems[str(path.relative_to(REPOSITORY))] = found
    assert not problems, f"plugin/core must stay QGIS-free (move QGIS code to plugin/gui): {problems}"


@pytest.mark.parametrize("package", sorted(SHELL_RULES))
def test_each_layer_imports_only_what_it_may(package):
    """processing never imports gui, gui never imports processing, services imports neither (nor the widgets)."""
    files = sorted((REPOSITORY / "plugin" / package).rglob("*.py"))
    assert files, f"no Python files under plugin/{package}"
    problems = {}
    for path in files:
        source = path.read_text(encoding="utf-8")
        found = forbidden_imports(source, package_of(path), SHELL_RULES[package])
        if package == "services":
            found += widget_imports(source)
        if found:
            problems[str(path.relative_to(REPOSITORY))] = found
    assert not problems, problems


@pytest.mark.parametrize(
    "package, module_package, source",
    [
        ("processing", "processing.algorithms", "from ...gui.area import area_from_layer"),
        ("processing", "processing.algorithms", "from sentinelhub_batch.plugin.gui import new_job_dock"),
        ("processing", "processing.algorithms", "def f():\n    from ... import gui"),
        ("processing", "processing", "from .. import plugin"),
        ("gui", "gui", "from ..processing.provider import SentinelHubBatchProvider"),
        ("services", "services", "from ..gui.monitor import JobMonitor"),
        ("services", "services", "from qgis.gui import QgsMapLayerComboBox"),
        ("services", "services", "import qgis.gui"),
    ],
)
def test_checker_flags_imports_across_the_shells(package, module_package, source):
    assert forbidden_imports(source, f"{PACKAGE}.{module_package}", SHELL_RULES[package])


def test_checker_accepts_imports_of_the_service_layer():
    for package in ("processing", "gui"):
        assert forbidden_imports("from ..services.area import area_from_layer\nfrom ..core import jobs",
                                 f"{PACKAGE}.{package}", SHELL_RULES[package]) == []


@pytest.mark.parametrize(
    "source, flagged",
    [
        ("from qgis.PyQt.QtWidgets import QAction", False),
        ("from qgis.PyQt.QtWidgets import QWidget", True),
        ("from qgis.PyQt.QtWidgets import QAction, QDialog", True),
        ("import qgis.PyQt.QtWidgets", True),
        ("from qgis.PyQt.QtCore import QObject", False),
    ],
)
def test_checker_flags_widgets_in_the_service_layer(source, flagged):
    assert bool(widget_imports(source)) is flagged


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


PYPROJ_DOOR = REPOSITORY / "plugin" / "core" / "proj.py"
"""The one module that may import pyproj (its constructors refuse Qt's threads, where pyproj 3.5-3.7 crashes)."""
DEPENDENCY_CHECK = REPOSITORY / "plugin" / "gui" / "dependencies.py"
"""Imports pyproj by name at start (on the main thread) to check it can share QGIS's process."""


def pyproj_imports(source: str, module_package: str) -> List[str]:
    return [f"line {line}: imports {module}" for line, module in imported_modules(source, module_package)
            if module.split(".")[0] == "pyproj"]


def test_pyproj_is_reached_only_through_the_one_door():
    problems = {}
    for path in plugin_python_files():
        if path in (PYPROJ_DOOR, DEPENDENCY_CHECK):
            continue
        found = pyproj_imports(path.read_text(encoding="utf-8"), package_of(path))
        if found:
            problems[str(path.relative_to(REPOSITORY))] = found
    assert problems == {}, "make pyproj objects through plugin/core/proj.py only"


@pytest.mark.parametrize("source", ["import pyproj", "from pyproj import CRS", "from pyproj.exceptions import CRSError",
                                    "import importlib\nimportlib.import_module('pyproj')"])
def test_checker_flags_any_pyproj_import(source):
    assert pyproj_imports(source, "sentinelhub_batch.plugin.services")
