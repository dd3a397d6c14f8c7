"""Following a job and re-running its tiles: the logic shared by the monitor worker and Processing."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile

import pytest
from osgeo import ogr, osr
from sentinelhub_batch.plugin.core.errors import ConnectionFailedError
from sentinelhub_batch.plugin.core.jobs import (
    JobWatcher,
    PollPolicy,
    ResultsUnreadableError,
    S3Keys,
    WaitCancelledError,
    reprocess_request,
    retry_tiles,
    wait_for_job,
    waiting_on_user,
)
from sentinelhub_batch.plugin.core.models import BatchTask, TaskStatus
from sentinelhub_batch.plugin.core.s3 import S3Error, S3Object
from sentinelhub_batch.plugin.core.storage import TileStatus
from shapely.geometry import box

TASK_ID = "5f7c1a52-0000-4000-8000-000000000001"
URL = "s3://bucket/folder"
ROOT = f"folder/{TASK_ID}"


class FakeS3:
    """In-memory bucket with S3's ETag/If-None-Match semantics; counts full downloads per key."""

    def __init__(self):
        self.objects = {}
        self.downloads = {}
        self.denied = False

    def put_object(self, bucket, key, data, content_type=None):
        self.objects[(bucket, key)] = bytes(data)
        return hashlib.md5(data).hexdigest()

    def get_object(self, bucket, key, if_none_match=None):
        if self.denied:
            raise S3Error("Access Denied: check the S3 keys", status=403, code="AccessDenied")
        if (bucket, key) not in self.objects:
            raise S3Error("The specified key does not exist.", status=404, code="NoSuchKey")
        data = self.objects[(bucket, key)]
        etag = f'"{hashlib.md5(data).hexdigest()}"'
        if if_none_match == etag:
            return None
        self.downloads[key] = self.downloads.get(key, 0) + 1
        return S3Object(data=data, etag=etag)

    def download_file(self, bucket, key, path, progress=None, cancel=None):
        found = self.get_object(bucket, key)
        with open(path, "wb") as file:
            file.write(found.data)
        return True


class FakeClient:
    def __init__(self, *statuses, **extra):
        self.statuses = list(statuses)
        self.extra = extra
        self.created = []
        self.gets = 0

    def get(self, task_id):
        self.gets += 1
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        if isinstance(status, Exception):
            raise status
        return BatchTask({"id": task_id, "status": status, "request": request_body(), **self.extra})

    def create(self, body):
        self.created.append(body)
        return BatchTask({"id": "new-id", "status": "CREATED", "request": body})


def request_body(**s3):
    return {"processRequest": {"evalscript": "//VERSION=3", "input": {"bounds": {}, "data": []},
                               "output": {"responses": [{"identifier": "NDVI", "format": {"type": "image/tiff"}}]}},
            "input": {"type": "tiling-grid", "id": 1, "resolution": 10, "bufferX": 0, "bufferY": 0},
            "output": {"type": "raster", "delivery": {"s3": {"url": URL, **s3}}, "cogOutput": True,
                       "overwrite": False, "skipExisting": False},
            "instanceType": "normal"}


def execution_db(rows):
    handle, path = tempfile.mkstemp(suffix=".sqlite")
    os.close(handle)
    try:
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE features(id INTEGER, name TEXT, status TEXT, error TEXT, delivered BOOLEAN)")
            connection.executemany("INSERT INTO features VALUES (?, ?, ?, ?, ?)", rows)
        connection.close()
        with open(path, "rb") as file:
            return file.read()
    finally:
        os.remove(path)


def manifest_gpkg(tiles):
    """A manifest as the service writes it, written by OGR (not by our own writer)."""
    path = tempfile.mktemp(suffix=".gpkg")
    try:
        dataset = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(32611)
        layer = dataset.CreateLayer("feature_32611", srs, ogr.wkbPolygon)
        for name, kind in (("outputId", ogr.OFTString), ("identifier", ogr.OFTString), ("path", ogr.OFTString),
                           ("width", ogr.OFTInteger), ("height", ogr.OFTInteger)):
            layer.CreateField(ogr.FieldDefn(name, kind))
        for index, name in enumerate(tiles):
            feature = ogr.Feature(layer.GetLayerDefn())
            for key, value in (("outputId", "NDVI"), ("identifier", name),
                               ("path", f"s3://bucket/{ROOT}/{name}/NDVI.tif"), ("width", 1000), ("height", 1000)):
                feature.SetField(key, value)
            feature.SetGeometry(ogr.CreateGeometryFromWkb(box(index * 1e4, 0, (index + 1) * 1e4, 1e4).wkb))
            layer.CreateFeature(feature)
        dataset = None
        with open(path, "rb") as file:
            return file.read()
    finally:
        if os.path.exists(path):
            os.remove(path)


