"""Questions a service guide answers in one of its fields (answer.guidefields), on
guides written for the test."""

from __future__ import annotations

import pytest

from answer.guidefields import (
    ADDRESS,
    APPLICANTS,
    AUTHORITY,
    AWARD,
    COMPLAINT,
    CONTACT,
    DELIVERY,
    DURATION,
    FEE,
    HOURS,
    MATERIALS,
    PERIOD,
    PERSON,
    PLACE,
    VALIDITY,
    asking_words,
    asks_guide_field,
    asks_one_field,
    field_span,
    guide_opening,
    is_guide,
    labelled_span,
)
from lixia_qa.types import Document, Section


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("居住证在哪里办", PLACE),
        ("办社保卡去哪儿", PLACE),
        ("政务大厅几点上班", HOURS),
        ("周末能去办吗", HOURS),
        ("办下来要多久", DURATION),
        ("几个工作日能拿到证", DURATION),
        ("办这个要钱吗", FEE),
        ("补办收不收工本费", FEE),
        ("要带啥", MATERIALS),
        ("需要准备哪些材料", MATERIALS),
        ("什么人可以申请", APPLICANTS),
        ("申请条件是什么", APPLICANTS),
        ("补贴什么时候可以申请", PERIOD),
        ("申报截止到哪天", PERIOD),
        ("入统奖励能拿多少", AWARD),
        ("入统奖励是多少", AWARD),
        ("有啥不懂的打哪个电话问", CONTACT),
        ("咨询热线是多少", CONTACT),
        ("想投诉打什么号码", COMPLAINT),
        ("举报电话多少", COMPLAINT),
        ("给村里拨多少钱", FEE),  # an allocation, not a number to dial
        ("电话费怎么交", None),
        ("今年新建几所幼儿园", None),
        ("老旧小区改造由哪个单位牵头", None),
        ("出入境这块归哪个部门管", AUTHORITY),
        ("单位给职工办参保登记该去找哪个部门", PLACE),  # which office to go to
        ("扶持办法有不明白的地方该找哪个部门解释", None),  # who answers for it
        ("扶持办法从哪天开始施行", None),  # when it takes effect, not when to apply
        ("高龄津贴的主管部门是哪个", AUTHORITY),
    ],
)
def test_the_field_a_question_asks_for(question: str, field: str | None) -> None:
    asked = asks_guide_field(question)
    assert (asked.what if asked else None) == field


def test_an_award_asked_in_money_words_is_not_only_a_fee() -> None:
    """奖励有多少钱 asks what the award pays as much as what a fee costs: no guide is
    said to leave its fee unstated for it."""
    assert not asks_one_field("入统奖励有多少钱")
    assert asks_one_field("办这个要多少钱")


LINES = """青川区护照办理指南
办理地点：青川区政务服务中心三楼出入境窗口
办理时间：周一至周五9:00—17:00
办理时限：7个工作日
收费标准：每本120元
申请材料：
1.居民身份证；
2.近期证件照片。
咨询电话：0000-1234567"""


def _quoted(doc: Document, name: str) -> str:
    """What ``doc``'s field ``name`` quotes; the field must be stated."""
    span = field_span(doc, name)
    assert span is not None
    return doc.text[span[0] : span[1]]


def test_a_labelled_line_and_the_lines_under_it() -> None:
    doc = Document("g.txt", "青川区护照办理指南", LINES)
    assert _quoted(doc, PLACE) == "办理地点：青川区政务服务中心三楼出入境窗口"
    assert _quoted(doc, DURATION) == "办理时限：7个工作日"
    assert _quoted(doc, FEE) == "收费标准：每本120元"
    assert _quoted(doc, MATERIALS) == "申请材料：\n1.居民身份证；\n2.近期证件照片。"
    assert field_span(doc, APPLICANTS) is None  # not stated: the usual way


