"""BYOC collections the emulated service ingests batch results into (BatchV2.qmd "Ingesting results into BYOC").

Only what ingestion needs: collections with named, typed bands and the tiles added to them. Tests create "existing"
collections and read what was ingested through ``/_emulator/byoc/collections``.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

BAND_SAMPLE_TYPES = {"AUTO": "UINT8"}
"""An AUTO output is written as UINT8, so its BYOC band is UINT8."""


@dataclass
class ByocCollection:
    id: str
    name: str
    bands: Dict[str, str]
    """Band name → sample type."""
    tiles: List[Dict[str, Any]] = field(default_factory=list)

    def describe(self) -> Dict[str, Any]:
        return {"id": self.id, "name": self.name, "bands": dict(self.bands), "tiles": [dict(t) for t in self.tiles]}


def band_names(outputs: Sequence[Tuple[str, int, str]]) -> List[Tuple[str, str]]:
    """``(band name, sample type)`` of every band of the outputs ``(id, bands, sampleType)``: a multi-band output
    ``result`` gives ``result``, ``result2``, ``result3``… (BatchV2.qmd)."""
    names = []
    for identifier, bands, sample_type in outputs:
        for index in range(1, bands + 1):
            names.append((identifier if index == 1 else f"{identifier}{index}",
                          BAND_SAMPLE_TYPES.get(sample_type, sample_type)))
    return names


class ByocRegistry:
    def __init__(self) -> None:
        self._collections: Dict[str, ByocCollection] = {}
        self._lock = threading.Lock()

    def create(self, name: str, bands: Dict[str, str]) -> ByocCollection:
        collection = ByocCollection(str(uuid.uuid4()), name, dict(bands))
        with self._lock:
            self._collections[collection.id] = collection
        return collection

    def get(self, collection_id: str) -> Optional[ByocCollection]:
        with self._lock:
            return self._collections.get(collection_id)

    def add_tile(self, collection_id: str, tile: Dict[str, Any]) -> None:
        with self._lock:
            self._collections[collection_id].tiles.append(dict(tile))

    def describe(self) -> List[Dict[str, Any]]:
        with self._lock:
            return [collection.describe() for collection in self._collections.values()]
