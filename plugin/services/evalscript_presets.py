"""Evalscripts shipped with the plugin (``resources/evalscripts``) and loading/saving scripts from files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Dict, Tuple

from ..core.errors import InvalidRequestError
from .i18n import tr

EVALSCRIPT_FOLDER = Path(__file__).resolve().parents[2] / "resources" / "evalscripts"
MAX_EVALSCRIPT_BYTES = 1_000_000
PRESET_FILES: Dict[str, str] = {
    "temporal_interpolation": "temporal_interpolation.js",
    "true_color": "true_color.js",
    "ndvi": "ndvi.js",
}
DEFAULT_PRESET = "temporal_interpolation"
TUTORIAL_TIME_RANGE = (date(2020, 7, 1), date(2020, 7, 30))
"""The time range of the batch tutorial the default preset comes from: the default of the docks and Processing."""


@dataclass(frozen=True)
class EvalscriptPreset:
    key: str
    title: str
    description: str

    @property
    def path(self) -> Path:
        return EVALSCRIPT_FOLDER / PRESET_FILES[self.key]


def presets() -> Tuple[EvalscriptPreset, ...]:
    """The presets with their titles and descriptions in the user's language, in the order they are offered."""
    return (
        EvalscriptPreset("temporal_interpolation", tr("Temporal interpolation of NDVI (tutorial)"),
                         tr("The batch tutorial's script: NDVI every 7 days in July 2020, interpolated over cloudy "
                            "days (outputs NDVI and data_mask, ORBIT mosaicking).")),
        EvalscriptPreset("true_color", tr("True colour"),
                         tr("Sentinel-2 red, green, blue as 8-bit RGB plus a transparency band (output 'default').")),
        EvalscriptPreset("ndvi", tr("NDVI"),
                         tr("Normalised difference vegetation index as 32-bit float, plus a data mask.")),
    )


def preset_text(key: str) -> str:
    if key not in PRESET_FILES:
        raise InvalidRequestError(tr("There is no evalscript preset '{key}'; known: {known}.").format(
            key=key, known=", ".join(PRESET_FILES)))
    return (EVALSCRIPT_FOLDER / PRESET_FILES[key]).read_text(encoding="utf-8")


def read_evalscript_file(path: str) -> str:
    """The text of a script file, with messages a user can act on."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_EVALSCRIPT_BYTES:
            raise InvalidRequestError(tr("'{name}' is larger than 1 MB; that is not an evalscript.").format(
                name=file.name))
        return file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidRequestError(tr("'{name}' is not a text file (it is not UTF-8). Choose a .js evalscript.")
                                  .format(name=file.name)) from None
    except OSError as error:
        raise InvalidRequestError(tr("'{path}' could not be read ({reason}).").format(
            path=file, reason=error.strerror or error)) from None


def write_evalscript_file(path: str, text: str) -> None:
    file = Path(path)
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InvalidRequestError(tr("The evalscript could not be saved to '{path}' ({reason}). Choose a folder you "
                                     "can write to.").format(path=file, reason=error.strerror or error)) from None
