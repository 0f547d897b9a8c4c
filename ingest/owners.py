"""The names in an owner record or owner columns: who leads, which units are responsible.

Field (or column) names map to roles with :func:`field_role`; values are split into
names with :func:`split_names`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lixia_qa import zh
from lixia_qa.zh import HAN

# A field name: 2-4 Han characters ending in 领导/单位/部门, or 责任人/负责人/联系人.
FIELD_NAME = rf"(?:[{HAN}]{{2,4}}?(?:领导|单位|部门)|责任人|负责人|联系人)"
_FIELD_RE = re.compile(rf"(?:^|(?<=[；;，,\s]))(?P<name>{FIELD_NAME})\s*[：:]")
_LEADER_FIELD_RE = re.compile(r"领导|人$")
_LEAD_UNIT_FIELD_RE = re.compile(r"^(?:牵头|主办|主责|主管|主要)")
_PARTNER_FIELD_RE = re.compile(r"^(?:配合|协办|协助|协同|参与)")

# a separator outside brackets (各县（市、区）政府 is one name)
_NAME_SEP_RE = re.compile(r"[，,](?![^（(]*[）)])")
_ITEM_SEP_RE = re.compile(r"[、](?![^（(]*[）)])")
_ITEM_STRIP = " \t\u3000." + zh.SEMICOLONS + zh.SENTENCE_END + zh.COLONS
# Territorial unit types that an enumeration may share: 建新、解放路、文东街道办事处.
_PLACE_SUFFIX_RE = re.compile(
    r"(?:街道办事处|街道|镇人民政府|乡人民政府|镇|乡|社区居委会|居委会|社区|村委会)$"
)
# Endings that make an item a unit name of its own (not a bare place name).
UNIT_END_CHARS = "局委办处所院队会部站馆联厅科室组团司心区道镇乡村署行校"  # a unit's last character
_UNIT_END_RE = re.compile(f"[{UNIT_END_CHARS}]$")


def dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def _expand_group(items: Sequence[str]) -> list[str]:
    """Give bare place names the territorial unit type of the group's last item."""
    match = _PLACE_SUFFIX_RE.search(items[-1]) if items else None
    if not match or len(items) < 2:
        return list(items)
    suffix = match.group(0)
    return [
        f"{item}{suffix}"
        if len(item) <= 6 and not _UNIT_END_RE.search(item) and item[0] not in "区市县省各"
        else item
        for item in items
    ]


def split_names(value: str) -> tuple[str, ...]:
    """Names in a record value, in order, deduplicated.

    Splits on ``、``, ``，`` and ``,`` (never on 和: ``区发展和改革局`` is one name).
    In ``建新、解放路、文东街道办事处`` the shared unit type is given to every bare
    place name: ``建新街道办事处``, ``解放路街道办事处``, ``文东街道办事处``.
    """
    names: list[str] = []
    for group in _NAME_SEP_RE.split(value):
        items = [item.strip(_ITEM_STRIP) for item in _ITEM_SEP_RE.split(group)]
        names.extend(_expand_group([item for item in items if item]))
    return dedupe("".join(name.split()) for name in names)


@dataclass(frozen=True)
class Owners:
    """The names of one record, by role."""

    leaders: tuple[str, ...] = ()
    lead_units: tuple[str, ...] = ()
    units: tuple[str, ...] = ()  # 责任单位 and other unit fields
    partner_units: tuple[str, ...] = ()  # 配合单位, 协办单位, 配合部门


def field_role(name: str) -> str:
    """The :class:`Owners` field a record field or table column name fills:
    ``牵头领导`` -> leaders, ``牵头单位`` -> lead_units, ``配合单位`` -> partner_units,
    ``责任单位`` (and any other 单位/部门) -> units."""
    if _LEADER_FIELD_RE.search(name):
        return "leaders"
    if _LEAD_UNIT_FIELD_RE.search(name):
        return "lead_units"
    if _PARTNER_FIELD_RE.search(name):
        return "partner_units"
    return "units"


def parse_owners(body: str) -> Owners:
    """The names of a record body ``牵头领导：…；责任单位：…；配合单位：…`` by role."""
    fields: dict[str, list[str]] = {
        "leaders": [],
        "lead_units": [],
        "units": [],
        "partner_units": [],
    }
    matches = list(_FIELD_RE.finditer(body))
    for i, match in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        fields[field_role(match.group("name"))].extend(split_names(body[match.end() : stop]))
    return Owners(**{key: dedupe(names) for key, names in fields.items()})


def parse_record(body: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``(leaders, lead_units, units)`` of a record body ``牵头领导：…；责任单位：…``
    (配合单位 are in :func:`parse_owners`' ``partner_units``)."""
    owners = parse_owners(body)
    return owners.leaders, owners.lead_units, owners.units


# a record in verbs, clause by clause: （区发改局牵头，区财政局、各街道配合）, （市商务局负责）
_VERB_CLAUSE_RE = re.compile(
    r"^(?P<names>.+?)(?:按职责分工|按照职责分工|分别|共同)?"
    r"(?P<verb>牵头负责|牵头|主办|主责|负责|配合|协办|协助|参与)$"
)
_VERB_ROLES = {
    "牵头负责": "lead_units",
    "牵头": "lead_units",
    "主办": "lead_units",
    "主责": "lead_units",
    "负责": "units",
    "配合": "partner_units",
    "协办": "partner_units",
    "协助": "partner_units",
    "参与": "partner_units",
}
_UNITS_TAIL_RE = re.compile(r"等(?:部门|单位)?$")  # 区水务局等部门: the units named
# what a unit's name ends with, in a verb record (a person or a thing is no owner there)
_OWNER_END_RE = re.compile(r"(?:[局委办处所院队会部站馆厅科室组司心署行府]|部门|单位)$")


def parse_verb_record(body: str) -> Owners | None:
    """The names of a record written in verbs (``区发改局牵头，区财政局、各街道配合``):
    clauses of unit names, each run of them ending in their role (牵头 and 主办 lead,
    负责 is responsible, 配合, 协办 and 参与 assist); ``None`` when a clause names
    anything but units, the last has no role, or no unit leads or is responsible."""
    fields: dict[str, list[str]] = {key: [] for key in ("lead_units", "units", "partner_units")}
    pending: list[str] = []
    for clause in filter(None, (c.strip() for c in re.split(r"[，,；;]", body))):
        found = _VERB_CLAUSE_RE.match(clause)
        names = _UNITS_TAIL_RE.sub("", found.group("names") if found else clause)
        split = split_names(re.sub(r"以及|及", "、", names))
        if not split or not all(map(_OWNER_END_RE.search, split)):
            return None
        pending += split
        if found:
            fields[_VERB_ROLES[found.group("verb")]].extend(pending)
            pending = []
    if pending or not (fields["lead_units"] or fields["units"]):
        return None
    return Owners(**{key: dedupe(names) for key, names in fields.items()})
