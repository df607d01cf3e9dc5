"""Pay-transparency rules per jurisdiction, as data: a new jurisdiction is a few lines in RULES.

Plain values in, plain values out: no models, no queries. A blocking rule stops publishing; a
warning rule is shown on the checklist and left to the recruiter's judgement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import models

from core.text import and_list
from jobads.pay import has_complete_range


class Jurisdiction(models.TextChoices):
    COLORADO = "US-CO", "Colorado"
    WASHINGTON = "US-WA", "Washington"
    NEW_YORK_STATE = "US-NY", "New York State"
    NEW_YORK_CITY = "US-NYC", "New York City"
    CALIFORNIA = "US-CA", "California"
    ILLINOIS = "US-IL", "Illinois"
    EU = "EU", "European Union (Pay Transparency Directive)"


# Where the law asks for the range the employer honestly expects to pay (a good-faith range), so
# a very wide one may be questioned. The EU directive asks for the starting pay or its range.
GOOD_FAITH_RANGE = (
    Jurisdiction.COLORADO,
    Jurisdiction.WASHINGTON,
    Jurisdiction.NEW_YORK_STATE,
    Jurisdiction.NEW_YORK_CITY,
    Jurisdiction.CALIFORNIA,
    Jurisdiction.ILLINOIS,
)


@dataclass(frozen=True)
class AdTerms:
    """What the rules read from an ad."""

    title: str
    summary: str
    benefits: str
    pay_min: int | None
    pay_max: int | None
    deadline: date | None
    is_ongoing: bool


@dataclass(frozen=True)
class Rule:
    jurisdiction: Jurisdiction
    asks: str  # what the law asks, in the recruiter's words
    is_met: Callable[[AdTerms], bool]
    is_blocking: bool = True


@dataclass(frozen=True)
class Check:
    rule: Rule
    is_met: bool


OPEN_ENDED_WORDING = re.compile(
    r"(?i)\b(?:and up|and above|or more|or higher|upwards of|starting (?:at|from))\b|[$€£]\s*\d[\d,.]*k?\s*\+"
)
GENDERED_WORDS = re.compile(
    r"(?i)\b(?:he|she|him|her|his|hers|man|men|woman|women|guys?|gentlem[ae]n|lady|ladies|girls?|boys?"
    r"|chairman|salesman|saleswoman|foreman|craftsman|spokesman|waitress|hostess|ninja|rockstar)\b"
)


def has_range(ad: AdTerms) -> bool:
    return has_complete_range(ad.pay_min, ad.pay_max)


def has_benefits(ad: AdTerms) -> bool:
    return bool(ad.benefits.strip())


def has_deadline_or_ongoing(ad: AdTerms) -> bool:
    return ad.deadline is not None or ad.is_ongoing


def has_no_open_ended_wording(ad: AdTerms) -> bool:
    return not any(OPEN_ENDED_WORDING.search(text) for text in (ad.title, ad.summary, ad.benefits))


def has_gender_neutral_title(ad: AdTerms) -> bool:
    return not GENDERED_WORDS.search(ad.title)


RULES: tuple[Rule, ...] = (
    Rule(Jurisdiction.COLORADO, "A pay range: minimum and maximum", has_range),
    Rule(Jurisdiction.COLORADO, "A description of benefits and other compensation", has_benefits),
    Rule(
        Jurisdiction.COLORADO,
        "An application deadline, or applications marked ongoing",
        has_deadline_or_ongoing,
    ),
    Rule(Jurisdiction.WASHINGTON, "A pay range with no open end", has_range),
    Rule(Jurisdiction.WASHINGTON, "Benefits and other compensation described", has_benefits),
    Rule(Jurisdiction.NEW_YORK_STATE, "A minimum and a maximum pay", has_range),
    Rule(Jurisdiction.NEW_YORK_STATE, 'No open-ended wording such as "and up"', has_no_open_ended_wording),
    Rule(Jurisdiction.NEW_YORK_CITY, "A minimum and a maximum pay", has_range),
    Rule(Jurisdiction.NEW_YORK_CITY, 'No open-ended wording such as "and up"', has_no_open_ended_wording),
    Rule(Jurisdiction.CALIFORNIA, "A good-faith pay range you reasonably expect to pay", has_range),
    Rule(
        Jurisdiction.ILLINOIS, "A pay scale: the good-faith range you reasonably expect to offer", has_range
    ),
    Rule(
        Jurisdiction.ILLINOIS,
        "A general description of benefits and other pay (bonuses, stock options, incentives)",
        has_benefits,
    ),
    Rule(Jurisdiction.EU, "The pay range stated in the ad, before any interview", has_range),
    Rule(
        Jurisdiction.EU,
        "A gender-neutral job title (words such as 'salesman' or 'he' need a second look)",
        has_gender_neutral_title,
        is_blocking=False,
    ),
)


def wide_range_warning(jurisdictions: Iterable[str]) -> str:
    """Why a range wider than twice its minimum deserves a second look, naming the laws that care."""
    chosen = [j.label for j in GOOD_FAITH_RANGE if j in set(jurisdictions)]
    if chosen:
        where = and_list(chosen)
        laws = f"{where} {'asks' if len(chosen) == 1 else 'ask'}"
        return (
            f"The maximum is more than twice the minimum. {laws} for the range you honestly expect to "
            "pay (a good-faith range): one this wide may be questioned there."
        )
    everywhere = and_list([j.label for j in GOOD_FAITH_RANGE])
    return (
        "The maximum is more than twice the minimum. Where the law asks for a good-faith range "
        f"({everywhere}), one this wide may be questioned."
    )


def checklist(ad: AdTerms, jurisdictions: Iterable[str]) -> list[Check]:
    """Every rule of the given jurisdictions, in RULES order, with whether the ad meets it."""
    wanted = set(jurisdictions)
    return [Check(rule, rule.is_met(ad)) for rule in RULES if rule.jurisdiction in wanted]


def blocking_failures(ad: AdTerms, jurisdictions: Iterable[str]) -> list[str]:
    """Sentences naming each unmet blocking rule, e.g. "Colorado: A description of benefits …"."""
    return [
        f"{check.rule.jurisdiction.label}: {check.rule.asks}."
        for check in checklist(ad, jurisdictions)
        if check.rule.is_blocking and not check.is_met
    ]
