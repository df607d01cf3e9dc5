"""The public job board: live ads only, newest first, filters, search, closed ads marked, D4 holds."""

from __future__ import annotations

import re

import pytest

from jobads.models import JobAd

pytestmark = pytest.mark.django_db


def board_titles(client, query: str = "") -> list[str]:
    return [ad.title for ad in client.get(f"/jobs/?{query}").context["page"]]


def test_the_board_lists_published_ads_newest_first_and_never_drafts_or_closed(client, make_ad):
    make_ad(title="Older", status="published")
    make_ad(title="Newer", status="published")
    make_ad(title="Secret draft")
    make_ad(title="Gone", status="closed")

    assert board_titles(client) == ["Newer", "Older"]
    assert "Secret draft" not in client.get("/jobs/").content.decode()


def test_a_draft_ad_page_is_404_for_everyone_outside_the_staff_pages(client, make_ad, recruiter):
    draft = make_ad()

    assert client.get(f"/jobs/{draft.slug}/").status_code == 404
    client.force_login(recruiter)
    assert client.get(f"/jobs/{draft.slug}/").status_code == 404


def test_a_closed_ad_stays_readable_and_is_clearly_marked_closed(client, make_ad):
    ad = make_ad(status="closed")

    page = client.get(f"/jobs/{ad.slug}/").content.decode()

    assert "This role is closed." in page and "application/ld+json" not in page


def test_the_ad_page_shows_the_pay_range_prominently(client, make_ad):
    ad = make_ad(status="published")

    page = client.get(f"/jobs/{ad.slug}/").content.decode()

    prominent = '<p class="pay-range"><span class="visually-hidden">Pay range: </span>'
    assert prominent + "$140,000 \u2013 $175,000 per year</p>" in page
    assert "Design experiments" in page and "Health cover and a pension." in page
    assert f'href="/jobs/{ad.slug}/apply/" role="button">Apply for this role</a>' in page


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("family=machine-learning-engineer", ["MLOps Engineer"]),
        ("arrangement=remote", ["MLOps Engineer"]),
        ("q=mlops", ["MLOps Engineer"]),
        ("q=Kubernetes", ["MLOps Engineer"]),
        ("q=berlin experiments", ["Data Scientist, Forecasting"]),
        ("q=data+scientist", ["Data Scientist, Forecasting"]),
        ("q=nothing-matches-this", []),
        ("family=no-such-family", ["MLOps Engineer", "Data Scientist, Forecasting"]),
    ],
)
def test_the_board_filters_by_family_arrangement_and_text(client, make_ad, ml_engineer, query, titles):
    make_ad(
        title="Data Scientist, Forecasting", location="Berlin", work_arrangement="hybrid", status="published"
    )
    make_ad(
        title="MLOps Engineer",
        role_family=ml_engineer,
        work_arrangement="remote",
        required_skills=["Kubernetes"],
        status="published",
    )

    assert board_titles(client, query) == titles


def test_recruiter_markup_never_reaches_the_public_page_as_markup(client, make_ad):
    """RELIABILITY D4: the page carries no executable markup from the ad's text."""
    ad = make_ad(
        title='Data Scientist<script>alert("t")</script>',
        summary='<a href="javascript:alert(1)">Apply</a> <img src=x onerror=alert(2)>',
        benefits="<svg onload=alert(3)>Pension",
        required_skills=["<iframe src=//evil.example>SQL"],
        status="published",
    )

    page = client.get(f"/jobs/{ad.slug}/").content.decode()

    assert (
        "alert(" not in page and "javascript:" not in page and "onerror" not in page and "<iframe" not in page
    )
    assert re.findall(r"<script[^>]*>", page) == ['<script type="application/ld+json">']


def test_the_pages_are_served_under_the_content_security_policy(client, make_ad):
    ad = make_ad(status="published")

    response = client.get(f"/jobs/{ad.slug}/")

    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_board_paginates_and_keeps_the_filters(client, make_ad):
    for number in range(21):
        make_ad(title=f"Role {number}", status="published")

    first = client.get("/jobs/?q=role").content.decode()
    second = client.get("/jobs/?q=role&page=2").context["page"]

    assert "q=role&amp;page=2" in first and len(second.object_list) == 1


def test_the_home_page_and_navigation_link_to_the_board(client):
    page = client.get("/").content.decode()

    assert page.count('href="/jobs/"') >= 2


def test_unknown_and_draft_slugs_use_the_site_404_page(client):
    response = client.get("/jobs/no-such-role/")

    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_an_ad_is_found_through_its_absolute_url(make_ad):
    ad = make_ad(status="published")

    assert ad.get_absolute_url() == f"/jobs/{ad.slug}/"
    assert JobAd.objects.public().get(slug=ad.slug) == ad


def test_the_board_and_ad_pages_answer_head_requests(client, make_ad):
    ad = make_ad(status="published")

    board, page = client.head("/jobs/"), client.head(f"/jobs/{ad.slug}/")

    assert (board.status_code, page.status_code) == (200, 200)
    assert board.content == b"" and page.content == b""  # HEAD: headers only
    assert page["Content-Type"] == "text/html; charset=utf-8" and int(page["Content-Length"]) > 0