def test_whom_to_ask_and_where_to_complain() -> None:
    text = LINES + "\n投诉电话：0000-7654321"
    doc = Document("g.txt", "青川区护照办理指南", text)
    assert _quoted(doc, CONTACT) == "咨询电话：0000-1234567"
    assert _quoted(doc, COMPLAINT) == "投诉电话：0000-7654321"
    # a guide naming a number in a sentence, not under a label: not said to lack it
    bare = Document("g.txt", "青川区护照办理指南", LINES.replace("咨询电话：", "如有疑问请拨打"))
    assert field_span(bare, CONTACT) is None
    assert not asks_one_field("护照咨询电话是多少")
    assert asks_one_field("办护照要钱吗")


def test_a_numbered_label_heads_the_labels_numbered_below_its_level() -> None:
    text = (
        "一、办理地点：甲大厅\n三、办理时限：5个工作日\n四、办理材料：\n1.换领身份证：\n1）原身份证"
    )
    text += "\n2.补领身份证：\n1）户口簿\n五、收费标准：20元"
    doc = Document("g.txt", "身份证办理指南", text)
    assert _quoted(doc, MATERIALS) == (
        "四、办理材料：\n1.换领身份证：\n1）原身份证\n2.补领身份证：\n1）户口簿"
    )


def test_a_label_with_nothing_under_it_states_nothing() -> None:
    # a guide's form copied one cell per line, its empty cells dropped
    text = (
        "办理地点：甲大厅\n办理时间：工作日\n监督投诉方式\n\n是否收费：\n\n咨询电话：0000-1234567"
    )
    sections = (Section("监督投诉方式", 1, text.index("监督"), text.index("是否收费") - 2),)
    doc = Document("g.txt", "生育登记服务指南", text, sections=sections)
    assert field_span(doc, COMPLAINT) is None
    assert field_span(doc, FEE) is None
    assert _quoted(doc, CONTACT) == "咨询电话：0000-1234567"


def test_a_numbered_heading_over_its_paragraph() -> None:
    parts = ["一、申请条件", "在本区注册的企业。", "二、申请时间", "每年6月1日至6月30日。"]
    parts += ["三、办理时限", "受理后20个工作日内办结。", "四、奖励标准", "一次性奖励20万元。"]
    parts += ["五、受理时间", "工作日9:00-17:00。"]
    text = "\n".join(parts)
    heads = list(range(0, len(parts), 2))
    starts = [text.index(parts[i]) for i in heads] + [len(text)]
    sections = tuple(
        Section(parts[i], 1, starts[k], starts[k + 1] - (k + 1 < len(heads)))
        for k, i in enumerate(heads)
    )
    doc = Document("g.txt", "扶持资金申报指南", text, sections=sections)
    span = field_span(doc, DURATION)
    assert span is not None and text[span[0] : span[1]] == "三、办理时限\n受理后20个工作日内办结。"
    quoted = {}
    for name in (PERIOD, AWARD, HOURS):
        span = field_span(doc, name)
        assert span is not None
        quoted[name] = text[span[0] : span[1]]
    assert quoted[PERIOD] == "二、申请时间\n每年6月1日至6月30日。"  # when to apply
    assert quoted[AWARD] == "四、奖励标准\n一次性奖励20万元。"
    assert quoted[HOURS] == "五、受理时间\n工作日9:00-17:00。"  # when it is open


def test_a_label_with_a_qualifier_before_its_fields_name() -> None:
    """政策咨询电话, 应提交的材料, 窗口受理单位, 法定办结时限: a qualifier before the
    field's name; the heading's paragraph is the field."""
    parts = ["一、窗口受理单位", "各区政务服务中心。", "二、法定办结时限", "15个工作日。"]
    parts += ["三、政策咨询电话", "12345678", "四、应提交的材料", "身份证、户口簿。"]
    text = "\n".join(parts)
    starts = [text.index(parts[i]) for i in range(0, len(parts), 2)] + [len(text)]
    sections = tuple(
        Section(parts[2 * k], 1, starts[k], starts[k + 1]) for k in range(len(starts) - 1)
    )
    doc = Document("g.txt", "某证办理指南", text, sections=sections)
    quoted = {}
    for name in (PLACE, DURATION, CONTACT, MATERIALS):
        span = field_span(doc, name)
        assert span is not None
        quoted[name] = text[span[0] : span[1]].strip()
    assert quoted == {
        PLACE: "一、窗口受理单位\n各区政务服务中心。",
        DURATION: "二、法定办结时限\n15个工作日。",
        CONTACT: "三、政策咨询电话\n12345678",
        MATERIALS: "四、应提交的材料\n身份证、户口簿。",
    }


