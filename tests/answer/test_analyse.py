"""Question analysis: kinds, framing words, synonyms, measure words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from answer.analyse import (
    DATE,
    DURATION_ASKED_RE,
    FACT,
    FIGURE,
    LIST,
    OWNER,
    PERSON,
    PLACE,
    TERM,
    analyse,
    classify,
    content_terms,
    expand,
    explicit_years,
    framing_words,
    implied_measure,
    place_mentions,
    strip_framing,
    unjoined,
)
from store.tokenize import ChineseTokenizer


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("新建口袋公园由哪个单位牵头？", OWNER),
        ("提高低保标准那件事是哪位市领导分管的", OWNER),  # a leader of a level
        ("开幕式上有哪几位省领导在场", LIST),  # who was there: no one's task
        ("青川区今年要建哪些公园？", LIST),
        ("文化节是什么时候开幕的？", DATE),
        ("图书馆早上几点开门？", DATE),
        ("文化节几号开幕？", DATE),
        ("去体育馆坐地铁几号线？", FIGURE),  # a line's number, not a day of the month
        ("新建了几处驿站？", FIGURE),
        ("这座桥是谁设计的？", PERSON),
        ("前年青川区长是哪个", PERSON),  # 哪个 after a post asks who holds it
        ("镇党委书记是哪一位？", PERSON),
        ("局长是哪个学校毕业的", FACT),  # 哪个 before a noun asks which one of them
        ("最早那三个街道是哪三个", LIST),  # so many of them: which ones
        ("全区哪两所学校扩建了？", LIST),
        ("哪一个街道人口最多？", FACT),  # one of them
        ("文化节在哪里举办？", PLACE),
        ("课后服务是怎么安排的？", FACT),
        ("把环卫、绿化几摊子合在一起管，这种做法叫啥？", TERM),
        ("产业部门在这套体系里担个啥名头？", TERM),
        ("以有机方式种出的米被称为？", TERM),
        ("那两个村分别叫什么？", LIST),
        ("这个新园子叫什么？", TERM),
        # search words naming a figure ask for it; with a question word they ask that
        ("青川区2023年地区生产总值", FIGURE),
        ("青川区 农村居民人均可支配收入", FIGURE),
        ("青川区政府网站标识码", FACT),
        ("青川区2023年空气优良天数", FIGURE),  # a count of days, people, times
        ("青川区去年出生人数", FIGURE),
        ("青川区旅游接待人次", FIGURE),
        ("青川区参加过几次全运会的人数为什么少", FACT),
        ("公报里的收入数据是哪里来的", PLACE),
        # a word naming a figure asks for it, not in a question asking which or why
        ("全区绿地面积有多大？", FIGURE),
        ("各街道里哪个街道的绿地面积最大？", FACT),
        ("哪位院士的科研团队规模最大？", PERSON),
        ("这几年出生人口数量为什么下降？", FACT),
        ("为什么几个项目都推迟了？", FACT),
        ("出口额这两年为啥下降了？", FACT),  # 为啥, 凭什么: the same in everyday words
        ("凭什么这笔补助金额比别处少？", FACT),
        # a rank or place in an order is a figure
        ("这个县的经济总量在全省排第几？", FIGURE),
    ],
)
def test_kinds(text: str, kind: str) -> None:
    assert classify(text)[0] == kind


def test_a_question_in_traditional_characters_is_read_in_simplified(
    tokenizer: ChineseTokenizer,
) -> None:
    q = analyse("青禾縣政務服務大廳幾點開門？", tokenizer, None)
    assert (q.text, q.kind) == ("青禾县政务服务大厅几点开门？", DATE)
    assert "大厅" in q.terms


def test_framing_words_are_data_and_dropped_from_terms(tokenizer: ChineseTokenizer) -> None:
    assert {"咱们", "区里", "多不多"} <= framing_words()
    assert "咱们" not in strip_framing("咱们区里的公园多不多", tokenizer)
    q = analyse("咱们区里以后新建的公园多不多？", tokenizer, None)
    assert "公园" in q.terms
    assert not {"咱们", "区里", "以后", "多不多"} & set(q.terms)


def test_how_long_is_asked_not_a_term(tokenizer: ChineseTokenizer) -> None:
    for text in ("营业执照办下来要多久", "营业执照办下来要多长时间"):
        terms = analyse(text, tokenizer, None).terms
        assert "营业执照" in terms and not {"多久", "多长时间"} & set(terms)


def test_asking_words_are_no_terms(tokenizer: ChineseTokenizer) -> None:
    """多大 (jieba's 多大能), 几分, 哪天 (jieba's 哪天考), 啥时候, 几年 ask; they are no
    content terms."""
    for text, term in (
        ("招聘年纪多大能报", "年纪"),
        ("面试几分及格", "面试"),
        ("笔试哪天考", "笔试"),
        ("兵役登记啥时候登", "登记"),
        ("博士生的学制是几年", "学制"),
    ):
        q = unjoined(analyse(text, tokenizer, None), lambda _word: False)
        assert term in q.terms, text
        asking = {"多大", "多大能", "几分", "哪天考", "哪天", "啥时候", "几年"}
        assert not asking & set(q.terms), (text, q.terms)
    # words of their own that start with 几 stay
    assert "几乎" in analyse("海上势力几乎笼罩各岛", tokenizer, None).terms


def test_an_age_asked_without_a_measure_word(tokenizer: ChineseTokenizer) -> None:
    """年纪多大, 多大岁数, 年龄是多大 ask an age in 岁 (周岁)."""
    for text in ("招聘年纪多大能报", "他去世时多大岁数", "退休年龄是多大"):
        assert analyse(text, tokenizer, None).measure == "岁", text


def test_how_long_is_not_read_into_other_words() -> None:
    """多少年轻人, 第几天, 未来几年, 每隔几天 ask no length of time."""
    for text in (
        "有多少年轻人参加",
        "是一年中的第几天",
        "为未来几年打下基础",
        "每隔几天启动一次",
        "在几月攻占",
        "于西元几年接管",
        "民国几年升格",
    ):
        assert not DURATION_ASKED_RE.search(text), text
    for text in ("服役满多久", "要等几个月", "干了多少年"):
        assert DURATION_ASKED_RE.search(text), text


def test_synonyms_give_the_documents_forms(tokenizer: ChineseTokenizer) -> None:
    assert "地区生产总值" in expand("GDP")
    assert expand("公园绿道") == ("公园绿道",)  # no entry: the term alone
    # a listed word and one character more takes that word's forms
    assert expand("看病难")[:2] == ("看病难", "看病") and "医疗" in expand("看病难")
    assert expand("老人家")[:2] == ("老人家", "老人")
    q = analyse("GDP增长多少？", tokenizer, None)
    assert "地区生产总值" in q.term_forms("gdp")
    # a citizen's 卖地 is a budget's 土地出让, 挨着 a gazetteer's 接壤 / 相邻
    assert "土地出让" in expand("卖地") and {"接壤", "相邻"} <= set(expand("挨着"))
    # a place's 占地面积 is its 总面积; 汛情 is what 防汛 bodies watch
    assert "总面积" in expand("占地面积") and "防汛" in expand("汛情")
    # a citizen's 城里 and 比例 are what bulletins call 城镇 and 比重
    assert "城镇" in expand("城里") and "比重" in expand("比例")
    # and a citizen's 农村 what a bulletin's table calls 乡村 (乡村人口)
    assert "乡村" in expand("农村")


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("要封多少口自备井", "口"),
        ("新增多少张床位", "张"),
        ("花多少钱", "元"),
        ("建几所学校", "所"),
        ("比赛得了第几名", None),  # a rank, not a count of people
        ("镇里有多少人口", None),  # 人口 is what is counted, not the measure 人
        ("花了多少人民币", None),
        # no measure word: the family follows from what is asked about (data file)
        ("那些岗位平均月薪大概多少？", "元"),
        ("游园建好以后占地多大？", "平方米"),
        ("今年经济增速目标定的多少", "%"),
        ("热线群众满意率是多少", "%"),
        ("多少个投资项目", "个"),  # a measure word said wins
        # classifiers documents use for what they count, lengths and ages
        ("展览展出了多少幅画", "幅"),
        ("有多少位老师", "名"),  # people: 100名老师 answers it
        ("新修的步道多长，多少米", "米"),
        ("这部剧一共多少集", "集"),
        ("多少集体经济组织", None),  # 集体 is counted, not 集
        ("他几岁入学", "岁"),
        ("拿了几块金牌", None),  # 块 is said for 枚 and 元 alike
        ("补办要多少块钱", "元"),  # 块钱 is money: 工本费20元 answers it
        ("80几岁的老人每月补几块钱", "元"),  # 80几岁 states an age (eighty-odd), asks none
        ("二十几岁的人有几个", "个"),
        ("创业补贴能给几年", None),  # a length of time, not the 元 补贴 implies
        ("创业补贴能给多少", "元"),
        ("外资占了投资的几成", "%"),  # a share in tenths
        ("机场货运量占全省多少", "%"),  # 占 … 多少 asks a share of a whole
        ("花在教育上的钱占财政支出多少", "%"),  # not the 元 钱 implies
        ("新增的床位里，养老床位占多少张", "张"),  # a measure said wins
        ("这个公园占地面积多少", "平方米"),  # 占地 is no share
        ("税收收入在全省排名第几", None),  # a rank, not the 元 收入 implies
        ("全市养了多少头猪", "头"),  # animals, in any animals' counter (features.FAMILIES)
        ("动物园有几只熊猫", "只"),
        ("这几只能算一个", None),  # 只能: "can only"
        ("他有几头发", None),
        ("获得多少支持率", "%"),  # 支持率 is no 支 counted; a 率 is a share
        ("比上年增长了几个百分点", "%"),  # percentage points, not a count of 个
        ("收入比去年涨了几个点", "%"),  # 几个点 after a change: percentage points
        ("全区一共设了几个点", "个"),  # service points, counted
        ("共有几个点位", "个"),
        ("湿地里一共有多少种鸟", "种"),  # kinds: 鸟类263种 answers it, 面积586公顷 does not
        ("有几种办理方式", "种"),
        ("有哪几种办理方式", None),  # which ones: a list
        ("今年要种多少树", None),  # the verb 种
        ("打算多少种植面积", "平方米"),  # 种植 is no kind counted; 面积 asks an area
        ("湿地里有多少种植物", "种"),  # kinds of 植物
    ],
)
def test_measure_words(tokenizer: ChineseTokenizer, text: str, measure: str) -> None:
    assert analyse(text, tokenizer, None).measure == measure


def test_a_citizens_phrasing_is_read_as_the_documents_word(tokenizer: ChineseTokenizer) -> None:
    """生了多少个娃 asks of 出生 (jieba glues 一年生, 共生), 找到工作 of 就业, 卖出去多少头猪
    of 出栏; the kind and measure are read as asked."""
    born = analyse("青禾县去年一年生了多少个娃", tokenizer, 2024)
    assert "出生" in born.terms and "一年生" not in born.terms and "娃" not in born.terms
    assert born.kind == "figure" and born.measure == "个"
    assert "出生" in analyse("青禾县一共生了几个孩子", tokenizer, 2024).terms
    assert "共生" not in analyse("青禾县一共生了几个孩子", tokenizer, 2024).terms
    assert "就业" in analyse("青禾城里新找到工作的人有多少", tokenizer, 2024).terms
    pigs = analyse("青禾县一年卖出去多少头猪", tokenizer, 2024)
    assert "出栏" in pigs.terms and pigs.measure == "头"
    sheep = analyse("青禾县年底还养着多少只羊", tokenizer, 2024)
    assert "存栏" in sheep.terms and "养着" not in sheep.terms
    assert "常住" in analyse("青禾县23年底实际住着多少人", tokenizer, 2024).terms
    assert "实际" not in analyse("青禾县23年底实际住着多少人", tokenizer, 2024).terms
    assert "下辖" in analyse("青禾县下面管着几个镇几个乡", tokenizer, 2024).terms
    assert "主管部门" in analyse("青禾县养狗归哪个部门管", tokenizer, 2024).terms
    assert "主管部门" not in analyse("青禾县哪个部门管得最好", tokenizer, 2024).terms
    money = analyse("青禾物流园项目总共投多少钱", tokenizer, 2024)
    assert "投资" in money.terms and money.measure == "元"
    assert "投资" in analyse("青禾物流园一共投了几个亿", tokenizer, 2024).terms
    assert "投资" not in analyse("青禾县选举投了多少票", tokenizer, 2024).terms
    # 一年平均 / 平均每年 asks the average rate, 年均, which a document may spell out too
    rate = analyse("青禾这五年GDP一年平均涨了多少", tokenizer, 2024)
    assert "年均" in rate.terms and "平均" not in rate.terms and rate.measure == "%"
    assert "每年平均" in rate.term_forms("年均")
    assert "年均" not in analyse("青禾城里人平均一年到手收入多少", tokenizer, 2024).terms
    # investment brought in (拉来的投资) is 招商引资; what reached the account, 到位
    brought = analyse("青禾22年拉来的投资实际到账多少钱", tokenizer, 2024)
    assert "招商引资" in brought.terms and "到位" in brought.term_forms("到账")
    assert "渔业" in analyse("青禾养鱼捕鱼这块产值多少", tokenizer, 2024).term_forms("养鱼")
    assert "通车" in analyse("青禾15年计划修通几条路", tokenizer, 2024).term_forms("修通")
    assert "服装" in analyse("青禾卖衣服这块哪年到千亿", tokenizer, 2024).term_forms("衣服")
    # the verb alone, not before a count of babies or animals, is as asked
    assert "出生" not in analyse("青禾县生态环境怎么样", tokenizer, 2024).terms
    assert "出栏" not in analyse("青禾县卖房子要交多少税", tokenizer, 2024).terms


def test_the_asked_measure_is_not_a_content_term(tokenizer: ChineseTokenizer) -> None:
    q = analyse("新添的绿地加起来有多少平米？", tokenizer, None)
    assert q.measure == "平方米"
    assert "平米" not in q.terms and "加起来" not in q.terms and "绿地" in q.terms
    q = analyse("老人每月能补几块钱", tokenizer, None)
    assert q.measure == "元" and "块钱" not in q.terms and "老人" in q.terms


def test_the_measure_asked_is_cut_from_the_word_jieba_joins_it_to(
    tokenizer: ChineseTokenizer,
) -> None:
    """jieba reads 只鸡, 头牛 and 几只 as words: the measure asked is no part of what is
    counted (one character left is no term), and 几只 itself is no term. A word only
    starting with the measure's character elsewhere in the question keeps it (人口)."""
    assert analyse("某市养了多少只鸡", tokenizer, None).terms == ("某市",)
    assert "几只" not in analyse("动物园有几只大熊猫", tokenizer, None).terms
    assert "唱片" in analyse("发行当周卖出多少张唱片", tokenizer, None).terms
    assert "人口" in analyse("这个县人口有多少人", tokenizer, None).terms


