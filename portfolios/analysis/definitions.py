"""One iterative walk over a module's statements: its definitions, imports and assert statements,
and the shape of every statement, which near-copy fingerprints are made of (`shapes`).

Definitions can only appear as statements, so walking statement lists (never expressions) finds
every class and function the way interrogate's visitor does, at a fraction of a full AST walk.
One walk serves every metric: it is the analyzer's largest cost after the parse itself.
An explicit stack, never recursion: hostile nesting cannot overflow Python's stack here.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Literal, NamedTuple

from portfolios.analysis.shapes import DESCRIBE, SHAPE_HASHES, Segments, Statement, stable_hash

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
DefinitionNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
DEFINITION_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
FUNCTION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
DefinitionKind = Literal["class", "function", "method", "nested_class", "nested_function"]


class Definition(NamedTuple):  # a tuple: one is made per definition, and a tuple is made fastest
    node: DefinitionNode
    kind: DefinitionKind
    owner: DefinitionNode | None


@dataclass(slots=True)
class ModuleScan:
    shapes: Segments
    definitions: list[Definition] = field(default_factory=list)
    imports: dict[str, int] = field(default_factory=dict)  # top-level package -> first line imported
    assert_statements: int = 0


def scan_module(tree: ast.Module, *, line_offset: int = 0, into: Segments | None = None) -> ModuleScan:
    """Walk the module's statements in source order (so definitions come in line order).

    ``line_offset`` and ``into`` serve notebooks: a cell's lines are counted from its place in the
    script the code cells make, and its shapes add to the segments of earlier cells, whose
    top-level code runs as one script, so a stretch of it may continue from one cell into the next.
    """
    scan = ModuleScan(shapes=into if into is not None else Segments())
    segments, definitions, hashes = scan.shapes, scan.definitions, SHAPE_HASHES
    # Locals for what the loop looks up per statement: this loop is the analyzer's hottest.
    describe_of, blocks_of, expr, constant = DESCRIBE.get, _BLOCKS.get, ast.Expr, ast.Constant
    # A stack of statement iterators, one per open block, each with the stretch its statements add
    # to (in a one-item holder: a definition inside a stretch ends it, and what follows the
    # definition starts a new one) and the definition it is inside.
    stack: list[tuple[Iterator[ast.stmt], list[list[Statement]], DefinitionNode | None]] = [
        (iter(tree.body), segments.top, None)
    ]
    while stack:
        statements, holder, owner = stack[-1]
        for node in statements:
            kind = type(node)
            if kind is expr and type(node.value) is constant:  # type: ignore[attr-defined]
                continue  # a docstring or a bare string: documentation, as free to rewrite as a comment
            describe = describe_of(kind)
            shape = describe(node) if describe is not None else (kind,)
            shape_hash = hashes.get(shape)
            if shape_hash is None:
                shape_hash = hashes[shape] = stable_hash(shape)
            blocks = blocks_of(kind)
            if blocks is None:  # a simple statement
                end = node.end_lineno + line_offset  # type: ignore[operator]
                holder[0].append((shape_hash, node.lineno + line_offset, end))
                if kind is ast.Import or kind is ast.ImportFrom:
                    _record_import(scan.imports, node)  # type: ignore[arg-type]
                elif kind is ast.Assert:
                    scan.assert_statements += 1
                continue
            inside = owner
            if kind in DEFINITION_TYPES:
                definitions.append(_definition(Definition, (node, _kind(node, owner), owner)))  # type: ignore[arg-type]
                inside = node  # type: ignore[assignment]
                if kind is not ast.ClassDef:  # a function moves as a block: a segment of its own
                    holder[0] = segments.start()  # the code after the definition
                    holder = [segments.start()]  # the definition itself
            line = node.lineno + line_offset
            holder[0].append((shape_hash, line, line))
            stack.append((chain.from_iterable(blocks(node)), holder, inside))
            break  # into the block; this iterator resumes after it
        else:
            stack.pop()
    return scan


_definition = tuple.__new__  # builds a Definition in C, without NamedTuple's Python-level __new__


def _kind(node: DefinitionNode, owner: DefinitionNode | None) -> DefinitionKind:
    is_class = isinstance(node, ast.ClassDef)
    if owner is None:
        return "class" if is_class else "function"
    if is_class:
        return "nested_class"
    return "method" if isinstance(owner, ast.ClassDef) else "nested_function"


def _record_import(imports: dict[str, int], statement: ast.Import | ast.ImportFrom) -> None:
    if isinstance(statement, ast.Import):
        names = [alias.name for alias in statement.names]
    elif statement.level == 0 and statement.module:
        names = [statement.module]
    else:
        return  # a relative import: the repository's own code
    for name in names:
        imports.setdefault(name.split(".", 1)[0], statement.lineno)


def _body(node: Any) -> list[list[ast.stmt]]:
    return [node.body]


def _body_else(node: Any) -> list[list[ast.stmt]]:
    return [node.body, node.orelse]


def _try(node: ast.Try | ast.TryStar) -> list[list[ast.stmt]]:
    return [node.body, *(handler.body for handler in node.handlers), node.orelse, node.finalbody]


def _match(node: ast.Match) -> list[list[ast.stmt]]:
    return [case.body for case in node.cases]


# Statement lists nested in a compound statement, in source order.
_BLOCKS: dict[type[ast.stmt], Callable[[Any], list[list[ast.stmt]]]] = {
    ast.FunctionDef: _body,
    ast.AsyncFunctionDef: _body,
    ast.ClassDef: _body,
    ast.With: _body,
    ast.AsyncWith: _body,
    ast.If: _body_else,
    ast.For: _body_else,
    ast.AsyncFor: _body_else,
    ast.While: _body_else,
    ast.Try: _try,
    ast.TryStar: _try,
    ast.Match: _match,
}


def has_docstring(node: ast.Module | DefinitionNode) -> bool:
    """interrogate's rule (`ast.get_docstring`): a first statement that is a string, not only whitespace."""
    first = node.body[0] if node.body else None
    if type(first) is not ast.Expr:
        return False
    value = first.value
    return type(value) is ast.Constant and isinstance(value.value, str) and value.value.strip() != ""


def decorator_names(node: DefinitionNode) -> set[str]:
    """Last name of each decorator: `@staticmethod` and `@abc.abstractmethod` give their names."""
    names = set()
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Name):
            names.add(target.id)
        elif isinstance(target, ast.Attribute):
            names.add(target.attr)
    return names


def base_names(node: ast.ClassDef) -> set[str]:
    names = set()
    for base in node.bases:
        if isinstance(base, ast.Name):
            names.add(base.id)
        elif isinstance(base, ast.Attribute):
            names.add(base.attr)
    return names


def call_name(node: ast.Call) -> str | None:
    """`f(...)` and `a.b.f(...)` both give "f"."""
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def line_count(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
