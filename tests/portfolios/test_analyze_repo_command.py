"""`manage.py analyze_repo`: the JSON keys other code relies on, the summary, and the exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from .repos import DOCUMENTED_TYPED, NOTEBOOK_HEAVY, executed_notebook, file_url, git_repo, write_tree

INTERFACE_KEYS = [
    "docstrings.total",
    "docstrings.documented",
    "docstrings.coverage",
    "type_hints.functions",
    "type_hints.fully_annotated",
    "type_hints.coverage",
    "tests.test_files",
    "tests.test_functions",
    "tests.ci",
    "provenance.head_sha",
    "provenance.root_commits",
    "files.python",
    "files.notebooks",
    "files.skipped",
    "parse_errors",
]
MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


def run(*arguments: str) -> str:
    out = StringIO()
    call_command("analyze_repo", *arguments, stdout=out)
    return out.getvalue()


def lookup(document: dict[str, Any], dotted: str) -> Any:
    value = document
    for key in dotted.split("."):
        value = value[key]
    return value


def test_json_output_has_every_interface_key(tmp_path):
    repo = git_repo(tmp_path / "repo", DOCUMENTED_TYPED | NOTEBOOK_HEAVY)

    document = json.loads(run(str(repo), "--json"))

    values = {key: lookup(document, key) for key in INTERFACE_KEYS}
    assert values["docstrings.total"] == 10
    assert values["tests.ci"] == ["GitHub Actions"]
    assert (values["files.python"], values["files.notebooks"]) == (3, 3)
    assert values["parse_errors"] == [
        {"path": "broken.ipynb", "error": "malformed notebook: invalid JSON: JSONDecodeError"}
    ]
    assert len(values["provenance.root_commits"]) == 1
    assert 0 <= values["docstrings.coverage"] <= 100


def test_the_default_output_is_a_readable_summary(tmp_path):
    write_tree(tmp_path, DOCUMENTED_TYPED)

    output = run(str(tmp_path))

    assert "Docstrings: 10/10 in .py files (100.0%); 0/0 in notebooks (0.0%)" in output
    assert "Tests: 2 tests in 1 files, 2 assertions; CI: GitHub Actions" in output
    assert "Ready to run: dependency lists pyproject.toml, requirements.txt; Python none" in output


def test_a_notebook_first_repository_shows_its_notebook_figures(tmp_path):
    narrated = executed_notebook(
        "# Sales", ('def weekly(frame):\n    """Sum per week."""\n    return frame', 1), ("weekly(1)", 2)
    )
    write_tree(tmp_path, {"sales.ipynb": narrated})

    output = run(str(tmp_path))

    assert "Docstrings: 0/0 in .py files (0.0%); 1/1 in notebooks (100.0%)" in output
    assert (
        "Notebooks: 1 with 2 code cells (1 functions, 0 classes), 1 markdown cells, 1 code cells explained"
        in output
    )


def test_a_git_url_is_cloned_when_settings_allow_its_transport(tmp_path, settings):
    settings.GIT_ALLOWED_PROTOCOLS = ["file"]
    repo = git_repo(tmp_path / "repo", DOCUMENTED_TYPED)

    document = json.loads(run(file_url(repo), "--json"))

    assert document["source"] == "git_objects"
    assert document["provenance"]["commit_count"] == 1


@pytest.mark.parametrize(
    "target", ["/no/such/directory", "ext::sh -c 'touch /tmp/x'", "file:///tmp/repo", "--upload-pack=x"]
)
def test_unusable_input_exits_2_with_one_line(target, settings):
    settings.GIT_ALLOWED_PROTOCOLS = ["https"]

    with pytest.raises(CommandError) as failure:
        call_command("analyze_repo", "--", target)

    assert failure.value.returncode == 2
    assert "\n" not in str(failure.value)


def test_a_repository_that_cannot_be_cloned_exits_1(tmp_path, settings):
    settings.GIT_ALLOWED_PROTOCOLS = ["file"]

    with pytest.raises(CommandError) as failure:
        call_command("analyze_repo", file_url(tmp_path / "missing"))

    assert failure.value.returncode == 1


def test_the_summary_escapes_control_and_bidi_characters_in_paths(tmp_path):
    write_tree(tmp_path, {"evil\x1b[2J\u202e.py": "print 'py2'\n"})

    output = run(str(tmp_path))

    assert "\x1b" not in output and "\u202e" not in output
    assert "evil\\x1b[2J\\u202e.py" in output


def test_the_command_line_prints_one_line_and_a_non_zero_status_for_a_missing_directory():
    environment = os.environ | {"DEBUG": "1"}

    done = subprocess.run(
        [sys.executable, str(MANAGE), "analyze_repo", "/no/such/directory"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "CommandError: not_a_directory: /no/such/directory is not a directory."
    ]