def test_a_city_named_with_du_is_no_list_question(tokenizer: ChineseTokenizer) -> None:
    """都有 asks for all there is, not the 都 that ends a city's name (成都有, 首都有)."""
    assert classify("成都有几只大熊猫")[0] == FIGURE
    assert classify("首都有多少所大学")[0] == FIGURE
    assert classify("这些学校都有哪些特色")[0] == LIST


def test_a_word_jieba_guessed_with_the_verb_after_it(tokenizer: ChineseTokenizer) -> None:
    """jieba's guessing joins a verb or particle to a word its dictionary lacks (牛有 of
    牛有多少头): when the documents never use the joined word it is the word before
    the verb; a name the documents do use keeps it."""
    from answer.analyse import unjoined

    q = analyse("某市香檬有哪些成分", tokenizer, None)
    if "香檬有" not in q.terms:
        pytest.skip("this jieba cuts 香檬有 otherwise")
    used = {"香檬", "成分"}.__contains__
    assert "香檬" in unjoined(q, used).terms and "香檬有" not in unjoined(q, used).terms
    assert unjoined(q, {"香檬有", "成分"}.__contains__) == q
    cattle = analyse("某县牛有多少头", tokenizer, None)
    assert all("牛" not in t for t in unjoined(cattle, {"某县"}.__contains__).terms)
    # a classifier joined to its verb (生个娃: 生个), a modal or a place word to the verb
    # after it (能领, 上用): no term when the documents never use them
    for text, joined in (("某县生个娃能领多少钱", ("生个", "能领")), ("在手机上用啥交", ("上用",))):
        q = analyse(text, tokenizer, None)
        if not set(joined) <= set(q.terms):
            pytest.skip("this jieba cuts these words otherwise")
        mended = unjoined(q, {"某县", "手机"}.__contains__).terms
        assert not set(joined) & set(mended), mended
        assert set(joined) <= set(unjoined(q, set(joined).__contains__).terms)  # used: kept


