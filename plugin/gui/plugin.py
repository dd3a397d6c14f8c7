"""The QGIS plugin object: toolbar button and Web menu entry for the dock, Processing provider, logging."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon

from ..processing.provider import SentinelHubBatchProvider
from .compat import QAction
from .dock import BatchDock
from .jobs_dock import JobsDock
from .log import install_log_handler, remove_log_handler
from .monitor import JobMonitor
from .new_job_dock import NewJobDock

PLUGIN_ROOT = Path(__file__).resolve().parents[2]
ICON_PATH = PLUGIN_ROOT / "resources" / "icons" / "icon.svg"
MENU_NAME = "&Sentinel Hub Batch"
TOGGLE_ACTION_OBJECT_NAME = "SentinelHubBatchToggleDock"


def tr(text: str) -> str:
    return QCoreApplication.translate("SentinelHubBatchPlugin", text)


class SentinelHubBatchPlugin:
    """Created by ``classFactory``. QGIS calls ``initGui()``; ``qgis_process`` calls only ``initProcessing()``."""

    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider: Optional[SentinelHubBatchProvider] = None
        self.dock: Optional[BatchDock] = None
        self.toggle_dock_action: Optional[QAction] = None
        self.new_job_dock: Optional[NewJobDock] = None
        self.new_job_actions: list = []
        self.monitor: Optional[JobMonitor] = None
        self.jobs_dock: Optional[JobsDock] = None
        self.jobs_action: Optional[QAction] = None

    def initProcessing(self) -> None:
        """Register the Processing provider (idempotent: QGIS may call this and ``initGui()``)."""
        install_log_handler()
        if self.provider is not None:
            return
        provider = SentinelHubBatchProvider()
        if QgsApplication.processingRegistry().addProvider(provider):
            self.provider = provider

    def initGui(self) -> None:
        self.initProcessing()
        main_window = self.iface.mainWindow()

        self.dock = BatchDock(main_window)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

        action = QAction(QIcon(str(ICON_PATH)), tr("Sentinel Hub Batch"), main_window)
        action.setObjectName(TOGGLE_ACTION_OBJECT_NAME)
        action.setToolTip(tr("Show or hide the Sentinel Hub Batch panel"))
        action.setCheckable(True)
        self.dock.setToggleVisibilityAction(action)
        self.iface.addWebToolBarIcon(action)
        self.iface.addPluginToWebMenu(MENU_NAME, action)
        self.toggle_dock_action = action
        self._add_new_job_dock(main_window)
        self._add_jobs_dock(main_window)

    def _add_jobs_dock(self, main_window) -> None:
        self.monitor = JobMonitor()
        self.monitor.start()
        self.jobs_dock = JobsDock(self.iface, self.monitor, parent=main_window)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.jobs_dock)
        self.jobs_dock.hide()
        jobs_action = QAction(QIcon(str(ICON_PATH)), tr("Batch jobs"), main_window)
        jobs_action.setToolTip(tr("Show or hide the panel of batch jobs"))
        jobs_action.setCheckable(True)
        self.jobs_dock.setToggleVisibilityAction(jobs_action)
        self.iface.addPluginToWebMenu(MENU_NAME, jobs_action)
        self.jobs_action = jobs_action
        if self.new_job_dock is not None:
            self.new_job_dock.job_created.connect(self.jobs_dock.add_task)
            self.new_job_dock.job_started.connect(self.jobs_dock.follow_task)

    def _add_new_job_dock(self, main_window) -> None:
        self.new_job_dock = NewJobDock(self.iface, main_window)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.new_job_dock)
        self.new_job_dock.hide()
        new_job_action = QAction(QIcon(str(ICON_PATH)), tr("New batch job"), main_window)
        new_job_action.setToolTip(tr("Show or hide the panel for preparing a new batch job"))
        new_job_action.setCheckable(True)
        self.new_job_dock.setToggleVisibilityAction(new_job_action)
        settings_action = QAction(tr("Connection settings…"), main_window)
        settings_action.triggered.connect(self.new_job_dock.open_settings)
        for extra_action in (new_job_action, settings_action):
            self.iface.addPluginToWebMenu(MENU_NAME, extra_action)
        self.new_job_actions = [new_job_action, settings_action]

    def unload(self) -> None:
        """Remove everything ``initGui()`` / ``initProcessing()`` added; safe after either or both."""
        if self.monitor is not None:
            self.monitor.shutdown()
            self.monitor = None
        if self.jobs_action is not None:
            self.iface.removePluginWebMenu(MENU_NAME, self.jobs_action)
            self.jobs_action.deleteLater()
            self.jobs_action = None
        if self.jobs_dock is not None:
            self.jobs_dock.shutdown()
            self.iface.removeDockWidget(self.jobs_dock)
            self.jobs_dock.setParent(None)
            self.jobs_dock.deleteLater()
            self.jobs_dock = None
        for extra_action in self.new_job_actions:
            self.iface.removePluginWebMenu(MENU_NAME, extra_action)
            extra_action.deleteLater()
        self.new_job_actions = []
        if self.new_job_dock is not None:
            self.new_job_dock.cleanup()
            self.iface.removeDockWidget(self.new_job_dock)
            self.new_job_dock.setParent(None)
            self.new_job_dock.deleteLater()
            self.new_job_dock = None
        if self.toggle_dock_action is not None:
            self.iface.removePluginWebMenu(MENU_NAME, self.toggle_dock_action)
            self.iface.removeWebToolBarIcon(self.toggle_dock_action)
            self.toggle_dock_action.deleteLater()
            self.toggle_dock_action = None
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.setParent(None)
            self.dock.deleteLater()
            self.dock = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_log_handler()
