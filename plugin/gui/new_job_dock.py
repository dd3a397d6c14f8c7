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
from qgis.PyQt.QtWidgets import QComboBox, QFileDialog, QHeaderView, QLabel, QMainWindow, QTableWidgetItem, QWidget

from ..core.batch_request import (
    DATA_COLLECTIONS,
    MOSAICKING_ORDERS,
    OUTPUT_FORMATS,
    BatchJobSpec,
    BucketAccess,
    BucketLocation,
    OutputSpec,
    build_batch_request,
)
from ..core.errors import InvalidRequestError
from ..core.grids import BUILTIN_GRIDS, TilingGrid, catalog_for, format_number
from ..core.models import BatchTask, TaskStatus, UserAction
from ..services import jobs
from ..services.area import AreaLayerError, JobArea, area_from_layer, is_plugin_layer, plugin_layer_error
from ..services.compat import POLYGON_GEOMETRY, POLYGON_LAYER_FILTER
from ..services.connection import connection_configured, connection_ready_without_prompt, resolve_connection
from ..services.evalscript_presets import (
    DEFAULT_PRESET,
    TUTORIAL_TIME_RANGE,
    preset_text,
    presets,
    read_evalscript_file,
    write_evalscript_file,
)
from ..services.i18n import tr
from ..services.messages import describe_failure
from ..services.preview import PreviewController, PreviewInputs, PreviewResult, TilePreviewLayer, cost_text, format_pu
from ..services.tasks import Activity, BackgroundTasks, TaskCancelledError
from .forms import load_form
from .message_bar import DockMessages
from .start_dialog import StartSummary, confirm_start

log = logging.getLogger("sentinelhub_batch.gui")

FORM_CLASS, _ = load_form("new_job_dock.ui")