def test_an_implied_measure_only_for_figure_questions(tokenizer: ChineseTokenizer) -> None:
    assert implied_measure("月薪多少") == "元"
    assert implied_measure("这个公园叫什么") is None
    assert implied_measure("空气优良天数") == "天" and implied_measure("参保人数") == "人"
    assert implied_measure("接待游客人次") == "人" and implied_measure("出行次数") == "次"
    assert implied_measure("就业人数增长多少") == "%"  # rate words first
    # money in the words people ask it with: rent, fines, deposits, interest, fees
    for text in ("每个月能抵多少房租", "乱停车罚款多少", "租车押金要交多少", "补办工本费多少"):
        assert implied_measure(text) == "元", text
    assert analyse("投资公司叫什么名字", tokenizer, None).measure is None  # a fact


def test_a_synonym_key_jieba_splits_is_kept_whole(tokenizer: ChineseTokenizer) -> None:
    tok = tokenizer
    assert "外卖小哥" not in tok.words("外卖小哥歇脚")  # jieba alone cuts it
    assert tok.words("外卖小哥歇脚", whole={"外卖小哥"})[0] == "外卖小哥"
    q = analyse("给外卖小哥歇脚的地方有几处", tok, None)
    assert "外卖小哥" in q.terms
    assert "户外劳动者" in q.term_forms("外卖小哥")


