"""Each cleaning rule on text written here, then the whole pipeline on the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest import clean
from ingest.clean import (
    RULES,
    cjk_punctuation,
    clean_text,
    fix_number_spaces,
    normalize_newlines,
    rejoin_broken_lines,
    remove_cjk_spaces,
    strip_field_codes,
    strip_markdown,
    strip_page_furniture,
    tidy_whitespace,
    to_halfwidth,
)

SEEDS = Path(__file__).parents[2] / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _seed(prefix: str) -> str:
    path = next(p for p in SEED_FILES if p.name.startswith(prefix))
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cleaned() -> dict[str, str]:
    return {p.name[:3]: clean_text(p.read_text(encoding="utf-8")) for p in SEED_FILES}


# --- the rule table -------------------------------------------------------------------


def test_rules_are_named_public_documented_functions_in_order() -> None:
    names = [name for name, _ in RULES]
    assert names == [
        "spaced_cell_tables",
        "numbered_cell_tables",
        "cell_line_tables",
        "bare_cell_tables",
        "text_tables",
        "normalize_newlines",
        "to_halfwidth",
        "strip_pinyin_glosses",
        "to_simplified",
        "strip_lost_characters",
        "strip_field_codes",
        "strip_markdown",
        "strip_nav_bars",
        "strip_breadcrumbs",
        "strip_voice_broadcast",
        "strip_qr_prompts",
        "strip_print_close",
        "strip_share_links",
        "strip_site_footer",
        "strip_exit_prompts",
        "strip_forum_furniture",
        "strip_link_lists",
        "strip_page_furniture",
        "strip_spam_lines",
        "cjk_punctuation",
        "fix_number_spaces",
        "strip_footnote_marks",
        "remove_cjk_spaces",
        "strip_running_heads",
        "rejoin_broken_lines",
        "field_blocks",
        "strip_promotions",
        "tidy_whitespace",
    ]
    for name, rule in RULES:
        assert getattr(clean, name) is rule
        assert rule.__doc__


# --- one test per rule, on text written here ------------------------------------------


def test_normalize_newlines() -> None:
    raw = "\ufeff第一行\r\n第二行\r第三\u200b行\u3000四\u00a0五\t六\u2028七"
    assert normalize_newlines(raw) == "第一行\n第二行\n第三行 四 五 六\n七"


def test_to_halfwidth_converts_ascii_forms_and_keeps_chinese_punctuation() -> None:
    assert to_halfwidth("ＡＢｃ１２３％＋－．／＠＃＆＝＜＞") == "ABc123%+-./@#&=<>"
    assert (
        to_halfwidth("增长１２．５％，（一）“好”！？、：；。")
        == "增长12.5%，（一）“好”！？、：；。"
    )


def test_cjk_punctuation() -> None:
    raw = "城区:百尺竿头,更进一步;是否?是!会议(含CBD片区)于9:30开始,共1,000人。"
    assert (
        cjk_punctuation(raw)
        == "城区：百尺竿头，更进一步；是否？是！会议（含CBD片区）于9:30开始，共1,000人。"
    )


def test_cjk_punctuation_leaves_latin_text_alone() -> None:
    raw = "Hello, world (test)! Is it 3:30? “Yes,” she said. 园区(CBD)建设，推进“六保”,“六稳”"
    assert cjk_punctuation(raw) == (
        "Hello, world (test)! Is it 3:30? “Yes,” she said. 园区（CBD）建设，推进“六保”，“六稳”"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("主体达到14 . 9万户。", "主体达到14.9万户。"),
        ("达到14 .9万户，又如14. 9万户", "达到14.9万户，又如14.9万户"),
        ("提供7× 24小时服务", "提供7×24小时服务"),
        ("床位100 张", "床位100张"),
        ("共 12 所", "共12所"),
        ("2 0 2 4年", "2024年"),
        ("增长5 %", "增长5%"),
        ("1 - 11月", "1-11月"),
        ("1. 2023年目标", "1. 2023年目标"),  # a list marker, not a decimal
        ("a 1 2 3 b", "a 1 2 3 b"),  # digits among Latin text stay apart
    ],
)
def test_fix_number_spaces(raw: str, expected: str) -> None:
    assert fix_number_spaces(raw) == expected


def test_remove_cjk_spaces() -> None:
    raw = (
        " 我 们 就 在 您 身 边\n\n城区 加快推进 重点项目， 确保 “联络长” 到位。Big data 产业\n\n"
        "奋进逐浪立潮头 创新发展启新程\n\n记者 王小明\n通讯员 李四 王五"
    )
    assert remove_cjk_spaces(raw) == (
        " 我们就在您身边\n\n城区加快推进重点项目，确保“联络长”到位。Big data 产业\n\n"
        "奋进逐浪立潮头 创新发展启新程\n\n记者 王小明\n通讯员 李四 王五"
    )


def test_strip_page_furniture() -> None:
    raw = "\n".join(
        [
            "正文第一段。",
            "扫码下载某某新闻",
            "",
            "找记者 上某点",
            "编辑:张三 美编:李四 组版:王五",
            "责编：赵六",
            "（此件公开发布）",
            "第A03版",
            "- 3 -",
            "12",
            "▲园区一角。",
            "图为施工现场。",
            "记者 张三 摄",
            "（区委宣传部供图）",
            "组织拍摄",
            "首发于 某某政策讲解",
            "编辑于 2023-05-01 · 著作权归作者所有",
            "记者 王小明",
            "正文第二段。",
        ]
    )
    assert (
        tidy_whitespace(strip_page_furniture(raw))
        == "正文第一段。\n\n组织拍摄\n\n记者 王小明\n\n正文第二段。"
    )


def test_strip_page_furniture_puts_bylines_in_their_own_paragraph() -> None:
    raw = "标题\n文/片 某某晚报\n记者 王小明 通讯员 李四\n正文。"
    assert strip_page_furniture(raw) == "标题\n\n文/片 某某晚报\n记者 王小明 通讯员 李四\n\n正文。"


def test_strip_markdown() -> None:
    raw = "# 大标题\n正文**重点**内容。\n## 小标题\n**加粗的标题行**\n[链接](http://a.cn)![图](b.png)\n---\n> 引文"
    assert tidy_whitespace(strip_markdown(raw)) == (
        "大标题\n\n正文重点内容。\n\n小标题\n\n加粗的标题行\n\n链接\n\n引文"
    )


def test_rejoin_broken_lines_newspaper_columns() -> None:
    raw = (
        "城区作为省会中心城区，\n市场主体已经达到9.8万\n户。紧盯石\n河水库周边，由区级领导作为\n\n"
        "“联络长”牵头开展走访。\n\n推进城市更新\n服务重点项目\n\n王某表示，城区将始终坚\n持以项目为牵引"
    )
    assert rejoin_broken_lines(raw) == (
        "城区作为省会中心城区，市场主体已经达到9.8万户。紧盯石河水库周边，由区级领导作为“联络长”牵头开展走访。"
        "\n\n推进城市更新\n服务重点项目\n\n王某表示，城区将始终坚持以项目为牵引"
    )


def test_rejoin_keeps_a_forms_short_lines_among_long_ones() -> None:
    """A guide copied from a page: a value of a few words (不收费) is no wrapped line of
    a paragraph whose lines run long, and a label alone with its colon (办理费用：)
    starts a line; so 不收费 and 办理地址 never read 不收费办理地址."""
    raw = (
        "申请人提交申请材料后，受理部门自收到申请材料之日起5日内对申请材料进行审核，并决定是否受理。\n"
        "办理时限：\n受理后5个工作日内完成\n办理费用：\n不收费\n办理地址\n青山市社会保险管理局"
    )
    assert rejoin_broken_lines(raw).split("\n")[1:] == [
        "办理时限：",
        "受理后5个工作日内完成",
        "办理费用：",
        "不收费",
        "办理地址",
        "青山市社会保险管理局",
    ]


def test_rejoin_keeps_sentence_ends_headings_and_labels() -> None:
    raw = (
        "一、总体要求\n全面贯彻新发展理念，推动高质量发展。\n二、主要目标\n生产总值增长6%。\n\n"
        "联系人：张三\n电话：0531-1234567\n\n这是一句\n，逗号不能开头。"
    )
    assert rejoin_broken_lines(raw) == (
        "一、总体要求\n全面贯彻新发展理念，推动高质量发展。\n二、主要目标\n生产总值增长6%。\n\n"
        "联系人：张三\n电话：0531-1234567\n\n这是一句，逗号不能开头。"
    )


def test_rejoin_keeps_a_field_and_a_date_line_on_their_own() -> None:
    """A short labelled value ends its line, and a date alone on a line (a notice's
    成文日期 under its 署名) stands alone; a long labelled line wrapped mid-clause still
    joins."""
    end = "特困人员由医疗救助资金全额资助参保。\n咨询电话：0571-1234567\n某县医疗保障局\n2024年8月20日"
    assert rejoin_broken_lines(end) == end
    assert rejoin_broken_lines("收费标准：不收费\n办理时限为十五个工作日。") == (
        "收费标准：不收费\n办理时限为十五个工作日。"
    )
    wrapped = (
        "办理对象：离开常住户口所在地，到本县居住半年以上，有合法稳定住所或\n连续就读条件之一的公民"
    )
    assert rejoin_broken_lines(wrapped) == wrapped.replace("\n", "")


def test_rejoin_keeps_a_page_date_bar_off_the_body() -> None:
    """A page's date bar (date, 来源, 作者) ends its line: the body's first sentence under
    it is not glued to it."""
    page = "2015-07-20 17:11:13来源：青禾县征兵办公室作者：青禾县征兵办公室\n根据有关规定，现公告如下："
    assert rejoin_broken_lines(page) == page
    # nor is a page's time stamp glued to the headline above it
    stamped = "青禾县育儿补贴申领公告\n10-20 17:50 阅读 4792\n补贴标准如下："
    assert rejoin_broken_lines(stamped) == stamped


def test_a_paragraph_ending_on_a_figure_before_a_new_sentence_is_whole() -> None:
    """A paragraph ending on a figure whose full stop the page lost (…结构为3.4︰48.7︰
    48.0) is not continued by the next one opening with a word (根据…); a break before the
    figure's unit (…生产总值653.05 / 亿元，…) is inside the sentence."""
    lost = "经最终核实，2022年，全县生产总值为653.05亿元，三次产业结构为3.4︰48.7︰48.0"
    raw = f"{lost}\n\n根据人口变动抽样调查推算，年末全县常住人口87.10万人。"
    assert rejoin_broken_lines(raw) == raw
    head = "据全市统一初步核算，按照地区生产总值统一核算制度，2023年全县实现地区生产总值653.05"
    cut = f"{head}\n\n亿元，比上年增长6.4%。"
    assert rejoin_broken_lines(cut) == f"{head}亿元，比上年增长6.4%。"