TILES = ["11SKA_0_0", "11SKA_1_0", "11SKA_2_0"]


@pytest.fixture
def bucket():
    s3 = FakeS3()
    s3.put_object("bucket", f"{ROOT}/featureManifest-{TASK_ID}.gpkg", manifest_gpkg(TILES))
    return s3


def put_execution(s3, statuses):
    rows = [(n + 1, name, status, "boom" if status == "FATAL" else None, status == "DONE")
            for n, (name, status) in enumerate(zip(TILES, statuses))]
    s3.put_object("bucket", f"{ROOT}/execution-{TASK_ID}.sqlite", execution_db(rows))


def test_watcher_reads_the_manifest_once_and_the_execution_db_only_when_it_changed(bucket):
    client = FakeClient("CREATED", "PROCESSING", "PROCESSING", "PROCESSING", "DONE", "DONE")
    watcher = JobWatcher(client, bucket, TASK_ID)
    first = watcher.poll()
    assert first.manifest is None and first.tile_statuses is None and not bucket.downloads

    put_execution(bucket, ["PENDING", "PENDING", "PENDING"])
    second = watcher.poll()
    assert [f.identifier for f in second.manifest] == TILES and second.tiles_changed
    assert set(second.tile_statuses.values()) == {TileStatus.PENDING}

    third = watcher.poll()
    assert not third.tiles_changed and bucket.downloads[f"{ROOT}/execution-{TASK_ID}.sqlite"] == 1

    put_execution(bucket, ["DONE", "FATAL", "PENDING"])
    fourth = watcher.poll()
    assert fourth.tiles_changed
    assert fourth.tile_statuses == {"11SKA_0_0": TileStatus.DONE, "11SKA_1_0": TileStatus.FAILED,
                                    "11SKA_2_0": TileStatus.PENDING}

    put_execution(bucket, ["DONE", "FATAL", "DONE"])
    assert watcher.poll().tile_statuses["11SKA_2_0"] is TileStatus.DONE
    watcher.poll()
    assert bucket.downloads[f"{ROOT}/featureManifest-{TASK_ID}.gpkg"] == 1
    assert bucket.downloads[f"{ROOT}/execution-{TASK_ID}.sqlite"] == 3  # nothing read after the final DONE read


def test_bucket_trouble_is_reported_and_the_job_still_polled(bucket):
    bucket.denied = True
    snapshot = JobWatcher(FakeClient("PROCESSING"), bucket, TASK_ID).poll()
    assert snapshot.task.status is TaskStatus.PROCESSING
    assert "check the S3 keys" in snapshot.storage_problem


def task_in(status, user_action=None):
    return BatchTask({"id": TASK_ID, "status": status, **({"userAction": user_action} if user_action else {})})


def test_poll_policy_keeps_a_steady_cadence_while_the_job_moves():
    policy = PollPolicy(analysing=5, waiting_for_user=30, processing_min=10, processing_max=40)
    assert policy.next_delay(task_in("ANALYSING")) == 5
    # Processing: every 10 s however long nothing changed (the progress shown is never older than that).
    assert [policy.next_delay(task_in("PROCESSING")) for _ in range(20)] == [10] * 20
    # Start was asked for but the status has not caught up yet: polled as quickly as an analysis.
    assert policy.next_delay(task_in("ANALYSIS_DONE", "START")) == 5
    assert policy.next_delay(task_in("CREATED", "START")) == 5
    assert policy.next_delay(task_in("CREATED", "ANALYSE")) == 5
    # Waiting for the user: slow.
    assert policy.next_delay(task_in("ANALYSIS_DONE")) == 30
    assert policy.next_delay(task_in("CREATED")) == 30
    assert policy.next_delay(task_in("STOPPED", "STOP")) == 30
    assert policy.next_delay(task_in("DONE")) is None and policy.next_delay(task_in("FAILED")) is None


FAST = PollPolicy(analysing=0.01, waiting_for_user=0.01, processing_min=0.01, processing_max=0.02)


def test_wait_returns_when_done_and_reports_every_poll(bucket):
    seen = []
    task = wait_for_job(FakeClient("ANALYSING", "PROCESSING", "PROCESSING", "DONE"), TASK_ID, policy=FAST,
                        on_update=lambda snapshot: seen.append(snapshot.task.status))
    assert task.status is TaskStatus.DONE
    assert seen == [TaskStatus.ANALYSING, TaskStatus.PROCESSING, TaskStatus.PROCESSING, TaskStatus.DONE]