def test_keyword_search_is_given_the_documents_forms(tokenizer: ChineseTokenizer) -> None:
    from answer.answerer import Answerer

    q = analyse("下水道老堵", tokenizer, None)
    query = Answerer.query_text(q)
    expanded = Answerer.keyword_query(q, query)
    assert expanded.startswith(query) and "管网" in expanded
    plain = analyse("湿地保护", tokenizer, None)  # no synonym entry: unchanged
    assert Answerer.keyword_query(plain, "湿地保护") == "湿地保护"


def test_place_mentions_read_from_the_text() -> None:
    tok = ChineseTokenizer(["青川区"])
    assert place_mentions("2024年青川区新建几所", tok) == [("青川区",)]
    assert place_mentions("滨河区今年计划", tok) == [("滨河区",)]  # jieba cuts 滨河 + 区
    for common in (
        "咱们老小区改造",
        "今年全区新建",
        "产业园区有几个",
        "地区生产总值",
        "区级领导",
        "咱们区要建几个",
        "是哪位区领导牵头",
        "我们这个区",
        "青川市一共有几个区",
        "有两个区参加",
        "咱区的区长叫啥",  # the asker's own district
        "俺们区的书记是谁",
        "本市今年新建",
    ):
        assert place_mentions(common, tok) == [], common


