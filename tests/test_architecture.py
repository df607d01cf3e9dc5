"""The layering of STYLE.md, enforced: arrows point one way, one module per outside system.

hiring ──▶ jobads
   └────▶ portfolios ──▶ portfolios.analysis (no Django, no rq, no project apps)
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_bytes(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules_under(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def importers_of(prefix: str, package: str) -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for path in modules_under(package)
        if any(name == prefix or name.startswith(prefix + ".") for name in imported_modules(path))
    ]


@pytest.mark.parametrize("package", ["jobads", "portfolios"])
def test_lower_layers_never_import_hiring(package):
    assert importers_of("hiring", package) == []


@pytest.mark.parametrize("forbidden", ["django", "rq", "django_rq", "hiring", "jobads", "github"])
def test_the_analyzer_is_pure_python(forbidden):
    assert importers_of(forbidden, "portfolios/analysis") == []


def test_the_analyzer_imports_no_other_portfolios_module():
    offenders = [
        str(path.relative_to(ROOT))
        for path in modules_under("portfolios/analysis")
        for name in imported_modules(path)
        if name.startswith("portfolios.") and not name.startswith("portfolios.analysis")
    ]
    assert offenders == []


def test_only_portfolios_github_talks_to_the_github_api():
    importers = [p for package in ("hiring", "jobads", "portfolios") for p in importers_of("github", package)]
    assert set(importers) <= {"portfolios/github.py"}


def test_these_rules_see_real_modules():
    """Guard against a rule passing because it looked at nothing."""
    assert modules_under("hiring") and modules_under("jobads") and modules_under("portfolios")
    assert "django.conf" in imported_modules(ROOT / "hiring" / "platform" / "views.py")