def test_rejoin_finds_a_fragment_past_a_sidebar() -> None:
    body = "将创新作为引领高质量发展的第一动力，城区将提高思想境界，提高工作标准，提高服务水平，提高能力素"
    raw = f"{body}\n\n另一栏里完整的一段话。\n\n会议现场。\n\n质，不断创新思路。"
    assert (
        rejoin_broken_lines(raw)
        == f"{body}质，不断创新思路。\n\n另一栏里完整的一段话。\n\n会议现场。"
    )


def test_tidy_whitespace() -> None:
    assert tidy_whitespace("\n\n  甲  乙 \n\n\n\n丙\t\n \n") == "甲 乙\n\n丙"


# --- the whole pipeline ---------------------------------------------------------------


def test_clean_text_output_shape() -> None:
    raw = "\ufeff  # 标题 \r\n\r\n\r\n\r\n正文 第一句,\r\n接着写。  \r\n\r\n\r\n"
    assert clean_text(raw) == "标题\n\n正文第一句，接着写。"


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_seed_output_is_tidy_and_stable(path: Path) -> None:
    text = clean_text(path.read_text(encoding="utf-8"))
    assert text == text.strip()
    assert "\r" not in text and "\n\n\n" not in text
    assert not re.search(r" \n|\n ", text)
    assert clean_text(text) == text  # idempotent


