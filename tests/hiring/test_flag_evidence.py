"""A flag's evidence reads as checkable sentences, made from the evidence the real flag rules store."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils.html import escape

from hiring.flags.evidence import evidence_lines
from hiring.flags.rules import (
    PostedRange,
    Profile,
    ProfileUse,
    salary_flag,
    shared_profile_flag,
    title_mismatch_flag,
)
from hiring.intake.salary import DesiredSalary
from jobads.models import RoleFamily
from tests.factories import form_data
from tests.hiring.dashboard_support import application_fixture  # noqa: F401

POSTED = PostedRange(minimum=140_000, maximum=175_000, currency="USD", period="year")


def lines(finding):
    return {line.label: line.text for line in evidence_lines(finding.kind, finding.evidence)}


def test_a_salary_above_the_range_shows_both_numbers_in_the_ads_terms():
    finding = salary_flag(DesiredSalary(100, "USD", "hour"), POSTED)

    assert lines(finding) == {
        "Asks at least": "$100 per hour",
        "The same, per year": "$208,000 per year",
        "Posted maximum": "$175,000 per year",
        "Above the maximum by": "18.9%",
    }


@pytest.mark.django_db
def test_a_role_mismatch_names_the_words_that_point_elsewhere():
    finding = title_mismatch_flag(
        Profile(title="MLOps Engineer", skills="Kubernetes, Terraform, CI/CD, Docker"),
        ad_family="Data Scientist",
        ad_skills=["statistics"],
        vocabularies=RoleFamily.objects.vocabularies(),
    )

    shown = lines(finding)
    assert shown["The title points to"] == "Machine Learning Engineer"
    assert "Terraform" in shown["Words of the Machine Learning Engineer vocabulary"]
    assert shown["Words of the Data Scientist vocabulary"] == "none"


def test_evidence_never_shows_a_raw_key():
    finding = shared_profile_flag("ada-l", [ProfileUse("a" * 32, "ML Engineer", date(2026, 11, 2))])
    assert finding is not None

    texts = [f"{line.label} {line.text}" for line in evidence_lines(finding.kind, finding.evidence)]

    assert texts == ["GitHub profile @ada-l", "Also given in an application to “ML Engineer” on 2026-11-02"]
    assert evidence_lines("some_future_kind", {"internal_code": 1}) == []


@pytest.mark.django_db
def test_the_other_application_is_linked_only_for_a_reader_who_may_open_it(
    client, submit, application, manager, other_manager, make_ad
):
    other_ad = make_ad(status="published", title="ML Engineer", owner=other_manager)
    submit(other_ad, form_data(email="bo@example.com", full_name="Bo Other"))
    other = other_ad.applications.get()
    client.force_login(manager)

    page = client.get(f"/staff/applications/{application.pk}/").content.decode()
    other_ad.reviewers.add(manager)
    linked = client.get(f"/staff/applications/{application.pk}/").content.decode()

    assert "Same GitHub profile as another candidate" in page
    assert escape("“ML Engineer”") in page and "(not one of the ads you review)" in page
    assert f'href="/staff/applications/{other.pk}/"' not in page
    assert f'href="/staff/applications/{other.pk}/"' in linked
