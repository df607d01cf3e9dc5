"""A hiring manager goes from their home to decisions on the demo, reviewed by the real worker.

Nora owns "Machine Learning Engineer, Model Serving". From her home she opens the board, ticks two
rows and chooses "Rejected" with emails, then presses "Retry review" on a failed review instead:
that one review is retried and nothing else changes. She moves Mei on with the invitation email
she reads before it goes, writes a note and a scorecard, and rejects another candidate with a
reason, after which the candidate page shows the decision.
"""

from __future__ import annotations

import io
import re
from typing import Any

import django_rq
import pytest
from django.core import mail
from django.core.management import call_command
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from hiring.demo.accounts import DEMO_PASSWORD
from hiring.demo.portfolios import MLE_AD
from hiring.models import Application, CandidateEmail, Note, Scorecard, StageChange
from portfolios.loopback import LoopbackGitHub
from tests.e2e.test_recruiter_journey import sign_in
from tests.wording import library_wording

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_worker() -> None:
    worker = django_rq.get_worker("default", worker_class=SimpleWorker, serializer=JSONSerializer)  # type: ignore[arg-type]
    worker.work(burst=True)


@pytest.fixture
def demo(settings, tmp_path, review_queue, private_storage) -> Any:
    """`make run`'s demo: seeded, then every portfolio reviewed through the loopback GitHub."""
    settings.DEBUG, settings.VAR_DIR = True, tmp_path
    settings.GIT_ALLOWED_PROTOCOLS = ["https", "file"]
    with LoopbackGitHub(tmp_path / "demo-github") as github:
        settings.GITHUB_API_URL, settings.GITHUB_TOKEN = github.base_url, ""
        settings.GITHUB_MAX_RETRY_WAIT_SECONDS = 0
        call_command("seed_demo", stdout=io.StringIO())
        run_worker()
        yield github


def application_of(name: str) -> Application:
    return Application.objects.select_related("portfolio_review").get(candidate__full_name=name)


def test_a_manager_goes_from_home_to_decisions(live_server, page, demo, shoot):
    base = live_server.url
    omar, ravi, mei = (application_of(name) for name in ("Omar Haddad", "Ravi Menon", "Mei Tanaka"))
    assert omar.portfolio_review.status == "failed" and mei.stage == "screening"
    sign_in(page, base, "nora", DEMO_PASSWORD)

    home = page.locator("article.home-ad", has_text=MLE_AD)
    assert "To screen (2)" in home.inner_text() and "Ravi Menon" in home.inner_text()
    shoot(page, "manager-1-home")
    home.locator(f"h3 >> text={MLE_AD}").click()

    # Ticks and a bulk choice are set, but the button pressed is Retry review: only the retry happens.
    page.check(f"#pick-{omar.pk}")
    page.check(f"#pick-{ravi.pk}")
    page.select_option("#bulk-form [name=to]", "rejected")
    page.fill("#bulk-form [name=reason]", "Not this time")
    page.check("#bulk-form [name=send_email]")
    shoot(page, "manager-2-board")
    page.locator(f"#review-{omar.pk} button:has-text('Retry review')").click()
    page.wait_for_selector("text=The portfolio review is queued again.")
    assert re.search(r"/staff/pipelines/\d+/", page.url), "back on the board"
    assert application_of("Omar Haddad").portfolio_review.status == "pending"
    assert {application_of(name).stage for name in ("Omar Haddad", "Ravi Menon")} == {"applied"}
    assert not CandidateEmail.objects.filter(application__in=[omar, ravi]).exists()

    # A bulk rejection with emails shows the emails first; going back moves nothing.
    page.check(f"#pick-{ravi.pk}")
    page.select_option("#bulk-form [name=to]", "rejected")
    page.fill("#bulk-form [name=reason]", "Not this time")
    page.check("#bulk-form [name=send_email]")
    page.click("#bulk-form button:has-text('Move')")
    page.wait_for_selector("text=Check the emails before they go")
    assert "Dear Ravi Menon" in page.locator(".email-preview").inner_text()
    shoot(page, "manager-2b-bulk-email-preview")
    page.click("text=Back to the board; nothing moves")
    assert application_of("Ravi Menon").stage == "applied" and not CandidateEmail.objects.exists()

    page.click("text=Mei Tanaka")
    assert page.locator("#move-to").input_value() == "technical", "the next stage is preselected"
    assert page.locator("section.prompts li").count() >= 1
    assert library_wording(page.content()) == []
    page.click("text=Next: reason and email")
    page.fill("#move-panel [name=reason]", "Strong on serving and Terraform")
    assert "An invitation to talk about" in page.input_value("#move-panel [name=subject]")
    assert "Dear Mei Tanaka" in page.input_value("#move-panel [name=body]")
    shoot(page, "manager-3-move-with-email")
    page.click("text=Confirm the move")
    page.wait_for_selector("text=Moved Mei Tanaka to Technical discussion")

    page.fill("[name=body]", "**Discussion:** walked through the canary releases; clear on rollbacks.")
    page.click("text=Add note")
    page.wait_for_selector(".note-body strong:has-text('Discussion:')")
    page.click("summary:has-text('Write your scorecard')")
    for fieldset in page.locator("fieldset.competency").all():
        fieldset.locator("input[type=radio]").nth(2).check()
        fieldset.locator("textarea").fill("Explained the serving set-up and its trade-offs.")
    page.click("button:has-text('Submit')")
    page.wait_for_selector("text=Scorecard submitted.")
    shoot(page, "manager-4-candidate-after-scorecard")

    page.goto(f"{base}/staff/applications/{ravi.pk}/")
    page.select_option("#move-to", "rejected")
    page.click("text=Next: reason and email")
    page.fill("#move-panel [name=reason]", "A data-science profile; this role is ML engineering")
    page.click("text=Confirm the move")
    page.wait_for_selector("text=Decision: Rejected")
    shoot(page, "manager-5-decision")

    run_worker()
    assert StageChange.objects.filter(application=mei, to_stage="technical").exists()
    assert Note.objects.filter(application=mei, author__username="nora").exists()
    assert Scorecard.objects.get(application=mei).is_submitted
    assert {message.to[0] for message in mail.outbox} == {
        "mei@candidates.example.com",
        "ravi@candidates.example.com",
    }


