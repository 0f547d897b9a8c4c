"""Title, source, date, years and the year a document speaks about."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.clean import clean_text
from ingest.metadata import (
    describe,
    document_year,
    extract_date,
    extract_doc_number,
    extract_source,
    extract_title,
    extract_years,
    tidy_title,
)
from lixia_qa.types import Document

SEEDS = Path(__file__).parents[2] / "seeds"


def _clean_seed(name: str) -> str:
    return clean_text(next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8"))


NOTICE = """青山区人民政府办公室
关于印发2024年重点工作任务分解的通知

各街道办事处，区政府各部门：
现将任务分解印发给你们，请抓好落实。

青山区人民政府办公室
2024年2月5日

一、总体要求
今年是实施规划的关键之年。到2025年，建成示范区。"""


# --- title ---------------------------------------------------------------------------


def test_title_of_a_notice_is_the_guanyu_line() -> None:
    assert extract_title(NOTICE, "x") == "关于印发2024年重点工作任务分解的通知"


def test_title_skips_a_short_banner_when_a_headline_follows() -> None:
    text = "我们在这里\n\n青山区开创高质量发展新局面\n副标题一行\n\n正文。"
    assert extract_title(text, "x") == "青山区开创高质量发展新局面"


def test_title_is_the_first_headline_skipping_bylines_and_dates() -> None:
    assert extract_title(
        "记者 王小明\n\n2024年3月1日\n\n青山：勇争一流，再启新程\n\n正文。", "x"
    ) == ("青山：勇争一流，再启新程")


def test_a_page_part_or_an_issuing_body_is_no_title() -> None:
    """A page template's leftovers (头部 ico) and a table of contents (目 次) are not
    headlines: a headline has at least four Chinese characters."""
    text = "头部ico ico\n\n目 次\n\n青禾县政务服务大厅管理规范\n\n正文。"
    assert extract_title(text, "x") == "青禾县政务服务大厅管理规范"
    # nor is the issuing body a bulletin opens with, nor a table's caption: the file's
    # name says more
    bulletin = (
        "青禾县统计局\n2024年，全县经济稳中有进。全年地区生产总值120亿元。\n表1 户籍人口数及其构成"
    )
    assert extract_title(bulletin, "青禾县2024年统计公报") == "青禾县2024年统计公报"


def test_a_notices_addressees_are_no_title() -> None:
    """A notice copied without its headline opens with its addressees (各镇政府，…：):
    they are no title; the document it issues, titled under its signature and date, is."""
    text = (
        "各镇政府，各街道办事处，县政府各部门：\n"
        "为全面完成县人代会确定的各项任务，县政府研究确定了重要工作事项责任分工，现印发给你们，"
        "请根据承办要求制定实施方案，层层落实责任，确保各项任务落到实处。\n青禾县人民政府\n2025年2月28日\n2025年青禾县政府重要工作事项责任分工\n"
        "一、主要预期目标"
    )
    assert extract_title(text, "x") == "2025年青禾县政府重要工作事项责任分工"


def test_a_page_opening_on_a_draft_is_titled_by_the_draft() -> None:
    """A page that lost its title and opens on the document it puts out for comment
    (…，制定了《青禾县人民政府关于林区禁燃禁放的通告》。) is titled by that document; running
    text naming no drafted document keeps its first sentence."""
    text = (
        "为做好2024年全县森林防火安全工作，根据《中华人民共和国森林法》等有关规定，结合我县实际，"
        "制定了《青禾县人民政府关于林区禁燃禁放的通告》。为广泛听取社会公众意见，现将征求意见稿全文公布。\n"
        "联系电话：0000-1234567"
    )
    assert extract_title(text, "x") == "青禾县人民政府关于林区禁燃禁放的通告"
    plain = text.replace("制定了", "落实")
    assert extract_title(plain, "x").startswith("为做好2024年全县森林防火安全工作")


def test_a_site_name_in_brackets_is_no_title() -> None:
    """A copying site's name in brackets above the body (【example.com-某某信息门户网】) is
    never the title: the first line that can be one is."""
    text = "【example.com-某某信息门户网】\n7月15日，青禾县召开征兵工作会。"
    assert extract_title(text, "x") == "7月15日，青禾县召开征兵工作会。"
    assert extract_title("【青禾信息网】\n青禾县召开征兵工作会。", "x") == "青禾县召开征兵工作会。"


def test_a_menu_bar_or_a_labelled_field_is_no_title() -> None:
    """A saved page's menu bar (设为首页|加入收藏) and a labelled contact or time field
    (咨询电话：…, 来信时间：…) are not headlines; the headline after them is."""
    page = "设为首页|加入收藏\n登录｜注册\n青禾县下月起调整公交票价\n本报讯 记者获悉。"
    assert extract_title(page, "x") == "青禾县下月起调整公交票价"
    reply = "办公室咨询电话：12345678\n来信时间：2025818\n青禾县公交票价调整说明\n正文。"
    assert extract_title(reply, "x") == "青禾县公交票价调整说明"
    assert tidy_title("青禾县公交票价调整公告 |") == "青禾县公交票价调整公告"  # a bar after it


def test_a_labelled_title_or_a_bracketed_label_gives_the_title() -> None:
    """A letter's 来信标题：… is its title, question mark and all; a short label in
    brackets before a headline (【文字解读】) is not part of it, and a bracketed field
    (【发布时间】) is still no title."""
    letter = "来信标题：青禾县公交老年卡怎么办理？\n来信时间：2025-08-18\n来信内容：想咨询。"
    assert extract_title(letter, "x") == "青禾县公交老年卡怎么办理？"
    label = "【文字解读】青禾县2024年公交票价调整方案政策解读\n一、制定背景\n正文。"
    assert extract_title(label, "x") == "青禾县2024年公交票价调整方案政策解读"
    venue = "政府工作报告\n2023年4月7日\n在某市第十一届人民代表大会第二次会议上\n各位代表："
    assert extract_title(venue, "x") == "政府工作报告"  # the report's venue line is no title
    draft = "（征求意见稿）\n── 2023年1月8日在某县第十八届人民代表大会第二次会议上\n各位代表："
    assert extract_title(draft, "x") != "（征求意见稿）"  # a draft's note is no title
    form = "事项名称：临时身份证申领\n办理机构：某县公安局户政科\n办理时限：当场办结"
    assert extract_title(form, "x") == "临时身份证申领"  # a service guide's form
    field = "【发布时间】2025年1月13日\n青禾县召开公交票价听证会\n正文。"
    assert extract_title(field, "x") == "青禾县召开公交票价听证会"


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (
            "青禾县2021年供暖缴费什么时候截止？\n导语：缴费将于11月5日截止。",
            "青禾县2021年供暖缴费什么时候截止？",
        ),
        (
            "电脑版\n注意！青禾这些地方将停电检修！\n计划检修时间和区域",
            "注意！青禾这些地方将停电检修！",
        ),
        # a sentence with a comma before its mark is still body text
        ("您好，请问青禾县供暖什么时候开始？\n青禾县供暖安排\n正文。", "青禾县供暖安排"),
    ],
)
def test_a_headline_may_ask_or_exclaim(page: str, title: str) -> None:
    """A news or answer page's headline may end with a question or exclamation mark
    after no comma or full stop."""
    assert extract_title(page, "x") == title


def test_title_falls_back_and_is_cut_to_60_characters() -> None:
    assert extract_title("", "fallback") == "fallback"
    long_sentence = "这是一句很长的正文" * 10 + "。"
    assert extract_title(long_sentence, "x") == long_sentence[:60]
    # a file named in Chinese says more than its first sentence or a numbered section
    text = long_sentence + "\n一、提高审批效率\n1. 精简手续。"
    assert extract_title(text, "青山区稳增长政策措施") == "青山区稳增长政策措施"
    assert extract_title("一、提高审批效率\n正文。", "x") == "一、提高审批效率"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("000", "奋进逐浪立潮头 创新发展启新程"),
        ("001", "历下：百尺竿头更进一步，创新突破再前行"),
        ("002", "开创国际化一流中心城区建设新局面"),
        ("003", "关于印发2023年《济南市历下区政府工作报告》目标任务分解的通知"),
        ("004", "吹响项目建设冲锋号 创新赋能蓄势启新程 这个春天，历下向“新”而行"),
    ],
)
def test_seed_titles(name: str, title: str) -> None:
    assert extract_title(_clean_seed(name), "x") == title


# --- source --------------------------------------------------------------------------


def test_source_is_the_byline_block() -> None:
    text = "标题\n\n文/片 某某晚报\n记者 王小明 通讯员 李四\n\n正文。"
    assert extract_source(text) == "文/片 某某晚报 记者 王小明 通讯员 李四"
    assert extract_source("标题\n\n来源：青山日报\n\n正文。") == "青山日报"
    # the information line's next field glued on once cleaning took out the spaces
    line = "发布时间：2023-03-08 12:07信息来源：青山区残联阅读次数：\n字号：打印"
    assert extract_source(f"标题\n\n{line}\n\n正文。") == "青山区残联"


def test_source_of_a_notice_is_the_body_signing_above_the_date() -> None:
    assert extract_source(NOTICE) == "青山区人民政府办公室"
    assert extract_source("正文。\n\n青山区财政局\n2024年2月5日") == "青山区财政局"
    assert extract_source("没有署名的正文。") == ""


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("000", "记者 夏侯凤超"),
        ("001", "文/片 齐鲁晚报·齐鲁壹点 记者 刘飞跃 通讯员 杨荣超"),
        ("002", "记者 夏侯凤超"),
        ("003", "济南市历下区人民政府办公室"),
        ("004", "文/片 记者 夏侯凤超 通讯员 杨荣超 康钰坤"),
    ],
)
def test_seed_sources(name: str, source: str) -> None:
    assert extract_source(_clean_seed(name)) == source


# --- date and years ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (NOTICE, "2024-02-05"),
        ("正文。\n\n二〇二三年十二月二十一日", "2023-12-21"),
        ("发布时间：2024-01-18 08:30\n\n正文。", "2024-01-18"),
        ("青山区统计局\n2022年9月", "2022-09"),
        ("2024年3月1日，区里召开大会。", None),  # a date inside a sentence is an event
        ("1月17日上午，会议开幕。", None),
        ("2024年13月1日", None),
    ],
)
def test_extract_date(text: str, date: str | None) -> None:
    assert extract_date(text) == date


def test_extract_years() -> None:
    # historical years count (questions ask about them); 1899 and 12024 are not years here
    text = "2019年完成，2020年启动，到2035年远景目标，1983年9月获奖，1899年不算，12024年也不算，2020年再提。"
    assert extract_years(text) == (1983, 2019, 2020, 2035)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # the publication date wins
        ("正文提到2021年。\n\n2022年5月1日", 2022),
        # a year named together with 今年/年内/全年
        ("今年是2022年。2021年成绩很好，2021年也很忙。", 2022),
        ("全年目标：2023年新增就业1万人。2019年、2019年的基数。", 2023),
        # a year told as done, and then "今年": the year after
        ("2019年，青山区成功夺得全省第一。今年青山区将继续努力。", 2020),
        ("回望2021年，成绩来之不易。今年要再接再厉。", 2022),
        # otherwise the most mentioned year, the latest on a tie; targets do not count
        ("2023年计划。2023年任务。2022年总结。", 2023),
        ("2022年总结。2023年计划。", 2023),
        ("2022年总结。到2025年，建成示范区；2035年远景目标。", 2022),
        ("实施2021-2025年规划，2021年启动。", 2021),
        ("没有年份。", None),
        # a review ("今年以来…完成") that announces the next year ("2025年是…之年")
        ("今年以来，青山区完成投资80亿元。2025年是十五五规划的开局之年。", 2024),
        # the announced year also named as a plain year: no shift
        ("今年以来成绩很好。2025年是关键之年。2025年，新建学校3所。", 2025),
    ],
)
def test_document_year(text: str, year: int | None) -> None:
    assert document_year(text, extract_date(text)) == year


def test_a_year_with_a_future_word_is_not_a_past_year() -> None:
    text = "2024年，青山区将继续努力，今年新增就业1万人。上个月，2023年的总结会召开了。"
    assert document_year(text, None) == 2024


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("000", 2022),  # reviews 2022 ("今年以来…1-11月"), names 2023 only as "2023年是…之年"
        ("001", 2020),  # "2019年，…成功夺得…" then "今年"
        ("002", 2024),
        ("003", 2023),  # signed 2023年2月1日
        ("004", 2023),  # "今年是…党的二十大精神开局之年", 《2023年…安排表》
    ],
)
def test_seed_document_year(name: str, year: int) -> None:
    text = _clean_seed(name)
    assert document_year(text, extract_date(text)) == year


# --- describe ------------------------------------------------------------------------


def test_describe_builds_the_document() -> None:
    doc = describe("notices/q.txt", NOTICE, "abc123")
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.title, doc.date, doc.year, doc.years, doc.source, doc.content_hash) == (
        "notices/q.txt",
        "关于印发2024年重点工作任务分解的通知",
        "2024-02-05",
        2024,
        (2024, 2025),
        "青山区人民政府办公室",
        "abc123",
    )
    assert doc.text == NOTICE
    assert [s.heading for s in doc.sections] == [
        "青山区人民政府办公室 关于印发2024年重点工作任务分解的通知",
        "一、总体要求",
    ]


def test_describe_falls_back_to_the_file_name() -> None:
    assert describe("dir/report_1.txt", "。", "h").title == "report_1"  # no word in it
    assert describe("dir/report_1.txt", "", "h").title == "report_1"


def test_describe_seed_003() -> None:
    doc = describe("003.txt", _clean_seed("003"), "h")
    assert (doc.date, doc.year, doc.years) == ("2023-02-01", 2023, (2023,))
    assert len(doc.sections) == 7


def test_a_source_line_ends_at_the_next_field() -> None:
    assert extract_source("来源：县发改局发布日期：2017-10-13【浏览次数】\n\n正文。") == "县发改局"


def test_a_place_line_above_a_bulletin_title_joins_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ingest import metadata, places

    invented = places.Gazetteer([("910000", "云岭省"), ("913100", "峡江苗族侗族自治州")])
    monkeypatch.setattr(metadata, "gazetteer", lambda: invented)
    text = "峡江苗族侗族自治州\n\n2016年国民经济和社会发展统计公报\n\n峡江州统计局\n\n2017年3月16日\n\n正文。"
    assert metadata.extract_title(text, "x") == "峡江苗族侗族自治州2016年国民经济和社会发展统计公报"
    assert (
        metadata.extract_title("峡江苗族侗族自治州\n\n工作动态\n\n正文。", "x")
        == "峡江苗族侗族自治州"
    )


BULLETIN_WITHOUT_TITLE = """2024 [1]
青山市统计局国家统计局青山调查队
2025年3月28日
2024年，全市上下稳中求进，经济再上台阶。
一、综合
全年生产总值（GDP）1350.69亿元，比上年增长6.1%。
全年新能源汽车产量13.61万辆。"""


def test_bodies_signing_a_bulletin_are_no_title_and_its_file_name_dates_it() -> None:
    # a bulletin whose title line was lost in extraction: its two bureaus signing above
    # the date are its source, the file's name its title, and the year it reports its year
    text = clean_text(BULLETIN_WITHOUT_TITLE)
    doc = describe("青山_2024_统计公报.txt", text, "h")
    assert doc.title == "青山_2024_统计公报"
    assert doc.source == "青山市统计局国家统计局青山调查队"
    assert (doc.date, doc.year) == ("2025-03-28", 2024)
    spaced = describe("x.txt", text.replace("统计局国家", "统计局 国家"), "h")
    assert spaced.source == "青山市统计局 国家统计局青山调查队" != spaced.title


def test_a_headline_naming_a_kind_of_document_wins_over_a_search_box_above_it() -> None:
    page = (
        "加入收藏 | 会员中心\n站内搜索：高级搜索\n您当前的位置：首页 > 统计公报\n\n"
        "青山市2022年国民经济和社会发展统计公报\n\n时间：2023-04-07 14:35:25\n\n"
        "2022年，全市经济稳中有进。"
    )
    assert extract_title(page, "x") == "青山市2022年国民经济和社会发展统计公报"
    greeting = "青山区人民政府网站欢迎您的访问！\n\n青山市人民政府关于印发2021年民生实事工程安排意见的通知\n\n正文。"
    assert extract_title(greeting, "x") == "青山市人民政府关于印发2021年民生实事工程安排意见的通知"
    # a first headline that is a title stays, though a later line names a kind
    news = "青山区召开民生实事推进会\n\n2024年3月5日\n\n工作要点\n\n会议强调，要抓好落实。"
    assert extract_title(news, "x") == "青山区召开民生实事推进会"


def test_a_report_is_titled_above_its_delivery_and_speaker_lines_and_placed_by_its_meeting() -> (
    None
):
    # the delivery line in brackets and the speaker line are no banner's longer headline;
    # a report naming its place only in its delivery line is about that place, though
    # its text says 大关 (a county elsewhere) twice in other words (突破百亿元大关)
    report = (
        "政府工作报告\n\n（2023年4月25日在交城县第十七届人民代表大会第四次会议上）\n\n"
        "交城县人民政府县长 王明\n\n各位代表：\n\n地区生产总值稳定突破百亿元大关，推动“上大关小”。"
    )
    doc = describe("r.txt", clean_text(report), "h")
    assert doc.title == "政府工作报告"
    assert doc.place.county == "交城县"


def test_a_file_named_for_a_place_places_a_text_naming_none() -> None:
    text = "政府工作报告\n\n各位代表：\n\n过去一年，全县经济平稳发展。"
    doc = describe("青田县政府工作报告2023.txt", text, "h")
    assert (doc.title, doc.place.county) == ("政府工作报告", "青田县")
    assert describe("report.txt", text, "h").place.county == ""


def test_a_menu_of_columns_or_a_disclosure_mark_is_no_title() -> None:
    page = "湘潭县某镇2025年政府信息公开指南\n\n发布时间：2025-01-14\n\n通知公告、党政发文、人事通知、规划计划、工作总结\n\n正文。"
    assert extract_title(page, "x") == "湘潭县某镇2025年政府信息公开指南"
    notice = (
        "各乡镇人民政府：\n《青山区防汛应急预案》已经区政府同意，现予以印发。\n此件公开发布\n"
        "青山区人民政府办公室\n2018年6月20日\n青山区防汛应急预案\n1总则 1\n1.1编制目的 1\n2组织指挥体系 5"
    )
    text = clean_text(notice)
    assert "此件公开发布" not in text
    assert extract_title(text, "x") == "青山区防汛应急预案"
    # a table of contents keeps one entry per line
    assert "\n1.1编制目的1\n" in text


def test_an_annual_report_published_the_next_year_is_about_its_year() -> None:
    doc = describe(
        "r.txt",
        "青山县人民政府办公室2023年度政府信息公开工作年度报告\n\n成文日期：2024-01-26\n\n全年共收到申请35件。",
        "h",
    )
    assert doc.year == 2023


def test_a_document_number_under_a_title_stays_its_own_line() -> None:
    page = "青山区人民政府关于印发若干政策的通知\n青政发〔2023〕10 号\n2023-03-03\n各镇人民政府：现印发给你们。"
    text = clean_text(page)
    assert text.startswith("青山区人民政府关于印发若干政策的通知\n")
    assert extract_title(text, "x") == "青山区人民政府关于印发若干政策的通知"


def test_a_notice_opening_with_its_addressees_is_not_titled_by_them() -> None:
    # an excerpt without its title line: neither the addressees nor the body title it
    text = "各镇人民政府，各街道办事处，区各委办局，各直属单位：\n《区政府2024年重点工作分解方案》已经区政府常务会议审议通过，现予印发，请各地、各部门、各有关单位认真贯彻落实。"
    assert not extract_title(text, "x").endswith("：")


def test_a_report_is_placed_by_its_speakers_post_not_by_the_name_after_it() -> None:
    # the meeting names no place (自治县十届人大); the speaker's post does, and his name
    # holds another county's (兴国)
    report = (
        "政府工作报告\n\n（2023年2月23日在自治县十届人大二次会议上）\n\n"
        "玉屏侗族自治县人民政府县长 田兴国\n\n各位代表：\n\n现在，我代表自治县人民政府向大会报告工作。"
    )
    assert describe("r.txt", clean_text(report), "h").place.county == "玉屏侗族自治县"


def test_a_document_number_before_a_page_date_stamp_is_the_documents() -> None:
    text = "青山区人民政府关于印发若干政策的通知\n青政发〔2023〕10号2023-03-03 0次285天\n\n各镇：现印发给你们。"
    assert extract_doc_number(text) == "青政发〔2023〕10号"
    assert extract_doc_number("通知\n青政发〔2023〕10号文件已下发，请落实。") == ""


def test_an_official_delivering_a_report_is_no_title() -> None:
    """A report delivered by another official than the head of government (区发改委主任
    吴晓春) names its speaker on that line, not the document: a file named for the
    report titles it and places it."""
    from ingest.structure import is_speaker

    text = (
        "——2024年1月9日在区第十八届人民代表大会第五次会议上\n\n区发改委主任 吴晓春\n\n"
        "各位代表：\n\n受区政府委托，现将我区2023年计划执行情况提请大会审议。"
    )
    doc = describe("青山区2023计划执行情况报告.txt", text, "h")
    assert doc.title == "青山区2023计划执行情况报告"
    for line in ("区发改委主任 吴晓春", "县财政局局长：张三", "代市长:陈明", "县长 周永根"):
        assert is_speaker(line), line
    for line in ("局长讲话", "党委书记讲党课", "市委书记 李强 在全市大会上的讲话"):
        assert not is_speaker(line), line


def test_a_line_with_no_chinese_titles_no_chinese_text() -> None:
    """A site template's leftover above a Chinese notice (The Beginning, Empire CMS,
    phome.net |) is no title and no text: the notice's first sentence titles it."""
    page = (
        "The Beginning\n为进一步提升政务服务水平，优化政务服务环境，经市委、市政府同意，"
        "青山市政务服务大厅将整体搬迁至新址对外开展服务。现将有关事项公告如下：\n"
        "一、新址位置\n青山市民之家\nEmpire CMS,phome.net |\n二、办公时间\n周一至周五"
    )
    text = clean_text(page)
    assert "phome" not in text
    title = "为进一步提升政务服务水平，优化政务服务环境，经市委、市政府同意，青山市政务服务大厅将整体搬迁至新址对外开展服务"
    assert extract_title(text, "notice") == title[:60]
    assert extract_title("Annual Report\nThe figures.", "x") == "Annual Report"


