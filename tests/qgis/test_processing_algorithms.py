"""The provider's algorithms through ``processing.run``: offline preview and refusals, then every job action against
the local stack (emulated Sentinel Hub + S3) when it is available."""

from __future__ import annotations

from pathlib import Path

import pytest
from osgeo import gdal
from processing_support import PROVIDER_ID, RecordingFeedback, initialise_processing
from qgis.core import QgsApplication, QgsProcessingException, QgsVectorLayer

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
TUTORIAL_AREA = SHARED_DATA / "california_crop_fields.geojson"
TUTORIAL_EVALSCRIPT = SHARED_DATA / "interpolation_evalscript.js"


def tutorial_parameters(**overrides):
    parameters = {
        "AREA": str(TUTORIAL_AREA),
        "GRID": 1,
        "RESOLUTION": 10,
        "BUFFER_X": 50,
        "BUFFER_Y": 50,
        "EVALSCRIPT": str(TUTORIAL_EVALSCRIPT),
        "TIME_FROM": "2020-07-01",
        "TIME_TO": "2020-07-30",
    }
    parameters.update(overrides)
    return parameters


ALGORITHM_IDS = {"preview_tiles", "create_job", "analyse_job", "start_job", "stop_job", "wait_for_job", "list_jobs",
                 "tile_status", "load_results", "retry_failed_tiles", "run_job"}
CONNECTION_VARIABLES = ("SH_CLIENT_ID", "SH_CLIENT_SECRET", "SH_BASE_URL", "SH_TOKEN_URL", "SH_DEPLOYMENT",
                        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_S3_ENDPOINT", "AWS_REGION")


@pytest.fixture(scope="module")
def processing(qgis_app):
    return initialise_processing()


def run(processing, name, parameters, feedback=None):
    return processing.run(f"{PROVIDER_ID}:{name}", parameters, feedback=feedback or RecordingFeedback())


def features(path):
    layer = QgsVectorLayer(str(path), "out", "ogr")
    assert layer.isValid(), path
    return list(layer.getFeatures())


# ------------------------------------------------------------------------------------------------ offline


def test_the_provider_offers_every_algorithm_id(processing):
    provider = QgsApplication.processingRegistry().providerById(PROVIDER_ID)
    assert {algorithm.name() for algorithm in provider.algorithms()} >= ALGORITHM_IDS
    for algorithm in provider.algorithms():
        assert algorithm.shortHelpString() and algorithm.displayName()


def test_preview_tiles_gives_the_tutorial_tiles_and_cost(processing, tmp_path):
    feedback = RecordingFeedback()
    result = run(processing, "preview_tiles", tutorial_parameters(OUTPUT=str(tmp_path / "tiles.gpkg")), feedback)
    tiles = features(result["OUTPUT"])
    assert result["TILE_COUNT"] == len(tiles) == 8
    assert {tile["epsg"] for tile in tiles} == {32611}
    assert all(tile["name"].startswith("11S") for tile in tiles)
    assert {(tile["width"], tile["height"], tile["raster_width"], tile["raster_height"]) for tile in tiles} == {
        (1000, 1000, 1100, 1100)}
    assert sum(tile["pu_estimate"] for tile in tiles) == pytest.approx(result["PU_ESTIMATE"], rel=1e-5)
    assert result["PU_CHARGED"] == pytest.approx(result["PU_ESTIMATE"] / 3)
    assert result["PU_BILLED"] == pytest.approx(max(100.0, result["PU_CHARGED"]))
    extent = QgsVectorLayer(result["OUTPUT"], "t", "ogr").extent()
    assert -121 < extent.xMinimum() < extent.xMaximum() < -118 and 35 < extent.yMinimum() < extent.yMaximum() < 37
    assert "Tiles: 8" in feedback.text and "PU" in feedback.text


def test_the_evalscript_may_be_text_or_a_file_and_drives_the_cost(processing):
    from_file = run(processing, "preview_tiles", tutorial_parameters(OUTPUT="memory:"))
    text = TUTORIAL_EVALSCRIPT.read_text()
    from_text = run(processing, "preview_tiles", tutorial_parameters(EVALSCRIPT=text, OUTPUT="memory:"))
    assert from_text["PU_ESTIMATE"] == pytest.approx(from_file["PU_ESTIMATE"])
    simple = text.replace("mosaicking: \"ORBIT\"", "mosaicking: \"SIMPLE\"")
    assert simple != text
    single_sample = run(processing, "preview_tiles", tutorial_parameters(EVALSCRIPT=simple, OUTPUT="memory:"))
    assert single_sample["PU_ESTIMATE"] < from_file["PU_ESTIMATE"]


def test_a_coarser_resolution_means_fewer_pixels_and_less_cost(processing):
    fine = run(processing, "preview_tiles", tutorial_parameters(OUTPUT="memory:"))
    coarse = run(processing, "preview_tiles", tutorial_parameters(RESOLUTION=20, OUTPUT="memory:"))
    assert coarse["TILE_COUNT"] == fine["TILE_COUNT"]
    assert coarse["PU_ESTIMATE"] == pytest.approx(fine["PU_ESTIMATE"] / 4)


@pytest.mark.parametrize("overrides, expected", [
    ({"RESOLUTION": 15}, "resolution"),
    ({"EVALSCRIPT": "/nowhere/script.js"}, "does not exist"),
    ({"TIME_FROM": "July 2020"}, "TIME_FROM"),
    ({"TIME_FROM": "2020-07-31", "TIME_TO": "2020-07-01"}, "ends"),
    ({"GRID": 42}, "GRID"),
    ({"DATA_COLLECTION": "sentinel-9"}, "DATA_COLLECTION"),
])
def test_bad_inputs_fail_with_a_plain_message(processing, overrides, expected):
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "preview_tiles", tutorial_parameters(OUTPUT="memory:", **overrides))
    message = str(raised.value)
    assert expected in message.lower() or expected in message
    assert "Traceback" not in message


