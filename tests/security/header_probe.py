"""Fetch pages over HTTPS with the settings of the environment and print their status and headers as JSON.

Run by tests/security/test_headers.py in a subprocess with production settings (DEBUG off), which a
test process cannot switch to. Usage:
    python -m tests.security.header_probe [--login=USER] [--plain-http] PATH...
Paths after ``--plain-http`` are fetched without TLS and reported as ``http:PATH``.
"""

from __future__ import annotations

import json
import sys

import django


def main(arguments: list[str]) -> None:
    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    client, secure, pages = Client(), True, {}
    for argument in arguments:
        if argument.startswith("--login="):
            client.force_login(User.objects.get(username=argument.removeprefix("--login=")))
        elif argument == "--plain-http":
            secure = False
        else:
            response = client.get(argument, secure=secure)  # secure: as behind the TLS proxy
            key = argument if secure else f"http:{argument}"
            pages[key] = {"status": response.status_code, "headers": dict(response.headers.items())}
    print(json.dumps(pages))


if __name__ == "__main__":
    main(sys.argv[1:])
