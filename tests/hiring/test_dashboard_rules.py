"""Plain rules behind the dashboard: prompts, the report in words, markdown, CSV cells, names, moves."""

from __future__ import annotations

import pytest

from hiring.dashboard.board import sort_links
from hiring.dashboard.export import safe_cell
from hiring.dashboard.markup import render_markdown
from hiring.dashboard.prompts import discussion_prompts
from hiring.dashboard.report import repository_reports
from hiring.dashboard.views.resume import download_name
from hiring.pipeline.stages import move_problem
from portfolios.scoring import RepositoryOutcome
from tests.portfolio_samples import SAMPLES, portfolio_score


def test_prompts_point_at_places_in_the_candidates_own_code():
    texts = [p.text for p in discussion_prompts(portfolio_score("modelling"))]

    assert "Ask how the hyperparameters in candidate/churn: churn/train.py:9 were chosen" in texts[0]
    assert any("Ask how they would test candidate/churn: churn/pipeline.py" in t for t in texts)
    assert any("no cross-validation" in t for t in texts)
    assert any("textbook" in t for t in texts)
    assert "Ask how they would split candidate/churn: churn/pipeline.py:1:run (92 lines)." in texts


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_every_kind_of_portfolio_gets_prompts_and_a_report_in_words(sample):
    score = portfolio_score(sample)

    prompts, reports = discussion_prompts(score), repository_reports(score)

    assert prompts, "even a thin portfolio asks for a walk-through"
    assert [r.full_name for r in reports] == [o.full_name for o in score.repositories]
    assert all(r.headline for r in reports)


def test_a_repository_without_functions_is_asked_about_as_a_whole():
    texts = [p.text for p in discussion_prompts(portfolio_score("no_functions"))]

    assert "Ask how they would test candidate/report." in texts


def test_a_copied_repository_prompts_a_question_about_it():
    analyzed = portfolio_score("well_made")
    copy = analyzed.model_copy(
        update={
            "repositories": [
                RepositoryOutcome(full_name="ada/churn", status="copy", copy_of="acme/churn-model"),
            ]
        }
    )

    assert "it matches acme/churn-model" in discussion_prompts(copy)[0].text


def test_no_portfolio_gives_no_prompts():
    assert discussion_prompts(None) == []


def test_the_report_says_per_repository_what_was_found_in_plain_words():
    score = portfolio_score("modelling")
    forked = score.model_copy(
        update={
            "repositories": [
                *score.repositories,
                RepositoryOutcome(full_name="ada/django", status="fork", fork_of="django/django"),
            ]
        }
    )

    churn = repository_reports(forked)[0]
    assert churn.findings[0] == "No tests found."
    assert "have docstrings" in churn.findings[1]
    assert "Models set up with chosen settings in 1 place (churn/train.py:9)." in churn.findings
    assert churn.evidence[:2] == [
        "No docstring: churn/pipeline.py (top of the file)",
        "No docstring: churn/pipeline.py:1:run",
    ]
    assert repository_reports(forked)[-1].headline.startswith("A fork of django/django")


def test_markdown_keeps_formatting_and_drops_everything_executable():
    html = render_markdown(
        '# T\n**b** <a href="javascript:x" onclick="y">l</a> <iframe src="x"></iframe> [ok](https://e.example)'
    )

    assert "<strong>b</strong>" in html and 'href="https://e.example"' in html
    assert "javascript" not in html and "onclick" not in html and "iframe" not in html


@pytest.mark.parametrize("value", ["=1+1", "+1", "-cmd", "@SUM(A1)", "\tx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralized(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    ("original", "stored", "expected"),
    [
        ("../../x.pdf", "resumes/a.pdf", "x.pdf"),
        ("cv\u202efdp.exe", "resumes/a.pdf", "cvfdp.pdf"),
        ("Zoë Müller CV.docx", "resumes/b.docx", "zoe-muller-cv.docx"),
        ("\x00" * 3, "resumes/c.pdf", "resume.pdf"),
        ("a" * 300 + ".pdf", "resumes/d.pdf", "a" * 80 + ".pdf"),
    ],
)
def test_download_names_are_ascii_with_the_stored_files_real_extension(original, stored, expected):
    assert download_name(original, stored) == expected


def test_rejecting_needs_a_reason_and_a_move_needs_a_new_stage():
    assert (move_problem("applied", "rejected", "  ") or "").startswith("Say why")
    assert move_problem("applied", "applied", "") == "The application is already at this stage."
    assert move_problem("applied", "screening", "") is None


def test_a_second_click_on_the_sorted_column_reverses_it():
    links = {link.key: link for link in sort_links("-score", "stage=applied")}

    assert links["score"].state == "descending" and links["score"].query == "stage=applied&sort=score"
    assert links["name"].query == "stage=applied&sort=name" and links["name"].state == "none"