def test_a_manager_sees_a_copied_lesson_and_compares_it_side_by_side(live_server, page, demo, shoot):
    """Max reads Jonas's page: the flag, the copied code with its share, then both files side by side."""
    base = live_server.url
    jonas = application_of("Jonas Berg")
    sign_in(page, base, "max", DEMO_PASSWORD)
    page.goto(f"{base}/staff/applications/{jonas.pk}/")

    flag = page.locator("article", has_text="Code repeats other code").first
    assert "the tutorial acme-academy/ml-foundations (lessons/)" in flag.inner_text()
    copied = page.locator("section.copied")
    assert "repeats the tutorial acme-academy/ml-foundations (lessons/)" in copied.inner_text()
    prompts = page.locator("section.prompts").inner_text()
    assert "what they changed in the tutorial's model" in prompts
    shoot(page, "manager-6-copied-code")

    copied.locator("a:has-text('compare side by side')").first.click()
    page.wait_for_selector("h1:has-text('Copied code, side by side')")
    sides = page.locator("section.code-side")
    assert sides.count() == 2 and "lessons/03_random_forest.py" in sides.nth(1).inner_text()
    assert page.locator("section.code-side").nth(0).locator("mark").count() > 10
    assert "def churn_rate" not in " ".join(page.locator("mark").all_inner_texts()), "his own helper"
    assert library_wording(page.content()) == []
    shoot(page, "manager-7-side-by-side")


def test_a_manager_reads_whether_a_project_would_run_and_a_notebook_first_portfolio(
    live_server, page, demo, shoot
):
    """Max reads Felix's "Ready to run" row and the credentials prompt, then Hana's narrated notebooks."""
    base = live_server.url
    sign_in(page, base, "max", DEMO_PASSWORD)
    page.goto(f"{base}/staff/applications/{application_of('Felix Wagner').pk}/")

    row = page.locator("tr", has_text="Ready to run")
    assert "it uses 1 package no list declares (xgboost)" in row.inner_text()
    assert "1 path points at the author's own computer" in row.inner_text()
    row.locator("summary:has-text('Evidence')").click()
    evidence = row.inner_text()
    assert "churn.ipynb cell 3 ran before cell 2 above it" in evidence
    assert "AKIAFAKEDEMO2QX7RT4W" not in page.content(), "a credential is never shown in full"
    prompts = page.locator("section.prompts").inner_text()
    assert "ask how they handle credentials and secrets" in prompts
    assert library_wording(page.content()) == []
    shoot(page, "manager-8-ready-to-run")

    page.goto(f"{base}/staff/applications/{application_of('Hana Sato').pk}/")
    documentation = page.locator("tr", has_text="Documentation").inner_text()
    assert "100% of notebook code cells come with a written explanation" in documentation
    page.locator("summary:has-text('What was read in each repository')").click()
    basket = page.locator("details.repositories article", has_text="hana-sato/basket-analysis").inner_text()
    assert "Named by the candidate as a project to read first." in basket
    assert "2 of 2 notebooks ran top to bottom as saved." in basket
    shoot(page, "manager-9-notebooks")
