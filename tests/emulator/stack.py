"""The local stack: an S3 server (moto) and the Sentinel Hub Batch v2 emulator, each on a free loopback port.

``python -m emulator.stack`` (``make stack``) starts both, prints how to reach them and runs until Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import socket
import sys
import threading
from typing import Any, Dict, Iterator, Optional

from .bucket import Bucket, S3Access
from .config import EmulatorConfig
from .faults import Faults
from .latency import LatencyProxy
from .server import TOKEN_PATHS, EmulatorServer, TokenIssuer
from .service import BatchService

log = logging.getLogger("emulator")

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


class LocalStack:
    """moto S3 + the emulator. Use as a context manager, or call ``start()`` and ``stop()``."""

    def __init__(self, config: Optional[EmulatorConfig] = None, faults: Optional[Faults] = None,
                 bucket: str = "sh-batch-local", client_id: str = "local-client-id",
                 client_secret: str = "local-client-secret", s3_access_key: str = "local-access-key",
                 s3_secret_key: str = "local-secret-key", s3_region: str = "eu-central-1",
                 port: int = 0, s3_port: int = 0, latency_seconds: Optional[float] = None):
        self.config = config or EmulatorConfig()
        self.faults = faults or Faults()
        self.bucket = bucket
        self.client_id = client_id
        self.client_secret = client_secret
        self.s3_access_key = s3_access_key
        self.s3_secret_key = s3_secret_key
        self.s3_region = s3_region
        self._port = port
        self._s3_port = s3_port
        self._moto: Any = None
        self._http: Optional[EmulatorServer] = None
        self._thread: Optional[threading.Thread] = None
        self.service: Optional[BatchService] = None
        self.base_url = ""
        self.s3_endpoint = ""
        self.latency_seconds = latency_seconds
        """With a value, clients reach both servers through a :class:`LatencyProxy` each (``api_proxy``,
        ``s3_proxy``) that adds this round trip to every request and counts them; the emulator itself writes to S3
        directly."""
        self.api_proxy: Optional[LatencyProxy] = None
        self.s3_proxy: Optional[LatencyProxy] = None

    # --- life cycle ---------------------------------------------------------------------------------

    def start(self) -> LocalStack:
        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        s3_port = self._s3_port or free_port()
        self._moto = ThreadedMotoServer(ip_address=LOOPBACK, port=s3_port, verbose=False)
        self._moto.start()
        self.s3_endpoint = f"http://{LOOPBACK}:{s3_port}"
        access = S3Access(self.s3_endpoint, self.s3_access_key, self.s3_secret_key, self.s3_region)
        self.s3 = Bucket(access)
        self.make_bucket(self.bucket)
        self.service = BatchService(self.config, self.faults, access)
        self.tokens = TokenIssuer(self.client_id, self.client_secret, self.config.token_lifetime_seconds,
                                  self.faults)
        self._http = EmulatorServer((LOOPBACK, self._port), self.service, self.tokens, self.faults)
        port = self._http.server_address[1]
        self.base_url = f"http://{LOOPBACK}:{port}"
        self._thread = threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.1},
                                        daemon=True, name="emulator-http")
        self._thread.start()
        if self.latency_seconds is not None:
            self.api_proxy = LatencyProxy(self.base_url, self.latency_seconds).start()
            self.s3_proxy = LatencyProxy(self.s3_endpoint, self.latency_seconds).start()
            self.base_url, self.s3_endpoint = self.api_proxy.url, self.s3_proxy.url
        return self

    def stop(self) -> None:
        for proxy in (self.api_proxy, self.s3_proxy):
            if proxy is not None:
                proxy.stop()
        self.api_proxy = self.s3_proxy = None
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            self._http = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        if self.service is not None:
            self.service.close()
            self.service = None
        if self._moto is not None:
            self._moto.stop()
            self._moto = None

    def __enter__(self) -> LocalStack:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # --- what clients need --------------------------------------------------------------------------

    @property
    def request_log(self) -> list:
        """(method, path, status) of every answered call; status 0 = connection dropped on purpose."""
        return list(self._http.request_log) if self._http is not None else []

    @property
    def token_url(self) -> str:
        return self.base_url + TOKEN_PATHS[0]

    @property
    def cdse_token_url(self) -> str:
        return self.base_url + TOKEN_PATHS[1]

    @property
    def batch_url(self) -> str:
        return self.base_url + "/api/v2/batch"

    def make_bucket(self, name: str) -> None:
        client = self.s3.access.client()
        with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
            client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": self.s3_region})

    def delivery(self, folder: str = "results") -> Dict[str, str]:
        """An ``output.delivery.s3`` object for this stack's bucket."""
        return {"url": f"s3://{self.bucket}/{folder}", "accessKey": self.s3_access_key,
                "secretAccessKey": self.s3_secret_key, "region": self.s3_region}

    def gdal_environment(self) -> Dict[str, str]:
        """GDAL configuration options that make ``/vsis3/<bucket>/...`` read from this stack."""
        return {"AWS_S3_ENDPOINT": self.s3_endpoint.split("://", 1)[1], "AWS_HTTPS": "NO",
                "AWS_VIRTUAL_HOSTING": "FALSE", "AWS_ACCESS_KEY_ID": self.s3_access_key,
                "AWS_SECRET_ACCESS_KEY": self.s3_secret_key, "AWS_REGION": self.s3_region,
                "AWS_NO_SIGN_REQUEST": "NO"}

    @contextlib.contextmanager
    def gdal_options(self) -> Iterator[None]:
        """Set the GDAL options of ``gdal_environment`` for the block, then restore the previous values."""
        from osgeo import gdal

        if hasattr(gdal, "ClearPathSpecificOptions"):
            # Options the plugin set for a bucket of this name (results.configure_gdal_for_s3, in an earlier test
            # against another stack) would win over these process-wide ones.
            gdal.ClearPathSpecificOptions(f"/vsis3/{self.bucket}")
        previous = {key: gdal.GetConfigOption(key) for key in self.gdal_environment()}
        for key, value in self.gdal_environment().items():
            gdal.SetConfigOption(key, value)
        try:
            yield
        finally:
            for key, value in previous.items():
                gdal.SetConfigOption(key, value)
            gdal.VSICurlClearCache()

    def describe(self) -> str:
        lines = [
            "Sentinel Hub emulator and S3 server are running.",
            f"  base URL        {self.base_url}",
            f"  token URL       {self.token_url}",
            f"                  {self.cdse_token_url}",
            f"  client id       {self.client_id}",
            f"  client secret   {self.client_secret}",
            f"  S3 endpoint     {self.s3_endpoint}",
            f"  S3 bucket       s3://{self.bucket}",
            f"  S3 access key   {self.s3_access_key}",
            f"  S3 secret key   {self.s3_secret_key}",
            f"  S3 region       {self.s3_region}",
            f"  faults          POST {self.base_url}/_emulator/faults  (JSON, see emulator/faults.py)",
        ]
        if self.latency_seconds is not None:
            lines += [f"  latency         {self.latency_seconds * 1000:g} ms added to every request; counts at "
                      f"{self.base_url}/_latency and {self.s3_endpoint}/_latency"]
        lines += [
            "",
            "Read the bucket with GDAL / the AWS CLI:",
        ]
        lines += [f"  export {key}={value}" for key, value in self.gdal_environment().items()]
        lines.append(f"  aws --endpoint-url {self.s3_endpoint} s3 ls s3://{self.bucket}/ --recursive")
        return "\n".join(lines)


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m emulator.stack", description=__doc__)
    parser.add_argument("--port", type=int, default=int(os.environ.get("EMULATOR_PORT", "0")))
    parser.add_argument("--s3-port", type=int, default=int(os.environ.get("EMULATOR_S3_PORT", "0")))
    parser.add_argument("--fast", action="store_true", help="test timings instead of realistic ones")
    parser.add_argument("--latency-ms", type=float, default=None,
                        help="add this round trip to every API and S3 request (through a counting proxy)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(message)s")
    config = EmulatorConfig.fast(render_step=1) if args.fast else EmulatorConfig()
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    latency = args.latency_ms / 1000 if args.latency_ms is not None else None
    with LocalStack(config, port=args.port, s3_port=args.s3_port, latency_seconds=latency) as stack:
        print(stack.describe(), flush=True)
        while not stopping.wait(0.5):
            pass
        print("Stopping the local stack...", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
