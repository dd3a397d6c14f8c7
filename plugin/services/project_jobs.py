"""Tracked jobs saved in the QGIS project, so reopening a project re-attaches them.

Stored with ``QgsProject.writeEntry`` under the plugin's scope as one JSON list: job id, connection key (an auth
config id or empty for the default connection — never a secret), tile layer id and result group name.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from typing import List, Optional

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QObject, pyqtSignal

log = logging.getLogger("sentinelhub_batch")

PROJECT_SCOPE = "SentinelHubBatch"
JOBS_KEY = "tracked_jobs"


@dataclass
class TrackedJobRecord:
    task_id: str
    connection_key: str = ""
    tile_layer_id: str = ""
    result_group: str = ""
    parent_task_id: str = ""
    """For a re-run of some tiles: the job whose tile layer and results it updates."""


def read_tracked_jobs(project: QgsProject) -> List[TrackedJobRecord]:
    text, found = project.readEntry(PROJECT_SCOPE, JOBS_KEY, "")
    if not found or not text:
        return []
    try:
        items = json.loads(text)
    except ValueError:
        log.warning("The tracked jobs saved in this project cannot be read; they are ignored.")
        return []
    records = []
    known = set(TrackedJobRecord.__dataclass_fields__)
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("task_id"):
            records.append(TrackedJobRecord(**{key: str(value) for key, value in item.items() if key in known}))
    return records


def write_tracked_jobs(project: QgsProject, records: List[TrackedJobRecord]) -> None:
    text = json.dumps([asdict(record) for record in records])
    old, _ = project.readEntry(PROJECT_SCOPE, JOBS_KEY, "")
    if old != text:
        project.writeEntry(PROJECT_SCOPE, JOBS_KEY, text)


class ProjectJobs(QObject):
    """The tracked jobs of a project, kept in step with it.

    ``restored(list of TrackedJobRecord)`` after a project is read; ``cleared()`` when the project is closed
    (the dock then stops tracking that project's jobs).
    """

    restored = pyqtSignal(list)
    cleared = pyqtSignal()

    def __init__(self, project: Optional[QgsProject] = None, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.project = project or QgsProject.instance()
        self.records: List[TrackedJobRecord] = []
        self.project.readProject.connect(self._project_read)
        self.project.cleared.connect(self._project_cleared)

    def disconnect_project(self) -> None:
        try:
            self.project.readProject.disconnect(self._project_read)
            self.project.cleared.disconnect(self._project_cleared)
        except TypeError:
            pass

    def _project_read(self, *args) -> None:
        self.records = read_tracked_jobs(self.project)
        self.restored.emit(list(self.records))

    def _project_cleared(self) -> None:
        self.records = []
        self.cleared.emit()

    def get(self, task_id: str) -> Optional[TrackedJobRecord]:
        return next((record for record in self.records if record.task_id == task_id), None)

    def upsert(self, record: TrackedJobRecord) -> None:
        self.records = [item for item in self.records if item.task_id != record.task_id] + [record]
        write_tracked_jobs(self.project, self.records)

    def remove(self, task_id: str) -> None:
        self.records = [item for item in self.records if item.task_id != task_id]
        write_tracked_jobs(self.project, self.records)