def test_seed_002_columns_are_rejoined(cleaned: dict[str, str]) -> None:
    text = cleaned["002"]
    lines = text.split("\n")
    assert lines[0] == "我们就在您身边"
    assert "历下作为省会中心城区，市场主体已经达到14.9万户。" in lines
    assert "紧盯浆水泉水库周边" in text
    assert "由区级领导作为“联络长”牵头开展走访对接，扎实开展牵手活动；" in text
    assert "为企业提供7×24小时全方位“保姆式”服务" in text
    assert "积极对接腾讯、米哈游等头部企业" in text
    assert "\n\n推动城市更新\n全力服务重点项目\n\n" in text
    assert "\n\n锚定发展蓝图\n推动产业转型升级\n\n" in text
    assert "\n\n记者 夏侯凤超\n\n" in text
    assert (
        "不断释放数字基础设施“乘数效应”。\n开放市场聚企业。用好数字历下建设各类应用场景清单" in text
    )


def test_seed_002_every_running_line_ends_a_sentence(cleaned: dict[str, str]) -> None:
    for line in cleaned["002"].split("\n"):
        if len(line) > 30:
            assert line[-1] in "。”", line


def test_seed_003_lines_ending_a_sentence_are_never_joined(cleaned: dict[str, str]) -> None:
    raw_lines = [cjk_punctuation(ln.strip()) for ln in _seed("003").split("\n")]
    kept = set(cleaned["003"].split("\n"))
    ended = [ln for ln in raw_lines if ln.endswith("。")]
    long_lines = [ln for ln in raw_lines if len(ln) > 40]  # paragraphs; most end in a （…） note
    assert (len(ended), len(long_lines)) == (16, 39)
    assert all(line in kept for line in ended + long_lines)
    assert "（此件公开发布）" not in cleaned["003"]
    assert cleaned["003"].startswith("济南市历下区人民政府办公室\n关于印发")


