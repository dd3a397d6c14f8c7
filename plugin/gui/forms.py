"""The Qt Designer files of ``ui/``, compiled when a dock or dialog module is imported."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Tuple

from qgis.PyQt import uic

UI_FOLDER = Path(__file__).resolve().parents[2] / "ui"
ERROR_STYLE = "color: #c62828;"
"""The style of a label that says what is wrong (a problem to fix, a refused limit)."""


def load_form(file_name: str) -> Tuple[Any, Any]:
    """(form class, Qt base class) of ``ui/<file_name>``; a widget class inherits both and calls ``setupUi``."""
    return uic.loadUiType(str(UI_FOLDER / file_name))
