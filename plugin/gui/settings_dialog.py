"""The connection settings dialog: deployment, credentials in the QGIS auth database, S3 access, a connection test.

Secrets typed here go straight into a QGIS authentication configuration (Basic: username = id/key, password =
secret); ``QgsSettings`` receive only the configuration ids. The test checks every part the dialog configures —
Sentinel Hub (token and batch access) and the S3 endpoint with its keys — as a background task, so the dialog never
freezes, and reports each in plain words (wrong secret, unreachable, no batch access, keys refused).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, List, Optional, Tuple

from qgis.core import Qgis, QgsApplication, QgsAuthMethodConfig
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QWidget

from ..core.deployments import DEPLOYMENTS, deployment_for
from ..core.errors import InvalidRequestError
from ..core.retry import RetryPolicy
from ..core.s3 import S3Client, S3Error
from ..services.connection import (
    Connection,
    ConnectionSettings,
    CredentialsError,
    S3Access,
    qgis_network_options,
    read_basic_credentials,
    store_basic_credentials,
)
from ..services.i18n import tr
from ..services.messages import describe_failure
from ..services.tasks import Activity, BackgroundTasks, TaskCancelledError
from .forms import load_form

log = logging.getLogger("sentinelhub_batch.gui")

FORM_CLASS, _ = load_form("settings_dialog.ui")

CUSTOM_DEPLOYMENT = "custom"
TEST_RETRY_POLICY = RetryPolicy(rate_limit_retries=2, rate_limit_total_wait=10.0, server_error_retries=1,
                                backoff_initial=0.5, backoff_max=2.0, timeout=15.0)
"""A connection test answers within seconds: few retries, short timeouts."""
TEST_S3_RETRIES = 1
OK_COLOUR, NOTE_COLOUR, FAILED_COLOUR = "#1a7f37", "#8a5a00", "#c62828"


def check_connection(client: object, connection: Connection) -> str:
    """List one batch request with ``client`` (which gets a token first); the message says what works. Raises the
    core's errors."""
    tasks, _next_page = client.list_page(count=1)  # type: ignore[attr-defined]
    if tasks:
        return tr("Connected to {name}: the credentials work and batch requests can be listed.").format(
            name=connection.deployment.name)
    return tr("Connected to {name}: the credentials work and batch access is enabled (no batch requests yet)."
              ).format(name=connection.deployment.name)


def check_s3(client: S3Client, connection: Connection) -> str:
    """Reach the S3 endpoint with the keys (ListBuckets); the message says what works. Raises S3Error when the
    endpoint cannot be reached or refuses the keys."""
    where = connection.s3.endpoint_url or tr("AWS ({region})").format(region=client.region)
    try:
        client.list_buckets()
    except S3Error as error:
        if error.code != "AccessDenied":
            raise
        return tr("S3 at {where}: the keys are accepted (they may not list all buckets, which the plugin does not "
                  "need).").format(where=where)
    return tr("S3 at {where}: reachable, and the keys work.").format(where=where)


@dataclass
class CheckOutcome:
    """One part of the connection test: ``ok`` False when it failed, None for a note (nothing to check)."""

    ok: Optional[bool]
    text: str


def check_every_part(activity: Activity, connection: Connection) -> List[CheckOutcome]:
    """Sentinel Hub (token, batch access), then S3 (endpoint, keys): each part's outcome, failures included."""
    base_url = connection.deployment.base_url
    outcomes = []
    try:
        client = activity.batch_client(connection, retry=TEST_RETRY_POLICY)
        outcomes.append(CheckOutcome(True, check_connection(client, connection)))
    except TaskCancelledError:
        raise
    except Exception as error:  # every failure is reported as text, with the S3 part still tested
        outcomes.append(CheckOutcome(False, describe_failure(error, tr("The connection test"), base_url)))
    s3 = connection.s3
    if not s3.access_key or not s3.secret_key:
        outcomes.append(CheckOutcome(None, tr("S3: no keys are set, so the tiles of running jobs and their results "
                                             "cannot be read from the bucket. Add the S3 keys here.")))
        return outcomes
    try:
        s3_client = activity.opened(S3Client(s3.access_key, s3.secret_key, region=s3.region,
                                             endpoint_url=s3.endpoint_url, network=connection.network,
                                             timeout=TEST_RETRY_POLICY.timeout, max_retries=TEST_S3_RETRIES))
        outcomes.append(CheckOutcome(True, check_s3(s3_client, connection)))
    except TaskCancelledError:
        raise
    except Exception as error:
        outcomes.append(CheckOutcome(False, tr("S3: {problem}").format(problem=describe_failure(error))))
    return outcomes


