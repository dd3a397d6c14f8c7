"""The settings dialog's connection test checks every part it configures: Sentinel Hub and the S3 endpoint with its
keys. "Connected" alone while S3 is down is what made a job's tiles wait forever."""

from __future__ import annotations

import socket

import pytest
from scripted_server import ScriptedServer, token_endpoint
from sentinelhub_batch.plugin.gui.settings_dialog import SettingsDialog
from sentinelhub_batch.plugin.services.connection import ConnectionSettings

TOKEN_PATH = "/auth/realms/main/protocol/openid-connect/token"
S3_ERROR = ('<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{message}</Message>'
            '</Error>')
"""An S3 error answer (the XML error body the S3 REST API documents)."""


@pytest.fixture
def sentinel_hub():
    server = ScriptedServer()
    token_endpoint(server, client_id="parts-client", client_secret="parts-secret")
    server.route("GET", "/api/v2/batch/process", lambda request: {"data": [], "links": {}})
    yield server
    server.stop()


@pytest.fixture
def s3_service():
    server = ScriptedServer()
    yield server
    server.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_test(qtbot, sentinel_hub, s3_endpoint="", access_key="", secret_key=""):
    dialog = SettingsDialog(settings=ConnectionSettings())
    qtbot.addWidget(dialog)
    dialog.deployment_combo.setCurrentIndex(dialog.deployment_combo.findData("custom"))
    dialog.base_url_edit.setText(sentinel_hub.url)
    dialog.token_url_edit.setText(sentinel_hub.url + TOKEN_PATH)
    dialog.client_id_edit.setText("parts-client")
    dialog.client_secret_edit.setText("parts-secret")
    dialog.s3_endpoint_edit.setText(s3_endpoint)
    dialog.s3_access_key_edit.setText(access_key)
    dialog.s3_secret_key_edit.setText(secret_key)
    with qtbot.waitSignal(dialog.test_finished, timeout=30000) as finished:
        dialog.test_button.click()
    success, message = finished.args
    assert dialog.test_result_label.text() == message
    return success, message


def test_both_parts_work(auth_ready, qtbot, sentinel_hub, local_stack):
    success, message = run_test(qtbot, sentinel_hub, local_stack.s3_endpoint, local_stack.s3_access_key,
                                local_stack.s3_secret_key)
    assert success, message
    assert "the credentials work" in message
    assert f"S3 at {local_stack.s3_endpoint}: reachable, and the keys work." in message


def test_an_s3_endpoint_that_is_down_fails_the_test(auth_ready, qtbot, sentinel_hub):
    endpoint = f"http://127.0.0.1:{free_port()}"
    success, message = run_test(qtbot, sentinel_hub, endpoint, "AKIAPARTS", "s3-parts-secret")
    assert not success
    assert "the credentials work" in message, "the Sentinel Hub part is still reported"
    assert "S3:" in message and "could not be reached" in message
    assert "s3-parts-secret" not in message


@pytest.mark.parametrize("code, expected, passes", [
    ("SignatureDoesNotMatch", "The secret key does not match the access key", False),
    ("InvalidAccessKeyId", "does not know the access key", False),
    ("AccessDenied", "the keys are accepted", True),
])
def test_the_s3_keys_are_checked(auth_ready, qtbot, sentinel_hub, s3_service, code, expected, passes):
    s3_service.route("GET", "/", lambda request: (403, {"Content-Type": "application/xml"},
                                                  S3_ERROR.format(code=code, message="refused").encode()))
    success, message = run_test(qtbot, sentinel_hub, s3_service.url, "AKIAPARTS", "s3-parts-secret")
    assert success is passes, message
    assert expected in message
    assert s3_service.calls("GET", "/")[0].headers["Authorization"].startswith("AWS4-HMAC-SHA256 Credential=AKIAPARTS")


def test_without_s3_keys_the_test_says_what_is_missing(auth_ready, qtbot, sentinel_hub):
    success, message = run_test(qtbot, sentinel_hub)
    assert success, "nothing configured for S3 is nothing failed"
    assert "S3: no keys are set" in message
