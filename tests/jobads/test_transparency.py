"""Each jurisdiction's pay-transparency rules, met or not, from plain ad terms."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from jobads.transparency import AdTerms, Jurisdiction, blocking_failures, checklist

COMPLETE = AdTerms(
    title="Data Scientist",
    summary="Experiments.",
    benefits="Health cover.",
    pay_min=100_000,
    pay_max=120_000,
    deadline=None,
    is_ongoing=True,
)


@pytest.mark.parametrize("jurisdiction", list(Jurisdiction))
def test_a_complete_ad_meets_every_blocking_rule(jurisdiction):
    assert blocking_failures(COMPLETE, [jurisdiction]) == []


@pytest.mark.parametrize(
    ("jurisdiction", "change", "failure"),
    [
        (Jurisdiction.COLORADO, {"pay_max": None}, "Colorado: A pay range: minimum and maximum."),
        (
            Jurisdiction.COLORADO,
            {"benefits": " "},
            "Colorado: A description of benefits and other compensation.",
        ),
        (
            Jurisdiction.COLORADO,
            {"is_ongoing": False},
            "Colorado: An application deadline, or applications marked ongoing.",
        ),
        (Jurisdiction.WASHINGTON, {"pay_max": None}, "Washington: A pay range with no open end."),
        (Jurisdiction.WASHINGTON, {"benefits": ""}, "Washington: Benefits and other compensation described."),
        (Jurisdiction.NEW_YORK_STATE, {"pay_min": None}, "New York State: A minimum and a maximum pay."),
        (
            Jurisdiction.NEW_YORK_CITY,
            {"summary": "Pay from $100,000 and up."},
            'New York City: No open-ended wording such as "and up".',
        ),
        (
            Jurisdiction.NEW_YORK_STATE,
            {"benefits": "Bonus of $10k+ a year."},
            'New York State: No open-ended wording such as "and up".',
        ),
        (
            Jurisdiction.CALIFORNIA,
            {"pay_min": 130_000},
            "California: A good-faith pay range you reasonably expect to pay.",
        ),
        (
            Jurisdiction.ILLINOIS,
            {"pay_max": None},
            "Illinois: A pay scale: the good-faith range you reasonably expect to offer.",
        ),
        (
            Jurisdiction.ILLINOIS,
            {"benefits": ""},
            "Illinois: A general description of benefits and other pay (bonuses, stock options, incentives).",
        ),
        (
            Jurisdiction.EU,
            {"pay_min": None, "pay_max": None},
            "European Union (Pay Transparency Directive): The pay range stated in the ad, before any "
            "interview.",
        ),
    ],
)
def test_each_blocking_rule_names_what_is_missing(jurisdiction, change, failure):
    assert failure in blocking_failures(replace(COMPLETE, **change), [jurisdiction])


def test_a_deadline_satisfies_colorado_instead_of_ongoing():
    ad = replace(COMPLETE, is_ongoing=False, deadline=date(2030, 1, 31))

    assert blocking_failures(ad, [Jurisdiction.COLORADO]) == []


def test_years_of_experience_with_a_plus_is_not_open_ended_pay():
    ad = replace(COMPLETE, summary="3+ years of Python; C++ welcome.")

    assert blocking_failures(ad, [Jurisdiction.NEW_YORK_CITY]) == []


@pytest.mark.parametrize("title", ["Data Science Salesman", "Chairman of Models", "ML Ninja"])
def test_a_gendered_title_is_an_eu_warning_that_does_not_block(title):
    ad = replace(COMPLETE, title=title)

    [neutral_title] = [c for c in checklist(ad, [Jurisdiction.EU]) if "gender-neutral" in c.rule.asks]

    assert not neutral_title.is_met and not neutral_title.rule.is_blocking
    assert blocking_failures(ad, [Jurisdiction.EU]) == []


def test_human_and_germany_are_not_gendered_words():
    ad = replace(COMPLETE, title="Human-in-the-loop ML Engineer, Germany")

    assert all(check.is_met for check in checklist(ad, [Jurisdiction.EU]))


def test_the_checklist_lists_only_the_chosen_jurisdictions_rules():
    jurisdictions = {check.rule.jurisdiction for check in checklist(COMPLETE, [Jurisdiction.WASHINGTON])}

    assert jurisdictions == {Jurisdiction.WASHINGTON}
    assert checklist(COMPLETE, []) == []
