"""今年 and 去年 are resolved against the newest documents; that is a guess at the year
meant, so a question those years do not answer is looked for in the others. Two
bulletins written for the test, of two districts and two years."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.answer.small_service import small_service

NEWER = """白塔区2023年国民经济和社会发展统计公报

2023年，全区货物进出口总值12.5亿元，比上年增长9%。全年新增城镇就业3200人。
"""
OLDER = """文圣区2022年国民经济和社会发展统计公报

2022年，全区货物进出口总值8.1亿元，比上年增长5%。全年新增城镇就业2100人。
"""


NEWEST = """白塔区2024年春季招聘会举行

2024年3月，白塔区举办春季招聘会，帮助就业困难人员就业50人。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    docs = {"baita_2023.txt": NEWER, "wensheng_2022.txt": OLDER}
    return small_service(tmp_path_factory.mktemp("relative"), docs)


def test_a_place_the_guessed_years_documents_do_not_name_is_looked_for_in_others(service) -> None:  # type: ignore[no-untyped-def]
    """去年 is 2022 here, whose bulletin is about another district: the district asked
    about is answered from its own 2023 bulletin, and the answer says the year."""
    answer = service.ask("白塔区去年外贸进出口多少")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("（2023年）") and "12.5亿元" in answer.text
    assert answer.citations[0].doc_id == "baita_2023.txt"


def test_a_named_year_is_not_guessed(service) -> None:  # type: ignore[no-untyped-def]
    """A year the question names is meant: no other year's bulletin answers for it."""
    answer = service.ask("白塔区2022年外贸进出口多少")
    assert answer.abstained, answer.text
    assert "2022年" in answer.text and "白塔区" in answer.text


def test_an_older_year_answers_when_it_reads_better_than_the_newest(tmp_path: Path) -> None:
    """今年 is 2024 here, whose one page says how many a job fair placed, not how many
    jobs the year added: the 2023 bulletin, which says so, answers, with its year."""
    docs = {"baita_2023.txt": NEWER, "wensheng_2022.txt": OLDER, "baita_2024.txt": NEWEST}
    service = small_service(tmp_path, docs)
    answer = service.ask("白塔区今年新增就业多少人")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("（2023年）") and "3200人" in answer.text
    # a question the newest page does answer best keeps it
    fair = service.ask("白塔区今年招聘会帮助多少困难人员就业")
    assert not fair.abstained and "50人" in fair.text and not fair.text.startswith("（")


REPORT = """2023年文圣区政府工作报告

各位代表：现在，我代表区人民政府，向大会报告工作。

一、2022年工作回顾

全年货物进出口总值9.6亿元，比上年增长6%。

二、2023年工作安排

今年计划新增城镇就业2500人。
"""


def test_an_answer_from_another_year_is_led_by_the_year_its_text_speaks_of(
    tmp_path: Path,
) -> None:
    """去年 is 2023 here (the newest is 白塔区's 2024 page), and 文圣区's only document is its
    2023 report: its review of 2022 answers, led by 2022, the year it speaks of, not by the
    report's 2023."""
    service = small_service(tmp_path, {"wensheng_2023.txt": REPORT, "baita_2024.txt": NEWEST})
    answer = service.ask("文圣区去年外贸进出口多少")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("（2022年）") and "9.6亿元" in answer.text


def test_a_sentence_leading_with_another_year_answers_no_figure_of_the_asked_one(
    tmp_path: Path,
) -> None:
    """A 2023 news item recalls 2022's spending in a sentence leading with 2022年: asked
    for 2023's, the service declines; asked for 2022's, it answers from that sentence."""
    news = (
        "白塔区加快推进民生项目建设\n\n2023年7月，白塔区各重点民生项目建设现场一派繁忙。"
        "2022年，白塔区全年民生支出达16.1亿元，占财政总支出的84%。\n"
    )
    _declines_then_answers(
        small_service(tmp_path, {"baita_2023_news.txt": news}),
        "白塔区2023年全年民生支出一共多少亿",
        "白塔区2022年全年民生支出一共多少亿",
        "16.1亿元",
    )


def test_a_year_asking_when_qualifies_the_thing_not_the_day(tmp_path: Path) -> None:
    """A 2025 notice collecting 2026's projects says when collecting ends in a paragraph
    naming no 2026: asked when 2026's collecting ends, it answers with that day."""
    notice = (
        "为做好白塔区2026年民生实事项目征集工作，根据有关规定，现面向社会公开征集项目建议。\n\n"
        "民生实事项目建议征集截止时间为2025年11月30日。\n\n"
        "白塔区人民政府办公室\n2025年11月1日\n"
    )
    service = small_service(tmp_path, {"baita_notice.txt": notice})
    answer = service.ask("白塔区征集2026年民生实事项目截止到哪天")
    assert not answer.abstained and "2025年11月30日" in answer.text, answer.text


def test_a_towns_page_answers_for_no_other_town(tmp_path: Path) -> None:
    """A town's report (新场镇) that never names the town asked (航头镇) gives no figure
    for it; asked for its own town, it does."""
    report = (
        "新场镇2023年政府工作报告\n\n"
        "2023年，新场镇坚持稳中求进，全镇引进企业898户，完成计划的225%。\n"
    )
    _declines_then_answers(
        small_service(tmp_path, {"xinchang_2023.txt": report}),
        "浦东航头镇2023年引进了多少家企业",
        "新场镇2023年引进企业多少户",
        "898户",
    )


def _declines_then_answers(service, declined: str, answered: str, says: str) -> None:  # type: ignore[no-untyped-def]
    """``service`` declines question ``declined`` and answers ``answered`` saying ``says``."""
    assert service.ask(declined).abstained
    answer = service.ask(answered)
    assert not answer.abstained and says in answer.text, answer.text
