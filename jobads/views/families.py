"""Recruiter pages for role families: their descriptions, default responsibilities and vocabulary."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.access import any_permission_required
from jobads.forms import RoleFamilyForm
from jobads.models import RoleFamily
from jobads.permissions import ADD_FAMILIES, EDIT_FAMILIES, VIEW_FAMILIES
from jobads.services import save_role_family


@require_safe
@any_permission_required(VIEW_FAMILIES)
def family_list(request: HttpRequest) -> HttpResponse:
    return render(request, "jobads/family_list.html", {"families": RoleFamily.objects.all()})


@require_http_methods(["GET", "POST"])
@any_permission_required(ADD_FAMILIES)
def family_create(request: HttpRequest) -> HttpResponse:
    return _family_form(request, RoleFamily())


@require_http_methods(["GET", "POST"])
@any_permission_required(EDIT_FAMILIES)
def family_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _family_form(request, get_object_or_404(RoleFamily, pk=pk))


def _family_form(request: HttpRequest, family: RoleFamily) -> HttpResponse:
    form = RoleFamilyForm(request.POST or None, instance=family)
    if request.method == "POST" and form.is_valid():
        save_role_family(family=form.save(commit=False))
        messages.success(request, f"Role family “{family.name}” saved.")
        return redirect("jobads:family_list")
    return render(request, "jobads/family_form.html", {"form": form, "family": family})
