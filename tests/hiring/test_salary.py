"""Desired salaries are read the way candidates type them, and garbage gets a clear message."""

from __future__ import annotations

import pytest

from hiring.intake.salary import DesiredSalary, parse_desired_salary


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("150000", 150_000),
        ("150,000", 150_000),
        ("150k", 150_000),
        ("150K", 150_000),
        ("$150,000", 150_000),
        ("150,000 USD", 150_000),
        ("usd 150000", 150_000),
        ("1.5m", 1_500_000),
        ("152.5k", 152_500),
        ("  $ 150 k ", 150_000),
        ("150000.99", 150_000),
    ],
)
def test_common_formats_give_the_same_yearly_amount(text, amount):
    assert parse_desired_salary(text, currency="USD", period="year") == DesiredSalary(amount, "USD", "year")


@pytest.mark.parametrize(
    ("text", "currency", "amount"),
    [
        ("€80k", "EUR", 80_000),
        ("£70,000", "GBP", 70_000),
        ("CA$120k", "CAD", 120_000),
        ("$95k", "CAD", 95_000),
    ],
)
def test_currency_symbols_agree_with_the_chosen_currency(text, currency, amount):
    assert parse_desired_salary(text, currency=currency, period="year").amount == amount


@pytest.mark.parametrize(
    ("text", "period", "amount"),
    [("75/hour", "hour", 75), ("$80 per hour", "hour", 80), ("150k a year", "year", 150_000)],
)
def test_period_words_are_accepted_when_they_match_the_chosen_period(text, period, amount):
    assert parse_desired_salary(text, currency="USD", period=period).amount == amount


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter your desired minimum salary"),
        ("-1", "more than zero"),
        ("0", "more than zero"),
        ("NaN", "Enter an amount like"),
        ("Infinity", "Enter an amount like"),
        ("1e309", "Enter an amount like"),
        ("10^30", "Enter an amount like"),
        ("100.000,50", "Enter an amount like"),
        ("a lot", "Enter an amount like"),
        ("999999999999", "larger than we can record"),
        ("80k EUR", "is in EUR, but the currency chosen is USD"),
        ("£80k", "is in GBP, but the currency chosen is USD"),
        ("75 per hour", "says per hour, but the period chosen is per year"),
    ],
)
def test_unusable_amounts_are_refused_with_a_message_the_candidate_can_act_on(text, message):
    with pytest.raises(ValueError, match=message):
        parse_desired_salary(text, currency="USD", period="year")


def test_hourly_pay_converts_to_yearly_with_2080_hours():
    hourly = DesiredSalary(amount=75, currency="USD", period="hour")

    assert hourly.in_period("year") == 156_000
    assert DesiredSalary(amount=156_000, currency="USD", period="year").in_period("hour") == 75
