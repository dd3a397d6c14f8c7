"""The docks in a 1920 × 1200 QGIS window: the New job dock opens wide enough for its form, and both docks with a
log panel stacked beside them never make the window larger than the screen."""

from __future__ import annotations

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import QDockWidget, QMainWindow, QPlainTextEdit
from sentinelhub_batch.plugin.gui.jobs_dock import JobsDock
from sentinelhub_batch.plugin.gui.new_job_dock import NewJobDock

SCREEN = (1920, 1200)


@pytest.fixture
def window(qgis_iface, qgis_new_project, qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QPlainTextEdit("map"))
    window.resize(*SCREEN)
    window.show()
    yield window
    window.close()


def test_the_new_job_dock_opens_wide_enough_for_its_form(window, qgis_iface, qtbot):
    dock = NewJobDock(qgis_iface, window, preview_delay_ms=30)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.show()
    content = dock.scroll_area.widget()
    qtbot.waitUntil(lambda: dock.width() >= content.minimumSizeHint().width(), timeout=5000)
    assert dock.width() <= SCREEN[0] * 0.4
    QCoreApplication.processEvents()
    assert dock.scroll_area.horizontalScrollBar().maximum() == 0, "no part of the form is cut off"
    dock.cleanup()


def test_both_docks_and_other_panels_fit_a_1920_by_1200_window(window, qgis_iface):
    """Stacked in one dock area with the log, Layers and Browser panels, the docks leave room for QGIS's menu,
    toolbars and status bar (about 200 px): each can shrink, its content scrolls."""
    new_job = NewJobDock(qgis_iface, window, preview_delay_ms=30)
    jobs = JobsDock(qgis_iface, None, QgsProject.instance(), connection_factory=lambda key: None, parent=window)
    panels = [new_job, jobs]
    for title in ("Log Messages", "Layers", "Browser"):
        panel = QDockWidget(title, window)
        panel.setWidget(QPlainTextEdit())
        panels.append(panel)
    for dock in panels:
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.show()
    for upper, lower in zip(panels, panels[1:]):
        window.splitDockWidget(upper, lower, Qt.Orientation.Vertical)
    QCoreApplication.processEvents()

    for dock in (new_job, jobs):
        assert dock.minimumSizeHint().height() <= SCREEN[1] // 4, type(dock).__name__
    needed = window.minimumSizeHint()
    assert needed.width() <= SCREEN[0] and needed.height() <= SCREEN[1] - 200, needed
    new_job.cleanup()
    jobs.shutdown()
