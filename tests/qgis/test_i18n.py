"""The plugin speaks the language QGIS is set to: German docks, menus, buttons and Processing names with QGIS in German;
English again once the plugin is unloaded."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest
from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QTranslator
from sentinelhub_batch.plugin.core.storage import TileStatus
from sentinelhub_batch.plugin.plugin import SentinelHubBatchPlugin
from sentinelhub_batch.plugin.processing.algorithms.create_job import CreateJobAlgorithm
from sentinelhub_batch.plugin.services import i18n
from sentinelhub_batch.plugin.services.layers import status_label

GERMAN = i18n.I18N_FOLDER / "sentinelhub_batch_de.ts"


@pytest.fixture
def german_qgis(qgis_app):
    """QGIS set to German the way a user does it (Settings → Options → General → Override system locale)."""
    settings = QgsSettings()
    before = {key: settings.value(key) for key in ("locale/overrideFlag", "locale/userLocale")}
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "de_DE")
    yield
    for key, value in before.items():
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)
    i18n.remove_translator()


def test_with_qgis_in_german_the_docks_menus_and_processing_are_german(german_qgis, qgis_iface, qgis_new_project):
    assert QgsApplication.locale().startswith("de")
    plugin = SentinelHubBatchPlugin(qgis_iface)
    plugin.initGui()
    try:
        assert plugin.new_job_dock.windowTitle() == "Sentinel Hub Batch — Neuer Auftrag"
        assert plugin.jobs_dock.windowTitle() == "Sentinel-Hub-Batch-Aufträge"
        assert [action.text() for action in plugin.menu_actions] == ["Sentinel Hub Batch", "Batch-Aufträge",
                                                                     "Verbindungseinstellungen…"]
        dock = plugin.new_job_dock
        assert (dock.create_button.text(), dock.analyse_button.text(), dock.start_button.text()) == (
            "Erstellen", "Analysieren", "Starten…")
        assert dock.area_group.title() == "Gebiet"
        assert plugin.jobs_dock.results_button.text() == "Ergebnisse laden"
        assert dock.quick_look.test_button.text() == "Evalscript testen"
        assert CreateJobAlgorithm().displayName() == "Batch-Auftrag erstellen"
        assert status_label(TileStatus.FAILED) == "Fehlgeschlagen"
    finally:
        plugin.unload()
    assert i18n.tr("Batch jobs") == "Batch jobs", "unloading takes the translation out again"


def test_english_qgis_gets_the_source_texts(qgis_iface, qgis_new_project):
    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "en_GB")
    try:
        plugin = SentinelHubBatchPlugin(qgis_iface)
        plugin.initGui()
        assert plugin.new_job_dock.windowTitle() == "Sentinel Hub Batch — New job"
        assert CreateJobAlgorithm().displayName() == "Create batch job"
        plugin.unload()
    finally:
        settings.remove("locale/overrideFlag")
        settings.remove("locale/userLocale")


def test_the_compiled_translation_holds_every_finished_translation_of_its_source(qgis_app):
    translator = QTranslator()
    assert translator.load(str(GERMAN.with_suffix(".qm")))
    finished = [(context.findtext("name"), message.findtext("source"), message.findtext("translation"))
                for context in ElementTree.parse(GERMAN).getroot().iter("context")
                for message in context.iter("message")
                if message.find("translation").get("type") is None and message.findtext("translation")]
    assert len(finished) >= 100
    stale = [(context, source) for context, source, translation in finished
             if translator.translate(context.encode(), source.encode("utf-8")) != translation]
    assert not stale, f"i18n/sentinelhub_batch_de.qm is older than its .ts: run make i18n ({stale[:3]})"
