"""Jupyter notebooks: their cells, with IPython magics and shell lines blanked in the code.

Only the JSON is read (nbformat 4) and nothing is executed. Outputs (plots as base64, tables,
logs: most of a notebook's bytes) are dropped while the JSON is read: each cell's output list is
replaced by its length as soon as the cell is complete, so memory holds one cell's outputs at a
time, never the notebook's. What is kept of them: how many there are and the execution count.
A malformed notebook (bad JSON, wrong shape, too deeply nested) is reported with a reason.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

# Cell magics whose body is still Python; any other `%%magic` cell (bash, html, sql...) is skipped.
PYTHON_CELL_MAGICS = ("%%time", "%%timeit", "%%capture", "%%prun")
SHELL_ASSIGNMENT = re.compile(r"\s*\w[\w, ]*=\s*[!%]")
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S", re.M)


class MalformedNotebookError(ValueError):
    """The file is not a notebook this analyzer can read."""


@dataclass(frozen=True, slots=True)
class Cell:
    kind: Literal["code", "markdown"]
    number: int  # 1-based position among all cells, as Jupyter shows it
    source: str
    execution_count: int | None = None  # code cells: the `In [n]` it last ran as; None if never run
    outputs: int = 0  # code cells: how many outputs it kept (their content is never read)


def read_notebook(data: bytes) -> list[Cell]:
    """The code and markdown cells of an nbformat-4 notebook; raise MalformedNotebookError otherwise."""
    try:
        document = json.loads(data, object_hook=_without_outputs)
    except (ValueError, RecursionError) as error:
        raise MalformedNotebookError(f"invalid JSON: {type(error).__name__}") from None
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        raise MalformedNotebookError("no cell list (only nbformat 4 is read)")
    found = []
    for number, cell in enumerate(cells, start=1):
        kind = cell.get("cell_type") if isinstance(cell, dict) else None
        if kind not in ("code", "markdown"):
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise MalformedNotebookError(f"cell {number} has no text source")
        if kind == "markdown":
            found.append(Cell("markdown", number, source))
            continue
        count = cell.get("execution_count")
        outputs = cell.get("outputs", 0)
        found.append(
            Cell(
                "code",
                number,
                source,
                execution_count=count if type(count) is int else None,
                outputs=outputs if type(outputs) is int else 0,
            )
        )
    return found


def code_cells(data: bytes) -> list[Cell]:
    """The code cells alone, in order."""
    return [cell for cell in read_notebook(data) if cell.kind == "code"]


def _without_outputs(item: dict[str, Any]) -> dict[str, Any]:
    """Called by the JSON reader for each object once it is complete, innermost first."""
    outputs = item.get("outputs")
    if type(outputs) is list:
        item["outputs"] = len(outputs)  # the list, and every plot in it, is freed here
    return item


def python_source(cell: str) -> str | None:
    """The cell as Python with magics and shell lines blanked (lines kept); None for a non-Python cell."""
    stripped = cell.lstrip()
    if stripped.startswith("%%"):
        if not stripped.startswith(PYTHON_CELL_MAGICS):
            return None
        cell = stripped.split("\n", 1)[1] if "\n" in stripped else ""
    return "\n".join(_blank_if_magic(line) for line in cell.split("\n"))


def _blank_if_magic(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith(("%", "!")) or stripped.endswith("?") or SHELL_ASSIGNMENT.match(line):
        return ""
    return line


def narrative_words(markdown: str) -> int:
    """Words of prose in a markdown cell (code blocks, images and links' targets aside)."""
    prose = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    prose = re.sub(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)", " ", prose)
    return len(re.findall(r"[^\W\d_]{2,}", prose))


def headings(markdown: str) -> int:
    return len(MARKDOWN_HEADING.findall(markdown))
