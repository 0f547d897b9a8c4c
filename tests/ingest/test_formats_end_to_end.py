"""The multi-format corpus end to end: ingest, /api/documents, answers from each file."""

from __future__ import annotations

import formats_corpus as fc
import pytest
from fastapi.testclient import TestClient

from ingest.site_info import HEADING as SITE_HEADING
from lixia_qa.settings import Settings

FURNITURE = (
    "中国政府网",
    "政务服务",
    "当前位置",
    "首页>",
    "语音播报",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "分享到",
    "版权所有",
    "ICP备",
    "网站标识码",
    fc.PDF_HEADER,
    "- 1 -",
    "- 2 -",
)

EXPECTED = {  # doc_id: (title, date, year, doc_number)
    "roads_notice.pdf": (
        "关于印发万州区农村公路提质行动方案的通知",
        "2023-04-06",
        2023,
        "万州府发〔2023〕12号",
    ),
    "tasks_2024.docx": ("万州区2024年重点民生任务分解表", "2024-02-20", 2024, ""),
    "rural_meeting.html": ("万州区召开2025年乡村振兴工作会议", "2025-01-13", 2025, ""),
    "livelihood_2023.xlsx": ("万州区2023年民生实事项目清单", None, 2023, ""),
    "smart_city_plan.txt": (
        "万州区智慧城市建设三年行动计划（2023—2025年）",
        "2022-12-28",
        2023,
        "",
    ),
    "education_review.txt": ("万州区2024年教育事业发展情况总结", "2025-01-20", 2024, ""),
    "archives.csv": ("archives", None, 2024, ""),
    "tree_planting.ofd": (
        "关于做好2025年春季义务植树工作的通知",
        "2025-03-03",
        2025,
        "万州府办发〔2025〕8号",
    ),
    "canteens_2025.doc": ("万州区2025年社区食堂建设任务表", None, 2025, ""),
    "latin1_note.txt": ("Café crème: déjà vu à la carte.", None, None, ""),
}


@pytest.fixture(scope="module")
def formats_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    base = tmp_path_factory.mktemp("formats")
    folder = fc.write_corpus(base / "corpus", base / "outside.txt")
    return Settings(
        model="hash",
        docs_dir=folder,
        index_dir=base / "index",
        feedback_db=base / "fb.sqlite",
        chunk_size=120,
        chunk_overlap=20,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture(scope="module")
def report(formats_settings: Settings):  # type: ignore[no-untyped-def]
    from ingest.pipeline import build_index

    return build_index(formats_settings)


@pytest.fixture(scope="module")
def formats_service(formats_settings: Settings, report):  # type: ignore[no-untyped-def]
    from server.service import QAService

    return QAService.load(formats_settings)


@pytest.fixture(scope="module")
def client(formats_settings: Settings, formats_service):  # type: ignore[no-untyped-def]
    from server.api import create_api

    with TestClient(create_api(formats_settings, service=formats_service)) as c:
        yield c


def test_report_names_every_skipped_file(report) -> None:  # type: ignore[no-untyped-def]
    skipped = {s.doc_id for s in report.skipped}
    assert skipped == {
        "broken.pdf",
        "escape.txt",
        "old_format.doc",
        "photo.txt",
        "roads_notice.pdf",
    }
    summary = report.summary()
    for name in skipped:
        assert name in summary
    assert report.documents == len(EXPECTED)


def test_every_file_is_listed_with_title_date_year(client) -> None:  # type: ignore[no-untyped-def]
    listed = {d["doc_id"]: d for d in client.get("/api/documents").json()}
    assert set(listed) == set(EXPECTED)
    for doc_id, (title, date, year, number) in EXPECTED.items():
        doc = listed[doc_id]
        assert (doc["title"], doc["date"], doc["year"], doc["doc_number"]) == (
            title,
            date,
            year,
            number,
        )


def test_no_furniture_left(formats_service) -> None:  # type: ignore[no-untyped-def]
    for doc in formats_service.documents():
        body, _, site = doc.text.partition(f"\n\n{SITE_HEADING}\n\n")
        for furniture in FURNITURE:
            assert furniture not in body, (doc.doc_id, furniture)
        assert "版权所有" not in site
    page = next(d for d in formats_service.documents() if d.doc_id == "rural_meeting.html")
    assert page.text.endswith(  # its footer's facts, kept as site information
        f"{SITE_HEADING}\n\n主办单位：重庆市万州区人民政府办公室；\n"
        "网站标识码：5001010001；\nICP备案号：渝ICP备05003300号。"
    )


@pytest.mark.parametrize(
    ("question", "doc_id", "expected"),
    [
        ("农村公路养护经费每公里每年多少钱", "roads_notice.pdf", "1.2万元"),
        ("新增城市停车位由哪个单位牵头", "tasks_2024.docx", "区城市管理局"),
        ("2024年全区新建高标准农田多少万亩", "rural_meeting.html", "5.6万亩"),
        ("社区养老服务中心的责任单位是哪个", "livelihood_2023.xlsx", "区民政局"),
        ("全区计划建成多少个5G基站", "smart_city_plan.txt", "4500个"),
        ("2024年新增学位多少个", "education_review.txt", "7200个"),
        ("数字档案馆由哪个单位负责", "archives.csv", "区档案馆"),
        ("春季新增造林面积多少万亩", "tree_planting.ofd", "1.2万亩"),
        ("新建社区食堂由哪个单位牵头", "canteens_2025.doc", "区商务委"),
    ],
)
def test_questions_are_answered_from_each_file(
    formats_service,
    question: str,
    doc_id: str,
    expected: str,  # type: ignore[no-untyped-def]
) -> None:
    answer = formats_service.ask(question)
    assert not answer.abstained, question
    assert expected in answer.text, (question, answer.text)
    assert answer.citations[0].doc_id == doc_id


def test_citation_carries_the_doc_number(formats_service) -> None:  # type: ignore[no-untyped-def]
    answer = formats_service.ask("今年计划新建改建农村公路多少公里")
    assert answer.citations[0].doc_id == "roads_notice.pdf"
    assert answer.citations[0].doc_number == "万州府发〔2023〕12号"
