"""A guide copied without its title, its first numbered heading standing in for one: its
opening lines name it for a question's words. A guide written for the test."""

from __future__ import annotations

from pathlib import Path

from tests.answer.small_service import small_service

GUIDE = """一、申请条件
（一）户籍在白塔区的60周岁以上老年人。
二、申请材料
（1）老年人优待证申请表；
（2）居民身份证复印件。
三、办理时限
承诺办结时限：15个工作日
四、收费标准
不收费
五、咨询电话
咨询电话：0419-1234567
"""


def test_an_untitled_guide_answers_by_its_opening(tmp_path: Path) -> None:
    service = small_service(tmp_path, {"guide.html": GUIDE})
    answer = service.ask("白塔区办老年人优待证要等多久")
    assert not answer.abstained and "15个工作日" in answer.text, answer.text
    # another service's question: the guide's opening does not name it
    assert "15个工作日" not in service.ask("白塔区办护照要等多久").text


def test_what_names_a_document() -> None:
    from answer.answerer import _named_as
    from lixia_qa.types import Document

    assert _named_as(Document("g", "一、申请条件", GUIDE)) == GUIDE[:200]
    assert _named_as(Document("g", "承诺办结时限：15个工作日", GUIDE)) == GUIDE[:200]
    assert (
        _named_as(Document("g", "白塔区老年人优待证办理指南", GUIDE))
        == "白塔区老年人优待证办理指南"
    )
    assert _named_as(Document("g", "白塔区：优待证办理提速", GUIDE)) == "白塔区：优待证办理提速"


PASS_GUIDE = """白塔区在哪里办理港澳通行证及办理流程所需材料

办理费用

往来港澳通行证：80元/证

办理地点

白塔区公安局出入境管理局

电话：0419-2891400

地址：白塔区中华路12号
"""


def test_the_office_above_a_phone_number_names_the_guide(tmp_path: Path) -> None:
    """出入境管理局电话是多少 names the office the guide gives the number of, not its
    title: the office's line above 电话：… names the guide for the question."""
    service = small_service(tmp_path, {"pass.txt": PASS_GUIDE})
    answer = service.ask("白塔区出入境管理局电话是多少，想打过去问问")
    assert not answer.abstained and "0419-2891400" in answer.text, answer.text
