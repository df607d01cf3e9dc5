"""The demo gets realistic ads for both role families; the families' vocabulary is ready to read."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from jobads.models import JobAd, RoleFamily, Status

pytestmark = pytest.mark.django_db


def test_the_migration_seeds_both_role_families_with_a_vocabulary():
    vocabularies = RoleFamily.objects.vocabularies()

    assert set(vocabularies) == {"Data Scientist", "Machine Learning Engineer"}
    assert "A/B testing" in vocabularies["Data Scientist"]["hypothesis testing"]
    assert {"CI/CD", "Terraform", "Kubernetes", "MLOps"} <= set(vocabularies["Machine Learning Engineer"])


def test_every_seeded_family_has_enough_default_responsibilities_to_publish():
    assert all(len(family.default_responsibilities) >= 3 for family in RoleFamily.objects.all())


def test_seed_demo_adds_ads_for_both_families_in_every_state(settings):
    settings.DEBUG = True

    call_command("seed_demo")

    ads = JobAd.objects.all()
    assert {str(ad.role_family) for ad in ads.published()} == {"Data Scientist", "Machine Learning Engineer"}
    assert {ad.status for ad in ads} == set(Status.values)
    assert all(ad.publish_problems() == [] for ad in ads.exclude(status=Status.DRAFT))
    assert {ad.owner.username for ad in ads} == {"max", "nora"}


def test_every_published_demo_ad_has_duties_of_its_own(settings):
    settings.DEBUG = True

    call_command("seed_demo")

    for ad in JobAd.objects.exclude(status=Status.DRAFT).select_related("role_family"):
        assert ad.role_family is not None
        assert ad.responsibilities != ad.role_family.default_responsibilities, ad.title


def test_seed_demo_twice_adds_no_ad_and_no_revision(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (JobAd.objects.count(), JobAd.history.count())

    call_command("seed_demo")

    assert (JobAd.objects.count(), JobAd.history.count()) == counts
