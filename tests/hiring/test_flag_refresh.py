"""Flags follow the ad: a new pay range or role family recomputes every application's flags."""

from __future__ import annotations

import django_rq
import pytest
from rq import SimpleWorker
from rq.serializers import JSONSerializer

from hiring.models import Application
from jobads.services import save_ad
from tests.factories import form_data

pytestmark = pytest.mark.django_db


def test_raising_the_posted_maximum_clears_the_salary_flag_through_the_worker(
    submit, live_ad, private_storage, review_queue, recruiter, django_capture_on_commit_callbacks
):
    submit(live_ad, form_data(salary_text="190k", confirm_salary="on", github_username=""))
    application = Application.objects.get()
    assert application.flags.filter(kind="salary_above_range").exists()

    live_ad.pay_max = 200_000
    with django_capture_on_commit_callbacks(execute=True):
        save_ad(ad=live_ad, by=recruiter)
    worker = django_rq.get_worker("default", worker_class=SimpleWorker, serializer=JSONSerializer)  # type: ignore[arg-type]
    worker.work(burst=True)

    assert not application.flags.filter(kind="salary_above_range").exists()


def test_changing_the_role_family_raises_a_role_mismatch_on_existing_applications(
    submit, live_ad, ml_engineer, private_storage, review_queue, recruiter, django_capture_on_commit_callbacks
):
    submit(live_ad, form_data(current_title="Sr. Data Scientist", github_username=""))
    application = Application.objects.get()
    assert not application.flags.filter(kind="title_mismatch").exists()

    live_ad.role_family = ml_engineer
    live_ad.required_skills = ["CI/CD", "Terraform"]
    with django_capture_on_commit_callbacks(execute=True):
        save_ad(ad=live_ad, by=recruiter)
    django_rq.get_worker("default", worker_class=SimpleWorker, serializer=JSONSerializer).work(burst=True)  # type: ignore[arg-type]

    assert application.flags.filter(kind="title_mismatch").exists()


def test_a_redis_outage_refreshes_the_flags_in_the_request_instead(
    submit, live_ad, private_storage, review_queue, recruiter, settings, django_capture_on_commit_callbacks
):
    submit(live_ad, form_data(salary_text="190k", confirm_salary="on", github_username=""))
    settings.RQ_QUEUES = {"default": {**settings.RQ_QUEUES["default"], "URL": "redis://127.0.0.1:1/0"}}

    live_ad.pay_max = 200_000
    with django_capture_on_commit_callbacks(execute=True):
        save_ad(ad=live_ad, by=recruiter)

    assert not Application.objects.get().flags.filter(kind="salary_above_range").exists()


def test_an_edit_that_leaves_pay_and_role_alone_queues_nothing(
    live_ad, recruiter, review_queue, django_capture_on_commit_callbacks
):
    live_ad.summary = "A sharper introduction."
    with django_capture_on_commit_callbacks(execute=True):
        save_ad(ad=live_ad, by=recruiter)

    assert review_queue.count == 0
