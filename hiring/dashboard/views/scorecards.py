"""The interviewer's scorecard on the candidate page: save a draft or submit (``dashboard.scorecards``)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import acting_user, any_permission_required
from hiring.dashboard.access import application_or_404
from hiring.dashboard.scorecards import (
    SCORE_APPLICATIONS,
    ScorecardForm,
    competencies_for,
    save_scorecard,
    scale_for,
    scorecard_panel,
)
from hiring.dashboard.views.candidate import DETAIL_RELATED, detail_context
from hiring.models import Application


@require_POST
@any_permission_required(SCORE_APPLICATIONS)
def scorecard(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    application = application_or_404(request, pk, Application.objects.select_related(*DETAIL_RELATED))
    user = acting_user(request)
    family = application.job_ad.role_family
    form = ScorecardForm(request.POST, competencies=competencies_for(family), scale=scale_for(family))
    if not form.is_valid():
        panel = scorecard_panel(application=application, user=user, form=form)
        context = detail_context(request, application, scorecards=panel)
        return render(request, "hiring/dashboard/detail.html", context, status=400)
    save_scorecard(application=application, interviewer=user, ratings=form.ratings(), submit=form.is_submit)
    done = "Scorecard submitted." if form.is_submit else "Draft saved; only you can see it."
    messages.success(request, done)
    return redirect(reverse("hiring:application", args=[application.pk]) + "#scorecards")
