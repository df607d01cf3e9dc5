"""An ad's analytics page: the numbers from ``dashboard.analytics`` as SVG bar charts with their tables."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.access import acting_user, any_permission_required
from hiring.dashboard.access import VIEW_ANALYTICS, readable_ad_or_404
from hiring.dashboard.analytics import (
    AdAnalytics,
    Bucket,
    ad_analytics,
    duration,
    duration_in_units,
    funnel_sentence,
    stage_time_sentence,
)
from hiring.dashboard.charts import Bar, bar_chart
from jobads.models import JobAd


@require_safe
@any_permission_required(VIEW_ANALYTICS)
def analytics(request: HttpRequest, pk: int) -> HttpResponse:
    ad = readable_ad_or_404(request, pk)
    report = ad_analytics(ad)
    context = {
        "ad": ad,
        "triages": JobAd.objects.triaged_by(acting_user(request)).filter(pk=ad.pk).exists(),
        "report": report,
        "charts": charts(report),
        "funnel_sentence": funnel_sentence(report.total, report.funnel, report.closed),
        "stage_time_sentence": stage_time_sentence(report.stage_times),
    }
    return render(request, "hiring/dashboard/analytics.html", context)


def charts(report: AdAnalytics) -> dict[str, str]:
    """Only charts with something to draw; the template shows the empty state otherwise."""
    drawn = {
        "salary": bar_chart(
            chart_id="chart-salary",
            title="Desired minimum pay against the posted range",
            description=report.salary.sentence(),
            bars=_bars(report.salary.buckets, report.salary.comparable),
        ),
        "scores": bar_chart(
            chart_id="chart-scores",
            title="Portfolio scores out of 100",
            description=report.scores.sentence(),
            bars=_bars(report.scores.buckets, report.scores.scored),
        ),
        "funnel": bar_chart(
            chart_id="chart-funnel",
            title="Applications that reached each stage or a later one",
            description=" ".join(f"{step.label}: {step.reached}." for step in report.funnel),
            bars=[_bar(step.label, step.reached, report.total) for step in report.funnel],
        ),
        "times": bar_chart(
            chart_id="chart-times",
            title="Median time in each stage before moving on",
            description=" ".join(f"{t.label}: {duration(t.median)}." for t in report.stage_times),
            bars=[_time_bar(t.label, t.median) for t in report.stage_times],
        ),
    }
    return {name: svg for name, svg in drawn.items() if _has_data(report, name)}


def _has_data(report: AdAnalytics, name: str) -> bool:
    return {
        "salary": report.salary.comparable > 0 and bool(report.salary.buckets),
        "scores": report.scores.scored > 0,
        "funnel": report.total > 0,
        "times": bool(report.stage_times),
    }[name]


def _time_bar(label: str, span: timedelta) -> Bar:
    words, rounded = duration_in_units(span)
    return Bar(label=label, value=rounded, caption=words)


def _bars(buckets: tuple[Bucket, ...], total: int) -> list[Bar]:
    return [_bar(b.label, b.count, total, is_highlighted=b.is_above_range) for b in buckets]


def _bar(label: str, count: int, total: int, *, is_highlighted: bool = False) -> Bar:
    share = f" ({count / total:.0%})" if total else ""
    return Bar(label=label, value=count, caption=f"{count}{share}", is_highlighted=is_highlighted)
