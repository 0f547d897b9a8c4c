"""Answer candidates from both sides: the units inside the top hybrid passages, and the
units closest to the question by vector similarity (so a reworded question whose
passage ranked low still competes). Every unit, vector and document comes from the
index store by a small lookup."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

import numpy as np

from answer.analyse import DATE, FACT, LIST, OWNER, PERSON, TERM, Kind
from answer.features import Candidate
from answer.scope import unit_year
from ingest.dates import bar_date
from lixia_qa.types import AnswerUnit, Hit
from store.base import ANSWER_KINDS, IndexStore

__all__ = ["ANSWER_KINDS", "NAME_FIELD", "ONLY_FOR", "fits_kind", "gather"]

# unit kinds that answer only some kinds of question: a whole list (申请材料：1.… 2.…)
# answers 哪些 and 怎么 / 什么 questions; a figure, a date, a place or a person is one of
# its items, which is a sentence unit of its own
ONLY_FOR: Mapping[str, frozenset[Kind]] = {"list": frozenset({LIST, FACT})}
# a form's name field alone (事项名称：居住证申领) names the thing asked about and says
# nothing of it: it answers what something is called, not where, when, how much or which
NAME_FIELD = re.compile(r"^[^：:；;，,。\s]{0,6}名称[：:][^：:；;]*$")
NAME_FIELD_FOR: frozenset[Kind] = frozenset({TERM, FACT})
# a page's date bar (2015-07-20 17:11:13 来源：某办 作者：某办) says when the page was put
# up and by whom (the document's date and source): it answers when and who (哪个街道报的,
# a fact question), not where, how much or which ones
DATE_BAR_FOR: frozenset[Kind] = frozenset({DATE, PERSON, OWNER, FACT})
# a notice's addressees (各镇人民政府、街道办事处，市政府各部门：) are whom it is sent to:
# they lead, own or count nothing asked
ADDRESSEES = re.compile(r"^各[^。；;！？]{2,120}[：:]$")
ADDRESSEES_FOR: frozenset[Kind] = frozenset({FACT})


def fits_kind(unit: AnswerUnit, kind: Kind) -> bool:
    """Whether a unit of this kind may answer a question of ``kind`` (:data:`ONLY_FOR`,
    a lone name field only :data:`NAME_FIELD_FOR`, a page's date bar only
    :data:`DATE_BAR_FOR`, a notice's addressees only :data:`ADDRESSEES_FOR`)."""
    allowed = ONLY_FOR.get(unit.kind)
    if allowed is None and NAME_FIELD.match(unit.text):
        allowed = NAME_FIELD_FOR
    if allowed is None and bar_date(unit.text):
        allowed = DATE_BAR_FOR
    if allowed is None and ADDRESSEES.match(unit.text.strip()):
        allowed = ADDRESSEES_FOR
    return allowed is None or kind in allowed


def gather(
    store: IndexStore,
    hits: Sequence[Hit],
    qvec: np.ndarray,
    doc_ids: Collection[str] | None,
    scopes: Mapping[str, Sequence[tuple[int, int]]],
    *,
    vector_k: int,
    places: Mapping[str, str | None] | None = None,
) -> list[Candidate]:
    """Candidates from the units of ``hits`` plus the ``vector_k`` nearest units, each
    with its ranks and similarities filled in. ``scopes`` limits documents that only
    mention an asked year to the spans that do. The vector rank is the unit's rank among
    the units the store ranks (all of them in the local store). Each candidate carries
    the year it speaks about (its section's or its document's, answer.scope.unit_year) and
    the district its document is about (``places``, by doc id)."""
    qvec = np.asarray(qvec, dtype=np.float32)
    sims = store.unit_ranks(qvec, doc_ids)
    vec_rank = {row: r for r, row in enumerate(sims)}
    nearest = store.unit_search(qvec, vector_k, doc_ids) if vector_k > 0 else []
    cands: dict[int, Candidate] = {}
    units_of = store.units_in([h.chunk for h in hits])
    for rank, (hit, units) in enumerate(zip(hits, units_of, strict=True)):
        for m in units:
            if m.row not in cands:
                cands[m.row] = Candidate(m.row, m.unit, hit.chunk, rank, dict(hit.ranks))
    nearest = [m for m in nearest if m.row not in cands]
    spots = [(m.unit.doc_id, m.unit.start) for m in nearest]
    for m, chunk in zip(nearest, store.chunks_at(spots), strict=True):
        cands[m.row] = Candidate(m.row, m.unit, chunk)
    kept = []
    for c in cands.values():
        spans = scopes.get(c.unit.doc_id)
        if spans is not None and not any(s <= c.unit.start < e for s, e in spans):
            continue
        if doc_ids is not None and c.unit.doc_id not in doc_ids:
            continue
        kept.append(c)
    missing = [c.row for c in kept if c.row not in sims]
    sims.update(store.unit_similarities(missing, qvec))
    passages = store.chunk_similarities({c.chunk.chunk_id for c in kept if c.chunk}, qvec)
    docs = store.documents({c.unit.doc_id for c in kept})
    for c in kept:
        c.vec_rank = vec_rank.get(c.row)
        c.vec_unit = sims[c.row]
        if c.chunk is not None:
            c.vec_passage = passages[c.chunk.chunk_id]
        c.year = unit_year(docs[c.unit.doc_id], c.unit.start)
        c.title = docs[c.unit.doc_id].title
        c.where = docs[c.unit.doc_id].place.names
        c.place = places.get(c.unit.doc_id) if places is not None else None
    return kept
