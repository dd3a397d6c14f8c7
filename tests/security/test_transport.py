"""Transport rules for every credential the plugin sends: https only (loopback exempt), no redirects followed with
credentials, and no process-wide switches (plugin/core/transport.py)."""

from __future__ import annotations

import os

import pytest
from scripted_server import token_endpoint
from sentinelhub_batch.plugin.core.client import BatchClient
from sentinelhub_batch.plugin.core.deployments import custom_deployment
from sentinelhub_batch.plugin.core.errors import InvalidRequestError
from sentinelhub_batch.plugin.core.retry import RetryPolicy
from sentinelhub_batch.plugin.core.s3 import S3Client, S3Error
from sentinelhub_batch.plugin.core.transport import RedirectRefusedError, check_url

TOKEN_PATH = "/auth/realms/main/protocol/openid-connect/token"
TASK_ID = "0b7d8f44-2f7a-4a3b-9d3c-1c5b0e7e9a10"
FAST = RetryPolicy(backoff_initial=0.01, backoff_max=0.05, server_error_retries=1, timeout=5.0)

REFUSED_URLS = [
    "http://services.sentinel-hub.com",
    "http://10.0.0.1:9000",
    "http://192.168.1.20",
    "http://localhost.example.com",
    "http://127.0.0.1.nip.io",
    "ftp://127.0.0.1/x",
    "services.sentinel-hub.com",
    "",
]
ALLOWED_URLS = ["https://services.sentinel-hub.com", "https://10.0.0.1:9000", "http://127.0.0.1:9",
                "http://127.4.5.6:8000", "http://localhost:8080", "http://[::1]:9"]


def client_for(server, secret="secret") -> BatchClient:
    return BatchClient(custom_deployment(server.url, server.url + TOKEN_PATH), "client", secret, retry=FAST)


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_plain_http_to_another_machine_is_refused_for_api_token_and_s3(url):
    with pytest.raises(InvalidRequestError):
        custom_deployment(url, "https://auth.example.com/token")
    with pytest.raises(InvalidRequestError):
        custom_deployment("https://api.example.com", url)
    with pytest.raises(S3Error):
        S3Client("AKID", "secret-key", endpoint_url=url or "s3")


@pytest.mark.parametrize("url", ALLOWED_URLS)
def test_https_and_loopback_http_are_accepted_everywhere(url):
    assert check_url(url + "/", "base URL") == url
    custom_deployment(url, url + TOKEN_PATH)
    with S3Client("AKID", "secret-key", endpoint_url=url) as s3:
        assert s3.endpoint_url == url


def test_a_redirect_of_the_token_request_does_not_send_the_secret_on(servers):
    api, capture = servers
    api.route("POST", TOKEN_PATH, lambda r: (307, {"Location": capture.url + "/steal"}, ""))
    with client_for(api, secret="distinct-client-secret") as client, pytest.raises(RedirectRefusedError) as caught:
        client.get(TASK_ID)
    assert capture.requests == []
    assert len(api.calls("POST", TOKEN_PATH)) == 1
    assert "redirect" in str(caught.value) and capture.url in str(caught.value)
    assert "distinct-client-secret" not in str(caught.value)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_of_the_batch_api_does_not_repost_the_request_with_its_keys(servers, status):
    api, capture = servers
    token_endpoint(api)
    api.route("POST", "/api/v2/batch/process", lambda r: (status, {"Location": capture.url + "/api/v2/batch/process"},
                                                          ""))
    body = {"output": {"delivery": {"s3": {"url": "s3://b/f", "accessKey": "AKID",
                                           "secretAccessKey": "very-secret-key"}}}}
    with client_for(api) as client, pytest.raises(RedirectRefusedError):
        client.create(body)
    assert capture.requests == []
    assert len(api.calls("POST", "/api/v2/batch/process")) == 1


def test_a_redirect_to_a_remote_plain_http_host_is_not_followed(servers):
    api, _ = servers
    token_endpoint(api)
    api.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: (302, {"Location": "http://example.com/x"}, ""))
    with client_for(api) as client, pytest.raises(RedirectRefusedError, match=r"example\.com"):
        client.get(TASK_ID)


def test_a_redirect_of_an_s3_request_is_not_followed_with_the_signature(servers):
    api, capture = servers
    api.route("GET", "/bucket/key.tif", lambda r: (307, {"Location": capture.url + "/bucket/key.tif"}, ""))
    with S3Client("AKID", "secret-key", endpoint_url=api.url) as s3, pytest.raises(S3Error, match="redirect"):
        s3.get_object("bucket", "key.tif")
    assert capture.requests == []


def test_the_process_api_follows_the_same_rules(servers):
    api, capture = servers
    token_endpoint(api)
    api.route("POST", "/api/v1/process", lambda r: (307, {"Location": capture.url + "/api/v1/process"}, ""))
    with client_for(api) as client, pytest.raises(RedirectRefusedError):
        client.post_raw(client.deployment.process_url(), json={"input": {}})
    assert capture.requests == []


def test_a_loopback_token_request_changes_no_process_wide_setting(servers, monkeypatch):
    """The old client set OAUTHLIB_INSECURE_TRANSPORT for every thread of QGIS while it fetched a token."""
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT", raising=False)
    api, _ = servers
    issued = token_endpoint(api)
    seen_during_the_call = []
    original = api.answer

    def answer(recorded):
        seen_during_the_call.append(dict(os.environ))
        return original(recorded)

    api.answer = answer
    api.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: {"id": TASK_ID, "status": "CREATED"})
    environment_before = dict(os.environ)
    with client_for(api) as client:
        client.get(TASK_ID)
    assert issued == ["token-1"]
    assert all(seen == environment_before for seen in seen_during_the_call)
    assert dict(os.environ) == environment_before


def test_a_netrc_entry_never_replaces_the_bearer_token(servers, tmp_path, monkeypatch):
    api, _ = servers
    token_endpoint(api)
    api.route("GET", f"/api/v2/batch/process/{TASK_ID}", lambda r: {"id": TASK_ID, "status": "CREATED"})
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login someone password other-secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    with client_for(api) as client:
        client.get(TASK_ID)
    (call,) = api.calls("GET", f"/api/v2/batch/process/{TASK_ID}")
    assert call.headers["Authorization"] == "Bearer token-1"
