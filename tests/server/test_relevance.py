"""An abstention shows only passages that say something about the question."""

from __future__ import annotations

from lixia_qa.types import Citation
from server.relevance import content_words, says_something, worth_showing
from server.service import CLOSEST_PASSAGES


def cite(n: int, snippet: str) -> Citation:
    return Citation(n, "d.txt", "标题", None, snippet, 0, len(snippet), 0.5)


def test_a_headline_or_caption_says_nothing() -> None:
    assert not says_something("奋力开创高质量发展新局面")  # a headline
    assert not says_something("图为青山区滨河公园（记者 王小明 摄）")  # a caption
    assert says_something("今年将新建滨河公园，新增绿地12万平方米，方便居民休闲。")


def test_only_passages_sharing_a_content_word_are_kept_and_renumbered() -> None:
    related = [
        cite(1, "奋力开创高质量发展新局面"),
        cite(2, "青山区今年计划实施重点项目60个，完成投资150亿元。"),
        cite(3, "推进滨河公园建设，全年新增绿地12万平方米，方便居民休闲。"),
    ]
    kept = worth_showing(related, ["公园"])
    assert [(c.n, c.snippet[:4]) for c in kept] == [(1, "推进滨河")]
    assert worth_showing(related, []) == ()


def test_content_words_leave_out_places_and_framing() -> None:
    def words(text: str) -> list[str]:
        return ["咱们", "青山区", "老旧小区", "公园", "能", "遛狗"]

    got = content_words("咱们青山区…", words, {"咱们"}, lambda w: w == "青山区")
    assert got == ["老旧小区", "公园", "遛狗"]  # 小区 is an area noun, not a place


def test_an_abstention_without_such_passages_does_not_announce_them(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("青山区明天会下雨吗？")
    assert answer.abstained and answer.related == ()
    assert CLOSEST_PASSAGES not in answer.text and answer.text.startswith("文档中没有找到")


def test_owner_records_count_every_record_of_the_named_unit(service) -> None:  # type: ignore[no-untyped-def]
    question = "周敏牵头哪些工作？"
    answer = service.ask(question)
    records = service.owner_records(question, answer)
    assert records is not None and records.leader == "周敏" and records.unit == ""
    every = service.commitments(leader="周敏")
    assert records.total == len(every) and records.shown == len(answer.citations)
    plain = service.ask("新增学位多少个？")
    assert service.owner_records("新增学位多少个？", plain) is None
