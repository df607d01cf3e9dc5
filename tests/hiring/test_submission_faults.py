"""Nothing is lost and nothing is doubled: duplicates, races, outages and abuse (F4, F10-F15)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client

from hiring.models import Application, Candidate, Flag
from portfolios.jobs import reconcile_reviews
from portfolios.models import PortfolioReview
from tests.factories import form_data

pytestmark = pytest.mark.django_db


def test_the_same_email_in_another_case_to_the_same_ad_is_told_it_was_received(
    submit, live_ad, private_storage, review_queue
):
    submit(live_ad, form_data())

    response = submit(live_ad, form_data(email="ADA@Example.com", github_username=""), follow=True)

    assert "We already have your application" in response.content.decode()
    assert Application.objects.count() == 1


def test_the_same_github_user_under_another_email_is_kept_and_both_are_flagged(
    submit, live_ad, private_storage, review_queue
):
    submit(live_ad, form_data())

    response = submit(
        live_ad,
        form_data(
            email="other@example.com", full_name="Bo Other", github_username="https://github.com/ADA-L"
        ),
    )

    assert response.status_code == 302 and Application.objects.count() == 2
    assert Flag.objects.filter(kind="shared_github_profile").count() == 2


def test_an_application_to_another_ad_reuses_the_candidate(submit, make_ad, private_storage, review_queue):
    first, second = make_ad(status="published"), make_ad(status="published", title="Staff Data Scientist")

    submit(first, form_data())
    submit(second, form_data(email="Ada@example.com", full_name="Ada King"))

    assert Candidate.objects.count() == 1 and Application.objects.count() == 2
    assert Candidate.objects.get().full_name == "Ada King"


def test_a_returning_candidate_is_greeted_by_the_name_they_gave_this_time(
    submit, make_ad, private_storage, review_queue, mailoutbox
):
    first, second = make_ad(status="published"), make_ad(status="published", title="Staff Data Scientist")
    submit(first, form_data())

    submit(second, form_data(email="ada@example.com", full_name="Ada King"))

    assert mailoutbox[-1].body.startswith("Hello Ada King,")


def test_replaying_the_same_submission_token_gives_the_same_confirmation(
    submit, live_ad, private_storage, review_queue
):
    token = str(uuid.uuid4())
    first = submit(live_ad, form_data(submission_token=token))

    second = submit(
        live_ad, form_data(submission_token=token, email="someone-else@example.com", github_username="")
    )

    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_posts_of_one_form_create_one_application(live_ad, private_storage, review_queue):
    token = str(uuid.uuid4())
    barrier = threading.Barrier(2)
    locations: list[str] = []

    def post() -> None:
        barrier.wait()
        response = Client().post(f"/jobs/{live_ad.slug}/apply/", form_data(submission_token=token))
        locations.append(response.get("Location", f"status {response.status_code}"))
        connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Application.objects.count() == 1
    assert len(locations) == 2 and locations[0] == locations[1]
    assert len(list((private_storage / "resumes").rglob("*.pdf"))) == 1  # the loser's file was removed


def test_redis_down_at_commit_still_confirms_and_reconcile_enqueues_exactly_once(
    submit, live_ad, private_storage, review_queue, settings
):
    working = settings.RQ_QUEUES
    settings.RQ_QUEUES = {"default": {**working["default"], "URL": "redis://127.0.0.1:1/0"}}
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}}

    response = submit(live_ad, form_data(), follow=True)

    assert "we received your application" in response.content.decode()
    review = PortfolioReview.objects.get()
    assert review.status == PortfolioReview.Status.PENDING
    settings.RQ_QUEUES = working
    assert reconcile_reviews() == 1
    assert reconcile_reviews() == 1  # a second run finds the job queued: still one job
    assert review_queue.job_ids == [f"portfolio-review-{review.id}"]


def test_reconcile_reviews_command_reports_what_it_enqueued(
    submit, live_ad, private_storage, review_queue, capsys
):
    submit(live_ad, form_data())
    review_queue.empty()

    call_command("reconcile_reviews")

    assert "Enqueued 1 review(s)." in capsys.readouterr().out
    assert review_queue.count == 1


def test_the_sixth_application_from_one_address_within_an_hour_gets_429_and_is_not_stored(
    submit, make_ad, private_storage, review_queue
):
    ads = [make_ad(status="published", title=f"Data Scientist {n}") for n in range(6)]
    for number, ad in enumerate(ads[:5]):
        assert (
            submit(ad, form_data(email=f"person{number}@example.com", github_username="")).status_code == 302
        )

    response = submit(ads[5], form_data(email="person5@example.com", github_username=""))

    assert response.status_code == 429
    assert "Please wait a little" in response.content.decode()
    assert Application.objects.count() == 5


def test_a_post_without_a_csrf_token_is_refused_and_stores_nothing(live_ad, private_storage):
    response = Client(enforce_csrf_checks=True).post(f"/jobs/{live_ad.slug}/apply/", form_data())

    assert response.status_code == 403
    assert Application.objects.count() == 0


def test_a_body_over_the_limit_gets_a_friendly_413(client, live_ad, settings):
    settings.MAX_REQUEST_BYTES = 1024

    response = client.post(f"/jobs/{live_ad.slug}/apply/", form_data())

    assert response.status_code == 413
    assert "That upload is too large" in response.content.decode()


def test_a_database_failure_while_saving_gives_a_503_and_leaves_no_orphan_file(live_ad, private_storage):
    def fail_on_application_insert(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "hiring_application"'):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_on_application_insert):
        response = Client(raise_request_exception=False).post(f"/jobs/{live_ad.slug}/apply/", form_data())

    assert response.status_code == 503 and "Please try again in a minute" in response.content.decode()
    assert Application.objects.count() == 0 and PortfolioReview.objects.count() == 0
    assert not list(private_storage.rglob("*.pdf"))


class FullDiskStorage(FileSystemStorage):
    def _save(self, name, content):
        raise OSError(28, "No space left on device")


def test_a_storage_failure_gives_an_error_page_and_no_application(live_ad, private_storage, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.FullDiskStorage"}}

    response = Client(raise_request_exception=False).post(f"/jobs/{live_ad.slug}/apply/", form_data())

    assert response.status_code == 503
    assert Application.objects.count() == 0
