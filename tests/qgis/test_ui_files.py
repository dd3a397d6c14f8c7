"""Qt Designer files stay clean: signals are connected in Python, icons are loaded by path.

A ``<connection>`` in a .ui file hides behaviour from the code; resource references (``<include location=...>``,
``resource=`` attributes, ``:/`` paths) need compiled resources, which the plugin does not ship. Designer's
empty ``<connections/>`` and ``<resources/>`` placeholders are harmless and allowed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import List

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
UI_FOLDER = REPOSITORY / "ui"


def ui_problems(text: str) -> List[str]:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return [f"not valid XML: {error}"]
    if root.tag != "ui":
        return [f"root element is <{root.tag}>, not <ui>"]
    problems = []
    for connection in root.iter("connection"):
        signal = connection.findtext("signal", "")
        slot = connection.findtext("slot", "")
        problems.append(f"signal connection {signal} -> {slot}; connect it in Python")
    for include in root.iter("include"):
        if include.get("location", "").endswith(".qrc") or (include.text or "").endswith(".qrc"):
            problems.append(f"resource file {include.get('location') or include.text}")
    for element in root.iter():
        if "resource" in element.attrib:
            problems.append(f"<{element.tag} resource={element.get('resource')!r}>")
        if element.text and element.text.strip().startswith(":/"):
            problems.append(f"<{element.tag}> uses compiled resource path {element.text.strip()}")
    return problems


UI_FILES = ("new_job_dock.ui", "jobs_dock.ui", "settings_dialog.ui", "start_dialog.ui", "quick_look_panel.ui")


def test_the_docks_and_dialogs_have_their_designer_files():
    assert sorted(path.name for path in UI_FOLDER.glob("*.ui")) == sorted(UI_FILES)


@pytest.mark.parametrize("name", UI_FILES)
def test_each_designer_file_compiles_with_the_qgis_widgets(qgis_app, name):
    from qgis.PyQt import uic

    form_class, base_class = uic.loadUiType(str(UI_FOLDER / name))
    widget = type("Form", (base_class, form_class), {})()
    widget.setupUi(widget)
    assert widget.objectName().startswith("SentinelHubBatch")


def test_ui_files_have_no_connections_or_resources():
    problems = {}
    for path in sorted(UI_FOLDER.rglob("*.ui")):
        found = ui_problems(path.read_text(encoding="utf-8"))
        if found:
            problems[str(path.relative_to(REPOSITORY))] = found
    assert not problems, problems


CLEAN = """<?xml version="1.0" encoding="UTF-8"?>
<ui version="4.0">
 <class>RequestPanel</class>
 <widget class="QWidget" name="RequestPanel">
  <layout class="QVBoxLayout"><item><widget class="QPushButton" name="submitButton">
   <property name="text"><string>Submit</string></property></widget></item></layout>
 </widget>
 <resources/>
 <connections/>
</ui>"""


def test_checker_accepts_a_clean_designer_file():
    assert ui_problems(CLEAN) == []


@pytest.mark.parametrize(
    "dirty",
    [
        CLEAN.replace("<connections/>", "<connections><connection><sender>submitButton</sender>"
                      "<signal>clicked()</signal><receiver>RequestPanel</receiver><slot>close()</slot>"
                      "</connection></connections>"),
        CLEAN.replace("<resources/>", '<resources><include location="resources.qrc"/></resources>'),
        CLEAN.replace("<string>Submit</string>", '<iconset resource="resources.qrc">'
                      "<normaloff>:/plugins/icon.png</normaloff></iconset>"),
        CLEAN.replace("</ui>", ""),
    ],
)
def test_checker_rejects_connections_resources_and_broken_xml(dirty):
    assert ui_problems(dirty)
