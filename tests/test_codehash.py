"""The code fingerprint: what changes it and what does not (a package written for the test)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lixia_qa.codehash import code_hash, reached

BASE = '''"""Rules."""
import re

from fp_pkg import words
from fp_pkg.words import STOP

LIMIT = 3
PATTERN = re.compile("[0-9]+")


def helper(text: str) -> int:
    """How many figures."""
    return len(PATTERN.findall(text))  # figures


def feature(text: str) -> float:
    return float(helper(text) >= LIMIT and words.KEEP not in text and STOP not in text)


def unrelated(text: str) -> str:
    return text.upper()
'''
WORDS = """KEEP = "保留"
STOP = "停止"
OTHER = "其他"
"""


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pkg = tmp_path / "fp_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "rules.py").write_text(BASE, encoding="utf-8")
    (pkg / "words.py").write_text(WORDS, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return pkg


def _hash(pkg: Path, rules: str = BASE, words: str = WORDS) -> str:
    sources = {"fp_pkg.rules": rules, "fp_pkg.words": words}
    return code_hash(["fp_pkg.rules:feature"], ["fp_pkg"], read=sources.__getitem__)


def test_reaches_names_imports_and_module_attributes(package: Path) -> None:
    got = set(reached(["fp_pkg.rules:feature"], ["fp_pkg"]))
    assert got == {
        ("fp_pkg.rules", "feature"),
        ("fp_pkg.rules", "helper"),
        ("fp_pkg.rules", "LIMIT"),
        ("fp_pkg.rules", "PATTERN"),
        ("fp_pkg.words", "KEEP"),  # words.KEEP: one name of the module, not all of it
        ("fp_pkg.words", "STOP"),  # from fp_pkg.words import STOP
    }


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("LIMIT = 3", "LIMIT = 4"),  # a constant a feature uses
        ('"[0-9]+"', '"[0-9]"'),  # a regex of a helper the feature calls
        (">= LIMIT", "> LIMIT"),  # the feature itself
    ],
)
def test_a_changed_definition_changes_the_hash(package: Path, old: str, new: str) -> None:
    assert old in BASE
    assert _hash(package, BASE.replace(old, new)) != _hash(package)


def test_a_changed_dependency_in_another_module_changes_the_hash(package: Path) -> None:
    assert _hash(package, words=WORDS.replace("保留", "留下")) != _hash(package)
    assert _hash(package, words=WORDS.replace("停止", "终止")) != _hash(package)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"""How many figures."""', '"""Counts the figures."""'),  # a docstring
        ("  # figures", "  # digits"),  # a comment
        ("return text.upper()", "return text.lower()"),  # code the feature never reaches
        ("def helper(text: str) -> int:", "def helper(text: object) -> float:"),  # hints
        ("\n\ndef unrelated", "\n\n\n# moved down\n\ndef unrelated"),  # layout
    ],
)
def test_what_changes_no_result_keeps_the_hash(package: Path, old: str, new: str) -> None:
    assert old in BASE
    assert _hash(package, BASE.replace(old, new)) == _hash(package)
    assert _hash(package, words=WORDS.replace("其他", "别的")) == _hash(package)


def test_an_unknown_root_is_an_error(package: Path) -> None:
    with pytest.raises(LookupError, match="no 'missing'"):
        reached(["fp_pkg.rules:missing"], ["fp_pkg"])
    assert "fp_pkg.rules" not in sys.modules  # nothing is imported to fingerprint it
