"""The Batch v2 options of the New job dock and what the Jobs dock does with such jobs, against the local stack (the
emulator answers as sentinel-hub.com or as CDSE by the realm of the token); and that the dock and the create/run
algorithms offer the same options and make the same request from the same choices."""

from __future__ import annotations

import json

import pytest
from emulator.testing import NDVI_EVALSCRIPT
from processing_support import grid_choice, initialise_processing
from qgis.core import Qgis, QgsProcessingContext, QgsProject, QgsRasterLayer, QgsSettings
from sentinelhub_batch.plugin.core import storage
from sentinelhub_batch.plugin.core.cost import estimate_processing_units
from sentinelhub_batch.plugin.core.evalscript import read_evalscript
from sentinelhub_batch.plugin.core.geopackage import features_from_polygons
from sentinelhub_batch.plugin.core.jobs import PollPolicy
from sentinelhub_batch.plugin.gui.jobs_dock import JobsDock
from sentinelhub_batch.plugin.gui.monitor import JobMonitor
from sentinelhub_batch.plugin.gui.new_job_dock import OPTION_WIDGETS, ZARR_DTYPE_COLUMN, NewJobDock
from sentinelhub_batch.plugin.services.batch_options import JOB_OPTIONS
from sentinelhub_batch.plugin.services.connection import resolve_connection, store_service_account_key
from sentinelhub_batch.plugin.services.preview import format_pu
from v2_helpers import (
    EUROPE_WKT,
    FIELDS,
    ROLE,
    SERVICE_ACCOUNT_KEY,
    job_count,
    polygon_layer,
    received,
    unique,
    use_stack,
)

pytestmark = pytest.mark.e2e
WAIT_MS = 30000
QUICK = PollPolicy(analysing=0.05, waiting_for_user=0.1, processing_min=0.05, processing_max=0.2)
QUICK_STACK = {"render_step": 16, "execution_upload_interval": 0.1}
NEAR = "POLYGON((-119.40 36.00, -119.34 36.00, -119.34 36.06, -119.40 36.06, -119.40 36.00))"
AREA_WKT = "POLYGON((-119.42 35.98, -119.30 35.98, -119.30 36.08, -119.42 36.08, -119.42 35.98))"
"""Near the tutorial fields: a few tiles of grid 1."""


@pytest.fixture
def stack(local_stack, monkeypatch, qgis_new_project):
    local_stack.config.update(QUICK_STACK)
    use_stack(monkeypatch, local_stack)
    yield local_stack
    QgsProject.instance().removeAllMapLayers()


def make_dock(qgis_iface, qtbot, area_wkt=AREA_WKT):
    area = polygon_layer([("area", area_wkt)], 4326, "area")
    qgis_iface.setActiveLayer(area)
    dock = NewJobDock(qgis_iface, preview_delay_ms=30)
    qtbot.addWidget(dock)
    dock.show()  # opened by the user: from now on its preview draws the tiles
    dock.area_layer_combo.setLayer(area)
    dock.set_evalscript(NDVI_EVALSCRIPT)
    dock.buffer_x_spin.setValue(0)
    dock.buffer_y_spin.setValue(0)
    dock.resolution_combo.setCurrentIndex(dock.resolution_combo.findData(20.0))
    return dock, area


def choose(combo, value):
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def wait_for_preview(dock, qtbot):
    qtbot.waitUntil(lambda: not dock.preview.busy and dock.last_preview is not None
                    and dock.last_preview.inputs == dock.preview_inputs()
                    and not dock.tile_layer.filling, timeout=WAIT_MS)
    return dock.last_preview


def create(dock, qtbot, stack):
    """Click Create and return the body the emulator received."""
    wait_for_preview(dock, qtbot)
    assert dock.create_button.isEnabled(), dock.create_button.toolTip()
    with qtbot.waitSignal(dock.job_created, timeout=WAIT_MS) as created:
        dock.create_button.click()
    return created.args[0], received(stack, created.args[0].id)


def refused(dock, qtbot, stack, qgis_iface):
    """Click Create, expecting a warning and no job; returns the warning."""
    wait_for_preview(dock, qtbot)
    before = job_count(stack)
    qgis_iface.messageBar().clearWidgets()
    dock.create_button.click()
    qtbot.wait(50)
    assert job_count(stack) == before and not dock.tasks.pending
    return bar_texts(qgis_iface, Qgis.MessageLevel.Warning)[-1]


