"""Translations can see every user string: ``tr()`` gets string literals only, and ``i18n/*.ts`` holds every ``tr()``
literal of the plugin and every text of the ``ui/`` forms (``make i18n`` extracts them with pylupdate5).

The extraction rule is pylupdate5's: plain ``tr("…")`` calls go to the context ``@default``, the texts of a ``.ui``
file (all ``<string>`` without ``notr="true"``) to the context named by its ``<class>``.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import List, Set, Tuple

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
I18N = REPOSITORY / "i18n"
CODE_CONTEXT = "@default"
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
