"""Browser tests: Playwright (from pip) driving Debian's chromium at /usr/bin/chromium, never a
downloaded browser, against pytest-django's live server."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the same thread
# (fixtures, the in-process worker) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)  # a loaded CI machine; a real hang still fails
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def migrated_data(transactional_db: None) -> None:
    """What data migrations put in the database (role groups, role families), which the flush after
    any earlier transactional test removed."""
    from django.apps import apps

    from hiring.roles import sync_role_groups

    seed_families = importlib.import_module("jobads.migrations.0002_seed_role_families").seed_families
    seed_competencies = importlib.import_module(
        "jobads.migrations.0004_role_family_scorecard_competencies"
    ).seed_competencies
    sync_role_groups(apps)
    if not apps.get_model("jobads", "RoleFamily").objects.exists():
        seed_families(apps, None)
        seed_competencies(apps, None)


@pytest.fixture
def results_dir() -> Path:
    RESULTS.mkdir(exist_ok=True)
    return RESULTS


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page the size of a phone held upright."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shoot(results_dir: Path) -> Any:
    """``shoot(page, "name")`` saves the whole page as it looks at 1280 px and at 390 px."""

    def save(page: Any, name: str) -> None:
        size = page.viewport_size
        for label, viewport in (("1280", DESKTOP), ("390", PHONE)):
            page.set_viewport_size(viewport)
            page.screenshot(path=str(results_dir / f"{name}-{label}.png"), full_page=True)
        page.set_viewport_size(size)

    return save


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[Any]) -> None:
    """Browser tests run last: they are transactional, and the flush after them empties the tables
    that migrations fill (role groups, role families) for any transactional test that followed."""
    browser_tests = [item for item in items if "tests/e2e/" in str(item.path)]
    items[:] = [item for item in items if item not in browser_tests] + browser_tests
