"""A small S3 client over ``requests`` with AWS Signature Version 4.

Users' QGIS installations do not ship boto3, and the plugin only needs a handful of calls on the bucket the
batch results are delivered to: read the request copy, the feature manifest and the execution database, list
and download outputs, and upload a GeoPackage of features to re-run. Everything here follows the public AWS
documentation of SigV4 (canonical request, string to sign, derived signing key) and of the S3 REST API.

Secrets (the secret key and the session token) never appear in logs, exception texts or ``repr``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import logging
import os
import random
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import parse_qsl, quote, urlsplit

import requests

from .errors import SentinelHubBatchError
from .transport import InsecureTransportError, NetworkOptions, RedirectRefusedError, check_url, new_session

log = logging.getLogger("sentinelhub_batch")

EMPTY_PAYLOAD_SHA256 = hashlib.sha256(b"").hexdigest()
SIGNING_ALGORITHM = "AWS4-HMAC-SHA256"
S3_XML_NAMESPACE = "{http://s3.amazonaws.com/doc/2006-03-01/}"
RETRYABLE_STATUSES = frozenset({500, 502, 503, 504})
DOWNLOAD_CHUNK_BYTES = 1024 * 1024


class S3Error(SentinelHubBatchError):
    """An S3 call failed. ``code`` is the S3 error code (e.g. ``NoSuchKey``) when the server sent one."""

    def __init__(
        self,
        message: str,
        status: Optional[int] = None,
        code: Optional[str] = None,
        bucket: Optional[str] = None,
        key: Optional[str] = None,
    ):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.bucket = bucket
        self.key = key

    @property
    def not_found(self) -> bool:
        """The object does not exist (yet). False for a missing bucket, which is a settings problem to report."""
        return (self.status == 404 or self.code == "NoSuchKey") and self.code != "NoSuchBucket"


class S3NotFoundError(S3Error):
    """HTTP 404: the object or the bucket does not exist (``code`` tells which, ``not_found`` is the object)."""


@dataclass(frozen=True)
class S3Object:
    data: bytes
    etag: str
    """As S3 sends it, with the surrounding double quotes; pass it back as ``if_none_match``."""
    content_type: Optional[str] = None
    last_modified: Optional[dt.datetime] = None


@dataclass(frozen=True)
class S3ObjectInfo:
    key: str
    size: int
    etag: str
    last_modified: Optional[dt.datetime] = None
    is_prefix: bool = False
    """True for a "folder" (a common prefix) listed because a ``delimiter`` was given."""


# --------------------------------------------------------------------------------------------------- signing


def uri_encode(text: str, keep_slash: bool = False) -> str:
    """Percent-encode everything but the unreserved characters ``A-Z a-z 0-9 - _ . ~`` (UTF-8, upper-case hex)."""
    return quote(text, safe="-_.~/" if keep_slash else "-_.~")


def signing_key(secret_key: str, date: str, region: str, service: str) -> bytes:
    """``HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")``."""
    key = _hmac(("AWS4" + secret_key).encode("utf-8"), date)
    key = _hmac(key, region)
    key = _hmac(key, service)
    return _hmac(key, "aws4_request")


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def canonical_query_string(query: Sequence[Tuple[str, str]]) -> str:
    encoded = sorted((uri_encode(name), uri_encode(value)) for name, value in query)
    return "&".join(f"{name}={value}" for name, value in encoded)


def _canonical_header_value(value: str) -> str:
    return " ".join(str(value).strip().split())


@dataclass(frozen=True)
class SignedRequest:
    headers: Dict[str, str]
    """Every header to send, ``Authorization`` included."""
    canonical_request: str
    string_to_sign: str
    signature: str


