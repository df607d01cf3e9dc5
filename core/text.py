"""English for the sentences pages show: a count with its noun, and a list joined with "and"."""

from __future__ import annotations

from collections.abc import Sequence


def count(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 project", "3 projects", "2 analyses" (with ``plural``)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def and_list(items: Sequence[str]) -> str:
    """ "Testing", "Testing and Own work", "Typing, Testing and Own work"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def one_line(text: str) -> str:
    """Whitespace runs, line breaks included, as single spaces: an email subject injects no header."""
    return " ".join(text.split())
