"""Which places a text names, and the place a document or an answer unit is about.

The answer stage asks :func:`places_in` which places a question names and keeps the
units whose :attr:`~lixia_qa.types.AnswerUnit.place` lies within one of them
(:meth:`~lixia_qa.types.Place.within`): a district's question is not answered from the
city's figure, nor a county's from another county's.

Names come from a gazetteer of China's provinces, prefectures and counties
(``ingest/data/divisions.tsv``, :class:`Gazetteer`); a town (镇, 乡, 街道) is read from a
title or an issuing body (``某某镇人民政府``). A full name (``某某区``, ``某某市``) always
counts; a short form (``某某`` for ``某某市``) counts where jieba's dictionary calls it a
place or does not know it, or, with ``loose`` (a question), unless it is a common word
(``大兴调查研究`` is not 大兴区). A name several divisions share (``鼓楼区``) is read as
the one inside the place the text is about, or inside another place it names.

* :func:`places_in` — the places a text names, each completed upward;
* :func:`document_place` — the place a document is about, from its title, its issuing
  body and site, then the places its text names most;
* :func:`unit_place` — a unit of a document is about the document's place, or about the
  one narrower place inside it that the unit names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import jieba

from ingest.lexicon import word_tag
from lixia_qa.types import Place
from lixia_qa.zh import AREA_NOUNS, HAN, SEMICOLONS, SENTENCE_END, YEAR_DIGITS, is_area_noun
from store.tokenize import jieba_with

DIVISIONS = Path(__file__).resolve().parent / "data" / "divisions.tsv"
NOWHERE = Place()
_NOT_NAMES = frozenset(
    {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "矿区", "郊区"}
)
_PROVINCE_END = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
_CITY_END = re.compile(r"(?:市|地区|盟)$")
_COUNTY_END = re.compile(r"(?:自治县|自治旗|县|区|市|旗|林区|特区)$")
# a banner named for its side and position (科尔沁右翼前旗, 土默特左旗, 乌拉特前旗) is
# written with its name's first character: 科右前旗, 土左旗, 乌前旗
_BANNER_RE = re.compile(r"^(\w{2,}?)(左翼|右翼|左|右)?([前中后])?旗$")
# China's ethnic groups, as autonomous areas name them (某某苗族侗族自治州)
ETHNIC_GROUPS = """蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲
    拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒
    乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 高山""".split()


def _ending_in(names: Iterable[str]) -> re.Pattern[str]:
    """A run of ``names`` (longest first) ending a string."""
    return re.compile("(?:" + "|".join(sorted(names, key=len, reverse=True)) + ")+$")


_ETHNIC_RE = _ending_in(f"{g}族" for g in ETHNIC_GROUPS)
# a group an autonomous county names without 族 (巴里坤哈萨克自治县, 察布查尔锡伯自治县);
# only names of two characters or more (水, 白 and 土 end other names)
_ETHNIC_BARE_RE = _ending_in(g for g in ETHNIC_GROUPS if len(g) > 1)
_COMMON_TAGS = ("v", "d", "a", "ad", "b", "m", "s", "c", "p", "t", "q")
_COMMON_FREQ = 5000  # a short form this frequent in jieba's dictionary is a common word
_TOWN_RE = re.compile(
    rf"((?:(?![省市县区州镇乡])[{HAN}]){{2,4}}(?:镇|乡|街道))(?:人民政府|政府|办事处|党委|党工委)"
)
_TOWN_ALONE_RE = re.compile(rf"((?:(?![省市县区州镇乡])[{HAN}]){{2,4}}(?:镇|乡|街道))")
_TITLE_LEAD_RE = re.compile(
    rf"^(?:[【\[（(][^】\]）)]{{0,12}}[】\]）)]|\s|关于|{YEAR_DIGITS}\s*年度?)+"
)
_MAX_NAME = 12


@dataclass(frozen=True)
class Division:
    code: str  # six digits: province PP0000, prefecture PPCC00, county PPCCDD
    name: str

    @property
    def level(self) -> int:
        """0 province, 1 prefecture, 2 county."""
        return 0 if self.code[2:] == "0000" else 1 if self.code[4:] == "00" else 2


@dataclass(frozen=True)
class Mention:
    """A name in a text: ``text[start:end]`` and the divisions it may mean."""

    start: int
    end: int
    divisions: tuple[Division, ...]


def short_forms(name: str, level: int) -> tuple[str, ...]:
    """Forms a name is also written in: ``某某省`` -> ``某某``; ``某某市`` -> ``某某``;
    ``某某苗族侗族自治州`` -> ``某某``, ``某某州``; ``某某县`` -> ``某某``; a banner of a side
    and a position also its first character's (``科尔沁右翼前旗`` -> ``科右前旗``); two
    characters or more left, never the full name again."""
    forms: list[str] = []
    if level == 0:
        forms.append(_PROVINCE_END.sub("", name))
    elif name.endswith("自治州"):
        stem = _ETHNIC_RE.sub("", name.removesuffix("自治州"))
        forms += [stem, f"{stem}州"]
    elif level == 1:
        forms.append(_CITY_END.sub("", name))
    else:
        county = _COUNTY_END.sub("", name)
        stem = _ETHNIC_RE.sub("", county)
        if stem == county and name.endswith(("自治县", "自治旗")):
            bare = _ETHNIC_BARE_RE.sub("", county)
            stem = bare if len(bare) >= 2 else county  # 鄂伦春自治旗 keeps 鄂伦春
        forms.append(stem)
        banner = _BANNER_RE.match(name)
        if banner and (banner[2] or banner[3]):
            forms.append(f"{banner[1][0]}{(banner[2] or '')[:1]}{banner[3] or ''}旗")
    return tuple(f for f in dict.fromkeys(forms) if len(f) >= 2 and f != name)


class Gazetteer:
    """Divisions by code and by every name and short form they are written with."""

    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        self.by_code: dict[str, Division] = {}
        self.full: dict[str, list[Division]] = {}
        self.short: dict[str, list[Division]] = {}
        for code, name in rows:
            if name in _NOT_NAMES or name in AREA_NOUNS:  # 城区, 矿区: no one place
                continue
            division = Division(code, name)
            self.by_code[code] = division
            self.full.setdefault(name, []).append(division)
            for form in short_forms(name, division.level):
                self.short.setdefault(form, []).append(division)

    @classmethod
    def load(cls, path: Path = DIVISIONS) -> Gazetteer:
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                code, name = line.split("\t")
                rows.append((code, name))
        return cls(rows)

    def place(self, division: Division) -> Place:
        """The division with the province and prefecture above it."""
        province = self.by_code.get(division.code[:2] + "0000")
        city = self.by_code.get(division.code[:4] + "00")
        names = {"province": province.name if province else ""}
        if division.level >= 1:
            names["city"] = city.name if city else names["province"]  # a municipality
        if division.level == 2:
            names["city"] = city.name if city else names["province"]
            names["county"] = division.name
        return Place(**names)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer (:data:`DIVISIONS`), loaded once."""
    return Gazetteer.load()


