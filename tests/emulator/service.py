"""The batch service itself: requests, the v2 state machine, analysis and processing into the bucket."""

from __future__ import annotations

import copy
import json
import logging
import threading
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Optional, Tuple

from pyproj import CRS, Transformer
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import transform as shapely_transform
from shapely.ops import unary_union

from . import assumptions, charges, layout, runtime, tiling
from .bucket import (
    DEFAULT_ZARR_COMPRESSOR,
    Bucket,
    ExecutionRow,
    GeopackageInputError,
    ManifestRow,
    S3Access,
    ZarrArray,
    ZarrCompressorError,
    ZarrGroup,
    execution_database,
    geotiff_bytes,
    manifest_geopackage,
    read_user_geopackage,
)
from .byoc import ByocRegistry, band_names
from .config import EmulatorConfig
from .faults import Faults

log = logging.getLogger("emulator")

CREATED, ANALYSING, ANALYSIS_DONE, PROCESSING, DONE, FAILED, STOPPED = (
    "CREATED", "ANALYSING", "ANALYSIS_DONE", "PROCESSING", "DONE", "FAILED", "STOPPED")

ALLOWED_ACTIONS = {
    "ANALYSE": (CREATED,),
    "START": (CREATED, ANALYSIS_DONE, STOPPED),
    "STOP": (ANALYSING, ANALYSIS_DONE, PROCESSING),
}
"""Statuses in which each user action is accepted (spec §2); anything else is refused."""


