"""Recruiters' pages for the stage emails: every stage's text, and one text's editor with a preview."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from core.access import acting_user, any_permission_required
from hiring.models import Application, EmailTemplate
from hiring.pipeline.emails import PLACEHOLDERS, example_values, fill, stage_text
from hiring.pipeline.forms import EmailTemplateForm
from jobads.models import JobAd

EDIT_EMAILS = "hiring.change_emailtemplate"
Stage = Application.Stage


@require_safe
@any_permission_required(EDIT_EMAILS)
def email_templates(request: HttpRequest) -> HttpResponse:
    """Each stage: the text a move to it offers, and the ads that have one of their own."""
    templates = list(EmailTemplate.objects.select_related("job_ad"))
    rows = [
        {
            "stage": stage,
            "label": label,
            "text": stage_text(stage, None),
            "ads": [t.job_ad for t in templates if t.stage == stage and t.job_ad is not None],
        }
        for stage, label in Stage.choices
    ]
    return render(request, "hiring/pipeline/email_templates.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@any_permission_required(EDIT_EMAILS)
def email_template(request: HttpRequest, stage: str, ad_pk: int | None = None) -> HttpResponse:
    """Edit the stage's text (for one ad with ``ad_pk``): preview it filled in, save it, or go back
    to the text it replaces (the stage's general one, or the built-in one)."""
    if stage not in Stage.values:
        raise Http404("No such stage.")
    ad = get_object_or_404(JobAd, pk=ad_pk) if ad_pk is not None else None
    own = EmailTemplate.objects.filter(stage=stage, job_ad=ad).first()
    current = stage_text(stage, ad)
    initial = {"subject": current.subject, "body": current.body} if current else {}
    form = EmailTemplateForm(request.POST or None, initial=initial)
    back = reverse("hiring:email_templates")
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "reset":
        if own is not None:
            own.delete()
        messages.success(request, f"The {Stage(stage).label} email is back to the text it started from.")
        return redirect(back)
    preview = None
    if request.method == "POST" and form.is_valid():
        if action == "save":
            EmailTemplate.objects.update_or_create(
                stage=stage,
                job_ad=ad,
                defaults={**form.cleaned_data, "updated_by": acting_user(request)},
            )
            messages.success(
                request, f"Saved the {Stage(stage).label} email" + (f" for {ad.title}." if ad else ".")
            )
            return redirect(back)
        values = example_values(ad)
        preview = {
            "subject": fill(form.cleaned_data["subject"], values),
            "body": fill(form.cleaned_data["body"], values),
        }
    context = {
        "stage": stage,
        "label": Stage(stage).label,
        "ad": ad,
        "own": own,
        "current": current,
        "form": form,
        "preview": preview,
        "placeholders": PLACEHOLDERS,
        "ads_for_override": [] if ad else JobAd.objects.newest_first(),
    }
    return render(
        request,
        "hiring/pipeline/email_template.html",
        context,
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )
