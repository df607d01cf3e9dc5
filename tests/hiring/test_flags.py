"""The intake flags, as tables: when each one is raised, how serious, and what it says."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hiring.flags.role_fit import title_family
from hiring.flags.rules import (
    FlagKind,
    PostedRange,
    Profile,
    ProfileUse,
    Severity,
    no_portfolio_flag,
    resume_unreadable_flag,
    salary_flag,
    shared_profile_flag,
    title_mismatch_flag,
)
from hiring.intake.salary import DesiredSalary

POSTED = PostedRange(minimum=140_000, maximum=175_000, currency="USD", period="year")
VOCABULARIES = {
    "Data Scientist": {
        "statistics": ["statistical inference"],
        "hypothesis testing": ["A/B testing", "t-test"],
        "regression": ["logistic regression"],
        "notebooks": ["Jupyter"],
        "scikit-learn": ["sklearn"],
        "pandas": [],
    },
    "Machine Learning Engineer": {
        "CI/CD": ["GitHub Actions"],
        "Terraform": ["IaC"],
        "Docker": ["containers"],
        "Kubernetes": ["k8s"],
        "pipelines": ["Airflow"],
        "pandas": [],
    },
}
MLE_AD: dict[str, Any] = {
    "ad_family": "Machine Learning Engineer",
    "ad_skills": ["CI/CD", "Terraform"],
    "vocabularies": VOCABULARIES,
}
DS_AD: dict[str, Any] = {
    "ad_family": "Data Scientist",
    "ad_skills": ["statistics", "regression"],
    "vocabularies": VOCABULARIES,
}


@pytest.mark.parametrize(
    ("amount", "severity"),
    [
        (180_000, Severity.LOW),
        (200_000, Severity.MEDIUM),
        (218_750, Severity.MEDIUM),
        (250_000, Severity.HIGH),
    ],
)
def test_salary_above_range_is_flagged_with_severity_growing_with_the_gap(amount, severity):
    flag = salary_flag(DesiredSalary(amount, "USD", "year"), POSTED)

    assert flag is not None and flag.kind == FlagKind.SALARY_ABOVE_RANGE
    assert flag.severity == severity


def test_salary_flag_sentence_gives_both_numbers_and_the_percentage():
    flag = salary_flag(DesiredSalary(210_000, "USD", "year"), POSTED)

    assert flag is not None
    assert (
        flag.message == "Asks at least $210,000 per year, 20% above the posted maximum of $175,000 per year."
    )
    assert flag.evidence["percent_over"] == 20.0


@pytest.mark.parametrize("amount", [120_000, 140_000, 175_000])
def test_a_desired_minimum_within_or_below_the_range_raises_no_flag(amount):
    assert salary_flag(DesiredSalary(amount, "USD", "year"), POSTED) is None


def test_an_hourly_wish_is_compared_in_the_ads_period():
    flag = salary_flag(DesiredSalary(100, "USD", "hour"), POSTED)  # 100 x 2080 = 208,000 a year

    assert flag is not None
    assert "$100 per hour (about $208,000 per year)" in flag.message
    assert flag.evidence["desired_in_ad_period"] == 208_000


def test_another_currency_is_flagged_as_unknown_not_converted():
    flag = salary_flag(DesiredSalary(150_000, "EUR", "year"), POSTED)

    assert flag is not None and flag.kind == FlagKind.SALARY_UNKNOWN_CURRENCY
    assert "no exchange rate is guessed" in flag.message


@pytest.mark.parametrize(
    ("title", "family"),
    [
        ("Sr. Data Scientist", "Data Scientist"),
        ("Applied Scientist", "Data Scientist"),
        ("Data Analyst", "Data Scientist"),
        ("MLE", "Machine Learning Engineer"),
        ("ML Engineer", "Machine Learning Engineer"),
        ("MLOps Engineer", "Machine Learning Engineer"),
        ("Data Engineer", "Machine Learning Engineer"),
        ("Barista", None),
        ("", None),
    ],
)
def test_common_titles_are_normalized_to_a_role_family(title, family):
    assert title_family(title) == family


def test_a_data_scientist_profile_applying_to_an_ml_engineer_ad_is_flagged_with_evidence():
    profile = Profile(
        title="Senior Data Scientist", skills="statistics, A/B testing, Jupyter notebooks, pandas"
    )

    flag = title_mismatch_flag(profile, **MLE_AD)

    assert flag is not None and flag.kind == FlagKind.TITLE_MISMATCH
    assert flag.severity == Severity.HIGH
    assert flag.message == (
        "Profile has a title of this family and mentions statistics, hypothesis testing, notebooks "
        "(Data Scientist); the ad asks for CI/CD, Terraform (Machine Learning Engineer)."
    )
    assert flag.evidence["matched_terms"]["Data Scientist"] == [
        "statistics",
        "hypothesis testing",
        "notebooks",
    ]


def test_an_ml_engineer_profile_applying_to_a_data_scientist_ad_is_flagged():
    profile = Profile(title="Platform engineer", skills="Terraform, k8s, GitHub Actions, Airflow")

    flag = title_mismatch_flag(profile, **DS_AD)

    assert flag is not None and flag.evidence["profile_family"] == "Machine Learning Engineer"


def test_the_resume_text_counts_as_evidence():
    profile = Profile(
        title="", skills="", resume_text="Built Airflow pipelines, Docker containers, Terraform IaC."
    )

    assert title_mismatch_flag(profile, **DS_AD) is not None


@pytest.mark.parametrize(
    "profile",
    [
        Profile(title="Data Scientist", skills="statistics, Docker, Kubernetes"),  # the ad's own title
        Profile(title="", skills="statistics"),  # one term: thin
        Profile(title="", skills="pandas, pandas"),  # shared by both families
        Profile(
            title="", skills="statistics, regression, Docker, Terraform, CI/CD"
        ),  # mixed, not clearly better
        Profile(),
    ],
)
def test_thin_or_balanced_evidence_raises_no_mismatch(profile):
    assert title_mismatch_flag(profile, **MLE_AD) is None
    assert title_mismatch_flag(profile, **DS_AD) is None


def test_words_inside_other_words_do_not_count():
    profile = Profile(title="", skills="dockerized? no: 'stats', 'pipelinesque', sklearnish")

    assert title_mismatch_flag(profile, **DS_AD) is None


def test_portfolio_evidence_can_tip_a_mismatch():
    base = Profile(title="", skills="Terraform, Docker")
    with_portfolio = Profile(
        title="",
        skills="Terraform, Docker",
        portfolio_evidence={"Machine Learning Engineer": ["Dockerfile", "infra/main.tf"]},
    )

    assert title_mismatch_flag(base, **DS_AD) is None
    flag = title_mismatch_flag(with_portfolio, **DS_AD)
    assert flag is not None and "Dockerfile" in flag.message


def test_no_portfolio_is_informational_and_never_negative():
    flag = no_portfolio_flag("")

    assert flag is not None and flag.severity == Severity.INFO
    assert no_portfolio_flag("octocat") is None


def test_an_unreadable_resume_is_flagged_with_the_reason():
    flag = resume_unreadable_flag("the PDF has no text layer")

    assert flag is not None and "the PDF has no text layer" in flag.message
    assert resume_unreadable_flag("") is None


def test_a_github_profile_given_by_another_person_is_flagged_with_their_application():
    others = [
        ProfileUse(application_id="b" * 32, ad_title="ML Engineer", applied_on=date(2026, 11, 30)),
        ProfileUse(application_id="a" * 32, ad_title="Data Scientist", applied_on=date(2026, 11, 2)),
    ]

    flag = shared_profile_flag("ada-l", others)

    assert flag is not None and flag.severity == Severity.HIGH
    assert flag.message.startswith(
        "Another candidate, with a different email address, gave the same GitHub profile (@ada-l) when "
        "applying to “Data Scientist” on 2026-11-02 and 1 more application."
    )
    assert [use["id"] for use in flag.evidence["applications"]] == ["a" * 32, "b" * 32]


def test_no_shared_profile_flag_without_a_profile_or_anyone_else():
    use = ProfileUse(application_id="a", ad_title="x", applied_on=date(2026, 1, 1))

    assert shared_profile_flag("", [use]) is None
    assert shared_profile_flag("ada-l", []) is None
