"""今年 and 去年 are resolved against the newest documents; that is a guess at the year
meant, so a question those years do not answer is looked for in the others. Two
bulletins written for the test, of two districts and two years."""

from __future__ import annotations

import pytest

from lixia_qa.settings import Settings

NEWER = """白塔区2023年国民经济和社会发展统计公报

2023年，全区货物进出口总值12.5亿元，比上年增长9%。全年新增城镇就业3200人。
"""
OLDER = """文圣区2022年国民经济和社会发展统计公报

2022年，全区货物进出口总值8.1亿元，比上年增长5%。全年新增城镇就业2100人。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from ingest.pipeline import build_index
    from server.service import QAService

    root = tmp_path_factory.mktemp("relative")
    docs = root / "docs"
    docs.mkdir()
    (docs / "baita_2023.txt").write_text(NEWER, encoding="utf-8")
    (docs / "wensheng_2022.txt").write_text(OLDER, encoding="utf-8")
    settings = Settings(
        model="hash",
        docs_dir=docs,
        index_dir=root / "index",
        feedback_db=root / "feedback.sqlite",
        _env_file=None,  # type: ignore[call-arg]
    )
    build_index(settings)
    return QAService.load(settings)


def test_a_place_the_guessed_years_documents_do_not_name_is_looked_for_in_others(service) -> None:  # type: ignore[no-untyped-def]
    """去年 is 2022 here, whose bulletin is about another district: the district asked
    about is answered from its own 2023 bulletin, and the answer says the year."""
    answer = service.ask("白塔区去年外贸进出口多少")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("（2023年）") and "12.5亿元" in answer.text
    assert answer.citations[0].doc_id == "baita_2023.txt"


def test_a_named_year_is_not_guessed(service) -> None:  # type: ignore[no-untyped-def]
    """A year the question names is meant: no other year's bulletin answers for it."""
    answer = service.ask("白塔区2022年外贸进出口多少")
    assert answer.abstained, answer.text
    assert "2022年" in answer.text and "白塔区" in answer.text