def test_job_actions_without_credentials_say_what_to_set_up(processing, monkeypatch):
    for name in CONNECTION_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "list_jobs", {"OUTPUT": "memory:"})
    assert "credentials" in str(raised.value).lower()


# ------------------------------------------------------------------------------------------------ local stack


@pytest.fixture(scope="module")
def stack():
    stack_module = pytest.importorskip("emulator.stack")
    from emulator.config import EmulatorConfig

    with stack_module.LocalStack(config=EmulatorConfig.fast()) as running:
        yield running


@pytest.fixture
def stack_environment(stack, monkeypatch, processing):
    for name, value in {"SH_CLIENT_ID": stack.client_id, "SH_CLIENT_SECRET": stack.client_secret,
                        "SH_BASE_URL": stack.base_url, "SH_TOKEN_URL": stack.token_url,
                        "AWS_ACCESS_KEY_ID": stack.s3_access_key, "AWS_SECRET_ACCESS_KEY": stack.s3_secret_key,
                        "AWS_S3_ENDPOINT": stack.s3_endpoint, "AWS_REGION": stack.s3_region}.items():
        monkeypatch.setenv(name, str(value))
    monkeypatch.delenv("SH_DEPLOYMENT", raising=False)
    return stack


def sub_area_layer(tmp_path):
    """The tutorial's 'Test sub-area' alone (fewer tiles, quicker jobs)."""
    layer = QgsVectorLayer(str(TUTORIAL_AREA), "area", "ogr")
    layer.setSubsetString("\"name\" = 'Test sub-area'")
    assert layer.featureCount() == 1
    return layer


def job_parameters(stack, tmp_path, folder, **overrides):
    return tutorial_parameters(**{"AREA": sub_area_layer(tmp_path), "DELIVERY_URL": f"s3://{stack.bucket}/{folder}",
                                  "DESCRIPTION": f"processing test {folder}", **overrides})


