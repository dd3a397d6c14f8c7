"""QGIS 4 readiness: the plugin names no QGIS enum through an alias that QGIS 4 removes.

Since QGIS 3.30 many enums moved into ``Qgis`` (``QgsWkbTypes.Type`` → ``Qgis.WkbType``); QGIS 3.x keeps the old
names as aliases of the new enums (and unscoped members such as ``Qgis.Warning``), QGIS 4 drops them. Every
attribute chain over a ``qgis.core``/``qgis.gui`` name in the plugin (and its tools) is resolved against the running
QGIS: an enum reached under another name than its own is such an alias. ``plugin/services/compat.py`` is the one place
allowed to name the old spelling, for the QGIS versions that lack the new one. On QGIS 3.22 few aliases exist; the
test bites on 3.40 (``make test-qgis-3.40``).
"""

from __future__ import annotations

import ast
import enum
import importlib
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
from qgis.PyQt.QtCore import Qt

REPOSITORY = Path(__file__).resolve().parents[2]
CHECKED = [REPOSITORY / "__init__.py", *sorted((REPOSITORY / "plugin").rglob("*.py")),
           *sorted((REPOSITORY / "tests" / "tools").glob("*.py"))]
ALLOWED = {REPOSITORY / "plugin" / "services" / "compat.py"}
QGIS_MODULES = ("qgis.core", "qgis.gui")
ENUM_TYPES = (enum.EnumMeta, type(type(Qt.AlignmentFlag.AlignLeft)))  # Python enums, and sip's (PyQt5)


def qgis_chains(source: str) -> Iterator[Tuple[int, List[str]]]:
    """(line, [name, attribute, ...]) of every outermost attribute chain rooted at a name imported from QGIS."""
    tree = ast.parse(source)
    imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and node.module in QGIS_MODULES for alias in node.names}
    inner = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and id(node) not in inner:
            chain, part = [], node
            while isinstance(part, ast.Attribute):
                chain.append(part.attr)
                inner.add(id(part.value))
                part = part.value
            if isinstance(part, ast.Name) and part.id in imported:
                yield node.lineno, [part.id, *reversed(chain)]


def alias_in(chain: List[str]) -> str:
    """The part of ``chain`` that reaches an enum (or a member) under a name that is not its own; "" if none."""
    value = next(getattr(importlib.import_module(module), chain[0]) for module in QGIS_MODULES
                 if hasattr(importlib.import_module(module), chain[0]))
    path = chain[0]
    for attribute in chain[1:]:
        owner_path, value, path = path, getattr(value, attribute, None), f"{path}.{attribute}"
        if isinstance(value, ENUM_TYPES) and value.__qualname__ != path:
            return f"{path} (= {value.__qualname__})"
        if isinstance(type(value), ENUM_TYPES) and type(value).__qualname__ != owner_path:
            return f"{path} (= {type(value).__qualname__}.{attribute})"
    return ""


def test_the_scanner_finds_the_aliases_qgis_4_removes():
    source = "from qgis.core import Qgis, QgsWkbTypes\nx = QgsWkbTypes.Type.Polygon\ny = Qgis.WkbType.Polygon\n"
    chains = list(qgis_chains(source))
    assert chains == [(2, ["QgsWkbTypes", "Type", "Polygon"]), (3, ["Qgis", "WkbType", "Polygon"])]
    assert alias_in(["Qgis", "MessageLevel", "Warning"]) == ""
    if alias_in(["QgsWkbTypes", "Type", "Polygon"]) == "":
        pytest.skip("this QGIS has no Qgis.WkbType yet: QgsWkbTypes.Type is the real enum here")
    assert alias_in(["QgsWkbTypes", "Type", "Polygon"]).startswith("QgsWkbTypes.Type (= Qgis.WkbType)")
    assert alias_in(["Qgis", "WkbType", "Polygon"]) == ""


def test_the_plugin_uses_no_qgis_enum_alias():
    found = []
    for path in CHECKED:
        if path in ALLOWED:
            continue
        for line, chain in qgis_chains(path.read_text(encoding="utf-8")):
            alias = alias_in(chain)
            if alias:
                found.append(f"{path.relative_to(REPOSITORY)}:{line}: {'.'.join(chain)} via {alias}")
    assert found == [], "use the new name, through plugin/services/compat.py if QGIS 3.22 lacks it:\n" + "\n".join(found)
