"""Translations can see every user string: ``tr()`` gets string literals only, and ``i18n/*.ts`` holds every ``tr()``
literal of the plugin and every text of the ``ui/`` forms (``make i18n`` extracts them with pylupdate5).

The extraction rule is pylupdate5's: plain ``tr("…")`` calls go to the context ``@default``, the texts of a ``.ui``
file (all ``<string>`` without ``notr="true"``) to the context named by its ``<class>``.

The German translation is complete, and every translation is sound: it keeps the ``{placeholders}`` its source fills
with ``.format()`` (a missing or renamed one raises at runtime, an added one too) and the space or punctuation its
source starts or ends with (fragments are joined to other texts: " (reprojected from {crs})", ". Check the job id.").
"""

from __future__ import annotations

import ast
import re
import string
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import List, Set, Tuple

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
I18N = REPOSITORY / "i18n"
CODE_CONTEXT = "@default"
GERMAN = I18N / "sentinelhub_batch_de.ts"
FRAGMENT_SEPARATORS = " .,;"
Message = Tuple[str, str]


def plugin_sources() -> List[Path]:
    return sorted((REPOSITORY / "plugin").rglob("*.py"))


def non_literal_tr_calls(source: str) -> List[str]:
    """``tr(...)`` calls whose text is not a string literal (pylupdate5 cannot extract those)."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name == "tr" and not (node.args and isinstance(node.args[0], ast.Constant)
                                 and isinstance(node.args[0].value, str)):
            problems.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
    return problems


def code_messages(source: str) -> Set[Message]:
    messages = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "tr" and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            messages.add((CODE_CONTEXT, node.args[0].value))
    return messages


def form_messages(text: str) -> Set[Message]:
    root = ElementTree.fromstring(text)
    context = root.findtext("class", "")
    return {(context, element.text) for element in root.iter("string")
            if element.get("notr") != "true" and element.text}


def translation_files() -> List[Path]:
    return sorted(I18N.glob("sentinelhub_batch_*.ts"))


def ts_messages(path: Path) -> Set[Message]:
    root = ElementTree.parse(path).getroot()
    return {(context.findtext("name", ""), message.findtext("source", ""))
            for context in root.iter("context") for message in context.iter("message")}


def test_tr_gets_string_literals_only():
    problems = {}
    for path in plugin_sources():
        found = non_literal_tr_calls(path.read_text(encoding="utf-8"))
        if found:
            problems[str(path.relative_to(REPOSITORY))] = found
    assert not problems, f"make i18n cannot extract these texts: {problems}"


@pytest.mark.parametrize(
    "source, flagged",
    [
        ('tr("Start")', False),
        ('tr("Job {id}").format(id=task_id)', False),
        ('tr("one "\n   "two")', False),
        ("tr(self.title)", True),
        ('tr(f"Job {task_id}")', True),
        ("tr(TITLE)", True),
        ('QCoreApplication.translate("Context", "text")', False),
    ],
)
def test_checker_flags_tr_without_a_literal(source, flagged):
    assert bool(non_literal_tr_calls(source)) is flagged


def test_there_is_a_translation_and_each_is_compiled():
    files = translation_files()
    assert files, f"no i18n/sentinelhub_batch_<language>.ts in {I18N}"
    for path in files:
        assert path.with_suffix(".qm").is_file(), f"{path.name} is not compiled: run make i18n"


def test_every_user_string_is_in_every_translation_source():
    """A text added to the code or a form without ``make i18n`` fails here, saying which."""
    expected: Set[Message] = set()
    for path in plugin_sources():
        expected |= code_messages(path.read_text(encoding="utf-8"))
    for path in sorted((REPOSITORY / "ui").glob("*.ui")):
        expected |= form_messages(path.read_text(encoding="utf-8"))
    assert len(expected) > 400
    for path in translation_files():
        missing = sorted(expected - ts_messages(path))
        assert not missing, f"{path.name} lacks {len(missing)} text(s), e.g. {missing[:5]}: run make i18n"


def test_the_extractor_reads_forms_as_pylupdate5_does():
    form = """<ui version="4.0"><class>JobsDock</class><widget class="QDockWidget" name="dock">
      <property name="windowTitle"><string>Jobs</string></property>
      <property name="placeholderText"><string notr="true">s3://bucket</string></property></widget></ui>"""
    assert form_messages(form) == {("JobsDock", "Jobs")}
    assert code_messages('x = tr("a " "b")\ny = other("c")') == {(CODE_CONTEXT, "a b")}


