"""The conversation's HTML: [n] links, sources under the answer, tools, the records link."""

from __future__ import annotations

import html
import json
import re

from lixia_qa.types import Answer, Citation, Document
from ui.conversation import (
    EMPTY_CHAT,
    RecordsLink,
    conversation,
    message_html,
    plain_text,
    segments,
    turn_html,
)

TEXT = "青山区概况。新建幼儿园4所，新增学位1600个。推进滨河公园建设。"
DOC = Document("a.txt", "关于<b>印发</b>的通知", TEXT, date="2023-03-06", date_source="text")


def cite(n: int, sentence: str) -> Citation:
    s = TEXT.index(sentence)
    return Citation(n, "a.txt", DOC.title, DOC.when, TEXT, 0, len(TEXT), 1.0, s, s + len(sentence))


ANSWER = Answer(
    "今年建几所幼儿园？",
    "（2023年）新建幼儿园4所，新增学位1600个。[1]推进滨河公园建设。[2]",
    False,
    (cite(1, "新建幼儿园4所，新增学位1600个。"), cite(2, "推进滨河公园建设。")),
)


def test_segments_keep_the_year_label_and_each_marker() -> None:
    assert segments(ANSWER.text) == [
        ("（2023年）", None),
        ("新建幼儿园4所，新增学位1600个。", 1),
        ("推进滨河公园建设。", 2),
    ]
    assert segments("没有来源的话") == [("没有来源的话", None)]
    # a document number's year in brackets is quoted text, no link to a 2014th source
    assert segments("见芦政发[2014]17号文件。[1]") == [("见芦政发[2014]17号文件。", 1)]


def test_each_marker_is_a_link_to_its_card_under_the_answer() -> None:
    out = turn_html(5, "<问>", ANSWER, {"a.txt": DOC}, {"question": "q"})
    assert re.findall(r'href="#src-5-(\d)"', out) == ["1", "2"]
    assert 'id="isrc-5-1"' in out and 'id="isrc-5-2"' in out
    assert "&lt;问&gt;" in out and "<问>" not in out  # the question is escaped
    assert "&lt;b&gt;印发" in out  # and the titles
    assert "2023年3月6日（文末落款日期）" in out
    assert 'aria-label="查看来源1"' in out


def test_the_first_source_shows_and_the_others_wait() -> None:
    out = turn_html(0, "q", ANSWER, {}, {})
    assert 'data-count="2"' in out and "其他来源（1）" in out
    one = Answer("q", "推进滨河公园建设。[1]", False, (cite(1, "推进滨河公园建设。"),))
    assert "其他来源" not in turn_html(0, "q", one, {}, {})


def test_tools_copy_plain_text_and_carry_the_feedback() -> None:
    payload = {"question": "今年建几所幼儿园？", "answer": ANSWER.text, "citations": []}
    out = turn_html(0, "q", ANSWER, {}, payload)
    copy = html.unescape(re.search(r'data-copy="([^"]*)"', out).group(1))  # type: ignore[union-attr]
    assert copy == plain_text(ANSWER, {})
    assert copy.startswith("（2023年）新建幼儿园4所") and "<a" not in copy
    assert copy.endswith("[2] 关于<b>印发</b>的通知")
    feedback = html.unescape(re.search(r'data-feedback="([^"]*)"', out).group(1))  # type: ignore[union-attr]
    assert json.loads(feedback) == payload
    for label in ("复制这条回答", "这条回答有用", "这条回答没有用"):
        assert f'aria-label="{label}"' in out


def test_an_abstention_shows_its_closest_passages_as_such() -> None:
    related = (cite(1, "推进滨河公园建设。"),)
    out = turn_html(1, "q", Answer("q", "文档中没有找到。", True, (), related), {}, {})
    assert "未找到确切答案" in out and "最接近的段落（仅供参考）" in out
    assert 'class="cite"' not in out
    bare = turn_html(1, "q", Answer("q", "文档中没有找到。", True), {}, {})
    assert "最接近的段落" not in bare


def test_a_partial_list_says_how_many_and_links_to_all() -> None:
    out = turn_html(0, "q", ANSWER, {}, {}, RecordsLink(16, 2, unit="区住房和城市建设局"))
    assert "共16条，这里列出前2条" in out
    assert 'data-act="records"' in out and 'data-unit="区住房和城市建设局"' in out
    assert "共" not in turn_html(0, "q", ANSWER, {}, {}, RecordsLink(2, 2, unit="区商务局"))


def test_the_conversation_and_a_refused_question() -> None:
    assert conversation([]) == EMPTY_CHAT
    refused = message_html(0, "问", "无法处理这个问题：问题为空")
    assert "无法处理" in conversation([refused]) and 'class="msg bot error"' in refused
