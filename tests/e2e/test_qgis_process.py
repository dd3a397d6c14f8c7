"""The provider through ``qgis_process.bin`` in a throwaway profile, as a user runs it headless."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from qgis.core import QgsVectorLayer
from tools.demo import QGIS_PROCESS, QgisProcess

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not Path(QGIS_PROCESS).exists(), reason="QGIS is not installed")]

SHARED = Path(__file__).resolve().parents[3] / "shared"
PREVIEW_ARGUMENTS = [
    "run", "sentinelhub_batch:preview_tiles", "--",
    "AREA=../shared/data/california_crop_fields.geojson", "GRID=1", "RESOLUTION=10", "BUFFER_X=50", "BUFFER_Y=50",
    "EVALSCRIPT=../shared/data/interpolation_evalscript.js", "TIME_FROM=2020-07-01", "TIME_TO=2020-07-30",
    "OUTPUT=tiles.gpkg",
]


def result_value(stdout: str, name: str) -> float:
    match = re.search(rf"^{name}:\s+([0-9.]+)\s*$", stdout, flags=re.MULTILINE)
    assert match, f"{name} missing from:\n{stdout}"
    return float(match.group(1))


@pytest.fixture(scope="module")
def qgis_process(tmp_path_factory):
    """One throwaway profile with the plugin enabled, shared by the tests of this module."""
    runner = QgisProcess(tmp_path_factory.mktemp("qgis-profile"), timeout=120)
    runner.prepare()
    return runner


def test_preview_tiles_runs_offline_through_qgis_process(qgis_process, tmp_path, monkeypatch):
    for name in ("SH_CLIENT_ID", "SH_CLIENT_SECRET", "SH_BASE_URL", "SH_TOKEN_URL", "AWS_ACCESS_KEY_ID",
                 "AWS_SECRET_ACCESS_KEY", "AWS_S3_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "shared").symlink_to(SHARED, target_is_directory=True)
    work = tmp_path / "work"
    work.mkdir()

    completed = qgis_process.call(PREVIEW_ARGUMENTS, cwd=work)

    assert completed.returncode == 0, completed.stdout + completed.stderr
    stdout = completed.stdout
    assert result_value(stdout, "TILE_COUNT") == 8
    estimate, charged = result_value(stdout, "PU_ESTIMATE"), result_value(stdout, "PU_CHARGED")
    assert charged == pytest.approx(estimate / 3, rel=1e-6)
    assert "Tiles: 8 (EPSG:32611)" in stdout and "Charged (one third)" in stdout
    layer = QgsVectorLayer(str(work / "tiles.gpkg"), "tiles", "ogr")
    assert layer.isValid() and layer.featureCount() == 8
    assert {feature["width"] for feature in layer.getFeatures()} == {1000}


def test_a_service_action_without_credentials_fails_with_a_message(qgis_process, tmp_path, monkeypatch):
    for name in ("SH_CLIENT_ID", "SH_CLIENT_SECRET"):
        monkeypatch.delenv(name, raising=False)

    completed = qgis_process.call(["run", "sentinelhub_batch:list_jobs", "--", "OUTPUT=jobs.csv"], cwd=tmp_path)

    assert completed.returncode != 0
    output = completed.stdout + completed.stderr
    assert "credentials" in output.lower() and "Traceback" not in output