def test_seed_markdown_and_furniture(cleaned: dict[str, str]) -> None:
    assert cleaned["000"].startswith("奋进逐浪立潮头 创新发展启新程\n\n")
    assert "#" not in cleaned["000"] and "*" not in cleaned["000"]
    assert "扫码" not in cleaned["000"] and "编辑" not in cleaned["000"]
    assert "入选国家文化出口基地创新实践案例、省级制度创新成果最佳实践案例" in cleaned["000"]
    assert "▲" not in cleaned["001"]
    assert cleaned["001"].startswith("历下：百尺竿头更进一步，创新突破再前行\n\n")
    assert "\n\n文/片 齐鲁晚报·齐鲁壹点\n记者 刘飞跃 通讯员 杨荣超\n\n" in cleaned["001"]
    assert "对标东京、深圳等国内外一流城区" in cleaned["001"]
    assert "将全区134个社区、村（居）统一划分为910个基层治理网格" in cleaned["001"]


def test_seed_004_fragments_set_around_photos_are_rejoined(cleaned: dict[str, str]) -> None:
    text = cleaned["004"]
    assert "提高能力素质，不断创新思路" in text
    assert "坚持清单化、工程化推进" in text
    assert "锚定高质量发展这个首要任务，为建设现代化济东强区夯基垒台。" in text
    assert "\n\n文/片 记者 夏侯凤超\n通讯员 杨荣超 康钰坤\n\n" in text


def test_the_body_under_a_headline_stays_on_its_own_line() -> None:
    text = "青禾县2024年国民经济和社会发展统计公报（2025年更新）\n青禾县统计局\n2025年3月31日"
    assert rejoin_broken_lines(text) == text
    # a line of running text broken before a name ending like a body is joined
    wrapped = "今年，全县将加快建设区域医疗中心，力争建成\n青禾县医疗中心"
    assert rejoin_broken_lines(wrapped) == wrapped.replace("\n", "")


def test_word_field_codes_are_stripped() -> None:
    """A table of contents copied from Word keeps its entries and page numbers, not the
    field codes (PAGEREF _Toc…, the backslash of \\h often lost)."""
    assert strip_field_codes("第一部分 单位概况 PAGEREF _Toc25831 h 3") == "第一部分 单位概况 3"
    assert strip_field_codes("一、主要职责 PAGEREF _Toc32310 \\h 3") == "一、主要职责 3"
    assert strip_field_codes('TOC \\o "1-3" \\h \\z \\u') == ""
    assert strip_field_codes("TOC 目录下的 h 字") == "TOC 目录下的 h 字"


def test_a_bulleted_line_starts_anew() -> None:
    # a page's title, then its toolbar's bullets: no sentence runs from one to the next
    page = "关于下达2024年青山区民生实事项目任务的通知\n• 浏览量：\n• 字体【】"
    assert rejoin_broken_lines(page) == page
    assert rejoin_broken_lines("全区新建学校\n3所。") == "全区新建学校3所。"


def test_a_reports_delivery_and_speaker_lines_stay_lines_of_their_own() -> None:
    raw = "政府工作报告\n——2023年2月2日在青禾市第十六届人民代表大会第三次会议上\n青禾市 市长 傅 晟\n各位代表:\n现在，我代表市人民政府向大会报告工作。"
    assert clean_text(raw).split("\n")[:4] == [
        "政府工作报告",
        "——2023年2月2日在青禾市第十六届人民代表大会第三次会议上",
        "青禾市市长傅晟",
        "各位代表：",
    ]
    acting = "——2022年1月17日在青禾省人民代表大会上\n青禾省人民政府代省长王明\n各位代表："
    assert clean_text(acting).split("\n") == [
        "——2022年1月17日在青禾省人民代表大会上",
        "青禾省人民政府代省长王明",
        "各位代表：",
    ]