def test_a_job_from_create_to_results(processing, stack_environment, tmp_path):
    stack = stack_environment
    preview = run(processing, "preview_tiles", tutorial_parameters(AREA=sub_area_layer(tmp_path), OUTPUT="memory:"))
    created = run(processing, "create_job", job_parameters(stack, tmp_path, "steps"))
    job_id = created["JOB_ID"]
    assert created["STATUS"] == "CREATED"
    assert created["PU_CHARGED"] == pytest.approx(preview["PU_CHARGED"])

    listed = run(processing, "list_jobs", {"SEARCH": "", "OUTPUT": str(tmp_path / "jobs.csv")})
    rows = features(listed["OUTPUT"])
    assert job_id in {row["id"] for row in rows} and listed["JOB_COUNT"] == len(rows)

    analysed = run(processing, "analyse_job", {"JOB_ID": job_id})
    assert analysed["STATUS"] in ("ANALYSING", "ANALYSIS_DONE")
    waited = run(processing, "wait_for_job", {"JOB_ID": job_id, "POLL_SECONDS": 0.5})
    assert waited["STATUS"] == "ANALYSIS_DONE"
    before = run(processing, "tile_status", {"JOB_ID": job_id, "OUTPUT": str(tmp_path / "before.gpkg")})
    assert before["TILE_COUNT"] == preview["TILE_COUNT"]
    assert {tile["status"] for tile in features(before["OUTPUT"])} == {"PENDING"}

    started = run(processing, "start_job", {"JOB_ID": job_id})
    assert started["STATUS"] in ("ANALYSIS_DONE", "PROCESSING", "DONE")
    feedback = RecordingFeedback()
    done = run(processing, "wait_for_job", {"JOB_ID": job_id, "POLL_SECONDS": 0.5}, feedback)
    assert done["STATUS"] == "DONE" and done["TILES_DONE"] == preview["TILE_COUNT"] and done["TILES_FAILED"] == 0
    assert feedback.progress_values and max(feedback.progress_values) == 100
    assert "Status: DONE" in feedback.text

    after = run(processing, "tile_status", {"JOB_ID": job_id, "OUTPUT": str(tmp_path / "after.gpkg")})
    tiles = features(after["OUTPUT"])
    assert {tile["status"] for tile in tiles} <= {"DONE", "NO_DATA"} and after["TILES_DONE"] >= 1
    assert {tile["name"] for tile in tiles} == {tile["name"] for tile in features(before["OUTPUT"])}
    assert all(tile["outputs"] == "NDVI,data_mask" for tile in tiles)

    loaded = run(processing, "load_results", {"JOB_ID": job_id, "DOWNLOAD": True,
                                              "OUTPUT_FOLDER": str(tmp_path / "results")})
    assert loaded["MOSAIC_COUNT"] == 2
    names = sorted(Path(path).stem for path in loaded["OUTPUT_LAYERS"])
    assert names == ["NDVI", "data_mask"]
    for path in loaded["OUTPUT_LAYERS"]:
        dataset = gdal.Open(path)
        assert dataset is not None and dataset.RasterXSize >= 1100
        assert all(str(tmp_path) in source for source in dataset.GetFileList()[1:])


def test_run_job_does_everything_in_one_step(processing, stack_environment, tmp_path):
    result = run(processing, "run_job", job_parameters(
        stack_environment, tmp_path, "one-step", POLL_SECONDS=0.5, TILES=str(tmp_path / "tiles.gpkg"),
        OUTPUT_FOLDER=str(tmp_path / "results")))
    assert result["STATUS"] == "DONE"
    tiles = features(result["TILES"])
    assert len(tiles) == result["TILE_COUNT"] >= 1
    assert result["MOSAIC_COUNT"] == 2 and all(Path(path).is_file() for path in result["OUTPUT_LAYERS"])


def test_cancelling_the_wait_leaves_the_job_running(processing, stack_environment, tmp_path):
    created = run(processing, "create_job", job_parameters(stack_environment, tmp_path, "cancel"))
    run(processing, "start_job", {"JOB_ID": created["JOB_ID"]})
    feedback = RecordingFeedback(cancel_when=lambda text: text.startswith("Status:"))
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "wait_for_job", {"JOB_ID": created["JOB_ID"], "POLL_SECONDS": 0.5}, feedback)
    assert "goes on" in str(raised.value)
    stopped = run(processing, "stop_job", {"JOB_ID": created["JOB_ID"]})
    assert stopped["STATUS"] in ("STOPPED", "ANALYSING", "ANALYSIS_DONE", "PROCESSING")
    final = run(processing, "wait_for_job", {"JOB_ID": created["JOB_ID"], "POLL_SECONDS": 0.5})
    assert final["STATUS"] in ("STOPPED", "DONE")


def test_the_service_message_is_shown_for_an_unknown_job(processing, stack_environment):
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "start_job", {"JOB_ID": "00000000-0000-0000-0000-000000000000"})
    assert "Sentinel Hub refused it" in str(raised.value) and "Traceback" not in str(raised.value)


def test_failed_tiles_are_retried_into_the_same_outputs(processing, stack_environment, tmp_path):
    stack = stack_environment
    preview = run(processing, "preview_tiles", tutorial_parameters(AREA=sub_area_layer(tmp_path),
                                                                   OUTPUT=str(tmp_path / "preview.gpkg")))
    failing = sorted(tile["name"] for tile in features(preview["OUTPUT"]))[0]
    stack.faults.failing_tiles[:] = [failing]
    try:
        result = run(processing, "run_job", job_parameters(
            stack, tmp_path, "retry", POLL_SECONDS=0.5, TILES=str(tmp_path / "tiles.gpkg"),
            OUTPUT_FOLDER=str(tmp_path / "results")))
    finally:
        stack.faults.failing_tiles[:] = []
    statuses = {tile["name"]: tile["status"] for tile in features(result["TILES"])}
    assert statuses[failing] == "FAILED" and result["TILES_FAILED"] == 1
    assert next(tile["error"] for tile in features(result["TILES"]) if tile["name"] == failing)

    jobs_before = set(stack.service.requests)
    with pytest.raises(QgsProcessingException) as refused:
        run(processing, "retry_failed_tiles", {"JOB_ID": result["JOB_ID"], "MAX_PU": 50})
    assert "1 tile" in str(refused.value) and "above the spending limit of 50.00 PU" in str(refused.value)
    assert set(stack.service.requests) == jobs_before, "a refused re-run creates nothing"
    retried = run(processing, "retry_failed_tiles", {"JOB_ID": result["JOB_ID"]})
    assert retried["TILE_COUNT"] == 1 and retried["NEW_JOB_ID"] != result["JOB_ID"]
    done = run(processing, "wait_for_job", {"JOB_ID": retried["NEW_JOB_ID"], "POLL_SECONDS": 0.5})
    assert done["STATUS"] == "DONE" and done["TILES_DONE"] == 1 and done["TILES_FAILED"] == 0
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "retry_failed_tiles", {"JOB_ID": retried["NEW_JOB_ID"]})
    assert "no failed tiles" in str(raised.value)


