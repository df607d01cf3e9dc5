"""One file's facts: parse a Python file or a notebook once and take from its tree all that every
metric needs, free of the file's path (`report.FileFacts`).

Facts depend only on the file's content and on the few path-derived traits in its cache key (a
test file, a notebook), so files with the same git blob share them across repositories and
candidates: the analysis cache keeps them by key, and a repository whose files were all seen
before is reported without parsing anything. Parsing is hostile-input parsing: every error
CPython can raise while parsing becomes the file's `parse_error`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import Any

from portfolios.analysis.definitions import ModuleScan, has_docstring, line_count, scan_module
from portfolios.analysis.dependencies import setup_py_requirements
from portfolios.analysis.docstrings import DEFINITION_KINDS, definition_counts
from portfolios.analysis.fingerprints import MAX_STORED_TEXT, NotebookScript, winnow
from portfolios.analysis.notebooks import (
    Cell,
    MalformedNotebookError,
    headings,
    narrative_words,
    python_source,
    read_notebook,
)
from portfolios.analysis.organization import definition_lengths
from portfolios.analysis.readiness import (
    DATA_LIBRARIES,
    credentials_in,
    data_reads,
    machine_paths,
    run_order_problem,
)
from portfolios.analysis.report import AnalysisLimits, FileFacts, Found
from portfolios.analysis.shapes import Segments
from portfolios.analysis.testing import is_test_file, test_counts
from portfolios.analysis.tutorial import CATEGORIES, findings, uses_ml_libraries
from portfolios.analysis.typing_hints import Counts, function_counts

FACTS_SCHEMA = 1  # raise it whenever what a file's facts hold, or how they are computed, changes
NARRATED_WORDS = 8  # a short sentence explains the code cell after it
PARSE_ERRORS = (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError)
NOTEBOOK_COUNTERS = ("code_cells", "parsed_cells", "unparsable_cells", "markdown_cells", "headings")


def facts_version(limits: AnalysisLimits) -> str:
    """What, besides a file's content, its facts depend on: the schema and the limits that cap them."""
    return f"{FACTS_SCHEMA}.e{limits.max_evidence}.c{int(limits.scan_credentials)}"


def cache_variant(path: str, kind: str) -> str | None:
    """The path-derived traits a file's facts depend on; None for a file whose facts name its path
    (a setup.py's requirements carry it), which is analyzed every time."""
    if kind == "notebook":
        return "notebook"
    if kind != "python" or path.rsplit("/", 1)[-1] == "setup.py":
        return None
    return "test" if is_test_file(path) else "python"


def cache_key(blob: str, variant: str) -> str:
    return f"{blob}:{variant}"


def parse_python(data: bytes | str) -> ast.Module | str:
    """The module's AST, or the error that stopped the parser as one line of text."""
    try:
        return ast.parse(data)
    except PARSE_ERRORS as error:
        return f"{type(error).__name__}: {error}"[:300]


def file_facts(path: str, kind: str, data: bytes, limits: AnalysisLimits) -> FileFacts:
    if kind == "notebook":
        return notebook_facts(data, limits)
    setup_path = path if path.rsplit("/", 1)[-1] == "setup.py" else None
    return python_facts(data, limits, test_file=is_test_file(path), setup_path=setup_path)