def ts_translations(path: Path) -> List[Tuple[str, str, str, bool]]:
    """(context, source, translation, finished) of every message of a ``.ts`` file."""
    root = ElementTree.parse(path).getroot()
    return [(context.findtext("name", ""), message.findtext("source", ""), message.findtext("translation", ""),
             message.find("translation").get("type") is None)
            for context in root.iter("context") for message in context.iter("message")]


def format_fields(text: str) -> List[str]:
    """The ``str.format`` fields of ``text`` as written (``{pu:.1f}``, ``{id}``), and Qt's ``%1``; sorted."""
    fields = [f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
              for _literal, name, spec, conversion in string.Formatter().parse(text) if name is not None]
    return sorted(fields + re.findall(r"%\d+", text))


def translation_problem(source: str, translation: str) -> str:
    """What makes ``translation`` unusable in place of ``source`` ("" when nothing does)."""
    try:
        expected = format_fields(source)
    except ValueError:
        expected = None  # not a format string: its braces are plain text
    try:
        found = format_fields(translation)
    except ValueError as error:
        return f"not a valid format string ({error})" if expected is not None else ""
    if expected is not None and found != expected:
        return f"placeholders {found} instead of {expected}"
    for position, separator in ((0, source[:1]), (-1, source[-1:])):
        if separator and separator in FRAGMENT_SEPARATORS and translation[position:][:1] != separator:
            return f"does not {'start' if position == 0 else 'end'} with {separator!r} as the source does"
    return ""


def test_the_german_translation_is_complete():
    """``make i18n`` marks a new or changed text unfinished; a German user would see it in English."""
    messages = ts_translations(GERMAN)
    assert len(messages) > 400
    unfinished = [source for _context, source, translation, finished in messages if not finished or not translation]
    assert not unfinished, (f"{len(unfinished)} text(s) of {GERMAN.name} are not translated, e.g. {unfinished[:5]}: "
                            "translate them (linguist) and run make i18n")


def test_every_translation_keeps_its_placeholders_and_separators():
    problems = [(path.name, context, source, translation_problem(source, translation))
                for path in translation_files()
                for context, source, translation, finished in ts_translations(path)
                if finished and translation and translation_problem(source, translation)]
    assert not problems, f"{len(problems)} translation(s) would break or garble the text they replace: {problems[:5]}"


@pytest.mark.parametrize(
    "source, translation, broken",
    [
        ("Job {id}: {status}", "Auftrag {id}: {status}", False),
        ("Job {id}: {status}", "{status} – Auftrag {id}", False),
        ("{pu:.1f} PU spent", "{pu:.1f} PU verbraucht", False),
        ("Job {id}: {status}", "Auftrag {id}: {Status}", True),
        ("Job {id}: {status}", "Auftrag {id}", True),
        ("Job {id}", "Auftrag {id} ({status})", True),
        ("{pu:.1f} PU spent", "{pu} PU verbraucht", True),
        ("Tiles {id}", "Kacheln {id", True),
        ("Move %1 to %2", "%1 nach %2 verschieben", False),
        ("Move %1 to %2", "%1 verschieben", True),
        (" (reprojected from {crs})", " (reprojiziert aus {crs})", False),
        (" (reprojected from {crs})", "(reprojiziert aus {crs})", True),
        (". Check the job id.", ". Prüfen Sie die Auftrags-ID.", False),
        (". Check the job id.", "Prüfen Sie die Auftrags-ID.", True),
        (" px", " px", False),
        ("Start", "Starten", False),
    ],
)
def test_the_checker_finds_broken_translations(source, translation, broken):
    assert bool(translation_problem(source, translation)) is broken