@lru_cache(maxsize=4096)
def _common_word(form: str, loose: bool) -> bool:
    """A short form that is a common word rather than a place, by jieba's dictionary."""
    tag, freq = word_tag(form)
    if tag is None:
        return False
    if not loose:
        return not tag.startswith("ns")
    return tag.startswith(_COMMON_TAGS) or (freq >= _COMMON_FREQ and not tag.startswith("ns"))


# what follows a verb, not a place: 开封后, 保定了
_VERB_AFTER = frozenset("后前时了过着")


def _city_read_loosely(form: str, after: str, gaz: Gazetteer, loose: bool) -> bool:
    """Read loosely, a prefecture's short form is its city though jieba's dictionary
    knows it as a verb or adverb, unless that word is a frequent one or is used as a
    verb: 保定, 大连, 开封 and 海口 name cities; 开封后 does not."""
    if not loose or after in _VERB_AFTER or word_tag(form)[1] >= _COMMON_FREQ:
        return False
    return any(d.level == 1 for d in gaz.short[form])


_RARE_NAME_FREQ = 300  # a person's name jieba's dictionary counts this rarely
# what follows a place named first in a question: a year or a time, 的, a question word
_AFTER_OPENING_RE = re.compile(
    r"\s|\d|[今去前明]年|上半年|下半年|的|有|一共|总共|这|那|现在|目前|咋|怎么|哪|多少|几|$"
)


