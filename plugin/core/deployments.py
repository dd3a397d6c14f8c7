"""Where Sentinel Hub lives: the known deployments and custom base/token URLs."""

from __future__ import annotations

from dataclasses import dataclass

from .batch_assumptions import CDSE_AUTH_REALM
from .errors import InvalidRequestError
from .transport import check_url

SENTINEL_HUB_TOKEN_URL = "https://services.sentinel-hub.com/auth/realms/main/protocol/openid-connect/token"  # noqa: S105 (a URL, not a secret)
CDSE_TOKEN_URL = "https://identity.dataspace.copernicus.eu/auth/realms/CDSE/protocol/openid-connect/token"  # noqa: S105


@dataclass(frozen=True)
class Capabilities:
    """What one deployment's Batch v2 accepts beyond what both have in common."""

    iam_role_delivery: bool
    """``iamRoleARN`` in an S3 delivery (sentinel-hub.com ``S3BucketInfo``; CDSE's lists only the keys and
    BatchV2.qmd "Bucket settings and access" asks for the key pair)."""
    google_cloud_storage: bool
    """``{"gs": {"url", "credentials"}}`` deliveries (sentinel-hub.com ``ObjectStorageInfoV2``, marked
    ``x-cdse-exclude``)."""
    list_search: bool
    """The ``search`` parameter of ``GET /process`` (CDSE OpenAPI ``SearchBeanSearch``; the sentinel-hub.com
    OpenAPI lists only ``count``, ``viewtoken`` and ``sort``)."""
    geopackage_defaults: bool
    """``input.defaults`` of a GeoPackage input (sentinel-hub.com ``BatchV2GeoPackageFeatureDefaults``; absent from
    CDSE's ``BatchV2GeoPackageInput``)."""
    instance_type: bool
    """``instanceType`` is listed in the OpenAPI (CDSE ``BatchV2ProcessRequest``; gone from sentinel-hub.com's)."""
    label: str = ""


SENTINEL_HUB_CAPABILITIES = Capabilities(iam_role_delivery=True, google_cloud_storage=True, list_search=False,
                                         geopackage_defaults=True, instance_type=False, label="sentinel-hub.com")
CDSE_CAPABILITIES = Capabilities(iam_role_delivery=False, google_cloud_storage=False, list_search=True,
                                 geopackage_defaults=False, instance_type=True, label="CDSE")


@dataclass(frozen=True)
class Deployment:
    """A Sentinel Hub deployment: the API base URL and the OAuth2 token URL it authenticates at."""

    key: str
    name: str
    base_url: str
    token_url: str

    @property
    def capabilities(self) -> Capabilities:
        """By the token realm: CDSE authenticates in ``/realms/CDSE/`` (for custom URLs a guess, batch_assumptions
        3)."""
        return CDSE_CAPABILITIES if CDSE_AUTH_REALM in self.token_url else SENTINEL_HUB_CAPABILITIES

    def batch_url(self, path: str = "") -> str:
        return f"{self.base_url.rstrip('/')}/api/v2/batch{path}"

    def process_url(self) -> str:
        return f"{self.base_url.rstrip('/')}/api/v1/process"


SENTINEL_HUB_EU = Deployment("eu", "Sentinel Hub (EU)", "https://services.sentinel-hub.com", SENTINEL_HUB_TOKEN_URL)
SENTINEL_HUB_US_WEST = Deployment(
    "us-west", "Sentinel Hub (US West)", "https://services-uswest2.sentinel-hub.com", SENTINEL_HUB_TOKEN_URL
)
CDSE = Deployment("cdse", "Copernicus Data Space Ecosystem", "https://sh.dataspace.copernicus.eu", CDSE_TOKEN_URL)

DEPLOYMENTS = {deployment.key: deployment for deployment in (SENTINEL_HUB_EU, SENTINEL_HUB_US_WEST, CDSE)}


def custom_deployment(base_url: str, token_url: str, name: str = "Custom") -> Deployment:
    return Deployment("custom", name, check_url(base_url, "base URL"), check_url(token_url, "token URL"))


def deployment_for(key: str, base_url: str = "", token_url: str = "") -> Deployment:
    """The deployment named by ``key``; ``custom`` (or any URL given) builds one from the URLs."""
    if key == "custom" or (key not in DEPLOYMENTS and base_url):
        if not base_url or not token_url:
            raise InvalidRequestError("A custom deployment needs both a base URL and a token URL.")
        return custom_deployment(base_url, token_url)
    try:
        return DEPLOYMENTS[key]
    except KeyError:
        known = ", ".join(sorted([*DEPLOYMENTS, "custom"]))
        raise InvalidRequestError(f"Unknown deployment '{key}'. Choose one of: {known}.") from None
