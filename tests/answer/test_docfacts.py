"""Questions about a document itself: when it was issued, and by whom (answer.docfacts)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from answer.docfacts import (
    DATE,
    DELIVERED,
    ISSUER,
    NUMBER,
    SPEAKER,
    abbreviates,
    asks_about_document,
    best_document,
    names_towns_asked,
    of_another_town,
    speaks_as,
    stated,
    title_coverage,
)
from lixia_qa.types import Document
from lixia_qa.zh import date_forms


@pytest.mark.parametrize(
    ("question", "what"),
    [
        ("这个通知是哪天发的", DATE),
        ("这个文件是哪天成文的", DATE),  # 成文日期, a document's date
        ("统计公报什么时候发布的？", DATE),
        ("实施细则是哪一天印发的", DATE),
        ("这份文件的发文日期", DATE),
        ("那条新闻发布于什么时候", DATE),
        ("统计公报是哪个单位发布的", ISSUER),
        ("这个通知是哪个部门发的", ISSUER),
        ("指南是谁发布的", ISSUER),
        ("公告的发文机关是哪个", ISSUER),
        ("这份通知是哪个单位出的", ISSUER),
        ("排查结果公示 信息来源单位", ISSUER),  # the page's 来源
        ("项目资金来源是什么", None),  # a thing's source, not the page's
        ("这个实施意见的文号是多少", NUMBER),
        ("那个通知是几号文", NUMBER),
        ("他是什么时候出的道", None),  # 出道, a debut: no document's date
        ("这个事项清单啥时候出的", DATE),
        ("应急预案是哪个单位发下来的", ISSUER),
        ("报告是哪个领导作的", SPEAKER),
        ("今年新建几所幼儿园", None),
        ("文化节什么时候开幕", None),
        ("老旧小区改造由哪个单位牵头", None),
        ("人代会上作政府工作报告的市长是谁", SPEAKER),
        ("2022年政府工作报告是哪位县长作的", SPEAKER),
        ("今年的报告是谁作的", SPEAKER),
        ("22年政府工作报告哪个县长讲的", SPEAKER),
        ("谁念的报告", SPEAKER),
        ("政府工作报告讲的啥", None),
        ("区长是谁", SPEAKER),  # who heads the place: a report's speaker line says
        ("青山市市长叫什么", SPEAKER),
        ("分管教育的副区长是谁", None),  # a deputy delivers no report
        ("总经理是谁", None),
        ("市长作报告说了什么", None),
        ("出入境办理指南是哪年发布的", DATE),  # the year a document names was issued
        ("狂热节拍发布于哪一年", None),  # a year of its subject, not of a document
        ("青禾镇镇长叫啥名字", SPEAKER),  # a town's head delivers its report
        ("青禾 市长 2024 政府工作报告", SPEAKER),  # the post as a keyword of its own
        ("市长热线多少", None),
        ("2022年底那次人代会上，青山是哪个县长作的政府工作报告", SPEAKER),
        ("2020年开人代会青山旗是谁上台做的政府报告", SPEAKER),
        ("哪个部门做的报告", None),
        ("预算报告谁在人代会上作的", SPEAKER),  # where it was given, between
        ("政府工作报告是哪天作的", DELIVERED),
        ("青禾县预算报告哪天在县人代会上做的", DELIVERED),
        ("什么时候做的政府工作报告", DELIVERED),
        ("报告里说哪天开工", None),  # a date the report states, not its own
    ],
)
def test_what_a_question_asks_of_a_document(question: str, what: str | None) -> None:
    asked = asks_about_document(question)
    assert (asked.what if asked else None) == what
    if asked:
        assert question[asked.start : asked.end]


def test_the_ways_a_date_is_written() -> None:
    forms = date_forms("2024-04-30")
    assert forms[0] == "2024年4月30日" and {"2024-04-30", "2024/4/30", "2024.04.30"} <= set(forms)
    assert date_forms("2024") == [] and date_forms("") == []


def test_the_line_that_states_the_fact_alone_wins() -> None:
    """A notice's signature and date lines beat a labelled line, which beats a mention."""
    text = (
        "来源：区医保局　发布日期：2024-08-21\n\n缴费时间：2024年9月1日至2024年12月31日。\n\n"
        "区医保局咨询电话：0571-6688456\n\n某县医疗保障局\n\n2024年8月20日"
    )
    doc = Document("n.txt", "医保缴费公告", text, date="2024-08-20", source="某县医疗保障局")
    start, end = stated(doc, DATE) or (0, 0)
    assert text[start:end] == "2024年8月20日"
    start, end = stated(doc, ISSUER) or (0, 0)
    assert text[start:end] == "某县医疗保障局"
    labelled = Document("p.html", "指南", text, date="2024-08-21", source="区医保局")
    start, end = stated(labelled, DATE) or (0, 0)
    assert text[start:end] == "来源：区医保局　发布日期：2024-08-21"
    start, end = stated(labelled, ISSUER) or (0, 0)
    assert text[start:end].startswith("来源：区医保局")
    # a date or body the text never states: nothing to quote
    assert stated(Document("x.txt", "t", "正文。", date="2023-01-02", source=""), DATE) is None
    assert stated(Document("x.txt", "t", "正文。", date=None, source=""), ISSUER) is None


