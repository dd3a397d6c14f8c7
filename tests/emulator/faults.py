"""Faults on demand: per request, as a rate, or forced on a batch request; set in Python or over HTTP."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Optional, Sequence

FAULT_KINDS = ("status", "drop", "slow", "lose_answer")


@dataclass
class FaultRule:
    """Applies to requests whose path contains ``path`` (and method equals ``method`` when set).

    ``kind``: ``status`` answers ``status`` (429 gets ``Retry-After`` = ``retry_after_ms`` milliseconds),
    ``drop`` closes the connection without answering, ``slow`` waits ``delay`` seconds then answers normally,
    ``lose_answer`` does the work (e.g. creates the request) and then closes the connection without answering.
    ``count`` > 0 fires on the next ``count`` matches; otherwise ``rate`` is the probability per match.
    """

    kind: str = "status"
    status: int = 503
    rate: float = 0.0
    count: int = 0
    path: str = "/api/"
    method: str = ""
    retry_after_ms: int = 1000
    delay: float = 1.0
    fired: int = 0

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"Unknown fault kind {self.kind!r}; use one of {', '.join(FAULT_KINDS)}.")

    def matches(self, method: str, path: str) -> bool:
        return self.path in path and (not self.method or self.method.upper() == method.upper())


@dataclass
class FaultDecision:
    kind: str
    status: int = 0
    retry_after_ms: int = 0
    delay: float = 0.0


@dataclass
class Faults:
    """Thread-safe fault settings. ``decide`` is asked once per incoming request."""

    rules: List[FaultRule] = field(default_factory=list)
    token_valid_seconds: Optional[float] = None
    """Tokens stop working after this many seconds although ``expires_in`` says longer."""
    not_found_after_create_seconds: float = 0.0
    """GET of a request answers 404 for this long after it was created (eventual consistency)."""
    failing_tiles: List[str] = field(default_factory=list)
    """Tile names that fail every attempt (→ FATAL in the execution db)."""
    tile_failure_rate: float = 0.0
    """Probability that a tile attempt fails."""
    seed: Optional[int] = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._random = random.Random(self.seed)
        self.log: List[Dict[str, Any]] = []

    def reseed(self, seed: Optional[int]) -> None:
        with self._lock:
            self.seed = seed
            self._random = random.Random(seed)

    def add(self, kind: str = "status", **options: Any) -> FaultRule:
        rule = FaultRule(kind=kind, **options)
        with self._lock:
            self.rules.append(rule)
        return rule

    def next_requests(self, count: int, kind: str = "status", **options: Any) -> FaultRule:
        return self.add(kind, count=count, **options)

    def random_mix(self, rate: float, statuses: Sequence[int] = (429, 500, 502, 503), drop: bool = True,
                   path: str = "/api/", retry_after_ms: int = 50) -> List[FaultRule]:
        """About ``rate`` of matching requests fail, spread evenly over the statuses (and drops)."""
        kinds = [("status", status) for status in statuses] + ([("drop", 0)] if drop else [])
        share = rate / len(kinds)
        return [self.add(kind, status=status or 503, rate=share, path=path, retry_after_ms=retry_after_ms)
                for kind, status in kinds]

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()
            self.log.clear()
            self.failing_tiles.clear()
            self.tile_failure_rate = 0.0
            self.token_valid_seconds = None
            self.not_found_after_create_seconds = 0.0

    def decide(self, method: str, path: str) -> Optional[FaultDecision]:
        with self._lock:
            for rule in self.rules:
                if not rule.matches(method, path):
                    continue
                if rule.count > 0:
                    rule.count -= 1
                elif not (rule.rate > 0 and self._random.random() < rule.rate):
                    continue
                rule.fired += 1
                decision = FaultDecision(rule.kind, rule.status, rule.retry_after_ms, rule.delay)
                self.log.append({"time": time.time(), "method": method, "path": path, "kind": rule.kind,
                                 "status": rule.status})
                return decision
        return None

    def tile_fails(self, tile_name: str) -> bool:
        with self._lock:
            if tile_name in self.failing_tiles:
                return True
            return self.tile_failure_rate > 0 and self._random.random() < self.tile_failure_rate

    def configure(self, settings: Dict[str, Any]) -> None:
        """Apply the JSON of ``POST /_emulator/faults``."""
        if settings.get("clear"):
            self.clear()
        for item in settings.get("rules") or []:
            item = dict(item)
            item.pop("fired", None)
            self.add(item.pop("kind", "status"), **_snake(item))
        if "randomMix" in settings:
            mix = settings["randomMix"]
            self.random_mix(float(mix.get("rate", 0.2)), statuses=mix.get("statuses", (429, 500, 502, 503)),
                            drop=bool(mix.get("drop", True)), retry_after_ms=int(mix.get("retryAfterMs", 50)))
        with self._lock:
            if "tokenValidSeconds" in settings:
                value = settings["tokenValidSeconds"]
                self.token_valid_seconds = None if value is None else float(value)
            if "notFoundAfterCreateSeconds" in settings:
                self.not_found_after_create_seconds = float(settings["notFoundAfterCreateSeconds"])
            if "failingTiles" in settings:
                self.failing_tiles[:] = [str(name) for name in settings["failingTiles"]]
            if "tileFailureRate" in settings:
                self.tile_failure_rate = float(settings["tileFailureRate"])

    def describe(self) -> Dict[str, Any]:
        with self._lock:
            return {
                "rules": [asdict(rule) for rule in self.rules],
                "tokenValidSeconds": self.token_valid_seconds,
                "notFoundAfterCreateSeconds": self.not_found_after_create_seconds,
                "failingTiles": list(self.failing_tiles),
                "tileFailureRate": self.tile_failure_rate,
                "fired": len(self.log),
            }


def _snake(values: Dict[str, Any]) -> Dict[str, Any]:
    renamed = {"retryAfterMs": "retry_after_ms"}
    return {renamed.get(key, key): value for key, value in values.items()}
