"""The dependency check refuses what really breaks inside QGIS (a newer GEOS/PROJ mixed into QGIS's), not versions."""

from __future__ import annotations

import sys

import pytest
import shapely
from qgis.core import Qgis
from sentinelhub_batch.plugin.gui import dependencies

# Lines of /proc/self/maps of a QGIS 3.22 test process on Debian 12 with pip's shapely 2.0.7 (trimmed).
MAPS_WITH_A_WHEEL = """\
7f1c2a000000-7f1c2a0c5000 r--p 00000000 fe:01 2099 /usr/lib/x86_64-linux-gnu/libgeos.so.3.11.1
7f1c2a400000-7f1c2a43e000 r-xp 00000000 fe:01 2101 /usr/lib/x86_64-linux-gnu/libgeos_c.so.1.17.1
7f1c2b000000-7f1c2b02a000 r-xp 00000000 fe:01 3311 /home/analyst/.local/lib/python3.11/site-packages/shapely.libs/libgeos_c-1e72bdae.so.1.17.4
7f1c2c000000-7f1c2c100000 r-xp 00000000 fe:01 2210 /usr/lib/x86_64-linux-gnu/libproj.so.25.9.1.1
7f1c2d000000-7f1c2d001000 rw-p 00000000 00:00 0
"""


def test_the_library_copies_in_the_process_are_found(tmp_path):
    maps = tmp_path / "maps"
    maps.write_text(MAPS_WITH_A_WHEEL)
    assert dependencies.loaded_library_files(["libgeos_c"], str(maps)) == {
        "/usr/lib/x86_64-linux-gnu/libgeos_c.so.1.17.1",
        "/home/analyst/.local/lib/python3.11/site-packages/shapely.libs/libgeos_c-1e72bdae.so.1.17.4"}
    assert dependencies.loaded_library_files(["libproj"], str(maps)) == {"/usr/lib/x86_64-linux-gnu/libproj.so.25.9.1.1"}
    assert dependencies.loaded_library_files(["libgeos_c"], str(tmp_path / "absent")) == set()


def test_only_a_second_newer_copy_is_a_conflict():
    two = {"/usr/lib/libgeos_c.so.1.17.1", "/site/shapely.libs/libgeos_c-abcdd5fa.so.1.19.2"}
    # Debian 12: pip's shapely 2.1 (GEOS 3.13) in QGIS 3.22 (GEOS 3.11): its new functions would run on 3.13.
    conflict = dependencies.library_conflict("shapely", (3, 13, 1), (3, 11, 1), two, "GEOS")
    assert "built for GEOS 3.13.1, newer than the GEOS 3.11.1 QGIS loaded" in conflict
    assert "libgeos_c-abcdd5fa.so.1.19.2" in conflict
    # pip's shapely 2.0.7 (GEOS 3.11.4) in QGIS 3.22 (3.11.1): every function it calls is in QGIS's copy.
    assert dependencies.library_conflict("shapely", (3, 11, 4), (3, 11, 1), two, "GEOS") is None
    # Debian 13: python3-shapely 2.1 built against the very libgeos_c QGIS 3.40 loads.
    assert dependencies.library_conflict("shapely", (3, 13, 1), (3, 13, 1), {"/usr/lib/libgeos_c.so.1"}, "GEOS") \
        is None
    assert dependencies.library_conflict("shapely", (3, 14, 1), (3, 13, 1), {"/usr/lib/libgeos_c.so.1"}, "GEOS") \
        is None


def test_the_pip_requirement_follows_the_geos_qgis_loads():
    assert dependencies.shapely_requirement((3, 11, 1)) == "shapely>=2.0,<2.1"  # Debian 12, QGIS 3.22
    assert dependencies.shapely_requirement((3, 13, 1)) == "shapely>=2.0,<2.2"  # Debian 13, QGIS 3.40
    assert dependencies.shapely_requirement((3, 14, 1)) == "shapely>=2.0,<2.3"
    assert dependencies.shapely_requirement((3, 10, 2)) is None  # Ubuntu 22.04: no wheel is old enough
    assert dependencies.version_tuple("3.13.1-CAPI-1.19.2") == (3, 13, 1)


def test_the_packages_of_this_environment_pass(qgis_app):
    assert dependencies.missing_requirements() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="one symbol namespace only on Linux")
def test_a_shapely_built_for_a_newer_geos_in_a_second_copy_is_refused(qgis_app, monkeypatch):
    qgis_geos = (Qgis.geosVersionMajor(), Qgis.geosVersionMinor(), Qgis.geosVersionPatch())
    monkeypatch.setattr(shapely, "geos_version", (qgis_geos[0], qgis_geos[1] + 1, 0))
    real_files = dependencies.loaded_library_files
    monkeypatch.setattr(dependencies, "loaded_library_files", lambda names: real_files(names) | (
        {"/site-packages/shapely.libs/libgeos_c-0123abcd.so.1.99.0"} if names == ["libgeos_c"] else set()))
    problems = dependencies.missing_requirements()
    assert len(problems) == 1 and problems[0].startswith(dependencies.shapely_requirement(qgis_geos) + " (")
    assert f"newer than the GEOS {'.'.join(map(str, qgis_geos))} QGIS loaded" in problems[0]
    hint = dependencies.install_hint(problems)
    assert "apt install python3-shapely" in hint and f'"{dependencies.shapely_requirement(qgis_geos)}"' in hint
