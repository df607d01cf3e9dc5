"""Notebook code is measured separately; magics and shell lines are blanked, malformed notebooks skipped."""

from __future__ import annotations

import json

from .repos import NOTEBOOK_HEAVY, analyze_files, notebook


def test_notebook_cells_are_counted_and_parsed_without_magics(tmp_path):
    report = analyze_files(tmp_path, NOTEBOOK_HEAVY)

    notebooks = report.notebooks
    assert (
        notebooks.notebooks,
        notebooks.code_cells,
        notebooks.parsed_cells,
        notebooks.unparsable_cells,
    ) == (
        2,
        6,
        5,
        0,
    )
    assert (notebooks.functions, notebooks.docstrings.documented, notebooks.type_hints.fully_annotated) == (
        1,
        1,
        1,
    )
    assert report.docstrings.total == 0  # notebook code never mixes into the .py figures


def test_a_malformed_notebook_is_skipped_with_a_reason(tmp_path):
    nested = "[" * 100_000 + "]" * 100_000
    files = {"bad.ipynb": "{ not json", "deep.ipynb": nested, "shape.ipynb": json.dumps({"cells": "no"})}

    report = analyze_files(tmp_path, files)

    assert {error.path for error in report.parse_errors} == {"bad.ipynb", "deep.ipynb", "shape.ipynb"}
    assert all(error.error.startswith("malformed notebook") for error in report.parse_errors)


def test_a_notebook_with_huge_outputs_is_skipped_as_too_large(tmp_path):
    huge = json.loads(notebook("print(1)"))
    huge["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x" * 2_000_000}]

    report = analyze_files(tmp_path, {"huge.ipynb": json.dumps(huge)})

    assert [item.model_dump() for item in report.files.skipped] == [
        {"path": "huge.ipynb", "reason": "too_large"}
    ]


def test_an_unparsable_cell_does_not_lose_the_rest_of_the_notebook(tmp_path):
    files = {"mixed.ipynb": notebook("print 'python 2'", "def f():\n    pass")}

    notebooks = analyze_files(tmp_path, files).notebooks

    assert (notebooks.unparsable_cells, notebooks.parsed_cells, notebooks.functions) == (1, 1, 1)
