"""Cleaning rules for what mirror and reprint sites add, and for titles and captions."""

import pytest

from ingest.clean import clean_text
from ingest.metadata import bulletin_year, describe, tidy_title
from ingest.pipeline import prepare_file
from ingest.reprints import (
    strip_footnote_marks,
    strip_lost_characters,
    strip_pinyin_glosses,
    strip_promotions,
    strip_spam_lines,
)
from ingest.units import Span, is_heading
from ingest.web import strip_exit_prompts, strip_link_lists


def test_spam_lines_go_and_addresses_in_sentences_stay() -> None:
    text = (
        "全镇新建公厕4座。\n"
        "9f3a1c77d02e4b6fa5c0e1d2b3a49876: 相关新闻：松涛镇开展植树活动\n"
        "更多精彩请访问 www.example-mirror.com\n"
        "扫码领取本地补贴攻略\n"
        "专业代开发票 电话13800000000\n"
        "不动产办证大厅位于县政务服务中心二楼\n"
        "加微信：abc123 了解更多\n"
        "申请人登录政务服务网（https://zwfw.example.gov.cn）提交材料，当场受理。\n"
        "来源URL：https://www.example.gov.cn/a/1.html"
    )
    assert strip_spam_lines(text) == (
        "全镇新建公厕4座。\n"
        "不动产办证大厅位于县政务服务中心二楼\n"
        "申请人登录政务服务网（https://zwfw.example.gov.cn）提交材料，当场受理。\n"
        "来源URL：https://www.example.gov.cn/a/1.html"
    )


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        (
            "据松涛云帆广告传媒有限责任公司法人、某某设计协会会员卫思远介绍，平台已上线。",
            "据介绍，平台已上线。",
        ),
        (
            "考察团青禾星河文化传播有限公司董事长、某大学特邀讲师蒋明辉成员分享了感受。",
            "考察团成员分享了感受。",
        ),
        # a company's chairman quoted in the news stays
        ("青禾茶业有限公司董事长、省茶叶协会理事周某表示，销量增长。", None),
        ("青禾茶业有限公司董事长周某表示，销量增长。", None),
    ],
)
def test_promotions_written_into_an_article_go(text: str, clean: str | None) -> None:
    assert strip_promotions(text) == (clean or text)


def test_footnote_marks_glued_to_words_go() -> None:
    assert strip_footnote_marks("全年生产总值②达到120亿元，人均³5万元。") == (
        "全年生产总值达到120亿元，人均5万元。"
    )
    assert strip_footnote_marks("①加强生态保护。") == "①加强生态保护。"


def test_exit_prompts_and_link_lists_go() -> None:
    text = "正文一句。\n\n您访问的链接即将离开“青禾县人民政府”\n\n门户网站是否继续？\n\n正文二句。"
    assert strip_exit_prompts(text) == "正文一句。\n\n\n正文二句。"
    links = "正文。\n\n· 县信访局\n\n· 县林业局\n\n· 县水务局\n\n省级政府网站|\n\n结尾。"
    out = strip_link_lists(links)
    assert out.split() == ["正文。", "结尾。"]
    two = "正文。\n\n· 县信访局\n\n· 县林业局\n\n结尾。"
    assert strip_link_lists(two) == two
    # a table copied one cell per line, each followed by a bar, is no list of links
    cells = "正文。\n规章 |\n0 |\n|\n规范性文件 |\n3 |\n结尾。"
    assert strip_link_lists(cells) == cells


def test_a_guides_bulleted_fields_are_no_list_of_links() -> None:
    """A guide's fields set as a bulleted list (- 承诺时限:1天, - 联系方式:0000-1234567)
    stay, without their bullets: they are what the guide states."""
    fields = (
        "• 事项名称:国内公民结婚登记\n• 承诺时限:1天\n• 事项类型:行政审批\n• 联系方式:0000-1234567"
    )
    out = strip_link_lists(f"基本介绍\n{fields}\n办事指南")
    assert out.split("\n") == [
        "基本介绍",
        "事项名称:国内公民结婚登记",
        "承诺时限:1天",
        "事项类型:行政审批",
        "联系方式:0000-1234567",
        "办事指南",
    ]