DOCK_OBJECT_NAME = "SentinelHubBatchNewJobDock"
"""The object name ui/new_job_dock.ui gives the dock (QGIS keeps dock positions under it)."""
SETTINGS_PREFIX = "sentinelhub_batch/new_job"
ACCESS_S3_KEYS, ACCESS_IAM_ROLE = "keys", "iam"
ACCESS_CHOICES = (ACCESS_S3_KEYS, ACCESS_IAM_ROLE)
"""The write access choices, in the order of the access combo's items in the .ui file."""
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
        self.preview = PreviewController(self, preview_delay_ms)
        self.tile_layer = TilePreviewLayer(self.project)
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
        self.refresh_area()
        self.update_actions()

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
        for index, access in enumerate(ACCESS_CHOICES):
            self.access_combo.setItemData(index, access)
        self.output_url_edit.setText(str(QgsSettings().value(f"{SETTINGS_PREFIX}/output_url", "") or ""))

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
        for signal in (self.collection_combo.currentTextChanged, self.time_from_edit.dateChanged,
                       self.time_to_edit.dateChanged, self.resolution_combo.currentIndexChanged,
                       self.buffer_x_spin.valueChanged, self.buffer_y_spin.valueChanged,
                       self.evalscript_editor.textChanged):
            signal.connect(self.schedule_preview)
        self.preset_combo.activated.connect(self._preset_chosen)
        self.load_button.clicked.connect(self._load_evalscript)
        self.save_button.clicked.connect(self._save_evalscript)
        self.grid_combo.currentIndexChanged.connect(lambda _index: self._fill_resolutions())
        self.access_combo.currentIndexChanged.connect(
            lambda _index: self.iam_role_edit.setEnabled(self.access_combo.currentData() == ACCESS_IAM_ROLE))
        self.overwrite_check.toggled.connect(lambda on: on and self.skip_existing_check.setChecked(False))
        self.skip_existing_check.toggled.connect(lambda on: on and self.overwrite_check.setChecked(False))
        self.output_url_edit.textChanged.connect(lambda _text: self.update_actions())
        self.show_tiles_check.toggled.connect(self._show_tiles_toggled)
        self.settings_button.clicked.connect(self.open_settings)
        self.create_button.clicked.connect(self.create_job)
        self.analyse_button.clicked.connect(self.analyse_job)
        self.start_button.clicked.connect(self.start_job)

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
            self.outputs_table.setItem(row, 0, QTableWidgetItem(output.id))
            self.outputs_table.setItem(row, 1, QTableWidgetItem(str(output.bands)))
            self.outputs_table.setItem(row, 2, QTableWidgetItem(output.sample_type))
            combo = QComboBox(self.outputs_table)
            combo.addItems(OUTPUT_FORMATS)
            combo.setCurrentText(self._output_formats.get(output.id, "image/tiff"))
            combo.currentTextChanged.connect(lambda _text: self._remember_formats())
            self.outputs_table.setCellWidget(row, 3, combo)

    def _remember_formats(self) -> None:
        for row in range(self.outputs_table.rowCount()):
            item, combo = self.outputs_table.item(row, 0), self.outputs_table.cellWidget(row, 3)
            if item is not None and combo is not None:
                self._output_formats[item.text()] = combo.currentText()

    def outputs(self) -> List[OutputSpec]:
        self._remember_formats()
        result = []
        for row in range(self.outputs_table.rowCount()):
            identifier = self.outputs_table.item(row, 0).text()
            result.append(OutputSpec(identifier, self._output_formats.get(identifier, "image/tiff")))
        return result

    # ------------------------------------------------------------------------------------------------------
    # Area: the polygon layer of the combo, which follows the active layer

    def _except_plugin_layers(self, *_args: Any) -> None:
        """Layers the plugin adds (tile preview, job tiles, quick look) are never offered as the area."""
        self.area_layer_combo.setExceptedLayerList(
            [layer for layer in self.project.mapLayers().values() if is_plugin_layer(layer)])

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
        self.schedule_preview()

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
        self.schedule_preview()

    def _max_cloud_coverage(self) -> Optional[float]:
        value = self.cloud_spin.value()
        return None if value >= 100 else float(value)

    def preview_inputs(self) -> PreviewInputs:
        return PreviewInputs(
            area=self.job_area.geometry if self.job_area else None,
            area_crs=self.job_area.crs if self.job_area else "EPSG:4326",
            grid=self.grid(),
            resolution=float(self.resolution_combo.currentData()),
            buffer_x=self.buffer_x_spin.value(),
            buffer_y=self.buffer_y_spin.value(),
            evalscript=self.evalscript(),
            time_from=self.time_from_edit.date().toPyDate(),
            time_to=self.time_to_edit.date().toPyDate(),
            data_collection=self.collection_combo.currentText().strip(),
        )

    def schedule_preview(self, *_args: Any) -> None:
        if not hasattr(self, "preview") or self.resolution_combo.currentData() is None:
            return  # still setting the widgets up
        self.preview.schedule(self.preview_inputs())
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
        if result.tiles is not None:
            tiles = result.tiles
            text = tr("{count} tile(s)").format(count=len(tiles))
            if tiles:
                first = tiles[0]
                text += tr(" of {w} × {h} px ({bw} × {bh} px with the buffer)").format(
                    w=first.width, h=first.height, bw=first.buffered_width, bh=first.buffered_height)
            self._set_label(self.tiles_label, text)
        elif result.tiles_error:
            self._set_label(self.tiles_label, result.tiles_error, error=True)
        else:
            self._set_label(self.tiles_label, self.area_error or "–", error=bool(self.area_error))
        self._show_tiles(result.tiles or [])
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

    def _show_tiles(self, tiles: List[Any]) -> None:
        """Draw the preview's tiles (only once the user has opened the dock: before, the project stays as it is)."""
        if not self.opened:
            return
        if self.show_tiles_check.isChecked():
            self.tile_layer.show(tiles)
        else:
            self.tile_layer.remove()

    def _show_tiles_toggled(self, _on: bool) -> None:
        tiles = self.last_preview.tiles if self.last_preview is not None else None
        self._show_tiles(tiles or [])

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

    def job_spec(self, connection: Any = None) -> BatchJobSpec:
        """The job as a BatchJobSpec; S3 keys come from ``connection`` when the service writes with them."""
        if self.job_area is None:
            raise InvalidRequestError(self.area_error or tr("Choose a polygon layer as the area."))
        if self.access_combo.currentData() == ACCESS_IAM_ROLE:
            access = BucketAccess.with_iam_role(self.iam_role_edit.text())
        else:
            if connection is None or not connection.s3.access_key:
                raise InvalidRequestError(tr(
                    "The service should write with your S3 keys, but none are set. Add them in the connection "
                    "settings, or choose 'IAM role' as write access."))
            access = BucketAccess.with_keys(connection.s3.access_key, connection.s3.secret_key)
        delivery = BucketLocation(self.output_url_edit.text().strip(), access)
        return BatchJobSpec(
            area=self.job_area.geometry, area_crs=self.job_area.epsg, evalscript=self.evalscript(),
            delivery=delivery, time_from=self.time_from_edit.date().toPyDate(),
            time_to=self.time_to_edit.date().toPyDate(), outputs=self.outputs(),
            data_collection=self.collection_combo.currentText().strip(),
            max_cloud_coverage=self._max_cloud_coverage(),
            mosaicking_order=self.mosaicking_combo.currentData() or None,
            grid_id=int(self.grid_combo.currentData()), resolution=float(self.resolution_combo.currentData()),
            buffer_x=self.buffer_x_spin.value(), buffer_y=self.buffer_y_spin.value(),
            cog_output=self.cog_check.isChecked(), overwrite=self.overwrite_check.isChecked(),
            skip_existing=self.skip_existing_check.isChecked(), description=self.description_edit.text().strip(),
        )

    def create_reasons(self, passing: bool = True) -> List[str]:
        """Why Create is not possible now (empty when it is); without ``passing``, only what the user must change
        (not the preview being computed or an action finishing)."""
        reasons = []
        if self.busy_action and passing:
            reasons.append(tr("Wait for '{action}' to finish.").format(action=self.busy_action))
        if self.job_area is None:
            reasons.append(self.area_error or tr("Choose a polygon layer as the area."))
        if self.preview.busy:
            if passing:
                reasons.append(tr("The preview is being computed."))
        elif self.last_preview is None or self.last_preview.evalscript_info is None:
            error = self.last_preview.evalscript_error if self.last_preview else None
            reasons.append(error or tr("The evalscript has not been read yet."))
        if not self.output_url_edit.text().strip():
            reasons.append(tr("Enter the S3 output URL (s3://bucket/folder)."))
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
            body = build_batch_request(self.job_spec(connection))
        except InvalidRequestError as error:
            self.push_message(tr("The request is not valid"), str(error), Qgis.MessageLevel.Warning, topic=action)
            return
        QgsSettings().setValue(f"{SETTINGS_PREFIX}/output_url", self.output_url_edit.text().strip())

        def created(task: BatchTask) -> None:
            self._set_current_task(task)
            self.push_message(tr("Batch request created"), tr(
                "Request {id} is created. Analyse it to check the tiles, or Start it.").format(id=task.id),
                Qgis.MessageLevel.Success, topic=action)
            self.job_created.emit(task)

        self._run(action, lambda activity: jobs.create_job(activity.batch_client(connection), body), created,
                  connection.deployment.base_url)

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

    def start_summary(self, task: BatchTask) -> StartSummary:
        """What the start confirmation shows: the tiles and cost of the current preview."""
        preview = self.last_preview
        has_estimate = preview is not None and preview.cost is not None and preview.tiles is not None
        return StartSummary(task.id, len(preview.tiles) if has_estimate else None,
                            preview.cost if has_estimate else None, task.cost_pu)

    def start_job(self) -> None:
        task = self.current_task
        if task is None or not confirm_start(self.start_summary(task), self):
            return
        action = tr("Starting the batch request")
        connection = self._connection(action)
        if connection is None:
            return
        task_id = task.id

        def started(updated: BatchTask) -> None:
            self._set_current_task(updated)
            self.push_message(tr("Batch request started"), tr(
                "Request {id} is starting; follow it in the Jobs panel.").format(id=task_id),
                Qgis.MessageLevel.Success, topic=action)
            self.job_started.emit(task_id)

        self._run(action, lambda activity: jobs.start_job(activity.batch_client(connection), task_id), started,
                  connection.deployment.base_url)

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
            self._show_tiles(self.last_preview.tiles or [])
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
