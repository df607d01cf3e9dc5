"""Recruiter text made inert (RELIABILITY D4): every HTML tag stripped, pages render it escaped.

Ads are plain text with line breaks; nothing a recruiter types is ever rendered as markup. nh3 (the
Ammonia sanitizer) does the stripping, which is sturdier than a regular expression on broken HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import nh3

_SCRIPT_SCHEMES = re.compile(r"(?i)\b(?:java|vb)script\s*:")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_PASSES = 5  # each pass can only shorten the text; real input settles in one or two


def plain_text(value: str) -> str:
    """The text with tags, script: schemes and control characters removed; entities decoded.

    Decoding can reveal a tag that was written as entities (``&lt;script&gt;``), so strip again
    until nothing changes.
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    for _ in range(_MAX_PASSES):
        cleaned = html.unescape(nh3.clean(text, tags=set()))
        cleaned = _SCRIPT_SCHEMES.sub("", _CONTROL_CHARACTERS.sub("", cleaned))
        if cleaned == text:
            break
        text = cleaned
    return text.strip()


def plain_lines(values: Iterable[str]) -> list[str]:
    """Each item made plain; items that end up empty are dropped."""
    return [line for line in (plain_text(value) for value in values) if line]
