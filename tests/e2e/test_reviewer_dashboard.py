"""End to end in a real browser: a recruiter publishes an ad, a candidate applies with a résumé and
a GitHub profile (loopback GitHub), the worker reviews it, and the hiring manager triages."""

from __future__ import annotations

import re
from typing import Any

import django_rq
import pytest
from django.core import mail
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from hiring.models import Application, Note, StageChange
from jobads.models import JobAd
from tests.github_server import LoopbackGitHub
from tests.resume_files import make_pdf

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TRAIN = (
    "from sklearn.ensemble import RandomForestClassifier\n"
    "\n"
    "\n"
    "def train(rows, labels):\n"
    "    model = RandomForestClassifier(n_estimators=300, max_depth=8)\n"
    "    return model.fit(rows, labels)\n"
)
PIPELINE = "def run(path):\n    rows = [line.split(',') for line in open(path)]\n    return rows\n"


@pytest.fixture
def github(tmp_path, settings) -> Any:
    with LoopbackGitHub(tmp_path / "github") as server:
        settings.GITHUB_API_URL = server.base_url
        settings.GITHUB_TOKEN = ""
        settings.GIT_ALLOWED_PROTOCOLS = ["https", "file"]
        settings.GITHUB_MAX_RETRY_WAIT_SECONDS = 0
        server.store.add_repository(
            "grace-ml", "churn", {"churn/train.py": TRAIN, "churn/pipeline.py": PIPELINE}
        )
        yield server


def sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", "a-strong-test-password")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/staff/$"))


def publish_ad(page: Any, base: str) -> None:
    page.goto(f"{base}/staff/ads/new/")
    page.fill("[name=title]", "Senior Data Scientist")
    page.select_option("[name=role_family]", label="Data Scientist")
    page.fill("[name=team]", "Growth")
    page.select_option("[name=owner]", label="morgan")
    page.fill("[name=summary]", "Make experiments trustworthy.")
    page.fill("[name=responsibilities]", "Design experiments\nBuild models\nExplain results")
    page.fill("[name=required_skills]", "statistics\nSQL")
    page.fill("[name=location]", "New York, NY")
    page.check("[name=jurisdictions][value=US-NYC]")
    page.fill("[name=pay_min]", "140000")
    page.fill("[name=pay_max]", "175000")
    page.fill("[name=benefits]", "Health cover and a pension.")
    page.check("[name=is_ongoing]")
    page.click("form.ad-form button[type=submit]")
    page.click("button:has-text('Publish')")
    page.wait_for_selector("text=Published")


def apply(page: Any, base: str, tmp_path: Any) -> None:
    resume = tmp_path / "grace-cv.pdf"
    resume.write_bytes(make_pdf("Machine Learning Engineer. Kubernetes, Docker, MLOps, model serving."))
    ad = JobAd.objects.get()
    assert ad.status == "published", ad.publish_problems()
    page.goto(f"{base}/jobs/{ad.slug}/apply/")
    fields = {
        "full_name": "Grace Hopper", "email": "grace@example.com", "location": "New York",
        "current_title": "Machine Learning Engineer", "years_experience": "7",
        "skills": "Kubernetes, Docker, MLOps, model serving, CI/CD", "github_username": "grace-ml",
        "salary_text": "$210,000",
    }  # fmt: skip
    for name, value in fields.items():
        page.fill(f"[name={name}]", value)
    page.set_input_files("[name=resume]", str(resume))
    page.check("[name=consent]")
    page.click("form button[type=submit]")
    if page.locator("[name=confirm_salary]").count():  # asked to confirm a minimum above the range
        page.check("[name=confirm_salary]")
        page.set_input_files("[name=resume]", str(resume))
        page.click("form button[type=submit]")
    page.wait_for_url(re.compile(r"/received/$"))


def run_worker() -> None:
    worker = django_rq.get_worker("default", worker_class=SimpleWorker, serializer=JSONSerializer)  # type: ignore[arg-type]
    worker.work(burst=True)


def test_a_manager_triages_a_reviewed_candidate_in_the_browser(
    live_server, page, github, recruiter, manager, private_storage, review_queue, tmp_path, results_dir
):
    base = live_server.url
    sign_in(page, base, "rachel")
    publish_ad(page, base)
    page.click("button:has-text('Sign out')")

    apply(page, base, tmp_path)
    run_worker()

    application = Application.objects.get(candidate__email="grace@example.com")
    assert application.portfolio_review.status == "done", application.portfolio_review.detail

    sign_in(page, base, "morgan")
    page.click("nav >> text=Pipelines")
    page.click("text=Senior Data Scientist")
    row = page.locator("tr", has_text="Grace Hopper")
    assert row.locator("text=Salary above range").is_visible()
    assert row.locator("text=Role mismatch").first.is_visible()
    assert row.locator("strong.score").inner_text().isdigit()
    page.screenshot(path=str(results_dir / "dashboard-board.png"), full_page=True)

    page.click("text=Grace Hopper")
    prompts = page.locator("section.prompts").inner_text()
    assert "Ask how the hyperparameters in grace-ml/churn: churn/train.py:5 were chosen" in prompts
    assert "Ask how they would test" in prompts

    page.select_option("#move-to", "technical")
    page.click("text=Next: reason and email")
    page.fill("#move-panel [name=reason]", "Strong, original portfolio")
    assert "An invitation to talk about" in page.input_value("#move-panel [name=subject]")
    page.click("text=Confirm the move")
    page.wait_for_selector("text=Moved to Technical discussion")

    page.fill("[name=body]", "**Call summary:** clear on validation; ask about *serving* next.")
    page.click("text=Add note")
    page.wait_for_selector(".note-body strong:has-text('Call summary:')")
    page.screenshot(path=str(results_dir / "dashboard-detail.png"), full_page=True)

    run_worker()
    assert StageChange.objects.get(application=application).to_stage == "technical"
    assert Note.objects.get(application=application).author == manager
    assert mail.outbox[-1].to == ["grace@example.com"]
