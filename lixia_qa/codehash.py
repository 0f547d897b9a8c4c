"""A fingerprint of the code a result depends on: what a fitted model was fitted against.

:func:`code_hash` hashes named definitions (``"answer.features:FEATURES"``,
``"answer.answerer:Answerer.context"``) and every first-party module-level definition
they reach, across modules: a name a definition uses, a ``from m import x`` it came
from, a ``zh.X`` attribute of an imported module. What is hashed is each definition's
syntax tree without docstrings, type annotations, comments, formatting or line numbers,
so moving code or rewording a comment keeps the fingerprint and changing what the code
does changes it.
Only source files are read: nothing is imported, so any layer may fingerprint code
above it. Modules outside ``packages`` (the standard library, numpy, jieba) are not
followed; their versions are a separate matter.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

Reader = Callable[[str], str]  # module name -> its source text
Source = tuple[str, str | None]  # (module, attribute), or (module, None) for the module


@lru_cache(maxsize=256)
def source_path(module: str) -> Path | None:
    """The source file of ``module``, found from its top-level package's folder on
    ``sys.path`` (nothing is imported), or None."""
    top, *rest = module.split(".")
    spec = importlib.util.find_spec(top)
    if spec is None:
        return None
    if not spec.submodule_search_locations:
        return Path(spec.origin) if not rest and spec.origin else None
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*rest)
    candidates = (
        (path.with_suffix(".py"), path / "__init__.py") if rest else (path / "__init__.py",)
    )
    return next((c for c in candidates if c.is_file()), None)


def read_module(module: str) -> str:
    """The source text of ``module`` (read, not imported)."""
    path = source_path(module)
    if path is None:
        raise ModuleNotFoundError(f"no Python source for module {module!r}")
    return path.read_text(encoding="utf-8")


class _Normalise(ast.NodeTransformer):
    """Drops docstrings and type annotations (a changed type hint changes no result)."""

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.annotation = None
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        self.generic_visit(node)
        node.annotation = ast.Constant(None)
        return node

    def generic_visit(self, node: ast.AST) -> ast.AST:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            node.returns = None
        super().generic_visit(node)
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Module)
            and isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
        return node


@dataclass
class _Module:
    """One module's top-level definitions and where its imported names come from."""

    name: str
    defs: dict[str, list[ast.stmt]] = field(default_factory=dict)
    imported: dict[str, Source] = field(default_factory=dict)


def _targets(node: ast.stmt) -> list[str]:
    """The top-level names an assignment binds or changes (``X[k] = …`` changes X)."""
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        targets = [node.target]
    names = []
    for target in targets:
        for sub in ast.walk(target):
            base = sub
            while isinstance(base, ast.Subscript | ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name):
                names.append(base.id)
    return names


def _imports(node: ast.Import | ast.ImportFrom, packages: tuple[str, ...]) -> dict[str, Source]:
    """Local name -> (module, attribute or None for a module) of a first-party import."""
    out: dict[str, Source] = {}
    if isinstance(node, ast.ImportFrom):
        if node.module and not node.level and node.module.split(".")[0] in packages:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                source = (full, None) if source_path(full) else (node.module, alias.name)
                out[alias.asname or alias.name] = source
        return out
    for alias in node.names:
        if alias.name.split(".")[0] in packages and alias.asname:
            out[alias.asname] = (alias.name, None)
    return out


def _collect(mod: _Module, body: list[ast.stmt], packages: tuple[str, ...]) -> None:
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            mod.defs.setdefault(node.name, []).append(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            for name in _targets(node):
                mod.defs.setdefault(name, []).append(node)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            mod.imported.update(_imports(node, packages))
        elif isinstance(node, ast.If | ast.Try | ast.With):
            for part in ("body", "orelse", "finalbody"):
                _collect(mod, getattr(node, part, []), packages)


class _Graph:
    """Definitions reached from roots, module by module, parsed once each."""

    def __init__(self, read: Reader, packages: tuple[str, ...]) -> None:
        self.read = read
        self.packages = packages
        self.modules: dict[str, _Module] = {}

    def module(self, name: str) -> _Module:
        if name not in self.modules:
            tree = _Normalise().visit(ast.parse(self.read(name)))
            mod = _Module(name)
            _collect(mod, tree.body, self.packages)
            self.modules[name] = mod
        return self.modules[name]

    def uses(self, mod: _Module, node: ast.AST) -> Iterable[Source]:
        """(module, name) pairs ``node`` uses; name None: a whole module."""
        bases: set[int] = set()  # the `zh` of each zh.HAN
        for sub in ast.walk(node):
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
                source = mod.imported.get(sub.value.id)
                if source and source[1] is None:  # zh.HAN: one name of a module
                    bases.add(id(sub.value))
                    yield source[0], sub.attr
            elif isinstance(sub, ast.Name) and id(sub) not in bases:
                if sub.id in mod.defs:
                    yield mod.name, sub.id
                elif sub.id in mod.imported:
                    yield mod.imported[sub.id]


def _find(mod: _Module, qualname: str) -> list[ast.AST]:
    head, _, rest = qualname.partition(".")
    nodes: list[ast.AST] = list(mod.defs.get(head, []))
    for part in rest.split(".") if rest else []:
        nodes = [
            child
            for node in nodes
            for child in getattr(node, "body", [])
            if getattr(child, "name", None) == part
        ]
    if not nodes:
        raise LookupError(f"{mod.name} defines no {qualname!r}")
    return nodes


def reached(
    roots: Iterable[str], packages: Iterable[str], read: Reader = read_module
) -> dict[tuple[str, str], str]:
    """``(module, name)`` -> the dump of its definitions, for every definition ``roots``
    (``"module:qualname"``) reach through modules of the top-level ``packages``."""
    graph = _Graph(read, tuple(packages))
    out: dict[tuple[str, str], str] = {}
    todo: list[tuple[str, str, list[ast.AST]]] = []
    for root in roots:
        module, _, qualname = root.partition(":")
        todo.append((module, qualname, _find(graph.module(module), qualname)))
    while todo:
        module, name, nodes = todo.pop()
        if (module, name) in out:
            continue
        out[module, name] = "\n".join(ast.dump(n, include_attributes=False) for n in nodes)
        mod = graph.module(module)
        for node in nodes:
            for dep_module, dep in graph.uses(mod, node):
                key = (dep_module, dep or "*")
                if key in out:
                    continue
                dep_mod = graph.module(dep_module)
                if dep is None:
                    deps = [n for ns in dep_mod.defs.values() for n in ns]
                    todo.append((dep_module, "*", list(deps)))
                elif dep in dep_mod.defs:
                    todo.append((dep_module, dep, list(dep_mod.defs[dep])))
    return out


def code_hash(
    roots: Iterable[str],
    packages: Iterable[str],
    *,
    data: Iterable[object] = (),
    files: Iterable[Path] = (),
    read: Reader = read_module,
) -> str:
    """A hex digest of what ``roots`` reach in ``packages`` (see :func:`reached`), plus
    ``data`` (its ``repr``) and the bytes of ``files``."""
    digest = hashlib.sha256()
    for (module, name), dump in sorted(reached(roots, packages, read).items()):
        digest.update(f"{module}:{name}\n{dump}\n".encode())
    for item in data:
        digest.update(repr(item).encode())
    for path in sorted(files):
        digest.update(f"{Path(path).name}\n".encode())
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()
