"""Hostile text in every free-text input is shown as text on every page that shows it (F8, A7, D4).

One application carries a script or an event-handler payload in each field it has, its résumé
file name, a note, a stage reason, and a repository whose file name is markup; then every page a
person could open is fetched and searched for the payload as live markup.
"""

from __future__ import annotations

from html.parser import HTMLParser

import django_rq
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from hiring.models import Application
from hiring.pipeline.stages import move_stage
from jobads.services import save_ad
from portfolios.loopback import LoopbackGitHub
from tests.factories import form_data
from tests.resume_files import make_pdf

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'


class LiveMarkup(HTMLParser):
    """Collects what a browser would execute: event-handler attributes, scripts that call alert,
    javascript: links and the payload's image."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and ("src", "x") in attrs:
            self.found.append("<img src=x>")

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


@pytest.fixture
def hostile_application(
    submit,
    live_ad,
    private_storage,
    review_queue,
    manager,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    with LoopbackGitHub(tmp_path / "github") as github:
        settings.GITHUB_API_URL = github.base_url
        settings.GIT_ALLOWED_PROTOCOLS = ["https", "file"]
        hostile_module = f"def {'x'}():\n    return 1\n"
        github.store.add_repository(
            "eve-x", "tricks", {f"{IMG}.py": hostile_module, "README.md": f"# {SCRIPT}\n"}
        )
        resume = SimpleUploadedFile(f"{SCRIPT}.pdf", make_pdf("Data scientist"))
        fields = {
            name: f"{SCRIPT} {IMG}" for name in ("full_name", "location", "current_title", "skills", "note")
        }
        submit(live_ad, form_data(**fields, github_username="eve-x", resume=resume))
        with django_capture_on_commit_callbacks(execute=True):
            worker = django_rq.get_worker("default", worker_class=SimpleWorker, serializer=JSONSerializer)  # type: ignore[arg-type]
            worker.work(burst=True)
    application = Application.objects.get()
    assert application.portfolio_review.status == "done", application.portfolio_review.detail
    move_stage(application=application, to="rejected", reason=f"{SCRIPT} {IMG}", by=manager)
    return application


def staff_pages(application: Application) -> list[str]:
    return [
        reverse("hiring:pipelines"),
        reverse("hiring:board", args=[application.job_ad_id]),
        reverse("hiring:application", args=[application.pk]),
        reverse("hiring:review_status", args=[application.pk]),
    ]


def assert_escaped(html: str, where: str) -> None:
    parser = LiveMarkup()
    parser.feed(html)
    assert parser.found == [], f"live markup on {where}"


def test_hostile_text_is_escaped_on_every_staff_page(client, manager, hostile_application):
    client.force_login(manager)  # signed in first: the hostile note must exist for the pages to show it
    posted = client.post(
        reverse("hiring:note_add", args=[hostile_application.pk]),
        {"body": f"{SCRIPT}\n\n[x](javascript:alert(1))"},
    )
    assert posted.status_code == 302 and hostile_application.notes.count() == 1

    for url in staff_pages(hostile_application):
        page = client.get(url).content.decode()
        assert_escaped(page, url)
    detail = client.get(reverse("hiring:application", args=[hostile_application.pk])).content.decode()
    assert "&lt;script&gt;" in detail  # shown, as text
    assert "javascript:" not in detail


def test_a_hostile_note_is_rendered_as_safe_markup(client, manager, hostile_application):
    client.force_login(manager)
    client.post(
        reverse("hiring:note_add", args=[hostile_application.pk]),
        {"body": f"**fine** {SCRIPT} {IMG} [x](javascript:alert(1))"},
    )

    page = client.get(reverse("hiring:application", args=[hostile_application.pk])).content.decode()

    assert "<strong>fine</strong>" in page
    assert_escaped(page, "the note")
    assert 'href="javascript:' not in page


def test_hostile_text_is_escaped_on_the_candidates_own_pages(client, hostile_application):
    for name in ("hiring:applied", "hiring:status"):
        page = client.get(reverse(name, args=[hostile_application.status_token])).content.decode()
        assert_escaped(page, name)


def test_the_csv_export_neutralizes_formulas(client, manager, submit, live_ad, private_storage, review_queue):
    submit(live_ad, form_data(full_name='=HYPERLINK("http://evil.example","click")', github_username=""))
    client.force_login(manager)

    csv = b"".join(client.get(reverse("hiring:board_export", args=[live_ad.pk])).streaming_content).decode()

    assert "\n=HYPERLINK" not in csv and ",=HYPERLINK" not in csv
    assert "'=HYPERLINK" in csv


def test_markup_typed_into_an_ad_never_reaches_the_public_page(client, live_ad, recruiter):
    live_ad.summary = f"Great team. {SCRIPT} <a href='javascript:alert(1)'>more</a> {IMG}"
    live_ad.responsibilities = [*live_ad.responsibilities, IMG]
    save_ad(ad=live_ad, by=recruiter)

    page = client.get(reverse("jobads:detail", args=[live_ad.slug])).content.decode()

    assert_escaped(page, "the public ad")
    assert "javascript:" not in page
