"""Translations: the plugin's ``tr()`` and the translator for the language QGIS runs in.

Call ``tr()`` with a string literal (``tr("Start")``, ``tr("Job {id}").format(id=...)``), never with a variable:
``make i18n`` extracts the literals with ``pylupdate5`` into ``i18n/*.ts`` and compiles them to ``.qm`` files with
``lrelease``. ``pylupdate5`` files plain ``tr()`` calls under the context ``@default``; the texts of the ``.ui``
files go under their form's class name, and the forms translate them through the installed translator.

``install_translator()`` (the plugin's start) loads ``i18n/sentinelhub_batch_<language>.qm`` for QGIS's locale;
``remove_translator()`` (unload) takes it out again.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

log = logging.getLogger("sentinelhub_batch")

I18N_FOLDER = Path(__file__).resolve().parents[2] / "i18n"
TRANSLATION_PREFIX = "sentinelhub_batch_"
CODE_CONTEXT = "@default"
"""The context ``pylupdate5`` gives to ``tr()`` calls that are not ``self.tr()``."""

_translator: Optional[QTranslator] = None


def tr(text: str) -> str:
    """``text`` in the user's language when the plugin has a translation for it (thread-safe)."""
    translator = _translator
    if translator is None:
        return text
    # Only the plugin's own translator is asked (another plugin's "@default" texts never leak in). QTranslator takes
    # C strings: PyQt would encode a str as ASCII, so the UTF-8 bytes are passed.
    return translator.translate(CODE_CONTEXT.encode(), text.encode("utf-8")) or text


def qgis_language() -> str:
    """The two-letter language QGIS shows its own interface in (its locale setting, else the system's)."""
    return (QgsApplication.locale() or "en")[:2].lower()


def translation_file(language: str) -> Path:
    return I18N_FOLDER / f"{TRANSLATION_PREFIX}{language}.qm"


def install_translator(language: str = "") -> Optional[str]:
    """Install the translation for ``language`` (default: QGIS's); returns the language installed, if any."""
    global _translator
    remove_translator()
    language = language or qgis_language()
    path = translation_file(language)
    if not path.is_file():
        return None
    translator = QTranslator()
    if not translator.load(str(path)):
        log.warning("The translation %s could not be loaded.", path.name)
        return None
    QCoreApplication.installTranslator(translator)
    _translator = translator
    return language


def remove_translator() -> None:
    global _translator
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
    _translator = None
