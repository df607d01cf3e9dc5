"""One iterative walk over a module's statements: its definitions, imports and assert statements.

Definitions can only appear as statements, so walking statement lists (never expressions) finds
every class and function the way interrogate's visitor does, at a fraction of a full AST walk.
An explicit stack, never recursion: hostile nesting cannot overflow Python's stack here.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Literal, cast

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
DefinitionNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
DEFINITION_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef})
# Statements that can hold neither a definition, an import nor an assert: skipped at once.
SIMPLE_TYPES = frozenset(
    {ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Pass, ast.Raise, ast.Delete}
    | {ast.Break, ast.Continue, ast.Global, ast.Nonlocal}
)
FUNCTION_TYPES = (ast.FunctionDef, ast.AsyncFunctionDef)
DefinitionKind = Literal["class", "function", "method", "nested_class", "nested_function"]


@dataclass(frozen=True, slots=True)
class Definition:
    node: DefinitionNode
    kind: DefinitionKind
    owner: DefinitionNode | None


@dataclass(slots=True)
class ModuleScan:
    definitions: list[Definition] = field(default_factory=list)
    imports: dict[str, int] = field(default_factory=dict)  # top-level package -> first line imported
    assert_statements: int = 0


def scan_module(tree: ast.Module) -> ModuleScan:
    scan = ModuleScan()
    pending: list[tuple[list[ast.stmt], DefinitionNode | None]] = [(tree.body, None)]
    while pending:
        body, owner = pending.pop()
        for statement in body:
            statement_type = type(statement)
            if statement_type in SIMPLE_TYPES:
                continue
            if statement_type in DEFINITION_TYPES:
                definition = cast(DefinitionNode, statement)
                scan.definitions.append(Definition(definition, _kind(definition, owner), owner))
                pending.append((definition.body, definition))
            elif statement_type is ast.Import or statement_type is ast.ImportFrom:
                _record_import(scan.imports, cast(ast.Import | ast.ImportFrom, statement))
            elif statement_type is ast.Assert:
                scan.assert_statements += 1
            else:
                pending.extend((block, owner) for block in _inner_blocks(statement))
    scan.definitions.sort(key=lambda definition: definition.node.lineno)
    return scan


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


def _inner_blocks(statement: ast.stmt) -> list[list[ast.stmt]]:
    """Statement lists nested in a compound statement (if/for/while/try/with/match)."""
    if isinstance(statement, ast.If | ast.For | ast.AsyncFor | ast.While):
        return [statement.body, statement.orelse]
    if isinstance(statement, ast.With | ast.AsyncWith):
        return [statement.body]
    if isinstance(statement, ast.Try | ast.TryStar):
        handlers = [handler.body for handler in statement.handlers]
        return [statement.body, *handlers, statement.orelse, statement.finalbody]
    if isinstance(statement, ast.Match):
        return [case.body for case in statement.cases]
    return []


def has_docstring(node: ast.Module | DefinitionNode) -> bool:
    """interrogate's rule: a docstring that is not only whitespace."""
    docstring = ast.get_docstring(node, clean=False)
    return docstring is not None and docstring.strip() != ""


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
