"""Tiling grids of Sentinel Hub Batch: the predefined table and the live ``/tilinggrids`` descriptions.

The live listing (``GET /tilinggrids``) is authoritative when connected; :data:`BUILTIN_GRIDS` is the offline
fallback (``spec/tiling-grids.md`` §1). :class:`GridCatalog` holds the grids of one connection: the live listing
once read, the built-in table until then or when it cannot be read.
"""

from __future__ import annotations

import copy
import math
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Mapping, Optional, Tuple, Union

from .errors import InvalidRequestError, SentinelHubBatchError

UNIT_METRE = "METRE"
UNIT_DEGREE = "DEGREE"
CRS_UTM = "UTM"
CRS_WGS84 = "WGS84"
CRS_LAEA = "LAEA"

_KNOWN_PROPERTIES = ("tileWidth", "tileHeight", "resolutions", "unit")
_KNOWN_TOP_LEVEL = ("id", "name", "properties")


@dataclass(frozen=True)
class TilingGrid:
    """One tiling grid. ``extra`` keeps every key of the API description this plugin does not know."""

    id: int
    name: str
    tile_width: float
    tile_height: float
    resolutions: Tuple[float, ...]
    unit: str = UNIT_METRE
    crs_kind: str = CRS_UTM
    extra: Dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_api(cls, description: Mapping[str, Any]) -> TilingGrid:
        """Read ``{"id", "name", "properties": {"tileWidth", "tileHeight", "resolutions", "unit"}}``.

        A key the description lacks is taken from the built-in grid with the same id, if there is one.
        """
        if not isinstance(description, Mapping) or "id" not in description:
            raise InvalidRequestError(f"Not a tiling grid description (it has no 'id'): {description!r}")
        try:
            grid_id = int(description["id"])
        except (TypeError, ValueError):
            raise InvalidRequestError(f"The tiling grid id {description['id']!r} is not a whole number.") from None
        properties = description.get("properties")
        if not isinstance(properties, Mapping):
            properties = {}
        builtin = BUILTIN_GRIDS.get(grid_id)
        name = str(description.get("name") or (builtin.name if builtin else f"Tiling grid {grid_id}"))
        unit = str(properties.get("unit") or (builtin.unit if builtin else UNIT_METRE)).upper()
        tile_width = _number(properties.get("tileWidth"), builtin.tile_width if builtin else None, "tileWidth", grid_id)
        tile_height = _number(properties.get("tileHeight"), tile_width, "tileHeight", grid_id)
        raw_resolutions = properties.get("resolutions")
        if isinstance(raw_resolutions, (list, tuple)) and raw_resolutions:
            try:
                resolutions = tuple(float(value) for value in raw_resolutions)
            except (TypeError, ValueError):
                message = f"Tiling grid {grid_id} lists unreadable resolutions {raw_resolutions!r}."
                raise InvalidRequestError(message) from None
        elif builtin is not None:
            resolutions = builtin.resolutions
        else:
            raise InvalidRequestError(f"Tiling grid {grid_id} lists no resolutions.")
        extra: Dict[str, Any] = {
            key: copy.deepcopy(value) for key, value in description.items() if key not in _KNOWN_TOP_LEVEL
        }
        unknown_properties = {k: copy.deepcopy(v) for k, v in properties.items() if k not in _KNOWN_PROPERTIES}
        if unknown_properties:
            extra["properties"] = unknown_properties
        return cls(
            id=grid_id,
            name=name,
            tile_width=tile_width,
            tile_height=tile_height,
            resolutions=resolutions,
            unit=unit,
            crs_kind=_crs_kind(name, unit, builtin),
            extra=extra,
        )

    def to_api(self) -> Dict[str, Any]:
        """The API description, unknown keys included, so a round trip loses nothing."""
        extra = copy.deepcopy(self.extra)
        properties: Dict[str, Any] = dict(extra.pop("properties", None) or {})
        properties.update(
            {
                "tileWidth": _plain(self.tile_width),
                "tileHeight": _plain(self.tile_height),
                "resolutions": [_plain(value) for value in self.resolutions],
                "unit": self.unit,
            }
        )
        description: Dict[str, Any] = {"id": self.id, "name": self.name, "properties": properties}
        description.update(extra)
        return description

    @property
    def unit_symbol(self) -> str:
        """Unit after a number: ``"°"`` or ``" m"``."""
        return "°" if self.unit == UNIT_DEGREE else " m"

    def allows_resolution(self, resolution: Any) -> bool:
        try:
            self.check_resolution(resolution)
        except InvalidRequestError:
            return False
        return True

    def check_resolution(self, resolution: Any) -> float:
        """Return the allowed resolution equal to ``resolution``; raise InvalidRequestError naming the allowed ones."""
        try:
            value = float(resolution)
        except (TypeError, ValueError):
            value = math.nan
        for allowed in self.resolutions:
            if math.isclose(value, allowed, rel_tol=1e-9):
                return allowed
        allowed_text = ", ".join(format_number(v) for v in self.resolutions) or "none"
        raise InvalidRequestError(
            f"The {self.name} (id {self.id}) does not allow resolution {resolution}{self.unit_symbol}; "
            f"choose one of: {allowed_text}{self.unit_symbol}."
        )

    def tile_pixels(self, resolution: Any) -> Tuple[int, int]:
        """Width and height of one tile in pixels at an allowed resolution (buffer not included)."""
        allowed = self.check_resolution(resolution)
        return round(self.tile_width / allowed), round(self.tile_height / allowed)

    def describe(self) -> str:
        """One line for lists: ``1: UTM 10km grid (tiles 10000 m; 10, 20 m)``."""
        size = format_number(self.tile_width)
        if self.tile_height != self.tile_width:
            size += f" × {format_number(self.tile_height)}"
        resolutions = ", ".join(format_number(v) for v in self.resolutions)
        return f"{self.id}: {self.name} (tiles {size}{self.unit_symbol}; {resolutions}{self.unit_symbol})"


