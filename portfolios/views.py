"""Staff pages of this app: the list of our own repositories that candidates must not copy."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.access import any_permission_required
from portfolios.forms import KnownRepositoryForm
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
        known, created = KnownRepository.objects.get_or_create(full_name=form.cleaned_data["repository"])
        enqueue_refresh_known_repository(known.pk)
        messages.success(
            request, f"{known.full_name} {'added' if created else 'is already listed'}; reading it now."
        )
        return redirect("portfolios:known_repositories")
    repositories = KnownRepository.objects.all()
    return render(request, "portfolios/known_repositories.html", {"form": form, "repositories": repositories})


@require_POST
@any_permission_required(REMOVE_KNOWN)
def remove_known_repository(request: HttpRequest, pk: int) -> HttpResponse:
    known = get_object_or_404(KnownRepository, pk=pk)
    known.delete()
    messages.success(request, f"{known.full_name} removed from the list.")
    return redirect("portfolios:known_repositories")