def test_a_pages_information_line_is_no_list_of_links(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Its items each with a bullet: the date and the issuer stay, without the bullet, and
    the page is that issuer's; the view count and font switch go."""
    head = "• 发布日期：2021-03-05\n• 浏览次数：\n• 来源：岳池县人民政府办公室\n• 字体：[ ]"
    out = strip_link_lists(f"2021年民生实事进度表\n\n{head}\n\n正文。")
    assert out.split() == [
        "2021年民生实事进度表",
        "发布日期：2021-03-05",
        "来源：岳池县人民政府办公室",
        "正文。",
    ]
    page = tmp_path / "p.txt"
    page.write_text(f"2021年民生实事进度表\n\n{head}\n\n新建农贸市场1个。", encoding="utf-8")
    doc = prepare_file(page, "p.txt")
    assert (doc.source, doc.place.county, doc.date) == (
        "岳池县人民政府办公室",
        "岳池县",
        "2021-03-05",
    )


def test_the_rules_run_in_clean_text() -> None:
    raw = "青禾县召开会议\n\n全县粮食产量①达12万吨。\n\n更多精彩请访问 www.example-mirror.com"
    assert clean_text(raw) == "青禾县召开会议\n\n全县粮食产量达12万吨。"


@pytest.mark.parametrize(
    ("title", "tidy"),
    [
        ("■关于做好防汛工作的通知", "关于做好防汛工作的通知"),
        (">>青禾县召开春耕会议", "青禾县召开春耕会议"),
        (" ·2023年青禾县统计公报①", "2023年青禾县统计公报"),
        ("【专题】青禾县召开春耕会议", "【专题】青禾县召开春耕会议"),
        ("“青禾”品牌发布", "“青禾”品牌发布"),
    ],
)
def test_tidy_title(title: str, tidy: str) -> None:
    assert tidy_title(title) == tidy


def test_captions_are_headings_even_when_the_table_is_an_image() -> None:
    text = "全年粮食产量12万吨。\n表5 2023年青禾县主要农产品产量及其增长速度\n图2：2019—2023年青禾县地区生产总值"
    lines = text.split("\n")
    starts = [0, len(lines[0]) + 1, len(lines[0]) + len(lines[1]) + 2]
    spans = [Span(s, s + len(ln)) for s, ln in zip(starts, lines, strict=True)]
    assert [is_heading(text, s) for s in spans] == [False, True, True]


def test_a_bulletin_without_a_year_in_its_title_is_about_the_year_it_opens_with() -> None:
    text = (
        "2023年，全县经济稳中有进。\n\n全年地区生产总值120亿元，比上年增长5.1%。2024年预期增长6%。"
    )
    assert bulletin_year("青禾县国民经济和社会发展统计公报", text, 2024) == 2023
    assert bulletin_year("青禾县工作动态", text, 2024) is None
    doc = describe("b.txt", f"青禾县统计局\n\n2024年3月20日\n\n{text}", "h", title="青禾县统计公报")
    assert (doc.date, doc.year) == ("2024-03-20", 2023)


def test_pinyin_a_mirror_site_glosses_characters_with_is_deleted() -> None:
    mirror = "滬府發(fā)〔2017〕92號 關(guān)于加強(qiáng)"
    assert strip_pinyin_glosses(mirror) == "滬府發〔2017〕92號 關于加強"
    # a text glossing a rare character or two is no mirror's: its glosses stay
    assert strip_pinyin_glosses("荨(qián)麻广泛分布在温带。") == "荨(qián)麻广泛分布在温带。"
    # brackets that are not a tone-marked syllable stay
    assert strip_pinyin_glosses("氮氧化物(NOx)下降5%(同比)") == "氮氧化物(NOx)下降5%(同比)"
    assert strip_pinyin_glosses(f"(ā)开头 {mirror}") == "(ā)开头 滬府發〔2017〕92號 關于加強"


def test_adult_site_keywords_are_spam_and_one_such_word_in_a_sentence_is_not() -> None:
    spam = "国产精品自拍在线|麻豆视频|成人电影一区二区,久久综合"
    kept = "开展扫黄打非专项行动，严厉打击淫秽色情信息。"
    assert strip_spam_lines(f"{spam}\n{kept}") == kept


def test_a_traditional_mirror_copy_is_cleaned_into_the_simplified_page() -> None:
    raw = "關(guān)于加強(qiáng)政務(wù)誠信建設(shè)的實(shí)施意見\n\n政務(wù)誠信是社會信用體系的重要組成部分。"
    assert (
        clean_text(raw)
        == "关于加强政务诚信建设的实施意见\n\n政务诚信是社会信用体系的重要组成部分。"
    )


def test_question_marks_left_for_lost_characters_are_deleted() -> None:
    text = "一、综??合\n指????标 | 绝对数\n?\n全年增长5.2%。为什么?因为需求回升。"
    assert (
        strip_lost_characters(text)
        == "一、综合\n指标 | 绝对数\n全年增长5.2%。为什么?因为需求回升。"
    )


def test_a_bracketed_footnote_number_after_a_word_is_deleted() -> None:
    text = (
        "全年地区生产总值（GDP）[2]2313亿元，第三产业[3]增加值1311.9亿元。\n[1] 注释：按现价计算。"
    )
    assert strip_footnote_marks(text) == (
        "全年地区生产总值（GDP）2313亿元，第三产业增加值1311.9亿元。\n[1] 注释：按现价计算。"
    )
