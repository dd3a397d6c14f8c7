"""The release zip: layout the QGIS plugin repository accepts, nothing that must not ship."""

from __future__ import annotations

import configparser
import importlib.util
import re
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
PACKAGE_SCRIPT = REPOSITORY / "tests" / "tools" / "package.py"


def _load_package_tool():
    spec = importlib.util.spec_from_file_location("package_tool", PACKAGE_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _metadata() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPOSITORY / "metadata.txt", encoding="utf-8")
    return parser["general"]


@pytest.fixture(scope="module")
def built_zip(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, str(PACKAGE_SCRIPT), "--out", str(out)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    archives = list(out.glob("*.zip"))
    assert len(archives) == 1, archives
    return archives[0]


def test_zip_is_named_after_the_metadata_version(built_zip):
    assert built_zip.name == f"sentinelhub_batch-{_metadata()['version']}.zip"


def test_zip_has_one_top_folder_with_the_required_files(built_zip):
    with zipfile.ZipFile(built_zip) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
    assert {PurePosixPath(name).parts[0] for name in names} == {"sentinelhub_batch"}
    for required in ("metadata.txt", "LICENSE", "README.md", "__init__.py", "plugin/core/__init__.py",
                     "plugin/plugin.py", "plugin/processing/provider.py",
                     "ui/new_job_dock.ui", "ui/jobs_dock.ui", "i18n/sentinelhub_batch_de.qm", _metadata()["icon"]):
        assert f"sentinelhub_batch/{required}" in names, required


def test_zip_has_no_tests_caches_dot_files_or_binaries(built_zip):
    with zipfile.ZipFile(built_zip) as archive:
        for name in archive.namelist():
            parts = PurePosixPath(name).parts
            assert not any(part.startswith(".") for part in parts), name
            assert not {"tests", "__pycache__"} & set(parts), name
            assert PurePosixPath(name).suffix not in {".pyc", ".so", ".pyd", ".dll", ".db", ".zip"}, name
            if PurePosixPath(name).suffix != ".qm":  # compiled translations: the one binary QGIS plugins ship
                assert b"\0" not in archive.read(name), f"{name} is binary"


def test_zip_metadata_is_complete(built_zip):
    with zipfile.ZipFile(built_zip) as archive:
        parser = configparser.ConfigParser(interpolation=None)
        parser.read_string(archive.read("sentinelhub_batch/metadata.txt").decode("utf-8"))
    general = parser["general"]
    for key in ("name", "qgisMinimumVersion", "qgisMaximumVersion", "description", "about", "version", "author",
                "email", "repository", "tracker", "homepage", "tags", "category", "icon", "changelog"):
        assert general.get(key, "").strip(), f"metadata.txt lacks {key}"
    assert general["hasProcessingProvider"] == "yes"
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["qgisMaximumVersion"].startswith("4.")


def _newest_changelog_section():
    """(version, item texts) of the newest released section of CHANGELOG.md, read without the packager's parser."""
    sections = re.split(r"^## ", (REPOSITORY / "CHANGELOG.md").read_text(encoding="utf-8"), flags=re.MULTILINE)
    for section in sections[1:]:
        heading, _, body = section.partition("\n")
        match = re.match(r"\[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", heading.strip())
        if match:
            items = [" ".join(item.split()) for item in re.split(r"^- ", body, flags=re.MULTILINE)[1:]]
            return match.group(1), items
    raise AssertionError("CHANGELOG.md has no released section")


def test_zip_changelog_is_the_newest_changelog_section(built_zip):
    version, items = _newest_changelog_section()
    assert version == _metadata()["version"]
    with zipfile.ZipFile(built_zip) as archive:
        parser = configparser.ConfigParser(interpolation=None)
        parser.read_string(archive.read("sentinelhub_batch/metadata.txt").decode("utf-8"))
    changelog = " ".join(parser["general"]["changelog"].split())
    assert changelog.startswith(f"Version {version}:")
    for item in items:
        assert f"- {item}" in changelog


def test_a_version_missing_from_the_changelog_stops_the_build(tmp_path):
    metadata = tmp_path / "metadata.txt"
    metadata.write_text((REPOSITORY / "metadata.txt").read_text(encoding="utf-8").replace(
        f"version={_metadata()['version']}", "version=9.9.9"), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"CHANGELOG\.md's newest version is .* metadata\.txt says 9\.9\.9"):
        _load_package_tool().metadata_with_changelog(metadata)


@pytest.mark.parametrize(
    "relative, packaged",
    [
        ("core/client.py", True),
        ("icons/icon.svg", True),
        ("core/__pycache__/client.cpython-311.pyc", False),
        ("core/client.pyc", False),
        (".hidden", False),
        ("core/.DS_Store", False),
        ("tests/test_x.py", False),
        ("lib/_speedups.so", False),
        ("core/client.py~", False),
    ],
)
def test_file_filter(relative, packaged):
    assert _load_package_tool().is_packaged(Path(relative)) is packaged
