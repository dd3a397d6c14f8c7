"""``list_jobs``: the account's batch jobs as a table."""

from __future__ import annotations

from typing import Any, Dict

from qgis.core import (
    QgsFeature,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...services.compat import FIELD_TYPE_DOUBLE, FIELD_TYPE_STRING, NUMBER_INTEGER, SOURCE_TABLE, WKB_NO_GEOMETRY
from ...services.jobs import JOB_SORT_ORDERS
from .base import BatchAlgorithm, fast_insert, make_fields, tr

SEARCH = "SEARCH"
SORT = "SORT"
MAX_JOBS = "MAX_JOBS"
OUTPUT = "OUTPUT"
JOB_COUNT = "JOB_COUNT"

PAGE_SIZE = 100

JOB_FIELDS = [
    ("id", FIELD_TYPE_STRING),
    ("status", FIELD_TYPE_STRING),
    ("completion", FIELD_TYPE_DOUBLE),
    ("cost_pu", FIELD_TYPE_DOUBLE),
    ("created", FIELD_TYPE_STRING),
    ("last_updated", FIELD_TYPE_STRING),
    ("description", FIELD_TYPE_STRING),
    ("summary", FIELD_TYPE_STRING),
    ("delivery_url", FIELD_TYPE_STRING),
]


def _timestamp(value: Any) -> str:
    return value.isoformat() if value is not None else ""


class ListJobsAlgorithm(BatchAlgorithm):
    algorithm_id = "list_jobs"

    def displayName(self) -> str:
        return tr("List batch jobs")

    def shortHelpString(self) -> str:
        return tr("The batch jobs of the account as a table: id, status, completion, cost, dates, description and "
                  "where the outputs go. Search matches the service's free-text search (e.g. part of a description).")

    def initAlgorithm(self, config: Any = None) -> None:
        self.addParameter(QgsProcessingParameterString(SEARCH, tr("Search"), optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            SORT, tr("Order"),
            options=[tr("Newest first"), tr("Oldest first"), tr("Status"), tr("Status (descending)")], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber(
            MAX_JOBS, tr("At most this many jobs (0: all)"), NUMBER_INTEGER, 100,
            minValue=0))
        self.add_connection_parameter()
        self.addParameter(QgsProcessingParameterFeatureSink(
            OUTPUT, tr("Batch jobs"), SOURCE_TABLE))
        self.addOutput(QgsProcessingOutputNumber(JOB_COUNT, tr("Number of jobs")))

    def perform(self, parameters: Dict[str, Any], context: QgsProcessingContext,
                feedback: QgsProcessingFeedback) -> Dict[str, Any]:
        client = self.activity.batch_client(self.connection(parameters, context))
        search = self.parameterAsString(parameters, SEARCH, context).strip() or None
        sort = JOB_SORT_ORDERS[self.parameterAsEnum(parameters, SORT, context)]
        limit = self.parameterAsInt(parameters, MAX_JOBS, context)
        fields = make_fields(JOB_FIELDS)
        sink, destination = self.feature_sink(parameters, OUTPUT, context, fields, WKB_NO_GEOMETRY)
        count = 0
        page_size = min(PAGE_SIZE, limit) if limit else PAGE_SIZE
        for task in client.iter_tasks(search=search, sort=sort, count=page_size):
            if feedback.isCanceled() or (limit and count >= limit):
                break
            feature = QgsFeature(fields)
            feature.setAttributes([task.id, task.status_text, task.completion_percentage, task.cost_pu,
                                   _timestamp(task.created), _timestamp(task.last_updated), task.description,
                                   task.status_summary(), task.delivery_url])
            sink.addFeature(feature, fast_insert())
            count += 1
            feedback.pushInfo(f"{task.id}  {task.status_summary()}  {task.description}")
        feedback.pushInfo(tr("{count} job(s).").format(count=count))
        return {OUTPUT: destination, JOB_COUNT: count}
