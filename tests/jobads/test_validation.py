"""What the ad form accepts and refuses, with the message a recruiter sees (boundaries included)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from jobads.forms import JobAdForm
from jobads.models import JobAd
from jobads.pay import MAX_PAY_UNITS

pytestmark = pytest.mark.django_db


def form_data(manager, family, **overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Data Scientist",
        "role_family": family.pk,
        "owner": manager.pk,
        "summary": "",
        "responsibilities": "Design experiments\nBuild models\nExplain results",
        "required_skills": "",
        "nice_to_have_skills": "",
        "location": "Remote",
        "work_arrangement": "remote",
        "employment_type": "FULL_TIME",
        "jurisdictions": [],
        "pay_min": "100000",
        "pay_max": "120000",
        "currency": "USD",
        "pay_period": "year",
        "benefits": "",
        "deadline": "",
    }
    return {**data, **overrides}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"pay_min": "0"}, "pay_min", "Pay must be a positive whole amount."),
        ({"pay_min": "-1"}, "pay_min", "Pay must be a positive whole amount."),
        ({"pay_max": "0"}, "pay_max", "Pay must be a positive whole amount."),
        ({"pay_max": str(MAX_PAY_UNITS + 1)}, "pay_max", f"Pay must be at most {MAX_PAY_UNITS:,}."),
        ({"pay_min": "120001"}, "pay_max", "The maximum pay must be at least the minimum pay."),
        ({"pay_min": "1e309"}, "pay_min", "Enter the minimum pay as a whole number"),
        ({"pay_min": "NaN"}, "pay_min", "Enter the minimum pay as a whole number"),
        ({"currency": "XYZ"}, "currency", "XYZ is not a supported currency. Choose one of: USD, EUR,"),
        ({"currency": "usd"}, "currency", "usd is not a supported currency."),
        ({"title": ""}, "title", "Enter the title."),
        ({"owner": ""}, "owner", "Choose the owner."),
        ({"jurisdictions": ["US-TX"]}, "jurisdictions", "Choose only jurisdictions from the list."),
        ({"responsibilities": "x" * 301}, "responsibilities", "Keep each line under 300 characters."),
        (
            {"responsibilities": "\n".join(f"Duty {n}" for n in range(21))},
            "responsibilities",
            "At most 20 lines",
        ),
    ],
)
def test_the_form_refuses_bad_values_with_a_clear_message(manager, data_scientist, overrides, field, message):
    form = JobAdForm(form_data(manager, data_scientist, **overrides))

    assert not form.is_valid()
    assert any(str(error).startswith(message) for error in form.errors[field]), form.errors


@pytest.mark.parametrize(
    "overrides",
    [
        {"pay_min": "1", "pay_max": "1"},
        {"pay_min": "120000", "pay_max": "120000"},
        {"pay_max": str(MAX_PAY_UNITS)},
        {"pay_min": "", "pay_max": ""},
        {"pay_min": "90000", "pay_max": ""},
        {"role_family": "", "responsibilities": ""},
        {"currency": "EUR", "pay_period": "hour"},
    ],
)
def test_a_draft_may_be_saved_at_the_boundaries_and_incomplete(manager, data_scientist, overrides):
    form = JobAdForm(form_data(manager, data_scientist, **overrides))

    assert form.is_valid(), form.errors


def test_only_hiring_managers_can_own_an_ad(recruiter, data_scientist):
    form = JobAdForm(form_data(recruiter, data_scientist))

    assert not form.is_valid()
    assert "owner" in form.errors


def test_responsibilities_keep_their_order_and_lose_bullets(manager, data_scientist):
    form = JobAdForm(form_data(manager, data_scientist, responsibilities="- Third\n\n* First\n• Second\n"))

    assert form.is_valid()
    assert form.cleaned_data["responsibilities"] == ["Third", "First", "Second"]


def test_the_model_refuses_a_reversed_range_outside_forms_too(make_ad):
    ad = make_ad()
    ad.pay_min, ad.pay_max = 200_000, 100_000

    with pytest.raises(ValidationError, match="maximum pay must be at least the minimum"):
        ad.full_clean()


def test_a_published_ad_cannot_be_edited_into_an_incomplete_one(make_ad, manager, data_scientist):
    ad = make_ad(status="published")
    form = JobAdForm(form_data(manager, data_scientist, pay_max=""), instance=ad)

    assert not form.is_valid()
    assert "A published ad must stay complete." in form.non_field_errors()
    assert "Enter a pay range: both a minimum and a maximum." in form.non_field_errors()


@pytest.mark.parametrize(("pay_max", "warned"), [(200_000, False), (200_001, True)])
def test_a_wide_range_is_saved_with_a_warning_not_refused(make_ad, pay_max, warned):
    ad = make_ad(pay_min=100_000, pay_max=pay_max)

    assert JobAd.objects.filter(pk=ad.pk).exists()
    assert bool(ad.pay_range_warning) is warned


def test_the_wide_range_warning_names_the_ads_good_faith_jurisdictions(make_ad):
    posted = make_ad(pay_min=100_000, pay_max=250_000, jurisdictions=["US-CO", "US-IL", "EU"])
    elsewhere = make_ad(pay_min=100_000, pay_max=250_000, jurisdictions=["EU"])

    assert "Colorado and Illinois ask for the range you honestly expect to pay" in posted.pay_range_warning
    assert "(Colorado, Washington, New York State, New York City, California and Illinois)" in (
        elsewhere.pay_range_warning
    )


def test_a_minimum_without_a_maximum_still_shows_to_staff(make_ad):
    ad = make_ad(pay_max=None)

    assert ad.pay_range_display == ""
    assert ad.staff_pay_display.startswith("From $140,000 per year; no maximum yet")


def test_an_ad_with_its_familys_responsibilities_word_for_word_is_warned_not_refused(
    client, recruiter, make_ad, data_scientist
):
    template = make_ad(responsibilities=list(data_scientist.default_responsibilities))
    own = make_ad(
        title="Another", responsibilities=["Run the churn experiments", "Own the metrics", "Teach SQL"]
    )
    client.force_login(recruiter)

    published = client.post(f"/staff/ads/{template.pk}/publish/", follow=True).content.decode()

    assert template.uses_template_responsibilities and not own.uses_template_responsibilities
    assert "Published" in published and "starting list, word for word" in published
    assert "starting list, word for word" in client.get(f"/staff/ads/{template.pk}/edit/").content.decode()


def test_markup_in_every_text_field_is_stripped_on_save(make_ad):
    """RELIABILITY D4: sanitized on save, whatever the write path."""
    ad = make_ad(
        title="<b>Data</b> Scientist",
        summary='<script>alert(1)</script><a href="javascript:alert(2)">Apply</a>',
        benefits="<img src=x onerror=alert(3)>Pension",
        responsibilities=["<i>Design</i> experiments", "<script>x()</script>", "Build", "Explain"],
    )
    ad.refresh_from_db()

    assert (ad.title, ad.summary, ad.benefits) == ("Data Scientist", "Apply", "Pension")
    assert ad.responsibilities == ["Design experiments", "Build", "Explain"]
