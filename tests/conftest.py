"""Shared fixtures: users in each staff role, on the real database of the run."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from hiring.roles import HIRING_MANAGERS, RECRUITERS

pytest_plugins = ["tests.factories", "tests.review_worker"]


def _user(username: str, *, role: str | None = None, superuser: bool = False) -> User:
    user = User.objects.create_user(username, f"{username}@example.test", "a-strong-test-password")
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def recruiter(db: None) -> User:
    return _user("rachel", role=RECRUITERS)


@pytest.fixture
def manager(db: None) -> User:
    return _user("morgan", role=HIRING_MANAGERS)


@pytest.fixture
def outsider(db: None) -> User:
    """Signed in, but in no staff group."""
    return _user("oscar")


@pytest.fixture
def superuser(db: None) -> User:
    return _user("sam", superuser=True)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """PBKDF2's deliberate slowness protects real passwords, not test ones."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
