"""Pay ranges: supported currencies, the range rules and how a range reads on a page.

Plain values in, plain values out: no queries. Amounts are whole currency units.
"""

from __future__ import annotations

from django.db import models

MAX_PAY_UNITS = 100_000_000  # far above any real salary; keeps typos like 1e12 out of the data
WIDE_RANGE_RATIO = 2
EN_DASH = "\u2013"


class Currency(models.TextChoices):
    """ISO 4217 codes the board supports."""

    USD = "USD", "US dollar (USD)"
    EUR = "EUR", "Euro (EUR)"
    GBP = "GBP", "Pound sterling (GBP)"
    CAD = "CAD", "Canadian dollar (CAD)"
    AUD = "AUD", "Australian dollar (AUD)"
    CHF = "CHF", "Swiss franc (CHF)"
    SEK = "SEK", "Swedish krona (SEK)"
    DKK = "DKK", "Danish krone (DKK)"
    PLN = "PLN", "Polish złoty (PLN)"


SYMBOLS: dict[str, str] = {
    Currency.USD: "$",
    Currency.EUR: "€",
    Currency.GBP: "£",
    Currency.CAD: "CA$",
    Currency.AUD: "A$",
}


class PayPeriod(models.TextChoices):
    YEAR = "year", "per year"
    HOUR = "hour", "per hour"


UNSUPPORTED_CURRENCY = (
    "%(value)s is not a supported currency. Choose one of: " + ", ".join(Currency.values) + "."
)


def pay_range_errors(*, pay_min: int | None, pay_max: int | None) -> dict[str, str]:
    """Field name → message for a range that can never be right (drafts may leave ends empty)."""
    if pay_min is not None and pay_max is not None and pay_min > pay_max:
        return {"pay_max": "The maximum pay must be at least the minimum pay."}
    return {}


def has_complete_range(pay_min: int | None, pay_max: int | None) -> bool:
    return pay_min is not None and pay_max is not None and 0 < pay_min <= pay_max


def is_wide_range(pay_min: int | None, pay_max: int | None) -> bool:
    """True when the maximum is more than twice the minimum."""
    if pay_min is None or pay_max is None or not has_complete_range(pay_min, pay_max):
        return False
    return pay_max > WIDE_RANGE_RATIO * pay_min


def format_amount(amount: int, currency: str) -> str:
    """E.g. "$140,000", "CHF 120,000"; any ISO code works, supported or not."""
    return f"{SYMBOLS.get(currency, currency + ' ')}{amount:,}"


def format_partial_range(*, pay_min: int | None, pay_max: int | None, currency: str, period: str) -> str:
    """A range with one end missing, as staff need to see it: "From $140,000 per year; no maximum yet"."""
    label, needed = PayPeriod(period).label, "(both ends are needed to publish)"
    if pay_min is not None and pay_max is None:
        return f"From {format_amount(pay_min, currency)} {label}; no maximum yet {needed}"
    if pay_max is not None and pay_min is None:
        return f"Up to {format_amount(pay_max, currency)} {label}; no minimum yet {needed}"
    return ""


def format_pay_range(*, pay_min: int | None, pay_max: int | None, currency: str, period: str) -> str:
    """E.g. "$140,000 to $175,000 per year" (with an en dash); empty when the range is not complete."""
    if pay_min is None or pay_max is None or not has_complete_range(pay_min, pay_max):
        return ""
    amounts = format_amount(pay_min, currency)
    if pay_max != pay_min:
        amounts += f" {EN_DASH} {format_amount(pay_max, currency)}"
    return f"{amounts} {PayPeriod(period).label}"
