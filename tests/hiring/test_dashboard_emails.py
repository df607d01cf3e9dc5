"""Stage emails go through the worker: queued after commit by id, sent once, retried on a mail outage."""

from __future__ import annotations

import django_rq
import pytest
from django.core import mail
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from hiring.models import CandidateEmail
from hiring.pipeline.stages import email_draft, move_stage
from hiring.tasks import job_id_for, send_candidate_email
from tests.hiring.dashboard_support import application_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def run_worker() -> None:
    worker = django_rq.get_worker("default", worker_class=SimpleWorker, serializer=JSONSerializer)  # type: ignore[arg-type]
    worker.work(burst=True)


def test_a_declined_email_is_queued_by_id_and_sent_by_the_worker(
    application, manager, review_queue, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    review_queue.empty()
    with django_capture_on_commit_callbacks(execute=True):
        move_stage(
            application=application, to="rejected", reason="Another candidate fit better", by=manager,
            email=email_draft(application, "rejected"),
        )  # fmt: skip
    email = CandidateEmail.objects.get()
    job = review_queue.fetch_job(job_id_for(email.pk))

    run_worker()

    assert job.args == [email.pk]
    email.refresh_from_db()
    assert email.status == "sent" and email.sent_at is not None
    assert mail.outbox[-1].to == ["ada@example.com"]
    assert "Thank you for your interest" in mail.outbox[-1].body


def test_an_email_already_sent_is_not_sent_twice(application, manager):
    email = CandidateEmail.objects.create(
        application=application, template="x", subject="s", body="b", status="sent"
    )
    mail.outbox.clear()

    send_candidate_email(email.pk)

    assert mail.outbox == []


def test_a_mail_outage_leaves_the_email_queued_with_the_error_for_a_retry(application, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    email = CandidateEmail.objects.create(application=application, template="x", subject="s", body="b")

    with pytest.raises(OSError):
        send_candidate_email(email.pk)

    email.refresh_from_db()
    assert email.status == "queued" and email.error