# ------------------------------------------------------------------------------------------------ safe by default


def test_run_job_rides_out_the_404s_of_a_request_just_created(processing, stack_environment, tmp_path, monkeypatch):
    stack = stack_environment
    monkeypatch.setattr(stack.faults, "not_found_after_create_seconds", 2.0)
    result = run(processing, "run_job", job_parameters(
        stack, tmp_path, "window-run", POLL_SECONDS=0.5, TILES=str(tmp_path / "tiles.gpkg"),
        OUTPUT_FOLDER=str(tmp_path / "results")))
    assert result["STATUS"] == "DONE"
    assert [entry for entry in stack.request_log if result["JOB_ID"] in entry[1] and entry[2] == 404]


def test_create_then_start_in_one_process_rides_out_the_404s(processing, stack_environment, tmp_path, monkeypatch):
    stack = stack_environment
    monkeypatch.setattr(stack.faults, "not_found_after_create_seconds", 2.0)
    job_id = run(processing, "create_job", job_parameters(stack, tmp_path, "window-steps"))["JOB_ID"]
    assert run(processing, "start_job", {"JOB_ID": job_id})["STATUS"] in ("ANALYSING", "PROCESSING", "DONE")
    assert [entry for entry in stack.request_log if job_id in entry[1] and entry[2] == 404]


@pytest.fixture
def wrong_s3_endpoint(stack_environment, monkeypatch):
    """An S3 endpoint that answers, but is not where the service delivers: every object is 'not found'."""
    monkeypatch.setenv("AWS_S3_ENDPOINT", stack_environment.base_url)
    return stack_environment


def test_a_done_job_whose_results_cannot_be_read_is_an_error_everywhere(processing, stack_environment, tmp_path,
                                                                         monkeypatch):
    stack = stack_environment
    job_id = run(processing, "create_job", job_parameters(stack, tmp_path, "unreadable"))["JOB_ID"]
    run(processing, "start_job", {"JOB_ID": job_id})
    assert run(processing, "wait_for_job", {"JOB_ID": job_id, "POLL_SECONDS": 0.5})["STATUS"] == "DONE"
    monkeypatch.setenv("AWS_S3_ENDPOINT", stack.base_url)  # answers, but holds none of the job's files
    for name, parameters in (("wait_for_job", {"POLL_SECONDS": 0.5}), ("tile_status", {"OUTPUT": "memory:"}),
                             ("load_results", {"OUTPUT_FOLDER": str(tmp_path / "results")})):
        with pytest.raises(QgsProcessingException) as raised:
            run(processing, name, {"JOB_ID": job_id, **parameters})
        assert job_id in str(raised.value) and "featureManifest" in str(raised.value), (name, str(raised.value))


def sub_area_file(tmp_path):
    """The 'Test sub-area' as a GeoJSON file: a run that fails must not be given a layer object (QGIS 3.22 then
    crashes when the test process exits)."""
    import json

    collection = json.loads(TUTORIAL_AREA.read_text())
    collection["features"] = [feature for feature in collection["features"]
                              if feature["properties"].get("name") == "Test sub-area"]
    path = tmp_path / "sub_area.geojson"
    path.write_text(json.dumps(collection))
    return str(path)


def test_run_job_fails_when_the_finished_job_cannot_be_read(processing, wrong_s3_endpoint, tmp_path):
    with pytest.raises(QgsProcessingException) as raised:
        run(processing, "run_job", job_parameters(
            wrong_s3_endpoint, tmp_path, "unreadable-run", AREA=sub_area_file(tmp_path), POLL_SECONDS=0.5,
            TILES=str(tmp_path / "tiles.gpkg"), OUTPUT_FOLDER=str(tmp_path / "results")))
    assert "is DONE, but its feature manifest is not at" in str(raised.value)
