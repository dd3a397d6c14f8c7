"""The "New job" dock: area, data, evalscript, outputs, grid, delivery; live tile/cost preview; Create, Analyse, Start.

Edits only schedule a preview (debounced, computed as a background task, stale results dropped); network calls run
as background tasks too. Failures reach the user in the message bar in plain words; details go to the log.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from typing import Any, Callable, Dict, List, Optional, Tuple

from qgis.core import Qgis, QgsProject, QgsSettings, QgsVectorLayer
from qgis.gui import QgsCollapsibleGroupBox, QgsDockWidget
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QDate, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.batch_request import (
    MOSAICKING_ORDERS,
    OUTPUT_FORMATS,
    BatchJobSpec,
    BucketAccess,
    BucketLocation,
    OutputSpec,
    build_batch_request,
)
from ..core.errors import InvalidRequestError
from ..core.grids import BUILTIN_GRIDS, format_number, get_grid
from ..core.models import BatchTask, TaskStatus, UserAction, redact_secrets
from .area import AreaLayerError, JobArea, area_from_layer, is_plugin_layer
from .connection import ConnectionSettings, resolve_connection
from .evalscript_presets import DEFAULT_PRESET, PRESETS, preset_text, read_evalscript_file, write_evalscript_file
from .preview import (
    BackgroundCall,
    PreviewController,
    PreviewInputs,
    PreviewResult,
    TilePreviewLayer,
    cost_figures,
    cost_text,
    describe_failure,
    format_pu,
)

try:  # Qt Designer-free code editor with JavaScript highlighting, when this QGIS build has it.
    from qgis.gui import QgsCodeEditorJavascript
except ImportError:  # pragma: no cover - depends on the QGIS build
    QgsCodeEditorJavascript = None

log = logging.getLogger("sentinelhub_batch.gui")

DOCK_OBJECT_NAME = "SentinelHubBatchNewJobDock"
SETTINGS_PREFIX = "sentinelhub_batch/new_job"
DATA_COLLECTIONS = ("sentinel-2-l1c", "sentinel-2-l2a", "sentinel-1-grd", "sentinel-3-olci", "sentinel-3-slstr",
                    "sentinel-5p-l2", "landsat-ot-l1", "landsat-ot-l2", "hls", "modis", "dem")
TUTORIAL_TIME_FROM = QDate(2020, 7, 1)
TUTORIAL_TIME_TO = QDate(2020, 7, 30)
STARTABLE = (TaskStatus.CREATED, TaskStatus.ANALYSIS_DONE, TaskStatus.STOPPED)
ACCESS_S3_KEYS, ACCESS_IAM_ROLE = "keys", "iam"
ANALYSIS_WAIT_SECONDS = 900.0


def tr(text: str) -> str:
    return QCoreApplication.translate("SentinelHubBatchNewJob", text)


def connection_configured() -> Tuple[bool, str]:
    """Whether an action could find credentials (environment or saved settings), without reading secrets."""
    if os.environ.get("SH_CLIENT_ID"):
        return True, ""
    if ConnectionSettings.load().auth_config_id:
        return True, ""
    return False, tr("No connection is set up. Open the connection settings and choose the client credentials.")


class NewJobDock(QgsDockWidget):
    """Prepare, preview and submit one batch job. Emits ``job_created(BatchTask)`` and ``job_started(task id)``."""

    job_created = pyqtSignal(object)
    job_started = pyqtSignal(str)
    job_updated = pyqtSignal(object)
    """The dock's current job changed state (a BatchTask), e.g. after analysis."""
    settings_saved = pyqtSignal()
    """The connection settings were saved: cached connections elsewhere are stale."""

    def __init__(self, iface: Any, parent: Optional[QWidget] = None, preview_delay_ms: int = 400):
        super().__init__(parent)
        self.iface = iface
        self.setObjectName(DOCK_OBJECT_NAME)
        self.setWindowTitle(tr("Sentinel Hub Batch — New job"))
        self.job_area: Optional[JobArea] = None
        self.area_error: Optional[str] = tr("No area yet.")
        self.last_preview: Optional[PreviewResult] = None
        self.current_task: Optional[BatchTask] = None
        self.busy_action: Optional[str] = None
        self._running_call: Optional[BackgroundCall] = None
        self._watched_layer: Optional[QgsVectorLayer] = None
        self._output_formats: Dict[str, str] = {}
        self.preview = PreviewController(self, preview_delay_ms)
        self.tile_layer = TilePreviewLayer(QgsProject.instance())
        self.quick_look = None

        self._build()
        self.preview.preview_ready.connect(self._apply_preview)
        self.preview.busy_changed.connect(lambda _busy: self.update_actions())
        try:
            iface.currentLayerChanged.connect(self._active_layer_changed)
        except (AttributeError, TypeError):
            log.debug("This QGIS interface has no currentLayerChanged signal")
        self.refresh_area()
        self.update_actions()

    # ------------------------------------------------------------------------------------------------------
    # Widgets

    def _build(self) -> None:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        content = QWidget(scroll)
        content.setObjectName("SentinelHubBatchNewJobContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)
        scroll.setWidget(content)
        self.setWidget(scroll)

        layout.addWidget(self._area_group(content))
        layout.addWidget(self._data_group(content))
        layout.addWidget(self._evalscript_group(content))
        layout.addWidget(self._tiling_group(content))
        layout.addWidget(self._delivery_group(content))
        layout.addWidget(self._preview_group(content))
        self._add_quick_look(layout, content)
        layout.addLayout(self._action_row(content))
        self.job_label = QLabel(tr("No job created yet."), content)
        self.job_label.setWordWrap(True)
        self.job_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.job_label)
        layout.addStretch(1)

    def _area_group(self, parent: QWidget) -> QWidget:
        group = QgsCollapsibleGroupBox(tr("Area"), parent)
        form = QFormLayout(group)
        self.area_label = QLabel(group)
        self.area_label.setWordWrap(True)
        self.area_label.setToolTip(tr("The area is the active layer in the Layers panel (a polygon layer)."))
        self.selected_only_check = QCheckBox(tr("Selected features only"), group)
        self.selected_only_check.setToolTip(tr("Use only the selected polygons of the active layer."))
        self.selected_only_check.toggled.connect(self.refresh_area)
        refresh = QPushButton(tr("Use active layer"), group)
        refresh.setToolTip(tr("Read the area again from the active layer."))
        refresh.clicked.connect(self.refresh_area)
        row = QHBoxLayout()
        row.addWidget(self.selected_only_check, 1)
        row.addWidget(refresh)
        form.addRow(self.area_label)
        form.addRow(row)
        return group

    def _data_group(self, parent: QWidget) -> QWidget:
        group = QgsCollapsibleGroupBox(tr("Data"), parent)
        form = QFormLayout(group)
        self.collection_combo = QComboBox(group)
        self.collection_combo.setEditable(True)
        self.collection_combo.addItems(DATA_COLLECTIONS)
        self.collection_combo.setToolTip(tr("Data collection type (e.g. sentinel-2-l1c); type a BYOC id as "
                                            "byoc-<collection id>."))
        self.time_from_edit = QDateEdit(TUTORIAL_TIME_FROM, group)
        self.time_to_edit = QDateEdit(TUTORIAL_TIME_TO, group)
        for edit in (self.time_from_edit, self.time_to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.time_from_edit.setToolTip(tr("First day of the time range (from 00:00 UTC)."))
        self.time_to_edit.setToolTip(tr("Last day of the time range (until 23:59:59 UTC)."))
        self.cloud_spin = QSpinBox(group)
        self.cloud_spin.setRange(0, 100)
        self.cloud_spin.setValue(100)
        self.cloud_spin.setSuffix(" %")
        self.cloud_spin.setToolTip(tr("Use only scenes with at most this cloud cover; 100 % = no filter."))
        self.mosaicking_combo = QComboBox(group)
        self.mosaicking_combo.addItem(tr("Service default"), "")
        for order in MOSAICKING_ORDERS:
            self.mosaicking_combo.addItem(order, order)
        self.mosaicking_combo.setToolTip(tr("Which scene wins where scenes overlap (SIMPLE mosaicking)."))
        form.addRow(tr("Collection"), self.collection_combo)
        form.addRow(tr("From"), self.time_from_edit)
        form.addRow(tr("To"), self.time_to_edit)
        form.addRow(tr("Max cloud cover"), self.cloud_spin)
        form.addRow(tr("Mosaicking order"), self.mosaicking_combo)
        self.collection_combo.currentTextChanged.connect(self.schedule_preview)
        self.time_from_edit.dateChanged.connect(self.schedule_preview)
        self.time_to_edit.dateChanged.connect(self.schedule_preview)
        return group

    def _evalscript_group(self, parent: QWidget) -> QWidget:
        group = QgsCollapsibleGroupBox(tr("Evalscript and outputs"), parent)
        box = QVBoxLayout(group)
        row = QHBoxLayout()
        self.preset_combo = QComboBox(group)
        for preset in PRESETS:
            self.preset_combo.addItem(preset.title, preset.key)
            self.preset_combo.setItemData(self.preset_combo.count() - 1, preset.description,
                                          Qt.ItemDataRole.ToolTipRole)
        self.preset_combo.setToolTip(tr("Replace the script with a preset."))
        self.load_button = QPushButton(tr("Load…"), group)
        self.load_button.setToolTip(tr("Load an evalscript from a .js file."))
        self.save_button = QPushButton(tr("Save…"), group)
        self.save_button.setToolTip(tr("Save the evalscript to a .js file."))
        row.addWidget(QLabel(tr("Preset"), group))
        row.addWidget(self.preset_combo, 1)
        row.addWidget(self.load_button)
        row.addWidget(self.save_button)
        box.addLayout(row)

        if QgsCodeEditorJavascript is not None:
            self.evalscript_editor = QgsCodeEditorJavascript(group)
        else:  # pragma: no cover - depends on the QGIS build
            self.evalscript_editor = QPlainTextEdit(group)
        self.evalscript_editor.setMinimumHeight(220)
        box.addWidget(self.evalscript_editor)
        self.evalscript_label = QLabel(group)
        self.evalscript_label.setWordWrap(True)
        box.addWidget(self.evalscript_label)

        self.outputs_table = QTableWidget(0, 4, group)
        self.outputs_table.setHorizontalHeaderLabels([tr("Output"), tr("Bands"), tr("Sample type"), tr("Format")])
        self.outputs_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.outputs_table.verticalHeader().setVisible(False)
        self.outputs_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.outputs_table.setToolTip(tr("Outputs declared in the evalscript's setup(); choose each file format."))
        self.outputs_table.setMaximumHeight(120)
        box.addWidget(self.outputs_table)

        self.set_evalscript(preset_text(DEFAULT_PRESET))
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(DEFAULT_PRESET))
        self.preset_combo.activated.connect(self._preset_chosen)
        self.load_button.clicked.connect(self._load_evalscript)
        self.save_button.clicked.connect(self._save_evalscript)
        self.evalscript_editor.textChanged.connect(self.schedule_preview)
        return group

    def _tiling_group(self, parent: QWidget) -> QWidget:
        group = QgsCollapsibleGroupBox(tr("Tiling grid"), parent)
        form = QFormLayout(group)
        self.grid_combo = QComboBox(group)
        for grid in BUILTIN_GRIDS.values():
            self.grid_combo.addItem(grid.describe(), grid.id)
        self.grid_combo.setToolTip(tr("The grid splits the area into tiles; each tile is one output file."))
        self.resolution_combo = QComboBox(group)
        self.resolution_combo.setToolTip(tr("Pixel size; the grid allows only these."))
        self.buffer_x_spin = QSpinBox(group)
        self.buffer_y_spin = QSpinBox(group)
        for spin in (self.buffer_x_spin, self.buffer_y_spin):
            spin.setRange(0, 10000)
            spin.setValue(50)
            spin.setSuffix(tr(" px"))
            spin.setToolTip(tr("Pixels added on each side of every tile (overlap between neighbouring tiles)."))
        form.addRow(tr("Grid"), self.grid_combo)
        form.addRow(tr("Resolution"), self.resolution_combo)
        form.addRow(tr("Buffer X"), self.buffer_x_spin)
        form.addRow(tr("Buffer Y"), self.buffer_y_spin)
        self.grid_combo.setCurrentIndex(self.grid_combo.findData(1))
        self._fill_resolutions(10.0)
        self.grid_combo.currentIndexChanged.connect(lambda _index: self._fill_resolutions())
        self.resolution_combo.currentIndexChanged.connect(self.schedule_preview)
        self.buffer_x_spin.valueChanged.connect(self.schedule_preview)
        self.buffer_y_spin.valueChanged.connect(self.schedule_preview)
        return group

    def _delivery_group(self, parent: QWidget) -> QWidget:
        group = QgsCollapsibleGroupBox(tr("Delivery"), parent)
        form = QFormLayout(group)
        self.output_url_edit = QLineEdit(group)
        self.output_url_edit.setPlaceholderText("s3://bucket/folder")
        self.output_url_edit.setText(str(QgsSettings().value(f"{SETTINGS_PREFIX}/output_url", "") or ""))
        self.output_url_edit.setToolTip(tr(
            "Where the service writes the results: s3://bucket/folder (files go to <requestId>/<tileName>/"
            "<outputId>.<format>) or a template with those placeholders."))
        self.access_combo = QComboBox(group)
        self.access_combo.addItem(tr("My S3 keys (from the connection settings)"), ACCESS_S3_KEYS)
        self.access_combo.addItem(tr("IAM role"), ACCESS_IAM_ROLE)
        self.access_combo.setToolTip(tr("How the service may write to the bucket."))
        self.iam_role_edit = QLineEdit(group)
        self.iam_role_edit.setPlaceholderText("arn:aws:iam::123456789012:role/sentinelhub-batch")
        self.iam_role_edit.setEnabled(False)
        self.access_combo.currentIndexChanged.connect(
            lambda _index: self.iam_role_edit.setEnabled(self.access_combo.currentData() == ACCESS_IAM_ROLE))
        self.cog_check = QCheckBox(tr("Cloud-optimised GeoTIFF (COG)"), group)
        self.cog_check.setChecked(True)
        self.overwrite_check = QCheckBox(tr("Overwrite existing files"), group)
        self.skip_existing_check = QCheckBox(tr("Skip tiles whose files exist"), group)
        self.overwrite_check.toggled.connect(lambda on: on and self.skip_existing_check.setChecked(False))
        self.skip_existing_check.toggled.connect(lambda on: on and self.overwrite_check.setChecked(False))
        self.description_edit = QLineEdit(group)
        self.description_edit.setPlaceholderText(tr("e.g. California NDVI July 2020"))
        form.addRow(tr("Output URL"), self.output_url_edit)
        form.addRow(tr("Write access"), self.access_combo)
        form.addRow(tr("IAM role ARN"), self.iam_role_edit)
        form.addRow(self.cog_check)
        form.addRow(self.overwrite_check)
        form.addRow(self.skip_existing_check)
        form.addRow(tr("Description"), self.description_edit)
        self.output_url_edit.textChanged.connect(lambda _text: self.update_actions())
        return group

    def _preview_group(self, parent: QWidget) -> QWidget:
        group = QgsCollapsibleGroupBox(tr("Preview"), parent)
        form = QFormLayout(group)
        self.tiles_label = QLabel("–", group)
        self.tiles_label.setWordWrap(True)
        self.cost_label = QLabel("–", group)
        self.cost_label.setWordWrap(True)
        self.show_tiles_check = QCheckBox(tr("Show the tiles on the map"), group)
        self.show_tiles_check.setChecked(True)
        self.show_tiles_check.toggled.connect(self._show_tiles_toggled)
        form.addRow(tr("Tiles"), self.tiles_label)
        form.addRow(tr("Cost"), self.cost_label)
        form.addRow(self.show_tiles_check)
        return group

    def _add_quick_look(self, layout: QVBoxLayout, parent: QWidget) -> None:
        try:
            from .quicklook import QuickLookPanel
        except ImportError:
            return
        try:
            group = QgsCollapsibleGroupBox(tr("Quick look (Process API)"), parent)
            group.setCollapsed(True)
            box = QVBoxLayout(group)
            self.quick_look = QuickLookPanel(self.iface, self.quick_look_inputs, group,
                                             get_area_layer=self._area_layer)
            box.addWidget(self.quick_look)
            layout.addWidget(group)
        except Exception:
            log.exception("The quick look panel could not be added")

    def _action_row(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.settings_button = QPushButton(tr("Connection…"), parent)
        self.settings_button.setToolTip(tr("Deployment, credentials and S3 access."))
        self.settings_button.clicked.connect(self.open_settings)
        self.create_button = QPushButton(tr("Create"), parent)
        self.analyse_button = QPushButton(tr("Analyse"), parent)
        self.start_button = QPushButton(tr("Start"), parent)
        self.create_button.clicked.connect(self.create_job)
        self.analyse_button.clicked.connect(self.analyse_job)
        self.start_button.clicked.connect(self.start_job)
        row.addWidget(self.settings_button)
        row.addStretch(1)
        row.addWidget(self.create_button)
        row.addWidget(self.analyse_button)
        row.addWidget(self.start_button)
        return row

    # ------------------------------------------------------------------------------------------------------
    # Evalscript

    def evalscript(self) -> str:
        editor = self.evalscript_editor
        return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()

    def set_evalscript(self, text: str) -> None:
        editor = self.evalscript_editor
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        else:
            editor.setText(text)

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
            self.push_message(tr("Loading the evalscript failed"), str(error), Qgis.MessageLevel.Warning)

    def _save_evalscript(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, tr("Save evalscript"), "evalscript.js",
                                                    tr("Evalscripts (*.js)"))
        if not path:
            return
        try:
            write_evalscript_file(path, self.evalscript())
        except InvalidRequestError as error:
            self.push_message(tr("Saving the evalscript failed"), str(error), Qgis.MessageLevel.Warning)

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
    # Area

    def _active_layer_changed(self, *_args: Any) -> None:
        self.refresh_area()

    def _watch_layer(self, layer: Optional[QgsVectorLayer]) -> None:
        if layer is self._watched_layer:
            return
        signals = ("selectionChanged", "featureAdded", "featuresDeleted", "geometryChanged", "crsChanged",
                   "afterCommitChanges", "afterRollBack")
        if self._watched_layer is not None:
            for name in signals:
                with contextlib.suppress(TypeError, RuntimeError, AttributeError):
                    getattr(self._watched_layer, name).disconnect(self._watched_layer_changed)
        self._watched_layer = layer
        if layer is not None:
            for name in signals:
                signal = getattr(layer, name, None)
                if signal is not None:
                    signal.connect(self._watched_layer_changed)

    def _watched_layer_changed(self, *_args: Any) -> None:
        self.refresh_area()

    def refresh_area(self) -> None:
        """Read the area from the active layer (or its selection) and schedule a preview."""
        layer = self._active_area_candidate()
        self._watch_layer(layer if isinstance(layer, QgsVectorLayer) else None)
        try:
            self.job_area = area_from_layer(layer, self.selected_only_check.isChecked())
            self.area_error = None
            self.area_label.setStyleSheet("")
            self.area_label.setText(self.job_area.describe())
        except AreaLayerError as error:
            self.job_area = None
            self.area_error = str(error)
            self.area_label.setStyleSheet("color: #c62828;")
            self.area_label.setText(self.area_error)
        except Exception as error:  # a broken provider must not leave a traceback in the user's face
            log.exception("Reading the area failed")
            self.job_area = None
            self.area_error = tr("The area could not be read from the layer ({kind}); details are in the log."
                                 ).format(kind=type(error).__name__)
            self.area_label.setStyleSheet("color: #c62828;")
            self.area_label.setText(self.area_error)
        self.schedule_preview()

    # ------------------------------------------------------------------------------------------------------
    # Grid

    def grid(self):
        return get_grid(self.grid_combo.currentData())

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

    # ------------------------------------------------------------------------------------------------------
    # Preview

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
        if not hasattr(self, "cost_label") or self.resolution_combo.currentData() is None:
            return  # still building the widgets
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
        label.setStyleSheet("color: #c62828;" if error else "")
        label.setText(text)

    def _show_tiles(self, tiles: List[Any]) -> None:
        if self.show_tiles_check.isChecked():
            self.tile_layer.show(tiles)
        else:
            self.tile_layer.remove()

    def _show_tiles_toggled(self, on: bool) -> None:
        tiles = self.last_preview.tiles if self.last_preview is not None else None
        if on and tiles is not None:
            self.tile_layer.show(tiles)
        elif not on:
            self.tile_layer.remove()

    def _active_area_candidate(self) -> Any:
        """The active layer; when QGIS activates a layer the plugin itself added, the user's layer stays the area."""
        layer = self.iface.activeLayer() if self.iface is not None else None
        if is_plugin_layer(layer):
            watched = self._watched_layer
            return None if watched is None or sip.isdeleted(watched) else watched
        return layer

    def _area_layer(self) -> Optional[QgsVectorLayer]:
        layer = self._active_area_candidate()
        return layer if isinstance(layer, QgsVectorLayer) else None

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
    # Actions

    def _max_cloud_coverage(self) -> Optional[float]:
        value = self.cloud_spin.value()
        return None if value >= 100 else float(value)

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

    def create_reasons(self) -> List[str]:
        """Why Create is not possible now (empty when it is)."""
        reasons = []
        if self.busy_action:
            reasons.append(tr("Wait for '{action}' to finish.").format(action=self.busy_action))
        if self.job_area is None:
            reasons.append(self.area_error or tr("Choose a polygon layer as the area."))
        if self.preview.busy:
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
        if not hasattr(self, "create_button"):
            return
        reasons = self.create_reasons()
        self.create_button.setEnabled(not reasons)
        self.create_button.setToolTip("\n".join(reasons) or tr("Create the batch request (nothing is processed yet)."))

        task = self.current_task
        busy = bool(self.busy_action)
        can_analyse = task is not None and not busy and task.status is TaskStatus.CREATED \
            and getattr(task, "user_action", None) in (None, UserAction.NONE)
        can_start = task is not None and not busy and task.status in STARTABLE \
            and getattr(task, "user_action", None) is not UserAction.START
        self.analyse_button.setEnabled(can_analyse)
        self.start_button.setEnabled(can_start)
        self.analyse_button.setToolTip(tr("Compute the tiles of the created request at the service.") if can_analyse
                                       else self._job_state_reason(tr("Analyse"), (TaskStatus.CREATED,)))
        self.start_button.setToolTip(tr("Start processing (asks for confirmation with the cost).") if can_start
                                     else self._job_state_reason(tr("Start"), STARTABLE))

    def _job_state_reason(self, action: str, allowed: Tuple[TaskStatus, ...]) -> str:
        if self.busy_action:
            return tr("Wait for '{action}' to finish.").format(action=self.busy_action)
        if self.current_task is None:
            return tr("Create a job first.")
        return tr("{action} needs a job in state {allowed}; this one is {status}.").format(
            action=action, allowed=" / ".join(status.value for status in allowed),
            status=self.current_task.status_text)

    def _run(self, action: str, function: Callable[[BackgroundCall], Any],
             on_success: Callable[[Any], None], base_url: str = "") -> None:
        """Run a network call in the background, with the buttons disabled meanwhile."""
        self.busy_action = action
        self.update_actions()

        def done(result: Any, error: Optional[BaseException]) -> None:
            self.busy_action = None
            self._running_call = None
            if error is not None:
                log.warning("%s failed: %s", action, error)
                self.push_message(tr("Sentinel Hub Batch"), describe_failure(error, action, base_url),
                                  Qgis.MessageLevel.Critical)
            else:
                on_success(result)
            self.update_actions()

        self._running_call = BackgroundCall(tr("Sentinel Hub Batch: {action}").format(action=action), function,
                                            done, self).start()

    def _connection(self, action: str):
        try:
            return resolve_connection()
        except InvalidRequestError as error:
            self.push_message(tr("{action} failed").format(action=action), str(error), Qgis.MessageLevel.Warning)
            return None

    def create_job(self) -> None:
        action = tr("Creating the batch request")
        connection = self._connection(action)
        if connection is None:
            return
        try:
            body = build_batch_request(self.job_spec(connection))
        except InvalidRequestError as error:
            self.push_message(tr("The request is not valid"), str(error), Qgis.MessageLevel.Warning)
            return
        log.info("Creating a batch request: %s", redact_secrets(body).get("description", ""))
        QgsSettings().setValue(f"{SETTINGS_PREFIX}/output_url", self.output_url_edit.text().strip())

        def call(_task: BackgroundCall) -> BatchTask:
            client = connection.batch_client()
            try:
                return client.create(body)
            finally:
                client.close()

        def created(task: BatchTask) -> None:
            self._set_current_task(task)
            self.push_message(tr("Batch request created"), tr(
                "Request {id} is created. Analyse it to check the tiles, or Start it.").format(id=task.id),
                Qgis.MessageLevel.Success)
            self.job_created.emit(task)

        self._run(action, call, created, connection.deployment.base_url)

    def analyse_job(self) -> None:
        task = self.current_task
        action = tr("Analysing the batch request")
        connection = self._connection(action)
        if task is None or connection is None:
            return
        task_id = task.id

        def call(background: BackgroundCall) -> BatchTask:
            from ..core.jobs import wait_for_job

            client = connection.batch_client(sleep=_cancellable_sleep(background))
            try:
                client.analyse(task_id)
                return wait_for_job(client, task_id, is_cancelled=background.isCanceled,
                                    sleep=_cancellable_sleep(background), give_up_after=ANALYSIS_WAIT_SECONDS)
            finally:
                client.close()

        def analysed(updated: BatchTask) -> None:
            self._set_current_task(updated)
            if updated.status is TaskStatus.FAILED:
                self.push_message(tr("Analysis failed"), tr("Request {id} failed in analysis: {error}").format(
                    id=updated.id, error=updated.error or tr("no reason given")), Qgis.MessageLevel.Critical)
            else:
                self.push_message(tr("Analysis done"), tr("Request {id} is analysed ({status}); Start it when "
                                                          "ready.").format(id=updated.id,
                                                                           status=updated.status_text),
                                  Qgis.MessageLevel.Success)

        self._run(action, call, analysed, connection.deployment.base_url)

    def confirm_start_text(self, task: BatchTask) -> str:
        lines = [tr("Start processing batch request {id}?").format(id=task.id)]
        preview = self.last_preview
        if preview is not None and preview.cost is not None and preview.tiles is not None:
            estimate, charged, billed = cost_figures(preview.cost)
            lines.append(tr("{count} tile(s). Estimated cost: {charged} PU charged ({estimate} PU before the batch "
                            "discount); billed at least {billed} PU.").format(
                count=len(preview.tiles), charged=format_pu(charged), estimate=format_pu(estimate),
                billed=format_pu(billed)))
        else:
            lines.append(tr("No cost estimate is available for the current inputs."))
        if task.cost_pu:
            lines.append(tr("The service reports {cost} PU so far.").format(cost=format_pu(task.cost_pu)))
        lines.append(tr("Processing units are charged to your account."))
        return "\n\n".join(lines)

    def start_job(self) -> None:
        task = self.current_task
        if task is None:
            return
        answer = QMessageBox.question(self, tr("Start batch processing"), self.confirm_start_text(task),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        action = tr("Starting the batch request")
        connection = self._connection(action)
        if connection is None:
            return
        task_id = task.id

        def call(_task: BackgroundCall) -> BatchTask:
            client = connection.batch_client()
            try:
                client.start(task_id)
                return client.get(task_id)
            finally:
                client.close()

        def started(updated: BatchTask) -> None:
            self._set_current_task(updated)
            self.push_message(tr("Batch request started"), tr(
                "Request {id} is starting; follow it in the Jobs panel.").format(id=task_id),
                Qgis.MessageLevel.Success)
            self.job_started.emit(task_id)

        self._run(action, call, started, connection.deployment.base_url)

    def follow_update(self, task_id: str, task: BatchTask) -> None:
        """A status the monitor read: keep the line of the job created here current."""
        if self.current_task is not None and self.current_task.id == task_id:
            self._set_current_task(task)

    def _set_current_task(self, task: BatchTask) -> None:
        self.current_task = task
        text = tr("Request {id}: {status}").format(id=task.id, status=task.status_text)
        if task.cost_pu:
            text += tr(", {cost} PU").format(cost=format_pu(task.cost_pu))
        if task.error:
            text += f" — {task.error}"
        self.job_label.setText(text)
        self.job_updated.emit(task)
        self.update_actions()

    # ------------------------------------------------------------------------------------------------------
    # Shell

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        if dialog.exec():
            self.settings_saved.emit()
        self.update_actions()

    def push_message(self, title: str, text: str, level: Any = Qgis.MessageLevel.Info) -> None:
        duration = 0 if level == Qgis.MessageLevel.Critical else 8
        if self.iface is not None:
            self.iface.messageBar().pushMessage(title, text, level, duration)
        else:
            log.info("%s: %s", title, text)

    def closeEvent(self, event: Any) -> None:
        self.preview.cancel()
        super().closeEvent(event)

    def cleanup(self) -> None:
        """Called by the plugin on unload: stop the preview and remove the temporary layer."""
        self.preview.cancel()
        with contextlib.suppress(AttributeError, TypeError, RuntimeError):
            self.iface.currentLayerChanged.disconnect(self._active_layer_changed)
        self._watch_layer(None)
        self.tile_layer.remove()
        if self._running_call is not None:
            self._running_call.cancel()
        if self.quick_look is not None and hasattr(self.quick_look, "cancel"):
            self.quick_look.cancel()


def _cancellable_sleep(task: BackgroundCall) -> Callable[[float], None]:
    """A sleep that wakes up early when the task is cancelled (the caller then checks ``isCanceled``)."""

    def sleep(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not task.isCanceled():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            time.sleep(min(0.2, remaining))

    return sleep


__all__ = ["NewJobDock", "connection_configured"]
