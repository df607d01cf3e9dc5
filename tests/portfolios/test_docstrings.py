"""Docstring counts match interrogate 1.7.0's defaults on regular, parsable files, and go further
where interrogate falls short (unparsable files, symlinks, BOMs and coding cookies)."""

from __future__ import annotations

import shutil

import pytest
from interrogate.config import InterrogateConfig
from interrogate.coverage import InterrogateCoverage

from portfolios.analysis import AnalysisLimits, analyze_tree

from .repos import DOCUMENTED_TYPED, NO_TESTS, NOTEBOOK_HEAVY, write_tree

TRICKY = {
    "empty.py": "",
    "pkg/__init__.py": "",
    "pkg/blank_docs.py": '"""   """\n\n\ndef f():\n    """\t\n    """\n',
    "pkg/kinds.py": '''"""Module."""
import typing
from typing import overload


class Outer:
    class Inner:
        """Inner doc."""

        def method(self): ...

    def __init__(self):
        """Init."""

    def __repr__(self):
        return ""

    @property
    def value(self):
        """Value."""

    @value.setter
    def value(self, v):
        pass

    async def fetch(self):
        """Async."""

    def _private(self):
        pass

    def __mangled(self):
        pass


@overload
def g(x: int) -> int: ...
@typing.overload
def g(x: str) -> str: ...
def g(x):
    """Impl."""


def outer():
    def inner():
        """Nested."""

        class Local:
            def m(self):
                pass

    async def ainner():
        pass

    return inner


if True:
    def conditional():
        pass
else:
    class Other:
        """Doc."""
try:
    def in_try():
        pass
except ImportError:
    def in_except():
        pass
finally:
    def in_finally():
        pass
with open(__file__) as fh:
    def in_with():
        pass
for i in range(1):
    def in_for():
        pass
while False:
    def in_while():
        pass
match 1:
    case 1:
        def in_match():
            pass


def bytes_doc():
    b"not a docstring"


def fstring_doc():
    f"not a docstring {1}"


def late_doc():
    x = 1
    "not a docstring"


lam = lambda: None
''',
}


def interrogate_counts(root) -> tuple[int, int]:
    results = InterrogateCoverage(paths=[str(root)], conf=InterrogateConfig()).get_coverage()
    return results.total, results.covered


def analyzer_counts(root) -> tuple[int, int]:
    report = analyze_tree(root, AnalysisLimits()).report
    return report.docstrings.total, report.docstrings.documented


@pytest.mark.parametrize(
    "files",
    [DOCUMENTED_TYPED, NO_TESTS, NOTEBOOK_HEAVY | {"helpers.py": "def f():\n    pass\n"}, TRICKY],
    ids=["documented-and-typed", "no-tests", "notebook-heavy", "every-kind-of-definition"],
)
def test_totals_match_interrogate_defaults_on_fixture_trees(tmp_path, files):
    write_tree(tmp_path, files)

    assert analyzer_counts(tmp_path) == interrogate_counts(tmp_path)


def test_every_definition_kind_is_counted_like_interrogate(tmp_path):
    write_tree(tmp_path, TRICKY)

    by_kind = analyze_tree(tmp_path, AnalysisLimits()).report.docstrings.by_kind

    assert {kind: (count.total, count.documented) for kind, count in by_kind.items()} == {
        "module": (4, 1),
        "class": (2, 1),
        "function": (16, 1),
        "method": (9, 3),
        "nested_class": (2, 1),
        "nested_function": (2, 1),
    }


def test_undocumented_public_definitions_are_listed_as_path_line_name(tmp_path):
    write_tree(
        tmp_path, {"shop.py": '"""Shop."""\n\n\ndef checkout():\n    pass\n\n\ndef _internal():\n    pass\n'}
    )

    docstrings = analyze_tree(tmp_path, AnalysisLimits()).report.docstrings

    assert docstrings.undocumented_public == ["shop.py:4:checkout"]
    assert docstrings.coverage == pytest.approx(33.3)


def test_unparsable_and_symlinked_files_are_skipped_where_interrogate_fails_or_double_counts(tmp_path):
    regular = write_tree(tmp_path / "regular", TRICKY)
    hostile = tmp_path / "hostile"
    shutil.copytree(regular, hostile)
    write_tree(hostile, {"py2.py": "print 'hello'\n"})
    (hostile / "alias.py").symlink_to(hostile / "pkg" / "kinds.py")

    report = analyze_tree(hostile, AnalysisLimits()).report

    assert (report.docstrings.total, report.docstrings.documented) == interrogate_counts(regular)
    assert [error.path for error in report.parse_errors] == ["py2.py"]
    assert {"path": "alias.py", "reason": "symlink"} in [item.model_dump() for item in report.files.skipped]
    with pytest.raises(SyntaxError):
        interrogate_counts(hostile)


def test_bom_and_latin1_cookie_files_are_parsed_from_bytes(tmp_path):
    write_tree(
        tmp_path,
        {
            "bom.py": b'\xef\xbb\xbf"""With a BOM."""\n',
            "latin.py": b'# -*- coding: latin-1 -*-\n"""Caf\xe9."""\n\n\ndef f():\n    pass\n',
        },
    )

    report = analyze_tree(tmp_path, AnalysisLimits()).report

    assert (report.docstrings.total, report.docstrings.documented) == (3, 2)
    assert report.parse_errors == []
    with pytest.raises((SyntaxError, UnicodeDecodeError)):
        interrogate_counts(tmp_path)
