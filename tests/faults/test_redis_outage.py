"""Redis stopped while candidates apply (rows F14 and C4 of RELIABILITY.md): nothing is lost, and the
reconciler plus a real worker process finish every review once Redis is back."""

from __future__ import annotations

import pytest
from django.test import Client

from hiring.models import Application
from portfolios.jobs import reconcile_reviews
from portfolios.models import PortfolioReview
from tests.factories import form_data
from tests.faults.conftest import worker_log
from tests.portfolios.repos import DOCUMENTED_TYPED

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
CANDIDATES = ["ada-l", "grace-h", "alan-t", "edsger-d"]


def apply(ad, login: str) -> int:
    data = form_data(full_name=login, email=f"{login}@example.com", github_username=login)
    return Client().post(f"/jobs/{ad.slug}/apply/", data).status_code


def test_applications_sent_while_redis_is_down_are_kept_and_reviewed_after_it_returns(
    own_redis, github, live_ad, private_storage, start_worker, tmp_path
):
    for login in CANDIDATES:
        github.store.add_repository(login, "churn", DOCUMENTED_TYPED)
    assert apply(live_ad, CANDIDATES[0]) == 302  # queued in Redis normally

    own_redis.stop()
    statuses = [apply(live_ad, login) for login in CANDIDATES[1:]]
    own_redis.start()  # back, but empty: the job queued before the outage is gone as well

    assert statuses == [302, 302, 302]
    reviews = PortfolioReview.objects.filter(github_username__in=CANDIDATES)
    assert Application.objects.filter(github_username__in=CANDIDATES).count() == len(CANDIDATES)
    assert sorted(reviews.values_list("status", flat=True)) == ["pending"] * len(CANDIDATES)
    assert reconcile_reviews() == len(CANDIDATES)
    start_worker("--burst").wait(timeout=90)
    assert sorted(reviews.values_list("status", flat=True)) == ["done"] * len(CANDIDATES), worker_log(
        tmp_path
    )
    assert sorted(reviews.values_list("attempts", flat=True)) == [1] * len(CANDIDATES)
