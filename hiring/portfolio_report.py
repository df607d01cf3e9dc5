"""The portfolio report in plain language, one repository at a time, for the candidate page.

Pure: the review's stored score JSON (``portfolios.scoring.PortfolioScore`` dumped) in, frozen
values out. Missing keys read as "nothing found", so an older or partial report still renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_EVIDENCE = 5
LONG_FUNCTION_LINES = 80


@dataclass(frozen=True)
class RepositoryReport:
    full_name: str
    html_url: str
    status: str
    headline: str
    findings: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def repository_reports(score: dict[str, Any] | None) -> list[RepositoryReport]:
    return [repository_report(outcome) for outcome in (score or {}).get("repositories", [])]


def repository_report(outcome: dict[str, Any]) -> RepositoryReport:
    base: dict[str, Any] = {
        "full_name": str(outcome.get("full_name", "")),
        "html_url": str(outcome.get("html_url") or ""),
        "status": str(outcome.get("status", "")),
    }
    status, report = base["status"], outcome.get("report") or {}
    if status == "fork":
        return RepositoryReport(
            **base,
            headline=f"A fork of {outcome.get('fork_of') or 'another project'}: not counted as own work.",
        )
    if status == "copy":
        return RepositoryReport(
            **base,
            headline=(
                f"A copy of {outcome.get('copy_of')}: it does not count as the candidate's own work; "
                "ask about it."
            ),
        )
    if status != "analyzed" or not report:
        return RepositoryReport(**base, headline=outcome.get("reason") or "Not analyzed.")
    return RepositoryReport(
        **base,
        headline="Analyzed: the candidate's own project.",
        findings=[tests_sentence(report), docstrings_sentence(report), *tutorial_sentences(report)],
        evidence=undocumented(report)[:MAX_EVIDENCE],
    )


def tests_sentence(report: dict[str, Any]) -> str:
    tests = report.get("tests", {})
    functions, files = tests.get("test_functions", 0), tests.get("test_files", 0)
    if not functions:
        return "No tests found."
    sentence = f"{functions} test function{_s(functions)} in {files} file{_s(files)}"
    ci = tests.get("ci") or []
    return sentence + (f", run automatically ({', '.join(ci)})." if ci else ", run by hand (no CI found).")


def docstrings_sentence(report: dict[str, Any]) -> str:
    docs = report.get("docstrings", {})
    total, documented = docs.get("total", 0), docs.get("documented", 0)
    if not total:
        return "No functions or classes to document."
    missing = docs.get("undocumented_public_count", 0)
    return (
        f"{documented} of {total} functions and classes have docstrings; "
        f"{missing} public one{_s(missing)} without."
    )


def tutorial_sentences(report: dict[str, Any]) -> list[str]:
    tutorial = report.get("tutorial", {})
    sentences = []
    for key, words in (
        ("tuning", "hyperparameter search"),
        ("cross_validation", "cross-validation"),
        ("configured_estimators", "model set up with chosen settings"),
        ("toy_datasets", "textbook toy data set"),
    ):
        findings = tutorial.get(key, {})
        if findings.get("count"):
            where = ", ".join(item["location"] for item in findings.get("items", [])[:3])
            sentences.append(f"{findings['count']} x {words} ({where}).")
    longest = (report.get("organization") or {}).get("longest_function")
    if longest and longest.get("lines", 0) >= LONG_FUNCTION_LINES:
        sentences.append(f"Longest function: {longest['location']} ({longest['lines']} lines).")
    return sentences


def undocumented(report: dict[str, Any]) -> list[str]:
    return [f"No docstring: {where}" for where in report.get("docstrings", {}).get("undocumented_public", [])]


def _s(n: int) -> str:
    return "" if n == 1 else "s"
