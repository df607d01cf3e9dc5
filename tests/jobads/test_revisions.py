"""Every change to an ad is recorded with who, when and each field's old → new value."""

from __future__ import annotations

import pytest

from jobads.revisions import FieldChange, revisions
from jobads.services import change_status, save_ad
from jobads.transparency import Jurisdiction

pytestmark = pytest.mark.django_db


def test_creating_an_ad_is_the_first_revision_and_names_the_author(make_ad, recruiter):
    recruiter.first_name, recruiter.last_name = "Rachel", "Reyes"
    recruiter.save()

    [created] = revisions(make_ad())

    assert created.is_creation and created.by == "Rachel Reyes" and created.changes == []


def test_an_edit_lists_each_changed_field_with_old_and_new_values(
    make_ad, recruiter, other_manager, ml_engineer
):
    ad = make_ad()
    ad.pay_max = 180_000
    ad.role_family = ml_engineer
    ad.owner = other_manager
    ad.jurisdictions = [Jurisdiction.COLORADO, Jurisdiction.EU]
    ad.responsibilities = [*ad.responsibilities, "Mentor juniors"]
    save_ad(ad=ad, by=recruiter)

    latest = revisions(ad)[0]

    assert not latest.is_creation and latest.by == "rachel"
    assert latest.changes == [
        FieldChange("Role family", "Data Scientist", "Machine Learning Engineer"),
        FieldChange("Posted for", "New York City", "Colorado; European Union (Pay Transparency Directive)"),
        FieldChange("Maximum pay", "175,000", "180,000"),
        FieldChange(
            "Responsibilities",
            "Design experiments; Build models; Explain results",
            "Design experiments; Build models; Explain results; Mentor juniors",
        ),
        FieldChange("Owner", "morgan", "olivia"),
    ]


def test_publishing_and_closing_are_revisions_too(make_ad, recruiter):
    ad = make_ad(status="published")
    change_status(ad=ad, action="close", by=recruiter)

    closed, published, _ = revisions(ad)

    assert [c.label for c in published.changes] == ["Status", "Published at"]
    assert (published.changes[0].old, published.changes[0].new) == ("Draft", "Published")
    assert [(c.label, c.old) for c in closed.changes] == [("Status", "Published"), ("Closed at", "—")]


def test_a_deleted_owner_still_leaves_a_readable_history(make_ad, recruiter, other_manager):
    ad = make_ad()
    ad.owner = other_manager
    save_ad(ad=ad, by=recruiter)
    ad.owner = recruiter  # any user: the history only has to survive the old owner's removal
    save_ad(ad=ad, by=recruiter)
    other_manager_pk = other_manager.pk
    other_manager.delete()

    owner_changes = [(c.old, c.new) for revision in revisions(ad) for c in revision.changes]

    gone = f"Deleted user (pk={other_manager_pk})"
    assert owner_changes == [(gone, "rachel"), ("morgan", gone)]


def test_the_ad_page_shows_the_history_to_staff(client, make_ad, recruiter):
    ad = make_ad()
    ad.title = "Lead Data Scientist"
    save_ad(ad=ad, by=recruiter)
    client.force_login(recruiter)

    page = client.get(f"/staff/ads/{ad.pk}/").content.decode()

    assert "Revision history" in page
    assert "<del>Senior Data Scientist</del>" in page and "<ins>Lead Data Scientist</ins>" in page