def bar_texts(qgis_iface, level):
    """What the message bar shows now at ``level`` (the docks push message items, kept by topic)."""
    return [item.text() for item in qgis_iface.messageBar().items() if item.level() == level]


def hidden(widget):
    return widget.isHidden()


# ----------------------------------------------------------------------------------------------- the same options


def test_the_dock_and_the_algorithms_offer_the_same_options(stack, processing_provider, qgis_iface, qtbot):
    from sentinelhub_batch.plugin.processing.algorithms.create_job import OPTION_PARAMETERS

    assert set(OPTION_WIDGETS) == set(JOB_OPTIONS) == set(OPTION_PARAMETERS)
    dock, _ = make_dock(qgis_iface, qtbot)
    for option, name in OPTION_WIDGETS.items():
        assert getattr(dock, name, None) is not None, f"the dock has no widget {name} for {option}"
    for algorithm_id in ("create_job", "run_job"):
        algorithm = processing_provider.algorithm(algorithm_id)
        names = {parameter.name() for parameter in algorithm.parameterDefinitions()}
        assert set(OPTION_PARAMETERS.values()) <= names, (algorithm_id, set(OPTION_PARAMETERS.values()) - names)
    preview = processing_provider.algorithm("preview_tiles")
    assert {"FEATURES", "FEATURE_ID_FIELD", "AREA", "RESOLUTION"} <= {p.name() for p in preview.parameterDefinitions()}
    dock.cleanup()


@pytest.fixture
def processing_provider(qgis_app):
    initialise_processing()
    from qgis.core import QgsApplication

    return QgsApplication.processingRegistry().providerById("sentinelhub_batch")


def processing_body(provider, parameters):
    """The body create_job would send for these parameters (built, checked, not sent)."""
    from sentinelhub_batch.plugin.processing.algorithms.preview_tiles import compute_tiles_and_cost

    algorithm = provider.algorithm("create_job").createInstance()
    algorithm.initAlgorithm()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    inputs = algorithm.request_inputs(parameters, context)
    tiles, info, _ = compute_tiles_and_cost(inputs)
    output_ids = algorithm.output_ids(parameters, context, info)
    connection = resolve_connection()
    return algorithm.prepare_job(parameters, context, inputs, info, tiles, output_ids, connection).body


def _iam_and_formats(dock, stack, layer):
    choose(dock.access_combo, "iam-role")
    dock.iam_role_edit.setText(ROLE)
    dock.cog_check.setChecked(False)
    dock.overwrite_check.setChecked(True)
    dock.skip_existing_check.setChecked(True)
    wait_outputs(dock)
    dock.outputs_table.cellWidget(1, 3).setCurrentText("application/json")
    return {"ACCESS": "iam-role", "IAM_ROLE_ARN": ROLE, "COG_OUTPUT": False, "OVERWRITE": True,
            "SKIP_EXISTING": True, "OUTPUT_FORMATS": "mask=application/json"}


def _cog_and_byoc(dock, stack, layer):
    dock.cog_levels_edit.setText("2, 4, 8")
    dock.cog_min_size_spin.setValue(128)
    choose(dock.cog_resampling_combo, "cubic")
    dock.cog_block_x_spin.setValue(256)
    dock.cog_block_y_spin.setValue(512)
    choose(dock.cog_predictor_combo, True)
    choose(dock.byoc_combo, "existing")
    dock.collection_id_edit.setText("1f2e3d4c-5b6a-4789-8abc-0123456789ab")
    return {"COG_OVERVIEW_LEVELS": "2, 4, 8", "COG_OVERVIEW_MIN_SIZE": 128, "COG_RESAMPLING": "cubic",
            "COG_BLOCK_X": 256, "COG_BLOCK_Y": 512, "COG_PREDICTOR": "true", "BYOC": "existing",
            "COLLECTION_ID": "1f2e3d4c-5b6a-4789-8abc-0123456789ab"}


def _zarr(dock, stack, layer):
    choose(dock.grid_combo, 6)
    choose(dock.resolution_combo, 100.0)
    choose(dock.output_type_combo, "zarr")
    dock.zarr_chunk_spin.setValue(250)
    choose(dock.zarr_origin_combo, "bottomLeft")
    wait_outputs(dock)
    dtypes = dock.outputs_table.cellWidget(1, ZARR_DTYPE_COLUMN)
    dtypes.setCurrentIndex(dtypes.findData("<u2"))
    dock.outputs_table.cellWidget(1, ZARR_DTYPE_COLUMN + 1).setText("65535")
    return {"GRID": grid_choice(6), "RESOLUTION": 100, "OUTPUT_TYPE": "zarr", "ZARR_CHUNK_SIZE": 250, "ZARR_ORIGIN": "bottomLeft",
            "ZARR_DTYPES": "mask=<u2", "ZARR_FILL_VALUES": "mask=65535"}


