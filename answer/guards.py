"""Guards: questions declined before any candidate is read.

A place the documents never name (another district or city), or a question whose only
word the documents use is a place ("某市明天会下雨吗"): the place alone would make every
passage about it look like an answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import lru_cache

from answer.analyse import Question, is_span, known_parts, place_mentions, with_terms
from answer.features import Candidate
from answer.sentences import TermWeights
from ingest.lexicon import word_tag
from ingest.places import (
    find_mentions,
    gazetteer,
    is_area_word,
    is_division_name,
    opens_as_place,
    places_in,
    rare_name,
    short_forms,
    zone_forms,
    zones_in,
)
from lixia_qa import zh
from lixia_qa.types import Place
from store.tokenize import ChineseTokenizer, is_place_name

# the ends of the divisions the gazetteer lists, and of those it does not (towns)
_DIVISION_ENDS = "区县市省州"
_TOWN_ENDS = "镇乡"
_PLACE_RE = re.compile(rf"[{zh.HAN}]{{1,8}}[{_DIVISION_ENDS}{_TOWN_ENDS}]")


# words saying which moment of something is asked (什么时候开始叫的, 最早什么时候建的),
# not what it is about
MOMENT_WORDS = frozenset("开始 最早 最初 起初 当初 首次".split())
_NOT_TOPICAL = zh.ASKER_WORDS | MOMENT_WORDS  # words that never make a question off topic


class Guards:
    def __init__(
        self,
        weights: TermWeights,
        districts: Collection[str],
        tokenizer: ChineseTokenizer,
        doc_places: Iterable[Place] = (),
    ) -> None:
        self.weights = weights
        self.districts = frozenset(districts)
        self.tokenizer = tokenizer
        # the places documents are about and those they lie in (a county's city and
        # province), by their names less the suffix and their short forms (芷江 for
        # 芷江侗族自治县, asked as 芷江县), though their text may not name them (a page's
        # issuer is read from its information block)
        places = list(doc_places)
        self.about = frozenset(n[:-1] for p in places for n in p.names) | frozenset(
            f for p in places for f in _short_names(p)
        )
        is_place_name("")  # reads jieba's dictionary tags now, not on the first question

    def foreign_place(self, q: Question) -> str | None:
        """The first place the question names that the documents never do."""
        foreign = [t for t in q.terms if self._foreign_place(t)] + [
            names[-1]
            for names in place_mentions(q.text, self.tokenizer)
            if any(map(is_division_name, names)) and not any(map(self._known_place, names))
        ]
        # a city or province by its short form (周口 for 周口市), as a question names it; a
        # county's short form only as a word of its own: it is too often part of other
        # words (李秉衡山东: 衡山)
        foreign += [p.name for p in _places_asked(q.text) if not p.county and not self._named(p)]
        # a county by its short form, when the question has it as a word of its own
        # (慈溪 in 慈溪今年…, not 衡山 inside 李秉衡山东)
        foreign += [
            p.name
            for p in _places_asked(q.text)
            if p.county and not p.town and _county_word(p, q) and not self._named(p)
        ]
        return foreign[0] if foreign else None

    def _named(self, place: Place) -> bool:
        """The documents name the city or province ``place`` by its name or one of its
        short forms (香港 for 香港特别行政区, 怒江 for 怒江傈僳族自治州)."""
        name, *forms = _names_of(place)
        return self._known_place(name) or any(self.weights.df(f) for f in forms)

    def off_topic(
        self,
        q: Question,
        places: Sequence[Place] = (),
        used: Callable[[str], bool] | None = None,
    ) -> list[str]:
        """The question's other words when it names a place and every other word is one
        the documents never use (in any of its forms): "济南明天会下雨吗". Empty
        otherwise: a question of unknown words alone is left to the reader (a reworded
        question may share no word with the text). With the ``places`` asked, ``used``
        says whether the documents that may speak for them use a word
        (:meth:`PlaceScope.documents`); by default, whether any document does."""
        topical = [
            t
            for t in q.terms
            if not self._place_word(t) and not any(_is_name_of(t, p) for p in places)
        ]
        if len(topical) == len(q.terms):
            return []
        # 一年 says how long, 我外公 and 每个 whose case and how often, 开始 and 最早
        # which moment: none says what
        topical = [t for t in topical if not is_span(t) and t not in _NOT_TOPICAL]
        if any(self._spoken_of(q.term_forms(t), used) for t in topical):
            return []
        return topical

    def _spoken_of(self, forms: Sequence[str], used: Callable[[str], bool] | None) -> bool:
        """The documents use one of a word's ``forms``, or every shorter word one is made
        of; with ``used`` (the documents that may speak for the place asked), those
        documents do, unless the corpus knows the word only by its parts: a place's
        bulletin saying 小学 and 在校生 is not declined 小学生 for lacking 学生."""

        def anywhere(word: str) -> bool:
            return bool(self.weights.df(word))

        if not any(self._known_word(f, anywhere) for f in forms):
            return False
        if used is None or any(self._known_word(f, used) for f in forms):
            return True
        return not any(map(anywhere, forms))

    def _known_word(self, word: str, used: Callable[[str], bool]) -> bool:
        """The documents use ``word``, or every shorter word it is made of: 汽车产量 is
        known to a table of 产品名称：汽车 and 产量."""
        return used(word) or bool(known_parts(word, used, self.tokenizer.tokens))

    def _place_word(self, term: str) -> bool:
        """``term`` is a place name: a district of the documents (历下, 历下区) or a place
        in jieba's general dictionary (济南, 山东)."""
        short = term[:-1] if term.endswith(("区", "县")) else term
        return short in self.districts or is_place_name(term)

    def _foreign_place(self, term: str) -> bool:
        """A place name (槐荫区) the documents never mention, not even by its short form
        as a place: "高新区" is foreign to documents that only say 高新技术."""
        if not _PLACE_RE.fullmatch(term) or self.weights.df(term):
            return False
        if is_area_word(term):  # 老小区 is no place name; 禅城区 is one
            return False
        if term[-1] in _DIVISION_ENDS and not is_division_name(term):
            return False  # 大洋区, 气候区: no division of the gazetteer
        return not self._known_place(term)

    def _known_place(self, name: str) -> bool:
        """The documents name this place (X区), under this or another suffix (X县), or a
        document is about it."""
        short = name[:-1]
        if short in self.districts or short in self.about or self.weights.df(name):
            return True
        return any(self.weights.df(f"{short}{end}") for end in "区县市省镇乡州")


