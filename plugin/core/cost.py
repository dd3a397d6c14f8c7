"""Cost of a batch request in processing units (PU), before it is sent (``spec/tiling-grids.md`` §4).

Batch v2 gives no estimate, so the plugin computes one from the tiles and the evalscript. Per tile::

    PU = area × input bands × sample type × samples × Sentinel-1 × data fusion

- area: ``width × height / 512²`` in tile pixels (the buffer is not counted), at least 0.01;
- input bands: ``n / 3``, ``dataMask`` not counted unless it is the only band;
- sample type: × 2 when the script writes FLOAT32;
- samples: 1 with SIMPLE mosaicking; with ORBIT/TILE ``floor(whole days between from and to) / 3``, at least 1;
- Sentinel-1: orthorectification × 2, or radiometric terrain correction × 2.5 instead; speckle filter × 2;
- data fusion: ``local collections + 2 × remote collections``.

The legacy ``valueEstimate`` is the sum over tiles. A batch job is charged one third of it for every tile of at
least 10 000 px, the full rate for smaller tiles (possible with GeoPackage input), and at least 100 PU per request
(provider docs, Overview/ProcessingUnit.qmd: "a multiplication factor of 1/3 will be applied to all tiles with a
size of at least 10,000 px ... tiles smaller than 10,000 px ... charged at the regular rate").

Choices where the spec says nothing (all made in :func:`_request_factors`):

- several outputs with different sample types: × 2 when *any* output is FLOAT32 (the 32-bit output decides how
  much is computed and written);
- fractional samples are kept (31 days → 10.33 samples), not rounded: an estimate should not jump by whole
  samples when the range grows by a day;
- no input band at all counts as one band (1/3), like a script asking only for ``dataMask``;
- the data fusion factor counts the script's data sources (1 for a single collection); the caller says how many of
  them are remote (in another deployment).

Assumptions about what the provider's text leaves open (each one constant below, used in one place):

- ``BUFFER_PIXELS_COUNTED``: whether a tile's buffer pixels count, in the area and in the 10 000 px threshold. No
  source says either way; assumed not (the tile's own pixels, what its name and the grid define).
- ``DISCOUNT_AT_THE_THRESHOLD``: a tile of exactly 10 000 px gets the discount. The Batch v1 text says "at least
  10,000 px", the Batch v2 text "bigger than 10.000 px"; the v1 wording is followed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from .errors import InvalidRequestError
from .evalscript import DATA_MASK_BAND, EvalscriptInfo

PIXELS_PER_UNIT = 512 * 512
BANDS_PER_UNIT = 3
MINIMUM_AREA_FACTOR = 0.01
FLOAT32_FACTOR = 2.0
DAYS_PER_SAMPLE = 3
ORTHORECTIFICATION_FACTOR = 2.0
TERRAIN_CORRECTION_FACTOR = 2.5
SPECKLE_FILTER_FACTOR = 2.0
REMOTE_COLLECTION_WEIGHT = 2
BATCH_DISCOUNT = 1.0 / 3.0
#: Tiles with fewer pixels than this are charged at the full rate (provider docs).
DISCOUNT_MINIMUM_TILE_PIXELS = 10_000
MINIMUM_BILLED_PU = 100.0
#: ASSUMPTION: buffer pixels do not count (see the module docstring).
BUFFER_PIXELS_COUNTED = False
#: ASSUMPTION: exactly 10 000 px is discounted (see the module docstring).
DISCOUNT_AT_THE_THRESHOLD = True

TimeLike = Union[datetime, date, str, None]


@dataclass(frozen=True)
class TileCost:
    name: str
    width: int
    height: int
    area_factor: float
    estimate_pu: float
    charged_pu: float
    discounted: bool = True
    """Whether the batch discount applies (the tile has at least 10 000 px)."""


@dataclass(frozen=True)
class CostEstimate:
    """The estimate of a whole request. ``factors`` explains it in readable lines; ``tiles`` has the cost of each
    tile when the estimate was made from tiles (empty when made from counts, :func:`estimate_for_tile_counts`)."""

    estimate_pu: float
    charged_pu: float
    billed_pu: float
    tiles: Tuple[TileCost, ...]
    factors: Tuple[str, ...]
    request_factor: float
    band_factor: float
    sample_type_factor: float
    samples: float
    sentinel1_factor: float
    data_fusion_factor: float
    tile_count: int

    @property
    def per_tile(self) -> Tuple[TileCost, ...]:
        return self.tiles

    @property
    def minimum_applies(self) -> bool:
        return self.billed_pu > self.charged_pu


@dataclass(frozen=True)
class _SizeGroup:
    """Tiles of one size: how many, and what one of them costs."""

    width: int
    height: int
    count: int
    area_factor: float
    estimate_pu: float
    charged_pu: float
    discounted: bool


@dataclass(frozen=True)
class _RequestFactors:
    bands: float
    sample_type: float
    samples: float
    sentinel1: float
    data_fusion: float
    lines: Tuple[str, ...]

    @property
    def product(self) -> float:
        return self.bands * self.sample_type * self.samples * self.sentinel1 * self.data_fusion


def estimate_processing_units(
    tiles: Iterable[Any],
    evalscript_info: EvalscriptInfo,
    time_from: TimeLike = None,
    time_to: TimeLike = None,
    **options: Any,
) -> CostEstimate:
    """Estimate the PU of a batch request over ``tiles`` (anything with ``width``, ``height`` and ``name``).

    ``time_from``/``time_to`` are datetimes, dates or ISO 8601 strings; a date without a time means the start of
    that day for ``time_from`` and its end (23:59:59) for ``time_to``. They may be omitted with SIMPLE mosaicking.
    ``options`` (:func:`_request_factors`): Sentinel-1 ``orthorectify`` (× 2), ``terrain_correction`` (× 2.5,
    replaces orthorectification), ``speckle_filter`` (× 2); ``remote_collections``, and ``local_collections``
    (default: the script's data sources minus the remote ones).
    """
    tile_list = list(tiles)
    if not tile_list:
        raise InvalidRequestError("There are no tiles to estimate: the area yields no tile of the chosen grid.")
    request = _request_factors(evalscript_info, time_from, time_to, **options)
    groups: Dict[Tuple[int, int], _SizeGroup] = {}
    tile_costs: List[TileCost] = []
    for tile in tile_list:
        width, height = _counted_pixels(tile)
        group = groups.get((width, height))
        if group is None:
            group = _size_group(width, height, 0, request.product)
        groups[(width, height)] = replace(group, count=group.count + 1)
        tile_costs.append(TileCost(str(getattr(tile, "name", "")), width, height, group.area_factor,
                                   group.estimate_pu, group.charged_pu, group.discounted))
    return _estimate(list(groups.values()), request, tuple(tile_costs))


def estimate_for_tile_counts(
    counts: Iterable[Any],
    evalscript_info: EvalscriptInfo,
    time_from: TimeLike = None,
    time_to: TimeLike = None,
    **options: Any,
) -> CostEstimate:
    """:func:`estimate_processing_units` from tile counts (anything with ``count``, ``width`` and ``height``, e.g.
    ``core.tiles.TileCount``): the same estimate without a list of tiles, for areas of millions of tiles."""
    request = _request_factors(evalscript_info, time_from, time_to, **options)
    merged: Dict[Tuple[int, int], int] = {}
    for item in counts:
        size = _counted_pixels(item)
        merged[size] = merged.get(size, 0) + int(item.count)
    groups = [_size_group(width, height, count, request.product) for (width, height), count in merged.items()
              if count]
    if not groups:
        raise InvalidRequestError("There are no tiles to estimate: the area yields no tile of the chosen grid.")
    return _estimate(groups, request, ())


def _size_group(width: int, height: int, count: int, multiplier: float) -> _SizeGroup:
    area = max(width * height / PIXELS_PER_UNIT, MINIMUM_AREA_FACTOR)
    estimate = area * multiplier
    discounted = _discounted(width * height)
    return _SizeGroup(width, height, count, area, estimate, estimate * BATCH_DISCOUNT if discounted else estimate,
                      discounted)


def _estimate(groups: Sequence[_SizeGroup], request: _RequestFactors, tile_costs: Tuple[TileCost, ...]
              ) -> CostEstimate:
    estimate_pu = math.fsum(group.estimate_pu * group.count for group in groups)
    charged_pu = math.fsum(group.charged_pu * group.count for group in groups)
    billed_pu = max(charged_pu, MINIMUM_BILLED_PU)
    lines = [_tiles_line(groups), *request.lines]
    lines.append(f"estimate before the batch discount (legacy valueEstimate): {estimate_pu:.2f} PU")
    lines.append(_charge_line(groups, charged_pu))
    if billed_pu > charged_pu:
        lines.append(f"billed: {billed_pu:.0f} PU (the minimum per request)")
    else:
        lines.append(f"billed: {billed_pu:.2f} PU")
    return CostEstimate(
        estimate_pu=estimate_pu,
        charged_pu=charged_pu,
        billed_pu=billed_pu,
        tiles=tile_costs,
        factors=tuple(lines),
        request_factor=request.product,
        band_factor=request.bands,
        sample_type_factor=request.sample_type,
        samples=request.samples,
        sentinel1_factor=request.sentinel1,
        data_fusion_factor=request.data_fusion,
        tile_count=sum(group.count for group in groups),
    )


def _counted_pixels(tile: Any) -> Tuple[int, int]:
    """Width and height in pixels that the charge counts (``BUFFER_PIXELS_COUNTED``)."""
    if BUFFER_PIXELS_COUNTED:
        return int(getattr(tile, "buffered_width", tile.width)), int(getattr(tile, "buffered_height", tile.height))
    return int(tile.width), int(tile.height)


def _discounted(pixels: int) -> bool:
    if DISCOUNT_AT_THE_THRESHOLD:
        return pixels >= DISCOUNT_MINIMUM_TILE_PIXELS
    return pixels > DISCOUNT_MINIMUM_TILE_PIXELS


def _charge_line(groups: Sequence[_SizeGroup], charged_pu: float) -> str:
    small = sum(group.count for group in groups if not group.discounted)
    if not small:
        return f"batch charge: one third = {charged_pu:.2f} PU"
    total = sum(group.count for group in groups)
    return (
        f"batch charge: {charged_pu:.2f} PU — one third for {total - small} tiles, the full rate for {small} "
        f"tiles under {DISCOUNT_MINIMUM_TILE_PIXELS:,} px"
    )


def _tiles_line(groups: Sequence[_SizeGroup]) -> str:
    total = sum(group.count for group in groups)
    if len(groups) == 1:
        group = groups[0]
        return (
            f"area: {total} tiles × {group.width} × {group.height} px / 512² = {total} × {group.area_factor:.4g} "
            + ("(buffer counted)" if BUFFER_PIXELS_COUNTED else "(buffer not counted)")
        )
    area = math.fsum(group.area_factor * group.count for group in groups)
    return f"area: {total} tiles of {len(groups)} sizes, Σ width × height / 512² = {area:.4g}"


def _request_factors(
    info: EvalscriptInfo,
    time_from: TimeLike,
    time_to: TimeLike,
    *,
    orthorectify: bool = False,
    terrain_correction: bool = False,
    speckle_filter: bool = False,
    remote_collections: int = 0,
    local_collections: Optional[int] = None,
) -> _RequestFactors:
    lines: List[str] = []

    counted = [band for band in info.input_bands if band != DATA_MASK_BAND]
    if not counted:
        counted_number = 1
        note = " (only dataMask)" if info.input_bands else " (no input band counts as one)"
    else:
        counted_number = len(counted)
        note = " (dataMask not counted)" if DATA_MASK_BAND in info.input_bands else ""
    bands = counted_number / BANDS_PER_UNIT
    lines.append(f"input bands: {counted_number} / {BANDS_PER_UNIT} = {bands:.4g}{note}")

    float_outputs = [output.id for output in info.outputs if output.sample_type == "FLOAT32"]
    sample_type = FLOAT32_FACTOR if float_outputs else 1.0
    if float_outputs:
        lines.append(f"output sample type FLOAT32 ({', '.join(float_outputs)}): × {FLOAT32_FACTOR:g}")
    else:
        lines.append("output sample type 16 bits or less: × 1")

    if info.mosaicking in ("ORBIT", "TILE"):
        start, end = _time_range(time_from, time_to)
        whole_days = math.floor((end - start) / timedelta(days=1))
        samples = max(whole_days / DAYS_PER_SAMPLE, 1.0)
        lines.append(
            f"samples ({info.mosaicking} mosaicking): {whole_days} whole days / {DAYS_PER_SAMPLE} = "
            f"{whole_days / DAYS_PER_SAMPLE:.4g}" + (" → at least 1" if samples > whole_days / DAYS_PER_SAMPLE else "")
        )
    else:
        samples = 1.0
        lines.append("samples (SIMPLE mosaicking): 1")

    sentinel1 = 1.0
    if terrain_correction:
        sentinel1 *= TERRAIN_CORRECTION_FACTOR
        lines.append(f"Sentinel-1 radiometric terrain correction: × {TERRAIN_CORRECTION_FACTOR:g}")
    elif orthorectify:
        sentinel1 *= ORTHORECTIFICATION_FACTOR
        lines.append(f"Sentinel-1 orthorectification: × {ORTHORECTIFICATION_FACTOR:g}")
    if speckle_filter:
        sentinel1 *= SPECKLE_FILTER_FACTOR
        lines.append(f"Sentinel-1 speckle filter: × {SPECKLE_FILTER_FACTOR:g}")

    remote = _count(remote_collections, "remote_collections")
    if local_collections is None:
        local = max(info.datasources - remote, 0)
    else:
        local = _count(local_collections, "local_collections")
    if local + remote == 0:
        raise InvalidRequestError("A request reads at least one collection, but local + remote collections is 0.")
    data_fusion = float(local + REMOTE_COLLECTION_WEIGHT * remote)
    if local + remote > 1 or remote:
        lines.append(f"data fusion: {local} local + {REMOTE_COLLECTION_WEIGHT} × {remote} remote = {data_fusion:g}")
    return _RequestFactors(bands, sample_type, samples, sentinel1, data_fusion, tuple(lines))


def _count(value: Any, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidRequestError(f"{label} must be a whole number (0 or more), got {value!r}.")
    return value


def _time_range(time_from: TimeLike, time_to: TimeLike) -> Tuple[datetime, datetime]:
    if time_from is None or time_to is None:
        raise InvalidRequestError(
            "ORBIT and TILE mosaicking are charged per sample, so the estimate needs the time range (from and to)."
        )
    start = parse_time(time_from, end_of_day=False)
    end = parse_time(time_to, end_of_day=True)
    if end < start:
        raise InvalidRequestError(f"The time range ends ({end.isoformat()}) before it starts ({start.isoformat()}).")
    return start, end


def parse_time(value: TimeLike, end_of_day: bool = False) -> datetime:
    """A timezone-aware UTC datetime from a datetime (naive = UTC), a date, or an ISO 8601 string.

    A date alone means 00:00:00 of that day, or 23:59:59 with ``end_of_day``.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time(23, 59, 59) if end_of_day else time(0, 0))
    elif isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return parse_time(date.fromisoformat(text), end_of_day)
            if text.endswith(("Z", "z")):
                text = text[:-1] + "+00:00"
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise InvalidRequestError(
                f"{value!r} is not a date or time; use ISO 8601 such as 2021-01-31 or 2021-01-31T00:00:00Z."
            ) from None
    else:
        raise InvalidRequestError(f"Expected a date, a datetime or an ISO 8601 string, got {value!r}.")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
