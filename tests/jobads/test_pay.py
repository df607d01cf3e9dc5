"""Pay ranges read the same everywhere, and the wide-range warning starts just past max = 2 x min."""

from __future__ import annotations

import pytest

from jobads.pay import format_amount, format_pay_range, has_complete_range, is_wide_range, pay_range_errors


@pytest.mark.parametrize(
    ("pay_min", "pay_max", "currency", "period", "shown"),
    [
        (140_000, 175_000, "USD", "year", "$140,000 \u2013 $175,000 per year"),
        (72_000, 90_000, "EUR", "year", "€72,000 \u2013 €90,000 per year"),
        (85, 110, "USD", "hour", "$85 \u2013 $110 per hour"),
        (90_000, 90_000, "GBP", "year", "£90,000 per year"),
        (600_000, 700_000, "SEK", "year", "SEK 600,000 \u2013 SEK 700,000 per year"),
        (None, 175_000, "USD", "year", ""),
        (140_000, None, "USD", "year", ""),
    ],
)
def test_a_pay_range_reads_as_candidates_expect(pay_min, pay_max, currency, period, shown):
    assert format_pay_range(pay_min=pay_min, pay_max=pay_max, currency=currency, period=period) == shown


@pytest.mark.parametrize(
    ("pay_min", "pay_max", "is_wide"),
    [
        (100_000, 200_000, False),
        (100_000, 200_001, True),
        (1, 2, False),
        (1, 3, True),
        (None, 300_000, False),
    ],
)
def test_a_range_is_wide_only_when_max_is_more_than_twice_min(pay_min, pay_max, is_wide):
    assert is_wide_range(pay_min, pay_max) is is_wide


def test_a_minimum_above_the_maximum_is_an_error_on_the_maximum():
    assert pay_range_errors(pay_min=100_001, pay_max=100_000) == {
        "pay_max": "The maximum pay must be at least the minimum pay."
    }


@pytest.mark.parametrize(("pay_min", "pay_max"), [(100_000, 100_000), (None, 5), (5, None), (None, None)])
def test_equal_ends_and_open_draft_ends_are_not_range_errors(pay_min, pay_max):
    assert pay_range_errors(pay_min=pay_min, pay_max=pay_max) == {}


@pytest.mark.parametrize(
    ("pay_min", "pay_max", "complete"), [(1, 1, True), (0, 1, False), (2, 1, False), (None, 1, False)]
)
def test_a_complete_range_has_two_positive_ordered_ends(pay_min, pay_max, complete):
    assert has_complete_range(pay_min, pay_max) is complete


@pytest.mark.parametrize(
    ("currency", "shown"), [("USD", "$1,500"), ("CHF", "CHF 1,500"), ("JPY", "JPY 1,500")]
)
def test_an_amount_reads_with_its_symbol_or_code_even_for_unsupported_currencies(currency, shown):
    assert format_amount(1500, currency) == shown
