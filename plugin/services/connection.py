"""Where the plugin connects to, and with what credentials; one access token per set of credentials.

Settings keep only the deployment, URLs and QGIS authentication config ids; the client secret and the S3 keys
stay in the QGIS authentication database (a Basic config: username = id/key, password = secret). Headless runs
(qgis_process, CI) may take everything from the environment instead.

Every BatchClient the plugin makes (docks, monitor, Processing runs in the same QGIS) takes its token from
:data:`TOKENS`, which keeps one ``TokenProvider`` per token URL, client id and secret for the plugin's lifetime:
the token endpoint is rate limited, so a token is fetched once and refreshed shortly before it expires.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Tuple

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsNetworkAccessManager, QgsSettings

from ..core.auth import TokenProvider
from ..core.client import BatchClient
from ..core.deployments import Deployment, deployment_for
from ..core.errors import InvalidRequestError
from ..core.retry import RetryPolicy
from ..core.spending import DEFAULT_BATCH_LIMIT_PU, check_limit
from ..core.transport import NetworkOptions, check_url, is_loopback_url
from .i18n import tr

SETTINGS_GROUP = "sentinelhub_batch/connection"


class CredentialsError(InvalidRequestError):
    """The credentials could not be read; the message says what to set up."""


@dataclass
class ConnectionSettings:
    """What is stored in QGIS settings: never a secret, only auth config ids."""

    deployment: str = "eu"
    base_url: str = ""
    token_url: str = ""
    auth_config_id: str = ""
    s3_auth_config_id: str = ""
    s3_endpoint: str = ""
    """Empty for AWS; ``host:port`` or a URL for other S3 services (CDSE, the local stack)."""
    s3_region: str = "eu-central-1"
    spending_limit_pu: float = DEFAULT_BATCH_LIMIT_PU
    """The most a started job may be billed (PU) unless the user raises it for one run."""

    @classmethod
    def load(cls, settings: Optional[QgsSettings] = None) -> ConnectionSettings:
        settings = settings or QgsSettings()
        values: Dict[str, Any] = {}
        for name, default in cls().__dict__.items():
            value = settings.value(f"{SETTINGS_GROUP}/{name}", default)
            values[name] = _limit_or_default(value) if isinstance(default, float) else str(value or "")
        return cls(**values)

    def save(self, settings: Optional[QgsSettings] = None) -> None:
        """Store the settings; the shared tokens of the old credentials are forgotten."""
        settings = settings or QgsSettings()
        for name, value in self.__dict__.items():
            settings.setValue(f"{SETTINGS_GROUP}/{name}", value)
        TOKENS.clear()


def _limit_or_default(value: Any) -> float:
    try:
        return check_limit(value)
    except InvalidRequestError:
        return DEFAULT_BATCH_LIMIT_PU


@dataclass
class S3Access:
    access_key: str = ""
    secret_key: str = field(default="", repr=False)
    endpoint: str = ""
    region: str = "eu-central-1"

    @property
    def endpoint_url(self) -> Optional[str]:
        """A full URL for the S3 client, checked by the core's transport rule (InsecureTransportError otherwise).

        ``host:port`` alone means https, or http for a server on this machine (the local stack).
        """
        if not self.endpoint:
            return None
        url = self.endpoint.strip()
        if "://" not in url:
            url = f"http://{url}" if is_loopback_url(f"http://{url}") else f"https://{url}"
        return check_url(url, "S3 endpoint")

    def s3_client(self, network: Optional[NetworkOptions] = None):
        from ..core.s3 import S3Client

        if not self.access_key or not self.secret_key:
            raise CredentialsError(tr("No S3 access keys are set. Add them in the connection settings (stored in "
                                      "the QGIS authentication database) or set AWS_ACCESS_KEY_ID and "
                                      "AWS_SECRET_ACCESS_KEY."))
        return S3Client(self.access_key, self.secret_key, region=self.region or "eu-central-1",
                        endpoint_url=self.endpoint_url, network=network)


TOKEN_RETRY = RetryPolicy(rate_limit_retries=3, rate_limit_total_wait=30.0, server_error_retries=2,
                          backoff_initial=1.0, backoff_max=5.0, timeout=20.0)
"""The shared token's own retries: short, since a token fetch holds up every caller of that connection."""


