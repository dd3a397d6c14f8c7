"""Route Python ``logging`` of the plugin to the QGIS message log, with secrets masked.

The core logs through the ``sentinelhub_batch`` logger (and its children) and never logs secrets on purpose;
the masking filter here is defence in depth for anything that slips through, e.g. a request URL or an
exception text that carries a token.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import Any, Optional

from qgis.core import QgsApplication, QgsMessageLog

from .compat import MessageLevel

LOGGER_NAME = "sentinelhub_batch"
MESSAGE_LOG_TAG = "Sentinel Hub Batch"
MASK = "***"

_CREDENTIAL_KEYS = (
    r"client_secret|clientSecret|secret_?access_?key|secretAccessKey|aws_secret_access_key|"
    r"access_?token|accessToken|refresh_?token|session_?token|sessionToken|x-amz-security-token|"
    r"password|passwd|api_?key|apiKey|secret"
)
_SECRET_PATTERNS = (
    # Authorization headers: "Authorization: Basic dXNlcjpwYXNz", "'Authorization': 'AWS4-HMAC-SHA256 Credential=...'"
    re.compile(r"(?i)(?P<keep>\bauthorization[\"']?\s*[=:]\s*[\"']?)(?P<value>[^\"'\r\n]+)"),
    # Bearer tokens anywhere: "Bearer eyJ..."
    re.compile(r"(?i)(?P<keep>\bbearer\s+)(?P<value>[A-Za-z0-9\-._~+/]{8,}=*)"),
    # AWS SigV4 signatures in headers and presigned URLs
    re.compile(r"(?i)(?P<keep>\b(?:x-amz-)?signature\s*[=:]\s*)(?P<value>[0-9a-f]{16,})"),
    # key=value, key: value, "key": "value", 'key': 'value' (JSON, query strings, form bodies, reprs)
    re.compile(
        r"(?i)(?P<keep>[\"']?\b(?:" + _CREDENTIAL_KEYS + r")\b[\"']?\s*[=:]\s*)"
        r"(?P<value>\"[^\"]*\"|'[^']*'|[^\s&,;\"'}\])]+)"
    ),
)


def mask_secrets(text: str) -> str:
    """Return ``text`` with the values of anything that looks like a credential replaced by ``***``."""
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(_mask_match, text)
    return text


def _mask_match(match: re.Match) -> str:
    keep, value = match.group("keep"), match.group("value")
    if value[:1] in "\"'" and len(value) >= 2 and value[-1] == value[0]:
        return f"{keep}{value[0]}{MASK}{value[-1]}"
    return f"{keep}{MASK}"


class SecretMaskingFilter(logging.Filter):
    """Rewrites each record's message (and exception text) with secrets masked; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            message = str(record.msg)
        record.msg = mask_secrets(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        return True


def _message_level(levelno: int):
    if levelno >= logging.ERROR:
        return MessageLevel.Critical
    if levelno >= logging.WARNING:
        return MessageLevel.Warning
    return MessageLevel.Info


class QgsMessageLogHandler(logging.Handler):
    """Sends records to ``QgsMessageLog`` under the plugin's tag (thread safe: QgsMessageLog queues)."""

    def __init__(self, tag: str = MESSAGE_LOG_TAG, level: int = logging.NOTSET) -> None:
        super().__init__(level)
        self.tag = tag
        self.addFilter(SecretMaskingFilter())
        self.setFormatter(logging.Formatter("%(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = mask_secrets(self.format(record))
            QgsMessageLog.logMessage(text, self.tag, _message_level(record.levelno), False)
        except Exception:
            self.handleError(record)


_installed_handler: Optional[QgsMessageLogHandler] = None
_level_before_install: int = logging.NOTSET


def install_log_handler(level: int = logging.INFO) -> QgsMessageLogHandler:
    """Attach the message log handler to the ``sentinelhub_batch`` logger (once; later calls return it)."""
    global _installed_handler, _level_before_install
    logger = logging.getLogger(LOGGER_NAME)
    if _installed_handler is not None and _installed_handler in logger.handlers:
        return _installed_handler
    handler = QgsMessageLogHandler()
    logger.addHandler(handler)
    _level_before_install = logger.level
    if logger.level == logging.NOTSET or logger.level > level:
        logger.setLevel(level)
    _installed_handler = handler
    return handler


def remove_log_handler() -> None:
    """Detach the handler installed by :func:`install_log_handler` and restore the logger's level."""
    global _installed_handler
    logger = logging.getLogger(LOGGER_NAME)
    if _installed_handler is not None:
        logger.removeHandler(_installed_handler)
        _installed_handler.close()
        logger.setLevel(_level_before_install)
    _installed_handler = None


def installed_log_handler() -> Optional[QgsMessageLogHandler]:
    """The handler currently attached, if any."""
    return _installed_handler


PROCESSING_TAG = "Processing"
_console_echo: Any = None


def print_each_error_once() -> bool:
    """Under ``qgis_process``, print a failed algorithm's error once instead of three times.

    ``qgis_process`` (QGIS 3.22) echoes every Critical message-log entry to stderr, and a failing algorithm's
    error reaches the message log twice — ``QgsProcessingAlgorithm::run`` logs the exception, then
    ``QgsProcessingFeedback::reportError`` logs it again — besides the ``ERROR:`` line its console feedback prints.
    The echo is replaced by one that leaves out Critical entries tagged "Processing" (each has its ``ERROR:``
    line) and prints every other Critical entry as before. Nothing changes outside ``qgis_process``; True when the
    echo was replaced.
    """
    global _console_echo
    if QgsApplication.platform() != "qgis_process" or _console_echo is not None:
        return False
    signal = QgsApplication.messageLog().messageReceived[str, str, MessageLevel]
    try:
        signal.disconnect()
    except TypeError:  # nothing was connected: there is no echo to replace
        return False

    def echo(message: str, tag: str, level: Any) -> None:
        if level == MessageLevel.Critical and tag != PROCESSING_TAG:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()

    _console_echo = echo
    signal.connect(echo)
    return True