def python_facts(
    data: bytes, limits: AnalysisLimits, *, test_file: bool = False, setup_path: str | None = None
) -> FileFacts:
    """``setup_path``: where the file is, when it is a setup.py (its requirements name it)."""
    tree = parse_python(data)
    if isinstance(tree, str):
        return FileFacts(kind="python", parse_error=tree)
    scan = scan_module(tree)
    evidence = limits.max_evidence
    definitions, undocumented, undocumented_count = definition_counts(scan.definitions, evidence)
    classes, functions, function_lines, longest = definition_lengths(scan)
    found_paths = machine_paths(data)
    reads = data_reads(data) if not DATA_LIBRARIES.isdisjoint(scan.imports) else []
    secrets = credentials_in(data.decode("utf-8", "replace")) if limits.scan_credentials else []
    tutorial = findings(tree, scan) if uses_ml_libraries(scan) else []
    tutorial_kept, tutorial_counts = _tutorial([(None, finding) for finding in tutorial], evidence)
    fingerprints = winnow(scan.shapes)
    text_length = len(data)
    return FileFacts.model_construct(  # our own values, made per file: validation would be waste
        kind="python",
        parse_error=None,
        lines=line_count(data),
        module_documented=has_docstring(tree),
        definitions=definitions,
        undocumented=undocumented,
        undocumented_count=undocumented_count,
        typing=function_counts(scan.definitions),
        classes=classes,
        functions=functions,
        function_lines=function_lines,
        longest=longest,
        tests=test_counts(tree, scan) if test_file else None,
        setup_requirements=setup_py_requirements(setup_path, tree) if setup_path else None,
        imports=[(None, package, line) for package, line in scan.imports.items()],
        machine_paths=[(None, line, found) for line, found in found_paths[:evidence]],
        machine_path_count=len(found_paths),
        data_reads=[(None, line, read) for line, read in reads],
        credentials=[(None, line, found) for line, found in secrets[:evidence]],
        credential_count=len(secrets),
        tutorial=tutorial_kept,
        tutorial_counts=tutorial_counts,
        notebook={},
        run_order=None,
        statements=scan.shapes.count(),
        code_lines=data.count(b"\n") + 1,
        fingerprints=fingerprints,
        script_cells=[],
        text_length=text_length,
        text=data.decode("utf-8", "replace") if fingerprints and text_length <= MAX_STORED_TEXT else None,
    )


def notebook_facts(data: bytes, limits: AnalysisLimits) -> FileFacts:
    try:
        every_cell = read_notebook(data)
    except MalformedNotebookError as error:
        return FileFacts(kind="notebook", parse_error=f"malformed notebook: {error}")
    evidence = limits.max_evidence
    cells = [cell for cell in every_cell if cell.kind == "code"]
    python = [(cell, source) for cell in cells if (source := python_source(cell.source)) is not None]
    script = NotebookScript.of([(cell.number, cell.source) for cell, _ in python])  # a %%bash cell is not
    shapes = Segments()
    parsed: list[tuple[int, ast.Module, ModuleScan]] = []
    for (cell, source), (header_line, _) in zip(python, script.cells, strict=True):
        tree = parse_python(source)
        if not isinstance(tree, str):
            parsed.append((cell.number, tree, scan_module(tree, line_offset=header_line, into=shapes)))
    counters = dict.fromkeys(NOTEBOOK_COUNTERS, 0) | narrative(every_cell)
    counters |= {
        "code_cells": len(cells),
        "parsed_cells": len(parsed),
        "unparsable_cells": len(python) - len(parsed),
    }
    # Cells share one namespace: an import in any cell serves them all.
    reads_data = any(not DATA_LIBRARIES.isdisjoint(scan.imports) for _, _, scan in parsed)
    found_paths, reads, secrets = _cell_text_evidence(cells, reads_data=reads_data, limits=limits)
    fingerprints = winnow(shapes)
    return FileFacts.model_construct(
        kind="notebook",
        parse_error=None,
        lines=0,
        module_documented=False,
        **_cell_definitions(parsed, evidence),
        function_lines=0,
        longest=None,
        tests=None,
        setup_requirements=None,
        imports=[
            (number, package, line) for number, _, scan in parsed for package, line in scan.imports.items()
        ],
        machine_paths=found_paths[:evidence],
        machine_path_count=len(found_paths),
        data_reads=reads,
        credentials=secrets[:evidence],
        credential_count=len(secrets),
        notebook=counters,
        run_order=run_order_problem(every_cell),
        statements=shapes.count(),
        code_lines=script.text.count("\n") + 1,
        fingerprints=fingerprints,
        script_cells=script.cells,
        text_length=len(script.text),
        text=script.text if fingerprints and len(script.text) <= MAX_STORED_TEXT else None,
    )


