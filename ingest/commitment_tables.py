"""Commitments from task tables: rows under a header with owner columns.

A table (rows written by :func:`ingest.tables.format_table`) is a task table when a
header cell names an owner field: 牵头领导/责任领导 (leaders), 牵头单位/牵头部门
(lead units), 责任单位/责任部门 (units), 配合单位 (partner units). Each row is one
commitment: its task is the row's other cells (序号 and 完成时限 columns aside), ``start``
is the first task cell, ``record_start`` the first owner cell, ``end`` the row's end, so
``text[start:end]`` is the row as it reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.owners import FIELD_NAME, dedupe, field_role, split_names
from ingest.tables import CELL_SEP, Row, find_tables
from lixia_qa.types import Commitment

_OWNER_COLUMN_RE = re.compile(rf"^(?:{FIELD_NAME}|[^\s|]{{0,4}}(?:领导|单位|部门))$")
_INDEX_COLUMN_RE = re.compile(r"^(?:序号|编号|序|No\.?|NO\.?|#)$", re.I)
_DEADLINE_COLUMN_RE = re.compile(r"时限|完成时间|时间节点|截止时间|完成期限")


def column_roles(header: tuple[str, ...]) -> list[str]:
    """The role of each column: an owner role (see :func:`ingest.owners.field_role`),
    ``"index"``, ``"deadline"`` or ``"task"``."""
    roles = []
    for name in header:
        name = "".join(name.split())
        if _INDEX_COLUMN_RE.match(name):
            roles.append("index")
        elif _DEADLINE_COLUMN_RE.search(name):
            roles.append("deadline")
        elif _OWNER_COLUMN_RE.match(name):
            roles.append(field_role(name))
        else:
            roles.append("task")
    return roles


def _row_commitment(
    doc_id: str,
    text: str,
    row: Row,
    roles: list[str],
    headings_at: Callable[[int], tuple[str, ...]] | None,
) -> Commitment | None:
    names: dict[str, list[str]] = {
        "leaders": [],
        "lead_units": [],
        "units": [],
        "partner_units": [],
    }
    task_cells: list[int] = []
    owner_starts: list[int] = []
    deadline = ""
    for i, cell in enumerate(row.cells[: len(roles)]):
        if not cell:
            continue
        role = roles[i]
        if role in names:
            names[role].extend(split_names(cell))
            owner_starts.append(row.cell_starts[i])
        elif role == "task":
            task_cells.append(i)
        elif role == "deadline":
            deadline = cell
    if not task_cells or not owner_starts:
        return None
    start = row.cell_starts[task_cells[0]]
    record_start = min(owner_starts)
    if record_start > start:
        task = text[start:record_start].rstrip(" |")
    else:
        task = CELL_SEP.join(row.cells[i] for i in task_cells)
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
    )


def table_commitments(
    doc_id: str, text: str, headings_at: Callable[[int], tuple[str, ...]] | None = None
) -> list[Commitment]:
    """One commitment per row of every task table in ``text``, in order."""
    found: list[Commitment] = []
    for table in find_tables(text):
        roles = column_roles(table.header)
        if not any(role in ("leaders", "lead_units", "units", "partner_units") for role in roles):
            continue
        for row in table.rows:
            item = _row_commitment(doc_id, text, row, roles, headings_at)
            if item is not None:
                found.append(item)
    return found
