"""`seed_demo` gives a newcomer a working demo and is safe to run again."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from hiring.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    managed = [model for model in apps.get_models() if model._meta.managed]
    return {model._meta.label: model._default_manager.count() for model in managed}


def test_running_seed_demo_twice_gives_the_same_counts(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    first = row_counts()

    call_command("seed_demo")

    assert row_counts() == first
    assert first["auth.User"] == len(DEMO_ACCOUNTS)


def test_every_demo_login_works_with_the_published_password(settings):
    settings.DEBUG = True
    call_command("seed_demo")

    for account in DEMO_ACCOUNTS:
        sign_in = RequestFactory().post("/accounts/login/")
        user = authenticate(sign_in, username=account.username, password=DEMO_PASSWORD)
        assert user is not None
        assert list(user.groups.values_list("name", flat=True)) == ([account.role] if account.role else [])


def test_seed_demo_refuses_to_create_published_passwords_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="only with DEBUG=1"):
        call_command("seed_demo")
