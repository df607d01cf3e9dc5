"""Is one file a near-copy of another? The decision on two files' fingerprints, shared by the
copy index (portfolios/copies.py) and the benchmark that chose its thresholds (benchmarks/copies.py).

A pair is a near-copy when enough fingerprints are shared (one shared run of statements is an
idiom, not a copy) and they cover a large part of either file: most of the candidate's file came
from the other, or most of the other reappears inside a larger file of the candidate's.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

MIN_SHARED = 5  # distinct shared fingerprints: about a dozen statements in a row, or several runs
MIN_SHARE = 0.5  # of the candidate's file, or of the other file, that the shared fingerprints cover
# Winnowing keeps about one k-gram in three, so shared stretches are marked with the few lines
# between them (blank lines, a comment, the statements of a skipped k-gram) filled in.
MARK_GAP_LINES = 4

Fingerprint = tuple[int, int, int]  # (hash, first line, last line)


@dataclass(frozen=True)
class PairMatch:
    shared: int
    share_of_candidate: float  # of the candidate file's distinct fingerprints
    share_of_other: float  # of the other file's distinct fingerprints
    candidate_lines: tuple[int, int]  # first and last line of the shared code in each file
    other_lines: tuple[int, int]


def is_near_copy(shared: int, candidate_total: int, other_total: int) -> bool:
    """The one decision: ``shared`` distinct fingerprints out of each file's distinct total."""
    if shared < MIN_SHARED or not candidate_total or not other_total:
        return False
    return max(shared / candidate_total, shared / other_total) >= MIN_SHARE


def compare(
    candidate: Sequence[Fingerprint], other: Sequence[Fingerprint], *, ignored: Collection[int] = ()
) -> PairMatch | None:
    """The near-copy between two files, or None; ``ignored`` hashes are common idioms."""
    mine = {fingerprint[0] for fingerprint in candidate} - set(ignored)
    theirs = {fingerprint[0] for fingerprint in other} - set(ignored)
    shared = mine & theirs
    if not is_near_copy(len(shared), len(mine), len(theirs)):
        return None
    return PairMatch(
        shared=len(shared),
        share_of_candidate=round(len(shared) / len(mine), 3),
        share_of_other=round(len(shared) / len(theirs), 3),
        candidate_lines=_span(candidate, shared),
        other_lines=_span(other, shared),
    )


def _span(fingerprints: Sequence[Fingerprint], shared: set[int]) -> tuple[int, int]:
    lines = [(first, last) for gram, first, last in fingerprints if gram in shared]
    return min(first for first, _ in lines), max(last for _, last in lines)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class FileMatch(_Model):
    """Lines of a candidate's file that repeat lines of another repository's file."""

    path: str
    lines: tuple[int, int]
    other_path: str
    other_lines: tuple[int, int]
    share_of_other: float  # how much of the other file reappears
    share_of_candidate: float  # how much of the candidate's file it makes up
    cells: tuple[int, int] | None = None  # a notebook's first and last cell of the shared code
    other_cells: tuple[int, int] | None = None
    ranges: list[tuple[int, int]] = []  # the shared stretches themselves, within ``lines``
    other_ranges: list[tuple[int, int]] = []
    file_id: int | None = None  # the two CodeFile rows, for the side-by-side page
    other_file_id: int | None = None

    def place(self) -> str:
        """Where in the candidate's file, as a person finds it: "lines 12–88" or "cells 3–7"."""
        return _place(self.lines, self.cells)

    def other_place(self) -> str:
        return _place(self.other_lines, self.other_cells)


def _place(lines: tuple[int, int], cells: tuple[int, int] | None) -> str:
    if cells is not None:
        return f"cell {cells[0]}" if cells[0] == cells[1] else f"cells {cells[0]}–{cells[1]}"
    return f"line {lines[0]}" if lines[0] == lines[1] else f"lines {lines[0]}–{lines[1]}"


def merged(stretches: Sequence[tuple[int, int]], *, gap: int = 0) -> list[tuple[int, int]]:
    """(first, last) line ranges joined, in order, where at most ``gap`` lines lie between them."""
    joined: list[tuple[int, int]] = []
    for first, last in sorted(stretches):
        if joined and first <= joined[-1][1] + 1 + gap:
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    return joined


def cell_span(lines: tuple[int, int], cells: Sequence[Sequence[int]]) -> tuple[int, int] | None:
    """The notebook cells holding ``lines`` of its script (``cells``: first line, cell number)."""
    if not cells:
        return None

    def cell_of(line: int) -> int:
        return max((number for first, number in cells if first <= line), default=cells[0][1])

    return cell_of(lines[0]), cell_of(lines[1])


class NearCopy(_Model):
    """A candidate's repository near-copies another repository of the copy index."""

    kind: Literal["ours", "tutorial", "candidate"]
    repository: str  # the other repository (an applicant's is shown only to those who may see them)
    source_id: int  # the other CodeSource
    match_id: int | None = None  # the CodeMatch row
    share: float  # of the candidate repository's statements that repeat the other
    files: list[FileMatch]