def sign_request(
    method: str,
    url: str,
    headers: Mapping[str, str],
    payload_sha256: str,
    access_key: str,
    secret_key: str,
    region: str,
    service: str = "s3",
    session_token: Optional[str] = None,
    now: Optional[dt.datetime] = None,
    add_content_sha256: bool = True,
) -> SignedRequest:
    """Sign one request with SigV4 and return the headers to send.

    ``url`` must already be percent-encoded the way it is sent (S3 paths are encoded once, not twice).
    ``Host`` and ``x-amz-date`` are added when missing; ``x-amz-content-sha256`` (S3 wants it) unless
    ``add_content_sha256`` is false; ``x-amz-security-token`` when a session token is given. Every header
    passed in is signed.
    """
    parts = urlsplit(url)
    moment = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    amz_date = moment.strftime("%Y%m%dT%H%M%SZ")
    date = amz_date[:8]

    to_send: Dict[str, str] = {}
    lower_names = {name.lower() for name in headers}
    if "host" not in lower_names:
        to_send["Host"] = _host_header(parts.scheme, parts.hostname or "", parts.port)
    if "x-amz-date" not in lower_names:
        to_send["x-amz-date"] = amz_date
    else:
        amz_date = next(value for name, value in headers.items() if name.lower() == "x-amz-date")
        date = amz_date[:8]
    if add_content_sha256 and "x-amz-content-sha256" not in lower_names:
        to_send["x-amz-content-sha256"] = payload_sha256
    if session_token and "x-amz-security-token" not in lower_names:
        to_send["x-amz-security-token"] = session_token
    to_send.update(headers)

    canonical_headers = sorted((name.lower(), _canonical_header_value(value)) for name, value in to_send.items())
    signed_header_names = ";".join(name for name, _ in canonical_headers)
    canonical_request = "\n".join(
        [
            method.upper(),
            parts.path or "/",
            canonical_query_string(parse_qsl(parts.query, keep_blank_values=True)),
            "".join(f"{name}:{value}\n" for name, value in canonical_headers),
            signed_header_names,
            payload_sha256,
        ]
    )
    scope = f"{date}/{region}/{service}/aws4_request"
    string_to_sign = "\n".join(
        [SIGNING_ALGORITHM, amz_date, scope, hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()]
    )
    signature = hmac.new(
        signing_key(secret_key, date, region, service), string_to_sign.encode("utf-8"), hashlib.sha256
    ).hexdigest()
    to_send["Authorization"] = (
        f"{SIGNING_ALGORITHM} Credential={access_key}/{scope}, SignedHeaders={signed_header_names}, "
        f"Signature={signature}"
    )
    return SignedRequest(to_send, canonical_request, string_to_sign, signature)


def _host_header(scheme: str, hostname: str, port: Optional[int]) -> str:
    default_port = {"http": 80, "https": 443}.get(scheme)
    if ":" in hostname:
        hostname = f"[{hostname}]"
    return hostname if port is None or port == default_port else f"{hostname}:{port}"


# --------------------------------------------------------------------------------------------------- errors

_HINTS = {
    "NoSuchBucket": "The bucket does not exist at this endpoint. Check the bucket name, the region and the endpoint.",
    "NoSuchKey": "The object does not exist (yet).",
    "AccessDenied": "These S3 keys may not do this on the bucket. Check the keys' permissions and the bucket policy.",
    "AllAccessDisabled": "Access to the bucket is disabled. Check the bucket's settings.",
    "SignatureDoesNotMatch": "The secret key does not match the access key: check the S3 keys.",
    "InvalidAccessKeyId": "This S3 service does not know the access key: check the S3 keys and the endpoint.",
    "AuthorizationHeaderMalformed": "The region does not match the bucket's: check the S3 region.",
    "PermanentRedirect": "The bucket is in another region or endpoint: check the S3 region and endpoint.",
    "IllegalLocationConstraintException": "The bucket is in another region: check the S3 region.",
    "ExpiredToken": "The temporary session token has expired: get new temporary credentials.",
    "InvalidToken": "The session token is not valid: check the temporary credentials.",
    "TokenRefreshRequired": "The session token has expired: get new temporary credentials.",
    "RequestTimeTooSkewed": "The computer's clock is too far from the server's: correct the system clock.",
    "SlowDown": "The S3 service asks to slow down; try again in a moment.",
    "InternalError": "The S3 service failed; try again later.",
    "ServiceUnavailable": "The S3 service is not available right now; try again later.",
}

