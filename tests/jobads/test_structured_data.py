"""Each live ad carries schema.org JobPosting JSON-LD with its pay range; the feed lists live ads."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from jobads.models import JobAd
from jobads.structured_data import json_ld_script

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def json_ld(page: str) -> dict[str, Any]:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, flags=re.S)
    data: dict[str, Any] = json.loads(block)
    return data


def test_the_json_ld_parses_and_carries_the_pay_range(client, make_ad):
    ad = make_ad(status="published")

    posting = json_ld(client.get(f"/jobs/{ad.slug}/").content.decode())

    assert posting["@type"] == "JobPosting" and posting["title"] == "Senior Data Scientist"
    assert posting["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@type": "QuantitativeValue", "minValue": 140000, "maxValue": 175000, "unitText": "YEAR"},
    }
    assert posting["datePosted"] == ad.published_at.date().isoformat()
    assert posting["url"] == f"http://testserver/jobs/{ad.slug}/"


def test_hourly_pay_and_remote_work_are_described_for_search_engines(client, make_ad):
    ad = make_ad(pay_min=85, pay_max=110, pay_period="hour", work_arrangement="remote", status="published")

    posting = json_ld(client.get(f"/jobs/{ad.slug}/").content.decode())

    assert posting["baseSalary"]["value"]["unitText"] == "HOUR"
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == [
        {"@type": "AdministrativeArea", "name": "New York City"}
    ]


def test_text_that_looks_like_a_closing_script_tag_cannot_escape_the_json():
    script = json_ld_script({"title": "</script><script>alert(1)</script>", "note": "R&D"})

    assert script.count("</script>") == 1 and "<script>" not in script
    assert json.loads(
        script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    ) == {
        "title": "</script><script>alert(1)</script>",
        "note": "R&D",
    }


def feed_entries(client) -> list[dict[str, str]]:
    response = client.get("/jobs/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    entries = []
    for entry in root.iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        assert link is not None
        entries.append({"title": entry.findtext(f"{ATOM}title", ""), "link": link.get("href", "")})
    return entries


def test_the_feed_lists_exactly_the_published_ads_newest_first(client, make_ad):
    older = make_ad(title="Older", status="published")
    newer = make_ad(title="Newer", status="published")
    make_ad(title="Draft")
    make_ad(title="Closed", status="closed")

    entries = feed_entries(client)

    assert [e["link"] for e in entries] == [f"http://testserver/jobs/{ad.slug}/" for ad in (newer, older)]
    assert entries[0]["title"] == "Newer · $140,000 \u2013 $175,000 per year"


def test_an_empty_board_still_has_a_valid_feed(client, db):
    assert feed_entries(client) == []


# The JobPosting properties the major job search engines' structured-data guidelines ask for
# (Google Search Central's JobPosting guide; Bing and others read the same schema.org type).
REQUIRED = ("title", "description", "datePosted", "hiringOrganization", "jobLocation")
REQUIRED_WHEN_REMOTE = ("jobLocationType", "applicantLocationRequirements")
RECOMMENDED = ("baseSalary", "employmentType", "identifier", "directApply")
RECOMMENDED_WITH_A_DEADLINE = ("validThrough",)
EMPLOYMENT_TYPES = {
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
}
SALARY_UNITS = {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}


def test_every_public_demo_ad_meets_the_job_search_guidelines(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    ads = list(JobAd.objects.published())
    assert len(ads) >= 4

    for ad in ads:
        posting = json_ld(client.get(f"/jobs/{ad.slug}/").content.decode())
        wanted = [*REQUIRED, *RECOMMENDED]
        wanted += list(REQUIRED_WHEN_REMOTE) if ad.work_arrangement == "remote" else []
        wanted += list(RECOMMENDED_WITH_A_DEADLINE) if ad.deadline else []
        assert [key for key in wanted if not posting.get(key)] == [], ad.title
        assert posting["hiringOrganization"]["name"] == settings.ORGANIZATION_NAME == "Acme Analytics"
        assert posting["employmentType"] in EMPLOYMENT_TYPES and posting["directApply"] is True
        assert posting["identifier"] == {"@type": "PropertyValue", "name": "Acme Analytics", "value": ad.slug}
        assert "<li>" in posting["description"] and posting["description"] != posting["title"]
        assert posting["baseSalary"]["value"]["unitText"] in SALARY_UNITS
        address = posting["jobLocation"]["address"]
        assert address["addressLocality"] and address["addressCountry"] == str(ad.country), ad.title
        assert date.fromisoformat(posting["datePosted"]) <= timezone.localdate()


def test_a_contract_role_says_so_and_its_deadline_is_its_valid_through(client, make_ad):
    ad = make_ad(
        status="published", employment_type="CONTRACTOR", deadline=date(2031, 1, 31), is_ongoing=False
    )

    posting = json_ld(client.get(f"/jobs/{ad.slug}/").content.decode())

    assert posting["employmentType"] == "CONTRACTOR" and posting["validThrough"] == "2031-01-31"


def test_the_employers_name_website_and_logo_come_from_settings(client, make_ad, settings):
    settings.ORGANIZATION_NAME, settings.ORGANIZATION_URL = "Northwind Traders", "https://northwind.example"
    settings.ORGANIZATION_LOGO_URL = "https://northwind.example/logo.png"
    ad = make_ad(status="published")

    page = client.get(f"/jobs/{ad.slug}/").content.decode()

    assert json_ld(page)["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Northwind Traders",
        "sameAs": "https://northwind.example",
        "logo": "https://northwind.example/logo.png",
    }
    assert "<title>Senior Data Scientist · Northwind Traders</title>" in page
    assert "Portfolio hiring" not in page