class PlaceScope:
    """The places a question names that the documents are about (the narrowest of
    them), and which candidates may answer for them: a unit about exactly such a place,
    a unit whose passage names it, or a unit whose place is not known. A city's figure
    does not answer a district's question, nor a county's a province's, nor a city's a
    zone's inside it (某某市高新区, :func:`ingest.places.zones_in`). A place no
    document is about, inside or around, is asked when named plainly (:func:`_plainly_named`:
    only passages naming it answer for it); one no document names is left to
    :meth:`Guards.foreign_place`."""

    def __init__(self, doc_places: Iterable[Place]) -> None:
        self.doc_places = frozenset(p for p in doc_places if p)

    def asked(self, text: str, plain: bool = True) -> tuple[Place, ...]:
        """The narrowest places ``text`` names that the documents are about, inside or
        around; a full name several divisions share (市中区, 鼓楼区) is the one inside
        a place a document is about (a short form such as 宝山 is too often part of
        another name to be read so); a town a document is known by alone, when named.
        With ``plain``, when it names no such place, those it names plainly
        (:func:`_plainly_named`) though no document is about them: only passages naming
        them answer for them. Without, a place the documents never name is the guard's."""
        shared = [
            p for name in _shared_names(text) for d in self.doc_places for p in places_in(name, d)
        ]
        loose = (*_places_asked(text), *shared, *zones_in(text))
        named = [p for p in loose if self._related(p)]
        named = list(dict.fromkeys([*named, *self._towns_named(text), *self._opening(text)]))
        if not named and plain:
            named = [p for p in loose if _plainly_named(text, p)]
        return tuple(p for p in named if not any(o != p and o.within(p) for o in named))

    def _opening(self, text: str) -> list[Place]:
        """The place of a document a question opens with by its county's short form, before
        a year, 的 or a question word, though the form is a common word (新兴去年…: 新兴县)."""
        return [
            p
            for p in self.doc_places
            if p.county
            and any(opens_as_place(text, f, rare=False) for f in short_forms(p.county, 2))
        ]

    def _towns_named(self, text: str) -> list[Place]:
        """The places of documents known only by their town (a town's report naming
        neither its county nor its city) whose town ``text`` names (木棠镇, or 木棠)."""
        return [
            p
            for p in self.doc_places
            if p.town and not (p.province or p.city or p.county) and _town_named(text, p.town)
        ]

    def _related(self, place: Place) -> bool:
        return any(d.within(place) or place.within(d) for d in self.doc_places)

    @staticmethod
    def documents(docs: Iterable[tuple[Place, str]], asked: Sequence[Place]) -> list[str]:
        """The texts of ``docs`` (place, text) that may speak for the places ``asked``:
        a document about one of them or a place inside it, one whose place is not known,
        or one that names an asked place (a province's report naming the city). The
        document-wide form of :meth:`allows`, for the words a place's documents use."""
        return [text for place, text in docs if PlaceScope.speaks_for(place, text, asked)]

    @staticmethod
    def speaks_for(place: Place, text: str, asked: Sequence[Place]) -> bool:
        """A document about ``place`` (its ``text``) may speak for the places ``asked``:
        it is about one of them or a place inside it, its place is not known, or it
        names an asked place."""
        return not place or any(place.within(p) or _names_asked(text, p) for p in asked)

    @staticmethod
    def allows(c: Candidate, asked: Sequence[Place], inside: bool = False) -> bool:
        """Whether ``c`` may answer for the places ``asked``; with ``inside``, also a
        unit about a place inside one of them (an event of a town answers for its
        district; a town's figure is no district's, so figure questions leave it out)."""
        place = c.unit.place
        if not asked or not place or any(place.name == p.name for p in asked):
            return True
        if inside and any(place.within(p) for p in asked):
            return True
        if _names_asked(c.unit.text, place) and not any(
            place.within(p) or (p.town and p.within(place)) for p in asked
        ):
            # the unit names its own place, beside the asked one or around it (雁峰区… or
            # 衡阳市民政局… for 南岳区); a town's question may still be answered from its
            # county's unit whose passage names the town
            return False
        passage = c.chunk.index_text() if c.chunk is not None else c.unit.text
        names = _names_in(passage, place)
        if any(f in names or f in passage for p in asked for f in zone_forms(p.name)):
            return True
        # a place neither around nor in the unit's (one named plainly, :func:`_plainly_named`)
        # by the short form a passage may use inside a local name (绥芬河口岸 for 绥芬河市)
        return any(
            _names_asked(passage, p) for p in asked if not (place.within(p) or p.within(place))
        )


