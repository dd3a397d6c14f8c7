"""Timings and limits of the emulator; tests use ``EmulatorConfig.fast()``, ``make stack`` the realistic defaults."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Dict, Optional

from . import assumptions


@dataclass
class EmulatorConfig:
    analysis_seconds: float = 8.0
    """How long ANALYSING lasts at least."""
    tile_seconds: float = 3.0
    """Each tile takes at least this long (rendering time counts towards it)."""
    execution_upload_interval: float = 10.0
    """How often ``execution-<id>.sqlite`` is re-uploaded while processing."""
    max_concurrent_tiles: int = 2
    """Tiles rendered at the same time, over all requests."""
    restart_block_seconds: float = 1800.0
    """After a stop, START is refused for this long (the provider blocks restarts for 30 minutes)."""
    done_delay_seconds: float = 2.0
    """completionPercentage reaches 100 this long before the status becomes DONE."""
    token_lifetime_seconds: int = 3600
    render_step: int = 1
    """Evaluate the script on every n-th pixel and repeat it (1 = full fidelity)."""
    render_threads: int = 1
    """V8 contexts (threads) per tile; tiles already run ``max_concurrent_tiles`` at once."""
    write_rasters: bool = True
    """False skips rendering and raster uploads (huge monitoring tests); the manifest and execution db stay real."""
    account_pu: Optional[float] = None
    """Processing units left on the account; None = unlimited. Running out stops requests with OUT_OF_PU."""
    requests_per_minute: Optional[int] = None
    """Account rate limit of the batch API; above it calls answer 429 with Retry-After (ms). None = no limit."""
    echo_secrets: bool = assumptions.ECHO_SECRETS_IN_REQUEST
    """False masks ``secretAccessKey`` in the ``request`` of every task the API returns."""
    default_page_size: int = 10
    max_page_size: int = 100
    domain_account_id: str = "c0ffee00-0000-4000-8000-00000000e1a1"
    render_timeout_seconds: float = 600.0

    @classmethod
    def fast(cls, **overrides: Any) -> EmulatorConfig:
        """Timings for tests: jobs of a few tiles finish in a second or two."""
        values: Dict[str, Any] = dict(analysis_seconds=0.2, tile_seconds=0.0, execution_upload_interval=0.3,
                                      restart_block_seconds=0.0, done_delay_seconds=0.2, render_step=8)
        values.update(overrides)
        return cls(**values)

    def update(self, values: Dict[str, Any]) -> None:
        known = {f.name for f in fields(self)}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"Unknown emulator settings {sorted(unknown)}; known: {sorted(known)}")
        for key, value in values.items():
            setattr(self, key, value)

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)
