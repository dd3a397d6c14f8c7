"""Shared pytest fixtures: an S3 server (moto in server mode) on a free loopback port.

Register once for the whole suite in ``tests/conftest.py``::

    pytest_plugins = ["fixtures_s3"]

or alias them in a test module: ``moto_server = fixtures_s3.moto_server`` (same for ``s3_bucket``). Both ways share one
server per test session (the server is a module-level singleton).

* ``moto_server`` (session): a :class:`MotoS3Server` with ``endpoint_url``, ``region``, ``access_key``,
  ``secret_key``, ``new_bucket()``, ``reset()`` and ``enforced_signatures()``.
* ``s3_bucket`` (function): an :class:`S3Bucket` — endpoint, keys, region and a fresh empty bucket — with
  ``client()`` returning the plugin's own :class:`S3Client` for it.

By default moto accepts any keys and does not check signatures. ``moto_server.enforced_signatures()`` switches
moto's IAM authentication on for the duration of a ``with`` block and yields real IAM keys; requests with a wrong
signature then fail with ``SignatureDoesNotMatch`` exactly as on AWS.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional

import pytest
import requests

REGION = "eu-central-1"
ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"
"""moto accepts any keys unless ``enforced_signatures()`` is on."""


@dataclass(frozen=True)
class IamKeys:
    access_key: str
    secret_key: str
    session_token: Optional[str] = None


@dataclass(frozen=True)
class S3Bucket:
    endpoint_url: str
    access_key: str
    secret_key: str
    region: str
    bucket: str

    def client(self, **options):
        from sentinelhub_batch.plugin.core.s3 import S3Client

        options.setdefault("backoff_initial", 0.01)
        return S3Client(self.access_key, self.secret_key, region=self.region, endpoint_url=self.endpoint_url,
                        **options)

    def url(self, key: str = "") -> str:
        return f"s3://{self.bucket}/{key}" if key else f"s3://{self.bucket}"


class MotoS3Server:
    """moto's threaded server on ``127.0.0.1`` and a port the OS picked."""

    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint_url = f"http://{host}:{port}"
        self.region = REGION
        self.access_key = ACCESS_KEY
        self.secret_key = SECRET_KEY
        self._lock = threading.Lock()

    def stop(self) -> None:
        self._server.stop()

    def reset(self) -> None:
        """Forget every bucket and object (all tests sharing the server see an empty S3 afterwards)."""
        requests.post(f"{self.endpoint_url}/moto-api/reset", timeout=10).raise_for_status()

    def new_bucket(self, prefix: str = "test") -> S3Bucket:
        name = f"{prefix}-{uuid.uuid4().hex[:12]}"
        bucket = S3Bucket(self.endpoint_url, self.access_key, self.secret_key, self.region, name)
        with bucket.client() as client:
            client.create_bucket(name)
        return bucket

    def _set_initial_no_auth_count(self, count: str) -> None:
        response = requests.post(f"{self.endpoint_url}/moto-api/reset-auth", data=count.encode(), timeout=10)
        response.raise_for_status()

    @contextmanager
    def enforced_signatures(self, temporary: bool = False) -> Iterator[IamKeys]:
        """Inside the block moto checks every signature and key; yields keys of an IAM user allowed ``s3:*``.

        With ``temporary=True`` the keys are temporary credentials (with a session token) of an assumed role.
        Needs boto3 (a development dependency) to set up the IAM user.
        """
        boto3 = pytest.importorskip("boto3")
        suffix = uuid.uuid4().hex[:8]
        iam = boto3.client(
            "iam", endpoint_url=self.endpoint_url, region_name="us-east-1",
            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
        )
        allow_s3 = json.dumps({"Version": "2012-10-17",
                               "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
        with self._lock:
            if temporary:
                trust = json.dumps({"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]})
                role = iam.create_role(RoleName=f"s3-role-{suffix}", AssumeRolePolicyDocument=trust)["Role"]
                iam.put_role_policy(RoleName=role["RoleName"], PolicyName="s3", PolicyDocument=allow_s3)
                sts = boto3.client(
                    "sts", endpoint_url=self.endpoint_url, region_name="us-east-1",
                    aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
                )
                credentials = sts.assume_role(RoleArn=role["Arn"], RoleSessionName="test")["Credentials"]
                keys = IamKeys(credentials["AccessKeyId"], credentials["SecretAccessKey"],
                               credentials["SessionToken"])
            else:
                user = f"s3-user-{suffix}"
                iam.create_user(UserName=user)
                iam.put_user_policy(UserName=user, PolicyName="s3", PolicyDocument=allow_s3)
                created = iam.create_access_key(UserName=user)["AccessKey"]
                keys = IamKeys(created["AccessKeyId"], created["SecretAccessKey"])
            self._set_initial_no_auth_count("0")
            try:
                yield keys
            finally:
                self._set_initial_no_auth_count("inf")


_server: Optional[MotoS3Server] = None
_server_lock = threading.Lock()


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoS3Server]:
    global _server
    pytest.importorskip("moto.server")
    started_here = False
    with _server_lock:
        if _server is None:
            _server = MotoS3Server()
            started_here = True
    yield _server
    if started_here:
        with _server_lock:
            _server.stop()
            _server = None


@pytest.fixture
def s3_bucket(moto_server: MotoS3Server) -> S3Bucket:
    """A new, empty bucket on the shared moto server (unique name per test)."""
    return moto_server.new_bucket()