def test_a_label_heading_over_lines_read_as_headings_runs_to_the_next_label() -> None:
    """Labels on lines of their own, unnumbered, with their values on the next line read
    as headings of their own too: each field runs to the next label, 办理依据 included."""
    from ingest.structure import find_sections

    text = "\n\n".join(
        [
            "某证申领",
            "办理时限",
            "在受理之日起30日内办结",
            "办理依据",
            "《某某条例》",
            "办理地点",
            "各区政务服务中心",
            "收费标准",
            "工本费每证20元",
        ]
    )
    doc = Document("g.txt", "某证申领", text, sections=find_sections(text))
    quoted = {}
    for name in (DURATION, PLACE, FEE):
        span = field_span(doc, name)
        assert span is not None
        quoted[name] = text[span[0] : span[1]].replace("\n\n", "|")
    assert quoted == {
        DURATION: "办理时限|在受理之日起30日内办结",
        PLACE: "办理地点|各区政务服务中心",
        FEE: "收费标准|工本费每证20元",
    }


def test_of_several_numbers_the_one_whose_owner_the_question_names() -> None:
    """A notice gives two offices' numbers, each under its office's name or after it on
    its line: the question's words tell which; words both share, or none, tell nothing."""
    notice = (
        "公示期间设立下列联系方式：\n市环境保护局\n地址：某路1号\n电话：0000-1111111\n"
        "县环境保护局\n地址：某路2号\n电话：0000-2222222\n"
        "市民政局地址：某路3号，电话：3333333。"
    )
    doc = Document("n.txt", "关于拟命名某镇的公示", notice)

    def quoted(*words: str) -> str | None:
        span = field_span(doc, CONTACT, words)
        return notice[span[0] : span[1]] if span is not None else None

    assert quoted("县", "环境保护局") == "电话：0000-2222222"
    assert quoted("民政局") == "电话：3333333"
    assert quoted("环境保护局") is None  # the city's and the county's bureau alike
    assert quoted() is None


def test_a_phone_number_labelled_inside_a_line_of_any_document() -> None:
    """A notice's or a page's labelled number (联系电话：…；地址：…) answers whom to ask,
    though the document is no guide; a complaint number is labelled as one."""
    notice = "现予公示。如有异议，请向市林业局反映。联系电话：0875-2120886；地址：太保北路10号。"
    span = field_span(Document("n.txt", "关于拟认定森林乡村的公示", notice), CONTACT)
    assert span is not None and notice[span[0] : span[1]] == "联系电话：0875-2120886"
    page = "办公时间：上午8:00-12:00，办公电话：0731—56220198，传真号：0731—56220014。"
    span = field_span(Document("p.txt", "某镇信息公开指南", page), CONTACT)
    assert span is not None and page[span[0] : span[1]] == "办公电话：0731—56220198"
    assert field_span(Document("p.txt", "某镇信息公开指南", page), COMPLAINT) is None
    # a label whose value is no number, or a number far from it, states none
    far = "联系电话：请于工作日上午到窗口现场咨询，或拨打0731-56220198"
    assert field_span(Document("f.txt", "通知", far), CONTACT) is None
    assert field_span(Document("g.txt", "通知", "电话会议于3月召开。"), CONTACT) is None
    # two offices' numbers: which one is asked is the reader's to judge
    two = "六、受理部门\n政务服务中心\n联系电话：020-39053010\n七、业务主管部门\n科技局\n联系电话：020-39053426"
    assert field_span(Document("t.txt", "奖励申报说明", two), CONTACT) is None
    again = "联系电话：0875-2120886。\n如有疑问，请拨打联系电话：0875-2120886"
    assert field_span(Document("a.txt", "公示", again), CONTACT) == (0, 17)


def test_a_document_with_few_field_labels_is_no_guide() -> None:
    text = "区政府工作报告\n地址：人民路1号\n今年新建公园3个。"
    assert field_span(Document("r.txt", "区政府工作报告", text), PLACE) is None


