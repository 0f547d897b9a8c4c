"""Task tables: .xlsx (openpyxl), old Excel .xls (xlrd), every sheet, and .csv, as
header-first rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

import openpyxl
import xlrd
from openpyxl.utils.exceptions import InvalidFileException

from ingest.readers.base import Extracted, UnreadableFileError, container
from ingest.readers.text import decode
from ingest.tables import format_table


def cell_text(value: Any) -> str:
    """A spreadsheet value as written: ``201.0`` -> ``201``, ``30.2`` stays, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _trim(rows: Iterable[Sequence[Any]]) -> list[list[str]]:
    """Rows as text with fully empty rows and columns dropped."""
    table = [[cell_text(v) for v in row] for row in rows]
    table = [row for row in table if any(c.strip() for c in row)]
    width = max((len(r) for r in table), default=0)
    keep = [j for j in range(width) if any(j < len(r) and r[j].strip() for r in table)]
    return [[r[j] if j < len(r) else "" for j in keep] for r in table]


def _has_rows(tables: list[list[list[str]]]) -> bool:
    return any(len(t) >= 2 for t in tables)


_MERGE_READ_MAX = 20 * 1024 * 1024  # a larger workbook is read streaming, merges unread


def _merged_rows(sheet: Any) -> list[list[Any]]:
    """A sheet's values with a cell merged down rows repeated in each of them (the rows
    of one merged group read as the first says); a merge across columns keeps the value
    in its first cell only."""
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    ranges = sheet.merged_cells.ranges if hasattr(sheet, "merged_cells") else ()
    for merged in ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if merged.max_row == merged.min_row or top >= len(rows) or left >= len(rows[top]):
            continue
        for r in range(top + 1, min(merged.max_row, len(rows))):
            if left < len(rows[r]):
                rows[r][left] = rows[top][left]
    return rows


def _book(sheets: list[tuple[str, list[list[Any]]]], kind: str) -> Extracted:
    """A workbook's sheets (title, rows): the sheet title (when there are several), then
    its rows as a table."""
    blocks: list[str] = []
    tables = []
    for title, rows in sheets:
        table = _trim(rows)
        if not table:
            continue
        tables.append(table)
        if len(sheets) > 1:
            blocks.append(title)
        blocks.append(format_table(table))
    if not _has_rows(tables):
        raise UnreadableFileError("empty: no sheet has a header and a row")
    return Extracted(text="\n\n".join(blocks), kind=kind)


def extract_xlsx(data: bytes, name: str) -> Extracted:
    """Every sheet of a workbook: the sheet name (when there are several) then its rows."""
    streaming = len(data) > _MERGE_READ_MAX
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=streaming, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFileError(f"not a readable .xlsx workbook ({exc})") from exc
    try:
        sheets = [(sheet.title, _merged_rows(sheet)) for sheet in book.worksheets]
    finally:
        book.close()
    return _book(sheets, "xlsx")


def _xls_value(book: Any, cell: Any) -> Any:
    """A cell of an old workbook as openpyxl would give it (dates as dates)."""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return None
    return cell.value


def _xls_rows(book: Any, sheet: Any) -> list[list[Any]]:
    """A sheet's values, a cell merged down rows repeated in each (as :func:`_merged_rows`)."""
    rows = [[_xls_value(book, c) for c in sheet.row(r)] for r in range(sheet.nrows)]
    for top, bottom, left, _ in sheet.merged_cells:
        for r in range(top + 1, min(bottom, len(rows))):
            if left < len(rows[r]) and top < len(rows) and left < len(rows[top]):
                rows[r][left] = rows[top][left]
    return rows


def extract_xls(data: bytes, name: str) -> Extracted:
    """Every sheet of an old Excel workbook (BIFF, Excel 97-2003), read as .xlsx is.

    Sites often export a table as a web page or a new workbook named ``.xls``: those
    are read as what they are."""
    if container(data) == "zip":
        return extract_xlsx(data, name)
    if container(data) == "markup":
        from ingest.readers import html

        return html.extract(data, name)
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError, ValueError, OSError, IndexError) as exc:
        raise UnreadableFileError(
            f"not a readable .xls workbook ({exc}); if Excel opens it, save it as .xlsx"
        ) from exc
    try:
        sheets = [
            (s.name, _xls_rows(book, s))
            for s in (book.sheet_by_index(i) for i in range(book.nsheets))
        ]
    finally:
        book.release_resources()
    return _book(sheets, "xls")


def extract_csv(data: bytes, name: str) -> Extracted:
    """A comma-, tab- or semicolon-separated table in any encoding :func:`decode` reads."""
    decoded = decode(data)
    if decoded is None:
        raise UnreadableFileError("not a text file (binary, or an encoding that does not decode)")
    text, encoding = decoded
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    table = _trim(csv.reader(io.StringIO(text), dialect))
    if len(table) < 2:
        raise UnreadableFileError("empty: a header and no rows")
    return Extracted(text=format_table(table), kind="csv", encoding=encoding)