def _own_polygons(dock, stack, layer):
    fields = polygon_layer(FIELDS, 32611)
    choose(dock.tiles_from_combo, "polygons")
    dock.features_layer_combo.setLayer(fields)
    dock.feature_id_combo.setField("name")
    dock.feature_resolution_spin.setValue(20)
    dock.limit_to_area_check.setChecked(True)
    url = f"s3://{stack.bucket}/inputs/same.gpkg"
    dock.features_url_edit.setText(url)
    return {"FEATURES": fields, "FEATURE_ID_FIELD": "name", "RESOLUTION": 20, "FEATURES_URL": url}


def wait_outputs(dock):
    assert dock.outputs_table.rowCount() == 2 and dock.outputs_table.item(1, 0).text() == "mask"


@pytest.mark.parametrize("case", [_iam_and_formats, _cog_and_byoc, _zarr, _own_polygons])
def test_the_dock_and_create_job_make_the_same_request_from_the_same_choices(stack, processing_provider, qgis_iface,
                                                                            qtbot, case):
    wkt = EUROPE_WKT if case is _zarr else AREA_WKT
    dock, area = make_dock(qgis_iface, qtbot, wkt)
    wait_for_preview(dock, qtbot)
    url = f"s3://{stack.bucket}/same"
    dock.output_url_edit.setText(url)
    dock.description_edit.setText("same request")
    parameters = {"AREA": area, "GRID": grid_choice(1), "RESOLUTION": 20, "BUFFER_X": 0, "BUFFER_Y": 0,
                  "EVALSCRIPT": NDVI_EVALSCRIPT, "TIME_FROM": "2020-07-01", "TIME_TO": "2020-07-30",
                  "DELIVERY_URL": url, "DESCRIPTION": "same request"}
    parameters.update(case(dock, stack, area))
    wait_for_preview(dock, qtbot)
    from_dock = dock.prepare_job(resolve_connection()).body
    assert from_dock == processing_body(processing_provider, parameters)
    dock.cleanup()


# ----------------------------------------------------------------------------------------------- bucket access


def test_the_dock_offers_the_access_and_instance_type_the_deployment_accepts(stack, monkeypatch, qgis_iface, qtbot):
    dock, _ = make_dock(qgis_iface, qtbot)
    offered = [dock.access_combo.itemData(index) for index in range(dock.access_combo.count())]
    assert offered == ["access-keys", "iam-role", "gcs-service-account"]
    assert hidden(dock.instance_type_combo)
    choose(dock.access_combo, "iam-role")
    assert not hidden(dock.iam_role_edit) and hidden(dock.gcs_key_select)
    assert "Enter the ARN" in dock.access_note_label.text()

    use_stack(monkeypatch, stack, "CDSE")
    dock.apply_deployment()
    assert [dock.access_combo.itemData(index) for index in range(dock.access_combo.count())] == ["access-keys"]
    assert hidden(dock.iam_role_edit) and not hidden(dock.instance_type_combo)
    dock.output_url_edit.setText(f"s3://{stack.bucket}/{unique('cdse')}")
    choose(dock.instance_type_combo, "large")
    _task, body = create(dock, qtbot, stack)
    assert body["instanceType"] == "large" and "accessKey" in body["output"]["delivery"]["s3"]
    dock.cleanup()


def test_an_iam_role_is_sent_and_a_missing_role_or_key_is_refused_before_sending(stack, monkeypatch, qgis_iface,
                                                                                 qtbot):
    dock, _ = make_dock(qgis_iface, qtbot)
    dock.output_url_edit.setText(f"s3://{stack.bucket}/{unique('iam')}")
    choose(dock.access_combo, "iam-role")
    assert "Enter the ARN" in refused(dock, qtbot, stack, qgis_iface)
    dock.iam_role_edit.setText(ROLE)
    _task, body = create(dock, qtbot, stack)
    assert body["output"]["delivery"]["s3"]["iamRoleARN"] == ROLE
    assert "secretAccessKey" not in body["output"]["delivery"]["s3"]

    use_stack(monkeypatch, stack, s3_keys=False)
    choose(dock.access_combo, "access-keys")
    assert "none are set" in refused(dock, qtbot, stack, qgis_iface)
    dock.cleanup()


