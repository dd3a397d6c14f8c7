"""The plugin loads, registers and unloads cleanly in QGIS (pytest-qgis iface, offscreen)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import List, Tuple

import pytest
import sentinelhub_batch
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QToolBar
from sentinelhub_batch.plugin import plugin as plugin_module
from sentinelhub_batch.plugin.gui.jobs_dock import DOCK_OBJECT_NAME as JOBS_DOCK_NAME
from sentinelhub_batch.plugin.gui.jobs_dock import JobsDock
from sentinelhub_batch.plugin.gui.new_job_dock import DOCK_OBJECT_NAME, NewJobDock
from sentinelhub_batch.plugin.plugin import MENU_NAME, SentinelHubBatchPlugin
from sentinelhub_batch.plugin.processing.provider import PROVIDER_ID, algorithm_classes
from sentinelhub_batch.plugin.services.log import LOGGER_NAME, MESSAGE_LOG_TAG, QgsMessageLogHandler

WEB_MENU_TITLE = "&Web"


class MessageLogRecorder:
    """Collects every message QgsMessageLog receives while connected."""

    def __init__(self) -> None:
        self.messages: List[Tuple[str, str, Qgis.MessageLevel]] = []

    def __enter__(self) -> MessageLogRecorder:
        QgsApplication.messageLog().messageReceived.connect(self._received)
        return self

    def __exit__(self, *exc_info) -> None:
        QgsApplication.messageLog().messageReceived.disconnect(self._received)

    def _received(self, message: str, tag: str, level: Qgis.MessageLevel) -> None:
        self.messages.append((message, tag, level))

    def problems(self) -> List[Tuple[str, str]]:
        return [(tag, message) for message, tag, level in self.messages
                if level in (Qgis.MessageLevel.Warning, Qgis.MessageLevel.Critical)]


@pytest.fixture
def iface(qgis_iface, monkeypatch):
    """pytest-qgis's iface with the Web menu, Web toolbar and dock areas backed by its real main window.

    The stub only records those calls; here they change real widgets as in QGIS, so the test can see what is left.
    """
    main_window = qgis_iface.mainWindow()

    def web_menu() -> QMenu:
        for action in main_window.menuBar().actions():
            if action.menu() is not None and action.menu().title() == WEB_MENU_TITLE:
                return action.menu()
        return main_window.menuBar().addMenu(WEB_MENU_TITLE)

    def plugin_submenu(name: str, create: bool):
        for action in web_menu().actions():
            if action.menu() is not None and action.menu().title() == name:
                return action.menu()
        return web_menu().addMenu(name) if create else None

    def web_toolbar() -> QToolBar:
        toolbar = main_window.findChild(QToolBar, "mWebToolBar")
        if toolbar is None:
            toolbar = main_window.addToolBar("Web Toolbar")
            toolbar.setObjectName("mWebToolBar")
        return toolbar

    def add_plugin_to_web_menu(name, action):
        plugin_submenu(name, create=True).addAction(action)

    def remove_plugin_web_menu(name, action):
        submenu = plugin_submenu(name, create=False)
        if submenu is not None:
            submenu.removeAction(action)
            if not submenu.actions():
                web_menu().removeAction(submenu.menuAction())

    monkeypatch.setattr(qgis_iface, "webMenu", web_menu, raising=False)
    monkeypatch.setattr(qgis_iface, "webToolBar", web_toolbar, raising=False)
    monkeypatch.setattr(qgis_iface, "addPluginToWebMenu", add_plugin_to_web_menu, raising=False)
    monkeypatch.setattr(qgis_iface, "removePluginWebMenu", remove_plugin_web_menu, raising=False)
    monkeypatch.setattr(qgis_iface, "addWebToolBarIcon", lambda action: web_toolbar().addAction(action), raising=False)
    monkeypatch.setattr(qgis_iface, "removeWebToolBarIcon", lambda action: web_toolbar().removeAction(action),
                        raising=False)
    monkeypatch.setattr(qgis_iface, "addDockWidget", main_window.addDockWidget, raising=False)
    monkeypatch.setattr(qgis_iface, "removeDockWidget", main_window.removeDockWidget, raising=False)
    # Dock visibility signals (which keep the toggle action in sync) fire only in a shown window, as in QGIS.
    main_window.show()
    QCoreApplication.processEvents()
    yield qgis_iface
    main_window.hide()


def _delete_later_now() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _our_handlers() -> list:
    return [handler for handler in logging.getLogger(LOGGER_NAME).handlers if isinstance(handler, QgsMessageLogHandler)]


def _web_menu_actions(iface) -> list:
    actions = []
    for action in iface.webMenu().actions():
        actions.append(action)
        if action.menu() is not None:
            actions.extend(action.menu().actions())
    return actions


def test_plugin_loads_shows_dock_and_unloads_without_leftovers(iface, qgis_app):
    registry = QgsApplication.processingRegistry()
    main_window = iface.mainWindow()
    with MessageLogRecorder() as recorder:
        plugin = sentinelhub_batch.classFactory(iface)
        assert isinstance(plugin, SentinelHubBatchPlugin)
        plugin.initGui()

        provider = registry.providerById(PROVIDER_ID)
        assert provider is not None
        assert provider.name() == "Sentinel Hub Batch"
        assert not provider.icon().isNull()
        assert len(provider.algorithms()) == len(algorithm_classes())

        action = plugin.toggle_dock_action
        assert action in _web_menu_actions(iface)
        assert [a.text() for a in _web_menu_actions(iface) if a.menu() is not None] == [MENU_NAME]
        assert action in iface.webToolBar().actions()
        assert action.text() == "Sentinel Hub Batch"
        assert not action.icon().isNull()

        docks = main_window.findChildren(QDockWidget, DOCK_OBJECT_NAME)
        assert len(docks) == 1 and isinstance(docks[0], NewJobDock)
        dock = docks[0]
        assert dock.windowTitle().startswith("Sentinel Hub Batch")
        jobs_docks = main_window.findChildren(QDockWidget, JOBS_DOCK_NAME)
        assert len(jobs_docks) == 1 and isinstance(jobs_docks[0], JobsDock)
        assert {a.text() for a in _web_menu_actions(iface)} >= {"Sentinel Hub Batch", "Batch jobs",
                                                               "Connection settings…"}
        assert main_window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
        assert not dock.isVisible() and not action.isChecked()

        action.trigger()
        assert dock.isVisible() and action.isChecked()
        action.trigger()
        assert not dock.isVisible() and not action.isChecked()
        action.trigger()
        dock.close()
        assert not dock.isVisible() and not action.isChecked()

        assert len(_our_handlers()) == 1
        logging.getLogger(f"{LOGGER_NAME}.core.client").info("token request sent, client_secret=s3cr3t-value")
        ours = [message for message, tag, _level in recorder.messages if tag == MESSAGE_LOG_TAG]
        assert any("token request sent" in message for message in ours)
        assert not any("s3cr3t-value" in message for message, _tag, _level in recorder.messages)

        plugin.unload()
        # Removed explicitly, not only as a side effect of deleting the action later.
        assert _web_menu_actions(iface) == []
        assert iface.webToolBar().actions() == []
        _delete_later_now()

    assert registry.providerById(PROVIDER_ID) is None
    assert main_window.findChildren(QDockWidget, DOCK_OBJECT_NAME) == []
    assert main_window.findChildren(QDockWidget, JOBS_DOCK_NAME) == []
    assert _our_handlers() == []
    assert recorder.problems() == []


def test_processing_only_start_as_in_qgis_process(qgis_app):
    from sentinelhub_batch.plugin.core.client import RECENTLY_CREATED

    registry = QgsApplication.processingRegistry()
    shared = Path(QgsApplication.qgisSettingsDirPath()) / "sentinelhub_batch" / "recently_created.json"
    with MessageLogRecorder() as recorder:
        plugin = sentinelhub_batch.classFactory(None)
        plugin.initProcessing()
        assert registry.providerById(PROVIDER_ID) is not None
        # Requests created by this process are known to the next qgis_process run of the profile.
        RECENTLY_CREATED.add("https://api.example.com", "job-created-here")
        assert "job-created-here" in shared.read_text(encoding="utf-8")
        plugin.unload()
    RECENTLY_CREATED.add("https://api.example.com", "job-after-unload")
    assert "job-after-unload" not in shared.read_text(encoding="utf-8")
    assert registry.providerById(PROVIDER_ID) is None
    assert _our_handlers() == []
    assert recorder.problems() == []


def test_repeated_init_registers_one_provider(iface, qgis_app):
    registry = QgsApplication.processingRegistry()
    with MessageLogRecorder() as recorder:
        plugin = sentinelhub_batch.classFactory(iface)
        plugin.initProcessing()
        plugin.initGui()
        plugin.initProcessing()
        assert [p.id() for p in registry.providers()].count(PROVIDER_ID) == 1
        assert len(_our_handlers()) == 1
        plugin.unload()
        plugin.unload()
        _delete_later_now()
    assert registry.providerById(PROVIDER_ID) is None
    assert iface.webToolBar().actions() == []
    assert recorder.problems() == []


def test_missing_packages_give_instructions_not_a_traceback(iface, qgis_app, monkeypatch):
    monkeypatch.setattr(plugin_module, "missing_requirements", lambda: ["pyproj>=3.4 (coordinate systems)"])
    shown = []
    monkeypatch.setattr(iface.messageBar(), "pushMessage", lambda *args: shown.append(args), raising=False)
    plugin = sentinelhub_batch.classFactory(iface)
    plugin.initGui()
    assert QgsApplication.processingRegistry().providerById(PROVIDER_ID) is None
    assert plugin.new_job_dock is None
    assert shown and "pip install" in shown[0][1] and "pyproj" in shown[0][1]
    plugin.toggle_dock_action.trigger()
    assert len(shown) == 2
    plugin.unload()
    _delete_later_now()
    assert _web_menu_actions(iface) == [] and iface.webToolBar().actions() == []
