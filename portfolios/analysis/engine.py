"""The single pass: list the repository, read each file once, turn each code file into its facts
once (`facts`: one parse, every metric's share of it) and feed every tally from them. Files
whose facts are known (the analysis cache) are neither read nor parsed. Runs in-process;
`isolation` wraps it in a child.

A file the parser refuses becomes a `parse_errors` entry, and the pass goes on.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from portfolios.analysis.docstrings import DocstringTally
from portfolios.analysis.facts import cache_key, cache_variant, file_facts
from portfolios.analysis.fingerprints import CodeIndexer
from portfolios.analysis.organization import OrganizationTally
from portfolios.analysis.provenance import MIN_FINGERPRINT_BYTES, History, read_history
from portfolios.analysis.readiness import ReadinessTally
from portfolios.analysis.report import (
    Analysis,
    AnalysisLimits,
    AuthorIdentity,
    FileFacts,
    FileInventory,
    NotebookReport,
    ParseError,
    Provenance,
    RepoReport,
)
from portfolios.analysis.role_signals import RoleTally
from portfolios.analysis.sources import (
    Budget,
    Entry,
    Listing,
    blob_id,
    list_repository,
    read_entries,
)
from portfolios.analysis.testing import TestingTally, ci_system
from portfolios.analysis.tutorial import TutorialTally
from portfolios.analysis.typing_hints import TypeHintTally

MAX_LISTED_PROBLEMS = 200
Progress = Callable[[str], None]


class RepositoryPass:
    """Every tally of one repository, fed file by file: meta files from their text, code files
    from their facts (computed here, or known from an earlier repository)."""

    def __init__(self, limits: AnalysisLimits) -> None:
        evidence = limits.max_evidence
        self.docstrings, self.typing, self.tests = (
            DocstringTally(evidence),
            TypeHintTally(),
            TestingTally(evidence),
        )
        self.organization, self.tutorial, self.roles = (
            OrganizationTally(),
            TutorialTally(evidence),
            RoleTally(),
        )
        self.notebook_docstrings, self.notebook_typing = DocstringTally(0), TypeHintTally()
        self.readiness = ReadinessTally(evidence, scan_credentials=limits.scan_credentials)
        self.notebook = {"notebooks": 0, "code_cells": 0, "parsed_cells": 0, "unparsable_cells": 0}
        self.notebook |= {"markdown_cells": 0, "headings": 0, "narrated_code_cells": 0}
        self.notebook_definitions = {"classes": 0, "functions": 0}
        self.parse_errors: list[ParseError] = []
        self.parse_error_count = 0
        self.fingerprint: set[str] = set()
        self.read = {"python": 0, "notebook": 0}
        self.bytes_read = 0
        self.names = {"py.typed": False, "stubs": 0}
        self.checker_configs: set[str] = set()
        self.code = CodeIndexer()

    def observe_path(self, entry: Entry) -> None:
        system = ci_system(entry.path)
        self.tests.observe_path(entry.path)
        self.roles.observe_path(entry.path, system)
        self.readiness.observe_path(entry.path)
        name = entry.path.rsplit("/", 1)[-1]
        self.names["py.typed"] = self.names["py.typed"] or name == "py.typed"
        self.names["stubs"] += entry.kind == "stub"
        if name in ("mypy.ini", ".mypy.ini", "pyrightconfig.json"):
            self.checker_configs.add(entry.path)

    def add(self, entry: Entry, data: bytes | None, facts: FileFacts | None, key: str | None) -> None:
        """One read file: `data` is None for a code file whose facts were known, so never read."""
        size = len(data) if data is not None else entry.size or 0
        self.bytes_read += size
        self.read[entry.kind] = self.read.get(entry.kind, 0) + 1
        if facts is not None:
            self.add_facts(entry.path, facts, key)
        elif data is not None:
            self.add_meta(entry.path, data.decode("utf-8", "replace"))
        if entry.kind != "meta" and size >= MIN_FINGERPRINT_BYTES:
            self.fingerprint.add(entry.locator if isinstance(entry.locator, str) else blob_id(data or b""))

    def add_facts(self, path: str, facts: FileFacts, key: str | None) -> None:
        if facts.parse_error is not None:
            self.record_parse_error(path, facts.parse_error)
            return
        notebook = facts.kind == "notebook"
        self.code.add(path, facts, key)
        self.readiness.add_file(path, facts)
        self.tutorial.add(path, facts)
        if notebook:
            self.notebook["notebooks"] += 1
            for counter, count in facts.notebook.items():
                self.notebook[counter] += count
            self.roles.add_notebook(path)
            self.notebook_docstrings.add(path, facts, count_module=False)
            self.notebook_typing.add(facts.typing)
            self.notebook_definitions["functions"] += facts.functions
            self.notebook_definitions["classes"] += facts.classes
        else:
            self.docstrings.add(path, facts, count_module=True)
            self.typing.add(facts.typing)
            self.tests.add_python(path, facts)
            self.organization.add_python(path, facts)
        self.roles.add_imports(path, facts.imports)

    def add_meta(self, path: str, text: str) -> None:
        self.readiness.observe_meta(path, text)
        self.tests.observe_meta(path, text)
        self.organization.observe_meta(path, text)
        self.roles.observe_meta(path, text)
        if (path == "setup.cfg" and "[mypy" in text) or (
            path == "pyproject.toml" and ("[tool.mypy" in text or "[tool.pyright" in text)
        ):
            self.checker_configs.add(path)

    def record_parse_error(self, path: str, error: str) -> None:
        self.parse_error_count += 1
        if len(self.parse_errors) < MAX_LISTED_PROBLEMS:
            self.parse_errors.append(ParseError(path=path, error=error))

    def notebook_report(self) -> NotebookReport:
        return NotebookReport(
            **self.notebook,
            **self.notebook_definitions,
            docstrings=self.notebook_docstrings.counts(),
            type_hints=self.notebook_typing.counts(),
        )


def analyze_tree(
    root: Path,
    limits: AnalysisLimits,
    *,
    identity: AuthorIdentity | None = None,
    skip: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    under: str = "",
    known: Mapping[str, FileFacts] | None = None,
    keep_facts: bool = False,
) -> Analysis:
    """Analyze the working tree or no-checkout clone at root, in this process.

    `skip` maps paths to an error recorded instead of reading them (files that took a previous
    attempt down); `progress` is told each path before it is parsed; `under` ("examples/")
    limits the whole analysis to one folder, for a reference repository of which only a part
    is tutorial code. `known` maps cache keys (`facts.cache_key`: a git blob and its variant) to
    the facts of files analyzed before, which are then neither read nor parsed; with `keep_facts`
    the facts computed here are returned (`Analysis.facts`) for the caller to keep.
    """
    started = time.monotonic()
    known = known or {}
    collecting = gc.isenabled()
    gc.disable()  # listings and ASTs hold no reference cycles: reference counting frees them
    try:
        listing = list_repository(root, limits)
        if under:
            listing.entries = [entry for entry in listing.entries if entry.path.startswith(under)]
        work = RepositoryPass(limits)
        for entry in listing.entries:
            work.observe_path(entry)
        budget = Budget(limits=limits, deadline=started + limits.time_budget_seconds)
        keys = {entry.path: key for entry in listing.entries if (key := _known_key(entry))}
        computed: dict[str, FileFacts] = {}
        unread = {path for path, key in keys.items() if key in known}
        for entry, data in read_entries(listing, budget, unread=unread):
            if skip and entry.path in skip:
                work.read[entry.kind] = work.read.get(entry.kind, 0) + 1
                work.record_parse_error(entry.path, skip[entry.path])
                continue
            if entry.kind == "meta":
                work.add(entry, data, None, None)
                continue
            key = keys.get(entry.path) or (_content_key(entry, data) if keep_facts else None)
            facts = (known.get(key) or computed.get(key)) if key else None
            if facts is None:
                assert data is not None  # only known files go unread
                if progress is not None:
                    progress(entry.path)
                facts = file_facts(entry.path, entry.kind, data, limits)
                if key:
                    computed[key] = facts
            work.add(entry, data, facts, key)
    finally:
        if collecting:
            gc.enable()
    has_history = listing.source == "git_objects" or (root / ".git").exists()
    history = read_history(root, identity) if has_history else None
    report = _report(work, listing, history, seconds=time.monotonic() - started)
    return Analysis(
        report=report,
        code=work.code.index(),
        facts=computed if keep_facts else {},
        text_from_cache=work.code.text_from_cache,
    )


def code_file_keys(root: Path, limits: AnalysisLimits, *, under: str = "") -> set[str]:
    """The cache keys of the code files an analysis of ``root`` would read, from the same listing
    and without reading a blob (a working tree has none: its blob ids are known once read)."""
    entries = list_repository(root, limits).entries
    return {key for entry in entries if entry.path.startswith(under) and (key := _known_key(entry))}


def _known_key(entry: Entry) -> str | None:
    """A code file's cache key when its blob id is known without reading it (a clone's objects)."""
    variant = cache_variant(entry.path, entry.kind)
    return cache_key(entry.locator, variant) if variant and isinstance(entry.locator, str) else None


def _content_key(entry: Entry, data: bytes | None) -> str | None:
    """A working tree's file's cache key, from its content."""
    variant = cache_variant(entry.path, entry.kind)
    return cache_key(blob_id(data), variant) if variant and data is not None else None


def _report(work: RepositoryPass, listing: Listing, history: History | None, *, seconds: float) -> RepoReport:
    provenance = history.provenance if history else Provenance()
    files = FileInventory(
        python=work.read["python"],
        notebooks=work.read["notebook"],
        stubs=work.names["stubs"],
        bytes_read=work.bytes_read,
        skipped=listing.skipped[:MAX_LISTED_PROBLEMS],
        skipped_count=len(listing.skipped),
        truncated=listing.truncated_reason is not None,
        truncated_reason=listing.truncated_reason,
    )
    return RepoReport(
        source=listing.source,
        files=files,
        parse_errors=work.parse_errors,
        parse_error_count=work.parse_error_count,
        docstrings=work.docstrings.report(),
        type_hints=work.typing.report(
            has_py_typed=bool(work.names["py.typed"]),
            stub_files=int(work.names["stubs"]),
            checker_configs=sorted(work.checker_configs),
        ),
        tests=work.tests.report(),
        organization=work.organization.report(last_commit_at=history.last_commit_at if history else None),
        notebooks=work.notebook_report(),
        tutorial=work.tutorial.report(),
        role_signals=work.roles.report(),
        provenance=provenance.model_copy(update={"content_fingerprint": sorted(work.fingerprint)}),
        readiness=work.readiness.report(work.organization.dependency_files),
        seconds=round(seconds, 3),
    )
