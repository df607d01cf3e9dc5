"""Copied code as hiring managers see it, after the real worker reviewed real repositories: the
candidate page's section, the side-by-side page with the shared lines marked, and another
applicant named only to a manager who may open their application."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from hiring.flags.rules import Finding, FlagKind, Severity
from hiring.models import Application, Flag
from portfolios.models import CodeMatch
from tests.factories import form_data
from tests.portfolios.copy_samples import RENAMED, TRAINING

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_settings")]
OWN_HELPER = '''

def churn_rate(frame):
    """Share of customers who left: the candidate's own addition."""
    rate = frame["churned"].mean()
    print("churn rate", rate)
    return rate
'''


@pytest.fixture
def two_applicants(github_server, submit, make_ad, manager, other_manager, private_storage, work):
    """Ada applies to Morgan's ad; later Bob applies to Olivia's with Ada's project renamed, plus a helper."""
    github_server.store.add_repository("ada", "churn", {"churn.py": TRAINING})
    github_server.store.add_repository("bob", "my-churn", {"model.py": RENAMED + OWN_HELPER})
    first = make_ad(status="published", title="Data Scientist, Churn")
    second = make_ad(status="published", title="Data Scientist, Retention", owner=other_manager)
    submit(first, form_data(github_username="ada", email="ada@example.com", full_name="Ada Lovelace"))
    work()
    submit(second, form_data(github_username="bob", email="bob@example.com", full_name="Bob Stone"))
    work()
    ada, bob = (Application.objects.get(github_username=login) for login in ("ada", "bob"))
    return ada, bob, CodeMatch.objects.get()


def test_the_later_applicants_page_shows_the_copy_and_opens_it_side_by_side(
    client, other_manager, two_applicants
):
    _, bob, match = two_applicants
    client.force_login(other_manager)

    page = client.get(reverse("hiring:application", args=[bob.pk])).content.decode()

    assert "Copied code" in page
    assert (
        "of <strong>bob/my-churn</strong> repeats another applicant&#x27;s repository, given earlier" in page
    )
    assert "Ada" not in page  # Olivia does not review Ada's ad
    compare = reverse("hiring:near_copy", args=[bob.pk, match.pk, 0])
    assert compare in page

    side = client.get(compare).content.decode()
    marked = re.findall(
        r'<span class="code-line shared"><span class="line-number" aria-hidden="true">(\d+)', side
    )
    assert marked and "def churn_rate" not in "".join(re.findall(r"<mark>(.*?)</mark>", side))
    assert "It belongs to an applicant to an ad you do not review, so it is not shown." in side


def test_the_earlier_applicant_is_told_and_sees_both_sides_when_their_manager_may_see_both(
    client, manager, other_manager, two_applicants
):
    ada, bob, match = two_applicants
    bob.job_ad.reviewers.add(manager)  # Morgan now reviews Bob's ad too
    client.force_login(manager)

    page = client.get(reverse("hiring:application", args=[ada.pk])).content.decode()

    assert "the repository of Bob Stone, given later for “Data Scientist, Retention”" in page
    assert reverse("hiring:application", args=[bob.pk]) in page
    side = client.get(reverse("hiring:near_copy", args=[ada.pk, match.pk, 0])).content.decode()
    assert "Ada Lovelace&#x27;s code" in side and "def load(path):" in side and "def read_data(path):" in side


def test_a_manager_of_neither_ad_gets_no_side_by_side(client, django_user_model, two_applicants):
    ada, _, match = two_applicants
    stranger = django_user_model.objects.create_user(
        "stella", "stella@example.test", "a-strong-test-password"
    )
    stranger.groups.add(Group.objects.get(name="Hiring managers"))
    client.force_login(stranger)

    assert client.get(reverse("hiring:near_copy", args=[ada.pk, match.pk, 0])).status_code == 404


def test_a_match_of_other_applications_is_not_reachable_through_this_one(
    client, manager, two_applicants, submit, make_ad, work, github_server
):
    ada, _, match = two_applicants
    github_server.store.add_repository("cleo", "forecast", {"model.py": "x = 1\n"})
    submit(ada.job_ad, form_data(github_username="cleo", email="cleo@example.com", full_name="Cleo Park"))
    work()
    cleo = Application.objects.get(github_username="cleo")
    client.force_login(manager)

    assert client.get(reverse("hiring:near_copy", args=[cleo.pk, match.pk, 0])).status_code == 404
    assert client.get(reverse("hiring:near_copy", args=[ada.pk, match.pk, 99])).status_code == 404


def test_blind_review_hides_the_candidates_github_name_in_the_copied_code(
    client, other_manager, two_applicants
):
    _, bob, _ = two_applicants
    bob.job_ad.is_blind_review = True
    bob.job_ad.save(update_fields=["is_blind_review"])
    client.force_login(other_manager)

    page = client.get(reverse("hiring:application", args=[bob.pk])).content.decode()

    assert "Copied code" in page and "bob/my-churn" not in page and "Bob Stone" not in page


def test_a_project_many_earlier_applicants_gave_still_flags_the_next_one(
    github_server, submit, live_ad, work, settings
):
    """Five copies of one project under long names (five is still too few to make its code an
    idiom): the fifth's flag names the three largest copies and counts the rest. Its sentence once
    outgrew the 500-character column, and the flag was lost."""
    settings.APPLY_RATE_LIMIT = "100/h"  # five applications from one test client's address
    logins = [f"student-{number}-with-a-long-github-login" for number in range(5)]
    for login in logins:
        github_server.store.add_repository(
            login, "churn-prediction-course-final-project", {"churn.py": TRAINING}
        )
        submit(
            live_ad, form_data(github_username=login, email=f"{login}@example.com", full_name=login.title())
        )
        work()

    last = Application.objects.get(github_username=logins[-1])
    [flag] = last.flags.filter(kind="near_copy")
    assert len(flag.evidence["copies"]) == 4  # every earlier applicant's copy, in the evidence
    assert len(flag.message) <= 500 and "1 more copy listed below" in flag.message


def test_a_sentence_longer_than_its_column_is_cut_at_a_word_and_the_flag_is_kept(
    submit, live_ad, private_storage
):
    submit(live_ad, form_data())
    application = Application.objects.get()
    words = " ".join(f"owner-{n}/a-repository-with-a-long-name" for n in range(30))
    finding = Finding(
        kind=FlagKind.NEAR_COPY, severity=Severity.MEDIUM, message=words, evidence={"all": words}
    )

    Flag.objects.bulk_create([Flag.from_finding(application, finding)])  # PostgreSQL refuses 501 characters

    stored = Flag.objects.get(kind=FlagKind.NEAR_COPY)
    assert len(stored.message) <= 500 and stored.message.endswith("name…")
    assert stored.evidence == {"all": words}  # the evidence keeps everything
