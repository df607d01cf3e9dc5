"""Notebook code is measured separately; magics and shell lines are blanked, malformed notebooks skipped."""

from __future__ import annotations

import json

from portfolios.analysis import AnalysisLimits, analyze_repository

from .repos import NOTEBOOK_HEAVY, analyze_files, notebook, write_tree


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


def test_a_notebook_with_megabytes_of_outputs_is_read_for_its_code(tmp_path):
    plotted = json.loads(notebook("import pandas as pd\nframe = pd.DataFrame()", "frame.plot()"))
    plot = {"output_type": "display_data", "data": {"image/png": "iVBOR" * 800_000}}  # 4 MB of base64
    plotted["cells"][1]["outputs"] = [plot]

    report = analyze_files(tmp_path, {"eda.ipynb": json.dumps(plotted)})

    assert report.files.skipped == [] and report.files.notebooks == 1
    assert (report.notebooks.code_cells, report.notebooks.parsed_cells) == (2, 2)


def test_only_a_notebook_over_its_own_limit_is_skipped_with_its_size(tmp_path):
    plotted = json.loads(notebook("print(1)"))
    plotted["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x" * 3_000_000}]
    limits = AnalysisLimits(max_notebook_bytes=2 * 1024 * 1024)

    files = {"huge.ipynb": json.dumps(plotted), "small.ipynb": notebook("x = 1")}

    report = analyze_files(tmp_path, files, limits)

    assert [(item.path, item.reason) for item in report.files.skipped] == [
        ("huge.ipynb", "too_large: 2.9 MB, over the 2.0 MB limit")
    ]
    assert report.notebooks.notebooks == 1


def test_a_notebook_of_100000_cells_is_read_in_the_isolated_child(tmp_path):
    cells = [f"value_{number} = {number}" for number in range(100_000)]

    analysis = analyze_repository(write_tree(tmp_path, {"many.ipynb": notebook(*cells)}))

    assert analysis.report.notebooks.code_cells == 100_000
    assert analysis.report.notebooks.parsed_cells == 100_000


def test_an_unparsable_cell_does_not_lose_the_rest_of_the_notebook(tmp_path):
    files = {"mixed.ipynb": notebook("print 'python 2'", "def f():\n    pass")}

    notebooks = analyze_files(tmp_path, files).notebooks

    assert (notebooks.unparsable_cells, notebooks.parsed_cells, notebooks.functions) == (1, 1, 1)


def test_notebooks_past_their_byte_budget_are_skipped_and_the_report_says_it_is_partial(tmp_path):
    files = {f"nb{number}.ipynb": notebook("x = 1", "y = 2") for number in range(3)}
    limits = AnalysisLimits(max_notebook_total_bytes=len(files["nb0.ipynb"]) * 2)

    report = analyze_files(tmp_path, {**files, "main.py": "print(1)\n"}, limits)

    assert report.notebooks.notebooks == 2 and report.files.python == 1
    assert [(item.path, item.reason) for item in report.files.skipped] == [
        ("nb2.ipynb", "max_notebook_total_bytes")
    ]
    assert report.files.truncated_reason == "max_notebook_total_bytes"
