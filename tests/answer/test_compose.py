"""Short cited answers, years, abstention and commitments on the test corpus (青山区)."""

import re

import pytest

from eval.metrics import citations_valid
from store.tokenize import ChineseTokenizer


def _ask(service, question, **kw):  # type: ignore[no-untyped-def]
    answer = service.ask(question, **kw)
    cites = [{"n": c.n, "snippet": c.snippet} for c in answer.citations]
    if not answer.abstained:
        assert citations_valid(answer.text, cites), answer.text
        for c in answer.citations:  # the snippet is the document text at its offsets
            assert service.document(c.doc_id).text[c.start : c.end] == c.snippet
            assert c.start <= c.highlight_start < c.highlight_end <= c.end
    return answer


def test_figure_answer_is_the_sentence_with_the_figure(service) -> None:
    a = _ask(service, "2024年计划实施多少个重点项目？")
    assert not a.abstained
    assert "60个" in a.text and a.text.endswith("[1]")
    assert a.citations[0].doc_id == "news_2024.md"
    assert len(re.sub(r"\[\d+\]", "", a.text)) <= 120


def test_owner_question_is_answered_from_the_commitment_record(service) -> None:
    a = _ask(service, "老旧小区改造是哪位领导牵头？")
    assert not a.abstained and a.kind == "owner"
    assert "牵头领导：陈涛" in a.text and "区住房和城市建设局" in a.text
    a = _ask(service, "新建中小学幼儿园由哪个单位牵头负责")
    assert "区教育和体育局" in a.text


def test_named_year_picks_that_years_document(service) -> None:
    a = _ask(service, "2023年地区生产总值增长目标是多少")
    assert not a.abstained and "5%" in a.text and "6%" not in a.text
    a = _ask(service, "24年地区生产总值增长目标是多少")
    assert not a.abstained and "6%" in a.text


def test_without_a_year_the_most_recent_figure_is_given_and_others_related(service) -> None:
    a = _ask(service, "地区生产总值增长目标是多少")
    assert not a.abstained
    assert a.text.startswith("（2024年）") and "6%" in a.text
    assert any(r.doc_id == "notice_2023.txt" for r in a.related)


def test_year_the_documents_do_not_cover_abstains(service) -> None:
    a = _ask(service, "2019年地区生产总值增长目标是多少")
    assert a.abstained and "2019" in a.text and a.citations == ()
    assert a.related  # the closest passages are still listed


def test_other_district_abstains(service) -> None:
    a = _ask(service, "槐荫区今年新建幼儿园多少所")
    assert a.abstained and "槐荫区" in a.text


def test_a_place_whose_short_form_the_documents_use_otherwise_abstains(service) -> None:
    # 新建 is a word of the corpus (新建绿地), but the 新建区 of the gazetteer is never named
    a = _ask(service, "新建区今年计划实施多少个重点项目")
    assert a.abstained and "新建区" in a.text


def test_a_common_area_noun_is_no_foreign_place(service) -> None:
    a = _ask(service, "咱们老小区改造是哪位领导牵头？")  # 老小区: a synonym key, no district
    assert not a.abstained and "陈涛" in a.text


def test_the_askers_own_district_is_no_foreign_place(service) -> None:
    a = _ask(service, "咱区老小区改造是哪位领导牵头？")  # 咱区: the asker's district
    assert not a.abstained and "陈涛" in a.text


def test_offtopic_question_abstains(service) -> None:
    assert _ask(service, "糖醋鲤鱼怎么做才好吃").abstained


def test_a_question_whose_only_known_word_is_a_place_abstains(service) -> None:
    # 青山区 and 白塔区 are places of the corpus; 下雨 is no word of the documents
    for question in ("青山区明天会下雨吗", "白塔区明天会下雨吗"):
        a = _ask(service, question)
        assert a.abstained and "关于“下雨”的信息" in a.text, question
    # 山东, a province no document names, is declined as such first
    a = _ask(service, "山东明天会下雨吗")
    assert a.abstained and "关于山东省的信息" in a.text
    # a place and a word the documents use: not off-topic
    assert not _ask(service, "青山区今年新增绿地多少平方米").abstained


def test_near_miss_without_the_asked_figure_abstains(service) -> None:
    # the corpus talks about 滨河公园 but never says how much it costs
    a = _ask(service, "滨河公园建设总投资多少亿元")
    assert a.abstained


def test_a_follow_up_keeps_the_topic(service) -> None:
    first = _ask(service, "2024年要新建几所幼儿园？")
    assert "4所" in first.text
    follow = _ask(service, "那中小学呢？", history=["2024年要新建几所幼儿园？"])
    assert not follow.abstained and "中小学2所" in follow.text
    assert follow.citations[0].doc_id == "news_2024.md"


def test_year_argument_overrides_the_question(service) -> None:
    a = _ask(service, "新建中小学幼儿园多少所", year=2023)
    assert "6所" in a.text