class ServiceError(Exception):
    """An HTTP error answer with the service's error body."""

    def __init__(self, status: int, message: str, code: str, errors: Any = None, headers: Optional[Dict] = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.errors = errors
        self.headers = headers or {}


def now_iso() -> str:
    moment = datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass
class WorkTile:
    """One tile (or user feature) to process: where it is and how big its raster is."""

    id: int
    name: str
    epsg: int
    bounds: Tuple[float, float, float, float]
    raster_bounds: Tuple[float, float, float, float]
    width: int
    height: int
    raster_width: int
    raster_height: int
    geometry_wkt: str
    centre_lonlat: Tuple[float, float] = (0.0, 0.0)
    status: str = "PENDING"
    error: Optional[str] = None
    delivered: bool = False
    attempts: int = 0
    in_flight: bool = False


@dataclass
class BatchRequest:
    id: str
    body: Dict[str, Any]
    created: str
    created_at: float
    status: str = CREATED
    error: Optional[str] = None
    user_action: str = "NONE"
    user_action_updated: Optional[str] = None
    last_updated: str = ""
    completion: float = 0.0
    cost_pu: float = 0.0
    stopped_reason: Optional[str] = None
    stopped_at: Optional[float] = None
    start_pending: bool = False
    stop_pending: bool = False
    tiles: List[WorkTile] = field(default_factory=list)
    setup: Optional[runtime.SetupInfo] = None
    tile_charge: Dict[str, float] = field(default_factory=dict)
    area_wgs84: Optional[BaseGeometry] = None
    run: int = 0
    finished_tiles: int = 0
    zarr: Optional[ZarrGroup] = None
    collection_id: Optional[str] = None
    lock: threading.RLock = field(default_factory=threading.RLock)
    worker: Optional[threading.Thread] = None

    def to_api(self, domain_account_id: Optional[str] = None, echo_secrets: bool = True) -> Dict[str, Any]:
        with self.lock:
            request = copy.deepcopy(self.body)
            if not echo_secrets:
                _mask_secrets(request)
            return {
                "id": self.id,
                "request": request,
                "domainAccountId": domain_account_id,
                "status": self.status,
                "error": self.error,
                "userAction": self.user_action,
                "userActionUpdated": self.user_action_updated,
                "created": self.created,
                "lastUpdated": self.last_updated or self.created,
                "completionPercentage": round(self.completion, 2),
                "costPU": round(self.cost_pu, 6),
                "stoppedStatusReason": self.stopped_reason,
            }

    @property
    def description(self) -> str:
        return str(self.body.get("description") or "")

    def touch(self) -> None:
        self.last_updated = now_iso()


class BatchService:
    """Holds every request and runs analysis/processing in background threads."""

    def __init__(self, config: EmulatorConfig, faults: Faults, s3: S3Access):
        self.config = config
        self.faults = faults
        self.s3 = s3
        self.bucket = Bucket(s3)
        self._buckets: Dict[S3Access, Bucket] = {s3: self.bucket}
        self.requests: Dict[str, BatchRequest] = {}
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=max(1, config.max_concurrent_tiles),
                                        thread_name_prefix="emulator-tile")
        self.pu_spent = 0.0
        self.byoc = ByocRegistry()

    def close(self) -> None:
        self._closing.set()
        for request in list(self.requests.values()):
            worker = request.worker
            if worker is not None:
                worker.join(timeout=10)
        self._pool.shutdown(wait=True, cancel_futures=True)
        for request in list(self.requests.values()):
            if request.zarr is not None:
                request.zarr.close()

    # ------------------------------------------------------------------------------------------- API

    def create(self, body: Dict[str, Any]) -> BatchRequest:
        if self.config.account_pu is not None and self.config.account_pu - self.pu_spent < \
                assumptions.MINIMUM_ACCOUNT_PU_TO_CREATE:
            raise ServiceError(403, f"At least {assumptions.MINIMUM_ACCOUNT_PU_TO_CREATE} processing units are "
                               "needed on the account to create a batch request.", "COMMON_INSUFFICIENT_PERMISSIONS")
        request_id = str(uuid.uuid4())
        created = now_iso()
        request = BatchRequest(id=request_id, body=copy.deepcopy(body), created=created, created_at=time.time(),
                               last_updated=created)
        self._upload_request_json(request)
        with self._lock:
            self.requests[request_id] = request
        return request

    def _upload_request_json(self, request: BatchRequest) -> None:
        """Create "uploads a JSON of the original request to the user's bucket" (BatchV2.qmd, Workflow)."""
        storage = request.body["output"]["delivery"]
        target = layout.service_files(_root(request), request.id)[0]
        try:
            self._delivery_bucket(storage).put(target.bucket, target.key, json.dumps(request.body, indent=2).encode(),
                                               "application/json")
        except Exception as error:  # botocore's errors: no such bucket, access denied, ...
            raise ServiceError(400, f"Cannot write to the delivery bucket {target.scheme}://{target.bucket}: "
                               f"{error}", "COMMON_BAD_PAYLOAD",
                               {"parameter": "output.delivery", "invalidValue": target.url,
                                "violation": "the bucket cannot be written with the given credentials"}) from None

    def get(self, request_id: str, for_read: bool = True) -> BatchRequest:
        request = self.requests.get(request_id)
        hidden = request is not None and for_read and \
            time.time() - request.created_at < self.faults.not_found_after_create_seconds
        if request is None or hidden:
            raise ServiceError(404, f"Batch request {request_id} not found.", "COMMON_NOT_FOUND")
        return request

    def listing(self) -> List[BatchRequest]:
        with self._lock:
            return list(self.requests.values())

    def update(self, request_id: str, changes: Any) -> BatchRequest:
        request = self.get(request_id)
        if not isinstance(changes, dict) or set(changes) - {"description"}:
            raise ServiceError(400, "Only the description of a batch request can be changed.", "COMMON_BAD_PAYLOAD",
                               {"parameter": "body", "invalidValue": sorted(changes) if isinstance(changes, dict)
                                else None, "violation": "only 'description' may be updated"})
        if "description" in changes and changes["description"] is not None \
                and not isinstance(changes["description"], str):
            raise ServiceError(400, "The description must be a string.", "COMMON_BAD_PAYLOAD",
                               {"parameter": "description", "invalidValue": changes["description"],
                                "violation": "must be a string"})
        with request.lock:
            if request.status in (ANALYSING, PROCESSING):
                raise ServiceError(409, f"Batch request {request_id} cannot be updated while {request.status}.",
                                   "COMMON_BAD_PAYLOAD")
            request.body["description"] = changes.get("description") or ""
            request.touch()
        return request

    def action(self, request_id: str, action: str) -> None:
        request = self.get(request_id)
        with request.lock:
            if request.status not in ALLOWED_ACTIONS[action]:
                raise ServiceError(assumptions.ILLEGAL_TRANSITION_STATUS,
                                   f"Cannot {action.lower()} batch request {request_id}: its status is "
                                   f"{request.status}.", "COMMON_BAD_PAYLOAD")
            if action == "START" and request.status == STOPPED and request.stopped_at is not None:
                blocked_for = request.stopped_at + self.config.restart_block_seconds - time.time()
                if blocked_for > 0:
                    raise ServiceError(assumptions.RESTART_BLOCK_STATUS,
                                       f"Batch request {request_id} was stopped less than "
                                       f"{self.config.restart_block_seconds / 60:g} minutes ago; it can be started "
                                       f"again in {blocked_for / 60:.0f} minutes.", "COMMON_BAD_PAYLOAD")
            request.user_action = action
            request.user_action_updated = now_iso()
            request.touch()
            if action == "ANALYSE":
                self._begin_analysis(request, then_start=False)
            elif action == "START":
                if request.status == CREATED:
                    self._begin_analysis(request, then_start=True)
                else:
                    request.status = ANALYSIS_DONE
                    request.stopped_reason = None
                    self._begin_processing(request)
            else:
                if request.status == ANALYSING:
                    request.stop_pending = True
                    request.start_pending = False
                else:
                    self._stop(request, "USER_ACTION")

    def force_stop(self, request_id: str, reason: str) -> None:
        """A stop the service decides itself (OUT_OF_PU, UNHEALTHY), e.g. asked for by a fault."""
        request = self.get(request_id, for_read=False)
        with request.lock:
            if request.status not in (ANALYSIS_DONE, PROCESSING):
                raise ServiceError(409, f"Batch request {request_id} is {request.status}; only requests that are "
                                   "ANALYSIS_DONE or PROCESSING can be stopped.", "COMMON_BAD_PAYLOAD")
            self._stop(request, reason)

    # --------------------------------------------------------------------------------------- workers

    def _stop(self, request: BatchRequest, reason: str) -> None:
        request.status = STOPPED
        request.stopped_reason = reason
        request.stopped_at = time.time()
        request.touch()

    def _spawn(self, request: BatchRequest, target: Callable[[BatchRequest], None]) -> None:
        worker = threading.Thread(target=self._guarded, args=(request, target), daemon=True,
                                  name=f"emulator-{request.id[:8]}")
        request.worker = worker
        worker.start()

    def _guarded(self, request: BatchRequest, target: Callable[[BatchRequest], None]) -> None:
        try:
            target(request)
        except Exception as error:  # a bug or an unexpected S3 failure: the request fails visibly
            log.exception("Emulator worker failed for %s", request.id)
            with request.lock:
                request.status = FAILED
                request.error = f"Internal error of the emulator: {error}"
                request.touch()

    def _begin_analysis(self, request: BatchRequest, then_start: bool) -> None:
        request.status = ANALYSING
        request.start_pending = then_start
        request.touch()
        self._spawn(request, self._analyse)

    def _begin_processing(self, request: BatchRequest) -> None:
        """START after analysis or a stop: ANALYSIS_DONE now, PROCESSING a moment later."""
        request.status = ANALYSIS_DONE
        request.touch()
        request.run += 1
        run = request.run

        def resume(request: BatchRequest) -> None:
            self._sleep(min(1.0, self.config.analysis_seconds / 4))
            with request.lock:
                if request.status != ANALYSIS_DONE or request.run != run:
                    return
                request.status = PROCESSING
                request.touch()
            self._process(request)

        self._spawn(request, resume)

    def _sleep(self, seconds: float) -> bool:
        """Wait; False when the stack is closing."""
        return not self._closing.wait(max(0.0, seconds))

    def _analyse(self, request: BatchRequest) -> None:
        started = time.time()
        try:
            tiles, setup, area = self._plan(request)
        except (runtime.EvalscriptFailure, AnalysisFailure, GeopackageInputError) as error:
            self._sleep(self.config.analysis_seconds - (time.time() - started))
            with request.lock:
                request.status = FAILED
                request.error = str(error)
                request.touch()
            return
        self._sleep(self.config.analysis_seconds - (time.time() - started))
        with request.lock:
            request.tiles = tiles
            request.setup = setup
            request.area_wgs84 = area
            request.tile_charge = self._tile_charges(request)
            request.status = ANALYSIS_DONE
            request.touch()
            if request.stop_pending:
                request.stop_pending = False
                self._stop(request, "USER_ACTION")
                return
            if not request.start_pending:
                return
            request.start_pending = False
            request.status = PROCESSING
            request.run += 1
            request.touch()
        self._process(request)

    def _plan(self, request: BatchRequest) -> Tuple[List[WorkTile], runtime.SetupInfo, Optional[BaseGeometry]]:
        body = request.body
        process_request = body["processRequest"]
        setup = runtime.inspect_evalscript(process_request["evalscript"])
        runtime.check_setup_against_data(setup, process_request["input"]["data"])
        outputs = _requested_outputs(body)
        for identifier, _ in outputs:
            if setup.output(identifier) is None:
                raise AnalysisFailure(
                    f"Output '{identifier}' requested in processRequest.output.responses is not defined in the "
                    f"evalscript's setup() (outputs: {', '.join(o.id for o in setup.outputs)}).")
        _check_outputs_against_setup(body, setup, [identifier for identifier, _ in outputs])
        batch_input = body["input"]
        if batch_input["type"] == "geopackage":
            tiles, area = self._plan_geopackage(batch_input, process_request)
        else:
            tiles, area = self._plan_grid(process_request, batch_input)
        storage = body["output"]["delivery"]
        if _is_zarr(body):
            epsg_codes = {tile.epsg for tile in tiles}
            if len(epsg_codes) > 1 or not epsg_codes <= {4326, 3035}:
                raise AnalysisFailure("With Zarr output only WGS84 and LAEA features are supported, all in one CRS; "
                                      f"the features are in {', '.join(f'EPSG:{c}' for c in sorted(epsg_codes))}.")
            self._check_zarr_folder_is_empty(request)
        else:
            self._check_existing(request, tiles, outputs)
        self._prepare_ingestion(request, setup, outputs)
        manifest = layout.service_files(_root(request), request.id)[1]
        self._delivery_bucket(storage).put(manifest.bucket, manifest.key,
                                           manifest_geopackage(self._manifest_rows(request, tiles, outputs)),
                                           "application/geopackage+sqlite3")
        if _is_zarr(body) and tiles:
            request.zarr = self._zarr_group(request, tiles)
        return tiles, setup, area

    def _plan_grid(self, process_request: Dict[str, Any], batch_input: Dict[str, Any]
                   ) -> Tuple[List[WorkTile], BaseGeometry]:
        bounds = process_request["input"]["bounds"]
        crs = (bounds.get("properties") or {}).get("crs") or "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
        area = _bounds_area(bounds)
        try:
            source = CRS.from_user_input(crs)
            step = 0.01 if source.is_geographic else 1000.0
            to_wgs84 = Transformer.from_crs(source, CRS.from_epsg(4326), always_xy=True)
            area_wgs84 = shapely_transform(to_wgs84.transform, area.segmentize(step))
            if not area_wgs84.is_valid:
                area_wgs84 = area_wgs84.buffer(0)
            resolution = tiling.allowed_resolution(int(batch_input["id"]), batch_input["resolution"])
            tiles = tiling.tiles_for(area_wgs84, int(batch_input["id"]), resolution, batch_input.get("bufferX", 0),
                                     batch_input.get("bufferY", 0))
        except Exception as error:
            raise AnalysisFailure(f"The area cannot be tiled: {error}") from error
        work = [WorkTile(id=index + 1, name=tile.name, epsg=tile.epsg, bounds=tuple(tile.bounds),
                         raster_bounds=tuple(tile.raster_bounds), width=tile.width, height=tile.height,
                         raster_width=tile.raster_width, raster_height=tile.raster_height,
                         geometry_wkt=box(*tile.bounds).wkt,
                         centre_lonlat=_centre(tile.outline_lonlat))
                for index, tile in enumerate(tiles)]
        return work, area_wgs84

    def _plan_geopackage(self, batch_input: Dict[str, Any], process_request: Dict[str, Any]
                         ) -> Tuple[List[WorkTile], BaseGeometry]:
        """The user's features; with bounds only those intersecting them (BatchV2.qmd "Area of Interest and PUs")."""
        storage = batch_input["features"]
        location = layout.split_url((storage.get("s3") or storage.get("gs"))["url"])
        data = self._delivery_bucket(storage).get(location.bucket, location.key)
        if data is None:
            raise AnalysisFailure(f"The input GeoPackage {location.url} does not exist or cannot be read.")
        features = read_user_geopackage(data, batch_input.get("defaults"))
        bounds = (process_request.get("input") or {}).get("bounds")
        aoi = None
        if bounds:
            crs = (bounds.get("properties") or {}).get("crs") or "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
            to_wgs84 = Transformer.from_crs(CRS.from_user_input(crs), CRS.from_epsg(4326), always_xy=True)
            aoi = shapely_transform(to_wgs84.transform, _bounds_area(bounds))
        work = []
        shapes = []
        from shapely import wkt

        for feature in features:
            geometry = wkt.loads(feature.geometry_wkt)
            to_wgs84 = Transformer.from_crs(CRS.from_epsg(feature.epsg), CRS.from_epsg(4326), always_xy=True)
            geometry_wgs84 = shapely_transform(to_wgs84.transform, geometry)
            if aoi is not None and not geometry_wgs84.intersects(aoi):
                continue
            shapes.append(geometry_wgs84)
            bounds_xy = tuple(float(v) for v in feature.bounds)
            work.append(WorkTile(id=feature.id, name=feature.identifier, epsg=feature.epsg, bounds=bounds_xy,
                                 raster_bounds=bounds_xy, width=feature.width, height=feature.height,
                                 raster_width=feature.width, raster_height=feature.height,
                                 geometry_wkt=feature.geometry_wkt, centre_lonlat=_centre(geometry_wgs84)))
        if not work:
            raise AnalysisFailure("No feature of the input GeoPackage intersects processRequest.input.bounds.")
        return work, unary_union(shapes)

    def _check_existing(self, request: BatchRequest, tiles: List[WorkTile], outputs: List[Tuple[str, str]]) -> None:
        """OpenAPI ``BatchV2RasterOutput``: without ``overwrite`` existing files fail the request; ``skipExisting``
        skips tiles whose outputs all exist, and tiles with only some of them are overwritten (``overwrite``) or
        fail the request."""
        output = request.body["output"]
        overwrite, skip = bool(output.get("overwrite")), bool(output.get("skipExisting"))
        if not tiles or (overwrite and not skip):
            return
        url = _delivery_url(request.body)
        root = _root(request)
        existing = set(self._delivery_bucket(output["delivery"]).keys(root.bucket, root.key))
        for tile in tiles:
            keys = [layout.output_object(url, request.id, tile.name, tile.id, identifier, fmt).key
                    for identifier, fmt in outputs]
            present = [key for key in keys if key in existing]
            if not present:
                continue
            if skip and len(present) == len(keys):
                tile.status = "DONE"
                tile.error = "Skipped: outputs exist"
            elif not overwrite:
                raise AnalysisFailure(
                    f"Output files already exist (e.g. {root.scheme}://{root.bucket}/{present[0]}). Set "
                    "output.overwrite to replace them or output.skipExisting to skip tiles whose outputs exist.")

    def _check_zarr_folder_is_empty(self, request: BatchRequest) -> None:
        """"The request will fail if any files already exist in the folder" (OpenAPI ``BatchV2ZarrOutput``); the
        service's own files of this request do not count."""
        root = _root(request)
        own = {item.key for item in layout.service_files(root, request.id)}
        prefix = f"{root.key}/" if root.key else ""
        found = [key for key in self._delivery_bucket(request.body["output"]["delivery"]).keys(root.bucket, prefix)
                 if key not in own]
        if found:
            raise AnalysisFailure(f"The Zarr output folder {root.url} is not empty (e.g. {found[0]}); choose an empty "
                                  "folder or one named by <requestId>.")

    def _prepare_ingestion(self, request: BatchRequest, setup: runtime.SetupInfo,
                           outputs: List[Tuple[str, str]]) -> None:
        """BYOC ingestion (BatchV2.qmd "Ingesting results into BYOC"): band names, bucket policy, the collection."""
        output = request.body["output"]
        if not output.get("createCollection") and output.get("collectionId") is None:
            return
        declared = {o.id: o for o in setup.outputs}
        bands = band_names([(identifier, declared[identifier].bands, declared[identifier].sample_type)
                            for identifier, _ in outputs])
        names = [name for name, _ in bands]
        clashing = sorted({name for name in names if names.count(name) > 1})
        if clashing:
            raise AnalysisFailure(f"BYOC band names clash: {', '.join(clashing)} would be produced twice (bands of "
                                  "multi-band outputs are named <id>, <id>2, <id>3, ...).")
        root = _root(request)
        if not self._delivery_bucket(output["delivery"]).has_policy(root.bucket):
            raise AnalysisFailure(f"BYOC cannot read the bucket {root.bucket}: set a bucket policy that allows "
                                  "Sentinel Hub to access the data (BatchV2.qmd, 'Mandatory bucket settings').")
        collection_id = output.get("collectionId")
        if collection_id is not None:
            collection = self.byoc.get(str(collection_id))
            if collection is None:
                raise AnalysisFailure(f"BYOC collection {collection_id} not found.")
            wrong = [f"{name} ({sample_type})" for name, sample_type in bands
                     if collection.bands.get(name) != sample_type]
            if wrong:
                raise AnalysisFailure(f"The outputs do not match the bands of BYOC collection {collection_id}: "
                                      f"{', '.join(wrong)}; identifiers and sampleType must match the bands.")
        else:
            collection_id = self.byoc.create(request.description or request.id, dict(bands)).id
            with request.lock:
                output["collectionId"] = collection_id
        request.collection_id = str(collection_id)

    def _zarr_group(self, request: BatchRequest, tiles: List[WorkTile]) -> ZarrGroup:
        body = request.body
        output = body["output"]
        parameters = output.get("arrayParameters") or {}
        overrides = output.get("arrayOverrides") or {}
        arrays = []
        for identifier, _ in _requested_outputs(body):
            values = {**parameters, **(overrides.get(identifier) or {})}
            arrays.append(ZarrArray(identifier, values["dtype"], values["chunks"], values["fill_value"],
                                    values.get("compressor", DEFAULT_ZARR_COMPRESSOR),
                                    dict(values.get("customAttributes") or {})))
        envelope = (min(t.bounds[0] for t in tiles), min(t.bounds[1] for t in tiles),
                    max(t.bounds[2] for t in tiles), max(t.bounds[3] for t in tiles))
        if body["input"]["type"] == "tiling-grid":
            resolution = float(body["input"]["resolution"])
        else:
            resolution = (tiles[0].bounds[2] - tiles[0].bounds[0]) / tiles[0].width
        group = output["group"]
        start, _ = runtime.time_range(body["processRequest"]["input"]["data"][0])
        attributes = {"date_modified": now_iso(), "geospatial_bounds": box(*envelope).wkt,
                      **(group.get("customAttributes") or {})}
        try:
            return ZarrGroup(arrays, tiles[0].epsg, envelope, resolution,
                             (group.get("coordinates") or {}).get("origin") == "bottomLeft",
                             (start - datetime(1970, 1, 1, tzinfo=timezone.utc)).days, attributes)
        except ZarrCompressorError as error:
            raise AnalysisFailure(str(error)) from None

    def _manifest_rows(self, request: BatchRequest, tiles: List[WorkTile], outputs: List[Tuple[str, str]]
                       ) -> List[ManifestRow]:
        """One row per tile and output; with Zarr output the path is the Zarr folder ("the output paths will just
        be the root of the output folder", BatchV2.qmd "Feature Manifest")."""
        url = _delivery_url(request.body)
        zarr_root = _root(request).url if _is_zarr(request.body) else None
        rows = []
        for tile in tiles:
            for identifier, format_type in outputs:
                path = zarr_root or layout.output_object(url, request.id, tile.name, tile.id, identifier,
                                                         format_type).url
                rows.append(ManifestRow(identifier, tile.name, path, tile.raster_width, tile.raster_height,
                                        tile.epsg, tile.geometry_wkt))
        return rows

    def _tile_charges(self, request: BatchRequest) -> Dict[str, float]:
        """PU charged per tile, by the emulator's own reading of the provider's rules (``charges.py``)."""
        process_request = request.body["processRequest"]
        try:
            setup = runtime.inspect_evalscript(process_request["evalscript"])
            start, end = runtime.time_range(process_request["input"]["data"][0])
        except Exception:
            log.warning("No cost for %s", request.id, exc_info=True)
            return {}
        return {tile.name: charges.tile_charge(tile.width, tile.height, setup, start, end) for tile in request.tiles}

    def _delivery_bucket(self, storage: Dict[str, Any]) -> Bucket:
        """The bucket of an ``ObjectStorageInfoV2`` with the request's own keys; an IAM role or Google Cloud Storage
        credentials mean the stack's keys (assumptions)."""
        s3 = storage.get("s3") or {}
        if not (s3.get("accessKey") and s3.get("secretAccessKey")):
            return self.bucket
        access = S3Access(self.s3.endpoint_url, s3["accessKey"], s3["secretAccessKey"],
                          s3.get("region") or self.s3.region)
        with self._lock:
            if access not in self._buckets:
                self._buckets[access] = Bucket(access)
            return self._buckets[access]

    # ------------------------------------------------------------------------------------ processing

    def _running(self, request: BatchRequest) -> bool:
        return request.status == PROCESSING and not self._closing.is_set()

    def _process(self, request: BatchRequest) -> None:
        run = request.run
        body = request.body
        url = _delivery_url(body)
        bucket = self._delivery_bucket(body["output"]["delivery"])
        execution = layout.service_files(_root(request), request.id)[2]
        upload_lock = threading.Lock()

        def upload_execution() -> None:
            with upload_lock, request.lock:
                rows = [ExecutionRow(t.id, t.name, t.status, t.error, t.delivered) for t in request.tiles]
            data = execution_database(rows)
            with upload_lock:
                bucket.put(execution.bucket, execution.key, data, "application/x-sqlite3")

        upload_execution()
        pending = [tile for tile in request.tiles if tile.status == "PENDING"]
        with request.lock:
            request.finished_tiles = len(request.tiles) - len(pending)
        futures: List[Future] = []
        for tile in pending:
            futures.append(self._pool.submit(self._process_tile, request, tile, bucket, url, run))
        next_upload = time.time() + self.config.execution_upload_interval
        while not all(f.done() for f in futures):
            time.sleep(0.05)
            if time.time() >= next_upload:
                upload_execution()
                next_upload = time.time() + self.config.execution_upload_interval
            if self._closing.is_set():
                break
        for future in futures:
            if future.done() and future.exception() is not None:
                log.error("Tile worker failed: %s", future.exception())
        with request.lock:
            still_running = self._running(request) and request.run == run
        if not still_running:
            upload_execution()
            return
        with request.lock:
            request.completion = 100.0
            request.touch()
        upload_execution()
        self._sleep(self.config.done_delay_seconds)
        with request.lock:
            if request.status != PROCESSING or request.run != run:
                return
            finished = [t for t in request.tiles if t.status != "PENDING"]
            if finished and all(t.status == "FATAL" for t in finished):
                request.status = FAILED
                request.error = "Every tile failed: " + (finished[0].error or "processing error")
            else:
                request.status = DONE
            request.touch()
            if request.zarr is not None:
                request.zarr.close()
                request.zarr = None

    def _process_tile(self, request: BatchRequest, tile: WorkTile, bucket: Bucket, url: str, run: int) -> None:
        with request.lock:
            if not self._running(request) or request.run != run or tile.in_flight or tile.status != "PENDING":
                return
            tile.in_flight = True
        try:
            self._process_claimed_tile(request, tile, bucket, url)
        finally:
            tile.in_flight = False

    def _process_claimed_tile(self, request: BatchRequest, tile: WorkTile, bucket: Bucket, url: str) -> None:
        started = time.time()
        outcome_status, outcome_error, delivered = "DONE", None, False
        try:
            outcome_status, outcome_error, delivered = self._render_tile(request, tile, bucket, url)
        except runtime.EvalscriptFailure as error:
            outcome_status, outcome_error = "FATAL", str(error)
        self._sleep(self.config.tile_seconds - (time.time() - started))
        with request.lock:
            if request.status != PROCESSING and outcome_status == "DONE" and not delivered:
                return
            tile.status, tile.error, tile.delivered = outcome_status, outcome_error, delivered
            if request.collection_id and delivered and outcome_status == "DONE":
                self.byoc.add_tile(request.collection_id, {"request": request.id, "tile": tile.name, "paths": [
                    layout.output_object(url, request.id, tile.name, tile.id, identifier, format_type).url
                    for identifier, format_type in _requested_outputs(request.body)]})
            charged = outcome_status == "DONE" and outcome_error != "No data"
            charge = request.tile_charge.get(tile.name, 0.0) if charged else 0.0
            request.cost_pu += charge
            self.pu_spent += charge
            request.finished_tiles += 1
            finished = request.finished_tiles
            request.completion = min(99.99, 100.0 * finished / max(1, len(request.tiles)))
            if finished == len(request.tiles):
                request.completion = 100.0
            request.touch()
            if self.config.account_pu is not None and self.pu_spent >= self.config.account_pu \
                    and request.status == PROCESSING:
                self._stop(request, "OUT_OF_PU")

    def _render_tile(self, request: BatchRequest, tile: WorkTile, bucket: Bucket, url: str
                     ) -> Tuple[str, Optional[str], bool]:
        body = request.body
        process_request = body["processRequest"]
        for attempt in range(1, assumptions.TILE_ATTEMPTS + 1):
            tile.attempts = attempt
            if not self.faults.tile_fails(tile.name):
                break
        else:
            return "FATAL", f"Processing of the tile failed {assumptions.TILE_ATTEMPTS} times (injected fault).", False
        scenes = runtime.find_scenes(process_request["input"]["data"][0], *tile.centre_lonlat)
        if not scenes:
            return "DONE", "No data", False
        if not self.config.write_rasters:
            return "DONE", None, True
        spec = runtime.DataSpec.from_process_input(process_request["input"], request.area_wgs84,
                                                   render_step=self.config.render_step)
        spec.timeout_seconds = self.config.render_timeout_seconds
        spec.threads = self.config.render_threads
        if request.zarr is not None:
            self._write_zarr_tile(request, tile, bucket, process_request, spec)
            return "DONE", None, True
        outputs = runtime.render(process_request["evalscript"], tile.raster_bounds, tile.epsg, tile.raster_width,
                                 tile.raster_height, spec)
        cog = bool(body["output"].get("cogOutput"))
        for identifier, format_type in _requested_outputs(body):
            location = layout.output_object(url, request.id, tile.name, tile.id, identifier, format_type)
            if format_type == "application/json":
                data = json.dumps({"tile": tile.name, "outputId": identifier}).encode()
                bucket.put(location.bucket, location.key, data, "application/json")
                continue
            data = geotiff_bytes(outputs[identifier], tile.raster_bounds, tile.epsg, cog,
                                 body["output"].get("cogParameters"))
            bucket.put(location.bucket, location.key, data, "image/tiff")
        return "DONE", None, True

    def _write_zarr_tile(self, request: BatchRequest, tile: WorkTile, bucket: Bucket,
                         process_request: Dict[str, Any], spec: runtime.DataSpec) -> None:
        """Render the tile's own extent at the group's resolution into every array, then upload what changed."""
        group = request.zarr
        width = max(1, round((tile.bounds[2] - tile.bounds[0]) / group.resolution))
        height = max(1, round((tile.bounds[3] - tile.bounds[1]) / group.resolution))
        outputs = runtime.render(process_request["evalscript"], tile.bounds, tile.epsg, width, height, spec)
        for identifier, _ in _requested_outputs(request.body):
            group.write(identifier, outputs[identifier][0], tile.bounds)
        root = _root(request)
        for name, data in group.changed_files():
            target = root.joined(name)
            bucket.put(target.bucket, target.key, data, "application/octet-stream")


