"""The transport rules through the plugin's own paths, and the places a secret must never reach.

- http refusal matrix: the API, token and S3 URLs typed in the settings dialog, taken from the environment, and
  used by Processing (environment and saved settings);
- redirect capture: a Processing run and dock actions against a loopback server that answers 307 towards a second
  capture server, which must receive nothing;
- secrets (client secret, S3 secret key, access tokens) absent from QgsSettings, saved projects (.qgs and .qgz), the
  QGIS message log, Python logging, the Processing history, the Jobs dock's request JSON and "Copy as curl".
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path
from typing import Any, Dict

import pytest
from processing_support import initialise_processing
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException, QgsProject, QgsSettings
from scripted_server import token_endpoint
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.models import BatchTask
from sentinelhub_batch.plugin.gui.jobs_dock import JobsDock
from sentinelhub_batch.plugin.gui.settings_dialog import SettingsDialog
from sentinelhub_batch.plugin.services.connection import (
    SETTINGS_GROUP,
    Connection,
    ConnectionSettings,
    CredentialsError,
    S3Access,
    connection_from_environment,
    store_basic_credentials,
)

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
TOKEN_PATH = "/auth/realms/main/protocol/openid-connect/token"
TASK_ID = "0b7d8f44-2f7a-4a3b-9d3c-1c5b0e7e9a10"
REMOTE_HTTP = ["http://services.example.com", "http://10.0.0.5:9000", "http://127.0.0.1.nip.io"]
VALID_ENVIRONMENT = {"SH_CLIENT_ID": "client", "SH_CLIENT_SECRET": "client-secret-value",
                     "SH_BASE_URL": "https://api.example.com", "SH_TOKEN_URL": "https://auth.example.com/token",
                     "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "s3-secret-value",
                     "AWS_S3_ENDPOINT": "https://s3.example.com"}
CONNECTION_VARIABLES = ("SH_CLIENT_ID", "SH_CLIENT_SECRET", "SH_BASE_URL", "SH_TOKEN_URL", "SH_DEPLOYMENT",
                        "SH_MAX_PU", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_S3_ENDPOINT", "AWS_HTTPS",
                        "AWS_REGION")


@pytest.fixture
def processing(qgis_app):
    return initialise_processing()


@pytest.fixture
def environment(monkeypatch):
    """Sets the connection variables (and clears the others); returns a setter."""
    for name in CONNECTION_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    def set_all(values):
        for name, value in values.items():
            monkeypatch.setenv(name, str(value))

    return set_all


def run(processing, name, parameters):
    return processing.run(f"sentinelhub_batch:{name}", parameters)


# ----------------------------------------------------------------------------------------------- http refusals


def custom_dialog(qtbot) -> SettingsDialog:
    dialog = SettingsDialog(settings=ConnectionSettings())
    qtbot.addWidget(dialog)
    dialog.deployment_combo.setCurrentIndex(dialog.deployment_combo.findData("custom"))
    dialog.base_url_edit.setText("https://api.example.com")
    dialog.token_url_edit.setText("https://auth.example.com/token")
    return dialog


def save_button(dialog):
    return dialog.button_box.button(dialog.button_box.StandardButton.Save)


@pytest.mark.parametrize("url", REMOTE_HTTP)
@pytest.mark.parametrize("field", ["base_url_edit", "token_url_edit", "s3_endpoint_edit"])
def test_the_settings_dialog_refuses_plain_http_to_another_machine(qtbot, auth_ready, field, url):
    dialog = custom_dialog(qtbot)
    assert save_button(dialog).isEnabled() and dialog.transport_problem_label.isHidden()

    getattr(dialog, field).setText(url)

    assert not save_button(dialog).isEnabled(), "refused as typed"
    assert "plain http" in dialog.transport_problem_label.text() and url in dialog.transport_problem_label.text()
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert QgsSettings().value(f"{SETTINGS_GROUP}/deployment") is None, "nothing was saved"
    dialog.test_connection()
    assert "plain http" in dialog.test_result_label.text() and dialog.tests.pending == 0


@pytest.mark.parametrize("endpoint, url", [("127.0.0.2:9000", "http://127.0.0.2:9000"),
                                           ("localhost:9000", "http://localhost:9000"),
                                           ("s3.example.com:9000", "https://s3.example.com:9000"),
                                           ("http://[::1]:9000", "http://[::1]:9000")])
def test_loopback_http_and_https_endpoints_are_accepted(qtbot, auth_ready, endpoint, url):
    dialog = custom_dialog(qtbot)
    dialog.s3_endpoint_edit.setText(endpoint)
    assert save_button(dialog).isEnabled() and not dialog.transport_problem_label.text()
    assert S3Access(endpoint=endpoint).endpoint_url == url


@pytest.mark.parametrize("variable, value", [
    *(("SH_BASE_URL", url) for url in REMOTE_HTTP),
    *(("SH_TOKEN_URL", url + "/token") for url in REMOTE_HTTP),
    *(("AWS_S3_ENDPOINT", url) for url in REMOTE_HTTP),
])
def test_the_environment_refuses_plain_http_naming_the_variable(variable, value):
    with pytest.raises(CredentialsError) as caught:
        connection_from_environment({**VALID_ENVIRONMENT, variable: value})
    assert str(caught.value).startswith(f"{variable}: ") and "plain http" in str(caught.value)
    assert connection_from_environment(VALID_ENVIRONMENT).s3.endpoint_url == "https://s3.example.com"


def test_aws_https_no_means_http_only_for_this_machine():
    plain = {**VALID_ENVIRONMENT, "AWS_HTTPS": "NO"}
    local = connection_from_environment({**plain, "AWS_S3_ENDPOINT": "127.0.0.1:9000"})
    assert local.s3.endpoint_url == "http://127.0.0.1:9000"
    with pytest.raises(CredentialsError, match=r"AWS_S3_ENDPOINT: .*plain http"):
        connection_from_environment({**plain, "AWS_S3_ENDPOINT": "s3.example.com:9000"})


@pytest.mark.parametrize("variable", ["SH_BASE_URL", "SH_TOKEN_URL", "AWS_S3_ENDPOINT"])
def test_processing_refuses_plain_http_from_the_environment(processing, environment, variable):
    environment({**VALID_ENVIRONMENT, variable: "http://services.example.com/x"})
    with pytest.raises(QgsProcessingException) as caught:
        run(processing, "list_jobs", {"OUTPUT": "memory:"})
    assert variable in str(caught.value) and "plain http" in str(caught.value)


@pytest.mark.parametrize("name, value", [("base_url", "http://services.example.com"),
                                         ("token_url", "http://services.example.com/token"),
                                         ("s3_endpoint", "http://s3.example.com")])
def test_processing_refuses_plain_http_from_saved_settings(processing, environment, auth_ready, name, value):
    """Settings saved before the rule existed (or edited by hand) are refused when used."""
    auth_id = store_basic_credentials("security test", "client", "client-secret-value")
    settings = ConnectionSettings(deployment="custom", base_url="https://api.example.com",
                                  token_url="https://auth.example.com/token", auth_config_id=auth_id)
    setattr(settings, name, value)
    settings.save()
    with pytest.raises(QgsProcessingException, match="plain http"):
        run(processing, "list_jobs", {"AUTH_CONFIG": auth_id, "OUTPUT": "memory:"})


# ----------------------------------------------------------------------------------------------- redirects


def tutorial_job_parameters(**overrides):
    parameters = {"AREA": str(DATA / "california_crop_fields.geojson"), "GRID": 1, "RESOLUTION": 10,
                  "BUFFER_X": 50, "BUFFER_Y": 50, "EVALSCRIPT": str(DATA / "interpolation_evalscript.js"),
                  "TIME_FROM": "2020-07-01", "TIME_TO": "2020-07-30", "DELIVERY_URL": "s3://bucket/folder"}
    parameters.update(overrides)
    return parameters


def redirect_to(capture, path):
    return lambda request: (307, {"Location": capture.url + path}, "")


def test_a_processing_run_does_not_repost_the_request_with_its_s3_keys(processing, environment, servers):
    api, capture = servers
    token_endpoint(api, client_secret="client-secret-value")
    api.route("POST", "/api/v2/batch/process", redirect_to(capture, "/api/v2/batch/process"))
    environment({**VALID_ENVIRONMENT, "SH_BASE_URL": api.url, "SH_TOKEN_URL": api.url + TOKEN_PATH})

    with pytest.raises(QgsProcessingException) as caught:
        run(processing, "create_job", tutorial_job_parameters())

    assert "redirect" in str(caught.value) and capture.url in str(caught.value)
    (sent,) = api.calls("POST", "/api/v2/batch/process")
    assert sent.json()["output"]["delivery"]["s3"]["secretAccessKey"] == "s3-secret-value"
    assert capture.requests == [], "the body with the S3 secret went nowhere else"


def test_a_processing_run_does_not_send_the_client_secret_on(processing, environment, servers):
    api, capture = servers
    api.route("POST", TOKEN_PATH, redirect_to(capture, TOKEN_PATH))
    environment({**VALID_ENVIRONMENT, "SH_BASE_URL": api.url, "SH_TOKEN_URL": api.url + TOKEN_PATH})
    with pytest.raises(QgsProcessingException, match="redirect"):
        run(processing, "list_jobs", {"OUTPUT": "memory:"})
    assert len(api.calls("POST", TOKEN_PATH)) == 1 and capture.requests == []


def dock_for(api, qgis_iface, qtbot, **s3_options):
    connection = Connection(custom_deployment(api.url, api.url + TOKEN_PATH), "client", "client-secret-value",
                            S3Access("AKIDEXAMPLE", "s3-secret-value", **s3_options))
    dock = JobsDock(qgis_iface, None, QgsProject.instance(), connection_factory=lambda key: connection)
    qtbot.addWidget(dock)
    notes = []
    dock.notification.connect(lambda text, level: notes.append(text))
    return dock, notes


def test_a_dock_action_does_not_follow_a_redirect_of_the_api(qgis_iface, qgis_new_project, qtbot, servers):
    api, capture = servers
    token_endpoint(api, client_secret="client-secret-value")
    api.route("GET", f"/api/v2/batch/process/{TASK_ID}", redirect_to(capture, f"/api/v2/batch/process/{TASK_ID}"))
    dock, notes = dock_for(api, qgis_iface, qtbot)
    with qtbot.waitSignal(dock.calls.idle, timeout=20000):
        dock.open_task(TASK_ID)
    assert "redirect" in notes[-1] and capture.url in notes[-1]
    assert capture.requests == []
    dock.shutdown()


def test_loading_results_does_not_follow_a_redirect_of_s3(qgis_iface, qgis_new_project, qtbot, servers):
    api, capture = servers
    api.route("GET", "/bucket/folder/.*", redirect_to(capture, "/bucket/stolen"))
    dock, notes = dock_for(api, qgis_iface, qtbot, endpoint=api.url)
    dock.add_task(BatchTask({"id": TASK_ID, "status": "DONE", "request": {"output": {"delivery": {"s3": {
        "url": "s3://bucket/folder"}}}}}), track=False)
    with qtbot.waitSignal(dock.calls.idle, timeout=20000):
        dock.load_results()
    assert "redirect" in notes[-1]
    assert api.calls("GET", "/bucket/folder/.*") and capture.requests == []
    dock.shutdown()


# ----------------------------------------------------------------------------------------------- where secrets go


class Secrets:
    """Every secret of a run against the local stack, and what the plugin wrote or said meanwhile."""

    def __init__(self, stack):
        self.stack = stack
        self.log_lines = []
        self.message_log = []

    def values(self):
        tokens = list(self.stack.tokens._valid_until)
        assert tokens, "the run fetched tokens"
        return [self.stack.client_secret, self.stack.s3_secret_key, *tokens]

    def assert_absent(self, text, where):
        for secret in self.values():
            assert secret not in text, f"a secret reached {where}"


@pytest.fixture
def recorded(local_stack, environment, qgis_app):
    """The stack's connection in the environment; Python logging (every logger, DEBUG) and the QGIS message log
    recorded while the test runs."""
    from tools.demo import stack_environment

    environment(stack_environment(local_stack))
    secrets = Secrets(local_stack)

    class Recorder(logging.Handler):
        def emit(self, record):
            secrets.log_lines.append(self.format(record))

    handler = Recorder(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    message_log = QgsApplication.messageLog()

    def on_message(message, tag, _level):
        secrets.message_log.append(f"{tag}: {message}")

    message_log.messageReceived.connect(on_message)
    yield secrets
    message_log.messageReceived.disconnect(on_message)
    root.removeHandler(handler)
    root.setLevel(level)


def record_in_history(algorithm_id: str, parameters: Dict[str, Any], context: QgsProcessingContext) -> None:
    """What the Processing algorithm dialog records before it runs (processing/gui/AlgorithmDialog.py): the Python
    command in the profile's processing/processing.log on QGIS 3.22; from 3.24 the command, the parameters and the
    qgis_process command in the history database (QgsHistoryProviderRegistry)."""
    from qgis.gui import QgsGui

    algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    if hasattr(QgsGui, "historyProviderRegistry"):
        details = {"python_command": algorithm.asPythonCommand(parameters, context), "algorithm_id": algorithm_id,
                   "parameters": algorithm.asMap(parameters, context)}
        command, ok = algorithm.asQgisProcessCommand(parameters, context)
        if ok:
            details["process_command"] = command
        QgsGui.historyProviderRegistry().addEntry("processing", details)
    else:
        from processing.core.ProcessingLog import ProcessingLog

        ProcessingLog.addToLog(algorithm.asPythonCommand(parameters, context))


def processing_history() -> str:
    """Everything the Processing history holds, as text."""
    from qgis.gui import QgsGui

    if hasattr(QgsGui, "historyProviderRegistry"):
        return "\n".join(str(entry.entry) for entry in QgsGui.historyProviderRegistry().queryEntries())
    from processing.core.ProcessingLog import ProcessingLog

    history = Path(ProcessingLog.logFilename())
    assert history.parent == Path(QgsApplication.qgisSettingsDirPath()) / "processing"
    return history.read_text(encoding="utf-8")


def test_a_processing_job_leaves_no_secret_in_logs_or_the_processing_history(processing, local_stack, recorded,
                                                                             tmp_path):
    parameters = tutorial_job_parameters(DELIVERY_URL=f"s3://{local_stack.bucket}/secrets", MAX_PU=1000)
    context = QgsProcessingContext()
    record_in_history("sentinelhub_batch:create_job", parameters, context)
    job_id = run(processing, "create_job", parameters)["JOB_ID"]
    for name, extra in (("start_job", {}), ("wait_for_job", {"POLL_SECONDS": 0.5}),
                        ("tile_status", {"OUTPUT": str(tmp_path / "tiles.gpkg")})):
        record_in_history(f"sentinelhub_batch:{name}", {"JOB_ID": job_id, **extra}, context)
        run(processing, name, {"JOB_ID": job_id, **extra})

    history = processing_history()
    assert job_id in history
    recorded.assert_absent(history, "the Processing history")
    assert any("Created batch request" in line for line in recorded.log_lines)
    recorded.assert_absent("\n".join(recorded.log_lines), "Python logging")
    recorded.assert_absent("\n".join(recorded.message_log), "the QGIS message log")


def test_a_secret_looking_processing_parameter_is_always_an_authentication_configuration(processing):
    """Secrets reach an algorithm only through the QGIS authentication database or the environment: a parameter for
    one would be written to the Processing history and to models in clear."""
    from qgis.core import QgsProcessingParameterAuthConfig

    provider = QgsApplication.processingRegistry().providerById("sentinelhub_batch")
    for algorithm in provider.algorithms():
        for parameter in algorithm.parameterDefinitions():
            words = f"{parameter.name()} {parameter.description()}".lower()
            if any(word in words for word in ("secret", "password", "token", "credential", "access key")):
                assert isinstance(parameter, QgsProcessingParameterAuthConfig), (algorithm.id(), parameter.name())


def test_settings_projects_logs_the_request_shown_and_curl_hold_no_secret(qgis_iface, qgis_new_project, qtbot,
                                                                          local_stack, batch_client, recorded,
                                                                          tmp_path, auth_ready):
    from emulator.testing import batch_body
    from sentinelhub_batch.plugin.core.jobs import PollPolicy
    from sentinelhub_batch.plugin.gui.monitor import JobMonitor
    from tools.demo import stack_environment

    # The connection as a user sets it up: typed into the settings dialog, saved.
    dialog = SettingsDialog(settings=ConnectionSettings())
    qtbot.addWidget(dialog)
    dialog.deployment_combo.setCurrentIndex(dialog.deployment_combo.findData("custom"))
    dialog.base_url_edit.setText(local_stack.base_url)
    dialog.token_url_edit.setText(local_stack.token_url)
    dialog.client_id_edit.setText(local_stack.client_id)
    dialog.client_secret_edit.setText(local_stack.client_secret)
    dialog.s3_access_key_edit.setText(local_stack.s3_access_key)
    dialog.s3_secret_key_edit.setText(local_stack.s3_secret_key)
    dialog.s3_endpoint_edit.setText(stack_environment(local_stack)["AWS_S3_ENDPOINT"])
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted

    task = batch_client.create(batch_body(local_stack, folder="secrets-dock"))
    assert task.request["output"]["delivery"]["s3"]["secretAccessKey"] == local_stack.s3_secret_key, \
        "the service echoes the secret in the request it returns"
    monitor = JobMonitor(PollPolicy(analysing=0.05, waiting_for_user=0.1, processing_min=0.05, processing_max=0.2))
    monitor.start()
    dock = JobsDock(qgis_iface, monitor, QgsProject.instance())  # the saved connection
    qtbot.addWidget(dock)
    dock.confirm_start = lambda summary: summary.limit_pu
    try:
        dock.add_task(task)
        with qtbot.waitSignal(dock.notification, timeout=60000, check_params_cb=lambda text, _: "finished" in text):
            dock.start()
        with qtbot.waitSignal(dock.results_loaded, timeout=60000):
            dock.load_results()
        shown = dock.request_view.toPlainText()
        curl = dock.copy_api_call()
        project = QgsProject.instance()
        assert project.write(str(tmp_path / "job.qgs")) and project.write(str(tmp_path / "job.qgz"))
    finally:
        assert monitor.shutdown(5000)
        dock.shutdown()

    assert "secretAccessKey" in shown and task.id in curl
    recorded.assert_absent(shown, "the request JSON of the Jobs dock")
    recorded.assert_absent(curl, "Copy as curl")
    qgs = (tmp_path / "job.qgs").read_text(encoding="utf-8")
    assert task.id in qgs, "the project holds the tracked job"
    recorded.assert_absent(qgs, "the .qgs project")
    with zipfile.ZipFile(tmp_path / "job.qgz") as archive:
        for name in archive.namelist():
            recorded.assert_absent(archive.read(name).decode("utf-8", "replace"), f"{name} in the .qgz project")
    settings = QgsSettings()
    settings.sync()
    assert settings.value(f"{SETTINGS_GROUP}/auth_config_id")
    recorded.assert_absent(Path(settings.fileName()).read_text(encoding="utf-8", errors="replace"), "QgsSettings")
    recorded.assert_absent("\n".join(recorded.log_lines), "Python logging")
    recorded.assert_absent("\n".join(recorded.message_log), "the QGIS message log")