def test_of_equal_titles_the_newest_document_is_asked_about() -> None:
    """区政府工作报告是哪天发布的 with reports of several years: the newest, as an answer
    without a named year is; a title that covers less loses whatever its date."""
    old = Document("a.txt", "某区2023年政府工作报告", "", date="2023-02-01", year=2023)
    new = Document("b.txt", "某区2024年政府工作报告", "", date="2024-01-20", year=2024)
    news = Document("c.txt", "某区召开会议", "", date="2024-06-01", year=2024)
    assert best_document([old, new], [1.0, 1.0], 0.5) is new
    assert best_document([old, news], [1.0, 0.6], 0.5) is old
    assert best_document([old, new], [0.4, 0.4], 0.5) is None
    undated = Document("d.txt", "某区2025年政府工作报告", "", year=2025)
    assert best_document([new, undated], [1.0, 1.0], 0.5) is undated


def test_a_short_form_covers_the_full_name_in_a_title() -> None:
    assert abbreviates("出生证", "某某县出生医学证明首次签发办事指南")
    assert abbreviates("人社局", "某某区人力资源和社会保障局关于…的通知")
    assert abbreviates("医保", "城乡居民医疗保障缴费通知")
    assert not abbreviates("医保", "医院改造与社会保障")  # too far apart
    assert not abbreviates("证明", "明年的证书")  # out of order
    title = "某某县出生医学证明首次签发办事指南"
    assert title_coverage([("出生证",)], [1.0], title) == 1.0
    assert title_coverage([("出生证",), ("护照",)], [1.0, 1.0], title) == 0.5


def test_a_word_no_document_uses_counts_against_the_title() -> None:
    """居住证有效期多久 over a guide that never says 有效期: the asked word weighs as an
    unseen one (AnswerConfig.unseen_weight), so the guide's title no longer covers it."""
    title = "某某县居住证申领办事指南"
    assert title_coverage([("居住证",), ("有效期",)], [1.4, 2.0], title) < 0.5
    assert title_coverage([("居住证",)], [1.4], title) == 1.0


def test_a_document_number_is_quoted_where_the_document_states_it() -> None:
    text = "青政发〔2024〕3号\n\n青禾县人民政府关于印发某某方案的通知\n\n依据《某某条例》（国发〔2016〕76号）制定本方案。"
    doc = Document("n.txt", "某某方案的通知", text, doc_number="青政发〔2024〕3号")
    start, end = stated(doc, NUMBER) or (0, 0)
    assert text[start:end] == "青政发〔2024〕3号"
    assert stated(Document("x.txt", "t", text, doc_number=""), NUMBER) is None


PAGE = """索引号：11370000/2024-00012　主题分类：社会保障
发布机构：青禾县残疾人联合会　发文日期：2024-03-05
青禾县残疾人证办理指南

（一）所需材料：身份证、户口本、照片。
（二）承办时限：7个工作日。
"""


def test_a_fact_only_the_pages_information_block_states_is_quoted_from_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The block (索引号, 发布机构, 发文日期) is metadata, kept out of the text: asked who
    issued the guide or when, the answer quotes the block's field and cites the page."""
    from eval.metrics import citations_valid
    from tests.answer.small_service import small_service

    service = small_service(tmp_path, {"guide.txt": PAGE})
    who = service.ask("青禾县残疾人证办理指南是哪个单位发布的")
    assert who.text == "发布机构：青禾县残疾人联合会[1]"
    cited = who.citations[0]
    assert (
        cited.snippet == "发布机构：青禾县残疾人联合会" and cited.title == "青禾县残疾人证办理指南"
    )
    assert citations_valid(who.text, [{"n": c.n, "snippet": c.snippet} for c in who.citations])
    assert service.ask("青禾县残疾人证办理指南是哪天发布的").text == "发文日期：2024-03-05[1]"


def test_a_mere_mention_can_be_left_out() -> None:
    """Asked so, a document that only mentions its issuer in a sentence states nothing:
    the page's own field answers first."""
    mention = Document("m.txt", "t", "我代表青禾县人民政府作报告。", source="青禾县人民政府")
    assert stated(mention, ISSUER, mentions=False) is None
    assert stated(mention, ISSUER) is not None