def _typed_pair(username_edit: QLineEdit, password_edit: QLineEdit, missing_username: str
                ) -> Optional[Tuple[str, str]]:
    """(username, password) when a password is typed; a typed password without username is an error."""
    username, password = username_edit.text().strip(), password_edit.text()
    if password and not username:
        raise CredentialsError(missing_username)
    return (username, password) if password else None


class SettingsDialog(QDialog, FORM_CLASS):
    """Edit :class:`ConnectionSettings`; ``Save`` stores typed secrets in the auth database, ids in settings."""

    test_finished = pyqtSignal(bool, str)
    """(success, message) after each connection test."""

    def __init__(self, parent: Optional[QWidget] = None, settings: Optional[ConnectionSettings] = None):
        super().__init__(parent)
        self.setupUi(self)
        self.settings = settings or ConnectionSettings.load()
        self.tests = BackgroundTasks(self)
        for key, deployment in DEPLOYMENTS.items():
            self.deployment_combo.addItem(deployment.name, key)
        self.deployment_combo.addItem(tr("Custom URLs"), CUSTOM_DEPLOYMENT)
        self.deployment_combo.currentIndexChanged.connect(self._deployment_changed)
        self.auth_select.selectedConfigIdChanged.connect(
            lambda config_id: self._show_username(config_id, self.client_id_edit))
        self.s3_auth_select.selectedConfigIdChanged.connect(
            lambda config_id: self._show_username(config_id, self.s3_access_key_edit))
        self.test_button.clicked.connect(self.test_connection)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        self._show_settings(self.settings)
        for edit in (self.base_url_edit, self.token_url_edit, self.s3_endpoint_edit):
            edit.textChanged.connect(lambda _text: self.check_transport())
        self.check_transport()

    def _show_settings(self, settings: ConnectionSettings) -> None:
        key = settings.deployment if settings.deployment in (*DEPLOYMENTS, CUSTOM_DEPLOYMENT) else "eu"
        self.deployment_combo.setCurrentIndex(max(0, self.deployment_combo.findData(key)))
        if key == CUSTOM_DEPLOYMENT:
            self.base_url_edit.setText(settings.base_url)
            self.token_url_edit.setText(settings.token_url)
        self._deployment_changed()
        self.auth_select.setConfigId(settings.auth_config_id)
        self.s3_auth_select.setConfigId(settings.s3_auth_config_id)
        self._show_username(settings.auth_config_id, self.client_id_edit)
        self._show_username(settings.s3_auth_config_id, self.s3_access_key_edit)
        self.s3_endpoint_edit.setText(settings.s3_endpoint)
        self.s3_region_edit.setText(settings.s3_region)
        self.spending_limit_spin.setValue(settings.spending_limit_pu)

    def _deployment_changed(self) -> None:
        key = self.deployment_combo.currentData()
        custom = key == CUSTOM_DEPLOYMENT
        for edit in (self.base_url_edit, self.token_url_edit):
            edit.setReadOnly(not custom)
        if not custom:
            deployment = DEPLOYMENTS[key]
            self.base_url_edit.setText(deployment.base_url)
            self.token_url_edit.setText(deployment.token_url)

    @staticmethod
    def _show_username(config_id: str, edit: QLineEdit) -> None:
        """Show the id/access key of the chosen configuration (never its secret)."""
        if not config_id:
            return
        config = QgsAuthMethodConfig()
        if QgsApplication.authManager().loadAuthenticationConfig(config_id, config, True):
            edit.setText(config.config("username"))

    # --- reading the form ------------------------------------------------------------------------------

    def settings_from_form(self) -> ConnectionSettings:
        """The settings as shown (no secret in them). Raises InvalidRequestError for URLs the transport rules
        refuse (``core.transport``: https only, plain http for this machine alone)."""
        key = self.deployment_combo.currentData()
        custom = key == CUSTOM_DEPLOYMENT
        base_url = self.base_url_edit.text().strip() if custom else ""
        token_url = self.token_url_edit.text().strip() if custom else ""
        deployment_for(key, base_url, token_url)
        s3_endpoint = self.s3_endpoint_edit.text().strip()
        S3Access(endpoint=s3_endpoint).endpoint_url  # noqa: B018 (raises for an endpoint that would leak the keys)
        return ConnectionSettings(
            deployment=key, base_url=base_url, token_url=token_url,
            auth_config_id=self.auth_select.configId(), s3_auth_config_id=self.s3_auth_select.configId(),
            s3_endpoint=s3_endpoint, s3_region=self.s3_region_edit.text().strip() or "eu-central-1",
            spending_limit_pu=float(self.spending_limit_spin.value()),
        )

    def check_transport(self) -> bool:
        """Check the URLs as typed: a refused one is named under the form and Save is disabled until it is fixed."""
        try:
            self.settings_from_form()
            problem = ""
        except InvalidRequestError as error:
            problem = str(error)
        self.transport_problem_label.setStyleSheet("color: #c62828;" if problem else "")
        self.transport_problem_label.setText(problem)
        self.transport_problem_label.setVisible(bool(problem))
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)
        return not problem

    def _typed_client_credentials(self) -> Optional[Tuple[str, str]]:
        return _typed_pair(self.client_id_edit, self.client_secret_edit,
                           tr("Enter the client id that belongs to the secret."))

    def _typed_s3_keys(self) -> Optional[Tuple[str, str]]:
        return _typed_pair(self.s3_access_key_edit, self.s3_secret_key_edit,
                           tr("Enter the S3 access key that belongs to the secret key."))

    def connection_from_form(self) -> Connection:
        """A connection with what the form shows: typed secrets first, else the chosen auth configurations."""
        settings = self.settings_from_form()
        deployment = deployment_for(settings.deployment, settings.base_url, settings.token_url)
        typed = self._typed_client_credentials()
        client_id, client_secret = typed or read_basic_credentials(settings.auth_config_id, tr("client credentials"))
        s3 = S3Access(endpoint=settings.s3_endpoint, region=settings.s3_region)
        typed_s3 = self._typed_s3_keys()
        if typed_s3:
            s3.access_key, s3.secret_key = typed_s3
        elif settings.s3_auth_config_id:
            s3.access_key, s3.secret_key = read_basic_credentials(settings.s3_auth_config_id, tr("S3 keys"))
        return Connection(deployment, client_id, client_secret, s3, qgis_network_options())

    # --- actions ---------------------------------------------------------------------------------------

    def store_typed_secrets(self) -> None:
        """Move typed secrets into the auth database (updating the chosen configuration) and clear the fields."""
        typed = self._typed_client_credentials()
        if typed:
            config_id = store_basic_credentials(tr("Sentinel Hub {id}").format(id=typed[0]), typed[0], typed[1],
                                                self.auth_select.configId())
            self.auth_select.setConfigId(config_id)
            self.client_secret_edit.clear()
        typed_s3 = self._typed_s3_keys()
        if typed_s3:
            config_id = store_basic_credentials(tr("S3 {key}").format(key=typed_s3[0]), typed_s3[0], typed_s3[1],
                                                self.s3_auth_select.configId())
            self.s3_auth_select.setConfigId(config_id)
            self.s3_secret_key_edit.clear()

    def accept(self) -> None:
        try:
            self.settings_from_form()
            self.store_typed_secrets()
            settings = self.settings_from_form()
        except InvalidRequestError as error:
            self.message_bar.pushMessage(tr("Not saved"), str(error), Qgis.MessageLevel.Warning, 0)
            return
        settings.save()
        self.settings = settings
        log.info("Connection settings saved (deployment %s)", settings.deployment)
        super().accept()

    def test_connection(self) -> None:
        if self.tests.pending:
            return
        try:
            connection = self.connection_from_form()
        except InvalidRequestError as error:
            self._show_test_result(False, str(error))
            return
        self.test_button.setEnabled(False)
        self.test_result_label.setStyleSheet("")
        self.test_result_label.setText(tr("Testing {url}…").format(url=connection.deployment.base_url))

        def done(outcomes: Any, error: Optional[BaseException]) -> None:
            self.test_button.setEnabled(True)
            if error is not None:  # cancelled, or a failure outside the parts
                self._show_test_result(False, describe_failure(error, tr("The connection test")))
                return
            failed = [outcome.text for outcome in outcomes if outcome.ok is False]
            if failed:
                log.warning("Connection test failed: %s", " ".join(failed))
            notes = any(outcome.ok is None for outcome in outcomes)
            self._show_test_result(not failed, "\n".join(outcome.text for outcome in outcomes), notes)

        self.tests.run(tr("Sentinel Hub Batch: connection test"),
                       lambda activity: check_every_part(activity, connection), done)

    def _show_test_result(self, success: bool, message: str, notes: bool = False) -> None:
        colour = (NOTE_COLOUR if notes else OK_COLOUR) if success else FAILED_COLOUR
        self.test_result_label.setStyleSheet(f"color: {colour};")
        self.test_result_label.setText(message)
        self.test_finished.emit(success, message)

    def done(self, result: int) -> None:
        self.tests.cancel_all()
        super().done(result)