def test_wait_does_not_hang_on_a_job_nobody_started():
    assert wait_for_job(FakeClient("CREATED"), TASK_ID, policy=FAST).status is TaskStatus.CREATED
    assert waiting_on_user(BatchTask({"status": "ANALYSIS_DONE", "userAction": "ANALYSE"}))
    assert not waiting_on_user(BatchTask({"status": "ANALYSIS_DONE", "userAction": "START"}))
    assert not waiting_on_user(BatchTask({"status": "CREATED", "userAction": "START"}))
    assert waiting_on_user(BatchTask({"status": "STOPPED", "userAction": "STOP"}))


def test_wait_rides_out_network_trouble_and_can_be_cancelled():
    trouble = ConnectionFailedError("Could not reach the service")
    client = FakeClient(trouble, trouble, "PROCESSING", "DONE")
    assert wait_for_job(client, TASK_ID, policy=FAST).status is TaskStatus.DONE

    polls = []
    with pytest.raises(WaitCancelledError, match="goes on"):
        wait_for_job(FakeClient("PROCESSING"), TASK_ID, policy=FAST, on_update=polls.append,
                     is_cancelled=lambda: len(polls) >= 2)
    with pytest.raises(ConnectionFailedError):
        wait_for_job(FakeClient(trouble), TASK_ID, policy=FAST, give_up_after=0.05)


def test_reprocess_request_writes_to_the_same_objects():
    task = BatchTask({"id": TASK_ID, "status": "DONE", "request": request_body(region="eu-central-1")})
    body = reprocess_request(task, "s3://bucket/folder/x.gpkg", S3Keys("AK", "SK"), "again")
    assert body["input"] == {"type": "geopackage", "features": {"s3": {
        "url": "s3://bucket/folder/x.gpkg", "accessKey": "AK", "secretAccessKey": "SK", "region": "eu-central-1"}}}
    assert body["output"]["delivery"]["s3"]["url"] == f"s3://bucket/folder/{TASK_ID}/<tileName>/<outputId>.<format>"
    assert body["output"]["overwrite"] is True and body["output"]["skipExisting"] is False
    assert body["processRequest"] == task.request["processRequest"]

    role_task = BatchTask({"id": TASK_ID, "request": request_body(iamRoleARN="arn:aws:iam::1:role/r")})
    assert reprocess_request(role_task, "s3://bucket/x.gpkg", S3Keys(), "d")["output"]["delivery"]["s3"][
        "iamRoleARN"] == "arn:aws:iam::1:role/r"
    with pytest.raises(Exception, match="access keys"):
        reprocess_request(task, "s3://bucket/x.gpkg", S3Keys(), "d")


def test_retry_tiles_sends_only_the_failed_tiles(bucket):
    put_execution(bucket, ["DONE", "FATAL", "FATAL"])
    client = FakeClient("DONE")
    task = client.get(TASK_ID)
    new = retry_tiles(client, bucket, task, keys=S3Keys("AK", "SK"))
    assert new.id == "new-id"
    url = client.created[0]["input"]["features"]["s3"]["url"]
    key = url.split("s3://bucket/", 1)[1]
    assert key.startswith(f"{ROOT}/reprocess-") and key.endswith(".gpkg")
    path = tempfile.mktemp(suffix=".gpkg")
    with open(path, "wb") as file:
        file.write(bucket.objects[("bucket", key)])
    try:
        dataset = ogr.Open(path)
        layer = dataset.GetLayer(0)
        assert sorted(feature.GetField("identifier") for feature in layer) == ["11SKA_1_0", "11SKA_2_0"]
        dataset = None
    finally:
        os.remove(path)

    put_execution(bucket, ["DONE", "DONE", "DONE"])
    with pytest.raises(Exception, match="no failed tiles"):
        retry_tiles(client, bucket, task, keys=S3Keys("AK", "SK"))
    retry_tiles(client, bucket, task, ["11SKA_0_0"], keys=S3Keys("AK", "SK"))  # reprocess chosen tiles


def test_a_watcher_that_keeps_nothing_hands_over_the_tiles_once_and_then_only_changed_statuses(bucket):
    put_execution(bucket, ["PENDING", "PENDING", "PENDING"])
    watcher = JobWatcher(FakeClient("PROCESSING"), bucket, TASK_ID, keep_files=False)
    first = watcher.poll()
    assert first.manifest is None and first.execution is None
    assert first.manifest_tiles.names == TILES and first.tiles_changed
    assert first.status_changes == dict.fromkeys(TILES, TileStatus.PENDING)  # every tile on the first read
    second = watcher.poll()
    assert second.manifest_tiles is None and second.status_changes is None and not second.tiles_changed
    assert second.task.request is first.task.request  # an unchanged request is not kept twice
    assert watcher.manifest is None and watcher.execution is None
    put_execution(bucket, ["DONE", "PENDING", "FATAL"])
    third = watcher.poll()
    assert third.manifest_tiles is None
    assert third.status_changes == {"11SKA_0_0": TileStatus.DONE, "11SKA_2_0": TileStatus.FAILED}
    assert bucket.downloads[f"{ROOT}/featureManifest-{TASK_ID}.gpkg"] == 1


