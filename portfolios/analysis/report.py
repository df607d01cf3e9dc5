"""The analyzer's contract: the limits it obeys and the RepoReport it returns, as pydantic models.

Plain data only. Every list that could grow with the repository is capped (its full size is kept
beside it as a count), so a report stays small enough to store on a review row.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MEGABYTE = 1024 * 1024


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AnalysisLimits(_Model):
    """Bounds for one repository; the defaults suit a worker with a few GB of memory."""

    max_file_bytes: int = Field(default=1_000_000, gt=0)
    # Notebooks carry their outputs (plots as base64): their own cap, and outside max_total_bytes.
    max_notebook_bytes: int = Field(default=50 * MEGABYTE, gt=0)
    max_notebook_total_bytes: int = Field(default=200 * MEGABYTE, gt=0)
    max_files: int = Field(default=5_000, gt=0)
    max_total_bytes: int = Field(default=64 * MEGABYTE, gt=0)
    max_listed_entries: int = Field(default=200_000, gt=0)
    time_budget_seconds: float = Field(default=120.0, gt=0)
    max_file_seconds: float = Field(default=20.0, gt=0)
    max_memory_bytes: int = Field(default=1536 * MEGABYTE, gt=0)
    max_cpu_seconds: int = Field(default=180, gt=0)
    max_evidence: int = Field(default=50, ge=0)
    scan_credentials: bool = True  # off only to measure the rest without it (benchmarks/analyzer.py)


class AuthorIdentity(_Model):
    """Who the candidate is in git history: GitHub logins and commit e-mail addresses."""

    logins: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


class SkippedFile(_Model):
    path: str
    reason: str


class ParseError(_Model):
    path: str
    error: str


class FileInventory(_Model):
    python: int = 0
    notebooks: int = 0
    stubs: int = 0
    bytes_read: int = 0
    skipped: list[SkippedFile] = []
    skipped_count: int = 0
    truncated: bool = False
    truncated_reason: str | None = None


class KindCount(_Model):
    total: int = 0
    documented: int = 0


class DocstringCounts(_Model):
    total: int = 0
    documented: int = 0
    coverage: float = 0.0


class DocstringReport(DocstringCounts):
    by_kind: dict[str, KindCount] = {}
    undocumented_public: list[str] = []
    undocumented_public_count: int = 0


class TypeHintCounts(_Model):
    functions: int = 0
    fully_annotated: int = 0
    coverage: float = 0.0
    parameters: int = 0
    annotated_parameters: int = 0
    parameter_coverage: float = 0.0
    annotated_returns: int = 0
    return_coverage: float = 0.0


class TypeHintReport(TypeHintCounts):
    has_py_typed: bool = False
    stub_files: int = 0
    checker_configs: list[str] = []


class TestingReport(_Model):
    test_files: int = 0
    test_functions: int = 0
    assertions: int = 0
    decoy_files: list[str] = []
    config: list[str] = []
    ci: list[str] = []
    test_lines: int = 0
    source_lines: int = 0
    test_to_source_ratio: float | None = None


class FunctionLength(_Model):
    location: str
    lines: int


class Readme(_Model):
    path: str
    bytes: int
    words: int
    headings: list[str]


class DependencyFile(_Model):
    path: str
    declared: int
    pinned: int
    names: list[str] = []  # the declared distributions, normalized ("scikit-learn"), capped
    pins: list[tuple[str, str]] = []  # (distribution, exact version) of the pinned ones, capped
    python: str | None = None  # the Python version it states ("3.11", ">=3.9"), if any


class OrganizationReport(_Model):
    modules: int = 0
    classes: int = 0
    functions: int = 0
    mean_function_length: float | None = None
    longest_function: FunctionLength | None = None
    readme: Readme | None = None
    license: str | None = None
    license_kind: str | None = None
    dependency_files: list[DependencyFile] = []
    dependencies_declared: int = 0
    dependencies_pinned: int = 0
    last_commit_at: datetime | None = None


class NotebookReport(_Model):
    notebooks: int = 0
    code_cells: int = 0
    parsed_cells: int = 0
    unparsable_cells: int = 0
    markdown_cells: int = 0
    headings: int = 0  # markdown headings: a notebook's table of contents
    narrated_code_cells: int = 0  # code cells a markdown cell explains (heading or a sentence)
    classes: int = 0
    functions: int = 0
    docstrings: DocstringCounts = DocstringCounts()
    type_hints: TypeHintCounts = TypeHintCounts()


class Occurrence(_Model):
    """One place something was found: ``churn/train.py:42`` and what stands there."""

    location: str
    detail: str


class Occurrences(_Model):
    """How often something was found, with the first places (capped)."""

    count: int = 0
    items: list[Occurrence] = []


class TutorialReport(_Model):
    toy_datasets: Occurrences = Occurrences()
    default_estimators: Occurrences = Occurrences()
    configured_estimators: Occurrences = Occurrences()
    tuning: Occurrences = Occurrences()
    cross_validation: Occurrences = Occurrences()


class ReadinessReport(_Model):
    """What someone trying to run the code would meet, read statically (nothing installed or run)."""

    manifests: list[str] = []  # dependency lists and lock files found
    lock_files: list[str] = []
    third_party_imports: list[str] = []  # packages imported that are neither stdlib nor the repository's own
    undeclared_imports: Occurrences = Occurrences()  # detail: the package; location: where first imported
    python_version: Occurrence | None = None  # detail: the version stated; location: the file
    notebooks_checked: int = 0  # notebooks with code
    notebooks_in_order: int = 0  # run top to bottom, every code cell once, with outputs
    notebook_problems: Occurrences = Occurrences()  # location: the notebook; detail: what is wrong
    machine_paths: Occurrences = Occurrences()  # paths on the author's own machine
    missing_data_files: Occurrences = Occurrences()  # files the code reads that the repository lacks
    credentials: Occurrences = Occurrences()  # detail: the kind and a redacted hint, never the secret
    credentials_checked: bool = False


class Signal(_Model):
    signal: str
    weight: float
    count: int
    evidence: list[str]


class RoleSignals(_Model):
    data_science: list[Signal] = []
    ml_engineering: list[Signal] = []
    data_science_weight: float = 0.0
    ml_engineering_weight: float = 0.0


class AuthorCommits(_Model):
    name: str
    email: str
    commits: int


class Provenance(_Model):
    head_sha: str | None = None
    root_commits: list[str] = []
    history: Literal["full", "shallow", "none"] = "none"
    commit_count: int | None = None
    authors: list[AuthorCommits] = []
    author_share: float | None = None
    content_fingerprint: list[str] = []


class RepoReport(_Model):
    schema_version: int = 1
    source: Literal["working_tree", "git_objects"]
    files: FileInventory
    parse_errors: list[ParseError]
    parse_error_count: int
    docstrings: DocstringReport
    type_hints: TypeHintReport
    tests: TestingReport
    organization: OrganizationReport
    notebooks: NotebookReport
    tutorial: TutorialReport
    role_signals: RoleSignals
    provenance: Provenance
    readiness: ReadinessReport | None = None  # None in reports stored before it was measured
    seconds: float


def percent(part: int, whole: int) -> float:
    """part/whole as a percentage rounded to 0.1; 0.0 when there is nothing to measure."""
    return round(100.0 * part / whole, 1) if whole else 0.0


class CodeFile(_Model):
    """One file's near-copy fingerprints: (hash, first line, last line) of each kept k-gram."""

    path: str
    kind: Literal["python", "notebook"]
    statements: int
    lines: int
    text: str | None = None  # the code as read (a notebook's code cells as a script); None past the cap
    cells: list[tuple[int, int]] = []  # a notebook's (first line in ``text``, cell number)
    fingerprints: list[tuple[int, int, int]] = []


