"""Jupyter notebooks: their code cells as Python source, with IPython magics and shell lines blanked.

Only the JSON is read (nbformat 4); outputs are ignored and nothing is executed. A malformed
notebook (bad JSON, wrong shape, too deeply nested) is reported with a reason, never raised.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

# Cell magics whose body is still Python; any other `%%magic` cell (bash, html, sql...) is skipped.
PYTHON_CELL_MAGICS = ("%%time", "%%timeit", "%%capture", "%%prun")
SHELL_ASSIGNMENT = re.compile(r"\s*\w[\w, ]*=\s*[!%]")


class MalformedNotebookError(ValueError):
    """The file is not a notebook this analyzer can read."""


@dataclass(frozen=True, slots=True)
class CodeCell:
    number: int  # 1-based position among all cells, as Jupyter shows it
    source: str


def code_cells(data: bytes) -> list[CodeCell]:
    """The code cells of an nbformat-4 notebook; raise MalformedNotebookError otherwise."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise MalformedNotebookError(f"invalid JSON: {type(error).__name__}") from None
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        raise MalformedNotebookError("no cell list (only nbformat 4 is read)")
    found = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise MalformedNotebookError(f"cell {number} has no text source")
        found.append(CodeCell(number=number, source=source))
    return found


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