@pytest.mark.parametrize("problem", ["denied", "no manifest", "no execution db"])
def test_a_done_job_whose_files_cannot_be_read_is_an_error_not_waiting_tiles(bucket, problem):
    """A wrong endpoint, key or path used to look like a finished job with every tile still waiting."""
    bucket.put_object("bucket", f"{ROOT}/featureManifest-{TASK_ID}.gpkg", manifest_gpkg(["11SKA_0_0"]))
    put_execution(bucket, ["DONE"])
    if problem == "denied":
        bucket.denied = True
    else:
        key = "featureManifest" if problem == "no manifest" else "execution"
        ending = "gpkg" if problem == "no manifest" else "sqlite"
        del bucket.objects[("bucket", f"{ROOT}/{key}-{TASK_ID}.{ending}")]
    with pytest.raises(ResultsUnreadableError) as caught:
        wait_for_job(FakeClient("PROCESSING", "DONE"), TASK_ID, s3=bucket, policy=FAST)
    expected = {"denied": "check the S3 keys", "no manifest": "feature manifest is not at s3://bucket/folder/",
                "no execution db": "execution database is not at s3://bucket/folder/"}[problem]
    assert expected in str(caught.value)


def test_a_done_job_without_a_bucket_to_read_is_simply_done():
    assert wait_for_job(FakeClient("DONE"), TASK_ID, s3=None, policy=FAST).status is TaskStatus.DONE


def zarr_request():
    body = request_body()
    body["output"] = {"type": "zarr", "delivery": {"s3": {"url": "s3://bucket/zarr/run-1"}},
                      "group": {"zarr_format": 2}}
    return body


def gcs_request():
    body = request_body()
    body["output"]["delivery"] = {"gs": {"url": "gs://gcs-bucket/results", "credentials": "e30="}}
    return body


class RequestClient(FakeClient):
    """A FakeClient whose job has the given request."""

    def __init__(self, request, *statuses):
        super().__init__(*statuses)
        self.request = request

    def get(self, task_id):
        task = super().get(task_id)
        return BatchTask({**task.raw, "request": self.request})


def test_a_zarr_job_is_followed_in_its_zarr_folder():
    # Zarr: manifest and execution database are in the Zarr folder itself, where a raster URL would get
    # <requestId>/ appended.
    s3 = FakeS3()
    root = "zarr/run-1"
    s3.put_object("bucket", f"{root}/featureManifest-{TASK_ID}.gpkg", manifest_gpkg(TILES))
    rows = [(n + 1, name, "DONE", None, True) for n, name in enumerate(TILES)]
    s3.put_object("bucket", f"{root}/execution-{TASK_ID}.sqlite", execution_db(rows))
    snapshot = JobWatcher(RequestClient(zarr_request(), "PROCESSING"), s3, TASK_ID).poll()
    assert not snapshot.storage_problem
    assert len(snapshot.manifest) == 3 and set(snapshot.tile_statuses.values()) == {TileStatus.DONE}
    done = wait_for_job(RequestClient(zarr_request(), "DONE"), TASK_ID, s3=s3, policy=FAST)
    assert done.status is TaskStatus.DONE


def test_the_tiles_of_a_zarr_job_are_not_rerun_into_the_full_zarr(bucket):
    task = RequestClient(zarr_request(), "DONE").get(TASK_ID)
    with pytest.raises(Exception, match="Zarr output fails when its folder already holds files"):
        retry_tiles(FakeClient("DONE"), bucket, task, keys=S3Keys("AK", "SK"))


def test_a_google_cloud_storage_job_is_followed_by_status_only():
    class NoReads(FakeS3):
        def get_object(self, bucket, key, if_none_match=None):
            raise AssertionError("a gs:// delivery must not be read from S3")

    client = RequestClient(gcs_request(), "PROCESSING", "DONE")
    snapshot = JobWatcher(client, NoReads(), TASK_ID).poll()
    assert "Google Cloud Storage" in snapshot.status_only and "only its status" in snapshot.status_only
    assert snapshot.manifest is None and snapshot.execution is None and not snapshot.storage_problem
    assert wait_for_job(client, TASK_ID, s3=NoReads(), policy=FAST).status is TaskStatus.DONE
    with pytest.raises(Exception, match="Google Cloud Storage"):
        retry_tiles(client, NoReads(), client.get(TASK_ID), keys=S3Keys("AK", "SK"))
    raster = JobWatcher(FakeClient("PROCESSING"), FakeS3(), TASK_ID).poll()
    assert raster.status_only == ""
