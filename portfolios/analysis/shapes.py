"""Statement shapes, what near-copy fingerprints are made of: each statement's kind and name-free
features (how many targets, arguments and keyword arguments, which operator, what kind of
expression), with every identifier, attribute name and literal dropped, so renaming anything
changes nothing. Comments, blank lines and layout are not in the syntax tree, and docstrings are
skipped by the walk (`definitions.scan_module`), so rewriting them changes nothing either.

A shape is a tuple of node types, counts and (for imports) module names, with its expression's as
a tuple inside: cheap to build and to look up; its stable hash is made from the names once per
distinct shape and process.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

Shape = tuple[Any, ...]
# (stable hash of the statement's shape, first line, last line); a tuple, as it is made per statement.
Statement = tuple[int, int, int]


@dataclass
class Segments:
    """A module's statements cut where code can be moved as a block: each function or method (its
    ``def`` line and body) apart, and each stretch of code between definitions. K-grams never
    straddle a cut, so reordering functions breaks none of them, and each k-gram's lines are one
    stretch of the file (which the side-by-side view marks)."""

    all: list[list[Statement]] = field(default_factory=lambda: [[]])
    top: list[list[Statement]] = field(default_factory=list)  # the stretch top-level code adds to

    def __post_init__(self) -> None:
        self.top = [self.all[0]]

    def count(self) -> int:
        return sum(len(segment) for segment in self.all)

    def start(self) -> list[Statement]:
        segment: list[Statement] = []
        self.all.append(segment)
        return segment


def stable_hash(shape: Shape) -> int:
    """Python's own hash of a type or a string changes per process; this one is the same in every run.

    A shape may nest the shape of its expression; the words are those of the flattened tuple."""
    words = "|".join(part.__name__ if isinstance(part, type) else str(part) for part in _flattened(shape))
    return int.from_bytes(hashlib.blake2b(words.encode(), digest_size=7).digest(), "big")


def _flattened(shape: Shape) -> list[Any]:
    return [item for part in shape for item in (_flattened(part) if isinstance(part, tuple) else [part])]


def _value(node: ast.Expr | ast.Return | ast.AnnAssign) -> Shape:
    return (type(node), _expression(node.value))


def _assign(node: ast.Assign) -> Shape:
    return (ast.Assign, len(node.targets), _expression(node.value))


def _augmented(node: ast.AugAssign) -> Shape:
    return (ast.AugAssign, type(node.op), _expression(node.value))


def _test(node: ast.If | ast.While) -> Shape:
    return (type(node), bool(node.orelse), _expression(node.test))


def _loop(node: ast.For | ast.AsyncFor) -> Shape:
    return (type(node), _expression(node.iter))


def _with(node: ast.With | ast.AsyncWith) -> Shape:
    return (type(node), *[_expression(item.context_expr) for item in node.items])


def _function(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Shape:
    arguments = node.args
    count = len(arguments.posonlyargs) + len(arguments.args) + len(arguments.kwonlyargs)
    return (type(node), count, len(arguments.defaults), len(node.decorator_list))


def _class(node: ast.ClassDef) -> Shape:
    return (ast.ClassDef, len(node.bases), len(node.decorator_list))


def _import(node: ast.Import) -> Shape:
    return (ast.Import, *[alias.name for alias in node.names])


def _import_from(node: ast.ImportFrom) -> Shape:
    return (ast.ImportFrom, node.module, *[alias.name for alias in node.names])


def _raise(node: ast.Raise) -> Shape:
    return (ast.Raise, _expression(node.exc))


def _expression(node: ast.expr | None) -> Shape:
    """A shallow, name-free summary of an expression: its kind, and for a call what is called (a
    name, an attribute, another call) with how many arguments and keyword arguments."""
    kind = type(node)
    if kind is ast.Call:
        call = cast(ast.Call, node)
        return (ast.Call, type(call.func), len(call.args), len(call.keywords))
    if kind is ast.BinOp:
        binary = cast(ast.BinOp, node)
        return (ast.BinOp, type(binary.op), type(binary.left), type(binary.right))
    if kind is ast.Constant:
        return (ast.Constant, type(cast(ast.Constant, node).value))
    if kind is ast.Compare:
        return (ast.Compare, *map(type, cast(ast.Compare, node).ops))
    if kind is ast.BoolOp or kind is ast.UnaryOp:
        return (kind, type(cast(ast.BoolOp | ast.UnaryOp, node).op))
    if kind is ast.Subscript:
        subscript = cast(ast.Subscript, node)
        return (ast.Subscript, type(subscript.value), type(subscript.slice))
    return (kind,)


# How each kind of statement is described; any other kind is its type alone (pass, break, ...).
DESCRIBE: dict[type[ast.stmt], Callable[[Any], Shape]] = {
    ast.Expr: _value,
    ast.Return: _value,
    ast.AnnAssign: _value,
    ast.Assign: _assign,
    ast.AugAssign: _augmented,
    ast.If: _test,
    ast.While: _test,
    ast.For: _loop,
    ast.AsyncFor: _loop,
    ast.With: _with,
    ast.AsyncWith: _with,
    ast.FunctionDef: _function,
    ast.AsyncFunctionDef: _function,
    ast.ClassDef: _class,
    ast.Import: _import,
    ast.ImportFrom: _import_from,
    ast.Raise: _raise,
}
SHAPE_HASHES: dict[Shape, int] = {}  # shapes repeat: each distinct one is hashed once per process