def test_a_long_field_is_cut_at_a_line() -> None:
    items = "\n".join(f"{n}.材料{'甲' * 40}；" for n in range(1, 9))
    text = f"办理地点：大厅\n办理时间：工作日\n申请材料：\n{items}"
    span = field_span(Document("g.txt", "指南", text), MATERIALS)
    assert span is not None
    quoted = text[span[0] : span[1]]
    assert len(quoted) <= 240 and quoted.startswith("申请材料：") and quoted.endswith("；")


def test_where_to_go_before_who_receives_it() -> None:
    text = "受理机构：青川区人社局\n办理地点：青川区市民中心二楼\n办理时间：工作日\n承诺时限：10个工作日\n地址：青川区人民路1号"
    span = field_span(Document("g.txt", "社保卡申领指南", text), PLACE)
    assert span is not None and text[span[0] : span[1]] == "办理地点：青川区市民中心二楼"
    no_place = text.replace("办理地点：青川区市民中心二楼\n", "")
    span = field_span(Document("g.txt", "社保卡申领指南", no_place), PLACE)
    assert span is not None and no_place[span[0] : span[1]] == "受理机构：青川区人社局"


def test_numbered_labels_and_their_variants() -> None:
    """A guide numbers its labelled lines (（二）所需材料：…, 三、办理时限：…) and words
    them its own way (承办时限, 收费标准及依据, 办事地址及办事窗口, 申报提交材料)."""
    text = (
        "（二）所需材料：身份证、户口本、照片。\n（四）承办时限：收到材料7个工作日内审核完成。\n"
        "七、收费标准及依据：不收费\n十一、办事地址及办事窗口：青禾路87号政务服务中心\n"
        "六、申报提交材料：\n1、身份证；\n2、照片2张。"
    )
    doc = Document("g.txt", "一次性告知材料", text)
    assert _quoted(doc, DURATION) == "（四）承办时限：收到材料7个工作日内审核完成。"
    assert _quoted(doc, FEE) == "七、收费标准及依据：不收费"
    assert _quoted(doc, PLACE) == "十一、办事地址及办事窗口：青禾路87号政务服务中心"
    assert _quoted(doc, MATERIALS).startswith("（二）所需材料：")


def test_a_document_titled_a_guide_is_one_with_few_labels() -> None:
    text = "（一）政策依据：某某办法。\n（二）所需材料：身份证、户口本。\n（三）申办流程：到镇残联申请。"
    assert is_guide(Document("g.txt", "残疾人证办理指南", text))
    assert not is_guide(Document("r.txt", "残疾人工作简报", text))
    assert field_span(Document("r.txt", "残疾人工作简报", text), MATERIALS) is None


SUB_LABELLED = (
    "8.申请材料：身份证\n9.办理时限：\n法定时限：3个工作日\n承诺时限：即时办结\n"
    "10.收费标准：不收费\n15. 办公时间和地址：工作日上午9:00-12:00，青禾路1号"
)


@pytest.mark.parametrize(
    ("text", "name", "quoted"),
    [
        (SUB_LABELLED, DURATION, "9.办理时限：\n法定时限：3个工作日\n承诺时限：即时办结"),
        (SUB_LABELLED, FEE, "10.收费标准：不收费"),
        (SUB_LABELLED, HOURS, "15. 办公时间和地址：工作日上午9:00-12:00，青禾路1号"),
        # an unnumbered empty label keeps to its own line's run, as before
        (
            "办理时限：\n5个工作日\n收费标准：不收费\n申请材料：身份证",
            DURATION,
            "办理时限：\n5个工作日",
        ),
        # and heads the labelled lines under it that name no field
        (
            "办理地点：甲大厅\n收费标准：\n制证工本费：损坏换领每证40元，到期换领每证20元。\n办理时限：10个工作日",
            FEE,
            "收费标准：\n制证工本费：损坏换领每证40元，到期换领每证20元。",
        ),
        (
            "办理地点：甲大厅\n领取方式：\n1.普通证件：凭领取凭证领取\n2.邮寄证件：邮寄到家\n收费标准：不收费",
            DELIVERY,
            "领取方式：\n1.普通证件：凭领取凭证领取\n2.邮寄证件：邮寄到家",
        ),
    ],
)
def test_a_numbered_label_with_nothing_after_it_heads_the_labels_under_it(
    text: str, name: str, quoted: str
) -> None:
    """9.办理时限： states its value in the unnumbered labelled lines under it (法定时限：,
    承诺时限：); a label with a space after its number and a second thing it states
    (15. 办公时间和地址：) is the hours' label too."""
    assert _quoted(Document("g.txt", "公积金提取", text), name) == quoted


