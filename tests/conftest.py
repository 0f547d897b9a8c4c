"""Shared fixtures: a small corpus written for the tests, indexed with real FAISS and BM25.

The corpus is about an invented district (青山区) so that nothing in the code can lean
on the seed documents. Unit tests use the deterministic hash embedder.

Tiers (markers declared in pyproject.toml): ``make test`` runs the fast tier, every test
not marked ``slow`` (real models, training, the Milvus Lite runs of the store-parametrised
tests), ``browser`` (headless Chromium) or ``multiprocess`` (several server processes);
``make test-all`` runs them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lixia_qa.settings import Settings
from store.tokenize import ChineseTokenizer

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

NOTICE_2023 = """青山区人民政府办公室
关于印发2023年《青山区政府工作报告》目标任务分解的通知

各街道办事处，区政府各部门：
现将目标任务分解印发给你们，请抓好落实。

青山区人民政府办公室
2023年3月6日

今年经济社会发展主要预期目标是：地区生产总值增长5%，（牵头领导：林海；责任单位：区发展和改革局）社会消费品零售总额增长8%。（牵头领导：周敏；责任单位：区商务局）
（一）统筹教育和卫生事业，办好民生实事。坚持教育优先发展。
新建中小学幼儿园6所，增加学位4200个；（牵头领导：周敏；牵头单位：区教育和体育局；责任单位：区财政局、区自然资源局）建成社区卫生服务中心3处。（牵头领导：林海、周敏；责任单位：区卫生健康局）
（二）统筹城市更新，提升城市品质。
完成老旧小区改造25个，惠及居民8600户；（牵头领导：陈涛；责任单位：区住房和城市建设局）推进滨河公园建设，全年新增绿地12万平方米。（牵头领导：陈涛；牵头单位：区城市管理局；责任单位：区园林绿化中心）
"""

NEWS_2024 = """# 青山区：奋力开创高质量发展新局面

记者 王小明

2024年，青山区将继续坚持项目为王。今年全区计划实施重点项目60个，完成投资150亿元。

在民生方面，青山区今年将新建幼儿园4所、中小学2所，新增学位3000个。
区长李华表示，青山区将全力打造一流营商环境，市场主体已经达到8.2万户。

今年，青山区确定了地区生产总值增长6%的工作目标。

同为全市重点片区的白塔区，今年计划实施重点项目45个。白塔区副区长表示，白塔区将加快建设。
"""

NEWS_2022_GBK = """青山区文化旅游发展综述

2022年，青山区接待游客1200万人次，实现旅游收入98亿元。
青山古镇被评为省级旅游度假区，全年举办文化活动300余场。
"""


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "notice_2023.txt").write_text(NOTICE_2023, encoding="utf-8")
    (folder / "news_2024.md").write_text(NEWS_2024, encoding="utf-8-sig")
    (folder / "sub").mkdir()
    (folder / "sub" / "culture_2022.txt").write_bytes(NEWS_2022_GBK.encode("gb18030"))
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def tokenizer() -> ChineseTokenizer:
    """One jieba tokenizer (general dictionary, no corpus words) for every test that only
    reads text: building one loads jieba's dictionary, about a second each time."""
    return ChineseTokenizer()


STORE_TESTS = ("retriever", "answer")  # test folders run against both index stores
STORE_KINDS = ["local", pytest.param("milvus", marks=pytest.mark.slow)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests of retrieval and answering run once per store (Milvus: a Milvus Lite file,
    in the slow tier)."""
    folder = Path(metafunc.definition.path).parent.name
    if "store_kind" in metafunc.fixturenames and folder in STORE_TESTS:
        metafunc.parametrize("store_kind", STORE_KINDS, indirect=True, scope="session")


@pytest.fixture(scope="session")
def store_kind(request: pytest.FixtureRequest) -> str:
    """The index store of the session's service: "local" unless parametrised."""
    return str(getattr(request, "param", "local"))


@pytest.fixture(scope="session")
def settings(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, store_kind: str
) -> Settings:
    work = tmp_path_factory.mktemp(f"work-{store_kind}")
    return Settings(
        model="hash",
        store=store_kind,
        docs_dir=corpus_dir,
        index_dir=work / "index",
        feedback_db=work / "feedback.sqlite",
        chunk_size=120,
        chunk_overlap=20,
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture(scope="session")
def built(settings: Settings):  # type: ignore[no-untyped-def]
    from ingest.pipeline import build_index

    return build_index(settings)


@pytest.fixture(scope="session")
def service(settings: Settings, built):  # type: ignore[no-untyped-def]
    from server.service import QAService

    return QAService.load(settings)