class AnalysisFailure(Exception):
    """Analysis cannot complete; the message becomes the request's ``error``."""


def _bounds_area(bounds: Dict[str, Any]) -> BaseGeometry:
    geometry = bounds.get("geometry")
    bbox = bounds.get("bbox")
    area = None
    if geometry:
        try:
            area = shape(geometry)
        except Exception as error:
            raise AnalysisFailure(f"processRequest.input.bounds.geometry is not a valid GeoJSON geometry: {error}") \
                from error
    if bbox:
        try:
            bbox_area = box(*[float(v) for v in bbox])
        except Exception as error:
            raise AnalysisFailure("processRequest.input.bounds.bbox must be [xmin, ymin, xmax, ymax].") from error
        area = bbox_area if area is None else area.intersection(bbox_area)
    if area is None or area.is_empty:
        raise AnalysisFailure("processRequest.input.bounds covers no area.")
    return area


def _centre(geometry_wgs84: BaseGeometry) -> Tuple[float, float]:
    point = geometry_wgs84.centroid
    return float(point.x), float(point.y)


def _is_zarr(body: Dict[str, Any]) -> bool:
    return body["output"].get("type", "raster") == "zarr"


def _delivery_url(body: Dict[str, Any]) -> str:
    storage = body["output"]["delivery"]
    return (storage.get("s3") or storage.get("gs"))["url"]


