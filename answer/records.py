"""Finding commitment records at question time: by unit, leader or keyword.

Ingest parses the records (``ingest.commitments``); this module matches what a user
types against them, for the 责任分工 table and for owner questions. Names compare
after NFKC, lower case and without whitespace, a unit matches without its
administrative prefix (``商务局`` finds ``区商务局``), and a common short form matches
the full name and back (``住建局`` finds ``区住房和城市建设局``: :func:`short_forms`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from lixia_qa.types import Commitment
from lixia_qa.zh import HAN

_BARE_PREFIX_RE = re.compile(r"^[省市区县](?![委场域])")
# a place name (济南市, 青川区) is made of characters that are not themselves
# administrative ones: 区城市管理局 is 区 + 城市管理局, not the city 区城市
_PLACE_CHAR = rf"(?:(?![省市区县])[{HAN}])"
_PLACE_PREFIX_RE = re.compile(
    rf"^(?:{_PLACE_CHAR}{{2,4}}?[省市]){{0,2}}(?:{_PLACE_CHAR}{{1,3}}?[区县旗])?"
)
_MIN_CORE = 3  # a prefix is never stripped down to fewer characters (市监局 stays whole)
_GENERIC_UNIT_RE = re.compile(
    r"^(?:管委会|管理委员会|委员会|办公室|办事处|街道办事处|街道|人民政府|政府|集团|公司|中心|局|委|办|院|队|部)$"
)


def _normalise(value: str) -> str:
    """NFKC, lower case, no whitespace: ``区 商务局`` and ``区商务局`` compare equal."""
    return "".join(unicodedata.normalize("NFKC", value).lower().split())


def unit_core(name: str) -> str:
    """A unit name without its administrative prefix: ``济南市历下区商务局`` -> ``商务局``.

    Strips a place prefix (``XX市``, ``XX区``) or a bare ``区/市/县/省``, but never so far
    that only a generic unit type (``管委会``, ``局``) or fewer than three characters
    remain (``市监局`` is a short form, not 市 + 监局).
    """
    name = _normalise(name)
    core = name
    for pattern in (_PLACE_PREFIX_RE, _BARE_PREFIX_RE):
        candidate = pattern.sub("", core, count=1)
        if len(candidate) < _MIN_CORE or _GENERIC_UNIT_RE.match(candidate):
            break
        core = candidate
    return core


# A unit's type ending, longest first, and its short form (发展和改革委员会 -> 发改委)
_UNIT_TYPES = (
    ("管理委员会", "管委会"),
    ("委员会", "委"),
    ("办公室", "办"),
    ("中心", "中心"),
    ("局", "局"),
    ("委", "委"),
    ("办", "办"),
)
# Common short forms that no character rule gives (an older name still in use)
_TABLE_ALIASES = (
    ("生态环境局", "环保局"),
    ("市场监督管理局", "市监局"),
    ("行政审批服务局", "审批局"),
)
_CONJUNCTION = re.compile("[和与及]")
_DROPPABLE_LAST = frozenset({"管理", "服务", "事务", "工作"})  # 应急管理局 -> 应急局


def _words(part: str) -> list[str] | None:
    """A name part read as two-character words (人力资源 -> 人力, 资源), or None when it
    does not split evenly."""
    if len(part) < 2 or len(part) % 2:
        return None
    return [part[i : i + 2] for i in range(0, len(part), 2)]


def _part_forms(part: str, first: bool) -> set[str]:
    """How one conjoined part of a name is shortened: a word's first character (住房 ->
    住; the first part always so), or for a later part the first character of any of its
    words (社会保障 -> 社 or 保, 城市建设 -> 城 or 建); a part of odd length (信息化) by
    its first character."""
    words = _words(part)
    if not words:  # 信息化: its first character
        return {part[0]}
    if first:
        return {words[0][0]}
    return {w[0] for w in words}


def short_forms(core: str) -> set[str]:
    """Common short forms of a unit name without its place prefix, by the general way
    Chinese unit names are abbreviated: conjoined parts by one character each
    (人力资源和社会保障局 -> 人社局, 住房和城市建设局 -> 住建局, 发展和改革委员会 ->
    发改委), the first part alone (教育和体育局 -> 教育局), a single body by its words'
    first characters (卫生健康委员会 -> 卫健委, 城市管理局 -> 城管局), its first word
    and the others' initials (市场监督管理局 -> 市场监管局), or without a last word such
    as 管理 (应急管理局 -> 应急局); plus a small table of older names (环保局)."""
    core = _normalise(core)
    for ending, short in _UNIT_TYPES:
        if core.endswith(ending) and len(core) > len(ending) + 1:
            body, suffix = core[: -len(ending)], short
            break
    else:
        return set()
    forms: set[str] = set()
    parts = [p for p in _CONJUNCTION.split(body) if p]
    if len(parts) > 1:
        combos = {""}
        for i, part in enumerate(parts):
            combos = {c + f for c in combos for f in _part_forms(part, i == 0)}
        forms |= combos | {parts[0]}
    else:
        words = _words(body)
        if words and len(words) > 1:
            forms.add("".join(w[0] for w in words))
            if len(words) > 2:
                forms.add(words[0] + "".join(w[0] for w in words[1:]))
            if words[-1] in _DROPPABLE_LAST:
                forms.add("".join(words[:-1]))
    out = {f + suffix for f in forms if len(f) >= 2 or len(parts) > 1}
    out |= {short for full, short in _TABLE_ALIASES if core == full}
    out |= {full for full, short in _TABLE_ALIASES if core == short}
    return out - {core}


def unit_aliases(name: str) -> set[str]:
    """A unit's core name (without place prefix) and its short forms."""
    core = unit_core(name)
    return {core, *short_forms(core)} if core else set()