class CodeIndex(_Model):
    """What the copy index stores of a repository; kept apart from RepoReport, which scores embed."""

    files: list[CodeFile] = []
    text_truncated: bool = False  # some files' text was over the cap: they have fingerprints only


# Where a file's finding is: (notebook cell number, or None in a .py file; line; what was found).
Found = tuple[int | None, int, str]


def locate(path: str, cell: int | None) -> str:
    """How evidence names a place: the file, or the notebook's cell ("eda.ipynb[cell 3]")."""
    return path if cell is None else f"{path}[cell {cell}]"


class FileFacts(_Model):
    """All that one Python file or notebook gives the report, free of its path and so shared by
    every file with the same content (git blob) in any repository: the analysis cache's value.

    Evidence lists hold a file's first ``max_evidence`` items (no report shows more) beside their
    full count; everything path-dependent (locations, test files, a module's own name, the folder
    data paths are read from) is applied when the facts are added to a repository's tallies."""

    kind: Literal["python", "notebook"]
    parse_error: str | None = None  # as recorded in parse_errors; nothing else is set then
    lines: int = 0  # a .py file's lines, for the test-to-source ratio
    module_documented: bool = False
    definitions: list[
        tuple[int, int]
    ] = []  # per definition kind (docstrings.DEFINITION_KINDS): total, documented
    undocumented: list[Found] = []  # public definitions without a docstring: (cell, line, name)
    undocumented_count: int = 0
    typing: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)  # TypeHintTally's five counters
    classes: int = 0
    functions: int = 0
    function_lines: int = 0
    longest: tuple[int, str, int] | None = None  # (line, name, lines) of the file's first longest function
    tests: tuple[int, int] | None = None  # (tests, assertions) when the file is a test file
    setup_requirements: DependencyFile | None = None  # a setup.py's literal install_requires
    imports: list[tuple[int | None, str, int]] = []  # (cell, top-level package, first line importing it)
    machine_paths: list[Found] = []
    machine_path_count: int = 0
    data_reads: list[Found] = []  # every data file read by a literal path
    credentials: list[Found] = []  # detail: the kind and a redacted hint
    credential_count: int = 0
    tutorial: list[
        tuple[str, int | None, int, str]
    ] = []  # (category, cell, line, detail), capped per category
    tutorial_counts: dict[str, int] = {}
    notebook: dict[str, int] = {}  # a notebook's cell counters (RepositoryPass.notebook's keys)
    run_order: str | None = None  # a notebook's run-order problem; None when it ran top to bottom
    statements: int = 0
    code_lines: int = 0
    fingerprints: list[tuple[int, int, int]] = []
    script_cells: list[tuple[int, int]] = []  # a notebook's (first line in its script, cell number)
    text_length: int = 0  # of the text the side-by-side view shows (bytes of a .py file)
    text: str | None = None  # that text, within the stored-text cap; left out when sent to the child


class Analysis(_Model):
    """What one analysis returns: the report (scored and shown) and the code index (for copies).

    ``facts``: the per-file facts computed in this run, by cache key, when they were asked for.
    ``text_from_cache``: the code files (by path) whose text the caller fills in from the cached
    facts it passed (the child never receives text), by cache key; `with_cached_text` does it."""

    report: RepoReport
    code: CodeIndex
    facts: dict[str, FileFacts] = {}
    text_from_cache: dict[str, str] = {}

    def with_cached_text(self, texts: Mapping[str, str | None]) -> Analysis:
        """This analysis with each code file's cached text put back, as a cold run has it."""
        if not self.text_from_cache:
            return self
        files = [
            file.model_copy(update={"text": texts.get(self.text_from_cache[file.path])})
            if file.path in self.text_from_cache
            else file
            for file in self.code.files
        ]
        return self.model_copy(
            update={"code": self.code.model_copy(update={"files": files}), "text_from_cache": {}}
        )
