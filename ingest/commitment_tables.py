"""Commitments from task tables: the rows of a table whose columns name who is responsible.

A table (:class:`~lixia_qa.types.Table`, rows written as labelled text by
:mod:`ingest.table_records`) is a task table when a column names a responsible leader,
lead unit or responsible unit (:data:`OWNER_COLUMN_RE`): 牵头领导, 责任领导, 分管领导,
区级领导, 牵头单位, 牵头部门, 主责单位, 责任单位, 责任部门, 实施单位, 配合单位, 协办单位 and
the like. A contact column (联系人, 联系电话) never names an owner, nor does a unit column
that only says where something is (单位, 招聘单位, 主管部门): a recruitment table gives
no commitments. 责任人/负责人 columns add leaders to a task table but do not make one.

Each data row is one commitment: its task is the row's other cells (序号, deadline and
progress columns aside), ``start`` is the first task value, ``record_start`` the ``；``
before the label of the first owner cell, ``end`` the row's end; ``deadline`` keeps a 完成时限 column and
``progress`` the progress columns (``截至6月底完成情况：…``), labelled.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.owners import dedupe, split_names
from ingest.table_records import FIELD_SEP, LABEL_SEP
from lixia_qa.types import Commitment, Table, TableRow

# the level or body a column's owners belong to: 县级, 区政府 (区政府分管领导)
_LEVEL = r"(?:[省市州区县旗乡镇](?:级|(?:人民)?政府)?)?"
OWNER_COLUMN_RE = re.compile(
    rf"^{_LEVEL}(?P<leaders>(?:牵头|责任|分管|包保|包联|联系|挂帅|督导|主责)?{_LEVEL}领导(?:同志)?)$"
    r"|^(?P<lead_units>(?:牵头|主责|主办)(?:责任|负责)?(?:单位|部门|处室|科室))$"
    r"|^(?P<units>(?:责任|实施|承办|落实|具体负责)(?:单位|部门|主体|处室|科室))$"
    r"|^(?P<partner_units>(?:配合|协办|协助|协同|参与)(?:单位|部门|处室|科室))$"
)
_PERSON_COLUMN_RE = re.compile(r"^(?:责任人|负责人)$")
_INDEX_COLUMN_RE = re.compile(r"^(?:序号|编号|序|No\.?|NO\.?|#)$", re.I)
_PROGRESS_COLUMN_RE = re.compile(r"截至|完成情况|进展情况|推进情况|落实情况|工作进展|进度|实施情况")
_DEADLINE_COLUMN_RE = re.compile(r"时限|完成时间|时间节点|截止时间|完成期限")
_CONTACT_COLUMN_RE = re.compile(r"联系人|联系电话|电话|手机|邮箱|备注")
OWNER_ROLES = ("leaders", "lead_units", "units", "partner_units")


def column_role(name: str) -> str:
    """The role of a column: an owner role (:data:`OWNER_ROLES`), ``"person"``
    (责任人, 负责人), ``"index"``, ``"progress"``, ``"deadline"``, ``"contact"`` or
    ``"task"``."""
    name = "".join(name.split())
    owner = OWNER_COLUMN_RE.match(name)
    if owner:
        return next(role for role in OWNER_ROLES if owner.group(role))
    for role, rx in (
        ("person", _PERSON_COLUMN_RE),
        ("index", _INDEX_COLUMN_RE),
        ("progress", _PROGRESS_COLUMN_RE),
        ("deadline", _DEADLINE_COLUMN_RE),
        ("contact", _CONTACT_COLUMN_RE),
    ):
        if rx.search(name):
            return role
    return "task"


def column_roles(header: tuple[str, ...]) -> list[str]:
    """:func:`column_role` of each column, a person column read as ``"leaders"``."""
    return ["leaders" if r == "person" else r for r in map(column_role, header)]


def is_task_table(columns: tuple[str, ...]) -> bool:
    """A column names a responsible leader or unit (责任人 alone does not)."""
    return any(column_role(c) in OWNER_ROLES for c in columns)


def _label_start(text: str, table: Table, i: int, value_start: int) -> int:
    """Where cell ``i``'s label starts, with the ``；`` before it (its value when it has
    no label)."""
    label = table.columns[i] + LABEL_SEP if table.columns[i] else ""
    start = value_start - len(label)
    if text[start:value_start] != label:
        return value_start
    return start - 1 if start > 0 and text[start - 1] == FIELD_SEP else start


def _row_commitment(
    doc_id: str,
    text: str,
    table: Table,
    row: TableRow,
    headings_at: Callable[[int], tuple[str, ...]] | None,
) -> Commitment | None:
    roles = column_roles(table.columns)
    names: dict[str, list[str]] = {role: [] for role in OWNER_ROLES}
    task_cells: list[tuple[int, int]] = []
    owner_starts: list[int] = []
    deadline, progress = "", []
    for i, (a, b) in enumerate(row.cells[: len(roles)]):
        value, role = text[a:b], roles[i]
        if not value:
            continue
        if role in names:
            names[role].extend(split_names(value))
            owner_starts.append(_label_start(text, table, i, a))
        elif role == "task":
            task_cells.append((a, b))
        elif role == "deadline":
            deadline = value
        elif role == "progress":
            progress.append(f"{table.columns[i]}{LABEL_SEP}{value}")
    if not task_cells or not owner_starts:
        return None
    start, record_start = task_cells[0][0], min(owner_starts)
    if record_start > start:
        task = text[start:record_start].rstrip(FIELD_SEP)
    else:
        task = FIELD_SEP.join(text[a:b] for a, b in task_cells)
    return Commitment(
        commitment_id=f"{doc_id}@{start}",
        doc_id=doc_id,
        task=task,
        leaders=dedupe(names["leaders"]),
        lead_units=dedupe(names["lead_units"]),
        units=dedupe(names["units"]),
        start=start,
        end=row.end,
        headings=tuple(headings_at(start)) if headings_at else (),
        record_start=record_start,
        partner_units=dedupe(names["partner_units"]),
        deadline=deadline,
        progress=FIELD_SEP.join(progress),
    )


def table_commitments(
    doc_id: str,
    text: str,
    tables: tuple[Table, ...],
    headings_at: Callable[[int], tuple[str, ...]] | None = None,
) -> list[Commitment]:
    """One commitment per data row of every task table of ``tables``, in order."""
    found: list[Commitment] = []
    for table in tables:
        if not is_task_table(table.columns):
            continue
        for row in table.rows:
            item = _row_commitment(doc_id, text, table, row, headings_at)
            if item is not None:
                found.append(item)
    return found