class TokenRegistry:
    """One ``TokenProvider`` per (token URL, client id, secret), shared by every client of the plugin.

    ``clear()`` forgets them all: when the connection settings are saved and when the plugin unloads.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._providers: Dict[Tuple[str, str, str], TokenProvider] = {}

    def provider(self, deployment: Deployment, client_id: str, client_secret: str) -> TokenProvider:
        fingerprint = hashlib.sha256(client_secret.encode()).hexdigest()
        key = (deployment.token_url, client_id, fingerprint)
        with self._lock:
            provider = self._providers.get(key)
            if provider is None:
                provider = TokenProvider(deployment.token_url, client_id, client_secret, retry=TOKEN_RETRY,
                                         timeout=TOKEN_RETRY.timeout)
                self._providers[key] = provider
            return provider

    def clear(self) -> None:
        with self._lock:
            self._providers.clear()


TOKENS = TokenRegistry()


@dataclass
class Connection:
    deployment: Deployment
    client_id: str
    client_secret: str = field(repr=False)
    s3: S3Access = field(default_factory=S3Access)
    network: NetworkOptions = field(default_factory=NetworkOptions)
    """QGIS's proxy, its exclusions and trusted CAs (``qgis_network_options()``), for the Batch client, its token
    requests and the S3 client alike."""
    spending_limit_pu: float = DEFAULT_BATCH_LIMIT_PU

    def batch_client(self, **options: Any) -> BatchClient:
        """A client with the connection's shared token (``options``: retry, sleep, on_retry)."""
        tokens = TOKENS.provider(self.deployment, self.client_id, self.client_secret)
        return BatchClient(self.deployment, self.client_id, self.client_secret, network=self.network,
                           token_provider=tokens, **options)

    def s3_client(self):
        """The S3 client of the connection's bucket keys."""
        return self.s3.s3_client(self.network)


def read_basic_credentials(auth_config_id: str, what: str) -> Tuple[str, str]:
    """Username and password of a QGIS auth config (a Basic one); ``what`` names them in messages."""
    if not auth_config_id:
        raise CredentialsError(tr("No {what} are configured. Open the connection settings and choose or create an "
                                  "authentication configuration.").format(what=what))
    manager = QgsApplication.authManager()
    config = QgsAuthMethodConfig()
    if not manager.loadAuthenticationConfig(auth_config_id, config, True) or not config.isValid(True):
        raise CredentialsError(tr("The authentication configuration '{id}' for the {what} could not be read. Check "
                                  "it exists and that the QGIS master password is set.").format(
            id=auth_config_id, what=what))
    username, password = config.config("username"), config.config("password")
    if not username or not password:
        raise CredentialsError(tr("The authentication configuration '{name}' needs both a username (the id or "
                                  "access key) and a password (the secret).").format(name=config.name()))
    return username, password


def store_basic_credentials(name: str, username: str, password: str, auth_config_id: str = "") -> str:
    """Create or update a Basic auth config and return its id (the only thing settings store)."""
    manager = QgsApplication.authManager()
    config = QgsAuthMethodConfig("Basic")
    if auth_config_id:
        config.setId(auth_config_id)
    config.setName(name)
    config.setConfig("username", username)
    config.setConfig("password", password)
    result = manager.storeAuthenticationConfig(config, bool(auth_config_id))
    # PyQGIS returns (ok, config) where the C++ API fills the config in place; accept a bare bool too.
    ok, stored = result if isinstance(result, tuple) else (result, config)
    if not ok:
        raise CredentialsError(tr("The credentials could not be saved in the QGIS authentication database. Set a "
                                  "master password (Settings → Options → Authentication) and try again."))
    return stored.id()


def qgis_network_options() -> NetworkOptions:
    """QGIS's network settings for the plugin's own HTTP clients (they use requests, not QGIS's network manager).

    The proxy of Settings → Options → Network, with its "exclude URLs" and "no proxy" lists (both reached directly:
    QGIS hands those URLs Qt's application proxy, which QGIS leaves at none); with "use system proxy" QGIS returns no
    proxy here and requests reads the same system settings (http_proxy/no_proxy, the Windows registry) itself.
    The CA certificates QGIS trusts (system, authentication database, extra file, minus those marked untrusted).
    """
    manager = QgsNetworkAccessManager.instance()
    exclusions = tuple(prefix.strip() for prefix in [*manager.excludeList(), *manager.noProxyList()] if prefix.strip())
    return NetworkOptions(qgis_proxies(), exclusions, qgis_ca_bundle())


