"""Connection settings dialog: secrets only in the auth database, a connection test that reports clearly."""

from __future__ import annotations

import socket

import pytest
from qgis.core import QgsSettings
from scripted_server import ScriptedServer, token_endpoint
from sentinelhub_batch.plugin.gui.settings_dialog import SettingsDialog
from sentinelhub_batch.plugin.services.connection import (
    SETTINGS_GROUP,
    ConnectionSettings,
    connection_from_settings,
    read_basic_credentials,
)

TOKEN_PATH = "/auth/realms/main/protocol/openid-connect/token"


@pytest.fixture
def server():
    server = ScriptedServer()
    token_endpoint(server, client_id="my-client", client_secret="right-secret")
    yield server
    server.stop()


def fill_custom(dialog, base_url, token_url, client_id="", secret=""):
    dialog.deployment_combo.setCurrentIndex(dialog.deployment_combo.findData("custom"))
    dialog.base_url_edit.setText(base_url)
    dialog.token_url_edit.setText(token_url)
    dialog.client_id_edit.setText(client_id)
    dialog.client_secret_edit.setText(secret)


def run_test(dialog, qtbot):
    with qtbot.waitSignal(dialog.test_finished, timeout=20000) as signal:
        dialog.test_button.click()
        assert not dialog.test_button.isEnabled(), "the test runs in the background"
    assert dialog.test_button.isEnabled()
    return signal.args


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_saving_puts_secrets_in_the_auth_database_and_only_ids_in_settings(auth_ready, qtbot):
    dialog = SettingsDialog(settings=ConnectionSettings())
    qtbot.addWidget(dialog)
    fill_custom(dialog, "http://127.0.0.1:8123", "http://127.0.0.1:8123/token", "client-abc", "top-secret-1")
    dialog.s3_access_key_edit.setText("AKIAEXAMPLE")
    dialog.s3_secret_key_edit.setText("s3-secret-2")
    dialog.s3_endpoint_edit.setText("127.0.0.1:9000")
    dialog.s3_region_edit.setText("us-east-1")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted

    stored = QgsSettings()
    values = {key: str(stored.value(f"{SETTINGS_GROUP}/{key}")) for key in ConnectionSettings().__dict__}
    assert "top-secret-1" not in repr(values) and "s3-secret-2" not in repr(values)
    assert values["deployment"] == "custom" and values["base_url"] == "http://127.0.0.1:8123"
    assert values["auth_config_id"] and values["s3_auth_config_id"]
    assert read_basic_credentials(values["auth_config_id"], "client credentials") == ("client-abc", "top-secret-1")
    assert read_basic_credentials(values["s3_auth_config_id"], "S3 keys") == ("AKIAEXAMPLE", "s3-secret-2")
    assert dialog.client_secret_edit.text() == "" and dialog.s3_secret_key_edit.text() == ""

    connection = connection_from_settings()
    assert connection.deployment.base_url == "http://127.0.0.1:8123"
    assert connection.s3.endpoint_url == "http://127.0.0.1:9000" and connection.s3.region == "us-east-1"

    # Reopening shows the configuration and the id, never the secret; a new secret updates the same config.
    again = SettingsDialog()
    qtbot.addWidget(again)
    assert again.auth_select.configId() == values["auth_config_id"]
    assert again.client_id_edit.text() == "client-abc" and again.client_secret_edit.text() == ""
    again.client_secret_edit.setText("rotated-secret")
    again.accept()
    assert ConnectionSettings.load().auth_config_id == values["auth_config_id"]
    assert connection_from_settings().client_secret == "rotated-secret"


def test_a_plain_http_remote_url_is_refused_with_a_message(auth_ready, qtbot):
    dialog = SettingsDialog(settings=ConnectionSettings())
    qtbot.addWidget(dialog)
    fill_custom(dialog, "http://example.com", "http://example.com/token", "id", "secret")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "https" in dialog.message_bar.currentItem().text()


def test_connection_test_succeeds_with_the_right_secret(auth_ready, qtbot, server):
    server.route("GET", "/api/v2/batch/process", lambda r: {"data": [], "links": {}})
    dialog = SettingsDialog(settings=ConnectionSettings())
    qtbot.addWidget(dialog)
    fill_custom(dialog, server.url, server.url + TOKEN_PATH, "my-client", "right-secret")
    success, message = run_test(dialog, qtbot)
    assert success, message
    assert "credentials work" in message
    assert server.calls("GET", "/api/v2/batch/process")


def test_connection_test_reports_a_wrong_secret(auth_ready, qtbot, server):
    dialog = SettingsDialog(settings=ConnectionSettings())
    qtbot.addWidget(dialog)
    fill_custom(dialog, server.url, server.url + TOKEN_PATH, "my-client", "wrong-secret")
    success, message = run_test(dialog, qtbot)
    assert not success
    assert "refused the client id or secret" in message
    assert "wrong-secret" not in message
    assert dialog.test_result_label.text() == message


def test_connection_test_reports_no_batch_access(auth_ready, qtbot, server):
    server.route("GET", "/api/v2/batch/process", lambda r: (403, {}, {"error": {
        "status": 403, "reason": "Forbidden", "message": "Insufficient permissions", "code": "INSUFFICIENT_PERMISSIONS"}}))
    dialog = SettingsDialog(settings=ConnectionSettings())
    qtbot.addWidget(dialog)
    fill_custom(dialog, server.url, server.url + TOKEN_PATH, "my-client", "right-secret")
    success, message = run_test(dialog, qtbot)
    assert not success
    assert "Batch Processing" in message and "Insufficient permissions" in message


def test_connection_test_reports_an_unreachable_service(auth_ready, qtbot):
    port = free_port()
    dialog = SettingsDialog(settings=ConnectionSettings())
    qtbot.addWidget(dialog)
    fill_custom(dialog, f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port}{TOKEN_PATH}", "id", "secret")
    success, message = run_test(dialog, qtbot)
    assert not success
    assert "could not be reached" in message and f"127.0.0.1:{port}" in message


def test_connection_test_without_credentials_says_what_to_set_up(auth_ready, qtbot):
    dialog = SettingsDialog(settings=ConnectionSettings())
    qtbot.addWidget(dialog)
    fill_custom(dialog, "http://127.0.0.1:1", "http://127.0.0.1:1/token")
    dialog.auth_select.setConfigId("")
    with qtbot.waitSignal(dialog.test_finished, timeout=2000) as signal:
        dialog.test_button.click()
    success, message = signal.args
    assert not success and "connection settings" in message


def test_the_spending_limit_is_set_per_connection(auth_ready, qtbot):
    from sentinelhub_batch.plugin.core.spending import DEFAULT_BATCH_LIMIT_PU

    dialog = SettingsDialog(settings=ConnectionSettings())
    qtbot.addWidget(dialog)
    assert dialog.spending_limit_spin.value() == DEFAULT_BATCH_LIMIT_PU
    fill_custom(dialog, "http://127.0.0.1:8123", "http://127.0.0.1:8123/token", "client-abc", "top-secret-1")
    dialog.spending_limit_spin.setValue(2500)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert ConnectionSettings.load().spending_limit_pu == 2500
    assert connection_from_settings().spending_limit_pu == 2500
    again = SettingsDialog()
    qtbot.addWidget(again)
    assert again.spending_limit_spin.value() == 2500
    QgsSettings().setValue(f"{SETTINGS_GROUP}/spending_limit_pu", "lots")
    assert ConnectionSettings.load().spending_limit_pu == DEFAULT_BATCH_LIMIT_PU