def test_a_speaker_named_with_the_report_inside_a_line_is_stated() -> None:
    """No line under the title names the speaker alone: a news report's sentence or a
    paper's headline naming the head with the report states who gave it; a deputy or a
    head merely asking for the report's work does not."""
    news = "1月17日，青禾县人代会开幕。\n在热烈的掌声中，县长张成亮代表青禾县人民政府向大会作《政府工作报告》。"
    start, end = stated(Document("n.txt", "t", news), SPEAKER, mentions=False) or (0, 0)
    assert "县长张成亮" in news[start:end]
    paper = "当前版：03版\n市长王勇政府工作报告（摘要）\n2023年高质量发展取得新成效"
    start, end = stated(Document("p.txt", "t", paper), SPEAKER, mentions=False) or (0, 0)
    assert news and paper[start:end] == "市长王勇政府工作报告（摘要）"
    for text in ("副市长李四代表市政府作政府工作报告。", "市长要求各部门落实政府工作报告。"):
        assert stated(Document("x.txt", "t", text), SPEAKER, mentions=False) is None
    # a news report naming the speaker without a post, past its head, on the government's behalf
    later = (
        "会议开幕。"
        + "代表们审议了报告。" * 300
        + "“谱写新篇章。”唐某某代表青禾区人民政府所做的《政府工作报告》提出，未来五年……"
    )
    start, end = stated(Document("l.txt", "t", later), SPEAKER, mentions=False) or (0, 0)
    assert later[start:end].startswith("唐某某代表青禾区人民政府所做的《政府工作报告》提出")
    for text in (
        "会上，代表们审议了区人民政府所做的政府工作报告。",
        "大家讨论代表区人民政府作的政府工作报告。",
    ):
        assert stated(Document("y.txt", "t", text), SPEAKER, mentions=False) is None, text


REPORT = """青禾县{year}年政府工作报告

发布时间：{year}-01-1{day}

{year}年1月1{day}日在青禾县人民代表大会上。过去一年，即{last}年，全县经济稳中有进。
"""


