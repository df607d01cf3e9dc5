"""The demo's accounts: created by `seed_demo`, printed by `runstack`. DEBUG (demo mode) only."""

from __future__ import annotations

from typing import NamedTuple

from django.contrib.auth.models import Group, User

from hiring.roles import HIRING_MANAGERS, RECRUITERS

DEMO_PASSWORD = "demo-password"  # noqa: S105 (published in the README; never created with DEBUG off)


class DemoAccount(NamedTuple):
    username: str
    full_name: str
    role: str | None  # None: superuser


DEMO_ACCOUNTS = (
    DemoAccount("rita", "Rita Recruiter", RECRUITERS),
    DemoAccount("max", "Max Manager", HIRING_MANAGERS),
    DemoAccount("nora", "Nora Newman", HIRING_MANAGERS),
    DemoAccount("admin", "Ada Admin", None),
)


def seed_accounts() -> list[User]:
    """Create or reset the demo accounts to their documented state."""
    users = []
    for account in DEMO_ACCOUNTS:
        first, last = account.full_name.split(" ", 1)
        user, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{account.username}@demo.invalid",
                "is_staff": account.role is None,
                "is_superuser": account.role is None,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=account.role)] if account.role else [])
        users.append(user)
    return users
