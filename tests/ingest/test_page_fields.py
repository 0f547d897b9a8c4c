"""A page's information block (索引号, 发布机构, …) is metadata, not text."""

from ingest.clean import clean_text
from ingest.metadata import describe
from ingest.page_fields import _merge_values, line_fields, split_page_fields

BLOCK_ROWS = """云岭县人民政府
索 引 号： | 11530999/2021-00031 | 主题分类： | 农业、林业
发布机构： | 云岭县人民政府办公室 | 成文日期： | 2021-04-02
标　　题： | 云岭县人民政府办公室关于做好森林防火工作的通知
发文字号： | 云政办发〔2021〕7号 | 发布日期： | 2021-04-06

各乡镇人民政府：当前正值森林防火关键期，请落实巡山护林责任。"""


def test_a_block_of_rows_is_read_and_removed() -> None:
    text, fields = split_page_fields(clean_text(BLOCK_ROWS))
    assert dict(fields) == {
        "索引号": "11530999/2021-00031",
        "主题分类": "农业、林业",
        "发布机构": "云岭县人民政府办公室",
        "成文日期": "2021-04-02",
        "标题": "云岭县人民政府办公室关于做好森林防火工作的通知",
        "发文字号": "云政办发〔2021〕7号",
        "发布日期": "2021-04-06",
    }
    assert "索引号" not in text and "11530999" not in text
    assert text.startswith("云岭县人民政府\n\n各乡镇人民政府")


def test_labels_and_values_on_lines_of_their_own() -> None:
    text, fields = split_page_fields("[索引号]\n123/2020-1\n[责任部门]\n县林业局\n正文第一句。")
    assert dict(fields) == {"索引号": "123/2020-1", "责任部门": "县林业局"}
    assert text == "正文第一句。"


def test_body_lines_with_labels_stay_text() -> None:
    body = "工作任务：修缮村道\n责任单位：县交通局\n联系人：赵某"
    assert split_page_fields(body) == (body, ())
    assert line_fields("请于发布日期后十日内报名。") == []


def test_describe_takes_title_issuer_number_and_date_from_the_block() -> None:
    text, fields = split_page_fields(clean_text(BLOCK_ROWS))
    doc = describe("p.html", text, "h", title="通知公告", date="2023-09-09", page_fields=fields)
    assert doc.title == "云岭县人民政府办公室关于做好森林防火工作的通知"
    assert (doc.date, doc.date_source, doc.year) == ("2021-04-06", "visible label", 2021)
    assert (doc.source, doc.doc_number) == ("云岭县人民政府办公室", "云政办发〔2021〕7号")
    assert doc.page_fields == fields


def test_a_label_glued_to_the_value_before_it_is_read() -> None:
    """Cleaning takes the space out between Chinese words: 发布机构：某某局　发文日期：…
    reads 发布机构：某某局发文日期：…; a label of four characters or more still opens a
    field there."""
    assert line_fields("发布机构：青禾县残联发文日期：2024-03-05") == [
        ("发布机构", "青禾县残联"),
        ("发文日期", "2024-03-05"),
    ]


def test_the_issuer_under_its_other_usual_labels() -> None:
    """发文机构 and 发布机关 label a page's issuer as 发布机构 does: the block around them
    is read and removed, and the issuer is the document's source."""
    page = (
        "青禾县创业补贴申领\n索引号：0113/2023-389\n发文机构：青禾县人社局 主题分类：其他\n"
        "有效性：有效\n一、补贴标准：每人5000元。"
    )
    text, fields = split_page_fields(clean_text(page))
    assert dict(fields)["发文机构"] == "青禾县人社局" and "发文机构" not in text
    assert describe("p.txt", text, "h", page_fields=fields).source == "青禾县人社局"
    assert line_fields("发布机关：青禾县人民政府") == [("发布机关", "青禾县人民政府")]


ZJ_BLOCK = """索 引 号: 330599/2025-01001 成文日期: 2025-03-28
公开方式: 主动公开 公开时限: 长期公开
文件编号: 发布机构: 区统计局
2024年青禾区国民经济和社会发展统计公报
发布日期:2025-03-28 10:12:09

2024年，全区地区生产总值增长5.1%。"""


def test_a_block_with_an_empty_label_and_fields_under_the_headline() -> None:
    """Fields glued after a code (…/2025-01001成文日期：), an empty 文件编号 before the
    issuer, and the 发布日期 line under the headline are all the page's metadata: the
    headline is the title and its own line, the issuer the source."""
    text, fields = split_page_fields(clean_text(ZJ_BLOCK))
    assert dict(fields) == {
        "索引号": "330599/2025-01001",
        "成文日期": "2025-03-28",
        "公开方式": "主动公开",
        "公开时限": "长期公开",
        "发布机构": "区统计局",
        "发布日期": "2025-03-28 10:12:09",
    }
    assert text.startswith("2024年青禾区国民经济和社会发展统计公报\n\n2024年，")
    doc = describe("p.txt", text, "h", page_fields=fields)
    assert (doc.title, doc.source, doc.year) == (
        "2024年青禾区国民经济和社会发展统计公报",
        "区统计局",
        2024,
    )
    assert line_fields("文件编号：无 发布机构：区府办")[1] == ("发布机构", "区府办")
    assert dict(_merge_values(["文件编号：无"], [line_fields("文件编号：无")])) == {}


def test_a_field_glued_to_the_headline_is_cut_off_it() -> None:
    """Cleaning joins a headline and the 发布日期 line under it (no stop ends the headline):
    after a block, the field is cut off the headline's end and read as metadata."""
    page = "索引号：1/2025-1\n发布机构：区民政局\n青禾区民政局2024年工作总结发布日期：2025-01-20 15:32:18\n\n正文。"
    text, fields = split_page_fields(page)
    assert dict(fields)["发布日期"] == "2025-01-20 15:32:18"
    assert text == "青禾区民政局2024年工作总结\n\n正文。"


def test_a_sentence_ends_the_search_for_fields_under_a_headline() -> None:
    """Field lines after the body has begun stay text."""
    page = "索引号：1/2024-1\n发布机构：县府办\n关于做好防汛工作的通知\n各乡镇：请做好准备。\n信息来源：县应急局"
    text, fields = split_page_fields(page)
    assert "信息来源" not in dict(fields) and text.endswith("信息来源：县应急局")