def qgis_ca_bundle() -> Optional[str]:
    """A PEM file of the CA certificates QGIS trusts, for requests' ``verify``; None when QGIS has none to offer.

    Kept in the QGIS settings folder and rewritten only when the certificates change.
    """
    manager = QgsApplication.authManager()
    if manager is None or manager.isDisabled():
        return None
    certificates = manager.trustedCaCertsCache()
    if not certificates:
        return None
    pem = b"".join(bytes(certificate.toPem()) for certificate in certificates)
    folder = Path(QgsApplication.qgisSettingsDirPath()) / "sentinelhub_batch"
    bundle = folder / "trusted-ca.pem"
    if bundle.is_file() and hashlib.sha256(bundle.read_bytes()).digest() == hashlib.sha256(pem).digest():
        return str(bundle)
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".pem")
    with os.fdopen(handle, "wb") as file:
        file.write(pem)
    os.replace(temporary, bundle)
    return str(bundle)


def qgis_proxies() -> Dict[str, str]:
    """The proxy QGIS is configured to use, as a requests ``proxies`` mapping (empty when there is none)."""
    from qgis.PyQt.QtNetwork import QNetworkProxy

    proxy = QgsNetworkAccessManager.instance().fallbackProxy()
    if proxy.type() not in (QNetworkProxy.ProxyType.HttpProxy, QNetworkProxy.ProxyType.HttpCachingProxy) \
            or not proxy.hostName():
        return {}
    credentials = ""
    if proxy.user():
        from urllib.parse import quote

        credentials = f"{quote(proxy.user(), safe='')}:{quote(proxy.password(), safe='')}@"
    address = f"http://{credentials}{proxy.hostName()}:{proxy.port()}"
    return {"http": address, "https": address}


def connection_from_settings(settings: Optional[ConnectionSettings] = None) -> Connection:
    settings = settings or ConnectionSettings.load()
    deployment = deployment_for(settings.deployment, settings.base_url, settings.token_url)
    client_id, client_secret = read_basic_credentials(settings.auth_config_id, tr("client credentials"))
    s3 = S3Access(endpoint=settings.s3_endpoint, region=settings.s3_region or "eu-central-1")
    s3.endpoint_url  # noqa: B018 (refuses an S3 endpoint that would carry the keys in clear)
    if settings.s3_auth_config_id:
        s3.access_key, s3.secret_key = read_basic_credentials(settings.s3_auth_config_id, tr("S3 keys"))
    return Connection(deployment, client_id, client_secret, s3, qgis_network_options(), settings.spending_limit_pu)


ENVIRONMENT_HELP = ("Set SH_CLIENT_ID and SH_CLIENT_SECRET (and SH_BASE_URL/SH_TOKEN_URL or SH_DEPLOYMENT=eu|us-west|"
                    "cdse), plus AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_S3_ENDPOINT, AWS_REGION) for S3; "
                    "SH_MAX_PU sets the spending limit.")


def _variable_checked(variable: str, check: Any) -> Any:
    """``check()``, its InvalidRequestError named after the environment variable that caused it."""
    try:
        return check()
    except InvalidRequestError as error:
        raise CredentialsError(f"{variable}: {error}") from None


def _environment_deployment(env: Mapping[str, str]) -> Deployment:
    return deployment_for(env.get("SH_DEPLOYMENT", "custom" if env.get("SH_BASE_URL") else "eu"),
                          env.get("SH_BASE_URL", ""), env.get("SH_TOKEN_URL", ""))