def test_framing_is_removed_on_word_boundaries_only(tokenizer: ChineseTokenizer) -> None:
    tok = tokenizer
    assert "办理" in analyse("公交卡怎么办理", tok, None).terms  # not 怎么办 + 理
    assert "怎么办" not in strip_framing("孩子没人接怎么办", tok)
    assert "咱们" not in strip_framing("咱们区里的公园多不多", tok)


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("动员会一共提了几个方面的重点工作？", "方面"),
        ("青川区今年新建多少所学校？", "学校"),
        ("扩建完能新增多少个学位", "学位"),
        ("一共弄了多少个能歇脚的点？", None),  # 能 is no noun of two characters
        ("要修多少条路？", None),
        ("文化节是什么时候开幕的？", None),  # no figure question
    ],
)
def test_what_a_figure_question_counts(
    tokenizer: ChineseTokenizer, text: str, counted: str | None
) -> None:
    assert analyse(text, tokenizer, 2024).counted == counted


@pytest.mark.parametrize(
    ("text", "years", "relative"),
    [
        ("10年以上的老小区改造了多少个？", (), False),  # no year: not a question about 2010
        ("15年期的专项债发了多少？", (), False),
        ("23年底前要建成几所学校？", (2023,), False),
        ("二〇二四年新建了几所学校？", (2024,), False),
        ("2024年新建了几所学校？", (2024,), False),
        ("今年新建了几所学校？", (2025,), True),  # against the corpus's latest year
        ("去年新建了几所学校？", (2024,), True),
        ("2023—2027年行动计划要建几所学校？", (2023, 2027), False),
        ("新建学校有哪些（2023）", (2023,), False),
    ],
)
def test_the_years_a_question_names(text: str, years: tuple[int, ...], relative: bool) -> None:
    q = analyse(text, ChineseTokenizer(), latest_year=2025)
    assert (q.years, q.relative) == (years, relative)
    assert explicit_years(text, None) == (() if relative else years)


