"""Near-copy fingerprints: winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003, the method
behind MOSS) over the statement shapes of each Python file and notebook (`shapes`).

Every function is a segment of its own, as is the module's top-level code: K consecutive shapes
of a segment hash into a k-gram and, in each window of W k-grams, the smallest is kept. A shared
run of ``GUARANTEE`` statements always shares a fingerprint, functions can be reordered or moved
between files without breaking any, and new code breaks only the k-grams it touches.

The shapes come from the tree the analyzer already parsed, in the walk every metric shares
(`definitions.scan_module`), not from the ``tokenize`` module, which on this machine costs about
twice the parse itself (docs/analyzer.md has the figures). Nothing here runs or imports the code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from portfolios.analysis.report import CodeFile, CodeIndex, FileFacts
from portfolios.analysis.shapes import Segments, Statement

K = 3  # statements per k-gram (the polynomial in _winnow_segment spells out three)
WINDOW = 4  # k-grams per winnowing window (the four shifted lists in _winnow_segment)
GUARANTEE = K + WINDOW - 1  # a shared run of this many statements always shares a fingerprint
MAX_STORED_TEXT = 200_000  # bytes of one file kept for the side-by-side view
MAX_REPOSITORY_TEXT = 2_000_000  # bytes kept per repository; past it, fingerprints only
_shape_of = itemgetter(0)  # a statement's shape hash, taken in C
_MODULUS = (1 << 63) - 25  # a prime below 2**63: a k-gram hash fits a signed 64-bit column
_BASE = 1_000_003
_BASE_SQUARED = _BASE * _BASE


def winnow(segments: Segments) -> list[tuple[int, int, int]]:
    """(hash, first line, last line) of the k-grams winnowing keeps: the rightmost minimum per window."""
    kept: list[tuple[int, int, int]] = []
    for found in segments.all:
        if len(found) >= K:
            kept += _winnow_segment(found)
    return kept


def _winnow_segment(found: list[Statement]) -> list[tuple[int, int, int]]:
    shapes = list(map(_shape_of, found))
    # The k-gram hash, a polynomial in the K shapes (K = 3), spelled out: no loop per k-gram.
    grams = [
        (first * _BASE_SQUARED + second * _BASE + third) % _MODULUS
        for first, second, third in zip(shapes, shapes[1:], shapes[2:], strict=False)
    ]
    if len(grams) <= WINDOW:  # one window (most functions): its rightmost minimum
        smallest = min(grams)
        i = len(grams) - 1 - grams[::-1].index(smallest)
        return [(smallest, found[i][1], found[i + K - 1][2])]
    # Each window's rightmost minimum, found in C: each k-gram as one integer, its hash in the high
    # bits and its distance from the end in the low ones, so the smallest integer of a window is
    # its smallest hash and, among equal ones, the rightmost.
    last = len(grams) - 1
    shift = last.bit_length()
    keys = [(gram << shift) | (last - i) for i, gram in enumerate(grams)]
    mask = (1 << shift) - 1
    kept = dict.fromkeys(map(min, keys, keys[1:], keys[2:], keys[3:]))  # WINDOW = 4, in source order
    return [(grams[i], found[i][1], found[i + K - 1][2]) for i in (last - (key & mask) for key in kept)]


@dataclass(frozen=True)
class NotebookScript:
    """A notebook's code cells as one script, each under an `# In[n]:` line, as Jupyter exports it:
    what the side-by-side view shows, and the lines its fingerprints point at."""

    text: str
    cells: list[tuple[int, int]]  # (line of the cell's `# In[n]:` header, cell number)

    @classmethod
    def of(cls, cells: Sequence[tuple[int, str]]) -> NotebookScript:
        parts: list[str] = []
        starts: list[tuple[int, int]] = []
        line = 1
        for number, source in cells:
            code = source.rstrip()
            parts.append(f"# In[{number}]:\n{code}\n\n")
            starts.append((line, number))
            line += code.count("\n") + 3
        return cls(text="".join(parts), cells=starts)


@dataclass
class CodeIndexer:
    """Collects the fingerprints (and, within a cap, the text) of one repository's code files."""

    files: list[CodeFile] = field(default_factory=list)
    stored_text: int = 0
    text_truncated: bool = False
    text_from_cache: dict[str, str] = field(default_factory=dict)  # path -> cache key of its text

    def index(self) -> CodeIndex:
        return CodeIndex(files=self.files, text_truncated=self.text_truncated)

    def add(self, path: str, facts: FileFacts, key: str | None) -> None:
        """A parsed file; facts passed without their text (a cached file's) have it filled in later."""
        if not facts.fingerprints:
            return
        size = facts.text_length
        keep = size <= MAX_STORED_TEXT and self.stored_text + size <= MAX_REPOSITORY_TEXT
        self.stored_text += size if keep else 0
        self.text_truncated = self.text_truncated or not keep
        if keep and facts.text is None and key is not None:
            self.text_from_cache[path] = key
        self.files.append(
            CodeFile.model_construct(  # built here from our own values: validating 1,000s of tuples is waste
                path=path,
                kind=facts.kind,
                statements=facts.statements,
                lines=facts.code_lines,
                text=facts.text if keep else None,
                cells=facts.script_cells,
                fingerprints=facts.fingerprints,
            )
        )
