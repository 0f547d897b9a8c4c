"""The corpus's own names (units, people, quoted terms, places) for jieba's user dictionary.

BM25 tokenises with jieba; without help it cuts ``区行政审批服务局`` into ``区 / 行政 /
审批 / 服务局`` and a person's name into single characters, so a query for the name
matches every passage sharing one of the pieces. :func:`extract_names` collects names
with rules written for precision (a wrong entry makes tokens coarser and costs recall):

* units and leaders from commitment records (the most reliable source);
* unit names bounded by an enumeration (``、``, ``：``), or starting with an
  administrative prefix after a preposition (``由区商务局牵头`` -> ``区商务局``);
* people from bylines (``记者 XXX``) and speech verbs (``XXX表示``), checked against
  common surnames;
* quoted terms (``“乐购历下”``) and compact project/place names (``槿椿泺园``,
  ``明湖东路``) that contain a proper-noun part.

Leading verbs and prepositions are cut with jieba's part-of-speech tagger, run on a
private tokenizer so that user dictionaries loaded elsewhere do not change the result.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from lixia_qa import zh
from lixia_qa.types import Commitment
from lixia_qa.zh import HAN, has_surname
from store.tokenize import pos_tagger

logger = logging.getLogger(__name__)

MIN_LEN, MAX_LEN = 2, 20


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_ITEM_RE = re.compile(
    rf"[^{zh.CLAUSE_END}{zh.SENTENCE_END}{zh.ELLIPSIS}（）()“”\"‘’《》〈〉【】\[\]—\s]+"
)
_ENUM_DELIMS = "、：:"
_STRONG_UNIT = (
    "街道办事处|办事处|管理委员会|委员会|管委会|办公室|人民政府|政府|检察院|法院|分局|局|"
    "集团|有限公司|公司|联合会|协会|商会|总工会|大队|支队|派出所|研究院|研究所|医院|银行|残联|妇联"
)
_WEAK_UNIT = "中心|工委|党委|委|办|部|街道|社区|站|所"
_UNIT_SUFFIX_RE = re.compile(rf"(?:{_STRONG_UNIT}|{_WEAK_UNIT})$")
_STRONG_SUFFIX_RE = re.compile(rf"(?:{_STRONG_UNIT})$")
_STRONG_SUFFIX_ANY_RE = re.compile(_STRONG_UNIT)
# Common words that end in a unit suffix without naming a unit.
_NOT_UNIT_WORDS = _words(
    "布局 格局 大局 全局 结局 开局 当局 定局 僵局 骗局 饭局 残局 时局 政局 破局 新局 "
    "全部 内部 外部 局部 东部 西部 南部 北部 中部 底部 头部 干部 "
    "举办 创办 承办 主办 督办 代办 帮办 兴办 开办"
)
_CONJ_RE = re.compile(r"[和与及]")
_HAN_CHAR_RE = re.compile(rf"[{HAN}]")
_DIGIT_RE = re.compile(r"\d")
_PLACE_SUFFIX_RE = re.compile(r"(?:项目|工程|产业园|园区|公园|园|中心|广场|大厦|水库|片区|路|街)$")
_ROAD_RE = re.compile(rf"^[{HAN}]{{2,4}}(?:路|街|大街|大道)$")
# ``槿椿泺园等113万平方米项目``: an enumeration closed by 等 and a number.
_ETC_RE = re.compile(rf"等(?=[\d{zh.CN_NONZERO}{zh.CN_POWERS}{zh.LIANG}几多])")
_ADMIN_START_RE = re.compile(rf"^(?:[区市县省]|[{HAN}]{{2,3}}[省市区县])")
# An administrative prefix right after a preposition or conjunction: 由区商务局.
_ANCHOR_RE = re.compile(r"(?<=[由对向在从把被将让使与和及经据按请同会联])[区市县省]")
_NAME_CHARS_RE = re.compile(rf"^[{HAN}A-Za-z0-9]+$")
_HAN_NAME_RE = re.compile(rf"^[{HAN}]{{2,4}}$")
_QUOTED_RE = re.compile(r"[“\"]([^“”\"\n]{2,12})[”\"]")
_BYLINE_LABELS = (
    "记者|通讯员|实习生|摄影|责任编辑|责编|编辑|美编|组版|校对|审核|作者|文/图|文/片|文图"
)
_LABEL_WORDS = frozenset(_BYLINE_LABELS.split("|"))
_BYLINE_RE = re.compile(
    rf"(?:{_BYLINE_LABELS})[ \t\u3000:：]+((?:[{HAN}]{{2,4}}(?:[ \t\u3000、，,]+|$))+)",
    re.MULTILINE,
)
_SPEAKER_RE = re.compile(
    rf"(?:书记|区长|县长|市长|主任|局长|部长|董事长|总经理|经理|负责人|院长|校长|主席|同志|^)"
    rf"(?P<name>[{HAN}]{{2,4}}?)(?:表示|说|介绍|指出|强调|谈到)"
)
# Characters that never occur in a person's name in running text.
_NOT_NAME_CHARS = frozenset(
    "的了着是在和与及我你他她它们这那其区市县省局委办部会人说表示都也就要将对"
)
# Leading parts of speech cut from a candidate: verbs, prepositions, adverbs,
# conjunctions, pronouns, numerals, measure words, particles, locatives.
_TRIM_FLAGS = ("v", "p", "d", "c", "r", "m", "q", "u", "f", "ad")
_PROPER_FLAGS = ("ns", "nr", "nz", "nt", "x", "eng", "g", "j")
# Never inside a unit name after its first word: adverbs, particles, numerals, idioms.
_NEVER_INSIDE = ("d", "ad", "u", "p", "r", "m", "q", "y", "e", "i", "l")
_NEVER_IN_PLACE = ("m", "q", "u", "p", "v", "f", "d", "r", "c", "l", "i")
_FUNCTION_FLAGS = ("d", "p", "c", "r", "u")
_PLACE_OPENERS = ("ns", "nr", "nz", "x", "eng", "g")


_tagger = pos_tagger  # a tagger on jieba's general dictionary alone


def word_tag(word: str) -> tuple[str | None, int]:
    """jieba's dictionary tag and frequency of ``word``; ``(None, 0)`` when it is not in
    the dictionary."""
    tagger = _tagger()
    tagger.tokenizer.check_initialized()
    return tagger.word_tag_tab.get(word), tagger.tokenizer.FREQ.get(word, 0)


def _in_base_dict(word: str) -> bool:
    tokenizer = _tagger().tokenizer
    tokenizer.check_initialized()
    return tokenizer.FREQ.get(word, 0) > 0


def _tag(text: str) -> list[tuple[str, str]]:
    return [(pair.word, pair.flag) for pair in _tagger().lcut(text, HMM=False)]


def _trim_leading(text: str) -> str:
    """Drop leading verbs, prepositions and the like: ``联合齐鲁银行`` -> ``齐鲁银行``."""
    pairs = _tag(text)
    while len(pairs) > 1 and pairs[0][1].startswith(_TRIM_FLAGS) and pairs[0][1] != "vn":
        pairs.pop(0)
    return "".join(word for word, _ in pairs)


def _items(text: str) -> Iterator[tuple[str, str, str]]:
    """Punctuation-bounded items as ``(item, left delimiter, right delimiter)``."""
    for match in _ITEM_RE.finditer(text):
        left = text[match.start() - 1] if match.start() else ""
        right = text[match.end()] if match.end() < len(text) else ""
        yield match.group(0), left, right


def _is_clean(name: str) -> bool:
    """Letters, digits and Han only (at least two Han characters), length in range."""
    return (
        MIN_LEN <= len(name) <= MAX_LEN
        and bool(_NAME_CHARS_RE.match(name))
        and len(_HAN_CHAR_RE.findall(name)) >= 2
    )


def _is_proper(pairs: list[tuple[str, str]]) -> bool:
    """True if a part is tagged as a proper noun or is unknown to the base dictionary."""
    return any(flag.startswith(_PROPER_FLAGS) or not _in_base_dict(word) for word, flag in pairs)


def _split_conjunction(name: str) -> list[str]:
    """``A公司和B公司`` -> both; ``区发展和改革局`` stays whole (``区发展`` is no unit)."""
    parts = _CONJ_RE.split(name)
    if len(parts) > 1 and all(_UNIT_SUFFIX_RE.search(part) for part in parts):
        return parts
    return [name]


def _unit_ok(name: str, corpus: str) -> bool:
    """A unit name seen in running text: no adverb, particle, numeral or pronoun inside,
    at most one verb; and an administrative prefix, a proper-noun part, or two mentions."""
    if not _is_clean(name) or not _UNIT_SUFFIX_RE.search(name):
        return False
    pairs = _tag(name)
    if len(pairs) < 2 or any(flag.startswith(_NEVER_INSIDE) for _, flag in pairs[1:]):
        return False
    if pairs[-1][0] in _NOT_UNIT_WORDS:
        return False
    if sum(flag == "v" for _, flag in pairs) > 1:
        return False
    if _ADMIN_START_RE.match(name):
        return True
    if not _STRONG_SUFFIX_RE.search(name) or len(name) > 14:
        return False
    return _is_proper(pairs[:-1]) or corpus.count(name) >= 2


def _unit_candidates(item: str, left: str, right: str) -> Iterator[str]:
    """Unit names in one item: the whole enumerated item, or an anchored span."""
    if left in _ENUM_DELIMS and not _UNIT_SUFFIX_RE.search(item):
        item_end = _anchored_end(item)  # last of a list: 、北京银行试点推广
        if item_end:
            yield item[:item_end]
    elif left in _ENUM_DELIMS or right == "、":
        name = item if left in _ENUM_DELIMS else _trim_leading(item)
        yield from _split_conjunction(name)
    for anchor in _ANCHOR_RE.finditer(item):
        end = _anchored_end(item[anchor.start() : anchor.start() + MAX_LEN])
        if end:
            yield item[anchor.start() : anchor.start() + end]


def _anchored_end(tail: str) -> int:
    """End of the unit name opening ``tail`` (``区政府办公室负责`` -> 6), 0 if none.

    The name ends with a unit suffix on a token boundary; it grows to a later suffix
    while only nouns lie between (``区政府`` -> ``区政府办公室``, not past ``牵头``).
    """
    pairs = _tag(tail)
    offsets, pos = [], 0
    for word, flag in pairs:
        pos += len(word)
        offsets.append((pos, flag))
    ends = {m.end() for m in _STRONG_SUFFIX_ANY_RE.finditer(tail) if m.end() >= 3}
    best = 0
    for pos, flag in offsets:
        if best and not flag.startswith("n"):
            break
        if pos in ends:
            best = pos
    return best


Tagged = list[tuple[str, str]]  # (word, part-of-speech flag) pairs


def _leading_road(pairs: Tagged) -> str | None:
    """A short road name opening an enumerated item: ``、松柏东路整治提升`` -> ``松柏东路``."""
    if pairs[0][1].startswith(_FUNCTION_FLAGS):
        return None
    for i in range(1, len(pairs)):
        road = "".join(word for word, _ in pairs[:i])
        if _ROAD_RE.match(road) and (len(pairs[i - 1][0]) == 1 or pairs[i - 1][1] == "ns"):
            return road
    return None


def _name_words(pairs: Tagged) -> Tagged | None:
    """The words of the place name that ends the item or comes right before a verb
    (``确保白鹭洲大厦交付``), without the function words opening it."""
    for i in range(len(pairs), 0, -1):
        if i < len(pairs) and not pairs[i][1].startswith("v"):
            continue
        if _PLACE_SUFFIX_RE.search(pairs[i - 1][0]):
            words = pairs[:i]
            break
    else:
        return None
    while len(words) > 1 and words[0][1].startswith((*_TRIM_FLAGS, "vn")):
        words.pop(0)
    return words


def _proper_place(words: Tagged, name: str, enumerated: bool) -> bool:
    """In an enumeration: a road name, or a name with a proper-noun part; elsewhere a
    name opening with a place or person name."""
    last, last_flag = words[-1]
    if enumerated and _ROAD_RE.match(name) and (len(last) == 1 or last_flag == "ns"):
        return True
    if any(flag.startswith(_NEVER_IN_PLACE) for _, flag in words):
        return False
    body = words[:-1] if _PLACE_SUFFIX_RE.fullmatch(words[-1][0]) else words
    if enumerated:
        return _is_proper(body)
    first, first_flag = words[0]
    return first_flag.startswith(_PLACE_OPENERS) or not _in_base_dict(first)


def _place_candidate(item: str, enumerated: bool) -> str | None:
    """A compact project/place name ending an item: ``推动槿椿泺园`` -> ``槿椿泺园``.

    In an enumeration it needs a proper-noun part (a short road name needs nothing,
    ``明湖东路、黄台南路、轻风路``: the tagger is least reliable there); elsewhere it
    must open with a place or person name (``济南科创金融大厦``).
    """
    pairs = _tag(item)
    if not pairs:
        return None
    road = _leading_road(pairs) if enumerated else None
    if road:
        return road
    words = _name_words(pairs)
    if words is None:
        return None
    name = "".join(word for word, _ in words)
    if not 3 <= len(name) <= 10 or _DIGIT_RE.search(name):
        return None
    return name if _proper_place(words, name, enumerated) else None


def _is_person(name: str) -> bool:
    """2-4 Han characters, a common surname first, no character that is never in names."""
    if not _HAN_NAME_RE.match(name) or any(ch in _NOT_NAME_CHARS for ch in name):
        return False
    return has_surname(name)


def _people(text: str) -> Iterator[str]:
    for match in _BYLINE_RE.finditer(text):
        for token in re.split(r"[ \t\u3000、，,]+", match.group(1)):
            if token and token not in _LABEL_WORDS:
                yield token
    for item, _, _ in _items(text):
        for match in _SPEAKER_RE.finditer(item):
            yield match.group("name")


def _commitment_names(commitments: Iterable[Commitment]) -> Iterator[str]:
    for item in commitments:
        yield from (u for u in (*item.lead_units, *item.units) if _UNIT_SUFFIX_RE.search(u))
        yield from (name for name in item.leaders if _is_person(name))


def _text_names(text: str, corpus: str) -> Iterator[str]:
    for item, left, right in _items(text):
        yield from (n for n in _unit_candidates(item, left, right) if _unit_ok(n, corpus))
        enumerated = left == "、" or right == "、"
        parts = _ETC_RE.split(item)
        for i, part in enumerate(parts):
            place = _place_candidate(part, enumerated or i < len(parts) - 1)
            if place:
                yield place
    for match in _QUOTED_RE.finditer(text):
        yield match.group(1).strip()
    yield from (name for name in _people(text) if _is_person(name))


_PREPOSITIONS = "在对向从把被将让与和及于全各本该我"
_ADMIN_NAME_RE = re.compile(rf"([{HAN}]{{2,3}})[区县市]")
_DISTRICT_RE = re.compile(rf"([{HAN}]{{2,3}})[区县](?!域|别|间|分|块|位|长|委|级)")


def place_stems(
    corpus: str, min_count: int = 3, pattern: re.Pattern[str] = _ADMIN_NAME_RE
) -> list[str]:
    """Short forms of place names the corpus uses often on their own (历下区 -> 历下)."""
    stems = Counter(pattern.findall(corpus))
    return [
        stem
        for stem, n in stems.items()
        if n >= 2
        and corpus.count(stem) - n >= min_count
        and stem[0] not in _PREPOSITIONS
        and stem[-1] not in "区县市"
    ]


def district_stems(corpus: str, cut: Callable[[str], list[str]]) -> list[str]:
    """Districts and counties the corpus names, by short form (历下, 章丘).

    ``cut`` is the corpus tokenizer (with its user dictionary); the short form must be
    one word before its 区/县 (历下|区 or 历下区), not a cut word (老旧|小区), and look
    like a place name rather than a common noun (城区, 园区, 社区).
    """
    out = []
    for stem in place_stems(corpus, min_count=0, pattern=_DISTRICT_RE):
        at = corpus.index(stem)
        name = corpus[at : at + len(stem) + 1]
        words = cut(name)
        if words and words[0] in (stem, name) and _looks_like_place(stem):
            out.append(stem)
    return out


_AREA_NOUN_ENDS = frozenset("城园社片景街辖新老市郊校厂展湖港商地")  # 城区, 园区, 社区, 东北地区 …


def _looks_like_place(stem: str) -> bool:
    """A place name by jieba's tag, or a word jieba does not know that does not end like
    a common area noun (提升城区 is not a district)."""
    if any(ch in "之的和与及" for ch in stem):  # 首善之区 is a phrase, not a name
        return False
    tags = _tag(stem)
    if len(tags) == 1 and tags[0][1] in ("ns", "nr", "nz"):
        return True
    return not _in_base_dict(stem) and stem[-1] not in _AREA_NOUN_ENDS


def _place_stems(corpus: str) -> list[str]:
    """Place short forms jieba does not know: without them "23年历下" is cut 年历 + 下."""
    return [stem for stem in place_stems(corpus) if not _in_base_dict(stem)]


def extract_names(texts: Iterable[str], commitments: Iterable[Commitment] = ()) -> list[str]:
    """Sorted unique names (2-20 chars, no quotes) found in ``texts`` and ``commitments``.

    Names that already are one word of jieba's base dictionary are left out: they need
    no user-dictionary entry.
    """
    docs = list(texts)
    corpus = "\n".join(docs)
    found: Counter[str] = Counter(_commitment_names(commitments))
    for text in docs:
        found.update(_text_names(text, corpus))
    found.update(_place_stems(corpus))
    names = sorted(name for name in found if _is_clean(name) and not _in_base_dict(name))
    logger.info("extracted %d names", len(names))
    return names
