"""The portfolio report in plain language, one repository at a time, for the candidate page.

Pure: a ``PortfolioScore`` in, frozen values out. The report's optional parts (no functions, no
README) are typed as optional, so every kind of repository renders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.text import count
from portfolios.analysis import RepoReport
from portfolios.analysis.report import Occurrences
from portfolios.scoring import PortfolioScore, RepositoryOutcome, copied_share, readable_location

MAX_EVIDENCE = 5
MAX_LOCATIONS = 3
LONG_FUNCTION_LINES = 80


CHOSEN_BECAUSE = {
    "named": "Named by the candidate as a project to read first.",
    "pinned": "Pinned on their GitHub profile.",
    "newest": "Among their most recently changed Python and notebook work.",
}


@dataclass(frozen=True)
class RepositoryReport:
    full_name: str
    html_url: str
    status: str
    headline: str
    chosen: str = ""  # why this repository was read, when it was chosen
    findings: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def repository_reports(score: PortfolioScore | None) -> list[RepositoryReport]:
    return [repository_report(outcome) for outcome in score.repositories] if score else []


def repository_report(outcome: RepositoryOutcome) -> RepositoryReport:
    if outcome.status == "fork":
        fork_of = outcome.fork_of or "another project"
        return _report(outcome, headline=f"A fork of {fork_of}: not counted as own work.")
    if outcome.status == "copy":
        return _report(
            outcome,
            headline=f"A copy of {outcome.copy_of}: it does not count as the candidate's own work; "
            "ask about it.",
        )
    if outcome.status != "analyzed" or outcome.report is None:
        return _report(outcome, headline=outcome.reason or "Not analyzed.")
    report = outcome.report
    copied = copied_share(outcome)
    headline = (
        f"Analyzed: about {copied:.0%} of it repeats other code (see Copied code); the rest is the "
        "candidate's own."
        if outcome.near_copies
        else "Analyzed: the candidate's own project."
    )
    return _report(
        outcome,
        headline=headline,
        findings=[
            tests_sentence(report),
            docstrings_sentence(report),
            *notebook_sentences(report),
            *readiness_sentences(report),
            *tutorial_sentences(report),
        ],
        evidence=[
            f"No docstring: {readable_location(where)}" for where in report.docstrings.undocumented_public
        ][:MAX_EVIDENCE],
    )


def _report(
    outcome: RepositoryOutcome,
    *,
    headline: str,
    findings: list[str] | None = None,
    evidence: list[str] | None = None,
) -> RepositoryReport:
    return RepositoryReport(
        full_name=outcome.full_name,
        html_url=outcome.html_url,
        status=outcome.status,
        headline=headline,
        chosen=CHOSEN_BECAUSE.get(outcome.chosen or "", ""),
        findings=findings or [],
        evidence=evidence or [],
    )


def tests_sentence(report: RepoReport) -> str:
    functions, files = report.tests.test_functions, report.tests.test_files
    if not functions:
        return "No tests found."
    sentence = f"{count(functions, 'test function')} in {count(files, 'file')}"
    ci = report.tests.ci
    return sentence + (f", run automatically ({', '.join(ci)})." if ci else ", run by hand (no CI found).")


def docstrings_sentence(report: RepoReport) -> str:
    docs = report.docstrings
    if not docs.total:
        return "No functions or classes to document."
    missing = docs.undocumented_public_count
    return (
        f"{docs.documented} of {docs.total} functions and classes have docstrings; "
        f"{count(missing, 'public one')} without."
    )


def notebook_sentences(report: RepoReport) -> list[str]:
    notebooks = report.notebooks
    if not notebooks.notebooks:
        return []
    return [
        f"{count(notebooks.notebooks, 'notebook')} with {count(notebooks.code_cells, 'code cell')}; "
        f"markdown explains {notebooks.narrated_code_cells} of them."
    ]


def readiness_sentences(report: RepoReport) -> list[str]:
    """What someone running it would meet, in one or two sentences."""
    ready = report.readiness
    if ready is None:
        return []
    listed = ", ".join(ready.manifests) if ready.manifests else "no dependency list"
    version = f"Python {ready.python_version.detail}" if ready.python_version else "no Python version stated"
    sentences = [f"To run it: {listed}; {version}."]
    if ready.notebooks_checked:
        checked = count(ready.notebooks_checked, "notebook")
        sentences.append(f"{ready.notebooks_in_order} of {checked} ran top to bottom as saved.")
    return sentences


def tutorial_sentences(report: RepoReport) -> list[str]:
    tutorial = report.tutorial
    found: list[tuple[Occurrences, str]] = [
        (tutorial.tuning, "Hyperparameter search"),
        (tutorial.cross_validation, "Cross-validation"),
        (tutorial.configured_estimators, "Models set up with chosen settings"),
        (tutorial.toy_datasets, "Textbook toy data sets"),
    ]
    sentences = [
        f"{words} in {count(findings.count, 'place')} "
        f"({', '.join(item.location for item in findings.items[:MAX_LOCATIONS])})."
        for findings, words in found
        if findings.count
    ]
    longest = report.organization.longest_function
    if longest is not None and longest.lines >= LONG_FUNCTION_LINES:
        sentences.append(f"Longest function: {longest.location} ({longest.lines} lines).")
    return sentences
