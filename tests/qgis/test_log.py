"""Python logging reaches the QGIS message log under the plugin's tag, with secrets masked."""

from __future__ import annotations

import logging

import pytest
from qgis.core import Qgis, QgsApplication
from sentinelhub_batch.plugin.services.log import (
    LOGGER_NAME,
    MESSAGE_LOG_TAG,
    install_log_handler,
    installed_log_handler,
    mask_secrets,
    remove_log_handler,
)


@pytest.fixture
def message_log():
    received = []

    def collect(message, tag, level):
        if tag == MESSAGE_LOG_TAG:
            received.append((message, level))

    QgsApplication.messageLog().messageReceived.connect(collect)
    install_log_handler()
    yield received
    remove_log_handler()
    QgsApplication.messageLog().messageReceived.disconnect(collect)


@pytest.mark.parametrize(
    "text, secret",
    [
        ("grant_type=client_credentials&client_id=abc&client_secret=Xy7-secret", "Xy7-secret"),
        ('{"client_secret": "Xy7 secret with spaces", "client_id": "abc"}', "Xy7 secret with spaces"),
        ("headers={'Authorization': 'Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig'}", "eyJhbGciOiJSUzI1NiJ9"),
        ("401 for token eyJhbGciOiJSUzI1NiJ9.payload.sig (Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig)", ".payload.sig)"),
        ("Authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20240101/eu-central-1/s3/aws4_request, "
         "SignedHeaders=host, Signature=0123456789abcdef0123456789abcdef", "0123456789abcdef0123"),
        ("GET /bucket/key?X-Amz-Signature=fedcba9876543210fedcba98&X-Amz-Date=20240101", "fedcba9876543210"),
        ("S3Access(access_key='AKIA', secretAccessKey='wJalrXUtnFEMI/K7MDENG')", "wJalrXUtnFEMI"),
        ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG", "wJalrXUtnFEMI"),
        ("{'access_token': 'abc.def.ghi', 'expires_in': 3600}", "abc.def.ghi"),
        ("password=hunter2", "hunter2"),
    ],
)
def test_mask_secrets_hides_credential_values(text, secret):
    masked = mask_secrets(text)
    assert secret not in masked
    assert "***" in masked


@pytest.mark.parametrize(
    "text",
    [
        "Created batch request 4c2b7a1e-0c5d-4b5e-9d0e-3f1a2b3c4d5e (status CREATED)",
        "client_id=abc token_url=https://services.sentinel-hub.com/auth/realms/main/protocol/openid-connect/token",
        "424 tiles on grid 1 at 10 m; estimated 1234.5 PU",
        "a basic request; no secret here",
    ],
)
def test_mask_secrets_leaves_ordinary_messages_alone(text):
    assert mask_secrets(text) == text


def test_records_reach_the_message_log_with_levels_and_masking(message_log):
    logger = logging.getLogger(f"{LOGGER_NAME}.core.client")
    logger.info("Fetched token for client %s", "my-client")
    logger.warning("Retrying after 429, body=%s", {"client_secret": "topsecret"})
    try:
        raise RuntimeError("token request failed: client_secret=topsecret")
    except RuntimeError:
        logger.exception("Authentication failed")

    assert len(message_log) == 3
    (info, info_level), (warning, warning_level), (error, error_level) = message_log
    assert "Fetched token for client my-client" in info and info_level == Qgis.MessageLevel.Info
    assert "Retrying after 429" in warning and warning_level == Qgis.MessageLevel.Warning
    assert "Authentication failed" in error and "RuntimeError" in error
    assert error_level == Qgis.MessageLevel.Critical
    assert not any("topsecret" in message for message, _level in message_log)


def test_debug_records_are_not_sent_by_default(message_log):
    logging.getLogger(LOGGER_NAME).debug("chatty detail")
    assert message_log == []


def test_install_is_idempotent_and_remove_restores_the_logger():
    logger = logging.getLogger(LOGGER_NAME)
    level_before, handlers_before = logger.level, list(logger.handlers)
    first = install_log_handler()
    assert install_log_handler() is first
    assert logger.handlers.count(first) == 1
    assert installed_log_handler() is first
    remove_log_handler()
    assert installed_log_handler() is None
    assert logger.handlers == handlers_before
    assert logger.level == level_before
