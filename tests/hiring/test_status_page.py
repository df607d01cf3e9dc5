"""The candidate's private status link shows received / in review / closed, and nothing internal."""

from __future__ import annotations

import pytest

from hiring.models import Application
from tests.factories import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(submit, make_ad, private_storage, review_queue) -> Application:
    submit(make_ad(status="published"), form_data(salary_text="250k", confirm_salary="on"))
    return Application.objects.get()


@pytest.mark.parametrize(
    ("stage", "label"),
    [("applied", "Received"), ("screening", "In review"), ("technical", "In review"), ("rejected", "Closed")],
)
def test_the_status_page_translates_stages_into_three_words(client, application, stage, label):
    Application.objects.filter(pk=application.pk).update(stage=stage)

    page = client.get(f"/applications/{application.status_token}/").content.decode()

    assert f"<strong>{label}</strong>" in page


def test_the_status_page_never_shows_flags_or_scores(client, application):
    assert application.flags.filter(kind="salary_above_range").exists()

    page = client.get(f"/applications/{application.status_token}/").content.decode()

    assert (
        "above the posted maximum" not in page and "250,000" not in page and "Salary above range" not in page
    )
    assert 'name="robots" content="noindex"' in page


@pytest.mark.parametrize(
    "tamper", [lambda t: t[:-2] + "xx", lambda t: t.replace(":", ";"), lambda t: "nonsense"]
)
def test_a_tampered_status_token_is_404(client, application, tamper):
    assert client.get(f"/applications/{tamper(application.status_token)}/").status_code == 404


def test_closing_the_role_shows_closed_to_candidates_still_waiting(client, application, recruiter):
    from jobads.services import change_status

    change_status(ad=application.job_ad, action="close", by=recruiter)

    page = client.get(f"/applications/{application.status_token}/").content.decode()

    assert "This role is no longer open" in page


def test_the_status_page_offers_a_way_to_ask_for_deletion_naming_the_application(
    client, application, settings
):
    settings.PRIVACY_CONTACT_EMAIL = "privacy@acme.example"

    page = client.get(f"/applications/{application.status_token}/").content.decode()

    assert 'href="mailto:privacy@acme.example?subject=Please%20delete%20my%20application' in page
    assert f"Application%20reference%3A%20{application.pk}" in page