def unit_matches(query: str, unit: str) -> bool:
    """True if the unit filter ``query`` names ``unit``: ``商务局`` and ``区商务局`` both
    match ``区商务局``; the query's administrative prefix is ignored; a common short
    form names the full name and the full name its short form (``住建局`` and
    ``区住房和城市建设局``)."""
    core = unit_core(query)
    if not core:
        return False
    if core in _normalise(unit):
        return True
    other = unit_core(unit)
    return core in short_forms(other) or other in short_forms(core)


def unit_named_in(text: str, unit: str, shortest: int = 3) -> bool:
    """True if ``text`` (a question) names ``unit`` by its core name or a short form of
    at least ``shortest`` characters ("住建局负责哪些工作" names 区住房和城市建设局)."""
    text = _normalise(text)
    return any(len(a) >= shortest and a in text for a in unit_aliases(unit))


def leader_matches(query: str, leader: str) -> bool:
    """True if ``query`` names ``leader`` (``武毅`` or ``武毅副区长`` for ``武毅``)."""
    q, name = _normalise(query), _normalise(leader)
    if not q or not name:
        return False
    return q in name or (len(name) >= 2 and name in q)


def _matches_text(term: str, item: Commitment) -> bool:
    haystack = _normalise(" ".join((item.task, *item.headings, *item.leaders)))
    if term in haystack:
        return True
    return any(unit_matches(term, u) for u in (*item.lead_units, *item.units, *item.partner_units))


def filter_commitments(
    items: Iterable[Commitment],
    q: str | None = None,
    leader: str | None = None,
    unit: str | None = None,
) -> list[Commitment]:
    """Commitments that satisfy every given filter.

    ``q``: each whitespace-separated term occurs in the task, a heading or a name;
    ``leader``: one of the leaders matches; ``unit``: a lead unit or unit matches.
    """
    terms = [_normalise(t) for t in (q or "").split() if t.strip()]
    kept: list[Commitment] = []
    for item in items:
        if leader and not any(leader_matches(leader, name) for name in item.leaders):
            continue
        if unit and not any(
            unit_matches(unit, u) for u in (*item.lead_units, *item.units, *item.partner_units)
        ):
            continue
        if any(not _matches_text(term, item) for term in terms):
            continue
        kept.append(item)
    return kept


def named_owners(text: str, items: Iterable[Commitment]) -> tuple[set[str], set[str]]:
    """The leaders and units of ``items`` that ``text`` (a question) names: a leader by
    a name of two characters or more, a unit by its core name or a short form of three
    characters or more (:func:`unit_named_in`)."""
    leaders: set[str] = set()
    units: set[str] = set()
    for item in items:
        leaders.update(n for n in item.leaders if len(n) >= 2 and n in text)
        units.update(
            u
            for u in (*item.lead_units, *item.units, *item.partner_units)
            if unit_named_in(text, u)
        )
    return leaders, units


def owner_role(c: Commitment, leaders: set[str], units: set[str]) -> int:
    """How ``c`` belongs to the named owners: 0 one of ``leaders`` leads it or one of
    ``units`` is its lead unit, 1 a responsible unit (责任单位), 2 a partner (配合单位)."""
    if leaders & set(c.leaders) or units & set(c.lead_units):
        return 0
    return 1 if units & set(c.units) else 2


def owned_records(
    items: Iterable[Commitment], leaders: set[str], units: set[str]
) -> list[Commitment]:
    """The records of any of ``leaders`` or ``units`` (as :func:`named_owners` finds
    them), in their order."""
    return [
        c
        for c in items
        if leaders & set(c.leaders) or units & {*c.lead_units, *c.units, *c.partner_units}
    ]
