"""Fixtures for the portfolio tests: a loopback GitHub the code under test reaches over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from portfolios.loopback import LoopbackGitHub


@pytest.fixture
def github_server(tmp_path, settings) -> Iterator[LoopbackGitHub]:
    """A started loopback GitHub, with settings pointing at it and waits kept to test size."""
    with LoopbackGitHub(tmp_path / "github") as server:
        settings.GITHUB_API_URL = server.base_url
        settings.GITHUB_TOKEN = ""
        settings.GITHUB_TIMEOUT_SECONDS = 10  # generous: a loaded 2-core CI box must not time out
        settings.GITHUB_MAX_RETRY_WAIT_SECONDS = 0  # backoff is instant; tests that wait raise it
        yield server
