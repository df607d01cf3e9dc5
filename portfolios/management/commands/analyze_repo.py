"""`manage.py analyze_repo PATH_OR_GIT_URL [--json]`: analyze one repository from the shell.

A readable summary by default, the whole RepoReport as JSON with --json. Exit 0 with a report;
2 with one line on unusable input (not a directory, not an allowed repository URL); 1 when a
usable input could not be cloned or analyzed (timeout, size cap, integrity, resource limits).
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from portfolios.analysis import AnalysisError, AnalysisLimits, RepoReport, analyze_repository
from portfolios.clone import CloneError, CloneLimits, temporary_clone

EXIT_FAILED = 1
EXIT_UNUSABLE_INPUT = 2
UNUSABLE_CLONE_REASONS = {"invalid_url", "transport_not_allowed"}
# scheme://..., a git remote helper (ext::...) or scp-like user@host:path: meant as a URL, not a path.
URL_LIKE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|[A-Za-z0-9+.-]+::|[^/\s]+@[^/\s]+:)")


class Command(BaseCommand):
    help = "Analyze one repository (a local directory or a git URL) and print its report."
    requires_system_checks: list[str] = []  # reads no model or URL: usable while the site is broken

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("target", metavar="PATH_OR_GIT_URL")
        parser.add_argument("--json", action="store_true", help="print the whole RepoReport as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        target: str = options["target"]
        try:
            report = analyze_target(target)
        except CloneError as error:
            code = EXIT_UNUSABLE_INPUT if error.reason in UNUSABLE_CLONE_REASONS else EXIT_FAILED
            raise CommandError(printable(f"{error.reason}: {error.detail}"), returncode=code) from None
        except AnalysisError as error:
            code = EXIT_UNUSABLE_INPUT if error.reason == "not_a_directory" else EXIT_FAILED
            raise CommandError(printable(f"{error.reason}: {error.detail}"), returncode=code) from None
        self.stdout.write(report.model_dump_json(indent=2) if options["json"] else summary(report))


def analysis_limits() -> AnalysisLimits:
    return AnalysisLimits(
        max_file_bytes=settings.ANALYSIS_MAX_FILE_BYTES,
        time_budget_seconds=settings.ANALYSIS_TIME_BUDGET_SECONDS,
        max_memory_bytes=settings.ANALYSIS_MAX_MEMORY_BYTES,
    )


def analyze_target(target: str) -> RepoReport:
    if not URL_LIKE.match(target):
        return analyze_repository(target, analysis_limits()).report
    with temporary_clone(target, CloneLimits.from_settings()) as clone:
        return analyze_repository(clone.path, analysis_limits()).report


def printable(text: str) -> str:
    """Control, bidi and other invisible characters shown as escapes, so a path cannot fake output."""
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii") for char in text
    )


def summary(report: RepoReport) -> str:
    docs, hints, tests, files = report.docstrings, report.type_hints, report.tests, report.files
    organization, provenance, notebooks = report.organization, report.provenance, report.notebooks
    notebook_docs, notebook_hints = notebooks.docstrings, notebooks.type_hints
    lines = [
        f"Files: {files.python} Python, {files.notebooks} notebooks, {files.skipped_count} skipped"
        + (f" (truncated: {files.truncated_reason})" if files.truncated else ""),
        f"Docstrings: {docs.documented}/{docs.total} in .py files ({docs.coverage}%);"
        f" {notebook_docs.documented}/{notebook_docs.total} in notebooks ({notebook_docs.coverage}%)",
        f"Type hints: {hints.fully_annotated}/{hints.functions} fully annotated in .py files"
        f" ({hints.coverage}%); {notebook_hints.fully_annotated}/{notebook_hints.functions} in notebooks",
        f"Tests: {tests.test_functions} tests in {tests.test_files} files, {tests.assertions} assertions;"
        f" CI: {', '.join(tests.ci) or 'none'}",
        f"Code: {organization.modules} modules, {organization.classes} classes,"
        f" {organization.functions} functions",
        f"README: {organization.readme.path if organization.readme else 'none'};"
        f" licence: {organization.license_kind or organization.license or 'none'}",
        f"Notebooks: {notebooks.notebooks} with {notebooks.code_cells} code cells"
        f" ({notebooks.functions} functions, {notebooks.classes} classes),"
        f" {notebooks.markdown_cells} markdown cells, {notebooks.narrated_code_cells} code cells explained",
        f"Role signals: data science {report.role_signals.data_science_weight:g},"
        f" ML engineering {report.role_signals.ml_engineering_weight:g}",
        *readiness_lines(report),
        f"HEAD: {provenance.head_sha or 'not a git repository'};"
        f" root commits: {', '.join(provenance.root_commits) or 'unknown'}",
    ]
    lines += [f"Skipped {item.path}: {item.reason}" for item in files.skipped[:20]]
    lines += [f"Parse error {item.path}: {item.error}" for item in report.parse_errors[:20]]
    return "\n".join(printable(line) for line in lines)


def readiness_lines(report: RepoReport) -> list[str]:
    ready = report.readiness
    if ready is None:
        return ["Ready to run: not checked"]
    version = ready.python_version.detail if ready.python_version else "none"
    return [
        f"Ready to run: dependency lists {', '.join(ready.manifests) or 'none'}; Python {version};"
        f" undeclared imports {', '.join(item.detail for item in ready.undeclared_imports.items) or 'none'}",
        f"  notebooks in order {ready.notebooks_in_order}/{ready.notebooks_checked};"
        f" machine paths {ready.machine_paths.count}; missing data files {ready.missing_data_files.count};"
        f" credentials {ready.credentials.count}" + ("" if ready.credentials_checked else " (not scanned)"),
    ]
