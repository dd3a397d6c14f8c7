"""The "New job" dock (``ui/new_job_dock.ui``): area, data, evalscript, outputs, grid, delivery; live tile/cost
preview; Create, Analyse, Start.

A thin controller: the widgets come from the Designer file, every action is one call into the service layer
(``services.jobs``, ``services.preview``) run as a background task, and what comes back is shown. Failures reach
the user in the message bar in plain words; details go to the log.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Callable, Dict, List, Optional, Tuple

from qgis.core import Qgis, QgsMapLayer, QgsProject, QgsSettings, QgsVectorLayer
from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import QDate, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableWidgetItem,
    QWidget,
)

from ..core.batch_assumptions import ZARR_GEOPACKAGE_EPSG_CODES
from ..core.batch_request import (
    COG_RESAMPLING,
    DATA_COLLECTIONS,
    INSTANCE_TYPES,
    MOSAICKING_ORDERS,
    OUTPUT_FORMATS,
    OUTPUT_TYPE_RASTER,
    OUTPUT_TYPE_ZARR,
    ZARR_ORIGINS,
    BucketAccessMethod,
    OutputSpec,
    bucket_access_methods,
    zarr_allowed_for_grid,
)
from ..core.errors import InvalidRequestError, SentinelHubBatchError
from ..core.grids import BUILTIN_GRIDS, TilingGrid, catalog_for, format_number
from ..core.models import BatchTask, TaskStatus, UserAction
from ..services import jobs
from ..services.area import AreaLayerError, JobArea, area_from_layer, is_plugin_layer, plugin_layer_error
from ..services.batch_options import (
    BYOC_EXISTING,
    BYOC_NEW,
    BYOC_NONE,
    CogChoices,
    DeliveryChoices,
    PreparedJob,
    ZarrChoices,
    access_label,
    byoc_bucket_policy_note,
    default_fill_value,
    prepare_job,
    send_job,
    zarr_dtype_choices,
)
from ..services.compat import DISTANCE_DEGREES, POLYGON_GEOMETRY, POLYGON_LAYER_FILTER
from ..services.connection import (
    configured_deployment,
    connection_configured,
    connection_ready_without_prompt,
    resolve_connection,
    store_service_account_key,
)
from ..services.evalscript_presets import (
    DEFAULT_PRESET,
    TUTORIAL_TIME_RANGE,
    preset_text,
    presets,
    read_evalscript_file,
    write_evalscript_file,
)
from ..services.features import OwnFeatures, own_features_from_layer
from ..services.i18n import tr
from ..services.layers import TileOutlines
from ..services.messages import describe_failure
from ..services.preview import (
    PREVIEW_DRAW_LIMIT,
    PreviewController,
    PreviewInputs,
    PreviewResult,
    TilePreviewLayer,
    cost_text,
    format_pu,
)
from ..services.tasks import Activity, BackgroundTasks, TaskCancelledError
from .forms import load_form
from .message_bar import DockMessages
from .start_dialog import StartSummary, confirm_start

log = logging.getLogger("sentinelhub_batch.gui")

FORM_CLASS, _ = load_form("new_job_dock.ui")

DOCK_OBJECT_NAME = "SentinelHubBatchNewJobDock"
"""The object name ui/new_job_dock.ui gives the dock (QGIS keeps dock positions under it)."""
SETTINGS_PREFIX = "sentinelhub_batch/new_job"
TILES_FROM_GRID, TILES_FROM_POLYGONS = "grid", "polygons"
OUTPUT_COLUMN, FORMAT_COLUMN, ZARR_DTYPE_COLUMN, FILL_VALUE_COLUMN = 0, 3, 4, 5
"""Columns of the outputs table, as the .ui file orders them."""
OPTION_WIDGETS = {
    "access": "access_combo", "iam_role_arn": "iam_role_edit", "service_account_key": "gcs_key_select",
    "output_type": "output_type_combo", "output_formats": "outputs_table", "cog_output": "cog_check",
    "overwrite": "overwrite_check", "skip_existing": "skip_existing_check",
    "cog_overview_levels": "cog_levels_edit", "cog_overview_min_size": "cog_min_size_spin",
    "cog_resampling": "cog_resampling_combo", "cog_block_x": "cog_block_x_spin", "cog_block_y": "cog_block_y_spin",
    "cog_predictor": "cog_predictor_combo",
    "zarr_chunk_size": "zarr_chunk_spin", "zarr_dtypes": "outputs_table", "zarr_fill_values": "outputs_table",
    "zarr_origin": "zarr_origin_combo",
    "byoc": "byoc_combo", "collection_id": "collection_id_edit", "instance_type": "instance_type_combo",
    "features": "features_layer_combo", "feature_identifier": "feature_id_combo",
    "feature_resolution": "feature_resolution_spin", "features_url": "features_url_edit",
    "area_limits_features": "limit_to_area_check",
}
"""The widget of each of ``services.batch_options.JOB_OPTIONS`` (the create/run algorithms offer the same)."""
ERROR_STYLE = "color: #c62828;"
HINT_STYLE = "color: #8a5a00;"
DOCK_SHARE_OF_WINDOW = 0.4
"""The New job dock opens wide enough for its form, but never wider than this share of the main window."""
WATCHED_LAYER_SIGNALS = ("selectionChanged", "featureAdded", "featuresDeleted", "geometryChanged", "crsChanged",
                         "afterCommitChanges", "afterRollBack")


class NewJobDock(QgsDockWidget, FORM_CLASS):
    """Prepare, preview and submit one batch job. Emits ``job_created(BatchTask)`` and ``job_started(task id)``."""

    job_created = pyqtSignal(object)
    job_started = pyqtSignal(str)
    job_updated = pyqtSignal(object)
    """An action of this dock changed its current job (a BatchTask), e.g. it was analysed; not emitted for what the
    monitor reports (everyone hears that from the monitor)."""
    settings_saved = pyqtSignal()
    """The connection settings were saved: cached connections elsewhere are stale."""

    def __init__(self, iface: Any, parent: Optional[QWidget] = None, preview_delay_ms: int = 400):
        super().__init__(parent)
        self.setupUi(self)
        self.iface = iface
        self.project = QgsProject.instance()
        self.job_area: Optional[JobArea] = None
        self.area_error: Optional[str] = tr("No area yet.")
        self.last_preview: Optional[PreviewResult] = None
        self.current_task: Optional[BatchTask] = None
        self.busy_action: Optional[str] = None
        self.tasks = BackgroundTasks(self)
        self._watched_layer: Optional[QgsVectorLayer] = None
        self._output_formats: Dict[str, str] = {}
        self._zarr_dtypes: Dict[str, str] = {}
        self._zarr_fill_values: Dict[str, str] = {}
        self.own_features: Optional[OwnFeatures] = None
        self.features_error: Optional[str] = tr("Choose the polygon layer of your tiles.")
        self.deployment: Any = None
        self.preview = PreviewController(self, preview_delay_ms)
        self.tile_layer = TilePreviewLayer(self.project, parent=self)
        self.quick_look: Any = None
        self.opened = False
        """Whether the user has opened the dock: until then it leaves the project untouched (no preview layer)."""
        self.grids: Dict[int, TilingGrid] = dict(BUILTIN_GRIDS)
        self.grids_loaded = False
        """Whether ``grids`` is the service's listing (or its fallback after trying), not the offline table."""
        self.messages = DockMessages(iface)

        self._fill_choices()
        self._add_quick_look()
        self._connect_widgets()
        self.preview.preview_ready.connect(self._apply_preview)
        self.preview.busy_changed.connect(lambda _busy: self.update_actions())
        self.project.layersAdded.connect(self._except_plugin_layers)
        try:
            iface.currentLayerChanged.connect(self._active_layer_changed)
        except (AttributeError, TypeError):
            log.debug("This QGIS interface has no currentLayerChanged signal")
        self._except_plugin_layers()
        self._active_layer_changed()
        self.apply_deployment()
        self.refresh_features()
        self.refresh_area()
        self._tiles_from_changed()

    # ------------------------------------------------------------------------------------------------------
    # Set-up: what the .ui file cannot hold (item data, QGIS widget options that differ between versions)

    def _fill_choices(self) -> None:
        self.area_layer_combo.setFilters(POLYGON_LAYER_FILTER)
        self.area_layer_combo.setAllowEmptyLayer(False)
        self.collection_combo.addItems(DATA_COLLECTIONS)
        self.cloud_spin.setClearValue(100)  # the clear button means "no cloud filter", not 0 %
        for edit, date in zip((self.time_from_edit, self.time_to_edit), TUTORIAL_TIME_RANGE):
            edit.setAllowNull(False)
            edit.setDate(QDate(date))
        self.mosaicking_combo.setItemData(0, "")
        for order in MOSAICKING_ORDERS:
            self.mosaicking_combo.addItem(order, order)
        for preset in presets():
            self.preset_combo.addItem(preset.title, preset.key)
            self.preset_combo.setItemData(self.preset_combo.count() - 1, preset.description,
                                          Qt.ItemDataRole.ToolTipRole)
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(DEFAULT_PRESET))
        self.set_evalscript(preset_text(DEFAULT_PRESET))
        self.outputs_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._fill_grids(1, 10.0)
        self.output_url_edit.setText(str(QgsSettings().value(f"{SETTINGS_PREFIX}/output_url", "") or ""))
        self._fill_v2_choices()

    def _fill_v2_choices(self) -> None:
        for text, value in ((tr("Tiling grid"), TILES_FROM_GRID), (tr("My polygons"), TILES_FROM_POLYGONS)):
            self.tiles_from_combo.addItem(text, value)
        self.features_layer_combo.setFilters(POLYGON_LAYER_FILTER)
        self.feature_id_combo.setAllowEmptyFieldName(True)
        self.feature_id_combo.setLayer(self.features_layer_combo.currentLayer())
        for text, value in ((tr("GeoTIFF files"), OUTPUT_TYPE_RASTER), (tr("Zarr"), OUTPUT_TYPE_ZARR)):
            self.output_type_combo.addItem(text, value)
        for combo, values in ((self.zarr_origin_combo, ZARR_ORIGINS), (self.cog_resampling_combo, COG_RESAMPLING),
                              (self.instance_type_combo, INSTANCE_TYPES)):
            combo.addItem(tr("Service default"), "")
            for value in values:
                combo.addItem(value, value)
        for text, value in ((tr("Service default"), None), (tr("Yes"), True), (tr("No"), False)):
            self.cog_predictor_combo.addItem(text, value)
        for text, value in ((tr("No ingestion"), BYOC_NONE), (tr("A new collection"), BYOC_NEW),
                            (tr("An existing collection"), BYOC_EXISTING)):
            self.byoc_combo.addItem(text, value)
        self.byoc_note_label.setText(byoc_bucket_policy_note())
        self.gcs_key_select.setConfigId(str(QgsSettings().value(f"{SETTINGS_PREFIX}/gcs_key_auth_id", "") or ""))

    def _add_quick_look(self) -> None:
        try:
            from .quicklook import QuickLookPanel

            self.quick_look = QuickLookPanel(self.iface, self.quick_look_inputs, self.quick_look_group,
                                             get_area_layer=self.area_layer)
            self.quick_look_group.layout().addWidget(self.quick_look)
        except Exception:
            log.exception("The quick look panel could not be added")
            self.quick_look_group.hide()

    def _connect_widgets(self) -> None:
        self.area_layer_combo.layerChanged.connect(lambda _layer: self.refresh_area())
        self.selected_only_check.toggled.connect(lambda _on: self.refresh_area())
        self.use_active_layer_button.clicked.connect(self.use_active_layer)
        self.resolution_combo.currentIndexChanged.connect(lambda _index: self.schedule_preview(at_once=True))
        for signal in (self.collection_combo.currentTextChanged, self.time_from_edit.dateChanged,
                       self.time_to_edit.dateChanged, self.buffer_x_spin.valueChanged, self.buffer_y_spin.valueChanged,
                       self.evalscript_editor.textChanged):
            signal.connect(self.schedule_preview)
        self.preset_combo.activated.connect(self._preset_chosen)
        self.load_button.clicked.connect(self._load_evalscript)
        self.save_button.clicked.connect(self._save_evalscript)
        self.grid_combo.currentIndexChanged.connect(lambda _index: self._fill_resolutions())
        self.output_url_edit.textChanged.connect(lambda _text: self.update_actions())
        self._connect_v2_widgets()
        self.show_tiles_check.toggled.connect(self._show_tiles_toggled)
        self.settings_button.clicked.connect(self.open_settings)
        self.create_button.clicked.connect(self.create_job)
        self.analyse_button.clicked.connect(self.analyse_job)
        self.start_button.clicked.connect(self.start_job)

    def _connect_v2_widgets(self) -> None:
        refresh = self.update_option_widgets
        for combo in (self.access_combo, self.output_type_combo, self.byoc_combo):
            combo.currentIndexChanged.connect(lambda _index: refresh())
        self.grid_combo.currentIndexChanged.connect(lambda _index: refresh())
        for edit in (self.iam_role_edit, self.collection_id_edit):
            edit.textChanged.connect(lambda _text: refresh())
        self.gcs_key_select.selectedConfigIdChanged.connect(lambda _id: refresh())
        self.gcs_key_import_button.clicked.connect(self.import_service_account_key)
        self.tiles_from_combo.currentIndexChanged.connect(lambda _index: self._tiles_from_changed())
        self.features_layer_combo.layerChanged.connect(self._features_layer_changed)
        self.feature_id_combo.fieldChanged.connect(lambda _field: self.refresh_features())
        self.feature_resolution_spin.valueChanged.connect(self.schedule_preview)
        self.limit_to_area_check.toggled.connect(lambda _on: self._tiles_from_changed())
        self.zarr_chunk_spin.valueChanged.connect(lambda _value: refresh())

    # ------------------------------------------------------------------------------------------------------
    # Batch v2 options: what the deployment accepts, output type, own polygons

    def apply_deployment(self) -> None:
        """Offer the access methods (and the instance type) the configured deployment accepts."""
        self.deployment = configured_deployment()
        methods = bucket_access_methods(self.deployment) if self.deployment is not None \
            else [BucketAccessMethod.ACCESS_KEYS]
        current = self.access_combo.currentData() or QgsSettings().value(f"{SETTINGS_PREFIX}/access", "")
        self.access_combo.blockSignals(True)
        self.access_combo.clear()
        for method in methods:
            self.access_combo.addItem(access_label(method), method.value)
        self.access_combo.setCurrentIndex(max(0, self.access_combo.findData(current)))
        self.access_combo.blockSignals(False)
        takes_instance_type = self.deployment is not None and self.deployment.capabilities.instance_type
        if not takes_instance_type:
            self.instance_type_combo.setCurrentIndex(0)
        for widget in (self.instance_type_label, self.instance_type_combo):
            widget.setVisible(takes_instance_type)
        self.update_option_widgets()

    def access_method(self) -> BucketAccessMethod:
        return BucketAccessMethod(self.access_combo.currentData() or BucketAccessMethod.ACCESS_KEYS.value)

    def output_type(self) -> str:
        return self.output_type_combo.currentData() or OUTPUT_TYPE_RASTER

    def uses_own_polygons(self) -> bool:
        return self.tiles_from_combo.currentData() == TILES_FROM_POLYGONS

    def zarr_problem(self) -> str:
        """Why Zarr output cannot be used with the current tiles ("" when it can)."""
        if self.output_type() != OUTPUT_TYPE_ZARR:
            return ""
        if self.uses_own_polygons():
            if self.own_features is not None and self.own_features.epsg not in ZARR_GEOPACKAGE_EPSG_CODES:
                return tr("Zarr output needs your polygons in EPSG:4326 or EPSG:3035 (those of the WGS84 and LAEA "
                          "grids); '{layer}' is in EPSG:{epsg}. Save it in one of them, or write GeoTIFF files.")\
                    .format(layer=self.own_features.layer_name, epsg=self.own_features.epsg)
            return ""
        grid = self.grid()
        if not zarr_allowed_for_grid(grid):
            return tr("Zarr output works only with the WGS84 and LAEA grids (3, 6, 7) or your own polygons, not with "
                      "the {grid}. Choose one of those, or GeoTIFF files.").format(grid=grid.name)
        return ""

    def update_option_widgets(self) -> None:
        """Show the options that apply to the current choices, and say what is missing."""
        method = self.access_method()
        for widget in (self.iam_role_label, self.iam_role_edit):
            widget.setVisible(method is BucketAccessMethod.IAM_ROLE)
        for widget in (self.gcs_key_label, self.gcs_key_select, self.gcs_key_import_button):
            widget.setVisible(method is BucketAccessMethod.GCS_SERVICE_ACCOUNT)
        note = ""
        if method is BucketAccessMethod.IAM_ROLE and not self.iam_role_edit.text().strip():
            note = tr("Enter the ARN of the IAM role the service may assume to write to the bucket.")
        elif method is BucketAccessMethod.GCS_SERVICE_ACCOUNT:
            note = tr("The plugin cannot read Google Cloud Storage: the job's status is followed, but not its tiles "
                      "or results.")
            if not self.gcs_key_select.configId():
                note = tr("Choose or import the service-account key of the bucket.") + " " + note
        self._set_label(self.access_note_label, note)
        self.access_note_label.setVisible(bool(note))

        zarr = self.output_type() == OUTPUT_TYPE_ZARR
        for widget in (self.zarr_chunk_label, self.zarr_chunk_spin, self.zarr_origin_label, self.zarr_origin_combo):
            widget.setVisible(zarr)
        problem = self.zarr_problem()
        self._set_label(self.zarr_label, problem, error=True)
        self.zarr_label.setVisible(bool(problem))
        raster_only = tr("GeoTIFF output only; a Zarr output must go to an empty folder.")
        for widget in (self.cog_check, self.cog_group, self.overwrite_check, self.skip_existing_check,
                       self.byoc_combo, self.collection_id_edit):
            widget.setEnabled(not zarr)
            widget.setToolTip(raster_only if zarr else "")
        self.collection_id_edit.setEnabled(not zarr and self.byoc_combo.currentData() == BYOC_EXISTING)
        self.byoc_note_label.setVisible(not zarr and self.byoc_combo.currentData() != BYOC_NONE)
        self.outputs_table.setColumnHidden(FORMAT_COLUMN, zarr)
        self.outputs_table.setColumnHidden(ZARR_DTYPE_COLUMN, not zarr)
        self.outputs_table.setColumnHidden(FILL_VALUE_COLUMN, not zarr)
        if hasattr(self, "preview"):
            self.update_actions()

    def _tiles_from_changed(self) -> None:
        polygons = self.uses_own_polygons()
        self.grid_panel.setVisible(not polygons)
        self.features_panel.setVisible(polygons)
        self.update_option_widgets()
        self.schedule_preview()

    def _features_layer_changed(self, layer: Any) -> None:
        self.feature_id_combo.setLayer(layer)
        self.refresh_features()

    def refresh_features(self) -> None:
        """Read the polygons of the features layer (named by the chosen field) and schedule a preview."""
        layer = self.features_layer_combo.currentLayer()
        try:
            self.own_features = own_features_from_layer(layer, self.feature_id_combo.currentField())
            self.features_error = None
            self._set_label(self.features_label, self.own_features.describe())
            degrees = layer.crs().mapUnits() == DISTANCE_DEGREES
            self.feature_resolution_spin.setDecimals(6 if degrees else 2)
            self.feature_resolution_spin.setSuffix(" °" if degrees else " m")
        except InvalidRequestError as error:
            self.own_features = None
            self.features_error = str(error)
            self._set_label(self.features_label, self.features_error, error=True)
        self.update_option_widgets()
        self.schedule_preview()

    def import_service_account_key(self) -> None:
        """Store a service-account key file in the QGIS authentication database and choose it."""
        path, _filter = QFileDialog.getOpenFileName(self, tr("Google Cloud Storage service-account key"), "",
                                                    tr("Key files (*.json);;All files (*)"))
        if not path:
            return
        try:
            with open(path, encoding="utf-8") as file:
                auth_id = store_service_account_key(file.read())
        except (OSError, UnicodeDecodeError) as error:
            self.push_message(tr("The key file could not be read"), str(error), Qgis.MessageLevel.Warning)
            return
        except InvalidRequestError as error:
            self.push_message(tr("Not a service-account key"), str(error), Qgis.MessageLevel.Warning)
            return
        self.gcs_key_select.setConfigId(auth_id)
        self.update_option_widgets()

    def delivery_choices(self) -> DeliveryChoices:
        """The delivery options as chosen in the dock (the GCS key by its authentication config id)."""
        zarr = self.output_type() == OUTPUT_TYPE_ZARR
        return DeliveryChoices(
            url=self.output_url_edit.text().strip(),
            access=self.access_method(),
            iam_role_arn=self.iam_role_edit.text().strip(),
            service_account_auth_id=self.gcs_key_select.configId(),
            output_type=self.output_type(),
            cog_output=self.cog_check.isChecked(),
            cog=CogChoices(self.cog_levels_edit.text(), self.cog_min_size_spin.value(),
                           self.cog_resampling_combo.currentData() or "", self.cog_block_x_spin.value(),
                           self.cog_block_y_spin.value(), self.cog_predictor_combo.currentData()),
            overwrite=self.overwrite_check.isChecked() and not zarr,
            skip_existing=self.skip_existing_check.isChecked() and not zarr,
            zarr=ZarrChoices(self.zarr_chunk_spin.value(), self.zarr_dtypes(), self.zarr_fill_values(),
                             self.zarr_origin_combo.currentData() or ""),
            byoc=BYOC_NONE if zarr else self.byoc_combo.currentData(),
            collection_id=self.collection_id_edit.text().strip(),
            instance_type=self.instance_type_combo.currentData() or "",
        )

    # ------------------------------------------------------------------------------------------------------
    # Evalscript and outputs

    def evalscript(self) -> str:
        return self.evalscript_editor.text()

    def set_evalscript(self, text: str) -> None:
        self.evalscript_editor.setText(text)

    def _preset_chosen(self, index: int) -> None:
        key = self.preset_combo.itemData(index)
        if key:
            self.set_evalscript(preset_text(key))

    def _load_evalscript(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, tr("Load evalscript"), "",
                                                    tr("Evalscripts (*.js);;All files (*)"))
        if not path:
            return
        try:
            self.set_evalscript(read_evalscript_file(path))
        except InvalidRequestError as error:
            self.push_message(tr("Loading the evalscript failed"), str(error), Qgis.MessageLevel.Warning,
                              topic="evalscript")

    def _save_evalscript(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, tr("Save evalscript"), "evalscript.js",
                                                    tr("Evalscripts (*.js)"))
        if not path:
            return
        try:
            write_evalscript_file(path, self.evalscript())
        except InvalidRequestError as error:
            self.push_message(tr("Saving the evalscript failed"), str(error), Qgis.MessageLevel.Warning,
                              topic="evalscript")

    def _show_outputs(self, info: Any) -> None:
        self._remember_formats()
        outputs = list(info.outputs) if info is not None else []
        self.outputs_table.setRowCount(len(outputs))
        for row, output in enumerate(outputs):
            self.outputs_table.setItem(row, OUTPUT_COLUMN, QTableWidgetItem(output.id))
            self.outputs_table.setItem(row, 1, QTableWidgetItem(str(output.bands)))
            self.outputs_table.setItem(row, 2, QTableWidgetItem(output.sample_type))
            combo = QComboBox(self.outputs_table)
            combo.addItems(OUTPUT_FORMATS)
            combo.setCurrentText(self._output_formats.get(output.id, "image/tiff"))
            combo.currentTextChanged.connect(lambda _text: self._remember_formats())
            self.outputs_table.setCellWidget(row, FORMAT_COLUMN, combo)
            dtypes = QComboBox(self.outputs_table)
            for index, dtype in enumerate(zarr_dtype_choices(output.sample_type)):
                dtypes.addItem(tr("{dtype} (lossless)").format(dtype=dtype) if index == 0 else dtype, dtype)
            dtypes.setCurrentIndex(max(0, dtypes.findData(self._zarr_dtypes.get(output.id))))
            dtypes.currentIndexChanged.connect(lambda _index: self._remember_formats())
            self.outputs_table.setCellWidget(row, ZARR_DTYPE_COLUMN, dtypes)
            fill = QLineEdit(self.outputs_table)
            fill.setPlaceholderText(default_fill_value(dtypes.currentData()))
            fill.setText(self._zarr_fill_values.get(output.id, ""))
            fill.setToolTip(tr("Stored where there is no data; empty: NaN for float arrays, 0 for integer ones."))
            fill.textChanged.connect(lambda _text: self._remember_formats())
            dtypes.currentIndexChanged.connect(lambda _index, fill=fill, dtypes=dtypes: fill.setPlaceholderText(
                default_fill_value(dtypes.currentData())))
            self.outputs_table.setCellWidget(row, FILL_VALUE_COLUMN, fill)

    def _remember_formats(self) -> None:
        """Keep the formats, dtypes and fill values chosen per output across evalscript edits."""
        for row in range(self.outputs_table.rowCount()):
            item = self.outputs_table.item(row, OUTPUT_COLUMN)
            if item is None:
                continue
            combo = self.outputs_table.cellWidget(row, FORMAT_COLUMN)
            dtypes = self.outputs_table.cellWidget(row, ZARR_DTYPE_COLUMN)
            fill = self.outputs_table.cellWidget(row, FILL_VALUE_COLUMN)
            if combo is not None:
                self._output_formats[item.text()] = combo.currentText()
            if dtypes is not None:
                self._zarr_dtypes[item.text()] = dtypes.currentData()
            if fill is not None:
                self._zarr_fill_values[item.text()] = fill.text().strip()

    def output_identifiers(self) -> List[str]:
        return [self.outputs_table.item(row, OUTPUT_COLUMN).text() for row in range(self.outputs_table.rowCount())]

    def outputs(self) -> List[OutputSpec]:
        """The outputs with their formats (a Zarr output's arrays take the one Zarr format)."""
        self._remember_formats()
        zarr = self.output_type() == OUTPUT_TYPE_ZARR
        return [OutputSpec(identifier, None if zarr else self._output_formats.get(identifier, "image/tiff"))
                for identifier in self.output_identifiers()]

    def zarr_dtypes(self) -> Dict[str, str]:
        self._remember_formats()
        return {identifier: self._zarr_dtypes[identifier] for identifier in self.output_identifiers()
                if self._zarr_dtypes.get(identifier)}

    def zarr_fill_values(self) -> Dict[str, str]:
        self._remember_formats()
        return {identifier: self._zarr_fill_values[identifier] for identifier in self.output_identifiers()
                if self._zarr_fill_values.get(identifier)}

    # ------------------------------------------------------------------------------------------------------
    # Area: the polygon layer of the combo, which follows the active layer

    def _except_plugin_layers(self, *_args: Any) -> None:
        """Layers the plugin adds (tile preview, job tiles, quick look) are never offered as the area or tiles."""
        plugin_layers = [layer for layer in self.project.mapLayers().values() if is_plugin_layer(layer)]
        self.area_layer_combo.setExceptedLayerList(plugin_layers)
        self.features_layer_combo.setExceptedLayerList(plugin_layers)

    def _active_layer_changed(self, *_args: Any) -> None:
        """A polygon layer the user makes active becomes the area; other layers leave the area as it is."""
        layer = self.iface.activeLayer() if self.iface is not None else None
        if self._is_area_candidate(layer) and layer is not self.area_layer_combo.currentLayer():
            self.area_layer_combo.setLayer(layer)
        else:
            self.refresh_area()

    def use_active_layer(self) -> None:
        layer = self.iface.activeLayer() if self.iface is not None else None
        if self._is_area_candidate(layer):
            self.area_layer_combo.setLayer(layer)
        self.refresh_area(explain_layer=layer)

    @staticmethod
    def _is_area_candidate(layer: Any) -> bool:
        return isinstance(layer, QgsVectorLayer) and not is_plugin_layer(layer) \
            and layer.geometryType() == POLYGON_GEOMETRY

    def _watch_layer(self, layer: Optional[QgsVectorLayer]) -> None:
        if layer is self._watched_layer:
            return
        if self._watched_layer is not None:
            for name in WATCHED_LAYER_SIGNALS:
                with contextlib.suppress(TypeError, RuntimeError, AttributeError):
                    getattr(self._watched_layer, name).disconnect(self._watched_layer_changed)
        self._watched_layer = layer
        if layer is not None:
            for name in WATCHED_LAYER_SIGNALS:
                signal = getattr(layer, name, None)
                if signal is not None:
                    signal.connect(self._watched_layer_changed)

    def _watched_layer_changed(self, *_args: Any) -> None:
        self.refresh_area()

    def refresh_area(self, explain_layer: Optional[QgsMapLayer] = None) -> None:
        """Read the area from the combo's layer (or its selection) and schedule a preview.

        Without a polygon layer, the message explains what is wrong with ``explain_layer`` (default: the active
        layer), e.g. that it holds points.
        """
        layer = self.area_layer_combo.currentLayer()
        self._watch_layer(layer if isinstance(layer, QgsVectorLayer) else None)
        if layer is None:
            layer = explain_layer or (self.iface.activeLayer() if self.iface is not None else None)
        try:
            if is_plugin_layer(layer):
                raise plugin_layer_error(layer)
            self.job_area = area_from_layer(layer, self.selected_only_check.isChecked())
            self.area_error = None
            self._set_label(self.area_label, self.job_area.describe())
        except AreaLayerError as error:
            self.job_area = None
            self.area_error = str(error)
            self._set_label(self.area_label, self.area_error, error=True)
        except Exception as error:  # a broken provider must not leave a traceback in the user's face
            log.exception("Reading the area failed")
            self.job_area = None
            self.area_error = tr("The area could not be read from the layer ({kind}); details are in the log."
                                 ).format(kind=type(error).__name__)
            self._set_label(self.area_label, self.area_error, error=True)
        self.schedule_preview(at_once=True)

    def area_layer(self) -> Optional[QgsVectorLayer]:
        layer = self.area_layer_combo.currentLayer()
        return layer if isinstance(layer, QgsVectorLayer) else None

    # ------------------------------------------------------------------------------------------------------
    # Grid and preview

    def grid(self) -> TilingGrid:
        return self.grids[int(self.grid_combo.currentData())]

    def _fill_grids(self, wanted_grid: Any = None, wanted_resolution: Optional[float] = None) -> None:
        """Offer the grids of ``self.grids``, keeping the chosen grid and resolution when they are still there."""
        grid_id = self.grid_combo.currentData() if wanted_grid is None else wanted_grid
        resolution = self.resolution_combo.currentData() if wanted_resolution is None else wanted_resolution
        self.grid_combo.blockSignals(True)
        self.grid_combo.clear()
        for grid in sorted(self.grids.values(), key=lambda item: item.id):
            self.grid_combo.addItem(grid.describe(), grid.id)
        self.grid_combo.setCurrentIndex(max(0, self.grid_combo.findData(grid_id)))
        self.grid_combo.blockSignals(False)
        self._fill_resolutions(resolution)

    def load_grids(self) -> None:
        """Read the service's tiling grids in the background and offer them (the built-in table until then, and
        when the listing cannot be read: the label says why)."""
        try:
            connection = resolve_connection()
        except InvalidRequestError as error:
            self._show_grid_source(tr("Grids of the built-in table: {reason}").format(reason=error), error=True)
            return

        def read(activity: Activity) -> Tuple[Dict[int, TilingGrid], Optional[str]]:
            catalog = catalog_for(activity.batch_client(connection))
            return catalog.grids(), catalog.error

        def done(answer: Any, error: Optional[BaseException]) -> None:
            if isinstance(error, TaskCancelledError):
                return
            if error is not None:
                fallback_reason = describe_failure(error)
            else:
                self.grids, fallback_reason = answer
                self.grids_loaded = True
                self._fill_grids()
            if fallback_reason:
                self._show_grid_source(tr("Grids of the built-in table: the service's list could not be read "
                                          "({error}).").format(error=fallback_reason), error=True)
            else:
                self._show_grid_source(tr("Grids and resolutions as the service lists them ({url}).").format(
                    url=connection.deployment.base_url))

        self._show_grid_source(tr("Reading the tiling grids of {name}…").format(name=connection.deployment.name))
        self.tasks.run(tr("Sentinel Hub Batch: tiling grids"), read, done)

    def _load_grids_when_possible(self) -> None:
        """Load the grids now if that asks nothing of the user (no master password prompt before they act)."""
        if connection_ready_without_prompt():
            self.load_grids()

    def _show_grid_source(self, text: str, error: bool = False) -> None:
        self.grid_source_label.setStyleSheet(HINT_STYLE if error else "")
        self.grid_source_label.setText(text)

    def _fill_resolutions(self, wanted: Optional[float] = None) -> None:
        grid = self.grid()
        previous = wanted if wanted is not None else self.resolution_combo.currentData()
        self.resolution_combo.blockSignals(True)
        self.resolution_combo.clear()
        for resolution in grid.resolutions:
            self.resolution_combo.addItem(f"{format_number(resolution)}{grid.unit_symbol}", resolution)
        index = 0
        for position, resolution in enumerate(grid.resolutions):
            if previous is not None and abs(resolution - float(previous)) < 1e-12:
                index = position
        self.resolution_combo.setCurrentIndex(index)
        self.resolution_combo.blockSignals(False)
        self.schedule_preview(at_once=True)

    def _max_cloud_coverage(self) -> Optional[float]:
        value = self.cloud_spin.value()
        return None if value >= 100 else float(value)

    def limit_area(self) -> Optional[JobArea]:
        """The area a job over one's own polygons is limited to (None: all polygons)."""
        return self.job_area if self.limit_to_area_check.isChecked() else None

    def preview_inputs(self) -> PreviewInputs:
        polygons = self.uses_own_polygons()
        area = self.limit_area() if polygons else self.job_area
        return PreviewInputs(
            area=area.geometry if area else None,
            area_crs=area.crs if area else "EPSG:4326",
            grid=self.grid(),
            resolution=self.feature_resolution_spin.value() if polygons else float(self.resolution_combo.currentData()),
            buffer_x=0 if polygons else self.buffer_x_spin.value(),
            buffer_y=0 if polygons else self.buffer_y_spin.value(),
            evalscript=self.evalscript(),
            time_from=self.time_from_edit.date().toPyDate(),
            time_to=self.time_to_edit.date().toPyDate(),
            data_collection=self.collection_combo.currentText().strip(),
            features=self.own_features if polygons else None,
        )

    def schedule_preview(self, *_args: Any, at_once: bool = False) -> None:
        """Preview the inputs as they are: after the debounce delay, or with ``at_once`` right away (the user chose
        an area, a grid or a resolution: nothing more is being typed)."""
        if not hasattr(self, "preview") or self.resolution_combo.currentData() is None:
            return  # still setting the widgets up
        self.preview.schedule(self.preview_inputs(), at_once)
        self.update_actions()

    def _apply_preview(self, result: PreviewResult) -> None:
        self.last_preview = result
        info = result.evalscript_info
        self._show_outputs(info)
        if result.evalscript_error:
            self._set_label(self.evalscript_label, result.evalscript_error, error=True)
        elif info is not None:
            outputs = ", ".join(f"{output.id} ({output.bands} × {output.sample_type})" for output in info.outputs)
            self._set_label(self.evalscript_label, tr("Inputs {bands}; {mosaicking} mosaicking; outputs {outputs}")
                            .format(bands=", ".join(info.input_bands), mosaicking=info.mosaicking,
                                    outputs=outputs))
        if result.tile_count is not None:
            text = tr("{count} tile(s)").format(count=f"{result.tile_count:,}")
            size = result.tile_size
            if result.tiles and result.inputs.features is not None:
                text += tr(" (your polygons), up to {w} × {h} px").format(
                    w=max(tile.width for tile in result.tiles), h=max(tile.height for tile in result.tiles))
            elif size is not None:
                text += tr(" of {w} × {h} px ({bw} × {bh} px with the buffer)").format(
                    w=size.width, h=size.height, bw=size.buffered_width, bh=size.buffered_height)
            if result.tile_count and not result.drawn:
                text += tr(" — not drawn (more than {limit})").format(limit=f"{PREVIEW_DRAW_LIMIT:,}")
            self._set_label(self.tiles_label, text)
        elif result.tiles_error:
            self._set_label(self.tiles_label, result.tiles_error, error=True)
        else:
            problem = self.features_error if result.inputs.features is None and self.uses_own_polygons() \
                else self.area_error
            self._set_label(self.tiles_label, problem or "–", error=bool(problem))
        self._show_tiles(result.outlines)
        if result.cost is not None:
            self._set_label(self.cost_label, cost_text(result.cost))
            self.cost_label.setToolTip("\n".join(result.cost.factors))
        else:
            self._set_label(self.cost_label, result.cost_error or "–", error=bool(result.cost_error))
            self.cost_label.setToolTip("")
        self.update_actions()

    @staticmethod
    def _set_label(label: QLabel, text: str, error: bool = False) -> None:
        label.setStyleSheet(ERROR_STYLE if error else "")
        label.setText(text)

    def _show_tiles(self, outlines: Optional[TileOutlines]) -> None:
        """Draw the preview's tiles (only once the user has opened the dock: before, the project stays as it is)."""
        if not self.opened:
            return
        if self.show_tiles_check.isChecked():
            self.tile_layer.show(outlines)
        else:
            self.tile_layer.remove()

    def _show_tiles_toggled(self, _on: bool) -> None:
        self._show_tiles(self.last_preview.outlines if self.last_preview is not None else None)

    def quick_look_inputs(self):
        """What the quick look panel needs: the same area, script, data and time as the job."""
        from ..core.process_api import ProcessInputs

        if self.job_area is None:
            raise InvalidRequestError(self.area_error or tr("Choose a polygon layer as the area."))
        return ProcessInputs(
            area=self.job_area.geometry, area_crs=self.job_area.crs, evalscript=self.evalscript(),
            data_collection=self.collection_combo.currentText().strip(),
            time_from=self.time_from_edit.date().toPyDate(), time_to=self.time_to_edit.date().toPyDate(),
            max_cloud_coverage=self._max_cloud_coverage(), mosaicking_order=self.mosaicking_combo.currentData() or None,
        )

    # ------------------------------------------------------------------------------------------------------
    # The job

    def prepare_job(self, connection: Any) -> PreparedJob:
        """The checked request of the dock's choices for ``connection`` (its deployment, S3 keys and region),
        and the polygons to upload first when they are the tiles; the same as the create/run algorithms make."""
        polygons = self.uses_own_polygons()
        area = self.limit_area() if polygons else self.job_area
        if area is None and not polygons:
            raise InvalidRequestError(self.area_error or tr("Choose a polygon layer as the area."))
        if polygons and self.own_features is None:
            raise InvalidRequestError(self.features_error or tr("Choose the polygon layer of your tiles."))
        preview = self.last_preview
        base = dict(
            area=area.geometry if area else None, area_crs=area.epsg if area else 4326,
            evalscript=self.evalscript(), time_from=self.time_from_edit.date().toPyDate(),
            time_to=self.time_to_edit.date().toPyDate(), outputs=self.outputs(),
            data_collection=self.collection_combo.currentText().strip(),
            max_cloud_coverage=self._max_cloud_coverage(),
            mosaicking_order=self.mosaicking_combo.currentData() or None,
            grid_id=int(self.grid_combo.currentData()),
            resolution=self.feature_resolution_spin.value() if polygons
            else float(self.resolution_combo.currentData()),
            buffer_x=0 if polygons else self.buffer_x_spin.value(),
            buffer_y=0 if polygons else self.buffer_y_spin.value(),
            description=self.description_edit.text().strip(),
        )
        return prepare_job(base, self.delivery_choices(), connection,
                           preview.evalscript_info if preview is not None else None,
                           preview.tile_sizes() if preview is not None else [],
                           self.own_features if polygons else None, self.features_url_edit.text())

    def create_reasons(self, passing: bool = True) -> List[str]:
        """Why Create is not possible now (empty when it is); without ``passing``, only what the user must change
        (not the preview being computed or an action finishing)."""
        reasons = []
        if self.busy_action and passing:
            reasons.append(tr("Wait for '{action}' to finish.").format(action=self.busy_action))
        polygons = self.uses_own_polygons()
        if polygons and self.own_features is None:
            reasons.append(self.features_error or tr("Choose the polygon layer of your tiles."))
        if self.job_area is None and (not polygons or self.limit_to_area_check.isChecked()):
            reasons.append(self.area_error or tr("Choose a polygon layer as the area."))
        if self.preview.busy:
            if passing:
                reasons.append(tr("The preview is being computed."))
        elif self.last_preview is None or self.last_preview.evalscript_info is None:
            error = self.last_preview.evalscript_error if self.last_preview else None
            reasons.append(error or tr("The evalscript has not been read yet."))
        if not self.output_url_edit.text().strip():
            reasons.append(tr("Enter the output URL (s3://bucket/folder, or gs://bucket/folder for Google Cloud "
                              "Storage)."))
        if self.zarr_problem():
            reasons.append(self.zarr_problem())
        configured, why = connection_configured()
        if not configured:
            reasons.append(why)
        return reasons

    def update_actions(self) -> None:
        reasons = self.create_reasons()
        self.create_button.setEnabled(not reasons)
        self.create_button.setToolTip("\n".join(reasons) or tr("Create the batch request (nothing is processed yet)."))
        to_change = self.create_reasons(passing=False)
        self.create_reasons_label.setVisible(bool(to_change))
        self.create_reasons_label.setText(tr("To create the job:") + "".join(f"\n• {reason}" for reason in to_change))

        task = self.current_task
        busy = bool(self.busy_action)
        can_analyse = task is not None and not busy and task.status is TaskStatus.CREATED \
            and getattr(task, "user_action", None) in (None, UserAction.NONE)
        can_start = task is not None and not busy and task.status in jobs.STARTABLE \
            and getattr(task, "user_action", None) is not UserAction.START
        self.analyse_button.setEnabled(can_analyse)
        self.start_button.setEnabled(can_start)
        self.analyse_button.setToolTip(tr("Compute the tiles of the created request at the service.") if can_analyse
                                       else self._job_state_reason(tr("Analyse"), (TaskStatus.CREATED,)))
        self.start_button.setToolTip(tr("Start processing (asks for confirmation with the cost).") if can_start
                                     else self._job_state_reason(tr("Start"), jobs.STARTABLE))

    def _job_state_reason(self, action: str, allowed: Tuple[TaskStatus, ...]) -> str:
        if self.busy_action:
            return tr("Wait for '{action}' to finish.").format(action=self.busy_action)
        if self.current_task is None:
            return tr("Create a job first.")
        return tr("{action} needs a job in state {allowed}; this one is {status}.").format(
            action=action, allowed=" / ".join(status.value for status in allowed),
            status=self.current_task.status_text)

    def _run(self, action: str, function: Callable[[Activity], Any], on_success: Callable[[Any], None],
             base_url: str = "") -> None:
        """Run one service call in the background, with the buttons disabled meanwhile. Its messages have the
        topic ``action``: a failure stays in the message bar until the action succeeds or the settings change."""
        self.busy_action = action
        self.update_actions()

        def done(result: Any, error: Optional[BaseException]) -> None:
            self.busy_action = None
            if isinstance(error, TaskCancelledError):
                log.info("%s: cancelled", action)
            elif error is not None:
                log.warning("%s failed: %s", action, error)
                self.push_message(tr("Sentinel Hub Batch"), describe_failure(error, action, base_url),
                                  Qgis.MessageLevel.Critical, topic=action)
            else:
                self.messages.withdraw(action)
                on_success(result)
            self.update_actions()

        self.tasks.run(tr("Sentinel Hub Batch: {action}").format(action=action), function, done)

    def _connection(self, action: str):
        try:
            connection = resolve_connection()
        except InvalidRequestError as error:
            self.push_message(tr("{action} failed").format(action=action), str(error), Qgis.MessageLevel.Warning,
                              topic=action)
            return None
        if not self.grids_loaded:
            self.load_grids()
        return connection

    def create_job(self) -> None:
        action = tr("Creating the batch request")
        connection = self._connection(action)
        if connection is None:
            return
        try:
            prepared = self.prepare_job(connection)
        except InvalidRequestError as error:
            self.push_message(tr("The request is not valid"), str(error), Qgis.MessageLevel.Warning, topic=action)
            return
        settings = QgsSettings()
        settings.setValue(f"{SETTINGS_PREFIX}/output_url", self.output_url_edit.text().strip())
        settings.setValue(f"{SETTINGS_PREFIX}/access", self.access_method().value)
        settings.setValue(f"{SETTINGS_PREFIX}/gcs_key_auth_id", self.gcs_key_select.configId())
        if prepared.body["output"].get("createCollection") or prepared.body["output"].get("collectionId"):
            self.push_message(tr("BYOC ingestion"), byoc_bucket_policy_note(), Qgis.MessageLevel.Info)

        def created(task: BatchTask) -> None:
            self._set_current_task(task)
            self.push_message(tr("Batch request created"), tr(
                "Request {id} is created. Analyse it to check the tiles, or Start it.").format(id=task.id),
                Qgis.MessageLevel.Success, topic=action)
            self.job_created.emit(task)

        def send(activity: Activity) -> BatchTask:
            s3 = activity.s3_client(connection) if prepared.upload is not None else None
            return send_job(activity.batch_client(connection), s3, prepared.body, prepared.upload)

        self._run(action, send, created, connection.deployment.base_url)

    def analyse_job(self) -> None:
        task = self.current_task
        action = tr("Analysing the batch request")
        connection = self._connection(action)
        if task is None or connection is None:
            return
        task_id = task.id

        def analysed(updated: BatchTask) -> None:
            self._set_current_task(updated)
            if updated.status is TaskStatus.FAILED:
                self.push_message(tr("Analysis failed"), tr("Request {id} failed in analysis: {error}").format(
                    id=updated.id, error=updated.error or tr("no reason given")), Qgis.MessageLevel.Critical,
                    topic=action)
            else:
                self.push_message(tr("Analysis done"), tr("Request {id} is analysed ({status}); Start it when "
                                                          "ready.").format(id=updated.id,
                                                                           status=updated.status_text),
                                  Qgis.MessageLevel.Success, topic=action)

        self._run(action, lambda activity: jobs.analyse_job(activity.batch_client(connection), task_id, activity),
                  analysed, connection.deployment.base_url)

    def start_job(self) -> None:
        """Estimate the created job (``services.jobs.job_estimate``, as the Jobs dock does), ask with its cost and
        the spending limit, then start it within the limit the user agreed to."""
        task = self.current_task
        action = tr("Estimating the cost")
        connection = self._connection(action)
        if task is None or connection is None:
            return

        def estimate(activity: Activity) -> Tuple[Any, str]:
            s3 = activity.s3_client(connection) if connection.s3.access_key else None
            try:
                return jobs.job_estimate(s3, task), ""
            except SentinelHubBatchError as error:
                return None, describe_failure(error)

        def ask(result: Tuple[Any, str]) -> None:
            spending, problem = result
            limit = confirm_start(StartSummary(task.id, spending, problem, connection.spending_limit_pu,
                                               spent_pu=task.cost_pu), self)
            if limit is not None and spending is not None:
                self._start_within(task.id, connection, limit, spending)

        self._run(action, estimate, ask, connection.deployment.base_url)

    def _start_within(self, task_id: str, connection: Any, limit_pu: float, spending: Any) -> None:
        action = tr("Starting the batch request")

        def started(updated: BatchTask) -> None:
            self._set_current_task(updated)
            self.push_message(tr("Batch request started"), tr(
                "Request {id} is starting; follow it in the Jobs panel.").format(id=task_id),
                Qgis.MessageLevel.Success, topic=action)
            self.job_started.emit(task_id)

        self._run(action,
                  lambda activity: jobs.start_job(activity.batch_client(connection), task_id, limit_pu,
                                                  estimate=spending),
                  started, connection.deployment.base_url)

    def follow_update(self, task_id: str, task: BatchTask) -> None:
        """A status the monitor read: keep the line of the job created here current."""
        if self.current_task is not None and self.current_task.id == task_id:
            self._set_current_task(task, announce=False)

    def _set_current_task(self, task: BatchTask, announce: bool = True) -> None:
        self.current_task = task
        text = tr("Request {id}: {status}").format(id=task.id, status=task.status_text)
        if task.cost_pu:
            text += tr(", {cost} PU").format(cost=format_pu(task.cost_pu))
        if task.error:
            text += f" — {task.error}"
        self.job_label.setText(text)
        if announce:
            self.job_updated.emit(task)
        self.update_actions()

    # ------------------------------------------------------------------------------------------------------
    # Shell

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        if dialog.exec():
            self.settings_changed()
        self.update_actions()

    def settings_changed(self) -> None:
        """The connection settings were saved: earlier failure messages may no longer apply, the grids may differ."""
        self.messages.withdraw()
        self.settings_saved.emit()
        self.apply_deployment()
        self.load_grids()

    def push_message(self, title: str, text: str, level: Any = Qgis.MessageLevel.Info, topic: str = "") -> None:
        """Show a message; it replaces the previous one of the same ``topic`` (default: the title)."""
        duration = 0 if level == Qgis.MessageLevel.Critical else 8
        self.messages.show(topic or title, title, text, level, duration)

    def showEvent(self, event: Any) -> None:
        """The user opened the dock: from now on the preview's tiles are drawn, the grids are the service's."""
        super().showEvent(event)
        if self.opened:
            return
        self.opened = True
        if self.last_preview is not None:
            self._show_tiles(self.last_preview.outlines)
        if not self.grids_loaded:
            self._load_grids_when_possible()
        QTimer.singleShot(0, self._fit_width)

    def _fit_width(self) -> None:
        """Widen the docked panel to the width its form needs (at most a share of the window), so that nothing is cut
        off behind a horizontal scroll bar."""
        window = self.parentWidget()
        if not isinstance(window, QMainWindow) or self.isFloating() or not self.isVisible():
            return
        content = self.scroll_area.widget()
        wanted = content.minimumSizeHint().width() + self.scroll_area.verticalScrollBar().sizeHint().width() \
            + 2 * self.scroll_area.frameWidth()
        wanted = min(wanted, int(window.width() * DOCK_SHARE_OF_WINDOW))
        if self.width() < wanted:
            window.resizeDocks([self], [wanted], Qt.Orientation.Horizontal)

    def closeEvent(self, event: Any) -> None:
        self.preview.cancel()
        super().closeEvent(event)

    def cleanup(self) -> None:
        """Called by the plugin on unload: stop the preview and the calls, remove the temporary layer."""
        self.preview.cancel()
        self.tasks.cancel_all()
        with contextlib.suppress(AttributeError, TypeError, RuntimeError):
            self.iface.currentLayerChanged.disconnect(self._active_layer_changed)
        with contextlib.suppress(TypeError, RuntimeError):
            self.project.layersAdded.disconnect(self._except_plugin_layers)
        self._watch_layer(None)
        self.tile_layer.remove()
        if self.quick_look is not None:
            self.quick_look.cancel()


__all__ = ["NewJobDock", "connection_configured"]
