"""Which role family a candidate's words point to: title normalization and vocabulary matching.

Plain text in, per-family matches out. Family names are those of ``jobads.RoleFamily``; the
vocabulary (term → synonyms) is passed in, so recruiters' edits take effect without code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

DATA_SCIENTIST = "Data Scientist"
ML_ENGINEER = "Machine Learning Engineer"
# The analyzer's role signals ("data_science" / "ml_engineering") by the family they point to.
SIGNAL_FAMILIES = {"data_science": DATA_SCIENTIST, "ml_engineering": ML_ENGINEER}
TITLE_WEIGHT = 2
PORTFOLIO_WEIGHT_CAP = 2

# Checked in order; the first family whose pattern matches the title wins.
TITLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (DATA_SCIENTIST, re.compile(r"scien(tist|ce)|statistician|analyst|\bquant\b|econometric", re.IGNORECASE)),
    (
        ML_ENGINEER,
        re.compile(
            r"engineer|\bml\s*e\b|\bmle\b|mlops|\bsre\b|devops|developer|architect|platform", re.IGNORECASE
        ),
    ),
)


@dataclass(frozen=True)
class FamilyMatch:
    family: str
    terms: list[str]  # canonical vocabulary terms found in the profile's text
    portfolio: list[str]  # portfolio findings that point to this family
    title_matches: bool

    @property
    def score(self) -> int:
        title = TITLE_WEIGHT if self.title_matches else 0
        return len(self.terms) + title + min(len(self.portfolio), PORTFOLIO_WEIGHT_CAP)


def title_family(title: str) -> str | None:
    """ "Sr. Data Scientist" → Data Scientist; "MLOps Engineer", "MLE" → Machine Learning Engineer."""
    for family, pattern in TITLE_PATTERNS:
        if pattern.search(title):
            return family
    return None


def match_families(
    text: str,
    vocabularies: dict[str, dict[str, list[str]]],
    *,
    title: str = "",
    portfolio: dict[str, list[str]] | None = None,
) -> dict[str, FamilyMatch]:
    """For each family, the vocabulary terms found in ``text``; terms shared by families count for none."""
    found = {family: _terms_in(text, vocabulary) for family, vocabulary in vocabularies.items()}
    shared = {term for family, terms in found.items() for term in terms if _in_other(term, family, found)}
    named = title_family(title)
    return {
        family: FamilyMatch(
            family=family,
            terms=[term for term in terms if term not in shared],
            portfolio=list((portfolio or {}).get(family, [])),
            title_matches=named == family,
        )
        for family, terms in found.items()
    }


def _in_other(term: str, family: str, found: dict[str, list[str]]) -> bool:
    return any(term in terms for other, terms in found.items() if other != family)


def _terms_in(text: str, vocabulary: dict[str, list[str]]) -> list[str]:
    return [term for term, synonyms in vocabulary.items() if _pattern(term, tuple(synonyms)).search(text)]


@lru_cache(maxsize=512)
def _pattern(term: str, synonyms: Sequence[str]) -> re.Pattern[str]:
    words = sorted({term, *synonyms}, key=len, reverse=True)
    alternatives = "|".join(re.escape(word.strip()) for word in words if word.strip())
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE)