def test_a_two_digit_year_long_after_the_documents_is_no_year() -> None:
    """23年 is 2023 to documents up to 2025, and so is 27年; 50年 (风云50年), 光绪28年 and
    1870-71年 name no year of theirs."""
    assert explicit_years("23年新建了几所学校？", 2025) == (2023,)
    assert explicit_years("27年要建成几所学校？", 2025) == (2027,)
    for text in (
        "乐坛风云50年的主持人是谁？",
        "光绪28年时叫什么名字？",
        "1870-71年击败了哪些国家？",
    ):
        assert explicit_years(text, 2025) == (), text
    assert explicit_years("风云50年的主持人是谁？", None) == (2050,)  # no documents' year to go by


def test_year_expressions_are_no_content_terms() -> None:
    tok = ChineseTokenizer()
    assert content_terms("23年历下要建几所学校", tok) == content_terms("历下要建几所学校", tok)
    assert content_terms("二〇二四年历下要建几所学校", tok) == ("历下", "学校")
    assert "老小区" in content_terms("10年以上的老小区改造了多少个", tok)  # no year there


def test_words_that_say_what_is_asked_are_no_content_terms() -> None:
    tok = ChineseTokenizer()
    # 单位, 牵头, 负责, 目标, 计划, 分别 say what is asked, not what it is about
    assert content_terms("新建口袋公园由哪个单位牵头负责？", tok) == ("新建", "口袋", "公园")
    assert content_terms("文化节的目标和计划分别是什么？", tok) == ("文化节",)
    # 几点, 几号 ask for a time or a day as 什么时候 does
    assert content_terms("图书馆几点开门？", tok) == ("图书馆", "开门")
    assert "几号" not in content_terms("文化节几号开幕？", tok)
    # 第几 and 为啥 ask a rank and a reason as 几 and 为什么 do
    assert "第几" not in content_terms("机场客流量在全国排第几？", tok)
    assert "为啥" not in content_terms("客流量为啥下降了？", tok)


def test_a_preposition_joined_to_its_noun_is_dropped() -> None:
    """jieba's dictionary has 在城镇 as one word; the documents say 城镇. A word whose rest
    is no word of its own (在校生, 于都县, 从化区) is kept whole."""
    tok = ChineseTokenizer()
    assert "城镇" in content_terms("住在城镇的人占多少", tok)
    from answer.analyse import _without_preposition

    assert _without_preposition("在城区") == "城区"
    for word in ("在校生", "在建项目", "于都县", "从化区", "在京"):
        assert _without_preposition(word) == word, word


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("某某区政府网站的联系邮箱", "email"),
        ("给区政府发邮件发到哪个邮箱", "email"),
        ("违法和不良信息举报电话多少", "phone"),
        ("办居住证打哪个电话？", "phone"),
        ("办居住证搞不懂，打哪个电话问", "phone"),  # what is done with it after the field
        ("居住证的事发哪个邮箱可以咨询", "email"),
        ("想投诉打哪个号码？", "phone"),  # what is done with a number: dialled
        ("投诉打啥号", "phone"),
        ("有问题拨打多少", "phone"),
        ("不懂的打电话问拨多少", "phone"),
        ("政务服务中心打什么电话能问到", "phone"),  # the number, whatever follows
        ("有意见拨哪个电话反映", "phone"),
        ("上级给村里拨多少", None),  # an allocation
        ("高龄补贴有啥电话可以问", "phone"),  # a list question asks it too
        ("公积金有啥不懂的，打电话问拨多少", "phone"),
        ("这家店打几折", None),
        ("区政府的传真号", "phone"),
        ("市民中心的邮编是多少", "postcode"),
        ("区政府网址是什么", "url"),
        ("办公地址和电话", None),  # two fields: no one shape
        ("地址及联系电话", None),
        ("热线电话的满意率是百分之多少", None),  # the field is not what is asked
        ("第一封电子邮件是哪一年发出的", None),  # a date question
        ("电话会议开了几次", None),
        ("新的养老中心建在哪条路上", "road"),  # a road, asked anywhere
        ("服务中心地址在哪 什么路几号", "road"),  # 路几号: a house number, no day
        ("那家书店在什么街", "road"),
        ("这个国家走上了哪条道路", None),  # a way, not a road
        ("坐哪条路线的公交车", None),
    ],
)
def test_the_contact_field_a_question_asks_for(
    tokenizer: ChineseTokenizer, text: str, field: str | None
) -> None:
    assert analyse(text, tokenizer, None).field == field


