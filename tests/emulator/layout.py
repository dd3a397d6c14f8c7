"""Where the emulated service writes in the bucket: its own reading of the docs, written apart from the plugin's
``storage`` module so that a wrong plugin layout makes a test fail.

Raster output (OpenAPI ``BatchV2RasterOutput.delivery``): a plain URL means ``<url>/<requestId>/<tileName>/
<outputId>.<format>``; a template may use ``<requestId>``, ``<tileName>``, ``<tileId>``, ``<outputId>``,
``<format>``. Zarr output (``BatchV2ZarrOutput.delivery``): one folder, ``<requestId>`` the only placeholder.
``request-<id>.json``, ``featureManifest-<id>.gpkg`` and ``execution-<id>.sqlite`` go to "the root folder of the
specified output delivery path" (BatchV2.qmd), read here as the template up to the folder of its first
placeholder after ``<requestId>`` is filled in (the Zarr folder for Zarr output).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

TEMPLATE_FIELDS = ("requestId", "tileName", "tileId", "outputId", "format")
EXTENSION_BY_FORMAT = {"image/tiff": "tif", "application/json": "json"}
"""Real objects are ``.tif`` (the OpenAPI text says ``tiff``)."""

_URL = re.compile(r"(s3|gs)://([^/]+)/?(.*)", re.DOTALL)
_S3_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
_GS_BUCKET = re.compile(r"[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]")
_FIELD = re.compile(r"<([^<>/]*)>")


@dataclass(frozen=True)
class ObjectKey:
    scheme: str
    bucket: str
    key: str

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.bucket}/{self.key}".rstrip("/")

    def joined(self, name: str) -> ObjectKey:
        return ObjectKey(self.scheme, self.bucket, f"{self.key}/{name}" if self.key else name)


def split_url(url: str) -> ObjectKey:
    """``s3://bucket/key`` or ``gs://bucket/key``; ValueError saying what is wrong otherwise."""
    match = _URL.fullmatch(url.strip()) if isinstance(url, str) else None
    if match is None:
        raise ValueError("must be an s3:// (or gs://) URL")
    scheme, bucket, key = match.groups()
    pattern = _S3_BUCKET if scheme == "s3" else _GS_BUCKET
    if not pattern.fullmatch(bucket):
        raise ValueError(f"'{bucket}' is not a valid bucket name")
    return ObjectKey(scheme, bucket, key)


def template_violation(url: str, output_ids: Sequence[str], zarr: bool) -> Optional[str]:
    """Why the delivery URL is refused, or None."""
    try:
        split_url(url)
    except ValueError as error:
        return str(error)
    fields = set(_FIELD.findall(url))
    if zarr:
        extra = sorted(fields - {"requestId"})
        return f"a Zarr delivery may only contain <requestId>, not {', '.join(f'<{f}>' for f in extra)}" \
            if extra else None
    if not fields:
        return None
    unknown = sorted(fields - set(TEMPLATE_FIELDS))
    if unknown:
        return f"unknown placeholders {', '.join(f'<{f}>' for f in unknown)}"
    if not fields & {"tileName", "tileId"}:
        return "the template must contain <tileName> or <tileId> in order to ensure unique output files"
    if len(set(output_ids)) > 1 and "outputId" not in fields:
        return "in case of multiple outputs the template must also contain <outputId>"
    return None


def _filled(url: str, request_id: str, zarr: bool) -> str:
    url = url.strip()
    if not zarr and not _FIELD.search(url):
        url = url.rstrip("/") + "/<requestId>/<tileName>/<outputId>.<format>"
    return url.replace("<requestId>", request_id)


def root_folder(url: str, request_id: str, zarr: bool = False) -> ObjectKey:
    """Where the request, manifest and execution files go."""
    filled = _filled(url, request_id, zarr).rstrip("/") if zarr else _filled(url, request_id, zarr)
    first = filled.find("<")
    if first >= 0:
        filled = filled[:filled.rfind("/", 0, first)]
    return split_url(filled)


def output_object(url: str, request_id: str, tile_name: str, tile_id: int, output_id: str,
                  format_type: str) -> ObjectKey:
    values = {"tileName": tile_name, "tileId": str(tile_id), "outputId": output_id,
              "format": EXTENSION_BY_FORMAT.get(format_type, format_type.rsplit("/", 1)[-1])}
    return split_url(_FIELD.sub(lambda match: values[match.group(1)], _filled(url, request_id, False)))


def service_files(root: ObjectKey, request_id: str) -> Tuple[ObjectKey, ObjectKey, ObjectKey]:
    """``request-<id>.json``, ``featureManifest-<id>.gpkg``, ``execution-<id>.sqlite`` in the root folder."""
    return (root.joined(f"request-{request_id}.json"), root.joined(f"featureManifest-{request_id}.gpkg"),
            root.joined(f"execution-{request_id}.sqlite"))
