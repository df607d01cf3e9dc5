"""The single pass: list the repository, read each file once, parse each Python source once, and
feed every metric's tally from that one tree. Runs in-process; `isolation` wraps it in a child.

Parsing is hostile-input parsing: every error CPython can raise while parsing becomes a
`parse_errors` entry for that file, and the pass goes on.
"""

from __future__ import annotations

import ast
import gc
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from portfolios.analysis.definitions import ModuleScan, scan_module
from portfolios.analysis.docstrings import DocstringTally
from portfolios.analysis.fingerprints import CodeIndexer, NotebookScript
from portfolios.analysis.notebooks import (
    Cell,
    MalformedNotebookError,
    headings,
    narrative_words,
    python_source,
    read_notebook,
)
from portfolios.analysis.organization import OrganizationTally
from portfolios.analysis.provenance import MIN_FINGERPRINT_BYTES, History, read_history
from portfolios.analysis.readiness import ReadinessTally
from portfolios.analysis.report import (
    Analysis,
    AnalysisLimits,
    AuthorIdentity,
    FileInventory,
    NotebookReport,
    ParseError,
    Provenance,
    RepoReport,
)
from portfolios.analysis.role_signals import RoleTally
from portfolios.analysis.shapes import Segments
from portfolios.analysis.sources import Budget, Entry, Listing, blob_id, list_repository, read_entries
from portfolios.analysis.testing import TestingTally, ci_system
from portfolios.analysis.tutorial import TutorialTally, uses_ml_libraries
from portfolios.analysis.typing_hints import TypeHintTally

NARRATED_WORDS = 8  # a short sentence explains the code cell after it
PARSE_ERRORS = (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError)
MAX_LISTED_PROBLEMS = 200
Progress = Callable[[str], None]


def parse_python(data: bytes | str) -> ast.Module | str:
    """The module's AST, or the error that stopped the parser as one line of text."""
    try:
        return ast.parse(data)
    except PARSE_ERRORS as error:
        return f"{type(error).__name__}: {error}"[:300]


class RepositoryPass:
    """Every tally of one repository, fed file by file."""

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

    def add(self, entry: Entry, data: bytes) -> None:
        self.bytes_read += len(data)
        self.read[entry.kind] = self.read.get(entry.kind, 0) + 1
        if entry.kind == "python":
            self.add_python(entry, data)
        elif entry.kind == "notebook":
            self.add_notebook(entry, data)
        else:
            self.add_meta(entry.path, data.decode("utf-8", "replace"))
        if entry.kind != "meta" and len(data) >= MIN_FINGERPRINT_BYTES:
            self.fingerprint.add(entry.locator if isinstance(entry.locator, str) else blob_id(data))

    def add_python(self, entry: Entry, data: bytes) -> None:
        tree = parse_python(data)
        if isinstance(tree, str):
            self.record_parse_error(entry.path, tree)
            return
        scan = scan_module(tree)
        self.code.add_python(entry.path, data, scan.shapes)
        self.docstrings.add_module(entry.path, tree, scan, count_module=True)
        self.typing.add(scan.definitions)
        self.tests.add_python(entry.path, data, tree, scan)
        self.organization.add_python(entry.path, tree, scan)
        self.roles.add_imports(entry.path, scan.imports)
        self.readiness.add_python(entry.path, data, scan)
        if uses_ml_libraries(scan):
            self.tutorial.add(entry.path, tree, scan)

    def add_notebook(self, entry: Entry, data: bytes) -> None:
        try:
            every_cell = read_notebook(data)
        except MalformedNotebookError as error:
            self.record_parse_error(entry.path, f"malformed notebook: {error}")
            return
        cells = [cell for cell in every_cell if cell.kind == "code"]
        self.notebook["notebooks"] += 1
        self.notebook["code_cells"] += len(cells)
        self._count_narrative(every_cell)
        self.roles.add_notebook(entry.path)
        python = [(cell, source) for cell in cells if (source := python_source(cell.source)) is not None]
        script = NotebookScript.of([(cell.number, cell.source) for cell, _ in python])  # a %%bash cell is not
        shapes = Segments()
        parsed = []
        for (cell, source), (header_line, _) in zip(python, script.cells, strict=True):
            tree = parse_python(source)
            if isinstance(tree, str):
                self.notebook["unparsable_cells"] += 1
            else:
                scan = scan_module(tree, line_offset=header_line, into=shapes)
                parsed.append((f"{entry.path}[cell {cell.number}]", tree, scan))
        self.code.add_notebook(entry.path, script, shapes)
        self.readiness.add_notebook(entry.path, every_cell, [(where, scan) for where, _, scan in parsed])
        # Cells share one namespace: an import in the first cell serves them all.
        uses_ml = any(uses_ml_libraries(scan) for _, _, scan in parsed)
        for location, tree, scan in parsed:
            self.add_cell(location, tree, scan, uses_ml=uses_ml)

    def _count_narrative(self, cells: list[Cell]) -> None:
        """Markdown is a notebook's documentation: a code cell is narrated when the markdown since
        the previous code cell has a heading or a sentence's worth of words."""
        heard = 0
        for cell in cells:
            if cell.kind == "markdown":
                self.notebook["markdown_cells"] += 1
                found = headings(cell.source)
                self.notebook["headings"] += found
                heard += NARRATED_WORDS * bool(found) + narrative_words(cell.source)
            elif cell.source.strip():
                self.notebook["narrated_code_cells"] += heard >= NARRATED_WORDS
                heard = 0

    def add_cell(self, location: str, tree: ast.Module, scan: ModuleScan, *, uses_ml: bool) -> None:
        self.notebook["parsed_cells"] += 1
        self.notebook_docstrings.add_module(location, tree, scan, count_module=False)
        self.notebook_typing.add(scan.definitions)
        functions = sum(1 for definition in scan.definitions if "class" not in definition.kind)
        self.notebook_definitions["functions"] += functions
        self.notebook_definitions["classes"] += len(scan.definitions) - functions
        self.roles.add_imports(location, scan.imports)
        if uses_ml:
            self.tutorial.add(location, tree, scan)

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
) -> Analysis:
    """Analyze the working tree or no-checkout clone at root, in this process.

    `skip` maps paths to an error recorded instead of reading them (files that took a previous
    attempt down); `progress` is told each path before it is parsed; `under` ("examples/")
    limits the whole analysis to one folder, for a reference repository of which only a part
    is tutorial code.
    """
    started = time.monotonic()
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
        for entry, data in read_entries(listing, budget):
            if skip and entry.path in skip:
                work.read[entry.kind] = work.read.get(entry.kind, 0) + 1
                work.record_parse_error(entry.path, skip[entry.path])
                continue
            if progress is not None:
                progress(entry.path)
            work.add(entry, data)
    finally:
        if collecting:
            gc.enable()
    has_history = listing.source == "git_objects" or (root / ".git").exists()
    history = read_history(root, identity) if has_history else None
    report = _report(work, listing, history, seconds=time.monotonic() - started)
    return Analysis(report=report, code=work.code.index())


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
