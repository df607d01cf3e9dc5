"""Accessible horizontal bar charts as inline SVG, drawn on the server from numbers and labels.

Every label goes through ``escape``; the rest of the markup is built from numbers only, so the
result is safe to render with ``|safe``. Colours come from CSS classes (the CSP forbids inline
styles); each chart is a ``role="img"`` with a title and a description for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape

WIDTH = 640
LABEL_WIDTH = 260
VALUE_WIDTH = 130  # room after the longest bar for its caption ("12 minutes", "100 (100%)")
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    caption: str  # what is written after the bar, e.g. "12 (30%)"
    is_highlighted: bool = False


def bar_chart(*, chart_id: str, title: str, description: str, bars: Sequence[Bar]) -> str:
    """An SVG string: one row per bar, bars scaled to the largest value (an all-zero chart is empty)."""
    height = ROW_HEIGHT * max(len(bars), 1) + 8
    largest = max((bar.value for bar in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows = "".join(_row(index, bar, bar.value / largest * span) for index, bar in enumerate(bars))
    ident = escape(chart_id)
    return (
        f'<svg class="chart" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f"{rows}</svg>"
    )


def _row(index: int, bar: Bar, length: float) -> str:
    top = 4 + index * ROW_HEIGHT
    middle = top + BAR_HEIGHT / 2
    kind = "chart-bar chart-bar-highlight" if bar.is_highlighted else "chart-bar"
    return (
        f'<g aria-hidden="true">'
        f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end" '
        f'dominant-baseline="middle">{escape(bar.label)}</text>'
        f'<rect class="{kind}" x="{LABEL_WIDTH}" y="{top}" width="{length:.1f}" '
        f'height="{BAR_HEIGHT}" rx="2"/>'
        f'<text class="chart-value" x="{LABEL_WIDTH + length + 6:.1f}" y="{middle:.1f}" '
        f'dominant-baseline="middle">{escape(bar.caption)}</text>'
        f"</g>"
    )
