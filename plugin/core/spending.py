"""The spending guard: no path of the plugin starts paid work above a limit the user has agreed to.

Every action that makes Sentinel Hub spend processing units — starting a batch job (directly, or through
``run_job``, a retry or a reprocess), and a Process API call (quick look, evalscript test) — checks its estimate
here first. A batch job above the limit is refused with the tile count and the PU in the message, unless the
caller passes a higher limit the user chose explicitly (a Processing parameter, the connection's setting). A Process
API call above :data:`PROCESS_API_ASK_PU` is only made after the user confirmed its estimate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Sequence

from .cost import estimate_processing_units
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

