"""RELIABILITY D4: whatever markup a recruiter pastes is stored as inert plain text."""

from __future__ import annotations

import pytest

from jobads.sanitize import plain_lines, plain_text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("<script>alert(1)</script>Great team", "Great team"),
        ('<a href="javascript:alert(1)">Apply here</a>', "Apply here"),
        ("<img src=x onerror=alert(1)>Benefits", "Benefits"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Pension", "Pension"),
        ("See javascript:alert(1) or JavaScript :void(0)", "See alert(1) or void(0)"),
        ("R&D and <b>bold</b> claims", "R&D and bold claims"),
        ("Pay < 200k and > 100k", "Pay < 200k and > 100k"),
        ("Line one\r\nLine two\x00\x07", "Line one\nLine two"),
        ('  Tom\'s "quoted" text  ', 'Tom\'s "quoted" text'),
    ],
)
def test_markup_is_stripped_and_plain_text_is_kept(typed, stored):
    assert plain_text(typed) == stored


def test_plain_lines_drops_items_that_were_only_markup():
    assert plain_lines(["Build models", "<script>x()</script>", " <i>Explain</i> results "]) == [
        "Build models",
        "Explain results",
    ]
