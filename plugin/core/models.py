"""Typed views of what the Batch v2 API returns. Unknown keys are kept, never rejected."""

from __future__ import annotations

import copy
from datetime import datetime
from enum import Enum
from typing import Any, Dict, Mapping, Optional


class TaskStatus(str, Enum):
    CREATED = "CREATED"
    ANALYSING = "ANALYSING"
    ANALYSIS_DONE = "ANALYSIS_DONE"
    PROCESSING = "PROCESSING"
    DONE = "DONE"
    FAILED = "FAILED"
    STOPPED = "STOPPED"
    UNKNOWN = "UNKNOWN"
    """A status this version of the plugin does not know; the raw text is in ``BatchTask.status_text``."""

    @classmethod
    def parse(cls, value: Any) -> TaskStatus:
        try:
            return cls(str(value).upper())
        except ValueError:
            return cls.UNKNOWN

    @property
    def is_terminal(self) -> bool:
        return self in (TaskStatus.DONE, TaskStatus.FAILED)

    @property
    def is_running(self) -> bool:
        """The service is working on it: keep polling."""
        return self in (TaskStatus.ANALYSING, TaskStatus.PROCESSING)


class StoppedReason(str, Enum):
    OUT_OF_PU = "OUT_OF_PU"
    USER_ACTION = "USER_ACTION"
    UNHEALTHY = "UNHEALTHY"

    @property
    def explanation(self) -> str:
        return {
            StoppedReason.OUT_OF_PU: "the account ran out of processing units; add PU, then start it again",
            StoppedReason.USER_ACTION: "it was stopped on request",
            StoppedReason.UNHEALTHY: "the service found it unhealthy (too many failing tiles); check the evalscript "
            "and data, then start it again",
        }[self]


class UserAction(str, Enum):
    NONE = "NONE"
    ANALYSE = "ANALYSE"
    START = "START"
    STOP = "STOP"


def parse_timestamp(value: Any) -> Optional[datetime]:
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        # Python < 3.11 rejects fractions that are not 3 or 6 digits long.
        head, _, rest = text.partition(".")
        digits = "".join(ch for ch in rest if ch.isdigit())
        zone = rest[len(digits):]
        try:
            return datetime.fromisoformat(f"{head}.{(digits + '000000')[:6]}{zone}")
        except ValueError:
            return None


class BatchTask:
    """One batch request as the service describes it; ``raw`` is the exact JSON object."""

    def __init__(self, raw: Mapping[str, Any]):
        self.raw: Dict[str, Any] = dict(raw)

    def __repr__(self) -> str:
        return f"BatchTask(id={self.id!r}, status={self.status_text!r}, completion={self.completion_percentage})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BatchTask) and other.raw == self.raw

    @property
    def id(self) -> str:
        return str(self.raw.get("id", ""))

    @property
    def status_text(self) -> str:
        return str(self.raw.get("status") or "")

    @property
    def status(self) -> TaskStatus:
        return TaskStatus.parse(self.status_text)

    @property
    def request(self) -> Dict[str, Any]:
        request = self.raw.get("request")
        return request if isinstance(request, dict) else {}

    @property
    def description(self) -> str:
        return str(self.raw.get("description") or self.request.get("description") or "")

    @property
    def error(self) -> str:
        return str(self.raw.get("error") or "")

    @property
    def completion_percentage(self) -> float:
        return _number(self.raw.get("completionPercentage"))

    @property
    def cost_pu(self) -> float:
        return _number(self.raw.get("costPU"))

    @property
    def user_action(self) -> Optional[UserAction]:
        try:
            return UserAction(self.raw.get("userAction"))
        except ValueError:
            return None

    @property
    def stopped_status_reason(self) -> Optional[StoppedReason]:
        try:
            return StoppedReason(self.raw.get("stoppedStatusReason"))
        except ValueError:
            return None

    @property
    def created(self) -> Optional[datetime]:
        return parse_timestamp(self.raw.get("created"))

    @property
    def last_updated(self) -> Optional[datetime]:
        return parse_timestamp(self.raw.get("lastUpdated"))

    @property
    def delivery_url(self) -> str:
        """The output URL or path template of the request (``output.delivery.s3.url``)."""
        delivery = self.request.get("output", {}).get("delivery", {})
        s3 = delivery.get("s3", {}) if isinstance(delivery, dict) else {}
        return str(s3.get("url", "")) if isinstance(s3, dict) else ""

    def status_summary(self) -> str:
        """One line a person can read: status, progress, and why it stopped or failed."""
        text = self.status.value if self.status is not TaskStatus.UNKNOWN else self.status_text or "?"
        if self.status is TaskStatus.PROCESSING:
            text += f" {self.completion_percentage:.0f}%"
        if self.status is TaskStatus.STOPPED and self.stopped_status_reason:
            text += f": {self.stopped_status_reason.explanation}"
        if self.status is TaskStatus.FAILED and self.error:
            text += f": {self.error}"
        return text


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


SECRET_KEYS = frozenset({"secretaccesskey", "client_secret", "clientsecret", "sessiontoken", "access_token",
                         "password", "authorization", "credentials"})
"""``credentials`` is the base64 service-account key of a Google Cloud Storage delivery (``output.delivery.gs``)."""
PARTLY_SECRET_KEYS = frozenset({"accesskey", "iamrolearn"})
MASK = "********"


def redact_secrets(value: Any) -> Any:
    """A deep copy with every secret masked, for anything shown to a person or logged."""
    if isinstance(value, Mapping):
        redacted = {}
        for key, item in value.items():
            lowered = str(key).lower()
            if lowered in SECRET_KEYS and item:
                redacted[key] = MASK
            elif lowered in PARTLY_SECRET_KEYS and isinstance(item, str) and item:
                redacted[key] = _mask_partly(item)
            else:
                redacted[key] = redact_secrets(item)
        return redacted
    if isinstance(value, list):
        return [redact_secrets(item) for item in value]
    return copy.deepcopy(value)


def _mask_partly(text: str) -> str:
    return MASK if len(text) <= 8 else f"{text[:4]}…{text[-4:]}"
