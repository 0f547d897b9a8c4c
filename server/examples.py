"""Example questions and look-ups made from the indexed documents (nothing hard-coded).

Citizens get questions about what the documents promise them: a clause stating a figure
("新建中小学幼儿园6所") asked as "2023年新建中小学幼儿园多少所？", and a numbered section
heading asked as "…有哪些安排？". Each one is put to the answerer and kept only when it
is answered (a figure question: with a sentence stating that figure), so an example never
leads to "未找到". Staff get look-ups for the 责任分工 tab: the units and leaders most
often named in commitment records and the commonest task words. The
``LIXIA_EXAMPLE_QUESTIONS`` setting replaces the generated questions.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lixia_qa import zh
from lixia_qa.errors import LixiaError
from lixia_qa.types import Answer, Document
from store.base import IndexStore
from store.tokenize import ChineseTokenizer

logger = logging.getLogger(__name__)

_CLAUSE_SPLIT = re.compile(rf"[{zh.CLAUSE_END}{zh.SENTENCE_END}\s]+")
_NUMBERING = re.compile(rf"^[（(]?[{zh.CN_NONZERO}十\d]+[)）、.．]\s*")
# measure words of things a resident can count or use (general Chinese)
_MEASURES = "个|所|处|家|条|座|项|名|户|张|辆|套|间|栋|台|场|亩|公里|千米|平方米|人次|元|%"
_FIGURE = re.compile(
    rf"^(?P<lead>[{zh.HAN}]{{4,14}}?)(?P<num>\d+(?:\.\d+)?|{zh.CN_NUMERAL}+)"
    rf"(?P<mult>[万亿]?)(?P<unit>{_MEASURES})$"
)
_THIS_YEAR = re.compile("今年|全年|年内|年底前|当年")  # the year is stated before the question
MIN_CHARS, MAX_CHARS = 5, 20
SAMPLE_COMMITMENTS, SAMPLE_DOCUMENTS = 5000, 500  # read from the store at most
CANDIDATES = 12  # questions tried on the answerer per kind

Ask = Callable[[str], Answer]


@dataclass(frozen=True)
class Hints:
    questions: tuple[str, ...]  # citizens' example questions
    keywords: tuple[str, ...]  # words commitment tasks often contain
    unit: str | None  # the unit commitment records name most
    units: tuple[str, ...] = ()  # the units they name most, most first
    leaders: tuple[str, ...] = ()  # the leaders they name most


@dataclass(frozen=True)
class Candidate:
    doc_id: str
    question: str
    states: str = ""  # what the answer must state (the figure), "" for any answer


def _clause(text: str, last: bool = False) -> str | None:
    """A clause of ``text`` between MIN_CHARS and MAX_CHARS characters, if any."""
    parts = [p for p in _CLAUSE_SPLIT.split(_NUMBERING.sub("", text.strip())) if p]
    for part in reversed(parts) if last else parts:
        if MIN_CHARS <= len(part) <= MAX_CHARS:
            return part
    return None


def _spread(candidates: Iterable[Candidate]) -> list[Candidate]:
    """One per document first, in document order, then the rest."""
    items = list(candidates)
    first: list[Candidate] = []
    seen: set[str] = set()
    for c in items:
        if c.doc_id not in seen:
            first.append(c)
            seen.add(c.doc_id)
    return first + [c for c in items if c not in first]


def figure_question(clause: str, year: int | None) -> tuple[str, str] | None:
    """``(question, figure)`` for a clause that ends by stating a figure: "新建中小学幼儿园6所"
    -> ("2023年新建中小学幼儿园多少所？", "6所"); None for any other clause."""
    m = _FIGURE.match(clause)
    if not m:
        return None
    lead = _THIS_YEAR.sub("", m["lead"])
    if len(lead) < 4:
        return None
    unit = "" if m["unit"] == "%" else m["unit"]
    when = f"{year}年" if year else ""
    return f"{when}{lead}多少{m['mult']}{unit}？", f"{m['num']}{m['mult']}{m['unit']}"


def figure_questions(documents: Iterable[Document]) -> list[Candidate]:
    found: list[Candidate] = []
    for doc in documents:
        seen: set[str] = set()
        for part in _CLAUSE_SPLIT.split(doc.text):
            made = figure_question(part.strip(), doc.year)
            if made and made[0] not in seen:
                seen.add(made[0])
                found.append(Candidate(doc.doc_id, *made))
    return _spread(found)


def heading_questions(documents: Iterable[Document]) -> list[Candidate]:
    """Numbered headings first ("（一）…", "二、…": topics); other headings read as slogans."""
    numbered: list[Candidate] = []
    other: list[Candidate] = []
    for doc in documents:
        for section in doc.sections:
            clause = _clause(section.heading)
            if clause:
                item = Candidate(doc.doc_id, f"{clause}有哪些安排？")
                (numbered if _NUMBERING.match(section.heading.strip()) else other).append(item)
    return _spread(numbered) if numbered else _spread(other)


def answered(ask: Ask, candidate: Candidate) -> bool:
    """The answerer answers ``candidate`` (with a sentence stating its figure)."""
    try:
        answer = ask(candidate.question)
    except LixiaError as exc:
        logger.debug("example %s not asked: %s", candidate.question, exc)
        return False
    if answer.abstained or not answer.citations:
        return False
    return not candidate.states or candidate.states in answer.text


def citizen_questions(documents: list[Document], ask: Ask | None, n: int) -> list[str]:
    """Up to ``n`` questions, a figure one and a heading one in turn, each answered."""
    kinds = [figure_questions(documents), heading_questions(documents)]
    kept: list[list[str]] = []
    for candidates in kinds:
        tried = candidates[:CANDIDATES]
        kept.append([c.question for c in tried if ask is None or answered(ask, c)])
    questions: list[str] = []
    for i in range(max(map(len, kept), default=0)):
        questions.extend(k[i] for k in kept if i < len(k))
    return questions[:n]


def make_hints(
    store: IndexStore,
    tokenizer: ChineseTokenizer,
    configured: list[str],
    n: int = 4,
    ask: Ask | None = None,
) -> Hints:
    """Hints from (at most a sample of) the stored commitments and documents; ``ask``
    checks that each example question is answered."""
    questions = list(configured[:n])
    if not questions:
        documents = store.list_documents(limit=SAMPLE_DOCUMENTS)
        questions = citizen_questions(documents, ask, n)
    commitments = store.commitments(limit=SAMPLE_COMMITMENTS)
    units = Counter(u for c in commitments for u in (*c.lead_units, *c.units))
    leaders = Counter(name for c in commitments for name in c.leaders)
    words = Counter(
        w
        for c in commitments
        for w in tokenizer.words(c.task)
        if 2 <= len(w) <= 4 and not any(ch.isdigit() for ch in w)
    )
    return Hints(
        questions=tuple(questions),
        keywords=tuple(w for w, _ in words.most_common(2)),
        unit=units.most_common(1)[0][0] if units else None,
        units=tuple(u for u, _ in units.most_common(3)),
        leaders=tuple(name for name, _ in leaders.most_common(2)),
    )
