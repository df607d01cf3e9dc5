"""Near-copy fingerprints on real code: each way of hiding a copy is seen through, unrelated code of
the same field and shared boilerplate are not copies, and hostile input costs nothing extra."""

from __future__ import annotations

import ast
import json

import pytest

from portfolios.analysis.definitions import scan_module
from portfolios.analysis.facts import notebook_facts, python_facts
from portfolios.analysis.fingerprints import MAX_STORED_TEXT, CodeIndexer, winnow
from portfolios.analysis.matching import cell_span, compare, merged
from portfolios.analysis.report import AnalysisLimits
from tests.portfolios.copy_samples import (
    BOILERPLATE,
    BURIED,
    COMMENTS_CHANGED,
    FORECAST,
    REFORMATTED,
    RENAMED,
    REORDERED,
    TRAINING,
)


def fingerprints(source: str) -> list[tuple[int, int, int]]:
    return winnow(scan_module(ast.parse(source)).shapes)


@pytest.mark.parametrize(
    "copy",
    [RENAMED, REFORMATTED, COMMENTS_CHANGED, REORDERED],
    ids=["renamed", "reformatted", "comments and docstrings changed", "functions reordered"],
)
def test_a_disguised_copy_keeps_every_fingerprint(copy):
    match = compare(fingerprints(copy), fingerprints(TRAINING))

    assert match is not None
    assert match.share_of_other == 1.0 and match.share_of_candidate == 1.0


def test_a_copy_buried_in_a_larger_file_is_found_by_how_much_of_the_original_reappears():
    match = compare(fingerprints(BURIED), fingerprints(TRAINING))

    assert match is not None and match.share_of_other == 1.0
    assert match.share_of_candidate < 1.0  # the helpers around it are the candidate's own


def test_unrelated_code_of_the_same_field_is_not_a_copy():
    assert compare(fingerprints(FORECAST), fingerprints(TRAINING)) is None


def test_shared_boilerplate_alone_is_not_a_copy():
    mine = BOILERPLATE.format(what="Score customers") + "\n\ndef run(source, target):\n    return source\n"
    theirs = BOILERPLATE.format(what="Clean the sales data") + "\n\ndef run(a, b):\n    print(a, b)\n"

    assert compare(fingerprints(mine), fingerprints(theirs)) is None


def test_the_lines_of_the_shared_code_are_those_of_each_file():
    match = compare(fingerprints(BURIED), fingerprints(TRAINING))

    assert match is not None
    lines = TRAINING.splitlines()
    assert match.other_lines[0] == lines.index("import pandas as pd") + 1
    assert lines.index("def report(model, features, labels):") < match.other_lines[1] <= len(lines)
    buried = BURIED.splitlines()
    assert buried[match.candidate_lines[0] - 1] == "import pandas as pd"
    assert match.candidate_lines[1] - match.candidate_lines[0] == match.other_lines[1] - match.other_lines[0]


def test_fingerprints_do_not_change_between_runs_or_releases():
    """The index keeps fingerprints in the database: a different hash for the same code would make
    every stored repository unfindable until it is read again."""
    assert fingerprints("x = 1\ny = f(x)\nprint(y)\n") == [(6313530467931514767, 1, 3)]


def test_deeply_nested_code_is_walked_without_recursion():
    depth = 90  # CPython's parser refuses about 100 nested blocks; the walk must not care either way
    source = "".join(" " * level + "if x:\n" for level in range(depth)) + " " * depth + "y = 1\n"

    assert len(scan_module(ast.parse(source)).shapes.all[0]) == depth + 1


def test_a_notebook_is_indexed_as_its_code_cells_in_order_with_cell_numbers():
    notebook = json.dumps(
        {
            "nbformat": 4,
            "cells": [
                {"cell_type": "markdown", "source": "# Churn"},
                {"cell_type": "code", "source": "import pandas as pd\nframe = pd.read_csv('c.csv')"},
                {
                    "cell_type": "code",
                    "source": "frame = frame.dropna()\nframe.describe()\nprint(len(frame))",
                },
            ],
        }
    ).encode()
    indexer = CodeIndexer()

    indexer.add("eda.ipynb", notebook_facts(notebook, AnalysisLimits()), None)

    [file] = indexer.index().files
    assert file.kind == "notebook" and file.cells == [(1, 2), (5, 3)]
    assert file.text is not None and file.text.startswith("# In[2]:\nimport pandas as pd\n")
    assert file.fingerprints and cell_span((2, 6), file.cells) == (2, 3)


def test_a_file_over_the_text_cap_keeps_its_fingerprints_but_not_its_text():
    big = TRAINING + "\n" + "# padding\n" * (MAX_STORED_TEXT // 10)
    indexer = CodeIndexer()

    indexer.add("big.py", python_facts(big.encode(), AnalysisLimits()), None)
    indexer.add("small.py", python_facts(TRAINING.encode(), AnalysisLimits()), None)

    index = indexer.index()
    assert [f.text is None for f in index.files] == [True, False] and index.text_truncated
    assert all(f.fingerprints for f in index.files)


def test_marked_stretches_join_across_a_few_blank_lines_only():
    assert merged([(10, 12), (3, 5), (15, 20), (40, 44)], gap=4) == [(3, 20), (40, 44)]
