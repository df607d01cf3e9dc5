"""`manage.py periodic`: what Redis missed is queued again, and abandoned uploads are removed."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from hiring.intake.uploads import STASH_MAX_AGE
from hiring.models import Application, CandidateEmail
from portfolios.models import KnownRepository
from tests.factories import form_data

pytestmark = pytest.mark.django_db


def test_one_run_requeues_reviews_emails_and_resume_readings_and_sweeps_stale_uploads(
    submit, live_ad, private_storage, review_queue, capsys
):
    submit(live_ad, form_data())
    review_queue.connection.flushdb()  # Redis lost everything
    application = Application.objects.get()
    Application.objects.filter(pk=application.pk).update(created_at=timezone.now() - timedelta(hours=1))
    email = CandidateEmail.objects.create(
        application=application, template="received", subject="Hi", body="Hello"
    )
    CandidateEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - timedelta(hours=1))
    stale = private_storage / "pending" / "old.pdf"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"%PDF-1.4")
    old = time.time() - STASH_MAX_AGE.total_seconds() - 60
    os.utime(stale, (old, old))
    never_read = KnownRepository.objects.create(full_name="acme/course")
    read_yesterday = KnownRepository.objects.create(full_name="acme/churn-model")
    KnownRepository.objects.filter(pk=read_yesterday.pk).update(
        attempted_at=timezone.now() - timedelta(days=1), refreshed_at=timezone.now() - timedelta(days=1)
    )

    call_command("periodic")

    out = capsys.readouterr().out
    assert "Enqueued 1 review(s), 1 email(s), 1 résumé reading(s) and 1 reference repository read(s)" in out
    assert "removed 1 stale upload(s)" in out
    assert sorted(review_queue.job_ids) == sorted(
        [
            f"portfolio-review-{application.portfolio_review_id}",
            f"candidate-email-{email.pk}",
            f"resume-text-{application.pk}",
            f"known-repository-{never_read.pk}",
        ]
    )
    assert not stale.exists()