def opens_as_place(text: str, form: str, rare: bool = True) -> bool:
    """``text`` opens with ``form`` before a year or a time, 的 or a question word: a
    place named first (常熟2023年常住人口, 固安今年GDP多少), though jieba knows ``form`` as
    another word (常熟 an adjective); with ``rare``, only a word it counts rarely."""
    return (
        text.startswith(form)
        and (not rare or word_tag(form)[1] < _RARE_NAME_FREQ)
        and bool(_AFTER_OPENING_RE.match(text, len(form)))
    )


def _opens_question(text: str, i: int, size: int, gaz: Gazetteer, loose: bool) -> bool:
    """Read loosely, a county's short form opening the text as a place
    (:func:`opens_as_place`) is its county."""
    form = text[i : i + size]
    return (
        loose
        and i == 0
        and any(d.level == 2 for d in gaz.short[form])
        and opens_as_place(text, form)
    )


def rare_name(form: str) -> bool:
    """jieba's dictionary knows ``form`` only as a person's name it rarely counts (商洛,
    慈溪, 卫东): a place's short form it mistook, or a given name."""
    tag, freq = word_tag(form)
    return tag is not None and tag.startswith("nr") and freq < _RARE_NAME_FREQ


def _city_taken_for_a_name(form: str, gaz: Gazetteer) -> bool:
    """A prefecture's short form that jieba's dictionary tags, rarely, as a person's
    name (商洛, 宿迁, 龙岩, 曲靖, 阳泉): a city, in a document as in a question. A county's
    short form so tagged (卫东, 建华) is too often part of a person's name to be read so."""
    return rare_name(form) and any(d.level == 1 for d in gaz.short[form])


def find_mentions(text: str, gaz: Gazetteer | None = None, loose: bool = False) -> list[Mention]:
    """Every place name in ``text``, longest first at each position, left to right."""
    gaz = gaz or gazetteer()
    found: list[Mention] = []
    i = 0
    while i < len(text):
        hit = _longest(text, i, gaz, loose)
        if hit is None:
            i += 1
            continue
        found.append(hit)
        i = hit.end
    return found


def _longest(text: str, i: int, gaz: Gazetteer, loose: bool) -> Mention | None:
    for size in range(min(_MAX_NAME, len(text) - i), 1, -1):
        piece = text[i : i + size]
        after = text[i + size : i + size + 1]
        if piece in gaz.full and not (piece.endswith("市") and after == "场"):
            return Mention(i, i + size, tuple(gaz.full[piece]))
        # a short form with its division's suffix (禄劝县 for 禄劝彝族苗族自治县)
        suffixed = tuple(d for d in gaz.short.get(piece, ()) if d.name[-1] == after)
        if suffixed:
            return Mention(i, i + size + 1, suffixed)
        if (
            piece in gaz.short
            and (
                not _common_word(piece, loose)
                or _city_read_loosely(piece, after, gaz, loose)
                or _city_taken_for_a_name(piece, gaz)
                or _opens_question(text, i, size, gaz, loose)
            )
            and not _ROAD_AFTER_RE.match(text, i + size)
            and not _TOWN_AFTER_RE.match(text, i + size)
            and not _boundary(text, i, size)
            and not cuts_word(text, i, i + size, gaz)  # 秦都 in 三秦都市报
        ):
            return Mention(i, i + size, tuple(gaz.short[piece]))
    return None


_AROUND = 6  # characters segmented on each side of a name to see whether it ends a word
_RARE = 20  # the frequency a place name jieba's dictionary lacks is given for segmenting


@lru_cache(maxsize=2)
def _segmenter(gaz: Gazetteer) -> jieba.Tokenizer:
    """jieba over its general dictionary and every place name of ``gaz`` it lacks (as a
    rare word), so that a name of a place competes with the words around it."""
    return jieba_with([*gaz.short, *gaz.full], _RARE)


