"""Credentials live in the QGIS authentication database; settings keep only ids; headless runs use the environment."""

from __future__ import annotations

import pytest
from qgis.core import QgsNetworkAccessManager, QgsSettings
from qgis.PyQt.QtNetwork import QNetworkProxy
from sentinelhub_batch.plugin.core.deployments import CDSE, SENTINEL_HUB_EU
from sentinelhub_batch.plugin.services.connection import (
    SETTINGS_GROUP,
    ConnectionSettings,
    CredentialsError,
    connection_from_environment,
    connection_from_settings,
    qgis_proxies,
    store_basic_credentials,
)


def test_secrets_go_to_the_auth_database_and_settings_hold_only_ids(auth_ready):
    sh_id = store_basic_credentials("Sentinel Hub test", "my-client-id", "very-secret-value")
    s3_id = store_basic_credentials("S3 test", "AKIATEST", "s3-secret-value")
    settings = ConnectionSettings(deployment="cdse", auth_config_id=sh_id, s3_auth_config_id=s3_id,
                                  s3_endpoint="127.0.0.1:9000", s3_region="WAW3-1")
    settings.save()
    stored = QgsSettings()
    values = {key: stored.value(f"{SETTINGS_GROUP}/{key}") for key in settings.__dict__}
    assert "very-secret-value" not in repr(values) and "s3-secret-value" not in repr(values)

    connection = connection_from_settings(ConnectionSettings.load())
    assert connection.deployment == CDSE
    assert (connection.client_id, connection.client_secret) == ("my-client-id", "very-secret-value")
    assert (connection.s3.access_key, connection.s3.secret_key) == ("AKIATEST", "s3-secret-value")
    assert connection.s3.endpoint_url == "http://127.0.0.1:9000"
    assert "very-secret-value" not in repr(connection) and "s3-secret-value" not in repr(connection)

    # Updating keeps the id.
    assert store_basic_credentials("Sentinel Hub test", "my-client-id", "rotated", sh_id) == sh_id
    assert connection_from_settings(ConnectionSettings.load()).client_secret == "rotated"


def test_missing_or_unknown_auth_config_gives_a_clear_message(auth_ready):
    with pytest.raises(CredentialsError, match="connection settings"):
        connection_from_settings(ConnectionSettings(auth_config_id=""))
    with pytest.raises(CredentialsError, match="could not be read"):
        connection_from_settings(ConnectionSettings(auth_config_id="nope123"))


def test_environment_connection_for_headless_runs():
    assert connection_from_environment({}) is None
    connection = connection_from_environment({
        "SH_CLIENT_ID": "id", "SH_CLIENT_SECRET": "secret",
        "AWS_ACCESS_KEY_ID": "ak", "AWS_SECRET_ACCESS_KEY": "sk", "AWS_S3_ENDPOINT": "127.0.0.1:5000",
        "AWS_HTTPS": "NO", "AWS_REGION": "us-east-1"})
    assert connection.deployment == SENTINEL_HUB_EU
    assert connection.s3.endpoint_url == "http://127.0.0.1:5000" and connection.s3.region == "us-east-1"
    custom = connection_from_environment({"SH_CLIENT_ID": "id", "SH_CLIENT_SECRET": "s",
                                          "SH_BASE_URL": "http://127.0.0.1:8000",
                                          "SH_TOKEN_URL": "http://127.0.0.1:8000/token"})
    assert custom.deployment.base_url == "http://127.0.0.1:8000"
    with pytest.raises(CredentialsError, match="SH_CLIENT_SECRET"):
        connection_from_environment({"SH_CLIENT_ID": "id"})


def test_the_qgis_proxy_is_handed_to_the_core(qgis_app):
    manager = QgsNetworkAccessManager.instance()
    previous = manager.fallbackProxy()
    try:
        manager.setFallbackProxyAndExcludes(
            QNetworkProxy(QNetworkProxy.ProxyType.HttpProxy, "proxy.example", 3128, "user", "p@ss"), [], [])
        assert qgis_proxies() == {"http": "http://user:p%40ss@proxy.example:3128",
                                  "https": "http://user:p%40ss@proxy.example:3128"}
        manager.setFallbackProxyAndExcludes(QNetworkProxy(QNetworkProxy.ProxyType.NoProxy), [], [])
        assert qgis_proxies() == {}
    finally:
        manager.setFallbackProxyAndExcludes(previous, [], [])
