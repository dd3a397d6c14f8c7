"""The plugin's HTTP clients follow QGIS's network settings: proxy, its exclusions, and the CAs QGIS trusts.

Batch API calls, token requests and S3 requests use ``requests``, not QGIS's network manager, so the connection
carries QGIS's settings over (``qgis_network_options``). Every server here is a scripted one on loopback; the
"remote" hosts (127.0.0.2/127.0.0.3, port 9) have nothing listening, so only the proxy can answer for them.
"""

from __future__ import annotations

import datetime
import ssl
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsNetworkAccessManager
from qgis.PyQt.QtNetwork import QNetworkProxy, QSslCertificate
from scripted_server import ScriptedServer, token_endpoint
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.errors import ConnectionFailedError
from sentinelhub_batch.plugin.core.retry import RetryPolicy
from sentinelhub_batch.plugin.services.connection import Connection, S3Access, qgis_network_options

FAST = RetryPolicy(backoff_initial=0.01, backoff_max=0.05, not_found_after_create=5.0, timeout=5.0)
TASK_ID = "0b7d8f44-2f7a-4a3b-9d3c-1c5b0e7e9a10"
TOKEN_PATH = "/auth/realms/main/protocol/openid-connect/token"
UNREACHABLE_API = "http://127.0.0.2:9"
UNREACHABLE_S3 = "http://127.0.0.3:9"


def task_answer(_request):
    return {"id": TASK_ID, "status": "CREATED", "request": {"description": "d"}, "created": "2026-11-25T06:00:00Z"}


@pytest.fixture
def servers():
    started = []

    def start(**options) -> ScriptedServer:
        server = ScriptedServer(**options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def qgis_proxy(qgis_app):
    """Set QGIS's proxy (as Settings → Options → Network does) for one test, then restore the previous one."""
    manager = QgsNetworkAccessManager.instance()
    previous = (manager.fallbackProxy(), manager.excludeList(), manager.noProxyList())

    def set_proxy(proxy_url: str, excludes=(), no_proxy=()):
        port = int(proxy_url.rsplit(":", 1)[1])
        manager.setFallbackProxyAndExcludes(QNetworkProxy(QNetworkProxy.ProxyType.HttpProxy, "127.0.0.1", port),
                                            list(excludes), list(no_proxy))

    yield set_proxy
    manager.setFallbackProxyAndExcludes(*previous)


def s3_access(endpoint: str) -> S3Access:
    return S3Access("AKIATEST", "s3-secret", endpoint, "us-east-1")


@pytest.mark.parametrize("list_name", ["excludes", "no_proxy"])
def test_the_proxy_carries_api_and_s3_requests_and_excluded_urls_go_direct(servers, qgis_proxy, list_name):
    proxy = servers()
    proxy.route("GET", f"/api/v2/batch/process/{TASK_ID}", task_answer)
    proxy.route("GET", "/results/tile.tif", lambda _request: (200, {"ETag": '"e1"'}, b"tile bytes"))
    token_service = servers()
    issued = token_endpoint(token_service)
    direct_s3 = servers()
    direct_s3.route("GET", "/results/direct.tif", lambda _request: (200, {"ETag": '"e2"'}, b"direct bytes"))
    qgis_proxy(proxy.url, **{list_name: [token_service.url, direct_s3.url + "/"]})

    network = qgis_network_options()
    assert network.proxies == {"http": proxy.url, "https": proxy.url}
    deployment = custom_deployment(UNREACHABLE_API, token_service.url + TOKEN_PATH)
    connection = Connection(deployment, "client", "secret", s3_access(UNREACHABLE_S3), network)

    with connection.batch_client(retry=FAST) as client:
        assert client.get(TASK_ID).id == TASK_ID
    assert issued == ["token-1"]
    assert [request.path for request in token_service.requests] == [TOKEN_PATH]  # direct: excluded
    assert [(request.method, request.path) for request in proxy.requests] == [
        ("GET", f"/api/v2/batch/process/{TASK_ID}")]
    assert proxy.requests[0].headers["Host"] == "127.0.0.2:9"

    with connection.s3_client() as s3:
        assert s3.get_object("results", "tile.tif").data == b"tile bytes"
    assert proxy.requests[-1].headers["Host"] == "127.0.0.3:9"
    excluded = Connection(deployment, "client", "secret", s3_access(direct_s3.url), network)
    with excluded.s3_client() as s3:
        assert s3.get_object("results", "direct.tif").data == b"direct bytes"
    assert len(proxy.requests) == 2 and len(direct_s3.requests) == 1


# ---------------------------------------------------------------------------------------------------------------
# CA certificates from the QGIS authentication database


def _certificate_authority(folder: Path):
    """A private CA and a certificate it signs for 127.0.0.1, as a corporate PKI would issue: (CA PEM, context)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Corp test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
          .not_valid_after(now + datetime.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    server_key = ec.generate_private_key(ec.SECP256R1())
    import ipaddress

    server = (x509.CertificateBuilder()
              .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
              .issuer_name(ca_name).public_key(server_key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
              .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                             critical=False)
              .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
              .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
              .sign(ca_key, hashes.SHA256()))
    chain = folder / "server.pem"
    chain.write_bytes(server.public_bytes(serialization.Encoding.PEM) + server_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(chain)
    return ca.public_bytes(serialization.Encoding.PEM), context


def test_the_cas_of_the_qgis_authentication_database_are_trusted(servers, tmp_path, auth_ready):
    ca_pem, tls = _certificate_authority(tmp_path)
    service = servers(tls=tls)
    service.route("GET", f"/api/v2/batch/process/{TASK_ID}", task_answer)
    service.route("GET", "/results/tile.tif", lambda _request: (200, {"ETag": '"e1"'}, b"tile bytes"))
    issued = token_endpoint(service)
    deployment = custom_deployment(service.url, service.url + TOKEN_PATH)

    def connection() -> Connection:
        return Connection(deployment, "client", "secret", s3_access(service.url), qgis_network_options())

    # the CA is not trusted yet: the token request fails
    with pytest.raises(ConnectionFailedError), connection().batch_client(retry=FAST) as client:
        client.get(TASK_ID)
    assert issued == []

    manager = QgsApplication.authManager()
    certificate = QSslCertificate(ca_pem)
    assert manager.storeCertAuthority(certificate)
    manager.rebuildCaCertsCache()
    manager.rebuildTrustedCaCertsCache()
    try:
        trusted = connection()
        assert trusted.network.ca_bundle and ca_pem.strip() in Path(trusted.network.ca_bundle).read_bytes()
        with trusted.batch_client(retry=FAST) as client:
            assert client.get(TASK_ID).id == TASK_ID
        assert issued == ["token-1"]
        with trusted.s3_client() as s3:
            assert s3.get_object("results", "tile.tif").data == b"tile bytes"
    finally:
        manager.removeCertAuthority(certificate)
        manager.rebuildCaCertsCache()
        manager.rebuildTrustedCaCertsCache()
    assert ca_pem.strip() not in Path(qgis_network_options().ca_bundle).read_bytes()
