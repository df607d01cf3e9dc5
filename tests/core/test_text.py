"""Counts and lists in the sentences pages show."""

from __future__ import annotations

import pytest

from core.text import and_list, count


@pytest.mark.parametrize(("n", "expected"), [(0, "0 projects"), (1, "1 project"), (2, "2 projects")])
def test_a_count_takes_the_plural_it_needs(n, expected):
    assert count(n, "project") == expected


def test_an_irregular_plural_is_given():
    assert count(2, "analysis", "analyses") == "2 analyses"


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], ""), (["Testing"], "Testing"), (["Testing", "Own work"], "Testing and Own work"),
     (["Typing", "Testing", "Own work"], "Typing, Testing and Own work")],
)  # fmt: skip
def test_lists_are_joined_with_and(items, expected):
    assert and_list(items) == expected
