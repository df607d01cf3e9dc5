"""An installed copy (a wheel, a slim image) is the whole product: every package, template and
static file is inside the packages pyproject.toml installs, and nothing there needs ``tests``.

`make install-check` goes further: it installs into a fresh virtualenv and runs the demo from it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.conf import settings
from setuptools import find_packages

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def installed_packages() -> set[str]:
    return set(find_packages(str(ROOT), include=CONFIG["packages"]["find"]["include"]))


def test_every_app_and_the_loopback_github_are_installed_and_the_tests_are_not():
    packages = installed_packages()

    assert {"core", "hiring", "hiring.demo", "hiring.migrations", "jobads", "portfolios"} <= packages
    assert {"portfolios.loopback", "portfolios.analysis", "hiring.management.commands"} <= packages
    assert not any(name == "tests" or name.startswith("tests.") for name in packages)


def test_templates_and_static_files_live_inside_installed_packages():
    data_globs = CONFIG["package-data"]["*"]

    assert not (ROOT / "templates").exists() and not (ROOT / "static").exists()
    assert settings.TEMPLATES[0]["DIRS"] == []  # app directories only (template-partials wraps the loader)
    assert not getattr(settings, "STATICFILES_DIRS", [])
    assert {"templates/**/*", "static/**/*"} <= set(data_globs)
    for package in ("hiring", "jobads", "portfolios"):
        assert (ROOT / package / "templates").is_dir(), package
    assert (ROOT / "hiring" / "static" / "vendor" / "htmx" / "htmx.min.js").is_file()
