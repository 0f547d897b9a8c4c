"""The service layer: one object that the API, the UI and the CLI all call."""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from answer.analyse import LIST, OWNER, framing_words
from answer.answerer import Answerer
from answer.config import AnswerConfig
from answer.records import filter_commitments, named_owners
from lixia_qa.errors import BadQueryError, NotFoundError
from lixia_qa.settings import Settings
from lixia_qa.types import Answer, Citation, Commitment, Document, Hit
from retriever.hybrid import HybridRetriever
from server.examples import make_hints
from server.relevance import content_words, worth_showing
from server.site import site_name
from store import IndexStore, open_store
from store.directory import check_compatible
from store.embedders import Embedder, load_embedder
from store.tokenize import is_place_name

logger = logging.getLogger(__name__)

# what an abstention says of its related passages: dropped when none is worth showing
CLOSEST_PASSAGES = "以下是最接近的段落，供参考。"


def validate_query(
    text: str,
    max_chars: int,
    what: str = "问题",
    example: str | None = None,
    loc: tuple[str | int, ...] = (),
    allow_blank: bool = False,
) -> str:
    """The stripped query, or a BadQueryError (at ``loc``) that says what to fix.

    The rules are the ones the OpenAPI description states (:mod:`server.openapi`): no
    control characters anywhere, at most ``max_chars`` characters, something visible.
    """
    if not isinstance(text, str):
        raise BadQueryError(f"{what}必须是文字", loc)
    # control characters (but tab and line breaks) and lone surrogates; format characters
    # (zero-width space, direction marks) are ordinary text pasted from other documents
    bad = [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\r\t"]
    if bad:
        codes = ", ".join(repr(c) for c in bad[:3])
        codes = codes.encode("utf-8", "backslashreplace").decode("utf-8")
        raise BadQueryError(f"{what}含有控制字符或无效字符（{codes}），请删除后再试", loc)
    if len(text) > max_chars:
        raise BadQueryError(f"{what}有{len(text)}个字，请控制在{max_chars}字以内", loc)
    stripped = text.strip()
    if not stripped and not allow_blank:
        hint = f"，例如：{example}" if example else ""
        raise BadQueryError(f"{what}为空，请输入内容{hint}", loc)
    return stripped


@dataclass(frozen=True)
class OwnerRecords:
    """Every record of the leader or unit a question names: how many there are, and
    the 责任分工 filter that lists them."""

    total: int
    shown: int
    leader: str = ""
    unit: str = ""


class QAService:
    """Index, embedder, retriever and answerer, loaded once."""

    def __init__(self, store: IndexStore, embedder: Embedder, settings: Settings) -> None:
        self.store = store
        self.manifest = store.manifest()
        self.embedder = embedder
        self.settings = settings
        self.retriever = HybridRetriever.from_store(store, embedder, settings)
        self.answerer = Answerer(store, self.retriever, AnswerConfig.from_settings(settings))
        self.site_name = settings.site_name or site_name(store.list_documents())
        self.hints = make_hints(
            store,
            self.retriever.keyword.tokenizer,
            settings.example_questions,
            ask=lambda q: self.answerer.ask(q, k=settings.top_k),
        )

    @classmethod
    def load(cls, settings: Settings, embedder: Embedder | None = None) -> QAService:
        """Open the settings' index store, checking its index fits the settings."""
        t0 = time.perf_counter()
        store = open_store(settings)
        embedder = embedder or load_embedder(settings)
        check_compatible(store.manifest(), settings, embedder.name)
        service = cls(store, embedder, settings)
        logger.info(
            "opened the %s store at %s (%d chunks) in %.1f s",
            store.kind,
            settings.index_dir,
            service.manifest.get("counts", {}).get("chunks", 0),
            time.perf_counter() - t0,
        )
        return service

    # --- questions ---------------------------------------------------------------
    def _validate(
        self,
        text: str,
        what: str = "问题",
        loc: tuple[str | int, ...] = (),
        allow_blank: bool = False,
    ) -> str:
        example = self.hints.questions[0] if self.hints.questions else None
        limit = self.settings.max_query_chars
        return validate_query(text, limit, what, example, loc, allow_blank)

    def search(self, query: str, k: int | None = None) -> list[Hit]:
        """The passages that best answer ``query``, best first: ranked by the answer
        stage (:meth:`answer.answerer.Answerer.passages`), then by retrieval."""
        query = self._validate(query, "查询", ("query", "q"))
        k = self._k(k)
        hits = self.answerer.passages(query, k)
        if len(hits) < k:
            seen = {h.chunk.chunk_id for h in hits}
            hits += [h for h in self.retriever.search(query, k) if h.chunk.chunk_id not in seen]
        return hits[:k]

    def ask(
        self,
        question: str,
        k: int | None = None,
        year: int | None = None,
        history: Sequence[str] = (),
    ) -> Answer:
        question = self._validate(question, loc=("body", "question"))
        history = list(history)
        if len(history) > self.settings.max_history:
            raise BadQueryError(
                f"最多可带{self.settings.max_history}条历史问题，收到{len(history)}条",
                ("body", "history"),
            )
        history = [
            self._validate(h, "历史问题", ("body", "history", i)) for i, h in enumerate(history)
        ]
        answer = self.answerer.ask(question, k=self._k(k), year=year, history=history)
        if answer.abstained and answer.related:
            related = self._about(question, answer.related)
            text = answer.text if related else answer.text.replace(CLOSEST_PASSAGES, "")
            answer = replace(answer, related=related, text=text)
        return answer

    def _about(self, question: str, related: Sequence[Citation]) -> tuple[Citation, ...]:
        """The passages beside an abstention that say something about the question
        (:mod:`server.relevance`)."""
        words = content_words(
            question, self.retriever.keyword.tokenizer.words, framing_words(), self._is_place
        )
        return worth_showing(related, words)

    def _is_place(self, word: str) -> bool:
        """A place of the documents (青川区, 青川) or of jieba's dictionary (济南)."""
        return is_place_name(word) or word.rstrip("省市区县") in self.answerer.districts

    def owner_records(self, question: str, answer: Answer) -> OwnerRecords | None:
        """For an answer listing a leader's or unit's records: how many that owner has
        in all (the answer shows a few) and the filter that lists them; else None."""
        if answer.abstained or answer.kind not in (OWNER, LIST) or not answer.citations:
            return None
        items = self.store.commitments()
        leaders, units = named_owners(question, items)
        if not leaders and not units:
            return None
        unit = min(units, key=len) if units else ""
        leader = "" if unit else min(leaders)
        total = len(filter_commitments(items, leader=leader or None, unit=unit or None))
        return OwnerRecords(total, len(answer.citations), leader, unit)

    def _k(self, k: int | None) -> int:
        k = self.settings.top_k if k is None else k
        if not 1 <= k <= 50:
            raise BadQueryError(f"k 须在 1 到 50 之间，收到 {k}")
        return k

    # --- documents and commitments ----------------------------------------------
    def documents(self) -> list[Document]:
        return self.store.list_documents()

    def document(self, doc_id: str) -> Document:
        found = self.store.documents([doc_id]).get(doc_id)
        if found is None:
            raise NotFoundError(f"没有文档「{doc_id}」：GET /api/documents 列出全部文档")
        return found

    def commitments(
        self, q: str | None = None, leader: str | None = None, unit: str | None = None
    ) -> list[Commitment]:
        q, leader, unit = (
            self._validate(value or "", what, ("query", name), allow_blank=True) or None
            for value, what, name in (
                (q, "关键词", "q"),
                (leader, "牵头领导", "leader"),
                (unit, "单位", "unit"),
            )
        )
        return filter_commitments(self.store.commitments(), q=q, leader=leader, unit=unit)
