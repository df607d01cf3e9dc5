"""Near-copy fingerprints: winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003, the method
behind MOSS) over the statements of each Python file and notebook.

Each statement becomes a *shape*: its kind and name-free features (how many targets, arguments
and keyword arguments, which operator, what kind of expression), with every identifier, attribute
name and literal dropped, so renaming anything changes nothing. Comments, blank lines and layout
are not in the syntax tree, and docstrings are skipped, so rewriting them changes nothing either.
Every function is a segment of its own, as is the module's top-level code: K consecutive shapes
of a segment hash into a k-gram and, in each window of W k-grams, the smallest is kept. A shared
run of ``GUARANTEE`` statements always shares a fingerprint, functions can be reordered or moved
between files without breaking any, and new code breaks only the k-grams it touches.

The shapes come from the tree the analyzer already parsed, not from the ``tokenize`` module,
which on this machine costs about twice the parse itself; this pass costs about a quarter of it
(docs/analyzer.md has the figures). Nothing here runs or imports the code.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, cast

from portfolios.analysis.report import CodeFile, CodeIndex

K = 3  # statements per k-gram (the polynomial in _winnow_segment spells out three)
WINDOW = 4  # k-grams per winnowing window
GUARANTEE = K + WINDOW - 1  # a shared run of this many statements always shares a fingerprint
MAX_STORED_TEXT = 200_000  # bytes of one file kept for the side-by-side view
MAX_REPOSITORY_TEXT = 2_000_000  # bytes kept per repository; past it, fingerprints only
_MODULUS = (1 << 63) - 25  # a prime below 2**63: a k-gram hash fits a signed 64-bit column
_BASE = 1_000_003
_BASE_SQUARED = _BASE * _BASE


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


def statements(tree: ast.Module, *, line_offset: int = 0, into: Segments | None = None) -> Segments:
    """The module's statements in source order, each as its shape, walked without recursion.

    ``into`` adds to the segments of earlier cells of the same notebook: their top-level code runs
    as one script, so a stretch of it may continue from one cell into the next.
    """
    segments = into if into is not None else Segments()
    hashes = _SHAPE_HASHES
    # Each statement carries its stretch in a one-item holder: a definition inside a stretch ends
    # it, and what follows the definition starts a new one.
    pending: list[tuple[ast.stmt, list[list[Statement]]]] = list(
        zip(reversed(tree.body), repeat(segments.top))
    )
    while pending:
        node, holder = pending.pop()
        kind = type(node)
        if kind is ast.Expr and type(node.value) is ast.Constant:  # type: ignore[attr-defined]
            continue  # a docstring or a bare string: documentation, as free to rewrite as a comment
        describe = _DESCRIBE.get(kind)
        shape = describe(node) if describe is not None else (kind,)
        shape_hash = hashes.get(shape)
        if shape_hash is None:
            shape_hash = hashes[shape] = _stable_hash(shape)
        blocks = _BLOCKS.get(kind)
        if blocks is None:
            holder[0].append((shape_hash, node.lineno + line_offset, (node.end_lineno or 0) + line_offset))
            continue
        if kind in _MOVABLE:
            holder[0] = segments.start()  # the code after the definition
            holder = [segments.start()]  # the definition itself
        holder[0].append((shape_hash, node.lineno + line_offset, node.lineno + line_offset))
        for block in reversed(blocks(node)):
            pending.extend(zip(reversed(block), repeat(holder)))
    return segments


# A shape is a tuple of node types, counts and (for imports) module names: cheap to build and to
# look up; its stable hash is made from the names once per distinct shape.
Shape = tuple[Any, ...]


def shape_of(node: ast.stmt) -> Shape:
    """What survives renaming and reformatting: the statement kind plus name-free features."""
    describe = _DESCRIBE.get(type(node))
    return describe(node) if describe is not None else (type(node),)


def _value(node: ast.Expr | ast.Return | ast.AnnAssign) -> Shape:
    return (type(node), *_expression(node.value))


def _assign(node: ast.Assign) -> Shape:
    return (ast.Assign, len(node.targets), *_expression(node.value))


def _augmented(node: ast.AugAssign) -> Shape:
    return (ast.AugAssign, type(node.op), *_expression(node.value))


def _test(node: ast.If | ast.While) -> Shape:
    return (type(node), bool(node.orelse), *_expression(node.test))


def _loop(node: ast.For | ast.AsyncFor) -> Shape:
    return (type(node), *_expression(node.iter))


def _with(node: ast.With | ast.AsyncWith) -> Shape:
    return (type(node), *(part for item in node.items for part in _expression(item.context_expr)))


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
    return (ast.Raise, *_expression(node.exc))


_DESCRIBE: dict[type[ast.stmt], Callable[[Any], Shape]] = {
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
_SHAPE_HASHES: dict[Shape, int] = {}  # shapes repeat: each distinct one is hashed once per process


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


def winnow(segments: Segments) -> list[tuple[int, int, int]]:
    """(hash, first line, last line) of the k-grams winnowing keeps: the rightmost minimum per window."""
    kept: list[tuple[int, int, int]] = []
    for found in segments.all:
        if len(found) >= K:
            kept += _winnow_segment(found)
    return kept


def _winnow_segment(found: list[Statement]) -> list[tuple[int, int, int]]:
    shapes = [shape for shape, _, _ in found]
    # The k-gram hash, a polynomial in the K shapes (K = 3), spelled out: no loop per k-gram.
    grams = [
        (first * _BASE_SQUARED + second * _BASE + third) % _MODULUS
        for first, second, third in zip(shapes, shapes[1:], shapes[2:], strict=False)
    ]
    if len(grams) <= WINDOW:  # one window (most functions): its rightmost minimum
        smallest = min(grams)
        i = len(grams) - 1 - grams[::-1].index(smallest)
        return [(smallest, found[i][1], found[i + K - 1][2])]
    # Each window's rightmost minimum: (hash, -position) pairs compare smallest hash first, then
    # largest position; zip and min run in C, which matters at one window per statement.
    ranked = list(zip(grams, range(0, -len(grams), -1), strict=True))
    windows = zip(*(ranked[offset:] for offset in range(WINDOW)), strict=False)
    kept = dict.fromkeys(-position for _, position in map(min, windows))
    return [(grams[i], found[i][1], found[i + K - 1][2]) for i in kept]


@dataclass
class CodeIndexer:
    """Collects the fingerprints (and, within a cap, the text) of one repository's code files."""

    files: list[CodeFile] = field(default_factory=list)
    stored_text: int = 0
    text_truncated: bool = False

    def index(self) -> CodeIndex:
        return CodeIndex(files=self.files, text_truncated=self.text_truncated)

    def add_python(self, path: str, data: bytes, tree: ast.Module) -> None:
        """A parsed Python file; its bytes are decoded only if its text is kept."""
        self._add(path, "python", data, statements(tree), cells=[])

    def add_notebook(self, path: str, cells: Sequence[tuple[int, str, ast.Module | None]]) -> None:
        """A notebook's code cells as one script, each cell under an `# In[n]` line, as Jupyter exports it."""
        parts: list[str] = []
        found = Segments()
        starts: list[tuple[int, int]] = []
        line = 1
        for number, source, tree in cells:
            parts.append(f"# In[{number}]:\n{source.rstrip()}\n\n")
            starts.append((line, number))
            if tree is not None:
                statements(tree, line_offset=line, into=found)
            line += 1 + source.rstrip().count("\n") + 1 + 1
        self._add(path, "notebook", "".join(parts), found, cells=starts)

    def _add(
        self, path: str, kind: str, text: str | bytes, found: Segments, *, cells: list[tuple[int, int]]
    ) -> None:
        fingerprints = winnow(found)
        if not fingerprints:
            return
        keep = len(text) <= MAX_STORED_TEXT and self.stored_text + len(text) <= MAX_REPOSITORY_TEXT
        self.stored_text += len(text) if keep else 0
        self.text_truncated = self.text_truncated or not keep
        self.files.append(
            CodeFile.model_construct(  # built here from our own values: validating 1,000s of tuples is waste
                path=path,
                kind="notebook" if kind == "notebook" else "python",
                statements=found.count(),
                lines=(text.count("\n") if isinstance(text, str) else text.count(b"\n")) + 1,
                text=(text if isinstance(text, str) else text.decode("utf-8", "replace")) if keep else None,
                cells=cells,
                fingerprints=fingerprints,
            )
        )


def _body(node: Any) -> list[list[ast.stmt]]:
    return [node.body]


def _body_else(node: Any) -> list[list[ast.stmt]]:
    return [node.body, node.orelse]


def _try(node: ast.Try | ast.TryStar) -> list[list[ast.stmt]]:
    return [node.body, *(handler.body for handler in node.handlers), node.orelse, node.finalbody]


def _match(node: ast.Match) -> list[list[ast.stmt]]:
    return [case.body for case in node.cases]


_MOVABLE = frozenset({ast.FunctionDef, ast.AsyncFunctionDef})

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


def _stable_hash(shape: Shape) -> int:
    """Python's own hash of a type or a string changes per process; this one is the same in every run."""
    words = "|".join(part.__name__ if isinstance(part, type) else str(part) for part in shape)
    return int.from_bytes(hashlib.blake2b(words.encode(), digest_size=7).digest(), "big")