def test_a_word_the_documents_know_only_by_its_parts(tokenizer: ChineseTokenizer) -> None:
    """A compound the documents never use but whose every part they do is read as the
    fewest parts that spell it; one they use whole, one with a part they never use (the
    guard declines that one), or one its parts do not spell, stays whole."""
    from answer.analyse import Question, in_parts

    q = Question("某市出生人数多少", FIGURE, None, (), terms=("出生人数", "某市"))
    parts = {"出生人数": ["出生", "人数", "出生人数"]}.get
    got = in_parts(q, {"出生", "人数", "某市"}.__contains__, lambda w: parts(w) or [w])
    assert got.terms == ("出生", "人数", "某市")
    assert got.term_forms("人数") == expand("人数")
    assert in_parts(q, {"出生人数", "出生", "人数"}.__contains__, lambda w: parts(w) or [w]) == q
    assert in_parts(q, {"出生", "某市"}.__contains__, lambda w: parts(w) or [w]) == q
    # a word whose synonym the documents use is read by its synonym, not its parts
    known = replace(q, forms=(("出生人数", "出生人口"), ("某市",)))
    used = {"出生", "人数", "出生人口", "某市"}.__contains__
    assert in_parts(known, used, lambda w: parts(w) or [w]) == known
    nested = {"行政区域": ["行政", "政区", "区域", "行政区"]}.get
    region = Question("某地的行政区域", FACT, None, (), terms=("行政区域",))
    known = {"行政", "政区", "区域", "行政区"}.__contains__
    assert in_parts(region, known, lambda w: nested(w) or [w]).terms == ("行政", "区域")
    real = analyse("某市出生人数多少", tokenizer, None)
    assert "出生人数" in real.terms
    used = {"出生", "生人", "人数", "某市"}.__contains__
    assert in_parts(real, used, tokenizer.tokens).terms[:2] == ("出生", "人数")


def test_a_places_head_is_read_as_the_place_and_the_post() -> None:
    """琼海市长叫啥名字 is 琼海市 and 市长 (jieba would cut 琼海市 / 长叫); 南京市长江大桥
    and 历下区长期规划 are left as they are, and so is a name no gazetteer lists."""
    from answer.analyse import post_of_place

    assert post_of_place("琼海市长叫啥名字") == "琼海市市长叫啥名字"
    assert post_of_place("历下区长是谁") == "历下区区长是谁"
    assert post_of_place("琼海市市长是谁") == "琼海市市长是谁"
    assert post_of_place("南京市长江大桥在哪") == "南京市长江大桥在哪"
    assert post_of_place("历下区长期规划") == "历下区长期规划"
    assert post_of_place("青禾市长是谁") == "青禾市长是谁"
    # a word before the place (20年, 今年) is not part of it
    assert post_of_place("20年琼海市长是哪个") == "20年琼海市市长是哪个"
    assert post_of_place("今年历下区长是谁") == "今年历下区区长是谁"