def connection_from_environment(environ: Optional[Mapping[str, str]] = None) -> Optional[Connection]:
    """A connection from SH_* and AWS_* variables, for headless runs; None when SH_CLIENT_ID is not set."""
    env = os.environ if environ is None else environ
    if not env.get("SH_CLIENT_ID"):
        return None
    if not env.get("SH_CLIENT_SECRET"):
        raise CredentialsError(tr("SH_CLIENT_ID is set but SH_CLIENT_SECRET is not.") + " " + ENVIRONMENT_HELP)
    for variable, what in (("SH_BASE_URL", "base URL"), ("SH_TOKEN_URL", "token URL")):
        if env.get(variable):
            _variable_checked(variable, lambda variable=variable, what=what: check_url(env[variable], what))
    deployment = _environment_deployment(env)
    endpoint = env.get("AWS_S3_ENDPOINT", "")
    if endpoint and "://" not in endpoint and env.get("AWS_HTTPS", "YES").upper() in ("NO", "FALSE", "0"):
        endpoint = f"http://{endpoint}"
    s3 = S3Access(env.get("AWS_ACCESS_KEY_ID", ""), env.get("AWS_SECRET_ACCESS_KEY", ""), endpoint,
                  env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "eu-central-1")
    _variable_checked("AWS_S3_ENDPOINT", lambda: s3.endpoint_url)
    limit = DEFAULT_BATCH_LIMIT_PU
    if env.get("SH_MAX_PU"):
        limit = _variable_checked("SH_MAX_PU", lambda: check_limit(env["SH_MAX_PU"]))
    return Connection(deployment, env["SH_CLIENT_ID"], env["SH_CLIENT_SECRET"], s3, qgis_network_options(), limit)


def connection_configured() -> Tuple[bool, str]:
    """Whether an action could find credentials (environment or saved settings), without reading secrets."""
    if os.environ.get("SH_CLIENT_ID"):
        return True, ""
    if ConnectionSettings.load().auth_config_id:
        return True, ""
    return False, tr("No connection is set up. Open the connection settings and choose the client credentials.")


def configured_deployment(environ: Optional[Mapping[str, str]] = None) -> Optional[Deployment]:
    """The deployment an action would use (environment, else saved settings), read without any secret, so a dock
    can offer what it accepts; None when the settings name none that is valid."""
    env = os.environ if environ is None else environ
    try:
        if env.get("SH_CLIENT_ID"):
            return _environment_deployment(env)
        settings = ConnectionSettings.load()
        return deployment_for(settings.deployment, settings.base_url, settings.token_url)
    except InvalidRequestError:
        return None


def connection_ready_without_prompt() -> bool:
    """Whether :func:`resolve_connection` would find credentials without asking the user for anything: they come
    from the environment, or the QGIS master password was already given. For reads nobody asked for (the tiling
    grids of the service), which must not pop up a password prompt."""
    configured, _why = connection_configured()
    if not configured:
        return False
    return bool(os.environ.get("SH_CLIENT_ID")) or QgsApplication.authManager().masterPasswordIsSet()


def store_service_account_key(key_text: str, auth_config_id: str = "") -> str:
    """Keep a Google service-account key file (its JSON text) in the QGIS authentication database as a Basic
    configuration (username = the account's e-mail, password = the key) and return the configuration's id, the only
    thing settings and Processing parameters hold."""
    import json

    from ..core.batch_request import service_account_key_json

    key = service_account_key_json(key_text)
    return store_basic_credentials(tr("Google Cloud Storage key {account}").format(account=key["client_email"]),
                                   key["client_email"], json.dumps(key, separators=(",", ":")), auth_config_id)


def read_service_account_key(auth_config_id: str) -> str:
    """The JSON text of the service-account key kept by :func:`store_service_account_key` (never logged)."""
    if not auth_config_id:
        raise CredentialsError(tr("Google Cloud Storage delivery needs the service-account key of the bucket: choose "
                                  "the authentication configuration that holds it (or import the key file)."))
    _account, key = read_basic_credentials(auth_config_id, tr("Google Cloud Storage service-account key"))
    return key


def resolve_connection(auth_config_id: str = "", environ: Optional[Mapping[str, str]] = None) -> Connection:
    """The connection for an action: an explicit auth config, else the environment, else the saved settings."""
    if auth_config_id:
        settings = ConnectionSettings.load()
        settings.auth_config_id = auth_config_id
        return connection_from_settings(settings)
    from_environment = connection_from_environment(environ)
    if from_environment is not None:
        return from_environment
    return connection_from_settings()
