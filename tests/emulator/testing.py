"""Helpers for tests against the local stack: request bodies, a raw HTTP session, waiting, reading outputs."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Optional

import requests

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

NDVI_EVALSCRIPT = """//VERSION=3
function setup() {
  return {input: [{bands: ["B04", "B08", "dataMask"]}],
          output: [{id: "ndvi", bands: 1, sampleType: "FLOAT32"}, {id: "mask", bands: 1, sampleType: "UINT8"}]};
}
function evaluatePixel(s) {
  return {ndvi: [(s.B08 - s.B04) / (s.B08 + s.B04)], mask: [s.dataMask]};
}
"""


def tutorial_evalscript() -> str:
    return (SHARED_DATA / "interpolation_evalscript.js").read_text(encoding="utf-8")


def tutorial_area(name: str = "Test sub-area") -> Dict[str, Any]:
    collection = json.loads((SHARED_DATA / "california_crop_fields.geojson").read_text(encoding="utf-8"))
    for feature in collection["features"]:
        if feature["properties"].get("name") == name:
            return feature["geometry"]
    raise KeyError(name)


def batch_body(stack: Any, evalscript: str = NDVI_EVALSCRIPT, outputs: Iterable[str] = ("ndvi", "mask"),
               geometry: Optional[Dict[str, Any]] = None, resolution: float = 20, buffer: int = 0,
               folder: str = "results", time_from: str = "2020-07-01T00:00:00Z",
               time_to: str = "2020-07-30T23:59:59Z", description: str = "emulator test", **output_options: Any
               ) -> Dict[str, Any]:
    output: Dict[str, Any] = {"type": "raster", "delivery": {"s3": stack.delivery(folder)}}
    output.update(output_options)
    return {
        "processRequest": {
            "input": {"bounds": {"geometry": geometry or tutorial_area(), "properties": {"crs": CRS84}},
                      "data": [{"type": "sentinel-2-l1c",
                                "dataFilter": {"timeRange": {"from": time_from, "to": time_to},
                                               "maxCloudCoverage": 70, "mosaickingOrder": "mostRecent"}}]},
            "output": {"responses": [{"identifier": name, "format": {"type": "image/tiff"}} for name in outputs]},
            "evalscript": evalscript,
        },
        "input": {"type": "tiling-grid", "id": 1, "resolution": resolution, "bufferX": buffer, "bufferY": buffer},
        "output": output,
        "description": description,
    }


class RawApi:
    """Batch v2 over plain requests (no retries), for asserting exact statuses and bodies.

    Each call opens and closes its own connection, so an instance holds no socket and needs no closing.
    """

    def __init__(self, stack: Any, realm: str = "main"):
        """``realm`` "main" makes the emulator answer as sentinel-hub.com, "CDSE" as CDSE."""
        self.stack = stack
        self.realm = realm
        self.headers = {"Authorization": f"Bearer {self.token()}"}

    def token(self) -> str:
        url = self.stack.cdse_token_url if self.realm == "CDSE" else self.stack.token_url
        answer = requests.post(url, data={"grant_type": "client_credentials",
                                                           "client_id": self.stack.client_id,
                                                           "client_secret": self.stack.client_secret}, timeout=10)
        answer.raise_for_status()
        return answer.json()["access_token"]

    def url(self, path: str) -> str:
        return self.stack.batch_url + path

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        with requests.Session() as session:
            return session.request(method, self.url(path), headers=headers, timeout=10, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def create(self, body: Dict[str, Any]) -> Dict[str, Any]:
        answer = self.post("/process", json=body)
        assert answer.status_code == 201, answer.text
        return answer.json()

    def task(self, task_id: str) -> Dict[str, Any]:
        answer = self.get(f"/process/{task_id}")
        assert answer.status_code == 200, answer.text
        return answer.json()

    def wait(self, task_id: str, until: Callable[[Dict[str, Any]], bool], timeout: float = 60.0,
             seen: Optional[list] = None) -> Dict[str, Any]:
        deadline = time.time() + timeout
        while True:
            task = self.task(task_id)
            if seen is not None:
                seen.append((task["status"], task["completionPercentage"]))
            if until(task):
                return task
            if time.time() > deadline:
                raise AssertionError(f"Timed out waiting; last task state: {task['status']} {task.get('error')}")
            time.sleep(0.05)

    def wait_status(self, task_id: str, *statuses: str, timeout: float = 60.0,
                    seen: Optional[list] = None) -> Dict[str, Any]:
        return self.wait(task_id, lambda task: task["status"] in statuses, timeout, seen)


def with_changes(body: Dict[str, Any], change: Callable[[Dict[str, Any]], None]) -> Dict[str, Any]:
    changed = copy.deepcopy(body)
    change(changed)
    return changed
