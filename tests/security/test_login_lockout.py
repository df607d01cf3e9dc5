"""Staff sign-in resists password guessing without letting a forged header dodge it or lock out
someone else (D5)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db
WRONG = {"username": "rachel", "password": "not-the-password"}
RIGHT = {"username": "rachel", "password": "a-strong-test-password"}


def fail(client, times: int, **headers: str) -> None:
    for _ in range(times):
        client.post("/accounts/login/", WRONG, **headers)


def test_five_wrong_passwords_pause_sign_in_even_with_the_right_one(client, recruiter):
    fail(client, 5)

    response = client.post("/accounts/login/", RIGHT)

    assert response.status_code == 429
    assert "Sign-in paused for this account" in response.content.decode()
    assert client.get("/staff/").status_code == 302  # not signed in


def test_four_wrong_passwords_still_let_the_right_one_in(client, recruiter):
    fail(client, 4)

    response = client.post("/accounts/login/", RIGHT)

    assert response.status_code == 302 and response["Location"] == "/staff/"


def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, recruiter):
    for number in range(5):
        client.post("/accounts/login/", WRONG, HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")

    assert client.post("/accounts/login/", RIGHT, HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429


def test_a_locked_out_attacker_does_not_lock_out_the_same_user_elsewhere(client, recruiter):
    fail(client, 5, REMOTE_ADDR="203.0.113.7")

    response = client.post("/accounts/login/", RIGHT, REMOTE_ADDR="198.51.100.20")

    assert response.status_code == 302