def test_google_cloud_storage_delivery_is_created_and_followed_by_status_only(stack, qgis_iface, qtbot, auth_ready):
    dock, _ = make_dock(qgis_iface, qtbot)
    gcs_bucket = unique("gcs")
    stack.make_bucket(gcs_bucket)
    dock.output_url_edit.setText(f"gs://{gcs_bucket}/results")
    choose(dock.access_combo, "gcs-service-account")
    assert "Choose or import the service-account key" in dock.access_note_label.text()
    assert "needs the service-account key" in refused(dock, qtbot, stack, qgis_iface)
    dock.gcs_key_select.setConfigId(store_service_account_key(SERVICE_ACCOUNT_KEY))
    assert "cannot read Google Cloud Storage" in dock.access_note_label.text()
    task, body = create(dock, qtbot, stack)
    assert body["output"]["delivery"]["gs"]["url"] == f"gs://{gcs_bucket}/results"
    settings = QgsSettings()
    assert not any("not-a-real-key" in str(settings.value(key)) for key in settings.allKeys())
    assert settings.value("sentinelhub_batch/new_job/gcs_key_auth_id") == dock.gcs_key_select.configId()
    dock.cleanup()

    jobs, monitor, notes = jobs_dock(stack, qtbot, qgis_iface)
    try:
        jobs.add_task(task)
        jobs.start()
        qtbot.waitUntil(lambda: jobs.current_task().status.value == "DONE", timeout=WAIT_MS)
        assert "Status only" in jobs.tiles_label.text()
        assert not jobs.results_button.isEnabled() and not jobs.tiles_button.isEnabled()
        assert "Google Cloud Storage" in jobs.results_button.toolTip()
        assert not any("cannot be read" in note for note in notes)
        assert "not-a-real-key" not in jobs.request_view.toPlainText()
    finally:
        assert monitor.shutdown(5000)
        jobs.shutdown()


# ----------------------------------------------------------------------------------------------- outputs


def test_cog_options_overwrite_and_skip_existing_together(stack, qgis_iface, qtbot):
    dock, _ = make_dock(qgis_iface, qtbot)
    dock.output_url_edit.setText(f"s3://{stack.bucket}/{unique('cog')}")
    dock.overwrite_check.setChecked(True)
    dock.skip_existing_check.setChecked(True)
    assert dock.overwrite_check.isChecked() and dock.skip_existing_check.isChecked()
    dock.cog_levels_edit.setText("2 4")
    choose(dock.cog_resampling_combo, "mode")
    dock.cog_block_x_spin.setValue(128)
    _task, body = create(dock, qtbot, stack)
    output = body["output"]
    assert output["overwrite"] is True and output["skipExisting"] is True
    assert output["cogParameters"] == {"overviewLevels": [2, 4], "resamplingAlgorithm": "mode", "blockxsize": 128}
    dock.cog_levels_edit.setText("two")
    assert "whole numbers separated by commas" in refused(dock, qtbot, stack, qgis_iface)
    dock.cleanup()


def test_zarr_is_offered_with_its_arrays_and_explained_where_it_cannot_be_used(stack, qgis_iface, qtbot):
    dock, _ = make_dock(qgis_iface, qtbot, EUROPE_WKT)
    choose(dock.output_type_combo, "zarr")
    assert "grids (3, 6, 7)" in dock.zarr_label.text() and not hidden(dock.zarr_label)
    wait_for_preview(dock, qtbot)
    assert not dock.create_button.isEnabled() and "(3, 6, 7)" in dock.create_button.toolTip()
    assert not dock.overwrite_check.isEnabled() and not dock.byoc_combo.isEnabled()
    assert dock.outputs_table.isColumnHidden(3) and not dock.outputs_table.isColumnHidden(ZARR_DTYPE_COLUMN)
    choose(dock.grid_combo, 3)
    assert hidden(dock.zarr_label)
    choose(dock.grid_combo, 6)
    choose(dock.resolution_combo, 100.0)
    wait_for_preview(dock, qtbot)
    dtypes = dock.outputs_table.cellWidget(1, ZARR_DTYPE_COLUMN)
    assert [dtypes.itemData(index) for index in range(dtypes.count())][:2] == ["|u1", "<u2"]
    ndvi_dtypes = dock.outputs_table.cellWidget(0, ZARR_DTYPE_COLUMN)
    assert ndvi_dtypes.itemData(0) == "<f4" and "lossless" in ndvi_dtypes.itemText(0)
    dock.output_url_edit.setText(f"s3://{stack.bucket}/{unique('zarr')}/<requestId>")
    _task, body = create(dock, qtbot, stack)
    assert body["output"]["type"] == "zarr"
    assert body["output"]["arrayParameters"] == {"dtype": "<f4", "fill_value": "NaN", "order": "C",
                                                 "chunks": [1, 500, 500]}
    assert body["output"]["arrayOverrides"] == {"mask": {"dtype": "|u1", "fill_value": 0}}
    assert [r["format"]["type"] for r in body["processRequest"]["output"]["responses"]] == ["zarr/array"] * 2
    dock.cleanup()


