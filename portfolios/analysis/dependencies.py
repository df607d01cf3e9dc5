"""Declared dependencies and whether their versions are pinned, from the usual manifest files.

Reads requirements*.txt, pyproject.toml (PEP 621 and Poetry), setup.cfg, setup.py (literal
`install_requires` lists only, read from the AST, never executed), environment.yml and Pipfile.
A requirement is pinned when it names one exact version (`==`, or `=` for conda).
"""

from __future__ import annotations

import ast
import configparser
import re
import tomllib
from typing import Any

from portfolios.analysis.report import DependencyFile

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-\[\],]*")
POETRY_EXACT = re.compile(r"^=?=?\s*\d[\w.\-+]*$")


def dependency_file(path: str, text: str) -> DependencyFile | None:
    """Count the requirements a manifest declares; None when the file is not a manifest."""
    name = path.rsplit("/", 1)[-1]
    if name == "pyproject.toml":
        specs = _pyproject(text)
    elif name == "setup.cfg":
        specs = _setup_cfg(text)
    elif name in ("environment.yml", "environment.yaml"):
        specs = _conda_environment(text)
    elif name == "Pipfile":
        specs = _pipfile(text)
    elif is_requirements_file(path):
        specs = _requirement_lines(text.splitlines())
    else:
        return None
    if specs is None:
        return None
    return DependencyFile(path=path, declared=len(specs), pinned=sum(_is_pinned(spec) for spec in specs))


def is_requirements_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1].lower()
    in_folder = "/requirements/" in f"/{path.lower()}" and name.endswith((".txt", ".in"))
    return in_folder or (name.startswith("requirements") and name.endswith(".txt"))


def setup_py_requirements(path: str, tree: ast.Module) -> DependencyFile | None:
    """The literal `install_requires=[...]` of a `setup(...)` call, if there is one."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.keyword)
            and node.arg == "install_requires"
            and isinstance(node.value, ast.List)
        ):
            specs = [item.value for item in node.value.elts if isinstance(item, ast.Constant)]
            strings = [spec for spec in specs if isinstance(spec, str)]
            return DependencyFile(path=path, declared=len(strings), pinned=sum(map(_is_pinned, strings)))
    return None


def _is_pinned(spec: str) -> bool:
    if "==" in spec:
        return True
    match = NAME.match(spec.strip())
    rest = spec.strip()[match.end() :] if match else ""
    return rest.lstrip().startswith("=") and not rest.lstrip().startswith("=>")


def _requirement_lines(lines: list[str]) -> list[str]:
    specs = []
    for line in lines:
        spec = line.split(" #", 1)[0].strip()
        if spec and not spec.startswith(("#", "-")) and NAME.match(spec):
            specs.append(spec)
    return specs


def _toml(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None


def _pyproject(text: str) -> list[str] | None:
    document = _toml(text)
    if document is None:
        return None
    project = document.get("project", {})
    specs = [spec for spec in project.get("dependencies", []) if isinstance(spec, str)]
    for extra in project.get("optional-dependencies", {}).values():
        specs += [spec for spec in extra if isinstance(spec, str)]
    poetry = document.get("tool", {}).get("poetry", {}).get("dependencies", {})
    for package, version in poetry.items() if isinstance(poetry, dict) else ():
        if package != "python":
            exact = isinstance(version, str) and POETRY_EXACT.match(version.strip())
            specs.append(f"{package}=={version}" if exact else package)
    return specs if project or poetry else None


def _setup_cfg(text: str) -> list[str] | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    if not parser.has_option("options", "install_requires"):
        return None
    return _requirement_lines(parser.get("options", "install_requires").splitlines())


def _pipfile(text: str) -> list[str] | None:
    document = _toml(text)
    if document is None:
        return None
    specs = []
    for section in ("packages", "dev-packages"):
        for package, version in document.get(section, {}).items():
            exact = isinstance(version, str) and version.startswith("==")
            specs.append(f"{package}{version}" if exact else package)
    return specs


def _conda_environment(text: str) -> list[str]:
    """`- name=version` items under `dependencies:` (and its `pip:` list); no YAML library needed."""
    specs, inside = [], False
    for line in text.splitlines():
        if not line.startswith((" ", "-", "\t")):
            inside = line.strip().startswith("dependencies:")
            continue
        item = line.strip()
        if inside and item.startswith("- ") and not item.rstrip().endswith(":"):
            specs.append(item[2:].strip().strip("'\""))
    return specs