@pytest.mark.parametrize("question", ["旅游收入多少", "青山古镇被评为什么"])
def test_answers_carry_valid_citations(service, question) -> None:
    a = _ask(service, question)
    assert not a.abstained and a.citations


def test_a_sentence_about_another_district_does_not_answer(service) -> None:
    a = _ask(service, "青山区今年计划实施多少个重点项目")
    assert "60个" in a.text and "45个" not in a.text
    a = _ask(service, "白塔区今年计划实施多少个重点项目")
    assert "45个" in a.text and "60个" not in a.text


def test_what_a_named_leader_or_unit_owns_lists_their_records(service) -> None:
    a = _ask(service, "陈涛牵头哪些任务？")
    assert not a.abstained and len(a.citations) == 2
    assert "老旧小区改造" in a.text and "滨河公园" in a.text
    a = _ask(service, "区商务局负责哪些工作")
    assert "社会消费品零售总额增长8%" in a.text and "区商务局" in a.text
    a = _ask(service, "周敏分管的工作里跟卫生有关的有哪些")
    assert a.text.startswith("建成社区卫生服务中心3处")  # the record matching 卫生 comes first


def test_an_abstention_does_not_call_mentioned_words_missing(tokenizer: ChineseTokenizer) -> None:
    from answer.analyse import analyse
    from answer.compose import Composer, asked_for

    q = analyse("滨河公园建好以后占地多大？", tokenizer, None)
    assert asked_for(q) == "相关面积"
    composer = Composer({})
    said = composer.abstain(q, [], 0.0, seen_terms=frozenset({"滨河公园"})).text
    assert "文档提到了“滨河公园”" in said and "没有写明相关面积" in said
    unseen = composer.abstain(q, [], 0.0).text
    assert unseen.startswith("文档中没有找到关于")
    when = analyse("2023年新建学校什么时候完工", tokenizer, None)
    assert asked_for(when) == "时间"
    said = composer.abstain(when, [], 0.0, year=2023, seen_terms=frozenset(when.terms)).text
    assert "没有写明2023年的时间" in said
    which = analyse("养老中心建在哪条路上", tokenizer, None)
    assert asked_for(which) == "具体地点"  # a 哪条路 question asks for a place
    phone = analyse("耕地地力补贴有疑问打什么电话", tokenizer, None)
    assert asked_for(phone) == "电话号码"  # not 问到的内容


def test_a_word_the_documents_say_in_other_words_is_not_called_missing(service) -> None:
    a = _ask(service, "GDP的统计口径是什么")  # 地区生产总值 is in the corpus, 口径 is not
    assert a.abstained
    assert "文档提到了“GDP" in a.text  # as the question wrote it, not lower-cased


def test_snippet_of_a_unit_at_the_start_of_the_text_starts_there() -> None:
    from answer.compose import snippet_bounds

    text = "全县新建幼儿园5所。新增学位2700个。" + "其他内容。" * 30
    s0, e0 = snippet_bounds(text, 0, 10)
    assert s0 == 0 and text[s0:e0].startswith("全县新建幼儿园5所。")


def test_a_question_about_a_document_quotes_its_own_date_and_signature(service) -> None:  # type: ignore[no-untyped-def]
    """哪天印发 / 哪个单位发的 of a notice: the notice's own date and signature lines."""
    when = _ask(service, "目标任务分解的通知是哪天印发的？")
    assert not when.abstained and when.text == "2023年3月6日[1]", when.text
    assert when.citations[0].doc_id == "notice_2023.txt"
    who = _ask(service, "目标任务分解的通知是哪个单位发的？")
    assert not who.abstained and who.text == "青山区人民政府办公室[1]", who.text
    # a question about something else that says 发布 is answered the usual way
    assert "4所" in _ask(service, "2024年要新建几所幼儿园？").text


def test_a_place_refused_for_the_asked_year_names_the_year() -> None:
    """A question about a place no document of the asked year is about is declined as
    文档中没有找到2022年关于白塔区的信息, not as if the place were never named."""
    from types import SimpleNamespace

    from answer.analyse import FIGURE, Question
    from answer.answerer import Answerer
    from answer.turn import Refusal, Turn

    said: dict[str, object] = {}

    class Composer:
        def abstain(self, q, hits, t0, **kw):  # type: ignore[no-untyped-def]
            said.update(kw)

    asked = Question("白塔区2022年旅游收入多少", FIGURE, None, (2022,), ("旅游",), "元")
    turn = Turn(asked, 5, 0.0, (2022,))
    turn.refusal = Refusal(place="白塔区")
    Answerer.compose(SimpleNamespace(composer=Composer()), turn)  # type: ignore[arg-type]
    refusal = said["refusal"]
    assert isinstance(refusal, Refusal) and refusal.place == "白塔区" and said["year"] == 2022
