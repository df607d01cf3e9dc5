"""Finding a person across every ad a reviewer triages, and their other applications on their page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from hiring.models import Application
from jobads.models import JobAd
from tests.factories import form_data
from tests.resume_files import make_pdf

pytestmark = pytest.mark.django_db
GRACE_RESUME = "Platform engineer: compilers, build systems, release pipelines."


@pytest.fixture
def ads(make_ad):
    scientist = make_ad(status="published", title="Senior Data Scientist")
    engineer = make_ad(status="published", title="ML Engineer, Serving")
    return scientist, engineer


@pytest.fixture
def applied(ads, submit, private_storage, review_queue, read_resumes):
    """Ada applied to both ads, Grace to the engineering one; their résumés were read by the worker."""
    scientist, engineer = ads
    submit(scientist, form_data(skills="statistics, regression, causal inference"))
    submit(engineer, form_data(current_title="Data Scientist", skills="pandas, airflow"))
    submit(
        engineer,
        form_data(
            full_name="Grace Hopper", email="grace@example.com", github_username="ghopper",
            current_title="Platform Engineer", skills="terraform, kubernetes, CI/CD",
            resume=SimpleUploadedFile("grace.pdf", make_pdf(GRACE_RESUME), content_type="application/pdf"),
        ),
    )  # fmt: skip
    read_resumes()
    return Application.objects.select_related("candidate", "job_ad")


def found(client, text: str) -> list[tuple[str, str]]:
    """(candidate name as shown, ad title) of each result row."""
    page = client.get("/staff/search/", {"q": text})
    assert page.status_code == 200
    return [(app.candidate.full_name, app.job_ad.title) for app in page.context["results"].applications]


def test_a_person_is_found_across_ads_by_name_email_github_skill_title_and_resume(client, manager, applied):
    client.force_login(manager)

    assert sorted(found(client, "lovelace")) == [
        ("Ada Lovelace", "ML Engineer, Serving"),
        ("Ada Lovelace", "Senior Data Scientist"),
    ]
    assert found(client, "grace@example") == [("Grace Hopper", "ML Engineer, Serving")]
    assert found(client, "ghopper") == [("Grace Hopper", "ML Engineer, Serving")]
    assert found(client, "terraform") == [("Grace Hopper", "ML Engineer, Serving")]
    assert found(client, "platform engineer") == [("Grace Hopper", "ML Engineer, Serving")]
    assert len(found(client, "jupyter")) == 2  # only in Ada's résumé, read by the worker
    assert found(client, "cobol") == []
    assert found(client, "   ") == []
    assert found(client, "&|!():* '\"") == []  # query syntax typed as text is no error, and finds nothing


def test_several_words_match_in_any_order_on_postgresql_and_as_typed_on_sqlite(client, manager, applied):
    client.force_login(manager)

    if connection.vendor == "postgresql":
        assert found(client, "airflow pandas") == [("Ada Lovelace", "ML Engineer, Serving")]
        assert found(client, "statistics -airflow") == [("Ada Lovelace", "Senior Data Scientist")]
        assert found(client, "jupyter -causal") == [("Ada Lovelace", "ML Engineer, Serving")]  # across fields
    else:
        assert found(client, "airflow pandas") == []
        assert found(client, "pandas, airflow") == [("Ada Lovelace", "ML Engineer, Serving")]


def test_only_the_ads_a_reviewer_triages_are_searched(client, other_manager, applied, ads):
    JobAd.objects.filter(pk=ads[0].pk).update(owner=other_manager)
    client.force_login(other_manager)

    assert found(client, "lovelace") == [("Ada Lovelace", "Senior Data Scientist")]


def test_under_blind_review_a_person_is_found_by_skills_never_by_name_or_resume(
    client, manager, applied, ads
):
    JobAd.objects.filter(pk=ads[0].pk).update(is_blind_review=True)
    client.force_login(manager)

    assert found(client, "lovelace") == [("Ada Lovelace", "ML Engineer, Serving")]
    assert found(client, "jupyter") == [("Ada Lovelace", "ML Engineer, Serving")]  # résumé text
    page = client.get("/staff/search/", {"q": "causal"})  # a skill on the blind ad's application only
    assert [app.job_ad.title for app in page.context["results"].applications] == ["Senior Data Scientist"]
    assert "Lovelace" not in page.content.decode() and "Candidate " in page.content.decode()


def test_a_person_s_other_applications_are_linked_on_their_page_unless_blinded(client, manager, applied, ads):
    client.force_login(manager)
    first, second = (applied.get(candidate__full_name="Ada Lovelace", job_ad=ad) for ad in ads)

    page = client.get(f"/staff/applications/{first.pk}/").content.decode()
    assert "Also applied to" in page and f'href="/staff/applications/{second.pk}/"' in page

    JobAd.objects.filter(pk=ads[0].pk).update(is_blind_review=True)
    blinded = client.get(f"/staff/applications/{first.pk}/").content.decode()
    named = client.get(f"/staff/applications/{second.pk}/").content.decode()
    assert "Also applied to" not in blinded  # the pseudonym is not tied to a name
    assert f'href="/staff/applications/{first.pk}/"' not in named


def test_search_is_for_reviewers_only(client, recruiter, applied):
    assert client.get("/staff/search/", {"q": "ada"}).status_code == 302  # to sign in
    client.force_login(recruiter)
    assert client.get("/staff/search/", {"q": "ada"}).status_code == 403
