"""No function of the product packages or the tools beside them runs over 60 lines.

ruff's complexity rules (C901, PLR091x, PLR0917 in pyproject.toml) bound branches,
statements and arguments; this bounds length, which they do not. A function's length
runs from its ``def`` (decorators excluded) to its last line, docstring included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "app",
    "lixia_qa",
    "ingest",
    "store",
    "retriever",
    "answer",
    "server",
    "ui",
    "eval",
    "learn",
)
MAX_LINES = 60


def long_functions(source: str, limit: int = MAX_LINES) -> list[tuple[str, int]]:
    """(qualified name, lines) of every function in ``source`` longer than ``limit``."""
    out: list[tuple[str, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = prefix
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}."
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (child.end_lineno or child.lineno) - child.lineno + 1
                if lines > limit:
                    out.append((name.rstrip("."), lines))
            visit(child, name)

    visit(ast.parse(source), "")
    return out


def test_the_check_finds_long_and_nested_functions() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(60))
    source = f"def short():\n    return 1\n\n\ndef long():\n{body}\n\n\nclass C:\n    def m(self):\n{body.replace('    ', '        ')}\n        def inner():\n{body.replace('    ', '            ')}\n"
    found = dict(long_functions(source))
    assert found == {"long": 61, "C.m": 122, "C.m.inner": 61}
    assert long_functions("def f():\n" + "\n".join(f"    y{i} = {i}" for i in range(59))) == []


@pytest.mark.parametrize("package", PACKAGES)
def test_no_function_over_60_lines(package: str) -> None:
    found = [
        f"{path.relative_to(ROOT)}: {name} ({lines} lines)"
        for path in sorted((ROOT / package).rglob("*.py"))
        for name, lines in long_functions(path.read_text(encoding="utf-8"))
    ]
    assert not found, "split these functions:\n" + "\n".join(found)