def _crs_kind(name: str, unit: str, builtin: Optional[TilingGrid]) -> str:
    upper = name.upper()
    if unit == UNIT_DEGREE or "WGS84" in upper or "WGS 84" in upper:
        return CRS_WGS84
    if "LAEA" in upper:
        return CRS_LAEA
    if "UTM" in upper:
        return CRS_UTM
    if builtin is not None and builtin.unit == unit:
        return builtin.crs_kind
    return CRS_UTM


def _number(value: Any, fallback: Optional[float], key: str, grid_id: int) -> float:
    if value is None:
        if fallback is None:
            raise InvalidRequestError(f"The description of tiling grid {grid_id} has no {key}.")
        return float(fallback)
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not number > 0:
        raise InvalidRequestError(f"The description of tiling grid {grid_id} has an unusable {key}: {value!r}.")
    return number


def _plain(value: float) -> Union[int, float]:
    return int(value) if float(value).is_integer() else value


def format_number(value: float) -> str:
    """``10`` for 10.0, ``0.0001`` for 1e-4: numbers as people write them."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def _builtin(grid_id: int, name: str, size: float, resolutions: Tuple[float, ...], unit: str, kind: str) -> TilingGrid:
    return TilingGrid(grid_id, name, float(size), float(size), tuple(float(r) for r in resolutions), unit, kind)


BUILTIN_GRIDS: Dict[int, TilingGrid] = {
    grid.id: grid
    for grid in (
        _builtin(0, "20km grid", 20040, (10, 20, 60), UNIT_METRE, CRS_UTM),
        _builtin(1, "10km grid", 10000, (1, 10, 20), UNIT_METRE, CRS_UTM),
        _builtin(2, "100km grid", 100080, (60, 120, 240, 360), UNIT_METRE, CRS_UTM),
        _builtin(3, "WGS84 1 degree grid", 1, (0.0001, 0.0002, 0.0005, 0.0008, 0.001, 0.002, 0.005, 0.008),
                 UNIT_DEGREE, CRS_WGS84),
        _builtin(6, "LAEA 100km grid", 100000, (40, 50, 100), UNIT_METRE, CRS_LAEA),
        _builtin(7, "LAEA 20km grid", 20000, (10, 20), UNIT_METRE, CRS_LAEA),
    )
}
"""The offline fallback: names and resolutions as the live ``GET /tilinggrids`` lists them (2024 listing in
sentinelhub-py's batch_processing_v2 example). The live listing, when available, takes precedence. Left out: grid
1's listed 1.4999 m, which does not divide its 10 000 m tiles into whole pixels."""

#: Latitude limits (south, north) in degrees of each predefined grid's coverage (spec §1).
GRID_LATITUDE_LIMITS: Dict[int, Tuple[float, float]] = {
    0: (-80.7, 80.7),
    1: (-80.6, 80.6),
    2: (-81.0, 81.0),
    3: (-90.0, 90.0),
    6: (-90.0, 90.0),
    7: (-90.0, 90.0),
}
_DEFAULT_LATITUDE_LIMITS = {CRS_UTM: (-80.0, 84.0), CRS_WGS84: (-90.0, 90.0), CRS_LAEA: (-90.0, 90.0)}


def latitude_limits(grid: TilingGrid) -> Tuple[float, float]:
    """Southern and northern latitude limit of a grid (UTM grids stop short of the poles)."""
    if grid.id in GRID_LATITUDE_LIMITS and grid.crs_kind == BUILTIN_GRIDS[grid.id].crs_kind:
        return GRID_LATITUDE_LIMITS[grid.id]
    return _DEFAULT_LATITUDE_LIMITS.get(grid.crs_kind, (-90.0, 90.0))


def get_grid(
    grid_id: Union[int, str, TilingGrid],
    live_grids: Optional[Iterable[Union[TilingGrid, Mapping[str, Any]]]] = None,
) -> TilingGrid:
    """The grid with this id: from ``live_grids`` (the ``/tilinggrids`` listing) when it has it, else built in."""
    if isinstance(grid_id, TilingGrid):
        return grid_id
    live = [grid if isinstance(grid, TilingGrid) else TilingGrid.from_api(grid) for grid in live_grids or ()]
    try:
        wanted = int(grid_id)
    except (TypeError, ValueError):
        raise InvalidRequestError(f"{grid_id!r} is not a tiling grid id; use one of {_known_ids(live)}.") from None
    for grid in live:
        if grid.id == wanted:
            return grid
    if wanted in BUILTIN_GRIDS:
        return BUILTIN_GRIDS[wanted]
    raise InvalidRequestError(f"There is no tiling grid with id {wanted}; use one of {_known_ids(live)}.")


def _known_ids(live_grids: Iterable[TilingGrid]) -> str:
    ids = set(BUILTIN_GRIDS) | {grid.id for grid in live_grids}
    return ", ".join(str(grid_id) for grid_id in sorted(ids))


class GridCatalog:
    """The tiling grids of one connection: the service's live listing once read, else the built-in table.

    ``fetch`` reads the listing (e.g. ``BatchClient.tiling_grids``); it is called once, again only after
    :meth:`refresh` or after it failed. Safe to share between threads.
    """

    def __init__(self, fetch: Optional[Callable[[], Iterable[Union[TilingGrid, Mapping[str, Any]]]]] = None):
        self._fetch = fetch
        self._lock = threading.Lock()
        self._live: Optional[Dict[int, TilingGrid]] = None
        self.error: Optional[str] = None
        """Why the live listing could not be read the last time it was tried (None when it was read)."""

    @property
    def is_live(self) -> bool:
        """Whether the grids come from the service's listing (not the built-in table)."""
        return self._live is not None

    def grids(self) -> Dict[int, TilingGrid]:
        """Every grid by id: the live listing when it can be read, else the built-in table."""
        with self._lock:
            if self._live is None and self._fetch is not None:
                try:
                    listing = [g if isinstance(g, TilingGrid) else TilingGrid.from_api(g) for g in self._fetch()]
                except SentinelHubBatchError as error:
                    self.error = str(error)
                else:
                    if listing:
                        self._live = {grid.id: grid for grid in listing}
                        self.error = None
                    else:
                        self.error = "The service listed no tiling grid."
            return dict(self._live) if self._live is not None else dict(BUILTIN_GRIDS)

    def grid(self, grid_id: Union[int, str, TilingGrid]) -> TilingGrid:
        """The grid with this id; with a live listing, only a grid the service lists."""
        if isinstance(grid_id, TilingGrid):
            grid_id = grid_id.id
        grids = self.grids()
        try:
            wanted = int(grid_id)
        except (TypeError, ValueError):
            raise InvalidRequestError(f"{grid_id!r} is not a tiling grid id; use one of {_ids(grids)}.") from None
        if wanted not in grids:
            where = "the service lists" if self.is_live else "are built in"
            raise InvalidRequestError(f"There is no tiling grid with id {wanted}; the grids that {where}: "
                                      f"{_ids(grids)}.")
        return grids[wanted]

    def resolve(self, grid_id: Union[int, str, TilingGrid], resolution: Any) -> Tuple[TilingGrid, float]:
        """The grid and the allowed resolution equal to ``resolution``; raises InvalidRequestError naming the
        resolutions the grid allows (the service's, when its listing was read)."""
        grid = self.grid(grid_id)
        return grid, grid.check_resolution(resolution)

    def refresh(self) -> None:
        """Read the live listing again at the next request (e.g. after reconnecting)."""
        with self._lock:
            self._live = None


_CATALOGS: weakref.WeakKeyDictionary[Any, GridCatalog] = weakref.WeakKeyDictionary()
_CATALOGS_LOCK = threading.Lock()


def catalog_for(client: Any) -> GridCatalog:
    """The grid catalog of a connection (one per client object, reading ``client.tiling_grids()`` once)."""
    with _CATALOGS_LOCK:
        catalog = _CATALOGS.get(client)
        if catalog is None:
            catalog = _CATALOGS[client] = GridCatalog(client.tiling_grids)
        return catalog


def _ids(grids: Mapping[int, TilingGrid]) -> str:
    return ", ".join(str(grid_id) for grid_id in sorted(grids))
