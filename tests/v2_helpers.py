"""What the Batch v2 option tests of the dock and of Processing share: the local stack as the connection (either
deployment), a Google service-account key, one's own polygons as a layer, and reading what the emulator got."""

from __future__ import annotations

import json
import uuid
from typing import Any, Dict, Iterable, Tuple

from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsProject, QgsVectorLayer
from shapely.geometry import box

ROLE = "arn:aws:iam::123456789012:role/sentinelhub-batch"
PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nnot-a-real-key-3f9a\n-----END PRIVATE KEY-----\n"
SERVICE_ACCOUNT_KEY = json.dumps({"type": "service_account", "project_id": "emulated", "private_key_id": "1",
                                  "private_key": PRIVATE_KEY,
                                  "client_email": "batch@emulated.iam.gserviceaccount.com"}, indent=2)
"""A key file as the Google Cloud console writes it (pretty-printed JSON)."""
EUROPE_WKT = "POLYGON((10.05 50.05, 10.25 50.05, 10.25 50.15, 10.05 50.15, 10.05 50.05))"
"""A small area in Germany: one tile of the LAEA 100 km grid (6) and of the WGS84 grid (3)."""
FIELDS = (("field-a", box(285000, 3990000, 287000, 3991000)), ("field-b", box(287000, 3990000, 288000, 3992000)),
          ("far-field", box(320000, 4040000, 321000, 4040500)))
"""Three fields near the tutorial area in UTM 11N; the last far from the others."""
CONNECTION_VARIABLES = ("SH_CLIENT_ID", "SH_CLIENT_SECRET", "SH_BASE_URL", "SH_TOKEN_URL", "SH_DEPLOYMENT",
                        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_S3_ENDPOINT", "AWS_REGION")


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def use_stack(monkeypatch, stack, realm: str = "main", s3_keys: bool = True) -> None:
    """Point the plugin's connection (the environment) at the stack as sentinel-hub.com (``main``) or CDSE."""
    for name in CONNECTION_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    values = {"SH_CLIENT_ID": stack.client_id, "SH_CLIENT_SECRET": stack.client_secret, "SH_BASE_URL": stack.base_url,
              "SH_TOKEN_URL": stack.cdse_token_url if realm == "CDSE" else stack.token_url,
              "AWS_S3_ENDPOINT": stack.s3_endpoint, "AWS_REGION": stack.s3_region}
    if s3_keys:
        values.update(AWS_ACCESS_KEY_ID=stack.s3_access_key, AWS_SECRET_ACCESS_KEY=stack.s3_secret_key)
    for name, value in values.items():
        monkeypatch.setenv(name, str(value))


def polygon_layer(items: Iterable[Tuple[str, Any]], epsg: int, name: str = "fields",
                  add_to_project: bool = True) -> QgsVectorLayer:
    """A memory polygon layer with a ``name`` field."""
    from sentinelhub_batch.plugin.services.compat import FIELD_TYPE_STRING

    layer = QgsVectorLayer(f"Polygon?crs=EPSG:{epsg}", name, "memory")
    layer.dataProvider().addAttributes([QgsField("name", FIELD_TYPE_STRING)])
    layer.updateFields()
    features = []
    for identifier, geometry in items:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(geometry if isinstance(geometry, str) else geometry.wkt))
        feature.setAttributes([identifier])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    if add_to_project:
        QgsProject.instance().addMapLayer(layer)
    return layer


def received(stack, task_id: str) -> Dict[str, Any]:
    """The body the emulator received for a job (secrets included: for checking what was sent)."""
    return stack.service.requests[task_id].body


def job_count(stack) -> int:
    return len(stack.service.requests)