def test_a_road_is_no_sub_district_named_after_one() -> None:
    """A road's shape (哪条路 asks one) is not the 路 of a sub-district's name (东风路街道)."""
    from answer.analyse import FIELD_SHAPES

    road = FIELD_SHAPES["road"]
    assert road.search("服务中心位于建设路128号")
    assert not road.search("东风路街道便民服务中心将于6月1日起恢复线下服务")
    assert road.search("东风路街道便民服务中心位于人民路56号")


def test_an_address_asked_needs_one() -> None:
    """具体在哪个地址 / 在什么地址 asks a street or village address; 下载地址 a web one; 地址和
    电话 several fields, none alone."""
    from answer.analyse import FIELD_SHAPES, asked_field

    assert asked_field("青禾慈善基地具体在哪个地址") == "address"
    assert asked_field("青禾区政府在什么地址") == "address"
    assert asked_field("软件下载地址是什么") == "url"
    assert asked_field("发改委办公地址和电话") is None
    address = FIELD_SHAPES["address"]
    assert address.search("地址：青禾区文体路2号") and address.search("位于织里镇晓河村")
    assert not address.search("区慈善基地被评为2022年度浙江省示范性慈善基地")


def test_a_date_and_time_is_no_phone_number() -> None:
    """A page's 发布日期 (2024-02-20 15:32:18) has five digits and more in a row of
    dashes, but it is no number to call; numbers with area codes and hotlines are."""
    from answer.analyse import FIELD_SHAPES

    phone = FIELD_SHAPES["phone"]
    for text in ("发布日期：2024-02-20 15:32:18", "更新于2023.11.05", "2021/3/18 09:30"):
        assert not phone.search(text), text
    for text in ("咨询电话：0571-2120886", "热线12345", "传真0571-88880000-8012", "13800138000"):
        assert phone.search(text), text


def test_a_statistic_said_to_rise_asks_its_growth(tokenizer: ChineseTokenizer) -> None:
    """投资涨了多少 asks a percentage (bulletins give growth so); a wage or a price rising
    may be asked in yuan."""
    assert analyse("青山县固定资产投资涨了多少", tokenizer, None).measure == "%"
    assert analyse("青山县农村人收入涨了多少", tokenizer, None).measure == "%"
    assert analyse("青山县工资涨了多少", tokenizer, None).measure == "元"
    assert analyse("青山县收入增加了多少", tokenizer, None).measure == "元"


def test_the_same_asked_of_each_of_several_is_a_list(tokenizer: ChineseTokenizer) -> None:
    """早稻晚稻各打了多少 asks a figure for each, as 分别是多少 does; 各乡镇有多少人
    (each township as a group) and 各类 are not read so."""
    for text in ("青山县早稻晚稻各打了多少粮", "苹果和梨各收了多少吨", "城里人和农村人收入各多少"):
        assert analyse(text, tokenizer, None).kind == LIST, text
    assert analyse("青山县各乡镇有多少人", tokenizer, None).kind == FIGURE


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("三亚2024年开人代会是哪个市长做的政府工作报告", PERSON),
        ("哪一任县长提出的这个规划", PERSON),
        ("哪个市场能买到年货", FACT),
        ("《丁丁在刚果》出自哪部长篇连载漫画", FACT),
        ("提升基层医疗卫生服务能力的民生实事找谁", OWNER),  # whom to go to about it
        ("有问题找谁联系", PERSON),
        ("民生实事项目有问题找谁,咨询电话多少", FIGURE),  # the number to call
        ("那个危房改造是哪几个区政府负责的", OWNER),  # governments owning a task
        ("这个通知是哪个区政府发的", FACT),
    ],
)
def test_which_holder_of_a_post_asks_who(question: str, kind: str) -> None:
    """哪个市长 asks a person, as 谁 does; 哪个市场 is no post."""
    assert classify(question)[0] == kind


def test_a_persons_age_this_year_names_no_year() -> None:
    """我爸今年95了 says an age: the question asks no year; 今年 alone still does."""
    assert explicit_years("我爸今年95了，高龄补贴每个月给多少", 2025) == ()
    assert explicit_years("我奶奶今年都90多岁了，补贴多少", 2025) == ()
    assert explicit_years("今年高龄补贴每个月给多少", 2025) == (2025,)
