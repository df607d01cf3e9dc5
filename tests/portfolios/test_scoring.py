"""Portfolio scores: every sub-score has a plain sentence, thin evidence lowers confidence, copies
and forks never count as the candidate's own work, and nothing uncomputable becomes a zero."""

from __future__ import annotations

import pytest

from portfolios.scoring import WEIGHTS, RepositoryOutcome, score_portfolio
from tests.portfolios.repos import DOCUMENTED_TYPED, NO_TESTS, NOTEBOOK_HEAVY, analyze_files


@pytest.fixture
def well_kept(tmp_path):
    return RepositoryOutcome(
        full_name="ada/churn", status="analyzed", report=analyze_files(tmp_path / "churn", DOCUMENTED_TYPED)
    )


@pytest.fixture
def untested(tmp_path):
    return RepositoryOutcome(
        full_name="ada/iris", status="analyzed", report=analyze_files(tmp_path / "iris", NO_TESTS)
    )


def subscores(score):
    return {s.key: s for s in score.subscores}


def test_a_documented_typed_tested_project_scores_high_with_plain_sentences(well_kept):
    score = score_portfolio([well_kept])

    parts = subscores(score)
    assert parts["documentation"].score >= 90 and parts["typing"].score == 100
    assert parts["testing"].sentence == (
        "The project has tests (2 test functions in all); 1 runs them automatically (GitHub Actions)."
    )
    assert parts["documentation"].sentence.startswith("100% of functions and classes explain themselves")
    assert score.overall is not None and score.overall >= 80


def test_two_projects_are_described_as_a_share(well_kept, untested):
    parts = subscores(score_portfolio([well_kept, untested]))

    assert parts["testing"].sentence.startswith("1 of 2 projects has tests")
    assert parts["testing"].score < 100


def test_toy_data_and_default_estimators_read_as_tutorial_code(untested):
    part = subscores(score_portfolio([untested]))["beyond_tutorial"]

    assert part.score is not None and part.score < 50
    assert "toy data sets" in part.sentence and "no hyperparameter search" in part.sentence


def test_tuning_and_cross_validation_read_as_beyond_the_tutorial(well_kept):
    part = subscores(score_portfolio([well_kept]))["beyond_tutorial"]

    assert part.score is not None and part.score >= 85
    assert "hyperparameters are tuned" in part.sentence and "cross-validated" in part.sentence


def test_a_copy_scores_zero_originality_and_is_named(well_kept):
    copy = well_kept.model_copy(update={"status": "copy", "copy_of": "acme/churn-model"})

    score = score_portfolio([copy])

    part = subscores(score)["originality"]
    assert part.score == 0 and "ada/churn is a copy of acme/churn-model" in part.sentence
    assert score.copies == ["ada/churn is a copy of acme/churn-model"]


def test_forks_are_left_out_and_said_so(well_kept):
    fork = RepositoryOutcome(full_name="ada/django", status="fork", fork_of="django/django")

    part = subscores(score_portfolio([well_kept, fork]))["originality"]

    assert "1 fork of other people's work left out" in part.sentence
    assert part.evidence == ["ada/django forks django/django"]


def test_with_nothing_readable_no_subscore_is_a_silent_zero():
    skipped = RepositoryOutcome(full_name="ada/huge", status="skipped", reason="Too large to read.")

    score = score_portfolio([skipped])

    assert score.overall is None
    assert all(part.score is None and part.sentence for part in score.subscores)
    assert score.confidence == "low"


def test_a_single_tiny_repository_lowers_confidence_not_inflates_the_score(untested):
    score = score_portfolio([untested])

    assert score.confidence == "low"
    assert "rough first look" in score.confidence_sentence


def test_notebook_code_counts_for_documentation_and_role_evidence(tmp_path):
    notebooks = RepositoryOutcome(
        full_name="ada/eda", status="analyzed", report=analyze_files(tmp_path / "eda", NOTEBOOK_HEAVY)
    )

    score = score_portfolio([notebooks])

    assert subscores(score)["documentation"].score is not None
    assert score.role_evidence["data_science"] and not score.role_evidence["ml_engineering"]


def test_the_overall_score_follows_the_weights(well_kept, untested):
    outcomes = [well_kept, untested]
    testing_only = score_portfolio(outcomes, weights={k: 0.0 for k in WEIGHTS} | {"testing": 1.0})

    assert testing_only.overall == subscores(testing_only)["testing"].score


def test_the_score_round_trips_through_json(well_kept):
    score = score_portfolio([well_kept])

    assert type(score).model_validate_json(score.model_dump_json()) == score


def test_fewer_than_three_judged_aspects_give_no_overall_and_say_why():
    from tests.portfolio_samples import portfolio_score

    thin = portfolio_score("nothing_parsable")

    assert [s.label for s in thin.subscores if s.score is not None] == ["Testing", "Own work"]
    assert thin.overall is None
    assert thin.overall_sentence.startswith(
        "Not enough code to score: only Testing and Own work could be judged"
    )


def test_the_overall_is_the_weighted_mean_of_what_was_judged_and_says_so(well_kept):
    score = score_portfolio([well_kept], weights={**WEIGHTS, "testing": 2.0})

    judged = [(s.score, score.weights[s.key]) for s in score.subscores if s.score is not None]
    assert score.overall == round(sum(value * weight for value, weight in judged) / sum(w for _, w in judged))
    assert "where Testing counts 2 times and Own work 1.5 times as much as the others" in (
        score.formation_sentence()
    )
    assert "not a ranking of candidates" in score.formation_sentence()


def test_a_score_stored_by_an_earlier_version_reads_as_none_not_a_crash():
    from portfolios.scoring import read_score

    assert read_score({"overall": 3}) is None and read_score(None) is None