def cuts_word(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """``text[start:end]`` ends inside a word: segmented with dictionary words alone (place
    names included), the text around it has no word boundary at ``end`` (秦都 in 三秦/都市报,
    大城 in 大城市, 治多 in 整治/多少, 安新 in 雄/安/新区), a word that is no place name
    itself (历下城区 may be cut 年历/下城区) nor the name with its kind of autonomous
    division (湘西自治州). Its start is not checked: what precedes a name often joins its
    first character (2024年历下: 年历/下)."""
    lo, hi = max(0, start - _AROUND), min(len(text), end + _AROUND)
    return any(
        lo + a < end < lo + b
        and not names_a_division(word, gaz)
        and not (lo + a == start and _AUTONOMOUS_END.search(word))
        for word, a, b in _segmenter(gaz).tokenize(text[lo:hi], HMM=False)
    )


# the name said with its kind of autonomous division, a word of jieba's own (湘西自治州)
_AUTONOMOUS_END = re.compile(r"(?:自治州|自治县|自治旗|自治区|地区|盟)$")


# a road named after a place (北京路, 新吴大道): the road, not the place; 某某街道 is a
# sub-district of it
_ROAD_AFTER_RE = re.compile(r"路|大道|大街|街(?!道)|巷|胡同")
# a town named after a place (长寿镇 in 平江县, 南江镇): that town, not the county
# whose short form it shares (乡村 is no 乡; a 街道 named after its district is in it)
_TOWN_AFTER_RE = re.compile(r"镇|乡(?![村镇])")
# a boundary's sides, 四至 (东至应星大道，北至崇贤大道): 东至 is a direction there, not
# the county; another side in the same sentence says so
_SIDE_RE = re.compile(r"[东南西北]至")
_SENTENCE_ENDS = SENTENCE_END + SEMICOLONS + "\n"


def _boundary(text: str, i: int, size: int) -> bool:
    """The short form at ``i`` is one side of a boundary (东至…，西至…)."""
    if size != 2 or not _SIDE_RE.fullmatch(text, i, i + size):
        return False
    start = max((text.rfind(c, 0, i) for c in _SENTENCE_ENDS), default=-1) + 1
    ends = [e for c in _SENTENCE_ENDS if (e := text.find(c, i)) >= 0]
    sentence = text[start : min(ends, default=len(text))]
    return len(_SIDE_RE.findall(sentence)) >= 2


def _choose(divisions: Sequence[Division], context: Sequence[Division]) -> Division | None:
    """The one division a name means: the only one, or the only one inside a place of
    ``context``, the narrowest such place first."""
    if len(divisions) == 1:
        return divisions[0]
    for anchor in sorted(context, key=lambda c: -c.level):
        if anchor in divisions:
            continue
        prefix = anchor.code[: 2 + 2 * anchor.level]
        inside = [d for d in divisions if d.code.startswith(prefix)]
        if len(inside) == 1:
            return inside[0]
    return None


def resolve(
    mentions: Sequence[Mention], context: Place = NOWHERE, gaz: Gazetteer | None = None
) -> list[Division]:
    """The division each mention means (mentions that stay ambiguous are left out), in
    order; ``context`` (the document's place) settles a shared name first, then the
    other names, then the broadest division when it holds the others (:func:`_broadest`)."""
    gaz = gaz or gazetteer()
    known = [d for m in mentions if len(m.divisions) == 1 for d in m.divisions]
    anchors = [d for n in context.names for d in gaz.full.get(n, [])[:1]]
    out = []
    for mention in mentions:
        chosen = (
            _choose(mention.divisions, anchors)
            or _choose(mention.divisions, known)
            or _broadest(mention.divisions)
        )
        if chosen is not None:
            out.append(chosen)
    return out


def _broadest(divisions: Sequence[Division]) -> Division | None:
    """Of the divisions a short form names, the prefecture holding all the others (岳阳
    names 岳阳市 and 岳阳县 inside it: said alone, it is the city), or None; a province
    sharing its name with a city (吉林) stays ambiguous."""
    top = min(divisions, key=lambda d: d.level)
    prefix = top.code[: 2 + 2 * top.level]
    inside = all(d is top or d.code.startswith(prefix) for d in divisions)
    alone = sum(d.level == top.level for d in divisions) == 1
    return top if top.level == 1 and inside and alone else None


def names_a_division(word: str, gaz: Gazetteer | None = None) -> bool:
    """``word`` is a division's name or short form (进贤县, 进贤), whatever else it is."""
    gaz = gaz or gazetteer()
    return word in gaz.full or word in gaz.short


def is_division_name(name: str, gaz: Gazetteer | None = None) -> bool:
    """``name`` (某某区, 某某县, 某某市 …) is a division the gazetteer knows, by its own
    name or by its short form under another suffix (偃师区 for the 偃师市 it lists); a
    word of that shape naming no division (大洋区, 气候区) is not."""
    gaz = gaz or gazetteer()
    return name in gaz.full or name[:-1] in gaz.short or name[:-1] in gaz.full


# leads that make an area noun a general phrase though a division bears its name too
# (老城区, 新城区, 主城区: any city's old, new or main town)
_GENERAL_AREA_LEADS = ("老", "新", "主")


def is_area_word(name: str) -> bool:
    """``name`` ends in a common area noun (老小区, 产业园区, 全区, 衡水市区) and is no
    division's name: 禅城区, 萧山区 and 厦门市 end as 城区, 山区 and 门市 do, and are
    places."""
    if not is_area_noun(name):
        return False
    if name in AREA_NOUNS or name.startswith(_GENERAL_AREA_LEADS):
        return True
    # a division's name and an area noun's last character (衡水市区, the city's urban area)
    return name[:-1] in gazetteer().full or not is_division_name(name)


def places_in(
    text: str, context: Place = NOWHERE, loose: bool = False, gaz: Gazetteer | None = None
) -> tuple[Place, ...]:
    """The places ``text`` names, each with the province and prefecture above it, in the
    order first named, without repeats. ``context`` (the place a document is about)
    settles names several divisions share; ``loose`` reads short forms the way people
    type them in a question (``咱们郑州``, ``金水``), unless they are common words."""
    gaz = gaz or gazetteer()
    mentions = find_mentions(text, gaz, loose)
    if not loose:
        mentions = [
            m
            for m in mentions
            if not _general_area(text, m, gaz, context) and not _worded(text, m, gaz, context)
        ]
    divisions = resolve(mentions, context, gaz)
    return tuple(dict.fromkeys(gaz.place(d) for d in divisions))


# a zone a city sets up inside itself, under its own name or none: 某某市高新区, 某某经开区,
# 某某东部新区 (a 新区 always has a name: 某某市新区建设 is no zone). No division of the
# gazetteer, but a part of the city.
_NAME = rf"(?:(?![的之各全本该等和与及])[{HAN}])"
_ZONE_RE = re.compile(
    rf"{_NAME}{{0,4}}?(?:高新技术产业开发区|经济技术开发区|高新区|经开区|开发区)|{_NAME}{{2,4}}?新区"
)


# the kinds of zone written short or in full (经开区 is a 经济技术开发区)
_ZONE_KINDS = (
    ("经开区", "经济技术开发区", "经济开发区"),
    ("高新区", "高新技术产业开发区", "高新技术开发区"),
)


def zone_forms(name: str) -> tuple[str, ...]:
    """``name`` and the other ways its kind of zone is written: 玉林经开区 ->
    玉林经济技术开发区, 玉林经济开发区 (and the other way round)."""
    for forms in _ZONE_KINDS:
        for form in forms:
            if name.endswith(form):
                stem = name[: -len(form)]
                return (name, *(stem + f for f in forms if f != form))
    return (name,)


def zones_in(text: str, gaz: Gazetteer | None = None) -> tuple[Place, ...]:
    """Zones ``text`` names right after the city they lie in, as a part of it
    (``某某市高新区`` -> the city with ``高新区`` in place of a county). A zone named after
    a division (``某某新区`` for the 某某区 of the gazetteer) is that division, not a zone."""
    gaz = gaz or gazetteer()
    out = []
    for mention in find_mentions(text, gaz, loose=True):
        zone = _ZONE_RE.match(text, mention.end)
        if zone is None or find_mentions(zone.group(), gaz, loose=True):
            continue
        for division in resolve([mention], gaz=gaz):
            place = gaz.place(division)
            city = place.city or place.province.endswith("市")  # a municipality
            if city and not place.county:
                out.append(replace(place, county=zone.group()))
    return tuple(dict.fromkeys(out))


def _narrowest(places: Sequence[Place]) -> Place | None:
    """The narrowest of places that nest (a county in its city in its province); ``None``
    when there are none or two of them lie apart."""
    ordered = sorted(places, key=lambda p: len(p.names), reverse=True)
    best = ordered[0] if ordered else None
    if best is None or not all(best.within(p) for p in ordered):
        return None
    return best


def _town(line: str) -> str:
    """A town that issues a document: ``某某镇人民政府``, or a body that is just a town."""
    match = _TOWN_RE.search(line) or _TOWN_ALONE_RE.fullmatch(line.strip())
    return match.group(1) if match else ""


# what a body's name between two places says when it is no body of the first: a
# subject (关于, 的), a list (和, 、) or an action (印发)
_NOT_BODY_RE = re.compile(r"关于|的|和|与|及|、|印发|转发|开展|召开|举办")
_BODY_GAP = 10  # the longest body's name between a place and a place inside it


def _body_between(gap: str, outer: Mention, inner: Mention) -> bool:
    """``gap`` names a body of the place ``outer`` that the place ``inner`` belongs to,
    both inside ``outer`` (新疆生产建设兵团第二师 between 新疆 and 铁门关市): the title is
    about ``inner`` still."""
    if len(gap) > _BODY_GAP or _NOT_BODY_RE.search(gap):
        return False
    return any(_inside(i, o) and i != o for i in inner.divisions for o in outer.divisions)


def _lead_place(title: str, gaz: Gazetteer) -> Place | None:
    """The place a title opens with (``2023年某某市…``, ``某某县开展…``): its subject,
    the narrowest of the names it opens with one after another (``某某市某某区…`` is
    about the district) when they nest, else the first."""
    head = _TITLE_LEAD_RE.sub("", title)
    lead: list[Mention] = []
    for m in find_mentions(head, gaz):
        gap = head[lead[-1].end : m.start] if lead else ""
        if (not lead and m.start > 2) or (gap.strip() and not _body_between(gap, lead[-1], m)):
            break
        lead.append(m)
    return _narrowest([gaz.place(d) for d in resolve(lead, gaz=gaz)]) or _narrowest(
        [gaz.place(d) for d in resolve(lead[:1], gaz=gaz)]
    )


def document_place(
    title: str,
    text: str,
    bodies: Sequence[str] = (),
    gaz: Gazetteer | None = None,
    name: str = "",
) -> Place:
    """The place a document is about, the first found of: the place its title opens with;
    the narrowest place its issuing bodies name (``bodies``: the issuer, the site it was
    published on, the meeting a report was delivered at), together or the first alone;
    the narrowest place its title names; the place its text names most
    (:func:`_most_named`), narrowed to the one county inside it the text names twice
    or, speaking as one (全旗), once (:func:`_county_named`; a province or city the title
    or issuer states only so); the place its file's ``name`` opens with or names
    (某某县政府工作报告2023). A town that issues it (in the title or a body) narrows it."""
    gaz = gaz or gazetteer()
    bodies = [b for b in bodies if b]
    stated = (
        _lead_place(title, gaz)
        or _narrowest(places_in(" ".join(bodies), gaz=gaz))
        or next((p for b in bodies if (p := _narrowest(places_in(b, gaz=gaz)))), None)
        or _narrowest(places_in(title, gaz=gaz))
    )
    place = stated or _most_named(text, gaz)
    if place and not place.county:  # read from the text alone, or stated broadly
        place = _county_named(place, text, gaz, speaking=bool(stated)) or place
    place = (
        place
        or (_lead_place(name, gaz) if name else None)
        or (_narrowest(places_in(name, gaz=gaz)) if name else None)
    )
    # the title without its lead (2024年某某镇人民政府工作报告: 某某镇, not 年某某镇)
    town = next((t for t in map(_town, [_TITLE_LEAD_RE.sub("", title), *bodies]) if t), "")
    if town:
        place = place or NOWHERE
        return Place(place.province, place.city, place.county, town)
    return place or NOWHERE


_LEAST_NAMED = 2  # times a county inside a document's place is named to narrow it


def _county_named(place: Place, text: str, gaz: Gazetteer, speaking: bool = False) -> Place | None:
    """The one county inside ``place`` (a province or a city) that ``text`` names by its
    name or short form, at least twice, however jieba's dictionary tags the short form
    (黎平, 五莲 are persons' names to it): a 贵州省 report that says 黎平 throughout is
    黎平县's. None when it names none so, or several (a city's bulletin naming its
    counties); a short form is read as a question's is (not a frequent word), and one
    several divisions share (湘潭) counts for none. A county named once counts when the
    text speaks as one of its kind (:func:`_speaks_as`); with ``speaking`` (a place its
    title or issuer states), only then."""
    outer = next(
        (d for d in gaz.full.get(place.city or place.province, ()) if place.within(gaz.place(d))),
        None,
    )
    if outer is None:
        return None
    named: Counter[Division] = Counter()
    for m in find_mentions(text, gaz, loose=True):  # longest first: 黑龙江 is no 龙江
        if len(m.divisions) == 1 and m.divisions[0].level == 2 and _inside(m.divisions[0], outer):
            named[m.divisions[0]] += 1
    if len(named) != 1:
        return None
    ((county, count),) = named.items()
    if (count >= _LEAST_NAMED and not speaking) or _speaks_as(county, text):
        return gaz.place(county)
    return None


def _speaks_as(county: Division, text: str) -> bool:
    """``text`` speaks of itself as a division of ``county``'s kind (全旗, 我旗, 本县 for
    a 旗 or 县): a plan that names its 新巴尔虎左旗 once and says 全旗 throughout."""
    kind = county.name[-1]
    return kind in _SELF_KINDS and len(re.findall(rf"[全我本]{kind}", text)) >= _LEAST_NAMED


# the kinds of county a text may call itself by (全县, 我旗); not 区 or 市, which a
# region (全区 of 内蒙古) or a prefecture (全市) calls itself by too
_SELF_KINDS = "县旗"


def _inside(inner: Division, outer: Division) -> bool:
    """``inner`` is ``outer`` or lies within it (by the codes' shared prefix)."""
    return inner.code.startswith(outer.code[: 2 + 2 * outer.level])


_WORD_FREQ = 300  # a short form this frequent in jieba's dictionary is often a word


def _most_named(text: str, gaz: Gazetteer) -> Place | None:
    """The place the text names most: the narrowest division named at least twice and
    in at least half of the names of its level, unless it lies outside the prefecture
    the text names so (a county's short form inside another word, 那大城区: 大城); else
    the one place the text names at all by its full name: a prefecture or province, or a
    county with the prefecture above it (选择为“邵阳市绥宁县”; a short form met once, 太平
    or 东海, and a county's name alone, 老城区, are too often words)."""
    mentions = [m for m in find_mentions(text, gaz) if not _general_area(text, m, gaz)]
    divisions = resolve(mentions, gaz=gaz)
    # a county named only by a short form that is also a frequent word (新建 of 新建改造,
    # never 新建区; 朝阳, 新城, 大城) does not count: a text about it names it in full once
    full = {d for m in mentions if text[m.start : m.end] in gaz.full for d in m.divisions}
    worded = {
        d for m in mentions if _frequent_short_form(text[m.start : m.end], gaz) for d in m.divisions
    }
    counted = [d for d in divisions if d.level != 2 or d in full or d not in worded]
    tops: dict[int, Division] = {}
    for level in (1, 2, 0):
        counts = Counter(d for d in counted if d.level == level)
        if counts:
            top, n = counts.most_common(1)[0]
            if n >= 2 and n * 2 >= sum(counts.values()):
                tops[level] = top
    city = tops.get(1)
    if 2 in tops and (city is None or _inside(tops[2], city)):
        return gaz.place(tops[2])
    for level in (1, 0):
        if level in tops:
            return gaz.place(tops[level])
    # beside a county named in full with its prefecture (嘉兴市海盐县), a short form met
    # once outside that province (海兴 of 海兴社区) or a frequent word (新建) names nothing
    full_mentions = [m for m in mentions if text[m.start : m.end] in gaz.full]
    short_mentions = [m for m in mentions if text[m.start : m.end] not in gaz.full]
    named = sorted(set(resolve(full_mentions, gaz=gaz)), key=lambda d: -d.level)
    if not named or not all(_inside(named[0], d) for d in named):
        return None
    paired = len(named) > 1 and named[0].level == 2
    if short_mentions and not (
        paired
        and all(_stray(text[m.start : m.end], m, mentions, named[0], gaz) for m in short_mentions)
    ):
        return None
    # a district alone (老城区, 东区 are words too) only with the prefecture above it; a
    # 县 or 旗 named in full alone (平江县辖2个街道), unless its short form is another
    # word (会同 of 要会同县督查办)
    alone = named[0].level < 2 or len(named) > 1 or _county_in_full(named[0])
    return gaz.place(named[0]) if alone else None


def _general_area(text: str, mention: Mention, gaz: Gazetteer, context: Place = NOWHERE) -> bool:
    """A division whose name is also a general area noun (老城区, 新城区: any city's old
    or new town; 让老城区焕发新活力, 扎实推进老城微治理), named by it or its short form
    without its prefecture right before it (洛阳市老城区, 洛阳老城区), in a text about no
    place in that prefecture (``context``): no place."""
    if not all(is_area_word(d.name) for d in mention.divisions):
        return False
    if context.city and any(gaz.place(d).city == context.city for d in mention.divisions):
        return False
    before = text[max(0, mention.start - _LONGEST_PREFECTURE) : mention.start]
    for d in mention.divisions:
        city = gaz.place(d).city
        if city and before.endswith((city, *short_forms(city, 1))):
            return False
    return True


_LONGEST_PREFECTURE = 12  # characters of the longest prefecture's name


def _frequent_short_form(piece: str, gaz: Gazetteer) -> bool:
    """``piece`` names a division by a short form that is also a frequent word (新建)."""
    return piece not in gaz.full and word_tag(piece)[1] >= _WORD_FREQ


def _worded(text: str, mention: Mention, gaz: Gazetteer, context: Place = NOWHERE) -> bool:
    """A county's short form that is also a frequent word (新建 of 新建2.3万亩高标准农田, never
    新建区 there), in a text about no place around or inside its divisions: no place. A
    text about the place it names keeps it (朝阳 in a 北京市 report), and a prefecture's
    short form stays a name (湘西, 大连)."""
    if not _frequent_short_form(text[mention.start : mention.end], gaz):
        return False
    if any(d.level != 2 for d in mention.divisions):  # 湘西, 大连: prefectures go by them
        return False
    places = [gaz.place(d) for d in mention.divisions]
    return not (context and any(p.within(context) or context.within(p) for p in places))


def _stray(
    piece: str, mention: Mention, mentions: Sequence[Mention], county: Division, gaz: Gazetteer
) -> bool:
    """A short form that names nothing beside a ``county`` a text names in full with its
    prefecture: a frequent word, or a form met once that lies outside their province."""
    if word_tag(piece)[1] >= _WORD_FREQ:
        return True
    once = sum(1 for m in mentions if m.divisions == mention.divisions) == 1
    province = gaz.place(county).province
    return once and all(gaz.place(d).province != province for d in mention.divisions)


def _county_in_full(division: Division) -> bool:
    """``division`` is a 县 or 旗 whose shortest form is no word but a place's, if any, or
    a person's name jieba counts rarely."""
    if not division.name.endswith(("县", "旗")):
        return False
    forms = short_forms(division.name, division.level)
    form = min(forms, key=len) if forms else ""
    tag = word_tag(form)[0] if form else None
    # a person's name jieba counts rarely (甘德) is a place's short form it mistook
    return tag is None or tag.startswith("ns") or rare_name(form)


def evident_places(text: str, gaz: Gazetteer | None = None) -> tuple[Place, ...]:
    """The cities and counties ``text`` names in full at least once and, with its short
    forms, at least twice (大竹县 and 大竹经开区, 该县…大竹段): places a text placed nowhere
    evidently speaks of, though not enough to place it (:func:`document_place`)."""
    gaz = gaz or gazetteer()
    counts: Counter[Division] = Counter()
    full: set[Division] = set()
    for m in find_mentions(text, gaz, loose=True):
        if len(m.divisions) != 1 or m.divisions[0].level not in (1, 2):
            continue
        counts[m.divisions[0]] += 1
        if text[m.start : m.end] in gaz.full:
            full.add(m.divisions[0])
    return tuple(gaz.place(d) for d, n in counts.items() if d in full and n >= _LEAST_NAMED)


def unit_place(text: str, doc_place: Place, gaz: Gazetteer | None = None) -> Place:
    """The place a unit is about: the one place narrower than the document's, inside it,
    that the unit names (``某某区实现生产总值…`` in a city's bulletin); else the
    document's place (a unit naming several such places speaks of them together)."""
    gaz = gaz or gazetteer()
    named = [p for p in places_in(text, doc_place, gaz=gaz) if p != doc_place]
    narrower = [p for p in named if not doc_place or p.within(doc_place)]
    if len(narrower) == 1:
        return narrower[0]
    return doc_place
