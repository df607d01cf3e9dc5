"""The analysis runs in a resource-limited child; whatever a file does to it, the caller gets a
report or a reason code, never a crash (RELIABILITY A6)."""

from __future__ import annotations

import sys

import pytest

from portfolios.analysis import AnalysisError, AnalysisLimits, analyze_repository, isolation

from .repos import DOCUMENTED_TYPED, write_tree

MEGABYTE = 1024 * 1024
# ast.parse needs ~800 MB for these 0.9 MB of one-name statements.
MEMORY_HUNGRY = "a\n" * 450_000
# CPython 3.11 parses long f-strings in quadratic time: ~3 s of CPU for 180 kB.
CPU_HUNGRY = "x = f'" + "{a}" * 60_000 + "'\n"

CRASH_ON_FIRST_ATTEMPT = """
import json, os, runpy, signal, sys
request = json.load(open(sys.argv[1]))
if not request["skip"]:
    with open(request["progress_path"], "a") as progress:
        progress.write('parse\\t"boom.py"\\n')
    os.kill(os.getpid(), signal.SIGSEGV)
runpy.run_module("portfolios.analysis", run_name="__main__")
"""


def fake_child(monkeypatch, folder, script: str) -> None:
    """Replace the child's command by a script (kept outside the analyzed tree)."""
    path = folder / "fake_child.py"
    path.write_text(script)
    monkeypatch.setattr(isolation, "child_command", lambda request: [sys.executable, str(path), str(request)])


def test_the_isolated_child_returns_the_same_report_as_the_in_process_pass(tmp_path):
    write_tree(tmp_path, DOCUMENTED_TYPED)

    report = analyze_repository(tmp_path).report

    assert (report.docstrings.total, report.tests.test_functions, report.tutorial.tuning.count) == (10, 2, 1)


def test_a_file_that_makes_the_parser_use_gigabytes_becomes_a_memory_error_entry(tmp_path):
    write_tree(tmp_path, {"hungry.py": MEMORY_HUNGRY, "fine.py": "def f():\n    pass\n"})

    report = analyze_repository(tmp_path, AnalysisLimits(max_memory_bytes=300 * MEGABYTE)).report

    assert [(error.path, error.error.split(":")[0]) for error in report.parse_errors] == [
        ("hungry.py", "MemoryError")
    ]
    assert report.type_hints.functions == 1


def test_a_child_over_its_cpu_limit_is_an_analysis_resource_limit(tmp_path):
    write_tree(tmp_path, {"slow.py": CPU_HUNGRY})

    with pytest.raises(AnalysisError) as failure:
        analyze_repository(tmp_path, AnalysisLimits(max_cpu_seconds=1))

    assert failure.value.reason == "analysis_resource_limit"


def test_a_file_that_hangs_the_parser_is_recorded_and_the_rest_still_analyzed(tmp_path):
    write_tree(tmp_path, {"slow.py": CPU_HUNGRY, "fine.py": "def f():\n    pass\n"})

    report = analyze_repository(tmp_path, AnalysisLimits(max_file_seconds=0.5)).report

    assert [(error.path, error.error.split(":")[0]) for error in report.parse_errors] == [
        ("slow.py", "parse_timeout")
    ]
    assert (report.files.python, report.type_hints.functions) == (2, 1)


def test_a_child_killed_by_a_signal_mid_file_is_restarted_without_that_file(tmp_path, monkeypatch):
    write_tree(tmp_path / "repo", {"boom.py": "x = 1\n", "fine.py": "def f():\n    pass\n"})
    fake_child(monkeypatch, tmp_path, CRASH_ON_FIRST_ATTEMPT)

    report = analyze_repository(tmp_path / "repo").report

    assert [error.model_dump() for error in report.parse_errors] == [
        {"path": "boom.py", "error": "analyzer_crashed: killed by SIGSEGV"}
    ]
    assert report.type_hints.functions == 1


def test_a_child_that_crashes_outside_any_file_is_analyzer_crashed(tmp_path, monkeypatch):
    fake_child(monkeypatch, tmp_path, "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n")

    with pytest.raises(AnalysisError) as failure:
        analyze_repository(tmp_path)

    assert (failure.value.reason, failure.value.detail) == (
        "analyzer_crashed",
        "analyzer_crashed: killed by SIGSEGV",
    )


def test_a_child_past_the_wall_clock_budget_is_killed(tmp_path, monkeypatch):
    fake_child(monkeypatch, tmp_path, "import time\ntime.sleep(60)\n")
    monkeypatch.setattr(isolation, "STARTUP_GRACE_SECONDS", 0.2)

    with pytest.raises(AnalysisError) as failure:
        analyze_repository(tmp_path, AnalysisLimits(time_budget_seconds=0.3))

    assert failure.value.reason == "analysis_resource_limit"


def test_a_path_that_is_not_a_directory_is_refused_before_any_child_starts(tmp_path):
    with pytest.raises(AnalysisError) as failure:
        analyze_repository(tmp_path / "missing")

    assert failure.value.reason == "not_a_directory"


def test_the_child_gets_no_secret_from_the_workers_environment(monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_secret")

    environment = isolation.child_environment("/tmp/home")

    assert "GITHUB_TOKEN" not in environment
    assert set(environment) == {"PATH", "PYTHONPATH", "HOME", "LANG"}
