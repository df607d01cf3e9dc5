"""Accessible horizontal bar charts as inline SVG, drawn on the server from numbers and labels.

Every label goes through ``escape``; the rest of the markup is built from numbers only, so the
result is safe to render with ``|safe``. Colours come from CSS classes (the CSP forbids inline
styles); each chart is a ``role="img"`` with a title and a description for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape

ROW_HEIGHT = 46  # a label line above each bar
LABEL_BASELINE = 14
BAR_TOP = 20
BAR_HEIGHT = 18
BAR_SPAN_PERCENT = 68  # the largest bar; the rest of the width holds its caption


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    caption: str  # what is written after the bar, e.g. "12 (30%)"
    is_highlighted: bool = False


def bar_chart(*, chart_id: str, title: str, description: str, bars: Sequence[Bar]) -> str:
    """An SVG string: per bar, its label on a line and the bar below it, scaled to the largest value.

    Lengths across are percentages of the chart's width and the text has a fixed size, so the
    chart reads the same on a phone and a desktop (a scaled viewBox would shrink the text).
    """
    height = ROW_HEIGHT * max(len(bars), 1) + 4
    largest = max((bar.value for bar in bars), default=0) or 1
    rows = "".join(_row(index, bar, bar.value / largest * BAR_SPAN_PERCENT) for index, bar in enumerate(bars))
    ident = escape(chart_id)
    return (
        f'<svg class="chart" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'width="100%" height="{height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f"{rows}</svg>"
    )


def _row(index: int, bar: Bar, percent: float) -> str:
    top = index * ROW_HEIGHT
    middle = top + BAR_TOP + BAR_HEIGHT / 2
    kind = "chart-bar chart-bar-highlight" if bar.is_highlighted else "chart-bar"
    return (
        f'<g aria-hidden="true">'
        f'<text class="chart-label" x="0" y="{top + LABEL_BASELINE}">{escape(bar.label)}</text>'
        f'<rect class="{kind}" x="0" y="{top + BAR_TOP}" width="{percent:.1f}%" '
        f'height="{BAR_HEIGHT}" rx="2"/>'
        f'<text class="chart-value" x="{percent + 1.5:.1f}%" y="{middle:.1f}" '
        f'dominant-baseline="middle">{escape(bar.caption)}</text>'
        f"</g>"
    )