def test_a_line_with_no_chinese_titles_no_chinese_page() -> None:
    """A report page opening with its site's address (rd.example.gov.cn) above the
    delivery and speaker lines is titled by its delivery line, not by the address."""
    page = (
        "rd.qinghe.gov.cn\n2024年1月10日在青禾市第八届人民代表大会第五次会议上\n"
        "青禾市市长 王明\n各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。"
    )
    assert (
        extract_title(clean_text(page), "x")
        == "2024年1月10日在青禾市第八届人民代表大会第五次会议上"
    )


def test_a_guides_office_in_charge_places_it_and_a_sites_path_is_no_title() -> None:
    """A guide page whose head is a site's path (政务服务> 办事指南), a view switch (切换简洁
    版) and its city is about the district of its 实施主体."""
    page = (
        "政务服务> 办事指南\n北京市\n切换简洁版\n基本信息\n"
        "| 实施主体 | 北京市石景山区民政局 | 服务对象 | |\n| 受理条件 | 年满80周岁的本区户籍老年人。 |\n"
        "| 办理时间 | 工作日：9:00-17:00 |\n| 办理地点 | 石景山区政务服务中心，苹果园南路23号 |\n"
    )
    doc = describe("g.txt", clean_text(page), "h")
    assert doc.place.county == "石景山区"
    assert "政务服务>" not in doc.text and "切换简洁版" not in doc.text