def test_a_letter_spaced_post_before_a_name_is_one_word() -> None:
    """县 长 周永根 spaces a two-character post to line up with a three-character one: the
    post is one word (县长), the name stays apart; letter-spaced words are joined."""
    raw = "第五次会议上\n\n县 长 周永根\n\n各位代表：\n"
    assert "\n县长 周永根\n" in clean_text(raw)
    assert clean_text("主 任 李 明\n") == "主任李明"
    assert clean_text("通讯员 杨荣超 康钰坤\n") == "通讯员 杨荣超 康钰坤"


def test_a_town_heads_speaker_line_and_an_undated_delivery_line_stay_apart() -> None:
    """A town's report: its title, its 镇长's line, the meeting it was delivered at (no
    date given) and the salutation are four lines, not one run of text."""
    raw = (
        "2024年青禾镇人民政府工作报告\n青禾镇人民政府镇长 王明\n"
        "在青禾镇第十七届人民代表大会第五次会议上的报告\n各位代表:\n"
        "现在,我代表镇人民政府,向大会报告政府工作。"
    )
    assert clean_text(raw).split("\n")[:4] == [
        "2024年青禾镇人民政府工作报告",
        "青禾镇人民政府镇长王明",
        "在青禾镇第十七届人民代表大会第五次会议上的报告",
        "各位代表：",
    ]


def test_a_notices_salutation_and_a_short_numbered_heading_stand_alone() -> None:
    """The addressees under a notice's title (各县、区人民政府，…：) and a numbered heading
    with a comma above a longer paragraph (一、完善工作机制，压实落实责任) keep their
    lines; a wrapped numbered line as long as the next still joins it."""
    notice = (
        "青禾市人民政府办公室关于印发重点任务清单的通知\n各县、区人民政府，市直各有关单位：\n"
        "现将清单印发给你们，请认真贯彻执行。\n一、完善工作机制，压实落实责任\n"
        "各县区、各部门要全面构建项目化实施、清单化管理的高效落实机制，推动各项任务落地见效。"
    )
    assert rejoin_broken_lines(notice) == notice
    wrapped = "一、全年新建学校3所，改扩建幼儿园5所，新增\n学位2000个，惠及全区适龄儿童。"
    assert rejoin_broken_lines(wrapped) == wrapped.replace("\n", "")


def test_a_pages_switches_for_reading_modes_are_furniture() -> None:
    """无障碍浏览 长者模式 and 关怀版 switch a page's view; a sentence naming them stays."""
    page = "无障碍浏览 长者模式\n关怀版\n\n政府工作报告\n\n各位代表：现在，我代表市人民政府向大会报告工作。"
    assert clean_text(page).split("\n")[0] == "政府工作报告"
    assert "无障碍" in clean_text("本网站已完成无障碍改造，提供长者模式。")


def test_a_markdown_lists_items_are_lines_and_its_information_fields_stay() -> None:
    """``- 发文字号：…`` items of a page's information block keep every field (the
    document's number included), each on its line."""
    page = (
        "- 索 引 号:000014349/2026-00001\n- 成文时间:2026年02月11日\n"
        "- 发布机构:青禾市人民政府办公室\n- 发文字号:青政办函〔2026〕1号\n"
        "青禾市人民政府办公室关于印发重点任务清单的通知\n各县、区人民政府：\n现将清单印发给你们。"
    )
    lines = clean_text(page).split("\n")
    assert lines[:5] == [
        "索引号：000014349/2026-00001",
        "成文时间：2026年02月11日",
        "发布机构：青禾市人民政府办公室",
        "发文字号：青政办函〔2026〕1号",
        "青禾市人民政府办公室关于印发重点任务清单的通知",
    ]


def test_a_forms_letter_spaced_label_is_one_word() -> None:
    """地    址：… and 邮 编：… (a form's label spaced out to the width of the others)
    are the labels 地址 and 邮编; a spaced post before a name keeps its name apart."""
    text = (
        "征集时间：自即日起\n\n地    址：青禾县府前街2号\n\n邮 编：300000\n\n县 长 周某某\n\n"
        "联系人：王某某 电 话：024-62780000"
    )
    assert clean_text(text).split("\n\n") == [
        "征集时间：自即日起",
        "地址：青禾县府前街2号",
        "邮编：300000",
        "县长 周某某",
        "联系人：王某某 电话：024-62780000",
    ]