_STATUS_CODES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "AccessDenied",
    404: "NotFound",
    409: "Conflict",
    412: "PreconditionFailed",
    416: "InvalidRange",
    500: "InternalError",
    503: "ServiceUnavailable",
}


def _parse_xml(body: bytes) -> Optional[ElementTree.Element]:
    """Parse an S3 XML answer. Documents with a DTD are refused, so entity expansion cannot happen."""
    if not body or b"<!DOCTYPE" in body.upper() or b"<!ENTITY" in body.upper():
        return None
    try:
        return ElementTree.fromstring(body)  # noqa: S314 - no DTD can reach the parser (checked above)
    except ElementTree.ParseError:
        return None


def _child_text(element: ElementTree.Element, name: str) -> Optional[str]:
    child = element.find(S3_XML_NAMESPACE + name)
    if child is None:
        child = element.find(name)
    return child.text if child is not None else None


def error_from_response(response: requests.Response, operation: str, bucket: str, key: str = "") -> S3Error:
    """Turn an S3 error answer into an :class:`S3Error` with the XML ``Code``/``Message`` and a hint."""
    status = response.status_code
    code: Optional[str] = None
    server_message: Optional[str] = None
    root = _parse_xml(response.content or b"")
    if root is not None and root.tag.rsplit("}", 1)[-1] == "Error":
        code = _child_text(root, "Code")
        server_message = _child_text(root, "Message")
    if code is None:
        code = "NoSuchKey" if status == 404 and key else ("NoSuchBucket" if status == 404 else None)
        code = code or _STATUS_CODES.get(status)
    text = f"S3 {operation} of {_where(bucket, key)} failed with HTTP {status}"
    if code:
        text += f" ({code})"
    if server_message:
        text += f": {server_message.strip()}"
    text = text.rstrip(".") + "."
    hint = _HINTS.get(code or "")
    if hint is None and status in RETRYABLE_STATUSES:
        hint = "The S3 service failed; try again later."
    if hint:
        text += " " + hint
    error_type = S3NotFoundError if status == 404 else S3Error
    return error_type(text, status=status, code=code, bucket=bucket, key=key or None)


def _where(bucket: str, key: str = "") -> str:
    """What a call addressed, for messages: an object, a bucket, or the service itself (no bucket)."""
    if not bucket:
        return "the S3 service"
    return f"s3://{bucket}/{key}" if key else f"s3://{bucket}"


def _parse_timestamp(text: Optional[str]) -> Optional[dt.datetime]:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------------------------------- client


def check_s3_endpoint(endpoint_url: str) -> str:
    """The endpoint if signed requests and results may travel to it (https; plain http only on this machine)."""
    try:
        return check_url(endpoint_url, "S3 endpoint")
    except InsecureTransportError as error:
        raise S3Error(f"{error} Leave the endpoint empty for AWS.") from None


