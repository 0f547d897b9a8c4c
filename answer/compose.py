"""The answer as shown: sentences each followed by [n], citations with their snippets,
related passages, and the abstention message."""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence

from answer.analyse import Kind, Question
from answer.select import Picked, Scored
from answer.turn import Refusal
from lixia_qa import zh
from lixia_qa.types import Answer, Citation, Commitment, Document, Hit

_TRAILING = zh.CLAUSE_END
_BLANK_LINES = re.compile(r"\n\s*\n")  # a list quoted whole keeps one item a line
_SNIPPET_ENDS = zh.SENTENCE_END + "\n"  # a snippet ends with one of these
_SNIPPET_OPENERS = _SNIPPET_ENDS + zh.PAREN_CLOSERS  # and starts after one of these
_TASK_CUTS = zh.COMMAS + zh.SEMICOLONS + zh.SENTENCE_END  # where a long task may be cut
MAX_RELATED = 3


def snippet_bounds(text: str, start: int, end: int, pad: int = 80) -> tuple[int, int]:
    """Context around ``text[start:end]`` that starts and ends at sentence (or record) ends."""
    lo = max(0, start - pad)
    cut = max(text.rfind(ch, lo, start) for ch in _SNIPPET_OPENERS)
    if 0 <= cut >= start - 2:  # the sentence opens right there: show the one before too
        cut = max(text.rfind(ch, lo, cut) for ch in _SNIPPET_OPENERS)
    s0 = cut + 1 if cut >= 0 else lo
    while s0 < start and (text[s0].isspace() or text[s0] in _TRAILING + zh.SENTENCE_END):
        s0 += 1
    after = [i for i in (text.find(ch, end, end + pad) for ch in _SNIPPET_ENDS) if i >= 0]
    e0 = min(after) + 1 if after else min(len(text), end + pad)
    return s0, max(e0, end)


_FAMILY_WORDS = {"元": "金额", "平方米": "面积", "亩": "面积", "%": "比例或增幅"}
_KIND_WORDS = {
    Kind.DATE: "时间",
    Kind.LIST: "具体包括哪些",
    Kind.PLACE: "具体地点",
    Kind.PERSON: "具体是谁",
    Kind.TERM: "具体名称",
    Kind.OWNER: "负责的领导或单位",
}


# the contact field asked for (answer.analyse.FIELD_SHAPES), in words
_FIELD_WORDS = {
    "phone": "电话号码",
    "email": "电子邮箱",
    "postcode": "邮政编码",
    "url": "网址",
    "address": "地址",
}


def asked_for(q: Question) -> str:
    """What the question asks for, in words for the abstention message: "相关金额",
    "电话号码"."""
    if q.field in _FIELD_WORDS:
        return _FIELD_WORDS[q.field]
    if q.kind == Kind.FIGURE:
        family = next((w for m, w in _FAMILY_WORDS.items() if (q.measure or "").endswith(m)), None)
        return f"相关{family or '数字'}"
    return _KIND_WORDS.get(q.kind, "问到的内容")


