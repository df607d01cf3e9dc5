"""Analyzer speed on a large real tree (Django's own source in the virtualenv, offline).

Prints, measured in the same run: the floor (read + bare `ast.parse` of every `.py` file, cyclic
GC off as in the analyzer; GC on shown too), interrogate 1.7.0 (docstrings only, in-process) and
the analyzer computing every metric, in-process and isolated in its resource-limited child. The
floor and the in-process analyzer run in turns, N times each, so a slow spell of the machine hits
both; their ratio is given for the best and for the median runs. Also checks interrogate parity.

Then the analysis cache (issue 17): the same tree committed to a packed git clone, analyzed cold and
then with every file's facts known (as a review of a portfolio whose files were all seen before
gets them, validated from JSON as the child receives them), in turns with the floor; the warm
report is checked equal to the cold one.
Usage: python benchmarks/analyzer.py [TREE] [--repeat N]
"""

from __future__ import annotations

import argparse
import ast
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django
from interrogate.coverage import InterrogateCoverage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pydantic import TypeAdapter

from portfolios.analysis import Analysis, AnalysisLimits, FileFacts, analyze_repository, analyze_tree

FACTS = TypeAdapter(dict[str, FileFacts])


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


def reanalysis(root: Path, paths: list[str], limits: AnalysisLimits, repeat: int) -> None:
    """Cold and all-known analyses of the tree as a clone, against the parse floor of its files."""
    with tempfile.TemporaryDirectory(prefix="bench-reanalysis-") as scratch:
        clone = committed_clone(root, Path(scratch))
        cold = analyze_tree(clone, limits, keep_facts=True)
        wire = FACTS.dump_json(
            {key: facts.model_copy(update={"text": None}) for key, facts in cold.facts.items()}
        )
        texts = {key: facts.text for key, facts in cold.facts.items()}
        known = FACTS.validate_json(wire)
        floors, colds, warms = in_turns(
            repeat,
            lambda: parse_floor(paths, collect_garbage=False),
            lambda: analyze_tree(clone, limits),
            lambda: analyze_tree(clone, limits, known=known),
        )
        warm = analyze_tree(clone, limits, known=known).with_cached_text(texts)
        same = _without_timing(warm) == _without_timing(cold.model_copy(update={"facts": {}}))
        validated, _ = best_of(repeat, lambda: FACTS.validate_json(wire))
        isolated_cold, _ = best_of(max(repeat // 3, 1), lambda: analyze_repository(clone, limits))
        isolated_warm, _ = best_of(
            max(repeat // 3, 1), lambda: analyze_repository(clone, limits, known=known)
        )
    floor = min(floors)
    median = statistics.median(warms) / statistics.median(floors)
    print(f"re-analysis of the tree as a clone: {len(cold.facts)} files cached ({len(wire) // 1024} KB)")
    print(f"  floor: read + ast.parse, GC off   {floor:6.3f} s   1.00x floor")
    print(f"  cold, in-process                  {min(colds):6.3f} s   {min(colds) / floor:4.2f}x floor")
    print(
        f"  every file known, in-process      {min(warms):6.3f} s   {min(warms) / floor:4.2f}x floor"
        f" (median runs: {median:4.2f}x; {repeat} turns)"
    )
    print(f"  + reading the facts from JSON     {validated:6.3f} s   {validated / floor:4.2f}x floor")
    print(f"  cold, isolated child              {isolated_cold:6.3f} s   {isolated_cold / floor:4.2f}x floor")
    print(f"  every file known, isolated child  {isolated_warm:6.3f} s   {isolated_warm / floor:4.2f}x floor")
    print(f"  report equal to the cold run's: {'yes' if same else 'NO'}")


def committed_clone(tree: Path, scratch: Path) -> Path:
    """The tree committed once, then cloned bare over file:// so its objects are packed as a clone's."""
    work, clone = scratch / "work", scratch / "clone.git"
    shutil.copytree(tree, work, ignore=shutil.ignore_patterns("__pycache__"))
    environment = {"PATH": os.environ["PATH"], "HOME": str(scratch), "GIT_CONFIG_NOSYSTEM": "1"}
    environment |= {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
    environment |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    for command in (["init", "-q"], ["add", "--all"], ["commit", "-q", "-m", "tree"]):
        subprocess.run(["git", "-C", str(work), *command], check=True, env=environment)
    subprocess.run(
        ["git", "clone", "-q", "--bare", f"file://{work}", str(clone)], check=True, env=environment
    )
    return clone


def _without_timing(analysis: Analysis) -> dict[str, Any]:
    data = analysis.model_dump(mode="json")
    data["report"].pop("seconds")
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tree", nargs="?", default=str(Path(django.__file__).parent))
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--reanalysis-only", action="store_true", help="only the analysis cache's figures")
    options = parser.parse_args()
    root = Path(options.tree)
    paths = python_files(root)
    # Every metric but the credential scan, which is reported on its own line (issue 15).
    limits = AnalysisLimits(max_files=100_000, max_total_bytes=2**31, scan_credentials=False)
    if options.reanalysis_only:
        reanalysis(root, paths, limits, options.repeat)
        return
    lines = sum(Path(path).read_bytes().count(b"\n") for path in paths)
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
    reanalysis(root, paths, limits, options.repeat)


if __name__ == "__main__":
    main()
