"""The answer stage as declared steps over one state (:class:`answer.turn.Turn`):

    analyse -> guard -> retrieve -> records -> candidates -> read -> decide -> select -> compose

Each step is a method below that reads what earlier steps put on the turn and adds its
own part; the modules of this package do the work (analyse, guards, scope, candidates,
features, read, decide, select, compose). A guard's refusal or an owner question's records
settle a turn: the steps that read candidates are skipped, and compose writes the
abstention or the records.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cached_property, lru_cache

import numpy as np

from answer import guidefields
from answer.analyse import (
    ASPECT_WORDS,
    DATE,
    FIGURE,
    LIST,
    OWNER,
    Question,
    analyse,
    in_parts,
    unjoined,
)
from answer.candidates import fits_kind, gather
from answer.compose import Composer
from answer.config import AnswerConfig
from answer.decide import decision_inputs
from answer.docfacts import (
    DELIVERED,
    FACTS,
    SPEAKER,
    asks_about_document,
    best_document,
    heading,
    names_towns,
    names_towns_asked,
    of_another_town,
    speaks_as,
    stated,
    title_coverage,
    towns_named,
    where_stated,
)
from answer.features import (
    Candidate,
    Context,
    dominant_place,
    feature_matrix,
    leads_with_another_year,
)
from answer.guards import Guards, PlaceScope, one_area, without_place_names
from answer.guidefields import (
    SAYS,
    asking_words,
    asks_guide_field,
    asks_one_field,
    field_span,
    guide_opening,
    is_field_line,
    is_guide,
    labelled_span,
    names_another_kind,
)
from answer.lookup import StoreLookup
from answer.read import load_reading, read, to_read
from answer.records import named_owners, owned_records, owner_role, unit_aliases
from answer.scope import unit_year, year_scope
from answer.score import LearnedScorer, Scorer, answerability_inputs, fits, make_scorer
from answer.select import Picked, Scored, best_commitment, choose, ranked, to_picks, widen
from answer.sentences import CountedTermWeights, coverage_forms
from answer.turn import Refusal, Scope, Turn
from ingest.lexicon import word_tag
from ingest.places import evident_places, places_in, unit_place
from ingest.structure import marker_rank
from lixia_qa import zh
from lixia_qa.types import Answer, AnswerUnit, Chunk, Commitment, Document, Hit, Place
from retriever.hybrid import HybridRetriever
from store.base import IndexStore

Step = Callable[[Turn], None]


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
        docs = store.documents(store.doc_ids()).values()
        self.guards = Guards(self.weights, self.districts, self.tokenizer, [d.place for d in docs])
        self.place_scope = PlaceScope(d.place for d in docs)
        # documents whose place is not known, in a folder of many places' documents: any
        # place a question names may be theirs (in one area's folder they are its own)
        places = [d.place for d in docs]
        self.unplaced = frozenset(
            () if one_area(places) else (d.doc_id for d in docs if not d.place)
        )
        self._place_words = lru_cache(maxsize=32)(self._words_used)
        # the places each document placed nowhere evidently speaks of, read once when asked
        self._evident: dict[str, tuple[Place, ...]] = {}
        self._speaking = lru_cache(maxsize=32)(self._documents_speaking)
        self.documents: StoreLookup[Document] = StoreLookup(store.documents)
        self.composer = Composer(self.documents, config.snippet_pad)
        self.texts = self.documents.view(lambda d: d.text)
        # the district each document is about, counted once per document and index
        self.places = self.documents.view(lambda d: dominant_place(d.text, self.districts))
        self.sentences: StoreLookup[AnswerUnit] = StoreLookup(
            lambda ids: {k: u for k, u in store.units_by_id(ids).items() if u.kind == "sentence"}
        )
        self.scorer = scorer or make_scorer(
            config.scorer, config.model_path, store.manifest().get("model", ""), config.threshold
        )
        self.reading = load_reading(config, self.scorer)
        # the declared steps, in order (analyse runs before the turn exists)
        self.steps: tuple[Step, ...] = (
            self.guard,
            self.retrieve,
            self.find_document_fact,
            self.find_records,
            self.gather,
            self.read,
            self.decide,
            self.select,
            self.compose,
        )

    # --- public -----------------------------------------------------------------
    def ask(
        self, text: str, k: int = 5, year: int | None = None, history: Sequence[str] = ()
    ) -> Answer:
        turn, older = self._decided(self.analyse(text, year, history), k, "compose")
        assert turn.answer is not None
        answer = self._with_year(turn.answer) if older else turn.answer
        # the question as asked (in simplified characters), not as analysed (琼海市长 is
        # read as 琼海市市长, :func:`answer.analyse.post_of_place`)
        return replace(answer, question=zh.to_simplified(text))

    def passages(self, text: str, k: int = 5) -> list[Hit]:
        """The passages that best answer ``text``, best first: those an answer quotes,
        then those holding a candidate that may answer, in the decision's order, then
        the others retrieval found for it (a question the guards refuse has none). A
        今年/去年 question no newest document answers is searched over every year, as
        :meth:`ask` answers it."""
        turn, _ = self._decided(self.analyse(text), k, "select")
        chunks = [s.cand.chunk for s in turn.good if s.cand.chunk is not None]

        def quoted(c: Chunk) -> bool:
            return any(
                p.doc_id == c.doc_id and p.start < c.end and c.start < p.end for p in turn.picks
            )

        retrieved = {h.chunk.chunk_id: h for h in turn.hits}
        out: dict[str, Hit] = {}
        for chunk in sorted(chunks, key=lambda c: not quoted(c)):  # stable: decision order
            out.setdefault(
                chunk.chunk_id, retrieved.get(chunk.chunk_id) or Hit(chunk, 0.0, "answer")
            )
        for hit in turn.hits:
            out.setdefault(hit.chunk.chunk_id, hit)
        return list(out.values())[:k]

    def _decided(self, q: Question, k: int, until: str) -> tuple[Turn, bool]:
        """``q`` run up to the step ``until``, and whether the turn is over every year:
        今年/去年 are resolved against the newest documents, a guess at the year meant,
        so the question is also read over every year, and an older document answers
        when the newest do not or it answers with more confidence (the answer then says
        which year it is)."""
        turn = self.run(Turn(q, k, time.perf_counter(), q.years, query=self.query_text(q)), until)
        refused = turn.refusal is not None and turn.refusal.year is None
        if q.relative and not refused:
            older = self.run(turn.again(()), until)
            if _answered(older) and (
                not _answered(turn) or (older.confidence or 0.0) > (turn.confidence or 0.0)
            ):
                return older, True
        return turn, False

    def run(self, turn: Turn, until: str = "compose") -> Turn:
        """Run the steps over ``turn`` up to and including the step named ``until``."""
        for step in self.steps:
            t = time.perf_counter()
            step(turn)
            turn.timings[f"{step.__name__}_ms"] = (time.perf_counter() - t) * 1000
            if step.__name__ == until:
                break
        return turn

    def consider(
        self,
        q: Question,
        exclude: Sequence[str] = (),
        years: Sequence[int] = (),
        qvec: np.ndarray | None = None,
    ) -> Turn:
        """Retrieve, gather candidates and compute their features, with no decision:
        what training reads. ``exclude`` removes documents (its near misses)."""
        turn = Turn(q, 5, time.perf_counter(), tuple(years), tuple(exclude), self.query_text(q))
        turn.qvec, turn.scope = qvec, year_scope(self.store, turn.years)
        for step in (self.retrieve, self.gather):
            step(turn)
        return turn

    def analyse(self, text: str, year: int | None = None, history: Sequence[str] = ()) -> Question:
        q = analyse(text, self.tokenizer, self.latest_year, history)
        q = in_parts(unjoined(q, self._used), self._used, self.tokenizer.tokens)
        return replace(q, years=(year,), relative=False) if year else q

    def _used(self, word: str) -> bool:
        """The documents use ``word``."""
        return self.weights.df(word) > 0

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

    # --- the steps ----------------------------------------------------------------
    def guard(self, turn: Turn) -> None:
        """Decline a place the documents never name (in a folder of many places'
        documents, those naming no place may answer for it instead), a question whose
        only known word is a place (or whose words only other places' documents use), or
        a year no document covers; else scope the documents by year."""
        q = turn.question
        place = self.guards.foreign_place(q)
        if place:
            if not self.unplaced:
                turn.refusal = Refusal(place=place)
                return
            turn.unplaced = place
            named = places_in(place, loose=True)
            turn.unplaced_docs = self._unplaced_for(named)
            if not turn.unplaced_docs:
                turn.refusal = Refusal(place=place)
                return
            missing = self.guards.off_topic(q, named, self._unplaced_words)
            if missing:
                turn.refusal = Refusal(missing=tuple(missing), about=place)
                return
            turn.question = q = without_place_names(q, place, named)
        missing = self.guards.off_topic(q)
        if missing:
            turn.refusal = Refusal(missing=tuple(missing))
            return
        turn.scope = year_scope(self.store, turn.years, q.of_document and q.years == turn.years)
        if turn.years and not turn.scope.doc_ids:
            turn.refusal = Refusal(year=turn.years[0])
        if q.kind == DATE:  # the year qualifies what is asked about (征集2026年项目截止
            # 到哪天: 2025年11月30日), not the day: a document about it answers anywhere
            turn.scope = Scope(turn.scope.doc_ids, {})
        turn.places = self.place_scope.asked(q.text, plain=not turn.unplaced)
        if turn.refusal is None and turn.places:
            # the words may be used, but only by documents about other places
            missing = self.guards.off_topic(q, turn.places, self._place_words(turn.places))
            if missing:
                turn.refusal = Refusal(missing=tuple(missing), about=turn.places[0].name)

    def _unplaced_for(self, places: Sequence[Place]) -> frozenset[str]:
        """The documents placed nowhere that may be about ``places``: not those evidently
        speaking of a city or county neither in nor around them (:func:`evident_places`:
        大竹县's news, placed nowhere, says nothing of 渠县)."""
        missing = sorted(set(self.unplaced) - set(self._evident))
        for d, doc in self.store.documents(missing).items():
            self._evident[d] = evident_places(doc.text)
        return frozenset(
            d
            for d in self.unplaced
            if all(any(e.within(p) or p.within(e) for p in places) for e in self._evident[d])
        )

    @cached_property
    def _unplaced_words(self) -> Callable[[str], bool]:
        """Whether the documents :attr:`unplaced` use a word (any case)."""
        docs = self.store.documents(sorted(self.unplaced)).values()
        return _used_in(d.text for d in docs)

    def _documents_speaking(self, places: tuple[Place, ...]) -> frozenset[str]:
        """The documents that may speak for ``places`` (:meth:`PlaceScope.speaks_for`)."""
        docs = self.store.documents(self.store.doc_ids()).values()
        return frozenset(d.doc_id for d in docs if PlaceScope.speaks_for(d.place, d.text, places))

    def _words_used(self, places: tuple[Place, ...]) -> Callable[[str], bool]:
        """Whether the documents that may speak for ``places`` use a word (any case)."""
        docs = self.store.documents(self.store.doc_ids()).values()
        return _used_in(PlaceScope.documents(((d.place, d.text) for d in docs), places))

    def retrieve(self, turn: Turn) -> None:
        """Hybrid search: the passages candidates come from (or, for a refusal, the
        closest passages shown beside it)."""
        if turn.qvec is None:
            turn.qvec = self.retriever.dense.embedder.encode_queries([turn.query])[0]
        if turn.refusal is not None:
            turn.hits = self.retriever.search(turn.query, turn.k, qvec=turn.qvec)
            return
        query = self.keyword_query(turn.question, turn.query)
        n = self.config.candidate_hits
        turn.hits = self.retriever.search(query, n, self._doc_ids(turn), qvec=turn.qvec)

    def find_document_fact(self, turn: Turn) -> None:
        """A question about a document itself (哪天发布的, 哪个单位发的, 文号) or one a
        service guide answers in a field (在哪办, 要多久, 带啥): where the retrieved
        document (:meth:`_documents_for`) whose title best covers the question's other
        words states its date, issuing body or number (:mod:`answer.docfacts`), or the
        guide's field (:mod:`answer.guidefields`)."""
        q = turn.question
        asked = asks_about_document(q.text) or asks_guide_field(q.text)
        if turn.refusal is not None or asked is None or not turn.hits:
            return
        phrases = asking_words(q.text, asked)
        rest = tuple(t for t in q.terms if not any(t in p for p in phrases))
        if not rest:
            return
        ctx = self.context(replace(q, terms=rest, context_terms=()))
        docs = [d for d in self._documents_for(turn) if names_towns_asked(d, q.text)]
        if asked.what == SPEAKER:  # only a report naming its speaker says who gave it
            docs = [d for d in docs if speaks_as(d, q.text)]
        elif asked.what == DELIVERED:  # only a report dating its delivery says when
            docs = [d for d in docs if stated(d, DELIVERED) is not None]
        # a word no passage uses weighs too (有效期 of a guide that never says it), when
        # it is a word at all: not a fragment the tokenizer left (能办, 办要)
        weights = [
            w if w or word_tag(t)[0] is None else a
            for t, w, a in zip(rest, ctx.weights, ctx.all_weights, strict=True)
        ]
        # a title is read under its document's place: 关于印发…实事项目的通知 is 崇明区's
        cover = {
            d.doc_id: title_coverage(
                ctx.forms, weights, " ".join((*d.place.names, _named_as(d), heading(d, asked.what)))
            )
            for d in docs
        }
        fields = None  # a guide field's span in each guide stating it; only those compete
        if asked.what not in FACTS:
            fields = {d.doc_id: _field_for(d, asked.what, turn.places, rest, q.text) for d in docs}
            guides = [d for d in docs if is_guide(d)]
            covering = [cover[d.doc_id] for d in guides]
            guide = best_document(guides, covering, self.config.document_title_coverage)
            if guide is not None and fields[guide.doc_id] is None and asks_one_field(q.text):
                turn.refusal = Refusal(unstated=f"《{guide.title}》没有写明{SAYS[asked.what]}")
                return
            docs = [d for d in docs if fields[d.doc_id] is not None]
            cover.update(_field_covers(docs, fields, ctx.forms, weights, cover))
        covered = [cover[d.doc_id] for d in docs]
        doc = best_document(docs, covered, self.config.document_title_coverage)
        if doc is None:
            return
        if fields is not None:
            span = fields[doc.doc_id]
            pick = Picked(span[0], span[1], doc.doc_id, 1.0) if span is not None else None
        else:
            pick = _fact_pick(doc, asked.what)
        if pick is not None:
            turn.picks = [pick]
            turn.about_document = True

    def _documents_for(self, turn: Turn) -> list[Document]:
        """The retrieved documents that may speak for the question: about the place it
        names (张店's guide, not another county's) and, when some are of the year it
        names, those (2023年政府工作报告哪天发布的: the report of 2023, not its successor)."""
        docs = [self.documents[d] for d in dict.fromkeys(h.chunk.doc_id for h in turn.hits)]
        if turn.places:
            docs = [d for d in docs if PlaceScope.speaks_for(d.place, d.text, turn.places)]
        if turn.unplaced:
            docs = [d for d in docs if d.doc_id in turn.unplaced_docs]
        if turn.years:
            docs = [d for d in docs if d.year in turn.years] or docs
        return docs

    def find_records(self, turn: Turn) -> None:
        """Owner and list questions: the commitment records of the leader or unit the
        question names, or (owner questions) the record whose task the question asks
        about, by lexical coverage, else by the nearest task vector."""
        q = turn.question
        if turn.settled or q.kind not in (OWNER, LIST):
            return  # (a document's own line answers 哪个单位发的 of a notice)
        items = self.store.commitments(self._record_doc_ids(turn))
        owned = self._owned_by(q, items)
        if owned or q.kind != OWNER:
            turn.records = owned
            return
        found = best_commitment(q, items, self.weights, self.config.record_coverage)
        found = found or self._nearest_commitment(q, items, turn.qvec)
        turn.records = [found] if found is not None else []

    def gather(self, turn: Turn) -> None:
        """The answer units of the retrieved passages and those nearest the question,
        with their features."""
        if turn.settled:
            return
        assert turn.qvec is not None and turn.scope is not None
        cands = gather(
            self.store,
            turn.hits,
            turn.qvec,
            self._doc_ids(turn),
            turn.scope.spans,
            vector_k=self.config.vector_candidates,
            places=self.places,
        )
        cands = [c for c in cands if fits_kind(c.unit, turn.question.kind)]
        towns = towns_named(turn.question.text)
        turn.candidates = self._admissible(turn, cands, towns)
        if cands and not turn.candidates:  # nothing about the place the question names
            # in the years asked: a 去年 question may still be answered over every year
            place = turn.places[0].name if turn.places else next(iter(towns), None)
            turn.refusal = Refusal(place=place, year=next(iter(turn.years), None))
            return
        turn.features = feature_matrix(self.context(turn.question), turn.candidates)

    def _admissible(
        self, turn: Turn, cands: list[Candidate], towns: Sequence[str]
    ) -> list[Candidate]:
        """Of ``cands``, those that may answer for the places, towns and years asked: about
        the place the question names (:meth:`PlaceScope.allows`; a figure question only
        inside it), naming no other town than one it names, from no town's page about
        another town (:func:`_of_another_town`), and, for a figure, not leading with a year
        not asked (:func:`answer.features.leads_with_another_year`)."""
        inside = turn.question.kind != FIGURE
        others = {
            d for d in {c.unit.doc_id for c in cands} if _of_another_town(self.documents[d], towns)
        }
        return [
            c
            for c in cands
            if PlaceScope.allows(c, turn.places, inside)
            and not of_another_town(c.unit.text, towns)
            and c.unit.doc_id not in others
            and (inside or not leads_with_another_year(c.unit.text, turn.years))
        ]

    def read(self, turn: Turn) -> None:
        """The reader reads the candidates the linear ranker puts first among those no
        veto rules out."""
        if self.reading is None or turn.settled or turn.features is None:
            return
        assert isinstance(self.scorer, LearnedScorer)
        prior = self.scorer.ranker.logit(turn.features)
        turn.read = to_read(prior, fits(turn.features), self.config.read_candidates)
        asked = {n for p in turn.places for n in p.names}
        turn.reading = read(self.reading.reader, turn.query, turn.candidates, turn.read, asked)

    def decide(self, turn: Turn) -> None:
        """Which candidates may answer, best first, and the confidence in the best: by
        the decider over the reader's reading, or by the linear scorer alone."""
        if turn.settled or turn.features is None:
            return
        if self.reading is None or turn.read is None or turn.reading is None:
            turn.good, every = ranked(turn.candidates, turn.features, self.scorer)
            turn.confidence = self._confidence(turn, every)
            return
        if not len(turn.read):
            return
        assert isinstance(self.scorer, LearnedScorer) and self.scorer.answerability
        decider, X = self.reading.decider, turn.features[turn.read]
        ranker = self.scorer.ranker.logit(X)
        answerable = self.scorer.answerability.logit(answerability_inputs(self.scorer.ranker, X))
        reader = turn.reading[turn.read]
        z = decider.rank(reader, ranker)
        p = decider.probability(decision_inputs(reader, ranker, answerable))
        order = np.argsort(-z, kind="stable")
        turn.confidence = float(p[order[0]])
        if turn.confidence < decider.threshold:  # the best does not answer: none does
            return
        turn.good = [
            Scored(turn.candidates[turn.read[i]], float(z[i]))
            for i in order
            if p[i] >= decider.threshold
        ]

    def select(self, turn: Turn) -> None:
        """The spans to quote: the best candidate and those as good from its document
        (several for a list), trimmed to the answer budget."""
        if turn.settled or not turn.good:
            return
        q = turn.question
        chosen, turn.year_used, turn.others = choose(
            q, turn.good, self._gaps(), self.config, bool(turn.years)
        )
        chosen = widen(chosen, self.sentences, self.config.widen_chars)
        turn.picks = to_picks(chosen, self.texts, q, self.config.max_answer_chars)

    def compose(self, turn: Turn) -> None:
        """The answer as shown: quoted spans with [n], records, or an abstention."""
        q, c = turn.question, self.composer
        if turn.refusal is not None:
            r = turn.refusal
            # a place no document of the asked year is about: say which year
            year = r.year or (turn.years[0] if r.place and turn.years else None)
            turn.answer = c.abstain(
                q, turn.hits, turn.t0, refusal=r, timings=turn.timings, year=year
            )
            return
        if turn.records:
            cfg = self.config
            turn.answer = c.records(
                q,
                turn.records,
                turn.hits,
                turn.t0,
                turn.timings,
                max_records=cfg.max_records,
                task_chars=cfg.task_chars,
            )
            return
        if not turn.picks:
            seen_terms = frozenset(
                t for t in q.terms if any(self.weights.df(f) for f in q.term_forms(t))
            )
            year = turn.years[0] if turn.years else None
            hits = turn.hits[: turn.k]
            answer = c.abstain(
                q, hits, turn.t0, timings=turn.timings, year=year, seen_terms=seen_terms
            )
        else:
            answer = c.answer(
                q,
                turn.picks,
                turn.hits,
                turn.others,
                turn.year_used,
                t0=turn.t0,
                timings=turn.timings,
            )
        turn.answer = replace(answer, confidence=turn.confidence)

    # --- helpers -------------------------------------------------------------------
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

    def _gaps(self) -> tuple[float, float]:
        """How far below the best a further sentence and a statement about another year
        may score, on the deciding model's scale."""
        if self.reading is not None:
            gap = self.reading.decider.gap
            return gap, gap
        return self.scorer.gap, self.config.year_gap

    def _doc_ids(self, turn: Turn) -> set[str] | None:
        doc_ids = turn.scope.doc_ids if turn.scope else None
        if turn.unplaced:
            unplaced = turn.unplaced_docs
            doc_ids = set(unplaced if doc_ids is None else unplaced & set(doc_ids))
        if turn.exclude:
            known = doc_ids if doc_ids is not None else self.store.doc_ids()
            doc_ids = set(known) - set(turn.exclude)
        return doc_ids

    def _record_doc_ids(self, turn: Turn) -> set[str] | None:
        """The documents whose commitment records may answer: those of the question's
        year and, when it names a place, those that may speak for it (大竹县's task table
        does not say who runs a 临安 project)."""
        doc_ids = self._doc_ids(turn)
        if not turn.places:
            return doc_ids
        speaking = self._speaking(turn.places)
        return set(speaking if doc_ids is None else speaking & set(doc_ids))

    def _with_year(self, answer: Answer) -> Answer:
        """An answer from an older document than 今年 meant, led by the year its quoted
        text speaks of (a 2023 report's review of 2022: 2022, :func:`answer.scope.unit_year`)."""
        cited = answer.citations[0]
        year_of = unit_year(self.documents[cited.doc_id], cited.start)
        if answer.text.startswith("（") or year_of is None:
            return replace(answer, year=year_of)
        return replace(answer, text=f"（{year_of}年）{answer.text}", year=year_of)

    def _confidence(self, turn: Turn, every: Sequence[Scored]) -> float | None:
        """The scorer's confidence in its best candidate among those that fit."""
        if not every or turn.features is None:
            return None
        X = turn.features
        rows = {id(c): i for i, c in enumerate(turn.candidates)}
        ok = fits(X)
        for s in every:
            i = rows[id(s.cand)]
            if ok[i]:
                return float(self.scorer.confidence(X[i : i + 1])[0])
        return None

    def _nearest_commitment(
        self, q: Question, items: Sequence[Commitment], qvec: np.ndarray | None
    ) -> Commitment | None:
        """The commitment whose task is nearest the question by vector (plus a little
        lexical coverage), when it is near enough: reworded owner questions."""
        starts = self.store.record_rows({(c.doc_id, c.start) for c in items})
        rows = [(c, starts[(c.doc_id, c.start)]) for c in items if (c.doc_id, c.start) in starts]
        if not rows or qvec is None:
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

    def _owned_by(self, q: Question, items: Sequence[Commitment]) -> list[Commitment]:
        """Records of the leader or unit the question names ("X局负责哪些工作"),
        those whose task best covers the rest of the question first, and of those the
        ones the unit leads before the ones it shares or supports."""
        leaders, units = named_owners(q.text, items)
        if not leaders and not units:
            return []
        owned = owned_records(items, leaders, units)
        names = {*leaders, *units, *(a for u in units for a in unit_aliases(u))}
        rest = [t for t in q.terms if not any(t in n or n in t for n in names)]
        forms = [q.term_forms(t) for t in rest]
        w = [self.weights.forms_weight(f) for f in forms]

        def order(c: Commitment) -> tuple[float, int]:
            cover = coverage_forms(forms, w, c.task) if rest else 0.0
            return (-cover, owner_role(c, leaders, units))

        return sorted(owned, key=order)


def _of_another_town(doc: Document, towns: Sequence[str]) -> bool:
    """``doc`` is about a town (新场镇's report) and names none of ``towns``, those a
    question names (航头镇): its figures are another town's."""
    return bool(towns and doc.place.town) and not names_towns(doc, towns)


def _answered(turn: Turn) -> bool:
    """The turn answers: its answer is no abstention or, before composing, it quotes
    spans or records."""
    if turn.answer is not None:
        return not turn.answer.abstained
    return bool(turn.picks or turn.records)


def _fact_pick(doc: Document, what: str) -> Picked | None:
    """The pick quoting where ``doc`` states a fact about itself
    (:func:`answer.docfacts.where_stated`): a span of its text, or its page's field."""
    found = where_stated(doc, what)
    if isinstance(found, str):
        return Picked(0, 0, doc.doc_id, 1.0, stated=found)
    return Picked(found[0], found[1], doc.doc_id, 1.0) if found is not None else None


def _used_in(texts: Iterable[str]) -> Callable[[str], bool]:
    """Whether ``texts`` use a word (any case)."""
    return "\n".join(texts).lower().__contains__


def _field_for(
    doc: Document,
    field: str,
    places: Sequence[Place],
    words: Sequence[str] = (),
    question: str = "",
) -> tuple[int, int] | None:
    """The span of ``doc`` stating ``field`` (:func:`answer.guidefields.field_span`; of
    several phone numbers, the one whose owner holds more of the question's ``words``),
    unless it speaks of another kind of what ``question`` asks about
    (:func:`answer.guidefields.names_another_kind`: 第二代居民身份证's fee for 临时身份证),
    or its lines name a place inside the document's other than the ones asked
    (白塔区民政局地址：…，电话：… for 文圣区民政局电话是多少)."""
    span = field_span(doc, field, words)
    if span is None and field == guidefields.PLACE and "地址" in question:
        # a notice's 地址 line answers an address asked for as one, not any 在哪
        span = labelled_span(doc.text, guidefields.ADDRESS, words)
    if span is not None and names_another_kind(doc.text[span[0] : span[1]], question, words):
        return None
    if span is None or not places:
        return span
    text = doc.text
    start, end = text.rfind("\n", 0, span[0]) + 1, text.find("\n", span[1])
    place = unit_place(text[start : end if end >= 0 else len(text)], doc.place)
    if place == doc.place or any(place.within(p) or p.within(place) for p in places):
        return span
    return None


def _field_covers(
    docs: Sequence[Document],
    fields: dict[str, tuple[int, int] | None],
    forms: Sequence[Sequence[str]],
    weights: Sequence[float],
    cover: dict[str, float],
) -> dict[str, float]:
    """Each document's cover of the question's words, the lines of its field read too:
    the office a field belongs to names the document (电话：… under 某某市公安局出入境管理局,
    for 出入境管理局电话是多少)."""
    out = {}
    for d in docs:
        near = _field_surroundings(d.text, fields[d.doc_id])
        own = title_coverage(forms, weights, " ".join((*d.place.names, _named_as(d), near)))
        out[d.doc_id] = max(cover[d.doc_id], own)
    return out


_FIELD_ABOVE = 60  # characters above a field's line read as what it belongs to


def _field_surroundings(text: str, span: tuple[int, int] | None) -> str:
    """A field's lines with the line above them, which often names whose field it is (an
    office above its 电话：…), at most :data:`_FIELD_ABOVE` characters of it."""
    if span is None:
        return ""
    line = text.rfind("\n", 0, span[0])
    above = text[max(0, line - _FIELD_ABOVE) : max(0, line)].strip().rsplit("\n", 1)[-1]
    return above + " " + text[span[0] : span[1]]


_OPENING = 200  # characters of a text that name it when its title is one of its headings


def _named_as(doc: Document) -> str:
    """What names ``doc`` for a question's words: its title (with, for a guide, what it
    says before its first field: the matters an office's guide covers), or, when the page
    had none and a numbered heading or a guide's labelled line stands in for it (一、申请
    条件, 承诺办结时限：15个工作日), its opening lines."""
    if marker_rank(doc.title) is None and not is_field_line(doc.title):
        return " ".join(filter(None, (doc.title, guide_opening(doc, _OPENING))))
    return doc.text[:_OPENING]
