"""Staff pages of this app: the list of our own repositories that candidates must not copy."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from portfolios.forms import KnownRepositoryForm
from portfolios.jobs import enqueue_refresh_known_repository
from portfolios.models import KnownRepository


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("portfolios.view_knownrepository", raise_exception=True)
def known_repositories(request: HttpRequest) -> HttpResponse:
    form = KnownRepositoryForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and request.user.has_perm("portfolios.add_knownrepository")
    ):
        known, created = KnownRepository.objects.get_or_create(full_name=form.cleaned_data["repository"])
        enqueue_refresh_known_repository(known.pk)
        messages.success(
            request, f"{known.full_name} {'added' if created else 'is already listed'}; reading it now."
        )
        return redirect("portfolios:known_repositories")
    repositories = KnownRepository.objects.all()
    return render(request, "portfolios/known_repositories.html", {"form": form, "repositories": repositories})


@require_POST
@login_required
@permission_required("portfolios.delete_knownrepository", raise_exception=True)
def remove_known_repository(request: HttpRequest, pk: int) -> HttpResponse:
    known = get_object_or_404(KnownRepository, pk=pk)
    known.delete()
    messages.success(request, f"{known.full_name} removed from the list.")
    return redirect("portfolios:known_repositories")