def _plainly_named(text: str, place: Place) -> bool:
    """``text`` names ``place`` (a county or city, not a town) by its full name (南昌县,
    绥芬河市): though no document is about it or a place around or in it, a question
    about it is answered only from passages naming it (a neighbouring county's bulletin
    mentioning it once does not answer for it). A short form is too often part of a local
    name (长岭 of 历下's 长岭高科片区) to be read so."""
    return not place.town and place.name in text


def _town_named(text: str, town: str) -> bool:
    """``text`` names ``town`` in full (某某镇, 某某街道) or by its name without the kind
    of town, when two characters or more are left (某某)."""
    short = re.sub(r"(?:镇|乡|街道)$", "", town)
    return town in text or (len(short) >= 2 and short in text)


@lru_cache(maxsize=1024)
def _places_asked(text: str) -> tuple[Place, ...]:
    """The places a question names, read loosely: read once for the foreign-place guard
    and the place scope of the same question."""
    return places_in(text, loose=True)


@lru_cache(maxsize=1024)
def _shared_names(text: str) -> tuple[str, ...]:
    """The full names ``text`` gives places by, that several divisions share (市中区)."""
    full = gazetteer().full
    return tuple(
        name
        for m in find_mentions(text, loose=True)
        if len(m.divisions) > 1 and (name := text[m.start : m.end]) in full
    )


def _names_of(place: Place) -> tuple[str, ...]:
    """``place``'s name and its short forms (周口市, 周口), or a zone's ways of being
    written (经开区, 经济技术开发区)."""
    level = 2 if place.county else 1 if place.city else 0
    return (*zone_forms(place.name), *short_forms(place.name, level))


def _short_names(place: Place) -> list[str]:
    """The short forms of every level of ``place`` (湖南, 怀化, 芷江 for 湖南省怀化市芷江侗族自治县)."""
    levels = ((place.province, 0), (place.city, 1), (place.county, 2))
    return [f for name, level in levels if name for f in short_forms(name, level)]


def _county_word(place: Place, q: Question) -> bool:
    """The question opens with the short form of ``place``'s county, a word of its own
    (慈溪今年…, 在慈溪…; not 新建 in 2022年新建高标准农田, 新建区's short form and a verb),
    one jieba's dictionary does not know as another word (长子 is an eldest son): unknown
    to it, a place, or a person's name it rarely counts (慈溪, 余姚)."""
    return any(
        f in q.terms
        and (
            (_county_name(f) and re.match(rf"(?:在|去|到)?{f}", q.text))
            or opens_as_place(q.text, f)  # 常熟2023年…: jieba's rare adjective
        )
        for f in short_forms(place.county, 2)
    )


def _county_name(form: str) -> bool:
    tag, _ = word_tag(form)
    return tag is None or tag.startswith("ns") or rare_name(form)


def _names_asked(text: str, place: Place) -> bool:
    """``text`` names ``place`` by its name or a short form (周口 for 周口市)."""
    return any(n in text for n in _names_of(place))


def one_area(places: Iterable[Place]) -> bool:
    """Every place lies in or around one city (or one province-level city): a district's
    or a city's own documents, among which a document naming no place is one of theirs."""
    places = [p for p in places if p]
    provinces = {p.province for p in places}
    cities = {p.city for p in places if p.city}
    return bool(places) and len(provinces) == 1 and len(cities) <= 1


def without_place_names(q: Question, name: str, places: Sequence[Place]) -> Question:
    """``q`` without the terms naming the place ``name`` (one of ``places``, by its name or
    a short form): asked of documents that name no place, the place is taken for theirs,
    not looked for as a word they never use."""
    terms = tuple(t for t in q.terms if t != name and not any(_is_name_of(t, p) for p in places))
    return with_terms(q, terms)


def _is_name_of(term: str, place: Place) -> bool:
    """``term`` is ``place``'s name or a short form: not a longer word holding it
    (济南人工智能计算中心 is a topic, not 济南)."""
    return term in _names_of(place)


@lru_cache(maxsize=4096)
def _names_in(text: str, context: Place) -> frozenset[str]:
    """The places ``text`` names (a passage read once however many units it holds), read
    as loosely as a question's: 双流国际机场 names 双流区 for a question on 双流机场."""
    return frozenset(p.name for p in places_in(text, context, loose=True))
