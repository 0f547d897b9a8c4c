"""The answer stage end to end: analyse -> candidates -> features -> score -> select ->
compose. Each step is a module of this package; this one only wires them and applies
the scoping rules (years, places, commitments) that come before scoring."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from answer.analyse import ASPECT_WORDS, LIST, OWNER, Question, analyse, place_mentions
from answer.candidates import gather
from answer.compose import Composer
from answer.config import AnswerConfig
from answer.features import Candidate, Context, dominant_place, feature_matrix
from answer.lookup import StoreLookup
from answer.records import named_owners, owned_records, unit_aliases
from answer.score import Scorer, fits, make_scorer
from answer.select import Scored, best_commitment, choose, ranked, to_picks, widen
from answer.sentences import CountedTermWeights, coverage_forms
from lixia_qa import zh
from lixia_qa.types import Answer, AnswerUnit, Commitment, Document, Hit
from retriever.hybrid import HybridRetriever
from store.base import IndexStore
from store.tokenize import is_place_name

_PLACE_RE = re.compile(rf"[{zh.HAN}]{{1,8}}(?:区|县|市|省|镇|乡|州)")


@dataclass
class Scope:
    """The documents a question may be answered from (None: all) and, for documents that
    only mention the asked year, the spans that do."""

    doc_ids: set[str] | None
    spans: dict[str, list[tuple[int, int]]]


@dataclass
class Considered:
    """Everything one pass over a question produced, for answering and for training."""

    question: Question
    hits: list[Hit]
    candidates: list[Candidate]
    features: np.ndarray
    scope: Scope
    qvec: np.ndarray


class Answerer:
    def __init__(
        self,
        store: IndexStore,
        retriever: HybridRetriever,
        config: AnswerConfig,
        scorer: Scorer | None = None,
    ) -> None:
        self.store = store
        self.retriever = retriever
        self.config = config
        self.tokenizer = retriever.keyword.tokenizer
        self.weights = CountedTermWeights(store.term_df, store.counts()["chunks"], unseen=1.0)
        facts = store.facts()
        self.latest_year: int | None = facts.get("latest_year")
        self.districts = frozenset(facts.get("districts", ()))
        self.documents: StoreLookup[Document] = StoreLookup(store.documents)
        self.composer = Composer(self.documents, config.snippet_pad)
        self.texts = self.documents.view(lambda d: d.text)
        # the district each document is about, counted once per document and index
        self.places = self.documents.view(lambda d: dominant_place(d.text, self.districts))
        self.sentences: StoreLookup[AnswerUnit] = StoreLookup(
            lambda ids: {k: u for k, u in store.units_by_id(ids).items() if u.kind == "sentence"}
        )
        is_place_name("")  # reads jieba's dictionary tags now, not on the first question
        self.scorer = scorer or make_scorer(
            config.scorer, config.model_path, store.manifest().get("model", ""), config.threshold
        )

    # --- public -----------------------------------------------------------------
    def ask(
        self, text: str, k: int = 5, year: int | None = None, history: Sequence[str] = ()
    ) -> Answer:
        t0 = time.perf_counter()
        q = self.analyse(text, year, history)
        query = self.query_text(q)
        foreign = [t for t in q.terms if self._foreign_place(t)] + [
            names[-1]
            for names in place_mentions(q.text, self.tokenizer)
            if not any(map(self._known_place, names))
        ]
        if foreign:  # another district or city than the documents speak of
            return self.composer.abstain(q, self.retriever.search(query, k), t0, place=foreign[0])
        off_topic = self._off_topic(q)
        if off_topic:  # 济南明天会下雨吗: only the place is the documents' word
            hits = self.retriever.search(query, k)
            return self.composer.abstain(q, hits, t0, missing=off_topic)
        answer = self._answer(q, query, k, q.years, t0)
        if answer.abstained and q.relative:
            # 今年/去年 are resolved against the newest documents; when those do not
            # answer, an older document may: the answer then says which year it is.
            fallback = self._answer(q, query, k, (), t0)
            if not fallback.abstained:
                year_of = self.documents[fallback.citations[0].doc_id].year
                text_ = (
                    fallback.text
                    if fallback.text.startswith("（") or year_of is None
                    else f"（{year_of}年）{fallback.text}"
                )
                return replace(fallback, text=text_, year=year_of)
        return answer

    def analyse(self, text: str, year: int | None = None, history: Sequence[str] = ()) -> Question:
        q = analyse(text, self.tokenizer, self.latest_year, history)
        return replace(q, years=(year,), relative=False) if year else q

    @staticmethod
    def query_text(q: Question) -> str:
        return " ".join([q.text, *q.context_terms])

    @staticmethod
    def keyword_query(q: Question, query: str) -> str:
        """What keyword search is given: the query and the documents' forms of its terms
        (synonyms.tsv: 下水道 -> 管网), so a colloquial question still meets the passage
        that says it officially. The vector side keeps the question as asked."""
        forms = [f for fs in q.forms for f in fs[1:]]
        return " ".join([query, *dict.fromkeys(forms)])

    def consider(
        self,
        q: Question,
        query: str,
        years: Sequence[int],
        exclude: Sequence[str] = (),
        qvec: np.ndarray | None = None,
        scope: Scope | None = None,
    ) -> Considered:
        """Retrieve, gather candidates and compute their features (no decision yet).
        ``exclude`` removes documents (training builds unanswerable cases with it);
        ``scope`` is the caller's ``self.scope(years)`` when it has it already."""
        scope = scope or self.scope(years)
        doc_ids = scope.doc_ids
        if exclude:
            known = doc_ids if doc_ids is not None else self.store.doc_ids()
            doc_ids = set(known) - set(exclude)
        if qvec is None:
            qvec = self.retriever.dense.embedder.encode_queries([query])[0]
        hits = self.retriever.search(
            self.keyword_query(q, query), self.config.candidate_hits, doc_ids, qvec=qvec
        )
        cands = gather(
            self.store,
            hits,
            qvec,
            doc_ids,
            scope.spans,
            self.config.vector_candidates,
            self.places,
        )
        X = feature_matrix(self.context(q), cands)
        return Considered(q, hits, cands, X, Scope(doc_ids, scope.spans), qvec)

    def context(self, q: Question) -> Context:
        terms = (*q.terms, *q.context_terms)
        factors = [self.config.aspect_weight if t in ASPECT_WORDS else 1.0 for t in q.terms]
        factors += [self.config.context_weight] * len(q.context_terms)
        seen = [self.weights.seen_weight(q.term_forms(t)) for t in terms]
        all_w = [w if w else self.config.unseen_weight for w in seen]
        asked = frozenset(d for d in self.districts if d in q.text)
        return Context(
            question=q,
            terms=terms,
            forms=tuple(q.term_forms(t) for t in terms),
            weights=tuple(w * f for w, f in zip(seen, factors, strict=True)),
            all_weights=tuple(w * f for w, f in zip(all_w, factors, strict=True)),
            asked_places=asked,
            districts=self.districts,
        )

    # --- the decision -------------------------------------------------------------
    def _answer(self, q: Question, query: str, k: int, years: Sequence[int], t0: float) -> Answer:
        scope = self.scope(years)
        if years and not scope.doc_ids:
            return self.composer.abstain(q, self.retriever.search(query, k), t0, year=years[0])
        t1 = time.perf_counter()
        seen = self.consider(q, query, years, scope=scope)
        timings = {"retrieve_ms": (time.perf_counter() - t1) * 1000}
        hits = seen.hits
        if q.kind in (OWNER, LIST):
            owned = self._owned_by(q, scope.doc_ids)
            if owned:
                return self.composer.records(
                    q, owned, hits, t0, timings, self.config.max_records, self.config.task_chars
                )
        if q.kind == OWNER:
            items = self._commitments(scope.doc_ids)
            found = best_commitment(q, items, self.weights, self.config.record_coverage)
            found = found or self._nearest_commitment(q, items, seen.qvec)
            if found is not None:
                return self.composer.records(
                    q, [found], hits, t0, timings, self.config.max_records, self.config.task_chars
                )
        good, every = ranked(seen.candidates, seen.features, self.scorer)
        confidence = self._confidence(seen, every)
        if not good:
            seen_terms = frozenset(
                t for t in q.terms if any(self.weights.df(f) for f in q.term_forms(t))
            )
            answer = self.composer.abstain(
                q, hits[:k], t0, None, timings, years[0] if years else None, seen_terms
            )
            return replace(answer, confidence=confidence)
        chosen, year_used, others = choose(q, good, self.scorer, self.config, bool(years))
        chosen = widen(chosen, self.sentences, self.config.widen_chars)
        picks = to_picks(chosen, self.texts, q, self.config.max_answer_chars)
        answer = self.composer.answer(q, picks, hits, others, year_used, t0, timings)
        return replace(answer, confidence=confidence)

    def _confidence(self, seen: Considered, every: Sequence[Scored]) -> float | None:
        """The scorer's confidence in its best candidate among those that fit."""
        if not every:
            return None
        rows = {id(c): i for i, c in enumerate(seen.candidates)}
        ok = fits(seen.features)
        for s in every:
            i = rows[id(s.cand)]
            if ok[i]:
                return float(self.scorer.confidence(seen.features[i : i + 1])[0])
        return None

    # --- scoping --------------------------------------------------------------------
    def _off_topic(self, q: Question) -> list[str]:
        """The question's other words when it names a place and every other word is one
        the documents never use (in any of its forms): "济南明天会下雨吗". The place
        matches every passage about it, so without this the place alone would make a
        passage look like an answer. Empty otherwise: a question of unknown words alone
        is left to the vectors (a reworded question may share no word with the text)."""
        topical = [t for t in q.terms if not self._place_word(t)]
        if len(topical) == len(q.terms):
            return []
        if any(self.weights.df(f) for t in topical for f in q.term_forms(t)):
            return []
        return topical

    def _place_word(self, term: str) -> bool:
        """``term`` is a place name: a district of the documents (历下, 历下区) or a place
        in jieba's general dictionary (济南, 山东)."""
        short = term[:-1] if term.endswith(("区", "县")) else term
        return short in self.districts or is_place_name(term)

    def _foreign_place(self, term: str) -> bool:
        """A place name (槐荫区) the documents never mention, not even by its short form
        as a place: "高新区" is foreign to documents that only say 高新技术."""
        if not _PLACE_RE.fullmatch(term) or self.weights.df(term):
            return False
        if zh.is_area_noun(term):  # 老小区 is no place name
            return False
        return not self._known_place(term)

    def _known_place(self, name: str) -> bool:
        """The documents name this place (X区), under this or another suffix (X县)."""
        short = name[:-1]
        if short in self.districts or self.weights.df(name):
            return True
        return any(self.weights.df(f"{short}{end}") for end in "区县市省镇乡州")

    def scope(self, years: Sequence[int]) -> Scope:
        """Documents about ``years``, and for documents that only mention one of them,
        the sections (or paragraphs) where they do: only those may answer."""
        if not years:
            return Scope(None, {})
        about: set[str] = set()
        spans: dict[str, list[tuple[int, int]]] = {}
        for doc in self.store.documents_about(years):
            if doc.year in years:
                about.add(doc.doc_id)
            elif set(years) & set(doc.years):
                found = year_scopes(doc, years)
                if found:
                    about.add(doc.doc_id)
                    spans[doc.doc_id] = found
        return Scope(about, spans)

    def _nearest_commitment(
        self, q: Question, items: Sequence[Commitment], qvec: np.ndarray
    ) -> Commitment | None:
        """The commitment whose task is nearest the question by vector (plus a little
        lexical coverage), when it is near enough: reworded owner questions."""
        starts = self.store.record_rows({(c.doc_id, c.start) for c in items})
        rows = [(c, starts[(c.doc_id, c.start)]) for c in items if (c.doc_id, c.start) in starts]
        if not rows:
            return None
        ctx = self.context(q)
        by_row = self.store.unit_similarities({r for _, r in rows}, qvec)
        sims = np.array([by_row[r] for _, r in rows], dtype=np.float32)
        scores = [
            float(s) + self.config.record_coverage_weight * ctx.cov(c.task)
            for (c, _), s in zip(rows, sims, strict=True)
        ]
        best = int(np.argmax(scores))
        return rows[best][0] if sims[best] >= self.config.record_similarity else None

    def _commitments(self, doc_ids: set[str] | None) -> list[Commitment]:
        return self.store.commitments(doc_ids)

    def _owned_by(self, q: Question, doc_ids: set[str] | None) -> list[Commitment]:
        """Records of the leader or unit the question names ("X局负责哪些工作"),
        those whose task best covers the rest of the question first."""
        items = self._commitments(doc_ids)
        leaders, units = named_owners(q.text, items)
        if not leaders and not units:
            return []
        owned = owned_records(items, leaders, units)
        names = {*leaders, *units, *(a for u in units for a in unit_aliases(u))}
        rest = [t for t in q.terms if not any(t in n or n in t for n in names)]
        forms = [q.term_forms(t) for t in rest]
        w = [self.weights.forms_weight(f) for f in forms]
        return sorted(owned, key=lambda c: -coverage_forms(forms, w, c.task) if rest else 0.0)


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