class S3Client:
    """Signed calls to one S3 service with one set of keys.

    With no ``endpoint_url`` the client talks to AWS (``https://<bucket>.s3.<region>.amazonaws.com``,
    virtual-host style; path style for bucket names with dots, which TLS certificates do not cover).
    With an ``endpoint_url`` (a local S3, CDSE ``https://eodata.dataspace.copernicus.eu``,
    ``https://s3.waw3-1.cloudferro.com``, MinIO ...) it uses path style: ``<endpoint>/<bucket>/<key>``.
    5xx answers and dropped connections are retried a bounded number of times with backoff.
    """

    def __init__(
        self,
        access_key: str,
        secret_key: str,
        region: str = "eu-central-1",
        endpoint_url: Optional[str] = None,
        session_token: Optional[str] = None,
        network: Optional[NetworkOptions] = None,
        timeout: float = 30,
        max_retries: int = 4,
        backoff_initial: float = 0.5,
        backoff_max: float = 8.0,
    ):
        if not access_key or not secret_key:
            raise S3Error("S3 access key and secret key are both needed. Enter them in the S3 settings.")
        self.access_key = access_key
        self._secret_key = secret_key
        self._session_token = session_token or None
        self.region = region or "us-east-1"
        self.endpoint_url = check_s3_endpoint(endpoint_url) if endpoint_url else None
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self._session = new_session("S3 service", network)

    def __repr__(self) -> str:
        where = self.endpoint_url or f"AWS {self.region}"
        return f"S3Client(access_key={_masked(self.access_key)!r}, endpoint={where!r})"

    def close(self) -> None:
        self._session.close()

    def abort(self, message: str = "") -> None:
        """End the client from any thread: a transfer in flight fails at once, later calls too."""
        self._session.abort(message)

    def __enter__(self) -> S3Client:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    # -- addressing

    def object_url(self, bucket: str, key: str = "") -> str:
        """The URL of an object (or of the bucket when ``key`` is empty), percent-encoded as it is signed."""
        if not bucket:
            raise S3Error("No S3 bucket name was given.")
        encoded_key = uri_encode(key, keep_slash=True)
        if self.endpoint_url:
            return f"{self.endpoint_url}/{bucket}/{encoded_key}" if key else f"{self.endpoint_url}/{bucket}"
        if "." in bucket:
            return f"https://s3.{self.region}.amazonaws.com/{bucket}/{encoded_key}"
        return f"https://{bucket}.s3.{self.region}.amazonaws.com/{encoded_key}"

    def service_url(self) -> str:
        """The URL of the service itself (ListBuckets): the endpoint, or the region's AWS endpoint."""
        return f"{self.endpoint_url}/" if self.endpoint_url else f"https://s3.{self.region}.amazonaws.com/"

    def _bucket_url(self, bucket: str) -> str:
        url = self.object_url(bucket)
        return url if self.endpoint_url or "." in bucket else url + "/"

    # -- requests

    def _send(
        self,
        method: str,
        url: str,
        operation: str,
        bucket: str,
        key: str = "",
        params: Sequence[Tuple[str, str]] = (),
        headers: Optional[Mapping[str, str]] = None,
        data: bytes = b"",
        stream: bool = False,
        ok_statuses: Sequence[int] = (200,),
    ) -> requests.Response:
        if params:
            url = url + "?" + "&".join(f"{uri_encode(name)}={uri_encode(value)}" for name, value in params)
        payload_sha256 = hashlib.sha256(data).hexdigest() if data else EMPTY_PAYLOAD_SHA256
        failures = 0
        while True:
            signed = sign_request(
                method,
                url,
                dict(headers or {}),
                payload_sha256,
                self.access_key,
                self._secret_key,
                self.region,
                session_token=self._session_token,
            )
            try:
                response = self._session.request(
                    method, url, headers=signed.headers, data=data or None, timeout=self.timeout, stream=stream
                )
            except RedirectRefusedError as exc:
                raise S3Error(f"S3 {operation} of {_where(bucket, key)} failed: {exc}", status=exc.status,
                              code="Redirect", bucket=bucket, key=key or None) from None
            except (requests.ConnectionError, requests.Timeout) as exc:
                failures += 1
                reason = type(exc).__name__
                if failures > self.max_retries:
                    raise S3Error(
                        f"S3 {operation} of {_where(bucket, key)} failed: the S3 service could not be reached "
                        f"after {failures} tries ({reason}). Check the endpoint, the network and the proxy "
                        "settings.",
                        bucket=bucket,
                        key=key or None,
                    ) from None
                log.debug("S3 %s %s/%s: %s, retrying", method, bucket, key, reason)
                self._wait(failures)
                continue
            log.debug("S3 %s %s/%s -> %s", method, bucket, key, response.status_code)
            if response.status_code in ok_statuses:
                return response
            if response.status_code in RETRYABLE_STATUSES and failures < self.max_retries:
                failures += 1
                response.close()
                self._wait(failures)
                continue
            error = error_from_response(response, operation, bucket, key)
            response.close()
            raise error

    def _wait(self, failures: int) -> None:
        delay = min(self.backoff_max, self.backoff_initial * 2 ** (failures - 1))
        time.sleep(delay * random.uniform(0.8, 1.0))

    # -- operations

    def get_object(self, bucket: str, key: str, if_none_match: Optional[str] = None) -> Optional[S3Object]:
        """The object's bytes, or None when ``if_none_match`` is its current ETag (HTTP 304, not modified)."""
        headers = {}
        if if_none_match:
            headers["If-None-Match"] = _quoted_etag(if_none_match)
        response = self._send(
            "GET", self.object_url(bucket, key), "GET", bucket, key, headers=headers, ok_statuses=(200, 304)
        )
        if response.status_code == 304:
            return None
        return S3Object(
            data=response.content,
            etag=response.headers.get("ETag", ""),
            content_type=response.headers.get("Content-Type"),
            last_modified=_parse_timestamp(response.headers.get("Last-Modified")),
        )

    def head_object(self, bucket: str, key: str) -> Optional[S3ObjectInfo]:
        """Size, ETag and date of an object, or None when it does not exist."""
        try:
            response = self._send("HEAD", self.object_url(bucket, key), "HEAD", bucket, key)
        except S3Error as error:
            if error.status == 404:
                return None
            raise
        return S3ObjectInfo(
            key=key,
            size=int(response.headers.get("Content-Length", 0)),
            etag=response.headers.get("ETag", ""),
            last_modified=_parse_timestamp(response.headers.get("Last-Modified")),
        )

    def put_object(
        self, bucket: str, key: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> str:
        """Upload ``data`` to ``key`` and return the new ETag."""
        response = self._send(
            "PUT",
            self.object_url(bucket, key),
            "PUT",
            bucket,
            key,
            headers={"Content-Type": content_type},
            data=bytes(data),
        )
        return response.headers.get("ETag", "")

    def list_buckets(self) -> List[str]:
        """The names of the buckets these keys may list (ListBuckets). Keys without that permission get an
        S3Error with code ``AccessDenied``: the service still accepted them (a wrong key or secret has other codes)."""
        response = self._send("GET", self.service_url(), "ListBuckets", "")
        root = _parse_xml(response.content)
        if root is None:
            raise S3Error("S3 ListBuckets answered something that is not an S3 listing. Check the S3 endpoint.")
        return [_child_text(item, "Name") or "" for item in root.iter(S3_XML_NAMESPACE + "Bucket")]

    def create_bucket(self, bucket: str) -> None:
        """Create a bucket in this client's region (used by the local stack and tests)."""
        body = b""
        if self.region != "us-east-1":
            body = (
                '<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
                f"<LocationConstraint>{self.region}</LocationConstraint></CreateBucketConfiguration>"
            ).encode()
        self._send("PUT", self._bucket_url(bucket), "CreateBucket", bucket, data=body)

    def list_objects(
        self, bucket: str, prefix: str = "", delimiter: Optional[str] = None, page_size: int = 1000
    ) -> Iterator[S3ObjectInfo]:
        """Every object under ``prefix`` (ListObjectsV2, following continuation tokens).

        With a ``delimiter`` (usually ``/``) the "folders" directly under the prefix come as
        :class:`S3ObjectInfo` with ``is_prefix=True``.
        """
        token: Optional[str] = None
        while True:
            params: List[Tuple[str, str]] = [("list-type", "2"), ("max-keys", str(page_size))]
            if prefix:
                params.append(("prefix", prefix))
            if delimiter:
                params.append(("delimiter", delimiter))
            if token:
                params.append(("continuation-token", token))
            response = self._send("GET", self._bucket_url(bucket), "ListObjectsV2", bucket, params=params)
            root = _parse_xml(response.content)
            if root is None:
                raise S3Error(
                    f"S3 ListObjectsV2 of s3://{bucket}/{prefix} answered something that is not an S3 listing. "
                    "Check the S3 endpoint.",
                    bucket=bucket,
                )
            for item in root.iter(S3_XML_NAMESPACE + "Contents"):
                yield S3ObjectInfo(
                    key=_child_text(item, "Key") or "",
                    size=int(_child_text(item, "Size") or 0),
                    etag=_child_text(item, "ETag") or "",
                    last_modified=_parse_timestamp(_child_text(item, "LastModified")),
                )
            for item in root.iter(S3_XML_NAMESPACE + "CommonPrefixes"):
                yield S3ObjectInfo(key=_child_text(item, "Prefix") or "", size=0, etag="", is_prefix=True)
            truncated = (_child_text(root, "IsTruncated") or "").strip().lower() == "true"
            token = _child_text(root, "NextContinuationToken")
            if not truncated or not token:
                return

    def download_file(
        self,
        bucket: str,
        key: str,
        path: str,
        progress: Optional[Callable[[int, Optional[int]], None]] = None,
        cancel: Optional[Callable[[], bool]] = None,
    ) -> bool:
        """Stream an object to ``path``; return False (and leave no file) when ``cancel()`` turned true.

        The data goes to ``path + ".part"`` first and is renamed when complete, so a file at ``path`` is always
        whole. ``progress(bytes_done, total_bytes_or_None)`` is called after each chunk.
        """
        partial = path + ".part"
        failures = 0
        while True:
            response = self._send("GET", self.object_url(bucket, key), "GET", bucket, key, stream=True)
            total = response.headers.get("Content-Length")
            total_bytes = int(total) if total and total.isdigit() else None
            done = 0
            try:
                with open(partial, "wb") as output:
                    for chunk in response.iter_content(DOWNLOAD_CHUNK_BYTES):
                        if cancel is not None and cancel():
                            output.close()
                            _remove_quietly(partial)
                            return False
                        output.write(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, total_bytes)
            except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as exc:
                _remove_quietly(partial)
                failures += 1
                if failures > self.max_retries:
                    raise S3Error(
                        f"Downloading s3://{bucket}/{key} kept failing ({type(exc).__name__}) after {failures} "
                        "tries. Check the network connection and try again.",
                        bucket=bucket,
                        key=key,
                    ) from None
                self._wait(failures)
                continue
            except BaseException:
                _remove_quietly(partial)
                raise
            finally:
                response.close()
            if total_bytes is not None and done != total_bytes:
                _remove_quietly(partial)
                failures += 1
                if failures > self.max_retries:
                    raise S3Error(
                        f"Downloading s3://{bucket}/{key} stopped after {done} of {total_bytes} bytes, "
                        f"{failures} times. Try again later.",
                        bucket=bucket,
                        key=key,
                    )
                self._wait(failures)
                continue
            os.replace(partial, path)
            return True

    # -- GDAL

    def gdal_vsi_options(self) -> Dict[str, str]:
        """GDAL configuration options that let GDAL open ``/vsis3/<bucket>/<key>`` with the same settings.

        The values include the secret key: apply them (``gdal.SetConfigOption`` or, better,
        ``gdal.SetPathSpecificOption``) and never log or display them.
        """
        options = {
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self._secret_key,
            "AWS_REGION": self.region,
            "AWS_NO_SIGN_REQUEST": "NO",
        }
        if self._session_token:
            options["AWS_SESSION_TOKEN"] = self._session_token
        if self.endpoint_url:
            parts = urlsplit(self.endpoint_url)
            options["AWS_S3_ENDPOINT"] = parts.netloc + parts.path.rstrip("/")
            options["AWS_HTTPS"] = "YES" if parts.scheme == "https" else "NO"
            options["AWS_VIRTUAL_HOSTING"] = "FALSE"
        else:
            options["AWS_S3_ENDPOINT"] = f"s3.{self.region}.amazonaws.com"
            options["AWS_HTTPS"] = "YES"
            options["AWS_VIRTUAL_HOSTING"] = "TRUE"
        return options


def _quoted_etag(etag: str) -> str:
    etag = etag.strip()
    if etag == "*" or etag.startswith('"') or etag.startswith('W/"'):
        return etag
    return f'"{etag}"'


def _masked(access_key: str) -> str:
    return access_key[:4] + "…" if len(access_key) > 8 else "…"


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)