def test_byoc_ingestion_with_the_bucket_policy_note(stack, qgis_iface, qtbot):
    dock, _ = make_dock(qgis_iface, qtbot)
    dock.output_url_edit.setText(f"s3://{stack.bucket}/{unique('byoc')}")
    assert hidden(dock.byoc_note_label) and not dock.collection_id_edit.isEnabled()
    choose(dock.byoc_combo, "new")
    assert not hidden(dock.byoc_note_label) and "bucket policy" in dock.byoc_note_label.text()
    _task, body = create(dock, qtbot, stack)
    assert body["output"]["createCollection"] is True
    assert "bucket policy" in bar_texts(qgis_iface, Qgis.MessageLevel.Info)[-1]
    choose(dock.byoc_combo, "existing")
    assert dock.collection_id_edit.isEnabled()
    assert "Enter the id of the BYOC collection" in refused(dock, qtbot, stack, qgis_iface)
    dock.cleanup()


# ----------------------------------------------------------------------------------------------- own polygons


def test_own_polygons_are_previewed_priced_uploaded_and_sent_as_a_geopackage(stack, qgis_iface, qtbot):
    dock, _ = make_dock(qgis_iface, qtbot, NEAR)
    fields = polygon_layer(FIELDS, 32611)
    choose(dock.tiles_from_combo, "polygons")
    assert hidden(dock.grid_panel) and not hidden(dock.features_panel)
    dock.features_layer_combo.setLayer(fields)
    dock.feature_id_combo.setField("name")
    dock.feature_resolution_spin.setValue(20)
    result = wait_for_preview(dock, qtbot)
    assert [(tile.name, tile.width, tile.height) for tile in result.tiles] == [
        ("field-a", 100, 50), ("field-b", 50, 100), ("far-field", 50, 25)]
    layer = next(layer for layer in QgsProject.instance().mapLayers().values()
                 if layer.name() == "Batch job tiles (preview)")
    assert sorted(feature["tile"] for feature in layer.getFeatures()) == ["far-field", "field-a", "field-b"]
    assert layer not in [dock.features_layer_combo.layer(index) for index in range(dock.features_layer_combo.count())]
    expected = estimate_processing_units(features_from_polygons(FIELDS, 32611, 20), read_evalscript(NDVI_EVALSCRIPT),
                                         "2020-07-01", "2020-07-30")
    assert f"{format_pu(expected.charged_pu)} PU charged" in dock.cost_label.text()
    assert "3 polygon(s), named by 'name', EPSG:32611" in dock.features_label.text()

    dock.limit_to_area_check.setChecked(True)
    limited = wait_for_preview(dock, qtbot)
    assert "far-field" not in {tile.name for tile in limited.tiles}
    dock.output_url_edit.setText(f"s3://{stack.bucket}/{unique('own')}")
    _task, body = create(dock, qtbot, stack)
    assert body["input"]["type"] == "geopackage" and body["processRequest"]["input"]["bounds"]
    location = storage.parse_s3_url(body["input"]["features"]["s3"]["url"])
    assert location.key.startswith("sentinelhub-batch-features/fields-") and location.key.endswith(".gpkg")
    assert stack.s3.get(location.bucket, location.key)[:16] == b"SQLite format 3\x00"

    choose(dock.output_type_combo, "zarr")
    assert "EPSG:4326 or EPSG:3035" in dock.zarr_label.text()
    dock.cleanup()


# ----------------------------------------------------------------------------------------------- the Jobs dock


def jobs_dock(stack, qtbot, qgis_iface):
    connection = resolve_connection()
    monitor = JobMonitor(QUICK)
    monitor.start()
    dock = JobsDock(qgis_iface, monitor, QgsProject.instance(), connection_factory=lambda key: connection)
    dock.confirm = lambda title, question: True
    dock.confirm_start = lambda summary: summary.limit_pu
    qtbot.addWidget(dock)
    notes = []
    dock.notification.connect(lambda text, level: notes.append(text))
    return dock, monitor, notes