def _root(request: BatchRequest) -> layout.ObjectKey:
    return layout.root_folder(_delivery_url(request.body), request.id, _is_zarr(request.body))


def _requested_outputs(body: Dict[str, Any]) -> List[Tuple[str, str]]:
    return [(str(response["identifier"]), ((response.get("format") or {}).get("type")) or "image/tiff")
            for response in body["processRequest"]["output"]["responses"]]


ZARR_DTYPE_HOLDS = {"|u1": {"UINT8", "AUTO"}, "|i1": {"INT8"}, "<u2": {"UINT16", "UINT8", "AUTO"},
                    ">u2": {"UINT16", "UINT8", "AUTO"}, "<i2": {"INT16", "UINT8", "INT8", "AUTO"},
                    ">i2": {"INT16", "UINT8", "INT8", "AUTO"}}
"""Which ``sampleType`` each integer Zarr dtype may hold ("recommended" or "allowed", OpenAPI
``BatchV2ZarrOutputArrayParameters.dtype``); the float dtypes hold any."""


def _check_outputs_against_setup(body: Dict[str, Any], setup: runtime.SetupInfo, identifiers: List[str]) -> None:
    """What only the evalscript tells: COG and INT8 (``cogOutput``), Zarr bands and dtypes."""
    output = body["output"]
    declared = {o.id: o for o in setup.outputs}
    if not _is_zarr(body):
        int8 = [identifier for identifier in identifiers if declared[identifier].sample_type == "INT8"]
        if output.get("cogOutput") and int8:
            raise AnalysisFailure(f"COG output cannot use sampleType INT8 (outputs {', '.join(int8)}).")
        return
    for identifier in identifiers:
        if declared[identifier].bands != 1:
            raise AnalysisFailure(f"With Zarr output every output must have one band; '{identifier}' has "
                                  f"{declared[identifier].bands}.")
        overrides = (output.get("arrayOverrides") or {}).get(identifier) or {}
        dtype = {**(output.get("arrayParameters") or {}), **overrides}["dtype"]
        holds = ZARR_DTYPE_HOLDS.get(dtype)
        if holds is not None and declared[identifier].sample_type not in holds:
            raise AnalysisFailure(f"Zarr dtype {dtype} is not allowed for output '{identifier}' with sampleType "
                                  f"{declared[identifier].sample_type}.")


def _mask_secrets(value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("secretAccessKey", "credentials"):

                value[key] = "*" * 8
            else:
                _mask_secrets(item)
    elif isinstance(value, list):
        for item in value:
            _mask_secrets(item)