def test_a_document_of_the_year_asked_is_asked_about(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two years' reports of equal titles: asked of 2023's, the 2023 report answers, not
    the newest; asked of no year, the newest."""
    from tests.answer.small_service import small_service

    docs = {
        f"r{y}.txt": REPORT.format(year=y, day=d, last=y - 1) for y, d in ((2023, 2), (2024, 3))
    }
    service = small_service(tmp_path, docs)
    assert "2023-01-12" in service.ask("青禾县2023年政府工作报告是哪天发布的").text
    assert "2024-01-13" in service.ask("青禾县政府工作报告是哪天发布的").text


SPOKEN = """政府工作报告

——2022年2月12日在青禾县第十届人民代表大会第二次会议上

青禾县人民政府县长   张明远

各位代表：

现在，我代表县人民政府向大会报告工作。县长要求各部门抓好落实。
"""


def test_who_delivered_a_report_is_its_speaker_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The line under a report's title naming the post and the person answers who
    delivered it; the heading down to it (在…人民代表大会…上) counts as the title for
    the question's other words (人代会)."""
    from tests.answer.small_service import small_service

    doc = Document("r.txt", "政府工作报告", SPOKEN)
    span = stated(doc, SPEAKER)
    assert span is not None and SPOKEN[span[0] : span[1]] == "青禾县人民政府县长   张明远"
    assert stated(Document("n.txt", "通知", "县长要求各部门抓好落实。"), SPEAKER) is None
    newer = "关于下达2024年青禾县人大代表票决民生实事项目的通知\n\n发布日期：2024-03-16\n\n各乡镇：现将项目下达。"
    service = small_service(tmp_path, {"report.txt": SPOKEN, "notice.txt": newer})
    answer = service.ask("青禾县2022年人代会上作政府工作报告的县长是谁")
    assert "张明远" in answer.text and not answer.abstained
    # asked of no year, a newer document naming no speaker does not stand in the way
    assert "张明远" in service.ask("青禾县人代会上谁作的报告").text


def test_a_speaker_named_after_a_place_and_spaced_is_a_speaker_line() -> None:
    """某市 市长 张 三: the post after the place's name, a two-character name set with a
    space to align with longer ones."""
    text = "政府工作报告\n\n——2023年2月2日在青禾市第十六届人民代表大会第三次会议上\n\n青禾市 市长 傅 晟\n\n各位代表："
    span = stated(Document("r.txt", "政府工作报告", text), SPEAKER)
    assert span is not None and text[span[0] : span[1]] == "青禾市 市长 傅 晟"


def test_when_a_report_was_delivered_is_its_delivery_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """哪天作的报告 is answered by the line dating its delivery, with the meeting the
    line was broken onto; a report without one states no such day."""
    from tests.answer.small_service import small_service

    text = (
        "关于青禾县2021年财政预算执行情况的报告\n\n2022年2月20日在青禾县\n\n"
        "第二届人民代表大会第一次会议上\n\n青禾县财政局局长\n\n各位代表：\n\n"
        "受县人民政府委托，现将预算执行情况提请审议。全年一般公共预算收入147.1亿元。"
    )
    span = stated(Document("r.txt", "预算报告", text), DELIVERED)
    assert span is not None
    assert text[span[0] : span[1]] == "2022年2月20日在青禾县\n\n第二届人民代表大会第一次会议上"
    assert stated(Document("n.txt", "通知", "2022年2月20日召开会议。"), DELIVERED) is None
    service = small_service(tmp_path, {"report.txt": text})
    answer = service.ask("青禾县预算报告哪天在县人代会上做的")
    assert "2022年2月20日" in answer.text and not answer.abstained


def test_a_post_whose_name_was_left_blank_names_no_speaker() -> None:
    """A saved report whose speaker line lost its name: the salutation on the next line
    is no name, so the report states no speaker."""
    text = "政府工作报告\n——2024年12月28日在青禾县第十九届人民代表大会第五次会议上\n青禾县人民政府县长\n各位代表\n我代表县人民政府报告工作。"
    assert stated(Document("r.txt", "政府工作报告", text), SPEAKER) is None


TOWN_PAGE = "镇人民政府驻地在青山市龙洞镇。办公电话：0731-5622019"
MAYOR_REPORT = "政府工作报告\n——2023年2月2日在青禾市人民代表大会上\n青禾市 市长 傅 晟\n各位代表："


@pytest.mark.parametrize(
    ("check", "text", "question", "fits"),
    [
        # a town's page does not give another town's phone number or date
        (names_towns_asked, TOWN_PAGE, "青山龙洞镇政府电话多少", True),
        (names_towns_asked, TOWN_PAGE, "青山市壶天镇政府办公电话是多少", False),
        (names_towns_asked, TOWN_PAGE, "乡镇政府电话多少", True),  # towns in general name none
        # words before a 镇 that starts 镇长 or follows 哪个 name no town
        (names_towns_asked, TOWN_PAGE, "龙洞镇现在的镇长是谁啊", True),
        (names_towns_asked, TOWN_PAGE, "龙洞是哪个镇的", True),
        # a 市长's report says who the 市长 is, not who the 县长 is
        (speaks_as, MAYOR_REPORT, "青禾市市长叫什么", True),
        (speaks_as, MAYOR_REPORT, "青禾县县长是谁", False),
        (speaks_as, MAYOR_REPORT, "政府工作报告是谁作的", True),  # no post named
    ],
)
def test_what_the_question_names_the_document_must_name(
    check: Callable[[Document, str], bool], text: str, question: str, fits: bool
) -> None:
    assert check(Document("d.txt", "青山市龙洞镇政府信息公开指南", text), question) is fits


def test_who_heads_a_place_is_its_reports_speaker_and_the_question_is_shown_as_asked(
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    from tests.answer.small_service import small_service

    report = "政府工作报告\n\n——2023年2月2日在青山区第十六届人民代表大会第三次会议上\n\n青山区 区长 傅 晟\n\n各位代表：\n\n现在，我代表区人民政府向大会报告工作。"
    answer = small_service(tmp_path, {"report.txt": report}).ask("青山区长叫什么")
    assert "傅" in answer.text and not answer.abstained
    assert answer.question == "青山区长叫什么"  # not as analysed (青山区区长)


def test_a_line_on_another_town_does_not_answer_for_the_one_asked() -> None:
    """A list of clinics names each one's town: 沾溪镇卫生院's line or a 乡's does not
    answer for 青禾镇卫生院; a line naming the asked town, or none, may."""
    towns = ["青禾镇"]
    assert of_another_town("接种门诊：沾溪镇卫生院接种门诊；咨询电话：13875337923", towns)
    assert of_another_town("接种门诊：鲊埠回族乡卫生院接种门诊；咨询电话：15673700938", towns)
    assert not of_another_town("接种门诊：青禾镇卫生院；咨询电话：0737-1234567", towns)
    assert not of_another_town("咨询电话：0737-1234567", towns)
    assert not of_another_town("城乡居民医保缴费标准380元。", towns)  # 城乡 is no township
    assert not of_another_town("接种门诊：沾溪镇卫生院", [])