def _cell_definitions(parsed: list[tuple[int, ast.Module, ModuleScan]], evidence: int) -> dict[str, Any]:
    """The parsed cells' definitions (docstrings, type hints, counts) and tutorial findings, as
    FileFacts fields: each cell read as a module, the evidence capped over the whole notebook."""
    definitions = [[0, 0] for _ in DEFINITION_KINDS]
    undocumented: list[Found] = []
    undocumented_count = 0
    typing: Counts = (0, 0, 0, 0, 0)
    classes = functions = 0
    uses_ml = any(uses_ml_libraries(scan) for _, _, scan in parsed)
    tutorial: list[tuple[int | None, tuple[str, int, str]]] = []
    for number, tree, scan in parsed:
        counts, missing, missing_count = definition_counts(scan.definitions, evidence, cell=number)
        for total, (cell_total, cell_documented) in zip(definitions, counts, strict=True):
            total[0] += cell_total
            total[1] += cell_documented
        undocumented += missing[: evidence - len(undocumented)]
        undocumented_count += missing_count
        typing = _sum_counts(typing, function_counts(scan.definitions))
        cell_functions = sum(1 for definition in scan.definitions if "class" not in definition.kind)
        functions += cell_functions
        classes += len(scan.definitions) - cell_functions
        if uses_ml:
            tutorial += [(number, finding) for finding in findings(tree, scan)]
    tutorial_kept, tutorial_counts = _tutorial(tutorial, evidence)
    return {
        "definitions": [(total, documented) for total, documented in definitions],
        "undocumented": undocumented,
        "undocumented_count": undocumented_count,
        "typing": typing,
        "classes": classes,
        "functions": functions,
        "tutorial": tutorial_kept,
        "tutorial_counts": tutorial_counts,
    }


def _cell_text_evidence(
    cells: list[Cell], *, reads_data: bool, limits: AnalysisLimits
) -> tuple[list[Found], list[Found], list[Found]]:
    """Machine paths, data reads and credentials in every code cell's text (parsed or not)."""
    found_paths: list[Found] = []
    reads: list[Found] = []
    secrets: list[Found] = []
    for cell in cells:
        code = cell.source.encode()
        found_paths += [(cell.number, line, found) for line, found in machine_paths(code)]
        if reads_data:
            reads += [(cell.number, line, read) for line, read in data_reads(code)]
        if limits.scan_credentials:
            secrets += [(cell.number, line, found) for line, found in credentials_in(cell.source)]
    return found_paths, reads, secrets


def narrative(cells: Iterable[Cell]) -> dict[str, int]:
    """Markdown is a notebook's documentation: a code cell is narrated when the markdown since
    the previous code cell has a heading or a sentence's worth of words."""
    counts = {"markdown_cells": 0, "headings": 0, "narrated_code_cells": 0}
    heard = 0
    for cell in cells:
        if cell.kind == "markdown":
            counts["markdown_cells"] += 1
            found = headings(cell.source)
            counts["headings"] += found
            heard += NARRATED_WORDS * bool(found) + narrative_words(cell.source)
        elif cell.source.strip():
            counts["narrated_code_cells"] += heard >= NARRATED_WORDS
            heard = 0
    return counts


def _sum_counts(first: Counts, second: Counts) -> Counts:
    a, b, c, d, e = (x + y for x, y in zip(first, second, strict=True))
    return a, b, c, d, e


def _tutorial(
    found: list[tuple[int | None, tuple[str, int, str]]], evidence: int
) -> tuple[list[tuple[str, int | None, int, str]], dict[str, int]]:
    """The findings capped per category, in order, and each category's full count."""
    counts = dict.fromkeys(CATEGORIES, 0)
    kept = []
    for cell, (category, line, detail) in found:
        counts[category] += 1
        if counts[category] <= evidence:
            kept.append((category, cell, line, detail))
    return kept, {category: count for category, count in counts.items() if count}
