"""The S3 client: SigV4 against AWS's published examples and against moto with signature checks on."""

from __future__ import annotations

import datetime as dt
import http.server
import logging
import threading
import uuid

import fixtures_s3
import pytest
from fixtures_s3 import S3Bucket
from sentinelhub_batch.plugin.core.errors import SentinelHubBatchError
from sentinelhub_batch.plugin.core.s3 import (
    EMPTY_PAYLOAD_SHA256,
    S3Client,
    S3Error,
    S3NotFoundError,
    sign_request,
    signing_key,
)

moto_server = fixtures_s3.moto_server
s3_bucket = fixtures_s3.s3_bucket

# AWS documentation: "Signature Calculations for the Authorization Header", example "GET Object".
AWS_DOC_ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
AWS_DOC_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
# AWS documentation: "Signature Version 4 test suite" credentials.
SUITE_ACCESS_KEY = "AKIDEXAMPLE"
SUITE_SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"


# ----------------------------------------------------------------------------------------- published vectors


def test_s3_get_object_example_from_aws_documentation():
    signed = sign_request(
        "GET",
        "https://examplebucket.s3.amazonaws.com/test.txt",
        {"Range": "bytes=0-9"},
        EMPTY_PAYLOAD_SHA256,
        AWS_DOC_ACCESS_KEY,
        AWS_DOC_SECRET_KEY,
        "us-east-1",
        now=dt.datetime(2013, 5, 24, tzinfo=dt.timezone.utc),
    )
    assert signed.canonical_request == (
        "GET\n/test.txt\n\n"
        "host:examplebucket.s3.amazonaws.com\n"
        "range:bytes=0-9\n"
        "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
        "x-amz-date:20130524T000000Z\n\n"
        "host;range;x-amz-content-sha256;x-amz-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )
    assert signed.string_to_sign == (
        "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
        "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972"
    )
    assert signed.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    assert signed.headers["Authorization"] == (
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    )


def test_test_suite_get_vanilla_query_order_key_case():
    signed = sign_request(
        "GET",
        "https://example.amazonaws.com/?Param2=value2&Param1=value1",
        {},
        EMPTY_PAYLOAD_SHA256,
        SUITE_ACCESS_KEY,
        SUITE_SECRET_KEY,
        "us-east-1",
        service="service",
        now=dt.datetime(2015, 8, 30, 12, 36, tzinfo=dt.timezone.utc),
        add_content_sha256=False,
    )
    assert signed.canonical_request.split("\n")[2] == "Param1=value1&Param2=value2"
    assert signed.headers["Authorization"] == (
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        "SignedHeaders=host;x-amz-date, "
        "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"
    )


def test_signing_key_derivation_example_from_aws_documentation():
    key = signing_key(SUITE_SECRET_KEY, "20120215", "us-east-1", "iam")
    assert key.hex() == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"


def test_session_token_and_body_hash_match_botocore():
    """No published vector has a security token; botocore's S3 signer is the reference for that case."""
    botocore_auth = pytest.importorskip("botocore.auth")
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    body = b"Welcome to Amazon S3."
    url = "https://s3.eu-central-1.amazonaws.com/my.bucket/folder/a%20b%2Bc.txt"
    moment = dt.datetime(2024, 2, 29, 23, 59, 58, tzinfo=dt.timezone.utc)
    import hashlib

    body_hash = hashlib.sha256(body).hexdigest()
    ours = sign_request("PUT", url, {"Content-Type": "text/plain"}, body_hash, "AKIDEXAMPLE", "secret/key",
                        "eu-central-1", session_token="token+/=", now=moment)

    amz_date = moment.strftime("%Y%m%dT%H%M%SZ")
    request = AWSRequest(method="PUT", url=url, data=body, headers={
        "Content-Type": "text/plain", "X-Amz-Content-SHA256": body_hash, "X-Amz-Date": amz_date,
        "X-Amz-Security-Token": "token+/=",
    })
    request.context["timestamp"] = amz_date
    signer = botocore_auth.S3SigV4Auth(Credentials("AKIDEXAMPLE", "secret/key", "token+/="), "s3", "eu-central-1")
    canonical_request = signer.canonical_request(request)
    reference_signature = signer.signature(signer.string_to_sign(request, canonical_request), request)

    assert ours.headers["x-amz-security-token"] == "token+/="
    assert "x-amz-security-token" in ours.headers["Authorization"]
    assert ours.canonical_request == canonical_request
    assert ours.signature == reference_signature


# ----------------------------------------------------------------------------------------- addressing, options


def test_aws_uses_virtual_host_style_and_custom_endpoints_path_style():
    aws = S3Client("AKID", "SECRET", region="eu-west-1")
    assert aws.object_url("bucket", "a b/c+d.tif") == "https://bucket.s3.eu-west-1.amazonaws.com/a%20b/c%2Bd.tif"
    assert aws.object_url("my.bucket", "k") == "https://s3.eu-west-1.amazonaws.com/my.bucket/k"
    cdse = S3Client("AKID", "SECRET", region="waw3-1", endpoint_url="https://s3.waw3-1.cloudferro.com/")
    assert cdse.object_url("bucket", "folder/x.tif") == "https://s3.waw3-1.cloudferro.com/bucket/folder/x.tif"


def test_gdal_options_for_aws_and_for_a_custom_endpoint():
    aws = S3Client("AKID", "SECRET", region="us-west-2", session_token="TOKEN").gdal_vsi_options()
    assert aws["AWS_ACCESS_KEY_ID"] == "AKID"
    assert aws["AWS_SECRET_ACCESS_KEY"] == "SECRET"
    assert aws["AWS_SESSION_TOKEN"] == "TOKEN"
    assert aws["AWS_REGION"] == "us-west-2"
    assert aws["AWS_S3_ENDPOINT"] == "s3.us-west-2.amazonaws.com"
    assert (aws["AWS_HTTPS"], aws["AWS_VIRTUAL_HOSTING"]) == ("YES", "TRUE")
    local = S3Client("AKID", "SECRET", endpoint_url="http://127.0.0.1:9000").gdal_vsi_options()
    assert local["AWS_S3_ENDPOINT"] == "127.0.0.1:9000"
    assert (local["AWS_HTTPS"], local["AWS_VIRTUAL_HOSTING"]) == ("NO", "FALSE")
    assert "AWS_SESSION_TOKEN" not in local


def test_invalid_settings_are_refused_with_a_clear_message():
    with pytest.raises(S3Error, match="access key and secret key"):
        S3Client("", "secret")
    with pytest.raises(S3Error, match="not a web address"):
        S3Client("AKID", "secret", endpoint_url="s3.example.com")


def test_repr_does_not_show_the_secret():
    client = S3Client("AKIAVERYLONGACCESSKEY", "very-secret-value", session_token="session-secret")
    text = repr(client)
    assert "very-secret-value" not in text and "session-secret" not in text
    assert "AKIAVERYLONGACCESSKEY" not in text


# ----------------------------------------------------------------------------------------- against moto


def test_put_get_head_and_conditional_get(s3_bucket: S3Bucket):
    with s3_bucket.client() as client:
        key = "folder/a b+c=d ü.json"
        etag = client.put_object(s3_bucket.bucket, key, b'{"a": 1}', content_type="application/json")
        assert etag.strip('"')
        got = client.get_object(s3_bucket.bucket, key)
        assert got.data == b'{"a": 1}'
        assert got.etag == etag
        assert got.content_type == "application/json"
        assert client.get_object(s3_bucket.bucket, key, if_none_match=etag) is None
        assert client.get_object(s3_bucket.bucket, key, if_none_match=etag.strip('"')) is None
        client.put_object(s3_bucket.bucket, key, b'{"a": 2}')
        changed = client.get_object(s3_bucket.bucket, key, if_none_match=etag)
        assert changed is not None and changed.data == b'{"a": 2}'
        info = client.head_object(s3_bucket.bucket, key)
        assert (info.key, info.size, info.etag) == (key, 8, changed.etag)
        assert info.last_modified is not None
        assert client.head_object(s3_bucket.bucket, "folder/missing") is None


def test_missing_object_and_bucket_raise_not_found_with_a_hint(s3_bucket: S3Bucket):
    with s3_bucket.client() as client:
        with pytest.raises(S3NotFoundError) as missing_key:
            client.get_object(s3_bucket.bucket, "no/such/key")
        assert missing_key.value.code == "NoSuchKey" and missing_key.value.not_found
        assert f"s3://{s3_bucket.bucket}/no/such/key" in str(missing_key.value)
        with pytest.raises(S3NotFoundError) as missing_bucket:
            client.get_object(f"missing-{uuid.uuid4().hex[:8]}", "key")
        assert missing_bucket.value.code == "NoSuchBucket"
        assert not missing_bucket.value.not_found, "a wrong bucket name must be reported, not awaited"
        assert "Check the bucket name" in str(missing_bucket.value)
        assert isinstance(missing_bucket.value, SentinelHubBatchError)


def test_list_objects_follows_continuation_tokens_and_delimiters(s3_bucket: S3Bucket):
    with s3_bucket.client() as client:
        keys = [f"req/tile_{index:02d}/B0{index % 3}.tif" for index in range(7)] + ["req/execution.sqlite"]
        for number, key in enumerate(keys):
            client.put_object(s3_bucket.bucket, key, b"x" * number)
        client.put_object(s3_bucket.bucket, "other/file", b"")
        listed = list(client.list_objects(s3_bucket.bucket, prefix="req/", page_size=3))
        assert sorted(item.key for item in listed) == sorted(keys)
        assert {item.key: item.size for item in listed} == {key: number for number, key in enumerate(keys)}
        top = list(client.list_objects(s3_bucket.bucket, prefix="req/", delimiter="/", page_size=2))
        folders = sorted(item.key for item in top if item.is_prefix)
        files = [item.key for item in top if not item.is_prefix]
        assert folders == [f"req/tile_{index:02d}/" for index in range(7)]
        assert files == ["req/execution.sqlite"]
        assert list(client.list_objects(s3_bucket.bucket, prefix="nothing/")) == []


def test_download_streams_to_a_file_with_progress_and_can_be_cancelled(s3_bucket: S3Bucket, tmp_path, monkeypatch):
    import sentinelhub_batch.plugin.core.s3 as s3_module

    monkeypatch.setattr(s3_module, "DOWNLOAD_CHUNK_BYTES", 1000)
    payload = bytes(range(256)) * 40
    with s3_bucket.client() as client:
        client.put_object(s3_bucket.bucket, "tile/B04.tif", payload)
        target = tmp_path / "B04.tif"
        seen = []
        assert client.download_file(s3_bucket.bucket, "tile/B04.tif", str(target),
                                    progress=lambda done, total: seen.append((done, total)))
        assert target.read_bytes() == payload
        assert seen[-1] == (len(payload), len(payload))
        assert len(seen) == 11
        assert not (tmp_path / "B04.tif.part").exists()

        cancelled_target = tmp_path / "cancelled.tif"
        calls = []

        def cancel_after_two_chunks() -> bool:
            calls.append(1)
            return len(calls) > 2

        assert client.download_file(s3_bucket.bucket, "tile/B04.tif", str(cancelled_target),
                                    cancel=cancel_after_two_chunks) is False
        assert not cancelled_target.exists()
        assert not (tmp_path / "cancelled.tif.part").exists()

        with pytest.raises(S3NotFoundError):
            client.download_file(s3_bucket.bucket, "tile/missing.tif", str(tmp_path / "m.tif"))
        assert not (tmp_path / "m.tif").exists()


def test_moto_checks_our_signatures(moto_server, s3_bucket: S3Bucket, caplog):
    caplog.set_level(logging.DEBUG, logger="sentinelhub_batch")
    with s3_bucket.client() as setup:
        setup.put_object(s3_bucket.bucket, "in/data.bin", b"payload")
    with moto_server.enforced_signatures() as keys:
        good = S3Client(keys.access_key, keys.secret_key, region=s3_bucket.region,
                        endpoint_url=s3_bucket.endpoint_url)
        key = "out/ü space+plus=eq~tilde.txt"
        good.put_object(s3_bucket.bucket, key, b"signed body")
        assert good.get_object(s3_bucket.bucket, key).data == b"signed body"
        assert good.get_object(s3_bucket.bucket, "in/data.bin").data == b"payload"
        assert [item.key for item in good.list_objects(s3_bucket.bucket, prefix="out/", page_size=1)] == [key]
        assert good.head_object(s3_bucket.bucket, key).size == len(b"signed body")

        wrong_secret = S3Client(keys.access_key, "not-the-secret-" + keys.secret_key[:6],
                                region=s3_bucket.region, endpoint_url=s3_bucket.endpoint_url)
        with pytest.raises(S3Error) as mismatch:
            wrong_secret.get_object(s3_bucket.bucket, "in/data.bin")
        assert mismatch.value.code == "SignatureDoesNotMatch"
        assert mismatch.value.status == 403
        assert "check the S3 keys" in str(mismatch.value)
        assert keys.secret_key not in str(mismatch.value)

        unknown = S3Client("AKIA" + "0" * 16, keys.secret_key, region=s3_bucket.region,
                           endpoint_url=s3_bucket.endpoint_url)
        with pytest.raises(S3Error) as unknown_key:
            unknown.get_object(s3_bucket.bucket, "in/data.bin")
        assert unknown_key.value.code == "InvalidAccessKeyId"
        assert "check the S3 keys" in str(unknown_key.value)
    our_log = "\n".join(record.getMessage() for record in caplog.records if record.name == "sentinelhub_batch")
    assert "S3 GET" in our_log
    assert keys.secret_key not in our_log
    assert "Signature=" not in our_log


def test_temporary_credentials_send_the_session_token(moto_server, s3_bucket: S3Bucket):
    with s3_bucket.client() as setup:
        setup.put_object(s3_bucket.bucket, "data.bin", b"payload")
    with moto_server.enforced_signatures(temporary=True) as keys:
        with_token = S3Client(keys.access_key, keys.secret_key, region=s3_bucket.region,
                              endpoint_url=s3_bucket.endpoint_url, session_token=keys.session_token)
        assert with_token.get_object(s3_bucket.bucket, "data.bin").data == b"payload"
        without_token = S3Client(keys.access_key, keys.secret_key, region=s3_bucket.region,
                                 endpoint_url=s3_bucket.endpoint_url)
        with pytest.raises(S3Error) as refused:
            without_token.get_object(s3_bucket.bucket, "data.bin")
        assert refused.value.status == 403
        assert keys.session_token not in str(refused.value)


def test_gdal_opens_vsis3_objects_with_the_client_options(s3_bucket: S3Bucket):
    gdal = pytest.importorskip("osgeo.gdal")
    import numpy

    driver = gdal.GetDriverByName("GTiff")
    gdal.FileFromMemBuffer("/vsimem/source.tif", b"")
    dataset = driver.Create("/vsimem/source.tif", 4, 3, 1, gdal.GDT_Byte)
    dataset.GetRasterBand(1).WriteArray(numpy.arange(12, dtype=numpy.uint8).reshape(3, 4))
    dataset = None
    handle = gdal.VSIFOpenL("/vsimem/source.tif", "rb")
    gdal.VSIFSeekL(handle, 0, 2)
    size = gdal.VSIFTellL(handle)
    gdal.VSIFSeekL(handle, 0, 0)
    tiff_bytes = bytes(gdal.VSIFReadL(1, size, handle))
    gdal.VSIFCloseL(handle)
    gdal.Unlink("/vsimem/source.tif")

    with s3_bucket.client() as client:
        client.put_object(s3_bucket.bucket, "req/T1/NDVI.tif", tiff_bytes, content_type="image/tiff")
        options = client.gdal_vsi_options()
    previous = {name: gdal.GetConfigOption(name) for name in options}
    try:
        for name, value in options.items():
            gdal.SetConfigOption(name, value)
        gdal.VSICurlClearCache()
        opened = gdal.Open(f"/vsis3/{s3_bucket.bucket}/req/T1/NDVI.tif")
        assert opened is not None
        assert (opened.RasterXSize, opened.RasterYSize) == (4, 3)
        assert opened.GetRasterBand(1).ReadAsArray().tolist() == numpy.arange(12).reshape(3, 4).tolist()
        opened = None
    finally:
        for name, value in previous.items():
            gdal.SetConfigOption(name, value)
        gdal.VSICurlClearCache()


# ----------------------------------------------------------------------------------------- retries


class _ScriptedS3(http.server.BaseHTTPRequestHandler):
    """Answers each request with the next (status, body) of ``self.server.script``."""

    def do_GET(self):
        self.server.requests.append((self.path, dict(self.headers)))
        status, body = self.server.script.pop(0) if self.server.script else (200, b"ok")
        declared_length = len(body)
        if status == "cut":
            status, declared_length, body = 200, len(body), body[: len(body) // 2]
            self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Length", str(declared_length))
        self.send_header("ETag", '"abc"')
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def scripted_s3():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ScriptedS3)
    server.script = []
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def _client_for(server, **options) -> S3Client:
    host, port = server.server_address[:2]
    return S3Client("AKID", "SECRET-VALUE", endpoint_url=f"http://{host}:{port}", backoff_initial=0.001,
                    backoff_max=0.002, **options)


def test_server_errors_are_retried_then_succeed(scripted_s3):
    slow_down = b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
    scripted_s3.script = [(503, slow_down), (500, b""), (200, b"data")]
    assert _client_for(scripted_s3).get_object("bucket", "key").data == b"data"
    assert len(scripted_s3.requests) == 3
    assert all(headers["Authorization"].startswith("AWS4-HMAC-SHA256 ") for _, headers in scripted_s3.requests)


def test_a_download_cut_short_is_retried_and_never_left_half_written(scripted_s3, tmp_path):
    payload = bytes(range(200)) * 5
    scripted_s3.script = [("cut", payload), (200, payload)]
    target = tmp_path / "tile.tif"
    assert _client_for(scripted_s3).download_file("bucket", "tile.tif", str(target))
    assert target.read_bytes() == payload
    assert len(scripted_s3.requests) == 2

    scripted_s3.script = [("cut", payload)] * 3
    scripted_s3.requests.clear()
    with pytest.raises(S3Error, match=r"Downloading s3://bucket/again\.tif"):
        _client_for(scripted_s3, max_retries=2).download_file("bucket", "again.tif", str(tmp_path / "again.tif"))
    assert len(scripted_s3.requests) == 3
    assert not (tmp_path / "again.tif").exists() and not (tmp_path / "again.tif.part").exists()


def test_retries_are_bounded(scripted_s3):
    slow_down = b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
    scripted_s3.script = [(503, slow_down)] * 10
    with pytest.raises(S3Error) as failed:
        _client_for(scripted_s3, max_retries=2).get_object("bucket", "key")
    assert len(scripted_s3.requests) == 3
    assert failed.value.code == "SlowDown" and failed.value.status == 503
    assert "Please reduce your request rate" in str(failed.value)


def test_client_errors_are_not_retried_and_keep_the_s3_message(scripted_s3):
    denied = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
              b"<Message>Access Denied</Message><RequestId>1</RequestId></Error>")
    scripted_s3.script = [(403, denied)]
    with pytest.raises(S3Error) as failed:
        _client_for(scripted_s3).get_object("bucket", "key")
    assert len(scripted_s3.requests) == 1
    assert failed.value.code == "AccessDenied"
    assert "Access Denied" in str(failed.value) and "permissions" in str(failed.value)
    assert "SECRET-VALUE" not in str(failed.value)


def test_xml_with_a_doctype_is_not_parsed(scripted_s3):
    hostile = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
               b"<Error><Code>&lol;</Code><Message>&lol;</Message></Error>")
    scripted_s3.script = [(400, hostile)]
    with pytest.raises(S3Error) as failed:
        _client_for(scripted_s3).get_object("bucket", "key")
    assert failed.value.code == "BadRequest"
    assert "lol" not in str(failed.value)


def test_unreachable_endpoint_fails_after_bounded_tries():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = S3Client("AKID", "SECRET-VALUE", endpoint_url=f"http://127.0.0.1:{port}", max_retries=2,
                      backoff_initial=0.001, timeout=2)
    with pytest.raises(S3Error, match="could not be reached after 3 tries") as failed:
        client.get_object("bucket", "key")
    assert "SECRET-VALUE" not in str(failed.value)
