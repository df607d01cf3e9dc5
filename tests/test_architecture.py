"""The layering of the house style, enforced: arrows point one way, one module per outside system,
and the product never leans on the tests.

hiring ──▶ jobads ──▶ core
   └────▶ portfolios ──▶ core
              └──▶ portfolios.analysis   (no Django, no rq, no project apps)
              └──▶ portfolios.loopback   (no Django, no project apps: the demo's GitHub)

docs/architecture.md draws the rooms inside hiring/; only the demo commands reach hiring.demo.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("core", "hiring", "jobads", "portfolios")
# Django's own module names, the signal receivers and the background work (django.tasks' name).
HIRING_TOP_LEVEL = {
    "__init__", "settings", "urls", "wsgi", "asgi", "apps", "models", "admin", "roles", "receivers", "tasks",
}  # fmt: skip
TEMPLATE_TAG = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports resolved against its own package."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package=package)


def imports_in(source: str, *, package: str) -> set[str]:
    tree = ast.parse(source)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                names.add(node.module)
            elif node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.add(".".join([*base, node.module] if node.module else base))
    return names


def modules_under(package: str) -> list[Path]:
    return sorted(path for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts)


def importers_of(prefix: str, package: str) -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for path in modules_under(package)
        if any(name == prefix or name.startswith(prefix + ".") for name in imported_modules(path))
    ]


@pytest.mark.parametrize("package", ["core", "jobads", "portfolios"])
def test_lower_layers_never_import_hiring(package):
    assert importers_of("hiring", package) == []


@pytest.mark.parametrize("app", ["hiring", "jobads", "portfolios"])
def test_core_imports_no_project_app(app):
    assert importers_of(app, "core") == []


def test_jobads_and_portfolios_do_not_import_each_other():
    assert importers_of("portfolios", "jobads") == [] and importers_of("jobads", "portfolios") == []


@pytest.mark.parametrize("forbidden", ["django", "rq", "django_rq", "core", "hiring", "jobads", "github"])
def test_the_analyzer_is_pure_python(forbidden):
    assert importers_of(forbidden, "portfolios/analysis") == []


@pytest.mark.parametrize(
    "forbidden", ["django", "rq", "core", "hiring", "jobads", "portfolios.analysis", "pytest"]
)
def test_the_loopback_github_stands_alone(forbidden):
    assert importers_of(forbidden, "portfolios/loopback") == []


def test_the_analyzer_imports_no_other_portfolios_module():
    offenders = [
        str(path.relative_to(ROOT))
        for path in modules_under("portfolios/analysis")
        for name in imported_modules(path)
        if name.startswith("portfolios.") and not name.startswith("portfolios.analysis")
    ]
    assert offenders == []


def test_only_portfolios_github_talks_to_the_github_api():
    importers = [p for package in PRODUCT for p in importers_of("github", package)]
    assert set(importers) <= {"portfolios/github.py"}


@pytest.mark.parametrize("package", [*PRODUCT, "benchmarks"])
def test_no_module_outside_tests_imports_the_tests(package):
    assert importers_of("tests", package) == []
    assert "tests" not in {name.split(".")[0] for name in imported_modules(ROOT / "manage.py")}


def test_hiring_holds_djangos_modules_and_one_package_per_concern():
    top = {path.stem for path in (ROOT / "hiring").glob("*.py")}
    packages = {path.name for path in (ROOT / "hiring").iterdir() if (path / "__init__.py").is_file()}

    assert top - HIRING_TOP_LEVEL == set()
    assert {"platform", "intake", "pipeline", "flags", "dashboard", "privacy", "demo"} <= packages


def test_the_demo_is_reached_only_through_its_commands():
    """Demo fixtures ship with the product, but no page, job or rule depends on them."""
    importers = {path for path in importers_of("hiring.demo", "hiring") if not path.startswith("hiring/demo")}
    commands = "hiring/management/commands"
    assert importers == {f"{commands}/seed_demo.py", f"{commands}/runstack.py"}


@pytest.mark.parametrize("app", ["jobads", "portfolios"])
def test_lower_apps_templates_use_no_hiring_template(app):
    used = {
        name
        for template in (ROOT / app / "templates").rglob("*.html")
        for name in TEMPLATE_TAG.findall(template.read_text(encoding="utf-8"))
    }
    assert used and not any(name.startswith("hiring/") for name in used)


def test_these_rules_see_real_modules_and_resolve_relative_imports():
    """Guard against a rule passing because it looked at nothing."""
    assert all(modules_under(package) for package in PRODUCT)
    assert "django.conf" in imported_modules(ROOT / "hiring" / "platform" / "views.py")
    relative = "from .store import GitHubStore\nfrom . import server\nfrom ..review import run_review\n"

    assert imports_in(relative, package="portfolios.loopback") == {
        "portfolios.loopback.store",
        "portfolios.loopback",
        "portfolios.review",
    }