def test_a_latin_name_titles_a_page_whose_head_has_no_better_line() -> None:
    """A page's first line naming it in Latin letters (Super_Bowl_50) still titles it;
    only a site's address (rd.example.gov.cn) never does."""
    page = "Super_Bowl_50\n\n第50届超级碗是一场美式足球比赛，在2016年2月7日举行，决出了联盟的冠军。"
    assert extract_title(page, "x") == "Super_Bowl_50"


def test_a_heading_under_a_speechs_salutation_is_no_title() -> None:
    """A report saved without its headline opens with its delivery line and speaker: the
    review heading under 各位代表： is part of the speech, and the file's name titles it."""
    text = (
        "——2023年1月3日在青山市青山区第十七届人民代表大会第二次会议上\n区长 张三\n各位代表：\n"
        "现在，我代表区人民政府，向大会作工作报告，请予审议。\n2022年工作回顾\n"
        "刚刚过去的一年，全区经济稳步增长。"
    )
    assert extract_title(text, "青山区_2023_政府工作报告") == "青山区_2023_政府工作报告"
    doc = describe("青山区_2023_政府工作报告.txt", text, "h")
    assert (doc.title, doc.year) == ("青山区_2023_政府工作报告", 2023)
    # a headline above the salutation still titles it
    titled = "青山区政府工作报告\n区长 张三\n各位代表：\n2022年工作回顾\n全区经济稳步增长。"
    assert extract_title(titled, "x") == "青山区政府工作报告"