class Composer:
    """Builds :class:`Answer` objects over one index's documents."""

    def __init__(self, documents: Mapping[str, Document], pad: int = 80) -> None:
        self.documents = documents
        self.pad = pad

    def citation(self, n: int, doc: Document, start: int, end: int, score: float) -> Citation:
        s0, e0 = snippet_bounds(doc.text, start, end, self.pad)
        heading = ""
        for sec in doc.sections:
            if sec.start <= start < sec.end:
                heading = sec.heading
        return Citation(
            n=n,
            doc_id=doc.doc_id,
            title=doc.title,
            date=doc.when,
            snippet=doc.text[s0:e0],
            start=s0,
            end=e0,
            score=round(score, 4),
            highlight_start=start,
            highlight_end=end,
            heading=heading,
            doc_number=doc.doc_number,
        )

    def field_citation(self, n: int, doc: Document, stated: str) -> Citation:
        """The citation of a field the document's page states outside its text: the
        field is the snippet; no span of the text is highlighted."""
        return Citation(
            n=n,
            doc_id=doc.doc_id,
            title=doc.title,
            date=doc.when,
            snippet=stated,
            start=0,
            end=0,
            score=1.0,
            heading="页面信息",
            doc_number=doc.doc_number,
        )

    def related(self, hits: Sequence[Hit], skip: set[str], first_n: int) -> list[Citation]:
        out: list[Citation] = []
        for hit in hits:
            c = hit.chunk
            if c.chunk_id in skip or len(out) >= MAX_RELATED:
                continue
            doc = self.documents[c.doc_id]
            out.append(
                Citation(
                    n=first_n + len(out),
                    doc_id=c.doc_id,
                    title=doc.title,
                    date=doc.when,
                    snippet=c.text,
                    start=c.start,
                    end=c.end,
                    score=round(hit.score, 4),
                    highlight_start=c.start,
                    highlight_end=c.start,
                    heading=c.heading,
                    doc_number=doc.doc_number,
                )
            )
        return out

    def answer(
        self,
        q: Question,
        picks: list[Picked],
        hits: Sequence[Hit],
        others: Sequence[Scored],
        year: int | None,
        *,
        t0: float,
        timings: dict[str, float],
    ) -> Answer:
        citations: list[Citation] = []
        parts: list[str] = []
        for p in picks:
            doc = self.documents[p.doc_id]
            if p.stated:  # a field of the page, outside its text: cited as the page's
                cite = self.field_citation(len(citations) + 1, doc, p.stated)
                citations.append(cite)
                parts.append(f"{p.stated}[{cite.n}]")
                continue
            cite = next(
                (
                    c
                    for c in citations
                    if c.doc_id == p.doc_id and c.start <= p.start and p.end <= c.end
                ),
                None,
            ) or self.citation(len(citations) + 1, doc, p.start, p.end, p.score)
            if cite not in citations:
                citations.append(cite)
            quoted = _BLANK_LINES.sub("\n", doc.text[p.start : p.end].strip().rstrip(_TRAILING))
            parts.append(f"{quoted}[{cite.n}]")
        text = "".join(parts)
        if year is not None:  # several years compete: say which one this is
            text = f"（{year}年）{text}"
        related = [
            self.citation(len(citations) + i + 1, self.documents[c.doc_id], c.start, c.end, c.score)
            for i, c in enumerate(others[:2])
        ]
        used = {
            h.chunk.chunk_id
            for h in hits
            if any(
                h.chunk.doc_id == p.doc_id and h.chunk.start <= p.start < h.chunk.end for p in picks
            )
        }
        related += self.related(hits, used, len(citations) + len(related) + 1)[
            : MAX_RELATED - len(related)
        ]
        timings["total_ms"] = (time.perf_counter() - t0) * 1000
        year = year or self.documents[picks[0].doc_id].year
        return Answer(q.text, text, False, tuple(citations), tuple(related), year, q.kind, timings)

    def records(
        self,
        q: Question,
        items: Sequence[Commitment],
        hits: Sequence[Hit],
        t0: float,
        timings: dict[str, float],
        *,
        max_records: int,
        task_chars: int,
    ) -> Answer:
        """Commitment records verbatim (the end of each task, then its record), each cited."""
        citations: list[Citation] = []
        parts: list[str] = []
        for c in items[:max_records]:
            doc = self.documents[c.doc_id]
            rec_start = c.record_start if c.record_start >= 0 else c.end
            task_start = c.start
            if rec_start - task_start > task_chars:  # keep the end of a long task
                cut = max(
                    doc.text.rfind(p, task_start, rec_start - task_chars + 20) for p in _TASK_CUTS
                )
                task_start = cut + 1 if cut >= task_start else task_start
            citations.append(self.citation(len(citations) + 1, doc, task_start, c.end, 1.0))
            parts.append(
                f"{doc.text[task_start : c.end].strip().lstrip(_TRAILING)}[{len(parts) + 1}]"
            )
        related = self.related(hits, set(), len(citations) + 1)
        timings["total_ms"] = (time.perf_counter() - t0) * 1000
        year = self.documents[items[0].doc_id].year
        return Answer(
            q.text, "".join(parts), False, tuple(citations), tuple(related), year, q.kind, timings
        )

    def abstain(
        self,
        q: Question,
        hits: Sequence[Hit],
        t0: float,
        *,
        refusal: Refusal | None = None,
        timings: dict[str, float] | None = None,
        year: int | None = None,
        seen_terms: frozenset[str] = frozenset(),
    ) -> Answer:
        """文档中没有找到[2019年]关于“…”的信息, with the closest passages as related.
        When the documents do use the question's terms (``seen_terms``) they are not said
        to be missing: the message says the documents mention them but do not state what
        was asked (the amount, the date, the names …). A guard's ``refusal`` names the
        place the documents are not about, the words they never use ("关于“下雨”的信息"),
        or what the document asked about does not state ("《…办事指南》没有写明收费")."""
        r = refusal or Refusal()
        place, missing, unstated = r.place, r.missing, r.unstated
        timings = dict(timings or {})
        when = f"{year}年" if year else ""
        seen = [_as_asked(t, q.text) for t in q.terms if t in seen_terms]
        if unstated:  # the document asked about does not say it
            text = f"文档中没有找到这个问题的答案：{unstated}。以下是最接近的段落，供参考。"
        elif seen and not place:
            topic = "“" + "、".join(seen[:3]) + "”"
            text = (
                f"文档中没有找到这个问题的答案：文档提到了{topic}，"
                f"但没有写明{when and when + '的'}{asked_for(q)}。以下是最接近的段落，供参考。"
            )
        else:
            terms = [_as_asked(t, q.text) for t in missing or q.terms]
            words = "“" + "、".join(terms[:3]) + "”" if terms else ""
            topic = place or (r.about + words) or "这个问题"
            text = f"文档中没有找到{when}关于{topic}的信息。以下是最接近的段落，供参考。"
        timings["total_ms"] = (time.perf_counter() - t0) * 1000
        related = self.related(hits, set(), 1)
        return Answer(q.text, text, True, (), tuple(related), year, q.kind, timings)


def _as_asked(term: str, question: str) -> str:
    """``term`` as the question wrote it (GDP, not the lower-cased gdp terms are)."""
    at = question.lower().find(term)
    return question[at : at + len(term)] if at >= 0 else term
