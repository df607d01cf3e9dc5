"""Hostile source files become parse errors or skipped files, never a crash (RELIABILITY A1-A5,
A7, W10, W11), and the analysis package keeps its boundary (no Django, no recursive visitor)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portfolios.analysis import AnalysisLimits, RepoReport

from .repos import analyze_files

PACKAGE = Path(__file__).resolve().parents[2] / "portfolios" / "analysis"


def errors_by_path(report: RepoReport) -> dict[str, str]:
    return {error.path: error.error for error in report.parse_errors}


def test_a1_a_nul_byte_makes_only_that_file_unparsable(tmp_path):
    report = analyze_files(tmp_path, {"nul.py": b"x = 1\x00\n", "fine.py": '"""Fine."""\n'})

    assert errors_by_path(report) == {"nul.py": "SyntaxError: source code string cannot contain null bytes"}
    assert report.docstrings.documented == 1


def test_a2_invalid_utf8_and_a_bogus_cookie_are_unparsable_while_latin1_and_bom_parse(tmp_path):
    files = {
        "invalid.py": b"x = '\xff\xfe'\n",
        "bogus.py": b"# coding: no-such-codec\nx = 1\n",
        "latin.py": b"# -*- coding: latin-1 -*-\nx = '\xe9'\n",
        "bom.py": b"\xef\xbb\xbfx = 1\n",
    }

    report = analyze_files(tmp_path, files)

    assert sorted(errors_by_path(report)) == ["bogus.py", "invalid.py"]
    assert report.files.python == 4


@pytest.mark.parametrize(
    ("source", "error"),
    [
        (b"-" * 100_000 + b"4", "MemoryError"),
        (b"+".join([b"1"] * 3000), "RecursionError"),
        (b"(" * 201 + b"1" + b")" * 201, "SyntaxError"),
        (
            b"".join(b" " * depth + b"if 1:\n" for depth in range(101)) + b" " * 101 + b"pass\n",
            "IndentationError",
        ),
        (b"(" * 100_000 + b")" * 100_000, "SyntaxError"),  # the "100,000-deep nested expression"
    ],
    ids=["unary-chain", "3000-term-chain", "201-parentheses", "101-indents", "100000-deep"],
)
def test_a3_parser_limits_become_parse_errors(tmp_path, source, error):
    report = analyze_files(tmp_path, {"hostile.py": source, "fine.py": "def f():\n    pass\n"})

    assert errors_by_path(report)["hostile.py"].startswith(error)
    assert report.type_hints.functions == 1


def test_a4_a_chain_that_parses_but_would_overflow_a_recursive_visitor_is_walked_iteratively(tmp_path):
    """999 nested BinOps overflow ast.NodeVisitor at the default recursion limit, the same failure
    mode as the issue's 1,000,000-term chain (which CPython 3.11 already refuses to parse, see A3).
    The chain sits in a test file that imports scikit-learn, so both expression walks visit it."""
    chain = "+".join(["1"] * 999)
    source = f"import sklearn\n\ndef test_chain():\n    assert {chain}\n    load_iris()\n"

    report = analyze_files(tmp_path, {"test_chain.py": source})

    assert report.parse_errors == []
    assert (report.tests.test_functions, report.tutorial.toy_datasets.count) == (1, 1)


def test_a4_no_module_of_the_analyzer_uses_a_recursive_node_visitor():
    sources = [path.read_text() for path in PACKAGE.glob("*.py")]

    assert not any("NodeVisitor" in source or "generic_visit" in source for source in sources)


def test_a5_python2_and_a_5000_digit_literal_are_unparsable(tmp_path):
    files = {"py2.py": "print 'hello'\n", "digits.py": "x = " + "1" * 5000 + "\n"}

    report = analyze_files(tmp_path, files)

    assert {path: error.split(":")[0] for path, error in errors_by_path(report).items()} == {
        "py2.py": "SyntaxError",
        "digits.py": "SyntaxError",
    }


def test_a7_hostile_names_round_trip_through_json(tmp_path):
    names = ["new\nline.py", "ansi\x1b[31mred.py", "bidi\u202egnp.py", "<img src=x onerror=alert(1)>.py"]
    files: dict[str, str | bytes] = {name: "def f():\n    pass\n" for name in names}
    files["bidi_identifier.py"] = "def \u202eevil():\n    pass\n"

    report = analyze_files(tmp_path, files)

    assert RepoReport.model_validate_json(report.model_dump_json()) == report
    evidence = json.loads(report.model_dump_json())["docstrings"]["undocumented_public"]
    assert sorted(evidence) == sorted(f"{name}:1:{what}" for name in names for what in ("<module>", "f"))
    assert "U+202E" in errors_by_path(report)["bidi_identifier.py"]


def test_w10_the_file_limit_truncates_the_analysis(tmp_path):
    """max_files=50 against 60 files takes the path of 5,000 against 20,000, in a fraction of the time."""
    files: dict[str, str | bytes] = {f"module_{index:02}.py": "x = 1\n" for index in range(60)}

    report = analyze_files(tmp_path, files, AnalysisLimits(max_files=50))

    assert (report.files.python, report.files.truncated, report.files.truncated_reason) == (
        50,
        True,
        "max_files",
    )
    assert report.files.skipped_count == 10


def test_w10_the_byte_budget_truncates_the_analysis(tmp_path):
    files: dict[str, str | bytes] = {f"module_{index}.py": "x = 1\n" * 100 for index in range(5)}

    report = analyze_files(tmp_path, files, AnalysisLimits(max_total_bytes=1500))

    assert (report.files.python, report.files.truncated_reason) == (2, "max_total_bytes")


def test_files_over_the_size_limit_are_skipped(tmp_path):
    report = analyze_files(tmp_path, {"big.py": "x = 1\n" * 200_000})

    assert [(item.path, item.reason) for item in report.files.skipped] == [("big.py", "too_large")]


def test_w11_symlinks_are_skipped_and_their_targets_never_read(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text('"""TOP-SECRET-CONTENT"""\n')
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "evil.py").symlink_to("/etc/passwd")
    (repo / "secret.py").symlink_to(outside / "secret.py")
    (repo / "linked_dir").symlink_to(outside)

    report = analyze_files(repo, {"README.md": "# Hi\n"})

    dumped = report.model_dump_json()
    assert "TOP-SECRET-CONTENT" not in dumped and "root:x:0:0" not in dumped
    assert {(item.path, item.reason) for item in report.files.skipped} == {
        ("evil.py", "symlink"),
        ("secret.py", "symlink"),
        ("linked_dir", "symlink"),
    }


def test_a_fifo_is_skipped_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")

    report = analyze_files(tmp_path, {})

    assert [(item.path, item.reason) for item in report.files.skipped] == [("pipe.py", "not_regular_file")]


def test_the_analysis_package_imports_nothing_from_django():
    probe = (
        "import sys, portfolios.analysis\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'rq', 'hiring', 'jobads'}))"
    )

    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "[]"


def test_a_repository_without_commits_gives_an_empty_report_not_a_crash(tmp_path):
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)

    report = analyze_files(tmp_path, {})

    assert (report.source, report.files.python, report.provenance.head_sha) == ("git_objects", 0, None)
    assert report.files.skipped[0].reason.startswith("unreadable repository")


def test_the_time_budget_stops_the_pass_with_a_partial_report(tmp_path):
    report = analyze_files(
        tmp_path, {"a.py": "x = 1\n", "b.py": "y = 2\n"}, AnalysisLimits(time_budget_seconds=1e-6)
    )

    assert (report.files.truncated, report.files.truncated_reason) == (True, "time_budget")
    assert {item.reason for item in report.files.skipped} == {"time_budget"}