def test_a_zarr_job_on_grid_3_is_followed_to_done_and_its_arrays_load_as_layers(stack, qgis_iface, qtbot):
    dock, _ = make_dock(qgis_iface, qtbot, EUROPE_WKT)
    choose(dock.grid_combo, 3)
    choose(dock.resolution_combo, 0.0002)
    choose(dock.output_type_combo, "zarr")
    dock.output_url_edit.setText(f"s3://{stack.bucket}/{unique('zarr3')}")
    task, body = create(dock, qtbot, stack)
    assert body["input"]["id"] == 3 and body["output"]["arrayParameters"]["chunks"] == [1, 500, 500]
    dock.cleanup()

    jobs, monitor, notes = jobs_dock(stack, qtbot, qgis_iface)
    try:
        jobs.add_task(task)
        jobs.start()
        qtbot.waitUntil(lambda: jobs.current_task().status.value == "DONE" and not jobs.busy
                        and jobs.views[task.id].tile_layer is not None
                        and set(jobs.views[task.id].tile_layer.statuses().values()) <= {"DONE", "NO_DATA"},
                        timeout=60000)
        statuses = jobs.views[task.id].tile_layer.statuses()
        assert statuses and "DONE" in statuses.values()
        assert not jobs.download_button.isEnabled() and not jobs.retry_button.isEnabled()
        with qtbot.waitSignal(jobs.results_loaded, timeout=WAIT_MS) as loaded:
            jobs.load_results()
        layers = [QgsProject.instance().mapLayer(layer_id) for layer_id in loaded.args[1]]
        assert sorted(layer.name() for layer in layers) == ["mask", "ndvi"]
        for layer in layers:
            assert isinstance(layer, QgsRasterLayer) and layer.isValid() and layer.source().startswith('ZARR:"/vsis3/')
            assert layer.crs().authid() == "EPSG:4326"
        assert not [note for note in notes if "cannot be read" in note]
    finally:
        assert monitor.shutdown(5000)
        jobs.shutdown()


def test_a_filtered_listing_on_sentinel_hub_fills_whole_pages(stack, qgis_iface, qtbot, monkeypatch):
    # sentinel-hub.com has no search parameter: the plugin filters each page, which may come back empty.
    import sentinelhub_batch.plugin.gui.jobs_dock as jobs_dock_module
    from sentinelhub_batch.plugin.core.client import BatchClient

    monkeypatch.setattr(jobs_dock_module, "PAGE_SIZE", 2)
    connection = resolve_connection()
    client: BatchClient = connection.batch_client()
    marker = unique("wanted")
    body = {"processRequest": {"input": {"bounds": {"geometry": json.loads(
        '{"type": "Polygon", "coordinates": [[[-119.4, 36.0], [-119.34, 36.0], [-119.34, 36.06], [-119.4, 36.0]]]}'),
        "properties": {"crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}},
        "data": [{"type": "sentinel-2-l1c", "dataFilter": {"timeRange": {"from": "2020-07-01T00:00:00Z",
                                                                         "to": "2020-07-30T23:59:59Z"}}}]},
        "output": {"responses": [{"identifier": "ndvi", "format": {"type": "image/tiff"}}]},
        "evalscript": NDVI_EVALSCRIPT},
        "input": {"type": "tiling-grid", "id": 1, "resolution": 20, "bufferX": 0, "bufferY": 0},
        "output": {"type": "raster", "delivery": {"s3": stack.delivery("listing")}}}
    wanted = [client.create({**body, "description": f"{marker} {index}"}).id for index in range(3)]
    for index in range(4):  # newest first: two pages without a match, then a page of two matches
        client.create({**body, "description": f"other {index}"})
    client.close()

    jobs, monitor, _notes = jobs_dock(stack, qtbot, qgis_iface)
    try:
        jobs.search_edit.setText(marker)
        with qtbot.waitSignal(jobs.calls.idle, timeout=WAIT_MS):
            jobs.refresh()
        assert jobs.table.rowCount() == 2 and jobs.more_button.isEnabled()
        with qtbot.waitSignal(jobs.calls.idle, timeout=WAIT_MS):
            jobs.load_more()
        shown = {jobs.table.item(row, jobs_dock_module.ID_COLUMN).text() for row in range(jobs.table.rowCount())}
        assert shown == set(wanted)
    finally:
        assert monitor.shutdown(5000)
        jobs.shutdown()
