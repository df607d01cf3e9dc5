"""Discussion scorecards: competencies from the role family, drafts private, colleagues' scorecards
hidden until you submit yours, submitted ones immutable (a correction is a new revision), the summary."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission, User

from hiring.dashboard.scorecards import (
    REASON_REQUIRED,
    Competency,
    ScorecardForm,
    competencies_for,
    summarize,
)
from hiring.models import Application, AuditEvent, Scorecard, ScorecardRating
from tests.hiring.dashboard_support import application_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
FOUR_POINTS = [(1, "No evidence"), (2, "Some evidence"), (3, "Solid"), (4, "Strong")]
DS_KEYS = ["statistics", "modeling", "experimentation", "communication"]
WAITING = "submit yours to see theirs"


def detail_url(app: Application) -> str:
    return f"/staff/applications/{app.pk}/"


def scorecard_url(app: Application) -> str:
    return f"/staff/applications/{app.pk}/scorecard/"


def scorecard_data(
    action: str = "submit", score: int = 3, reason: str = "Explained it well.", **changes: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {"action": action}
    for key in DS_KEYS:
        data[f"score_{key}"], data[f"reason_{key}"] = score, f"{reason} ({key})"
    return {**data, **changes}


def post_scorecard(client, user: User, app: Application, data: dict[str, Any]) -> Any:
    client.force_login(user)
    return client.post(scorecard_url(app), data)


def page(client, user: User, app: Application) -> str:
    client.force_login(user)
    response = client.get(detail_url(app))
    assert response.status_code == 200
    html: str = response.content.decode()
    return html


@pytest.fixture
def colleague(application: Application, other_manager: User) -> User:
    """A second interviewer: the other manager, named reviewer of the ad."""
    application.job_ad.reviewers.add(other_manager)
    return other_manager


# --- Rules over plain values ---------------------------------------------------------------------


def rating(key: str, score: int | None, label: str = "") -> ScorecardRating:
    return ScorecardRating(competency_key=key, competency_label=label or key.title(), score=score)


def test_the_summary_is_the_mean_and_count_per_competency_in_the_familys_order():
    competencies = [Competency("statistics", "Statistics"), Competency("modeling", "Modeling")]
    ratings = [rating("modeling", 2), rating("statistics", 3), rating("statistics", 4), rating("modeling", 4)]

    rows = summarize(competencies=competencies, ratings=ratings)

    assert [(r.label, r.mean, r.count) for r in rows] == [("Statistics", 3.5, 2), ("Modeling", 3.0, 2)]


def test_a_competency_no_one_rated_has_no_mean_and_a_retired_one_keeps_its_label():
    competencies = [Competency("statistics", "Statistics")]

    rows = summarize(competencies=competencies, ratings=[rating("sql", 1, label="SQL")])

    assert [(r.label, r.mean, r.count) for r in rows] == [("Statistics", None, 0), ("SQL", 1.0, 1)]


def test_a_draft_needs_neither_scores_nor_reasons():
    form = ScorecardForm(
        {"action": "save"}, competencies=[Competency("statistics", "Statistics")], scale=FOUR_POINTS
    )

    assert form.is_valid(), form.errors


def test_submitting_needs_a_score_and_a_reason_for_every_competency():
    data = {"action": "submit", "score_statistics": "3", "reason_statistics": "  "}
    form = ScorecardForm(data, competencies=[Competency("statistics", "Statistics")], scale=FOUR_POINTS)

    assert not form.is_valid()
    assert form.errors["reason_statistics"] == [REASON_REQUIRED]


def test_a_score_off_the_scale_is_refused():
    data = {"action": "save", "score_statistics": "5"}

    assert not ScorecardForm(
        data, competencies=[Competency("statistics", "Statistics")], scale=FOUR_POINTS
    ).is_valid()


# --- Competencies come from the role family --------------------------------------------------------


def test_the_seeded_families_have_their_competencies(data_scientist, ml_engineer):
    assert [c.key for c in competencies_for(data_scientist)] == DS_KEYS
    assert [c.label for c in competencies_for(ml_engineer)] == [
        "CI/CD",
        "Infrastructure",
        "Pipelines",
        "Communication",
    ]


def test_the_scorecard_form_rates_the_role_familys_competencies(client, manager, application):
    html = page(client, manager, application)

    assert all(f'name="score_{key}"' in html for key in DS_KEYS)
    assert "No evidence" in html and "Strong" in html


def test_competencies_follow_a_recruiters_edit_of_the_family(client, recruiter, manager, application):
    family = application.job_ad.role_family
    post_scorecard(client, manager, application, scorecard_data())
    client.force_login(recruiter)
    client.post(
        f"/staff/role-families/{family.pk}/edit/",
        {
            "name": family.name,
            "scorecard_competencies": "Causal inference: knows when a correlation is not",
            "scorecard_scale": "\n".join(label for _, label in FOUR_POINTS),
        },
    )

    family.refresh_from_db()
    assert family.scorecard_competencies == [
        {
            "key": "causal-inference",
            "label": "Causal inference",
            "description": "knows when a correlation is not",
        }
    ]
    html = page(client, manager, application)
    assert 'name="score_causal-inference"' in html and 'name="score_statistics"' not in html
    assert ScorecardRating.objects.filter(
        competency_label="Statistics"
    ).exists()  # the submitted one keeps its own


# --- Drafts and visibility -------------------------------------------------------------------------


def test_a_draft_is_private_to_its_author(client, manager, colleague, application):
    post_scorecard(client, colleague, application, scorecard_data())
    response = post_scorecard(client, manager, application, scorecard_data("save", reason="Draft thought"))

    assert response.status_code == 302
    assert Scorecard.objects.get(interviewer=manager).status == "draft"
    assert "Draft thought" in page(client, manager, application)
    assert "Draft thought" not in page(client, colleague, application)


def test_colleagues_scorecards_are_hidden_until_you_submit_yours(client, manager, colleague, application):
    post_scorecard(client, colleague, application, scorecard_data(reason="Olivia's view"))

    before = page(client, manager, application)
    assert "1 colleague has submitted; " + WAITING in before
    assert "Olivia&#x27;s view" not in before and "Mean score" not in before

    post_scorecard(client, manager, application, scorecard_data(reason="Morgan's view"))

    after = page(client, manager, application)
    assert "Olivia&#x27;s view" in after and "Mean score" in after and WAITING not in after


def test_a_saved_draft_does_not_unlock_colleagues_scorecards(client, manager, colleague, application):
    post_scorecard(client, colleague, application, scorecard_data(reason="Olivia's view"))
    post_scorecard(client, manager, application, scorecard_data("save"))

    assert "Olivia&#x27;s view" not in page(client, manager, application)


def test_an_observer_who_cannot_score_sees_only_the_count(client, manager, application):
    observer = User.objects.create_user("otto", "otto@example.test", "a-strong-test-password")
    observer.user_permissions.add(*Permission.objects.filter(codename__in=["view_application", "own_jobad"]))
    application.job_ad.reviewers.add(observer)
    post_scorecard(client, manager, application, scorecard_data(reason="Morgan's view"))

    html = page(client, observer, application)

    assert "1 colleague has submitted." in html and "Morgan&#x27;s view" not in html
    assert 'name="score_statistics"' not in html
    assert post_scorecard(client, observer, application, scorecard_data()).status_code == 403


def test_another_managers_application_is_a_404_and_nothing_is_saved(client, other_manager, application):
    response = post_scorecard(client, other_manager, application, scorecard_data())

    assert response.status_code == 404
    assert not Scorecard.objects.exists()
    assert AuditEvent.objects.filter(kind="access_denied", actor=other_manager).exists()


# --- Submitting, revisions and the summary ---------------------------------------------------------


def test_submitting_without_reasons_is_refused_and_nothing_is_submitted(client, manager, application):
    data = scorecard_data() | {f"reason_{key}": "" for key in DS_KEYS}

    response = post_scorecard(client, manager, application, data)

    assert response.status_code == 400
    assert REASON_REQUIRED.replace("'", "&#x27;") in response.content.decode()
    assert not Scorecard.objects.filter(status="submitted").exists()


def test_a_draft_becomes_the_submitted_scorecard(client, manager, application):
    post_scorecard(client, manager, application, scorecard_data("save", score=2))
    post_scorecard(client, manager, application, scorecard_data(score=4))

    card = Scorecard.objects.get()
    assert (card.revision, card.status, card.submitted_at is not None) == (1, "submitted", True)
    assert {r.score for r in card.ratings.all()} == {4}


def test_a_submitted_scorecard_is_never_changed_and_a_correction_is_a_new_revision(
    client, manager, application
):
    post_scorecard(client, manager, application, scorecard_data(score=2, reason="First take"))
    first = Scorecard.objects.get()

    post_scorecard(client, manager, application, scorecard_data(score=4, reason="Corrected"))

    first.refresh_from_db()
    assert first.status == "submitted" and {r.score for r in first.ratings.all()} == {2}
    latest = Scorecard.objects.get(revision=2)
    assert latest.status == "submitted" and {r.score for r in latest.ratings.all()} == {4}
    html = page(client, manager, application)
    assert "Earlier revisions (1)" in html and "First take" in html and "Corrected" in html


def test_the_summary_averages_each_interviewers_latest_submitted_scorecard(
    client, manager, colleague, application
):
    post_scorecard(client, colleague, application, scorecard_data(score=1))
    post_scorecard(client, colleague, application, scorecard_data(score=4))  # a correction: counts once
    post_scorecard(client, manager, application, scorecard_data(score=3, score_statistics=1))

    html = page(client, manager, application)

    assert '<tr><th scope="row">Statistics</th><td>2.5</td><td>2</td></tr>' in html
    assert '<tr><th scope="row">Modeling</th><td>3.5</td><td>2</td></tr>' in html


def test_an_ad_without_a_role_family_has_nothing_to_rate(client, manager, application):
    application.job_ad.role_family = None
    application.job_ad.save(update_fields=["role_family"])

    response = post_scorecard(client, manager, application, {"action": "save"})

    assert response.status_code == 400 and not Scorecard.objects.exists()
    assert "no competencies to rate yet" in response.content.decode()


# --- The scale comes from the role family too ------------------------------------------------------


def test_a_recruiter_can_give_a_family_its_own_scale_and_ratings_keep_the_words_they_had(
    client, recruiter, manager, application
):
    family = application.job_ad.role_family
    client.force_login(recruiter)
    client.post(
        f"/staff/role-families/{family.pk}/edit/",
        {
            "name": family.name,
            "scorecard_competencies": "Statistics: sound inference",
            "scorecard_scale": "Concern\nMixed\nGood\nVery good\nExceptional",
        },
    )
    family.refresh_from_db()
    assert family.scorecard_scale == ["Concern", "Mixed", "Good", "Very good", "Exceptional"]

    post_scorecard(
        client,
        manager,
        application,
        {"action": "submit", "score_statistics": 5, "reason_statistics": "Deep."},
    )

    rating = ScorecardRating.objects.get()
    assert (rating.score, rating.score_label) == (5, "Exceptional")
    assert "Mean score (1\u20135)" in page(client, manager, application)


@pytest.mark.parametrize("scale", ["Only one", "\n".join(f"Point {n}" for n in range(8))])
def test_a_scale_needs_two_to_seven_points(client, recruiter, data_scientist, scale):
    client.force_login(recruiter)

    response = client.post(
        f"/staff/role-families/{data_scientist.pk}/edit/",
        {"name": data_scientist.name, "scorecard_scale": scale},
    )

    assert "A scale has 2 to 7 points" in response.content.decode()