def test_how_long_what_is_issued_stays_good() -> None:
    """过几年就失效, 能用多久 and 有效期 ask the guide's 有效期, not how long it takes to
    issue (身份证过期了去换，多久能拿到新的 asks the 办理时限)."""
    for question in ("残疾证过几年就失效了", "居住证能用多久", "证件有效期几年"):
        asked = asks_guide_field(question)
        assert asked is not None and asked.what == VALIDITY, question
    asked = asks_guide_field("身份证过期了去换，正常多久能拿到新的")
    assert asked is not None and asked.what == DURATION
    text = "三、评定时间：每周一\n四、证件有效期：有效期10年。\n五、办理时限：30个工作日。\n六、收费标准：免费。"
    doc = Document("g.txt", "残疾人证怎么办理", text)
    assert _quoted(doc, VALIDITY) == "四、证件有效期：有效期10年。"
    assert _quoted(doc, DURATION) == "五、办理时限：30个工作日。"


def test_materials_alone_ask_what_to_bring_only_when_nothing_else_is_asked() -> None:
    """去哪个窗口交材料 asks where to go; 残疾证材料 asks what to bring."""
    asked = asks_guide_field("办残疾证去哪个窗口交材料")
    assert asked is not None and asked.what == PLACE
    asked = asks_guide_field("残疾证材料")
    assert asked is not None and asked.what == MATERIALS
    assert asks_one_field("残疾证材料")


def test_a_contact_person_labelled_in_a_notice() -> None:
    """联系人是谁 asks a notice's 联系人：…, the office's of the question's words when it
    names several; 联系人电话 still asks a number."""
    notice = (
        "联系方式：\n市环境保护局\n联系人：张某某\n县环境保护局\n联系人：李某\n电话：0000-2222222"
    )
    doc = Document("n.txt", "关于拟命名某镇的公示", notice)
    assert asks_guide_field("县环保局那个公示联系人是谁").what == PERSON  # type: ignore[union-attr]
    assert asks_guide_field("联系人电话多少").what == CONTACT  # type: ignore[union-attr]
    assert asks_guide_field("对公示有异议联系谁").what == PERSON  # type: ignore[union-attr]
    span = field_span(doc, PERSON, ("县", "环境保护局"))
    assert span is not None and notice[span[0] : span[1]] == "联系人：李某"
    assert field_span(doc, PERSON, ("环境保护局",)) is None


def test_a_field_about_another_kind_of_the_asked_thing_answers_nothing() -> None:
    """临时身份证收多少钱 is not answered by the fee of a 第二代居民身份证; 二代身份证 is; a
    place before the word is no qualifier."""
    from answer.guidefields import names_another_kind

    fee = "收费标准\n申领第二代居民身份证的居民收取工本费每证20元"
    assert names_another_kind(fee, "青山县办临时身份证收多少钱", ("身份证", "青山县", "临时"))
    assert not names_another_kind(fee, "青山县办二代身份证收多少钱", ("身份证", "青山县", "二代"))
    assert not names_another_kind(fee, "青山县身份证收多少钱", ("身份证", "青山县"))
    assert not names_another_kind("收取工本费每证10元", "办临时身份证收多少钱", ("身份证", "临时"))
    place = "办理地点：青山县政务服务中心三楼（居民身份证窗口）"
    assert not names_another_kind(place, "青山区办身份证去哪办", ("身份证", "青山", "区办"))
    # a noun before another is no kind of it: 证件材料 asks the 申办材料
    materials = "申办材料：1.户口簿及复印件；2.居民身份证及复印件"
    assert not names_another_kind(materials, "登记结婚要带啥证件材料", ("结婚", "证件", "材料"))


