"""Commitment records answer only for the place a question names."""

from __future__ import annotations

import pytest

from tests.answer.small_service import small_service

YUECHI = """岳池县2024年民生实事任务分解表

序号 | 民生实事 | 责任单位 | 完成时限
1 | 新建城东农贸市场1个。 | 县商务局 | 12月底前
2 | 改造城区老旧供水管网12公里。 | 县水务局 | 10月底前
"""

NINGLING = """宁陵县2024年民生实事任务分解表

全县农贸市场提升改造另行安排，不列入本表。

序号 | 民生实事 | 责任单位 | 完成时限
1 | 新建县城第三幼儿园。 | 县教育局 | 9月底前
2 | 硬化农村道路50公里。 | 县交通运输局 | 11月底前
"""


@pytest.fixture(scope="module")
def two_counties(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    docs = {"yuechi.txt": YUECHI, "ningling.txt": NINGLING}
    return small_service(tmp_path_factory.mktemp("two_counties"), docs)


def test_a_task_is_owned_in_the_place_the_question_names(two_counties) -> None:  # type: ignore[no-untyped-def]
    answer = two_counties.ask("岳池县新建农贸市场由哪个部门负责")
    assert not answer.abstained and "县商务局" in answer.text, answer.text


def test_another_places_task_table_does_not_answer(two_counties) -> None:  # type: ignore[no-untyped-def]
    """宁陵县's document speaks of markets, but its table gives no owner for one:
    岳池县's 县商务局 is no answer for 宁陵县."""
    answer = two_counties.ask("宁陵县城东农贸市场谁负责")
    assert "县商务局" not in answer.text, answer.text
