"""Finding commitment records at question time: by unit, leader or keyword.

Ingest parses the records (``ingest.commitments``); this module matches what a user
types against them, for the 责任分工 table and for owner questions. Names compare
after NFKC, lower case and without whitespace, and a unit matches without its
administrative prefix (``商务局`` finds ``区商务局``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from lixia_qa.types import Commitment
from lixia_qa.zh import HAN

_BARE_PREFIX_RE = re.compile(r"^[省市区县](?![委场域])")
_PLACE_PREFIX_RE = re.compile(rf"^(?:[{HAN}]{{2,4}}?[省市])?(?:[{HAN}]{{1,3}}?[区县旗])?")
_GENERIC_UNIT_RE = re.compile(
    r"^(?:管委会|管理委员会|委员会|办公室|办事处|街道办事处|街道|人民政府|政府|集团|公司|中心|局|委|办|院|队|部)$"
)


def _normalise(value: str) -> str:
    """NFKC, lower case, no whitespace: ``区 商务局`` and ``区商务局`` compare equal."""
    return "".join(unicodedata.normalize("NFKC", value).lower().split())


def unit_core(name: str) -> str:
    """A unit name without its administrative prefix: ``济南市历下区商务局`` -> ``商务局``.

    Strips a place prefix (``XX市``, ``XX区``) or a bare ``区/市/县/省``, but never so far
    that only a generic unit type (``管委会``, ``局``) or a single character remains.
    """
    name = _normalise(name)
    core = name
    for pattern in (_PLACE_PREFIX_RE, _BARE_PREFIX_RE):
        candidate = pattern.sub("", core, count=1)
        if len(candidate) < 2 or _GENERIC_UNIT_RE.match(candidate):
            break
        core = candidate
    return core


def unit_matches(query: str, unit: str) -> bool:
    """True if the unit filter ``query`` names ``unit``: ``商务局`` and ``区商务局`` both
    match ``区商务局``; the query's administrative prefix is ignored."""
    core = unit_core(query)
    return bool(core) and core in _normalise(unit)


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
