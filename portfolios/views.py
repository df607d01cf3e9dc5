"""Staff pages of this app: the reference code candidates must not pass off as their own (our
repositories, tutorials and courses), read into the copy index."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.access import any_permission_required
from portfolios.forms import SUGGESTIONS, KnownRepositoryForm
from portfolios.jobs import enqueue_refresh_known_repository
from portfolios.models import KnownRepository

VIEW_KNOWN = "portfolios.view_knownrepository"
ADD_KNOWN = "portfolios.add_knownrepository"
REMOVE_KNOWN = "portfolios.delete_knownrepository"


@require_http_methods(["GET", "POST"])
@any_permission_required(VIEW_KNOWN)
def known_repositories(request: HttpRequest) -> HttpResponse:
    form = KnownRepositoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and request.user.has_perm(ADD_KNOWN):
        known, created = KnownRepository.objects.update_or_create(
            full_name=form.cleaned_data["repository"],
            defaults={"kind": form.cleaned_data["kind"], "under": form.cleaned_data["under"]},
        )
        enqueue_refresh_known_repository(known.pk)
        messages.success(request, f"{known.label} {'added' if created else 'updated'}; reading it now.")
        return redirect("portfolios:known_repositories")
    repositories = KnownRepository.objects.select_related("code_source").annotate(
        files=Count("code_source__files")
    )
    listed = {repo.full_name.lower() for repo in repositories}
    suggestions = [s for s in SUGGESTIONS if s.repository.lower() not in listed]
    context = {"form": form, "repositories": repositories, "suggestions": suggestions}
    return render(request, "portfolios/known_repositories.html", context, status=400 if form.errors else 200)


@require_POST
@any_permission_required(ADD_KNOWN)
def refresh_known_repository(request: HttpRequest, pk: int) -> HttpResponse:
    known = get_object_or_404(KnownRepository, pk=pk)
    enqueue_refresh_known_repository(known.pk)
    messages.success(request, f"Reading {known.label} again now.")
    return redirect("portfolios:known_repositories")


@require_POST
@any_permission_required(REMOVE_KNOWN)
def remove_known_repository(request: HttpRequest, pk: int) -> HttpResponse:
    known = get_object_or_404(KnownRepository, pk=pk)
    known.delete()  # its fingerprints go with it (cascade): copies of it are no longer found
    messages.success(request, f"{known.label} removed from the list; its code is no longer compared.")
    return redirect("portfolios:known_repositories")