def test_the_office_in_charge_and_what_an_offices_guide_covers() -> None:
    """主管部门 and 实施主体 name the office in charge (归哪个部门管); an office's guide
    names the matters it covers before its first field (一、护照、往来港澳通行证)."""
    text = (
        "青禾县公安局出入境窗口事项办理指南\n一、中华人民共和国护照、往来港澳通行证\n"
        "二、政策依据：《中华人民共和国出境入境管理法》\n三、申报材料：身份证。\n"
        "四、主管部门：青山市公安局出入境管理局\n五、办理时限：10个工作日"
    )
    guide = Document("g.txt", "青禾县公安局出入境窗口事项办理指南", text)
    span = field_span(guide, AUTHORITY)
    assert span is not None and text[span[0] : span[1]] == "四、主管部门：青山市公安局出入境管理局"
    assert "往来港澳通行证" in guide_opening(guide, 200)
    assert "申报材料" not in guide_opening(guide, 200)
    assert "出境入境管理法" not in guide_opening(guide, 200)  # its basis, not its matter
    assert guide_opening(Document("n.txt", "通知", "正文。"), 200) == ""


def test_labels_alone_on_their_lines_head_the_lines_below() -> None:
    """A guide copied from a page puts some labels alone on a line without a colon
    (办理地址, its value on the next line): each heads the lines down to the next label,
    as a labelled line does, and so the guide is read as one even under a title that
    does not say it is; a value alone under a label's colon (不收费) is no label."""
    text = (
        "居民生活水平不断提高，参保的居民也不断上升。青山市医疗保险怎么参保呢？\n"
        "办理条件\n青山市境内未参保的职工。\n经办程序：\n1、申请人提交申请材料。\n"
        "办理时限：\n受理后5个工作日内完成\n办理费用：\n不收费\n办理地址\n青山市社会保险管理局"
    )
    guide = Document("g.txt", "居民生活水平不断提高", text)
    assert is_guide(guide)
    spans = {name: field_span(guide, name) for name in (FEE, PLACE, APPLICANTS)}
    assert all(spans.values())
    read = {name: text[a:b].strip() for name, (a, b) in spans.items()}  # type: ignore[misc]
    assert read[FEE] == "办理费用：\n不收费"
    assert read[PLACE] == "办理地址\n青山市社会保险管理局"
    assert read[APPLICANTS] == "办理条件\n青山市境内未参保的职工。"


def test_every_word_asking_for_the_field_is_left_out_of_the_title_match() -> None:
    """几点上班几点下班，周末能办吗 asks the hours in several words: none of them is a
    word the guide's title must cover, so the guide that does not state its hours says
    so rather than being passed over."""
    text = "青禾乡办残疾证几点上班几点下班,周末能办吗?"
    asked = asks_guide_field(text)
    assert asked is not None and asked.what == HOURS
    assert set(asking_words(text, asked)) == {"几点", "上班", "下班", "周末"}


def test_an_address_labelled_in_a_notice_answers_where_to_send() -> None:
    """A notice asking for suggestions gives its 地址：… line: 书面送到什么地址 asks for it,
    and the line is found though the notice is no guide; 网址 and 邮箱地址 are no address."""
    text = (
        "现面向全县征集民心工程项目意见建议。\n\n征集时间：自即日起至2022年10月31日\n\n"
        "联系电话：022-29030000\n\n网址：www.example.gov.cn\n\n地址：青禾县府前街2号\n\n"
        "电子邮箱地址：mx@example.com"
    )
    notice = Document("n.txt", "关于征集民心工程项目意见建议的公告", text)
    asked = asks_guide_field("意见建议书面送到什么地址")
    assert asked is not None and asked.what == PLACE
    assert field_span(notice, PLACE) is None  # a notice is no guide
    span = labelled_span(text, ADDRESS)
    assert span is not None and text[span[0] : span[1]] == "地址：青禾县府前街2号"
