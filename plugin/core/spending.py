"""The spending guard: no path of the plugin starts paid work above a limit the user has agreed to.

Every action that makes Sentinel Hub spend processing units — starting a batch job (directly, or through
``run_job``, a retry or a reprocess), and a Process API call (quick look, evalscript test) — checks its estimate
here first. A batch job above the limit is refused with the tile count and the PU in the message, unless the
caller passes a higher limit the user chose explicitly (a Processing parameter, the connection's setting). A Process
API call above :data:`PROCESS_API_ASK_PU` is only made after the user confirmed its estimate.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any, List, Mapping, Optional, Sequence, Set

from .cost import estimate_for_tile_counts, estimate_processing_units
from .errors import InvalidRequestError

DEFAULT_BATCH_LIMIT_PU = 10_000.0
"""The per-run limit of a connection until the user sets another: about a hundred tutorial-size jobs, far below
the bill of a country (the contiguous US on grid 1 at 10 m is in the millions of PU)."""
PROCESS_API_ASK_PU = 5.0
"""A quick look or test estimated above this asks before it runs (a 512 px true-colour quick look is ~1 PU)."""


class SpendingLimitError(InvalidRequestError):
    """The work would cost more processing units than the limit allows."""

    def __init__(self, message: str, *, tile_count: Optional[int], charged_pu: float, limit_pu: float):
        super().__init__(message)
        self.tile_count = tile_count
        self.charged_pu = charged_pu
        self.limit_pu = limit_pu


@dataclass(frozen=True)
class SpendingEstimate:
    """What a batch job is expected to cost: what the user is shown and what the limit is checked against."""

    tile_count: int
    estimate_pu: float
    """Before the batch discount (the legacy ``valueEstimate``)."""
    charged_pu: float
    billed_pu: float
    """What the account is charged at least (the minimum per request applies)."""

    @classmethod
    def of(cls, cost: Any, tile_count: Optional[int] = None) -> SpendingEstimate:
        """From a :class:`~.cost.CostEstimate` (``tile_count`` when the cost was computed for a sample)."""
        count = int(cost.tile_count if tile_count is None else tile_count)
        return cls(count, float(cost.estimate_pu), float(cost.charged_pu), float(cost.billed_pu))

    def describe(self) -> str:
        """``8 tiles, about 98.3 PU charged (295 PU before the batch discount; billed 100 PU, the minimum)``."""
        text = (f"{self.tile_count:,} tile{'s' if self.tile_count != 1 else ''}, about {format_pu(self.charged_pu)} PU "
                f"charged ({format_pu(self.estimate_pu)} PU before the batch discount")
        if self.billed_pu > self.charged_pu + 1e-9:
            text += f"; billed {format_pu(self.billed_pu)} PU, the minimum per request"
        return text + ")"


def check_limit(limit_pu: Any) -> float:
    """The limit as a positive number of PU; InvalidRequestError naming the problem otherwise."""
    try:
        value = float(limit_pu)
    except (TypeError, ValueError):
        value = math.nan
    if not value > 0 or math.isinf(value):
        raise InvalidRequestError(f"The spending limit must be a positive number of processing units, got "
                                  f"{limit_pu!r}.")
    return value


def check_batch_spending(estimate: SpendingEstimate, limit_pu: Any, *, how_to_raise: str) -> None:
    """Refuse to start a job whose billed PU exceed ``limit_pu``.

    ``how_to_raise`` tells the user where the limit is set in the place they are working (a Processing
    parameter, the connection settings).
    """
    limit = check_limit(limit_pu)
    if estimate.billed_pu <= limit:
        return
    raise SpendingLimitError(
        f"Not started: this job would process {estimate.describe()}, above the spending limit of "
        f"{format_pu(limit)} PU. Check the area, grid and resolution; if the cost is intended, {how_to_raise}.",
        tile_count=estimate.tile_count, charged_pu=estimate.charged_pu, limit_pu=limit,
    )


def check_process_spending(estimate_pu: Optional[float], allowed_pu: Any, *, how_to_raise: str) -> None:
    """Refuse a Process API call estimated above ``allowed_pu`` (or of unknown cost, ``estimate_pu`` None, unless
    the caller allowed more than the ask threshold explicitly)."""
    allowed = check_limit(allowed_pu)
    if estimate_pu is None:
        if allowed > PROCESS_API_ASK_PU:
            return
        raise SpendingLimitError(
            f"Not sent: the cost of this Process API call cannot be estimated (the evalscript's setup() could not "
            f"be read), and a call may spend up to {format_pu(PROCESS_API_ASK_PU)} PU without asking; "
            f"{how_to_raise}.", tile_count=None, charged_pu=math.nan, limit_pu=allowed)
    if estimate_pu <= allowed:
        return
    raise SpendingLimitError(
        f"Not sent: this Process API call would cost about {format_pu(estimate_pu)} PU, above the "
        f"{format_pu(allowed)} PU allowed; make the area or the resolution smaller, or {how_to_raise}.",
        tile_count=None, charged_pu=estimate_pu, limit_pu=allowed)


def process_request_pu(request: Mapping[str, Any], evalscript_info: Any) -> float:
    """The PU a Process API call is expected to cost (no batch discount; the 0.01 PU minimum applies).

    ``request`` is the JSON body (``output.width``/``height``, or ``resx``/``resy`` with ``input.bounds``).
    """
    output = request.get("output") or {}
    width, height = output.get("width"), output.get("height")
    if width is None or height is None:
        resx, resy = output.get("resx"), output.get("resy")
        if not resx or not resy:
            raise InvalidRequestError("The request gives neither width/height nor resx/resy; its cost is unknown.")
        xmin, ymin, xmax, ymax = _bounds_extent((request.get("input") or {}).get("bounds") or {})
        width, height = math.ceil((xmax - xmin) / float(resx)), math.ceil((ymax - ymin) / float(resy))
    data_filter = (((request.get("input") or {}).get("data") or [{}])[0] or {}).get("dataFilter") or {}
    time_range = data_filter.get("timeRange") or {}
    cost = estimate_processing_units([_Raster(int(width), int(height))], evalscript_info, time_range.get("from"),
                                     time_range.get("to"))
    return cost.estimate_pu


def format_pu(value: float) -> str:
    """``98.33``, ``1,234``, ``63,012,345``: two decimals below 100, none above."""
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


@dataclass(frozen=True)
class _Raster:
    width: int
    height: int
    name: str = "process"


def _bounds_extent(bounds: Mapping[str, Any]) -> Sequence[float]:
    if bounds.get("bbox"):
        return [float(value) for value in bounds["bbox"]]
    geometry = bounds.get("geometry") or {}
    coordinates = list(_positions(geometry.get("coordinates")))
    if not coordinates:
        raise InvalidRequestError("The request has no bounds; its cost is unknown.")
    xs, ys = zip(*coordinates)
    return min(xs), min(ys), max(xs), max(ys)


def _positions(nested: Any):
    if isinstance(nested, (list, tuple)) and nested and isinstance(nested[0], (int, float)):
        yield float(nested[0]), float(nested[1])
    elif isinstance(nested, (list, tuple)):
        for item in nested:
            yield from _positions(item)



# --- what a job that exists already will cost -------------------------------------------------------------------


@dataclass(frozen=True)
class _SizeCount:
    """How many tiles have a ``width`` × ``height`` raster (what pricing needs: no object per tile)."""

    count: int
    width: int
    height: int


def estimate_job(request: Mapping[str, Any], manifest: Optional[Sequence[Any]] = None,
                 tile_names: Optional[Sequence[str]] = None) -> SpendingEstimate:
    """What starting a batch request costs: from its feature manifest once analysed, else from the request itself.

    The one estimator of a job that exists (the docks' Start, restart, retry and reprocess; Processing
    ``start_job`` and ``retry_failed_tiles``). ``request`` is the job's body as the service returns it;
    ``manifest`` its ``ManifestFeature`` rows (one per output and tile). Without a manifest, the tiles come from the
    request's bounds, grid, resolution and buffers, exactly as the preview computes them.

    The manifest gives each tile's output raster, which includes the buffer, while the cost counts the tile without
    it: the request's ``bufferX``/``bufferY`` are taken off. ``tile_names`` prices a re-run of just those tiles:
    a re-run reads them as GeoPackage features of the raster's size, so there the whole raster counts.
    """
    from .evalscript import read_evalscript

    process_request = request.get("processRequest") or {}
    evalscript = process_request.get("evalscript")
    if not evalscript:
        raise InvalidRequestError("The job's request holds no evalscript, so its cost cannot be estimated.")
    info = read_evalscript(str(evalscript))
    time_range = _data_filter(process_request).get("timeRange") or {}
    if manifest:
        counts = _manifest_counts(manifest, request.get("input") or {}, tile_names)
    elif tile_names is not None:
        raise InvalidRequestError("Tiles can be priced only from the job's feature manifest, which is not there.")
    else:
        counts = _request_counts(request)
    cost = estimate_for_tile_counts(counts, info, time_range.get("from"), time_range.get("to"))
    return SpendingEstimate.of(cost)


def _data_filter(process_request: Mapping[str, Any]) -> Mapping[str, Any]:
    data = (process_request.get("input") or {}).get("data") or [{}]
    return (data[0] or {}).get("dataFilter") or {}


def _manifest_counts(manifest: Sequence[Any], batch_input: Mapping[str, Any],
                     tile_names: Optional[Sequence[str]]) -> List[_SizeCount]:
    buffer_x = buffer_y = 0
    if tile_names is None and batch_input.get("type") == "tiling-grid":
        buffer_x, buffer_y = int(batch_input.get("bufferX") or 0), int(batch_input.get("bufferY") or 0)
    wanted = None if tile_names is None else set(tile_names)
    seen: Set[str] = set()
    sizes: Counter = Counter()
    for row in manifest:
        if row.identifier in seen or (wanted is not None and row.identifier not in wanted):
            continue
        seen.add(row.identifier)
        sizes[(max(1, int(row.width) - 2 * buffer_x), max(1, int(row.height) - 2 * buffer_y))] += 1
    if wanted is not None and len(seen) < len(wanted):
        missing = sorted(wanted - seen)
        raise InvalidRequestError(f"These tiles are not in the job's feature manifest: {', '.join(missing[:10])}.")
    return [_SizeCount(count, width, height) for (width, height), count in sizes.items()]


def _request_counts(request: Mapping[str, Any]) -> List[Any]:
    from .tiles import count_tiles

    batch_input = request.get("input") or {}
    if batch_input.get("type") != "tiling-grid":
        raise InvalidRequestError("The cost of a job over your own GeoPackage features is known once the job is "
                                  "analysed (its feature manifest lists the tiles): analyse it first.")
    bounds = (request.get("processRequest") or {}).get("input", {}).get("bounds") or {}
    crs = (bounds.get("properties") or {}).get("crs") or "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    if bounds.get("geometry"):
        area: Any = bounds["geometry"]
    elif bounds.get("bbox"):
        from shapely.geometry import box

        area = box(*[float(value) for value in bounds["bbox"]])
    else:
        raise InvalidRequestError("The job's request has no bounds, so its tiles and cost are unknown.")
    return count_tiles(area, crs, int(batch_input.get("id")), batch_input.get("resolution"),
                       int(batch_input.get("bufferX") or 0), int(batch_input.get("bufferY") or 0))
