"""What is new for a hiring manager since their last visit, on the home page and as a daily email:
new applications, finished reviews, notes that mention them, colleagues' scorecards."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from hiring.dashboard.digest import send_daily_digests
from hiring.dashboard.notes import add_note
from hiring.dashboard.whats_new import mentions, whats_new
from hiring.models import Application, DailyDigest, HomeVisit, Scorecard
from hiring.roles import HIRING_MANAGERS
from jobads.models import JobAd
from tests.factories import form_data
from tests.hiring.dashboard_support import with_sample_score

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(live_ad) -> User:
    """Rita reviews the manager's ad with him."""
    rita = User.objects.create_user("rita", "rita@example.test", "a-strong-test-password", first_name="Rita")
    rita.groups.add(Group.objects.get(name=HIRING_MANAGERS))
    live_ad.reviewers.add(rita)
    return rita


@pytest.fixture
def news_since_visit(client, manager, colleague, live_ad, submit, private_storage, review_queue):
    """Morgan visited home an hour ago; since then Ada applied, her review finished, Rita wrote a
    note naming him and one naming nobody, a private note of hers names him, and she submitted a
    scorecard."""
    HomeVisit.objects.create(user=manager, seen_at=timezone.now() - timedelta(hours=1))
    submit(live_ad, form_data())
    ada = with_sample_score(
        Application.objects.select_related("candidate", "portfolio_review").get(), "modelling"
    )
    add_note(
        application=ada, author=colleague, body="@morgan can you look at the churn model?", is_private=False
    )
    add_note(application=ada, author=colleague, body="Mail me at rita@morgan.example.", is_private=False)
    add_note(application=ada, author=colleague, body="@morgan private thought", is_private=True)
    Scorecard.objects.create(
        application=ada, interviewer=colleague, status=Scorecard.Status.SUBMITTED, submitted_at=timezone.now()
    )
    return ada


def test_mentions_are_usernames_after_an_at_sign_not_email_addresses():
    assert mentions("Thanks @Rita, and @max.") == {"rita", "max"}
    assert mentions("write to rita@example.com or @nora_k") == {"nora_k"}
    assert mentions("no one here") == set()


def test_the_home_page_lists_what_came_since_the_last_visit(client, manager, news_since_visit):
    client.force_login(manager)

    page = client.get("/staff/").content.decode()
    news = client.get("/staff/").context["whats_new"]  # the same session: the same "since"

    assert "New since your last visit" in page
    assert [who.name for who in news.applications] == ["Ada Lovelace"] and news.application_count == 1
    assert [who.name for who in news.reviews] == ["Ada Lovelace"]
    assert [m.excerpt for m in news.mentions] == ["@morgan can you look at the churn model?"]
    assert "private thought" not in page, "a private note is its author's own"
    assert [(c.interviewer, c.who.name) for c in news.scorecards] == [("Rita", "Ada Lovelace")]
    assert "Rita on Ada Lovelace" in page and "Rita for Ada Lovelace" in page


def test_nothing_is_new_for_the_author_or_before_the_visit(manager, colleague, news_since_visit):
    later = whats_new(manager, since=timezone.now())
    own = whats_new(colleague, since=timezone.now() - timedelta(hours=1))

    assert later.is_empty
    assert own.mentions == [] and own.scorecards == [], "nobody is told of their own note or scorecard"


def test_a_blinded_candidate_is_named_by_pseudonym_in_a_mention(manager, news_since_visit):
    JobAd.objects.filter(pk=news_since_visit.job_ad_id).update(is_blind_review=True)
    add_note(
        application=news_since_visit,
        author=User.objects.get(username="rita"),
        body="@morgan Ada Lovelace's tests are thin",
        is_private=False,
    )

    news = whats_new(manager, since=timezone.now() - timedelta(hours=1))

    assert all(m.who.is_blinded for m in news.mentions)
    assert not any("Lovelace" in m.excerpt or "Lovelace" in m.who.name for m in news.mentions)
    assert not any("Lovelace" in who.name for who in news.applications)


def test_another_managers_ad_brings_no_news(other_manager, news_since_visit):
    assert whats_new(other_manager, since=timezone.now() - timedelta(days=1)).is_empty


# --- The daily digest -----------------------------------------------------------------------------


def digests_to(user: User) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [user.email]]


def test_the_daily_digest_is_mailed_once_a_day_with_what_is_new(client, manager, news_since_visit, settings):
    settings.SITE_URL = "https://jobs.acme.example"
    client.force_login(manager)
    client.post("/staff/daily-digest/", {"enabled": "on"})
    out = io.StringIO()

    call_command("periodic", stdout=out)
    send_daily_digests()  # the same day: nothing more

    assert "sent 1 daily digest(s)" in out.getvalue()
    assert len(digests_to(manager)) == 1
    digest = digests_to(manager)[0]
    assert digest.subject == "What's new: 1 new application, 1 review finished, 1 mention, 1 scorecard"
    assert f"https://jobs.acme.example/staff/applications/{news_since_visit.pk}/" in digest.body
    assert "Rita on Ada Lovelace: “@morgan can you look at the churn model?”" in digest.body
    assert "private thought" not in digest.body


def test_a_day_later_only_what_came_since_the_last_digest_is_sent(manager, news_since_visit):
    DailyDigest.objects.create(user=manager, enabled=True, sent_at=timezone.now() - timedelta(days=2))

    assert send_daily_digests() == 1
    assert send_daily_digests(now=timezone.now() + timedelta(days=1, minutes=1)) == 0, "nothing new since"
    assert len(digests_to(manager)) == 1


def test_a_refusing_mail_server_leaves_the_digest_due(manager, news_since_visit, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    DailyDigest.objects.create(user=manager, enabled=True)

    assert send_daily_digests() == 0
    assert DailyDigest.objects.get(user=manager).sent_at is None, "tried again next round"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_daily_digests() == 1


def test_turning_the_digest_off_stops_it(client, manager, news_since_visit):
    client.force_login(manager)
    client.post("/staff/daily-digest/", {"enabled": "on"})
    response = client.post("/staff/daily-digest/", {}, follow=True)

    assert "The daily email is off." in response.content.decode()
    assert send_daily_digests() == 0 and digests_to(manager) == []
