"""The conversation as HTML: each question, its answer with ``[n]`` links to the sources,
the sources under the answer (the first one shown at once on a phone) and the answer's
tools (copy, useful / not useful), all labelled in Chinese.

Pure rendering: the answer, the cited documents and the link to the full list of an
owner's records come in; a string goes out. ``[n]`` is an ``<a class="cite">`` whose
``href`` names the card it opens (``#src-T-N`` beside the chat, ``#isrc-T-N`` under the
answer); the page's script (:mod:`ui.assets`) scrolls to whichever is shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lixia_qa import zh
from lixia_qa.types import Answer, Citation, Document
from ui.render import cards, esc
from ui.text import cited_text

# a citation marker [n]; not a document number's year in brackets (芦政发[2014]17号)
_MARKER = re.compile(r"\[(\d{1,2})\]")
_YEAR_LABEL = re.compile(rf"^（(?:{zh.YEAR_4})年）")  # the answer's （2024年）
EMPTY_CHAT = (
    '<div class="conversation"><div class="notice">请输入问题，或点击下面的示例问题。'
    "回答中的 [n] 可以点击，查看它所依据的原文。</div></div>"
)


@dataclass(frozen=True)
class RecordsLink:
    """All the records of the leader or unit a question names, when an answer lists
    only some of them: opened in the 责任分工 tab with these filters."""

    total: int
    shown: int
    leader: str = ""
    unit: str = ""


def segments(text: str) -> list[tuple[str, int | None]]:
    """The answer text cut after each ``[n]``: (sentence, n) pairs; text before a year
    label or after the last marker comes with ``None``."""
    out: list[tuple[str, int | None]] = []
    label = _YEAR_LABEL.match(text)
    if label:
        out.append((label.group(0), None))
        text = text[label.end() :]
    pos = 0
    for m in _MARKER.finditer(text):
        out.append((text[pos : m.start()], int(m.group(1))))
        pos = m.end()
    if text[pos:]:
        out.append((text[pos:], None))
    return out


def cite_link(turn: int, n: int) -> str:
    return (
        f'<a class="cite" href="#src-{turn}-{n}" data-turn="{turn}" data-n="{n}" '
        f'aria-label="查看来源{n}">[{n}]</a>'
    )


def shown_text(answer: Answer, docs: Mapping[str, Document]) -> list[tuple[str, int | None]]:
    """The answer's sentences as shown: a table row as labelled text, not raw ``|``."""
    by_n = {c.n: c for c in answer.citations}
    shown = []
    for text, n in segments(answer.text):
        c = by_n.get(n) if n is not None else None
        shown.append((cited_text(text, c, docs.get(c.doc_id) if c else None), n))
    return shown


def plain_text(answer: Answer, docs: Mapping[str, Document]) -> str:
    """What the copy button copies: the answer as shown, then its sources."""
    body = "".join(t + (f"[{n}]" if n is not None else "") for t, n in shown_text(answer, docs))
    cites = answer.citations
    if not cites:
        return body
    lines = [f"[{c.n}] {c.title}" for c in cites]
    return body + "\n\n来源：\n" + "\n".join(lines)


def _bubble(
    turn: int, answer: Answer, docs: Mapping[str, Document], link: RecordsLink | None
) -> str:
    if answer.abstained:
        return f'<div class="bubble"><strong>未找到确切答案</strong><p>{esc(answer.text)}</p></div>'
    parts = [
        esc(t) + (cite_link(turn, n) if n is not None else "") for t, n in shown_text(answer, docs)
    ]
    more = ""
    if link is not None and link.total > link.shown:
        more = (
            f'<p class="records-note">共{link.total}条，这里列出前{link.shown}条。'
            f'<button type="button" class="records-link" data-act="records" '
            f'data-leader="{esc(link.leader)}" data-unit="{esc(link.unit)}">'
            f"在「责任分工」中查看全部{link.total}条</button></p>"
        )
    return f'<div class="bubble"><p>{"".join(parts)}</p>{more}</div>'


def _turn_sources(turn: int, answer: Answer, docs: Mapping[str, Document]) -> str:
    """The answer's sources under it: the first at once on a phone, the others (and,
    beside the chat on a wide screen, all of them) when asked for."""
    related = answer.abstained
    shown: Sequence[Citation] = answer.related if related else answer.citations
    if not shown:
        return ""
    title = "最接近的段落（仅供参考）" if related else "来源"
    more = (
        f'<button type="button" class="more-sources" data-act="more">'
        f"其他{title}（{len(shown) - 1}）</button>"
        if len(shown) > 1
        else ""
    )
    return (
        f'<div class="turn-sources" data-turn="{turn}" data-count="{len(shown)}">'
        f'<div class="sources-title">{title}</div>'
        f'<div class="turn-cards">{cards(shown, related, f"isrc-{turn}", docs)}</div>{more}</div>'
    )


def feedback_json(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False)


def _tools(copy: str, payload: Mapping[str, Any]) -> str:
    return (
        f'<div class="tools" data-copy="{esc(copy)}" data-feedback="{esc(feedback_json(payload))}">'
        '<button type="button" data-act="copy" aria-label="复制这条回答">复制</button>'
        '<button type="button" data-act="up" aria-pressed="false" '
        'aria-label="这条回答有用">有用</button>'
        '<button type="button" data-act="down" aria-pressed="false" '
        'aria-label="这条回答没有用">没用</button>'
        '<span class="tool-status" role="status" aria-live="polite"></span></div>'
    )


def turn_html(
    turn: int,
    question: str,
    answer: Answer,
    docs: Mapping[str, Document],
    payload: Mapping[str, Any],
    link: RecordsLink | None = None,
) -> str:
    """One question and its answer, sources and tools."""
    kind = " abstain" if answer.abstained else ""
    return (
        f'<section class="turn" id="turn-{turn}" data-turn="{turn}">'
        f'<div class="msg user"><div class="bubble">{esc(question)}</div></div>'
        f'<div class="msg bot{kind}">{_bubble(turn, answer, docs, link)}'
        f"{_turn_sources(turn, answer, docs)}{_tools(plain_text(answer, docs), payload)}</div>"
        "</section>"
    )


def message_html(turn: int, question: str, text: str) -> str:
    """A question the service could not take (not loaded, a bad question) and why."""
    return (
        f'<section class="turn" id="turn-{turn}" data-turn="{turn}">'
        f'<div class="msg user"><div class="bubble">{esc(question)}</div></div>'
        f'<div class="msg bot error"><div class="bubble"><p>{esc(text)}</p></div></div></section>'
    )


def conversation(turns: Sequence[str]) -> str:
    """The whole conversation, oldest first."""
    if not turns:
        return EMPTY_CHAT
    return f'<div class="conversation" aria-live="polite">{"".join(turns)}</div>'
