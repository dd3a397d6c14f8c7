"""The QGIS plugin object, where the two shells meet: the docks of ``gui`` (New job, Jobs, the Web menu and toolbar
entry) and the Processing provider of ``processing``, plus logging and translations from ``services``.

``gui`` and ``processing`` never import each other; this module is the only one that imports both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, List, Optional

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon

from .gui.dependencies import install_hint, missing_requirements
from .services.compat import QAction
from .services.i18n import install_translator, remove_translator, tr
from .services.log import MESSAGE_LOG_TAG, install_log_handler, print_each_error_once, remove_log_handler

PLUGIN_ROOT = Path(__file__).resolve().parents[1]
ICON_PATH = PLUGIN_ROOT / "resources" / "icons" / "icon.svg"
MENU_NAME = "&Sentinel Hub Batch"
TOGGLE_ACTION_OBJECT_NAME = "SentinelHubBatchToggleDock"


class SentinelHubBatchPlugin:
    """Created by ``classFactory``. QGIS calls ``initGui()``; ``qgis_process`` calls only ``initProcessing()``.

    The GUI and Processing modules import shapely and pyproj, so they are imported only after checking those
    packages are there; without them the plugin says what to install instead of failing with a traceback.
    """

    def __init__(self, iface) -> None:
        self.iface = iface
        self.provider: Any = None
        self.toggle_dock_action: Optional[QAction] = None
        self.new_job_dock: Any = None
        self.monitor: Any = None
        self.jobs_dock: Any = None
        self.menu_actions: List[QAction] = []
        self.missing: List[str] = missing_requirements()
        install_translator()

    def initProcessing(self) -> None:
        """Register the Processing provider (idempotent: QGIS may call this and ``initGui()``) and share the
        requests created in the last minutes with the other QGIS processes of the profile (``qgis_process`` runs
        only this)."""
        install_log_handler()
        if self.provider is not None:
            return
        print_each_error_once()
        if self.missing:
            QgsMessageLog.logMessage(install_hint(self.missing), MESSAGE_LOG_TAG, Qgis.MessageLevel.Critical)
            return
        from .processing.provider import SentinelHubBatchProvider
        from .services.jobs import share_recently_created_jobs

        share_recently_created_jobs()

        provider = SentinelHubBatchProvider()
        if QgsApplication.processingRegistry().addProvider(provider):
            self.provider = provider

    def initGui(self) -> None:
        self.initProcessing()
        main_window = self.iface.mainWindow()
        icon = QIcon(str(ICON_PATH))
        action = QAction(icon, tr("Sentinel Hub Batch"), main_window)
        action.setObjectName(TOGGLE_ACTION_OBJECT_NAME)
        self.iface.addWebToolBarIcon(action)
        self.toggle_dock_action = action
        if self.missing:
            action.setToolTip(tr("Sentinel Hub Batch cannot start: Python packages are missing"))
            action.triggered.connect(self._explain_missing)
            self._add_menu_action(action)
            self._explain_missing()
            return
        from .gui.jobs_dock import JobsDock
        from .gui.monitor import JobMonitor
        from .gui.new_job_dock import NewJobDock

        self.new_job_dock = NewJobDock(self.iface, main_window)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.new_job_dock)
        self.new_job_dock.hide()
        action.setToolTip(tr("Show or hide the Sentinel Hub Batch panel for a new job"))
        action.setCheckable(True)
        self.new_job_dock.setToggleVisibilityAction(action)
        self._add_menu_action(action)

        self.monitor = JobMonitor()
        self.monitor.start()
        self.jobs_dock = JobsDock(self.iface, self.monitor, parent=main_window)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.jobs_dock)
        main_window.tabifyDockWidget(self.new_job_dock, self.jobs_dock)
        self.jobs_dock.hide()
        jobs_action = QAction(icon, tr("Batch jobs"), main_window)
        jobs_action.setToolTip(tr("Show or hide the panel of batch jobs"))
        jobs_action.setCheckable(True)
        self.jobs_dock.setToggleVisibilityAction(jobs_action)
        self._add_menu_action(jobs_action)

        settings_action = QAction(tr("Connection settings…"), main_window)
        settings_action.triggered.connect(self.new_job_dock.open_settings)
        self._add_menu_action(settings_action)

        self.new_job_dock.job_created.connect(self.jobs_dock.add_task)
        self.new_job_dock.job_started.connect(self.jobs_dock.follow_task)
        self.new_job_dock.job_updated.connect(self.jobs_dock.task_changed_elsewhere)
        self.monitor.worker.task_updated.connect(self.new_job_dock.follow_update)
        self.new_job_dock.settings_saved.connect(self.jobs_dock.reset_connection)

        from .services.area import set_current_area_source

        set_current_area_source(self.new_job_dock.area_layer)

    def _add_menu_action(self, action: QAction) -> None:
        self.iface.addPluginToWebMenu(MENU_NAME, action)
        self.menu_actions.append(action)

    def _explain_missing(self) -> None:
        self.iface.messageBar().pushMessage(tr("Sentinel Hub Batch"), install_hint(self.missing),
                                            Qgis.MessageLevel.Critical, 0)

    def unload(self) -> None:
        """Remove everything ``initGui()`` / ``initProcessing()`` added; safe after either or both.

        The docks' background calls are cut before the monitor is joined: a monitor poll may wait for the token
        a dock's call is fetching, and would otherwise hold the unload until that request timed out.
        """
        for dock, cleanup in ((self.jobs_dock, "shutdown"), (self.new_job_dock, "cleanup")):
            if dock is not None:
                getattr(dock, cleanup)()
        if self.monitor is not None:
            self.monitor.shutdown()
            self.monitor = None
        for action in self.menu_actions:
            self.iface.removePluginWebMenu(MENU_NAME, action)
            if action is not self.toggle_dock_action:
                action.deleteLater()
        self.menu_actions = []
        if self.toggle_dock_action is not None:
            self.iface.removeWebToolBarIcon(self.toggle_dock_action)
        for dock in (self.jobs_dock, self.new_job_dock):
            if dock is not None:
                self.iface.removeDockWidget(dock)
                dock.setParent(None)
                dock.deleteLater()
        self.jobs_dock = self.new_job_dock = None
        if self.toggle_dock_action is not None:
            self.toggle_dock_action.deleteLater()
            self.toggle_dock_action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if not self.missing:
            from .services.area import set_current_area_source
            from .services.connection import TOKENS
            from .services.jobs import stop_sharing_recently_created_jobs

            set_current_area_source(None)
            TOKENS.clear()
            stop_sharing_recently_created_jobs()
        remove_translator()
        remove_log_handler()
