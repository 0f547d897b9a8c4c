"""Short answers in the documents' own words, each sentence cited, or an honest abstention."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from answer.question import FIGURE, LIST, OWNER, Question, analyse
from answer.select import Candidate, best_commitment, candidates, trim_to_window
from answer.sentences import TermWeights, coverage
from ingest.commitments import unit_core
from ingest.lexicon import district_stems
from lixia_qa.settings import Settings
from lixia_qa.types import Answer, Citation, Commitment, Document, Hit
from retriever.hybrid import HybridRetriever
from retriever.store import Index

_PLACE_RE = re.compile(r"[\u4e00-\u9fff]{1,8}(?:区|县|市|省|镇|乡|州)")
_TRAILING = "，、；：,;:"
_SNIPPET_OPENERS = "。！？\n）)"  # a snippet starts after one of these
CANDIDATE_HITS = 20  # passages whose sentences compete for the answer
SNIPPET_PAD = 80
MAX_RECORDS = 3  # commitment records listed for "区商务局负责哪些工作"
TASK_CHARS = 60  # a longer task is cut to its last clauses  # characters of context shown around a cited sentence
MAX_ANSWER_CHARS = 120
SECOND_SENTENCE_GAP = 0.2  # a second sentence from the same document within this score


@dataclass(frozen=True)
class Picked:
    """An answer sentence (already trimmed) with where it came from."""

    start: int
    end: int
    doc_id: str
    score: float


class Answerer:
    def __init__(self, index: Index, retriever: HybridRetriever, settings: Settings) -> None:
        self.index = index
        self.retriever = retriever
        self.settings = settings
        self.weights = TermWeights(
            [c.index_text() for c in index.chunks], unseen=settings.unseen_term_weight
        )
        years = [d.year for d in index.documents.values() if d.year]
        self.latest_year = max(years) if years else None
        corpus = "\n".join(d.text for d in index.documents.values())
        self.districts = frozenset(district_stems(corpus, index.tokenizer.words))
        self.record_open = _record_openings(index.commitments, index.documents)
        self.gaps: dict[str, list[tuple[int, int]]] = {}
        for c in index.commitments:  # records are cut out of answer sentences
            self.gaps.setdefault(c.doc_id, []).append((self.record_open[c.commitment_id], c.end))

    # --- public -----------------------------------------------------------------
    def ask(
        self, text: str, k: int = 5, year: int | None = None, history: Sequence[str] = ()
    ) -> Answer:
        t0 = time.perf_counter()
        q = analyse(text, self.index.tokenizer, self.latest_year, history)
        if year:
            q = replace(q, years=(year,), relative=False)
        query = " ".join([text, *q.context_terms])
        foreign = [t for t in q.terms if self._foreign_place(t)]
        if foreign:  # another district or city than the documents speak of
            return self._abstain(q, self.retriever.search(query, k), t0, place=foreign[0])
        answer = self._answer(q, query, k, q.years, t0)
        if answer.abstained and q.relative:
            # 今年/去年 are resolved against the newest documents; when those do not
            # answer, an older document may: the answer then says which year it is.
            fallback = self._answer(q, query, k, (), t0)
            if not fallback.abstained:
                year_of = self.index.documents[fallback.citations[0].doc_id].year
                text_ = fallback.text if fallback.text.startswith("（") or year_of is None \
                    else f"（{year_of}年）{fallback.text}"
                return replace(fallback, text=text_, year=year_of)
        return answer

    def _answer(
        self, q: Question, query: str, k: int, years: Sequence[int], t0: float
    ) -> Answer:
        doc_ids, scopes = self._docs_for_years(years)
        if years and not doc_ids:
            hits = self.retriever.search(query, k)
            return self._abstain(q, hits, t0, year=years[0])
        t1 = time.perf_counter()
        hits = self.retriever.search(query, max(k, CANDIDATE_HITS), doc_ids)
        timings = {"retrieve_ms": (time.perf_counter() - t1) * 1000}
        if q.kind in (OWNER, LIST):
            owned = self._owned_by(q, doc_ids)
            if owned:
                return self._records_answer(q, owned, hits, t0, timings)
        if q.kind == OWNER:
            found = best_commitment(q, self._commitments(doc_ids), self.weights, self.settings)
            if found is not None:
                return self._records_answer(q, [found], hits, t0, timings)
        cands = candidates(q, hits, self.index.documents, self.gaps, self.weights, self.districts)
        cands = [c for c in cands if _in_scope(c, scopes)]
        good = [c for c in cands if c.coverage >= self.settings.abstain_threshold and c.fits]
        if not good:
            return self._abstain(q, hits[:k], t0, None, timings, years[0] if years else None)
        picks, year_used, others = self._pick(q, good, bool(years))
        return self._compose(q, picks, hits, others, year_used, t0, timings)

    # --- selection ----------------------------------------------------------------
    def _foreign_place(self, term: str) -> bool:
        """A place name (槐荫区) the documents never mention, not even by its short form."""
        if not _PLACE_RE.fullmatch(term) or self.weights.df(term):
            return False
        return term[:-1] not in self.index.bm25.vocab_dict

    def _docs_for_years(
        self, years: Sequence[int]
    ) -> tuple[set[str] | None, dict[str, list[tuple[int, int]]]]:
        """Documents about ``years``, and for documents that only mention one of them,
        the sections (or paragraphs) where they do: only those may answer."""
        if not years:
            return None, {}
        about: set[str] = set()
        scopes: dict[str, list[tuple[int, int]]] = {}
        for doc in self.index.documents.values():
            if doc.year in years:
                about.add(doc.doc_id)
            elif set(years) & set(doc.years):
                spans = year_scopes(doc, years)
                if spans:
                    about.add(doc.doc_id)
                    scopes[doc.doc_id] = spans
        return about, scopes

    def _commitments(self, doc_ids: set[str] | None) -> list[Commitment]:
        items = self.index.commitments
        return [c for c in items if doc_ids is None or c.doc_id in doc_ids]

    def _pick(
        self, q: Question, good: list[Candidate], year_named: bool
    ) -> tuple[list[Picked], int | None, list[Candidate]]:
        """Best sentences; without a named year, prefer the most recent of equally good ones."""
        best = good[0]
        others: list[Candidate] = []
        if not year_named:
            # the same statement for another year: as good, and matching the same terms
            close = [
                c for c in good
                if c.score >= best.score - 0.12 and c.year is not None
                and c.matched >= best.matched and c.doc_id != best.doc_id or c is best
            ]
            years = {c.year for c in close}
            if len(years) > 1:
                recent = max(y for y in years if y is not None)
                others = [c for c in close if c.year != recent]
                best = next(c for c in close if c.year == recent)
        # a figure question gets the one sentence with its figure, not a competing one
        limit = {LIST: self.settings.max_answer_sentences, FIGURE: 1}.get(q.kind, 2)
        chosen = [best]
        for c in good[1:]:
            if len(chosen) >= limit or c in others:
                continue
            same_doc = c.doc_id == best.doc_id
            if c.score >= best.score - (0.15 if q.kind == LIST else SECOND_SENTENCE_GAP) and (
                same_doc or q.kind == LIST
            ) and not any(_overlaps(c, p) for p in chosen):
                chosen.append(c)
        budget = MAX_ANSWER_CHARS
        picks: list[Picked] = []
        for c in chosen:
            start, end = trim_to_window(self.index.documents[c.doc_id].text, c, q, budget)
            if end - start > budget and picks:
                break
            budget -= end - start
            picks.append(Picked(start, end, c.doc_id, c.score))
            if budget < 20:
                break
        # say the year when the candidates speak of more than one
        years_seen = {c.year for c in good[:5] if c.year}
        year_used = best.year if len(years_seen) > 1 or others else None
        return picks, year_used, others

    # --- output -----------------------------------------------------------------
    def _citation(self, n: int, doc: Document, start: int, end: int, score: float) -> Citation:
        s0, e0 = snippet_bounds(doc.text, start, end)
        heading = ""
        for sec in doc.sections:
            if sec.start <= start < sec.end:
                heading = sec.heading
        return Citation(
            n=n, doc_id=doc.doc_id, title=doc.title, date=doc.when, snippet=doc.text[s0:e0],
            start=s0, end=e0, score=round(score, 4), highlight_start=start, highlight_end=end,
            heading=heading, doc_number=doc.doc_number,
        )

    def _related(self, hits: Sequence[Hit], skip: set[str], first_n: int) -> list[Citation]:
        out: list[Citation] = []
        for hit in hits:
            c = hit.chunk
            if c.chunk_id in skip or len(out) >= 3:
                continue
            doc = self.index.documents[c.doc_id]
            out.append(
                Citation(
                    n=first_n + len(out), doc_id=c.doc_id, title=doc.title, date=doc.when,
                    snippet=c.text, start=c.start, end=c.end, score=round(hit.score, 4),
                    highlight_start=c.start, highlight_end=c.start, heading=c.heading,
                    doc_number=doc.doc_number,
                )
            )
        return out

    def _compose(
        self,
        q: Question,
        picks: list[Picked],
        hits: Sequence[Hit],
        others: list[Candidate],
        year: int | None,
        t0: float,
        timings: dict[str, float],
    ) -> Answer:
        citations: list[Citation] = []
        parts: list[str] = []
        for p in picks:
            doc = self.index.documents[p.doc_id]
            cite = next(
                (c for c in citations if c.start <= p.start and p.end <= c.end), None
            ) or self._citation(len(citations) + 1, doc, p.start, p.end, p.score)
            if cite not in citations:
                citations.append(cite)
            parts.append(f"{doc.text[p.start:p.end].strip().rstrip(_TRAILING)}[{cite.n}]")
        text = "".join(parts)
        if year is not None:  # several years compete: say which one this is
            text = f"（{year}年）{text}"
        related = [
            self._citation(len(citations) + i + 1, self.index.documents[c.doc_id], c.start, c.end,
                           c.score)
            for i, c in enumerate(others[:2])
        ]
        used = {h.chunk.chunk_id for h in hits if any(
            h.chunk.doc_id == p.doc_id and h.chunk.start <= p.start < h.chunk.end for p in picks)}
        related += self._related(hits, used, len(citations) + len(related) + 1)[: 3 - len(related)]
        timings["total_ms"] = (time.perf_counter() - t0) * 1000
        year = year or self.index.documents[picks[0].doc_id].year
        return Answer(q.text, text, False, tuple(citations), tuple(related), year, q.kind, timings)

    def _records_answer(
        self, q: Question, items: Sequence[Commitment], hits: Sequence[Hit], t0: float,
        timings: dict[str, float],
    ) -> Answer:
        """Commitment records verbatim (the end of each task, then its record), each cited."""
        citations: list[Citation] = []
        parts: list[str] = []
        for c in items[:MAX_RECORDS]:
            doc = self.index.documents[c.doc_id]
            rec_start = self.record_open.get(c.commitment_id, c.end)
            task_start = c.start
            if rec_start - task_start > TASK_CHARS:  # keep the end of a long task
                cut = max(doc.text.rfind(p, task_start, rec_start - TASK_CHARS + 20)
                          for p in "，；。")
                task_start = cut + 1 if cut >= task_start else task_start
            citations.append(self._citation(len(citations) + 1, doc, task_start, c.end, 1.0))
            parts.append(f"{doc.text[task_start:c.end].strip().lstrip(_TRAILING)}[{len(parts) + 1}]")
        related = self._related(hits, set(), len(citations) + 1)
        timings["total_ms"] = (time.perf_counter() - t0) * 1000
        year = self.index.documents[items[0].doc_id].year
        return Answer(q.text, "".join(parts), False, tuple(citations), tuple(related), year,
                      q.kind, timings)

    def _owned_by(self, q: Question, doc_ids: set[str] | None) -> list[Commitment]:
        """Records of the leader or unit the question names ("区商务局负责哪些工作"),
        those whose task best covers the rest of the question first."""
        items = self._commitments(doc_ids)
        leaders = {n for c in items for n in c.leaders if len(n) >= 2 and n in q.text}
        units = {u for c in items for u in (*c.lead_units, *c.units)
                 if len(unit_core(u)) >= 3 and unit_core(u) in q.text}
        if not leaders and not units:
            return []
        owned = [c for c in items if leaders & set(c.leaders)
                 or units & {*c.lead_units, *c.units}]
        names = {*leaders, *units, *(unit_core(u) for u in units)}
        rest = [t for t in q.terms if not any(t in n or n in t for n in names)]
        w = [self.weights.weight(t) for t in rest]
        return sorted(owned, key=lambda c: -coverage(rest, w, c.task) if rest else 0.0)

    def _abstain(
        self,
        q: Question,
        hits: Sequence[Hit],
        t0: float,
        place: str | None = None,
        timings: dict[str, float] | None = None,
        year: int | None = None,
    ) -> Answer:
        """文档中没有找到[2019年]关于“…”的信息, with the closest passages as related."""
        timings = dict(timings or {})
        topic = place or ("“" + "、".join(q.terms[:3]) + "”" if q.terms else "这个问题")
        when = f"{year}年" if year else ""
        text = f"文档中没有找到{when}关于{topic}的信息。以下是最接近的段落，供参考。"
        timings["total_ms"] = (time.perf_counter() - t0) * 1000
        related = self._related(hits, set(), 1)
        return Answer(q.text, text, True, (), tuple(related), year, q.kind, timings)


def snippet_bounds(text: str, start: int, end: int, pad: int = SNIPPET_PAD) -> tuple[int, int]:
    """Context around ``text[start:end]`` that starts and ends at sentence (or record) ends."""
    lo = max(0, start - pad)
    cut = max(text.rfind(ch, lo, start) for ch in _SNIPPET_OPENERS)
    if cut >= start - 2:  # the sentence opens right there: show the one before too
        cut = max(text.rfind(ch, lo, cut) for ch in _SNIPPET_OPENERS)
    s0 = cut + 1 if cut >= 0 else lo
    while s0 < start and (text[s0].isspace() or text[s0] in _TRAILING + "。"):
        s0 += 1
    after = [i for i in (text.find(ch, end, end + pad) for ch in "。！？\n") if i >= 0]
    e0 = min(after) + 1 if after else min(len(text), end + pad)
    return s0, max(e0, end)


def year_scopes(doc: Document, years: Sequence[int]) -> list[tuple[int, int]]:
    """Spans of ``doc`` that speak of one of ``years``: the innermost section holding
    "YYYY年", or the paragraph when no section does."""
    spans = []
    for year in years:
        for m in re.finditer(f"{year}年", doc.text):
            inner = [s for s in doc.sections if s.start <= m.start() < s.end]
            if inner:
                best = min(inner, key=lambda s: s.end - s.start)
                spans.append((best.start, best.end))
            else:
                start = doc.text.rfind("\n\n", 0, m.start()) + 1
                end = doc.text.find("\n\n", m.end())
                spans.append((start, len(doc.text) if end < 0 else end))
    return spans


def _in_scope(c: Candidate, scopes: dict[str, list[tuple[int, int]]]) -> bool:
    spans = scopes.get(c.doc_id)
    return spans is None or any(s <= c.start < e for s, e in spans)


def _overlaps(a: Candidate, b: Candidate | Picked) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def _record_openings(
    commitments: Sequence[Commitment], documents: dict[str, Document]
) -> dict[str, int]:
    """commitment_id -> offset where its （牵头领导：…） record opens."""
    out = {}
    for c in commitments:
        text = documents[c.doc_id].text
        opening = max(text.rfind("（", c.start, c.end), text.rfind("(", c.start, c.end))
        out[c.commitment_id] = opening if opening >= 0 else c.end
    return out
