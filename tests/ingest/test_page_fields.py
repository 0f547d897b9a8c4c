"""A page's information block (索引号, 发布机构, …) is metadata, not text."""

from ingest.clean import clean_text
from ingest.metadata import describe
from ingest.page_fields import line_fields, split_page_fields

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
