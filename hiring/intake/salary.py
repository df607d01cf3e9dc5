"""Reading a candidate's desired minimum salary ("150k", "$150,000", "150,000 USD", "€80k").

Plain text in, a ``DesiredSalary`` out, or a ``ValueError`` whose message the form shows as is.
No exchange rates: a salary in another currency than the ad's is never converted by guesswork.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HOURS_PER_YEAR = 2080  # 40 hours x 52 weeks, the usual convention for annualizing hourly pay
MAX_SALARY_UNITS = 100_000_000  # the same ceiling as a posted range

SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "ca$": "CAD", "c$": "CAD", "a$": "AUD", "au$": "AUD"}
DOLLAR_CURRENCIES = {"USD", "CAD", "AUD"}
ISO_CODES = [
    "USD",
    "EUR",
    "GBP",
    "CAD",
    "AUD",
    "CHF",
    "SEK",
    "DKK",
    "NOK",
    "PLN",
    "JPY",
    "INR",
    "CNY",
    "BRL",
    "MXN",
    "NZD",
    "SGD",
    "HKD",
    "ZAR",
    "CZK",
    "HUF",
    "ILS",
]
CODE = re.compile(r"\b(" + "|".join(ISO_CODES) + r")\b", re.IGNORECASE)
PERIOD_WORDS = {
    "hour": re.compile(r"(/\s*h(ou)?r\b|\bper\s+hour\b|\bhourly\b|\ban?\s+hour\b)", re.IGNORECASE),
    "year": re.compile(
        r"(/\s*y(ea)?r\b|\bper\s+(year|annum)\b|\byearly\b|\bannual(ly)?\b|\ban?\s+year\b|\bp\.?a\.?$)",
        re.IGNORECASE,
    ),
}
NUMBER = re.compile(
    r"^(?P<digits>\d{1,3}(,\d{3})+|\d+)(?P<fraction>\.\d{1,2})?\s*(?P<suffix>[km])?$", re.IGNORECASE
)
FORMAT_HINT = 'Enter an amount like 150000, 150,000, 150k or "$150,000".'


@dataclass(frozen=True)
class DesiredSalary:
    amount: int
    currency: str
    period: str  # "year" or "hour"

    def display(self) -> str:
        return f"{self.amount:,} {self.currency} per {self.period}"

    def in_period(self, period: str) -> int:
        """The amount converted to ``period`` (hourly x 2080 = yearly), rounded to a whole unit."""
        if period == self.period:
            return self.amount
        if period == "year":
            return self.amount * HOURS_PER_YEAR
        return round(self.amount / HOURS_PER_YEAR)


def parse_desired_salary(text: str, *, currency: str, period: str) -> DesiredSalary:
    """Parse ``text``; ``currency`` and ``period`` are the form's explicit choices.

    A symbol or code inside the text must agree with the chosen currency, and a period word
    ("per hour", "/yr") with the chosen period, so a typo never silently changes the meaning.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValueError("Enter your desired minimum salary.")
    cleaned = _check_period(cleaned, period)
    cleaned = _check_currency(cleaned, currency)
    if cleaned.startswith("-"):
        raise ValueError("The desired minimum salary must be more than zero.")
    amount = _parse_amount(cleaned)
    if amount <= 0:
        raise ValueError("The desired minimum salary must be more than zero.")
    if amount > MAX_SALARY_UNITS:
        raise ValueError(f"That amount is larger than we can record (at most {MAX_SALARY_UNITS:,}).")
    return DesiredSalary(amount=amount, currency=currency, period=period)


def _check_period(text: str, period: str) -> str:
    for word_period, pattern in PERIOD_WORDS.items():
        if pattern.search(text):
            if word_period != period:
                raise ValueError(f"The amount says per {word_period}, but the period chosen is per {period}.")
            text = pattern.sub("", text).strip()
    return text


def _check_currency(text: str, currency: str) -> str:
    lowered = text.lower()
    for symbol in sorted(SYMBOLS, key=len, reverse=True):
        if symbol in lowered:
            named = SYMBOLS[symbol]
            if not (named == currency or (symbol == "$" and currency in DOLLAR_CURRENCIES)):
                raise ValueError(f"The amount is in {named}, but the currency chosen is {currency}.")
            return lowered.replace(symbol, "").strip()
    match = CODE.search(text)
    if match:
        if match.group(1).upper() != currency:
            raise ValueError(
                f"The amount is in {match.group(1).upper()}, but the currency chosen is {currency}."
            )
        text = CODE.sub("", text).strip()
    return text


def _parse_amount(text: str) -> int:
    match = NUMBER.match(text.replace(" ", ""))
    if not match:
        raise ValueError(FORMAT_HINT)
    whole = int(match["digits"].replace(",", ""))
    cents = int((match["fraction"] or ".0")[1:].ljust(2, "0"))
    multiplier = {"k": 1_000, "m": 1_000_000}.get((match["suffix"] or "").lower(), 1)
    return (whole * 100 + cents) * multiplier // 100
