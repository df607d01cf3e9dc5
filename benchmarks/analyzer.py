"""Analyzer speed on a large real tree (Django's own source in the virtualenv, offline).

Prints, measured in the same run: the floor (read + bare `ast.parse` of every `.py` file, cyclic
GC off as in the analyzer; GC on shown too), interrogate 1.7.0 (docstrings only, in-process) and
the analyzer computing every metric, in-process and isolated in its resource-limited child. The
floor and the in-process analyzer run in turns, N times each, so a slow spell of the machine hits
both; their ratio is given for the best and for the median runs. Also checks interrogate parity.
Usage: python benchmarks/analyzer.py [TREE] [--repeat N]
"""

from __future__ import annotations

import argparse
import ast
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django
from interrogate.coverage import InterrogateCoverage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portfolios.analysis import AnalysisLimits, analyze_repository, analyze_tree


def python_files(root: Path) -> list[str]:
    return [
        str(Path(folder, name))
        for folder, _, names in os.walk(root)
        for name in names
        if name.endswith(".py")
    ]


def parse_floor(paths: list[str], *, collect_garbage: bool = True) -> int:
    """Read and parse every file, keeping nothing; optionally with the cyclic GC off, as the analyzer runs."""
    if not collect_garbage:
        gc.disable()
    try:
        for path in paths:
            with open(path, "rb") as handle:  # noqa: PTH123
                ast.parse(handle.read())
    finally:
        gc.enable()
    return len(paths)


def best_of(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    timings, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def in_turns(repeat: int, *works: Callable[[], Any]) -> list[list[float]]:
    """Each work run `repeat` times, in turns: the timings of each."""
    timings: list[list[float]] = [[] for _ in works]
    for _ in range(repeat):
        for work, spent in zip(works, timings, strict=True):
            started = time.perf_counter()
            work()
            spent.append(time.perf_counter() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tree", nargs="?", default=str(Path(django.__file__).parent))
    parser.add_argument("--repeat", type=int, default=9)
    options = parser.parse_args()
    root = Path(options.tree)
    paths = python_files(root)
    lines = sum(Path(path).read_bytes().count(b"\n") for path in paths)
    # Every metric but the credential scan, which is reported on its own line (issue 15).
    limits = AnalysisLimits(max_files=100_000, max_total_bytes=2**31, scan_credentials=False)
    with_credentials = limits.model_copy(update={"scan_credentials": True})
    floors, analyses = in_turns(
        options.repeat,
        lambda: parse_floor(paths, collect_garbage=False),
        lambda: analyze_tree(root, limits).report,
    )
    floor, in_process = min(floors), min(analyses)
    median_ratio = statistics.median(analyses) / statistics.median(floors)
    report = analyze_tree(root, limits).report
    repeat = max(options.repeat // 3, 1)
    floor_gc, _ = best_of(repeat, lambda: parse_floor(paths))
    interrogated, coverage = best_of(repeat, lambda: InterrogateCoverage(paths=[str(root)]).get_coverage())
    isolated, _ = best_of(repeat, lambda: analyze_repository(root, limits))
    scanned, scanned_report = best_of(repeat, lambda: analyze_tree(root, with_credentials).report)
    credentials = scanned_report.readiness.credentials.count if scanned_report.readiness else 0
    print(f"tree: {root} ({len(paths)} .py files, {lines:,} lines)")
    print(f"  floor: read + ast.parse, GC off   {floor:6.2f} s   1.00x floor (the analyzer runs with GC off)")
    print(f"  read + ast.parse, GC on           {floor_gc:6.2f} s   {floor_gc / floor:4.2f}x floor")
    print(f"  interrogate (docstrings only)     {interrogated:6.2f} s   {interrogated / floor:4.2f}x floor")
    print(
        f"  analyzer, in-process (all)        {in_process:6.2f} s   {in_process / floor:4.2f}x floor"
        f" (median runs: {median_ratio:4.2f}x; {options.repeat} turns)"
    )
    print(f"  analyzer, isolated child (all)    {isolated:6.2f} s   {isolated / floor:4.2f}x floor")
    print(
        f"  + credential scan (detect-secrets) {scanned - in_process:+6.2f} s   "
        f"{(scanned - in_process) / floor:4.2f}x floor ({credentials} found; in-process {scanned:.2f} s)"
    )
    print(f"  analyzer / interrogate            {isolated / interrogated:6.2f} (isolated)")
    print(f"  docstrings: interrogate {coverage.total} total / {coverage.covered} documented; ", end="")
    print(f"analyzer {report.docstrings.total} / {report.docstrings.documented}")


if __name__ == "__main__":
    main()
