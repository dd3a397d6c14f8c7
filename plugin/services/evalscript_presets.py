"""Evalscripts shipped with the plugin (``resources/evalscripts``) and loading/saving scripts from files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Tuple

from ..core.errors import InvalidRequestError

EVALSCRIPT_FOLDER = Path(__file__).resolve().parents[2] / "resources" / "evalscripts"
MAX_EVALSCRIPT_BYTES = 1_000_000


@dataclass(frozen=True)
class EvalscriptPreset:
    key: str
    title: str
    file_name: str
    description: str

    @property
    def path(self) -> Path:
        return EVALSCRIPT_FOLDER / self.file_name

    def read(self) -> str:
        return self.path.read_text(encoding="utf-8")


PRESETS: Tuple[EvalscriptPreset, ...] = (
    EvalscriptPreset("temporal_interpolation", "Temporal interpolation of NDVI (tutorial)",
                     "temporal_interpolation.js",
                     "The batch tutorial's script: NDVI every 7 days in July 2020, interpolated over cloudy days "
                     "(outputs NDVI and data_mask, ORBIT mosaicking)."),
    EvalscriptPreset("true_color", "True colour", "true_color.js",
                     "Sentinel-2 red, green, blue as 8-bit RGB plus a transparency band (output 'default')."),
    EvalscriptPreset("ndvi", "NDVI", "ndvi.js",
                     "Normalised difference vegetation index as 32-bit float, plus a data mask."),
)
PRESETS_BY_KEY: Dict[str, EvalscriptPreset] = {preset.key: preset for preset in PRESETS}
DEFAULT_PRESET = "temporal_interpolation"


def preset_text(key: str) -> str:
    try:
        return PRESETS_BY_KEY[key].read()
    except KeyError:
        raise InvalidRequestError(f"There is no evalscript preset '{key}'; known: {', '.join(PRESETS_BY_KEY)}.") \
            from None


def read_evalscript_file(path: str) -> str:
    """The text of a script file, with messages a user can act on."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_EVALSCRIPT_BYTES:
            raise InvalidRequestError(f"'{file.name}' is larger than 1 MB; that is not an evalscript.")
        return file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidRequestError(f"'{file.name}' is not a text file (it is not UTF-8). Choose a .js evalscript.") \
            from None
    except OSError as error:
        raise InvalidRequestError(f"'{file}' could not be read ({error.strerror or error}).") from None


def write_evalscript_file(path: str, text: str) -> None:
    file = Path(path)
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as error:
        raise InvalidRequestError(f"The evalscript could not be saved to '{file}' ({error.strerror or error}). "
                                  "Choose a folder you can write to.") from None
