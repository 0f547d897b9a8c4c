"""The packages form layers: no import cycle between them, lazy imports included.

`lint-imports` (make lint) checks the declared order in pyproject.toml; this test reads
the same import graph (grimp, which also sees imports inside functions) and fails on any
cycle between top-level packages, naming the imports that close it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES: list[str] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]["root_packages"]


def package_edges(graph: grimp.ImportGraph) -> dict[tuple[str, str], list[str]]:
    """(importer package, imported package) -> example module imports."""
    edges: dict[tuple[str, str], list[str]] = {}
    for module in graph.modules:
        top = module.split(".")[0]
        for imported in graph.find_modules_directly_imported_by(module):
            other = imported.split(".")[0]
            if other != top and other in PACKAGES:
                edges.setdefault((top, other), []).append(f"{module} -> {imported}")
    return edges


def find_cycle(edges: dict[tuple[str, str], list[str]]) -> list[str] | None:
    """A cycle of packages as a list of names (first == last), or None."""
    succ: dict[str, list[str]] = {}
    for a, b in edges:
        succ.setdefault(a, []).append(b)
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in succ.get(node, []):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(succ):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_find_cycle_on_hand_made_graphs() -> None:
    assert find_cycle({("a", "b"): [], ("b", "c"): []}) is None
    assert find_cycle({("a", "b"): [], ("b", "c"): [], ("c", "a"): []}) == ["a", "b", "c", "a"]


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def test_no_cycle_between_packages(graph: grimp.ImportGraph) -> None:
    edges = package_edges(graph)
    cycle = find_cycle(edges)
    if cycle:
        steps = [f"{a} -> {b}: {edges[(a, b)][0]}" for a, b in zip(cycle, cycle[1:], strict=False)]
        pytest.fail("import cycle between packages:\n" + "\n".join(steps))


def test_lazy_imports_are_seen(graph: grimp.ImportGraph) -> None:
    # app.cli imports the ingest pipeline inside a function: the graph must hold it, or
    # the cycle check above would miss every lazy import
    assert "ingest.pipeline" in graph.find_modules_directly_imported_by("app.cli")


def test_product_never_imports_the_tools(graph: grimp.ImportGraph) -> None:
    product = ("ui", "server", "answer", "retriever", "ingest", "store", "lixia_qa")
    bad = [
        line
        for (a, b), lines in package_edges(graph).items()
        if a in product and b in ("eval", "learn", "app")
        for line in lines
    ]
    assert not bad, bad
