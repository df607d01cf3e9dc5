"""Declared dependencies and whether their versions are pinned, from the usual manifest files.

Reads requirements*.txt, pyproject.toml (PEP 621 and Poetry), setup.cfg, setup.py (literal
`install_requires` lists only, read from the AST, never executed), environment.yml and Pipfile.
A requirement is pinned when it names one exact version (`==`, or `=` for conda). Each file also
gives the names it declares (normalized as pip compares them) and the Python version it states.
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
MAX_NAMES = 300
MAX_VERSION_TEXT = 40


def dependency_file(path: str, text: str) -> DependencyFile | None:
    """Count the requirements a manifest declares; None when the file is not a manifest."""
    name = path.rsplit("/", 1)[-1]
    python: str | None = None
    if name == "pyproject.toml":
        specs, python = _pyproject(text)
    elif name == "setup.cfg":
        specs, python = _setup_cfg(text)
    elif name in ("environment.yml", "environment.yaml"):
        specs = _conda_environment(text)
        python = next((_version_of(spec[6:]) for spec in specs if distribution(spec) == "python"), None)
        specs = [spec for spec in specs if distribution(spec) not in ("python", "pip")]
    elif name == "Pipfile":
        specs, python = _pipfile(text)
    elif is_requirements_file(path):
        specs = _requirement_lines(text.splitlines())
    else:
        return None
    if specs is None:
        return None
    return _file(path, specs, python)


def _file(path: str, specs: list[str], python: str | None) -> DependencyFile:
    names = sorted({name for spec in specs if (name := distribution(spec))})[:MAX_NAMES]
    pins = sorted({pin for spec in specs if (pin := _pin(spec))})[:MAX_NAMES]
    return DependencyFile(
        path=path,
        declared=len(specs),
        pinned=sum(map(_is_pinned, specs)),
        names=names,
        pins=pins,
        python=python,
    )


def _pin(spec: str) -> tuple[str, str] | None:
    """("pandas", "2.2.0") for "pandas==2.2.0" (or conda's "pandas=2.2.0"); None when not pinned."""
    if not _is_pinned(spec):
        return None
    name = distribution(spec)
    version = re.split(r"==|=", spec.split(";", 1)[0], maxsplit=1)[-1]
    version = version.split(",", 1)[0].strip().strip("'\"")
    return (name, version[:MAX_VERSION_TEXT]) if name and version else None


def distribution(spec: str) -> str:
    """The distribution a requirement names, normalized as pip compares them.

    "Scikit_Learn[x]>=1" is "scikit-learn"."""
    match = NAME.match(spec.strip())
    if match is None:
        return ""
    return re.sub(r"[-_.]+", "-", match.group().split("[", 1)[0].rstrip(",")).lower()


def _version_of(text: object) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return None
    return text.strip().lstrip("=")[:MAX_VERSION_TEXT] or None


def is_requirements_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1].lower()
    in_folder = "/requirements/" in f"/{path.lower()}" and name.endswith((".txt", ".in"))
    return in_folder or (name.startswith("requirements") and name.endswith(".txt"))


def setup_py_requirements(path: str, tree: ast.Module) -> DependencyFile | None:
    """The literal `install_requires=[...]` (and `python_requires=`) of a `setup(...)` call, if any."""
    specs: list[str] | None = None
    python = None
    for node in ast.walk(tree):
        if not isinstance(node, ast.keyword):
            continue
        if node.arg == "install_requires" and isinstance(node.value, ast.List) and specs is None:
            items = [item.value for item in node.value.elts if isinstance(item, ast.Constant)]
            specs = [spec for spec in items if isinstance(spec, str)]
        elif node.arg == "python_requires" and isinstance(node.value, ast.Constant):
            python = _version_of(node.value.value)
    if specs is None and python is None:
        return None
    return _file(path, specs or [], python)


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


def _pyproject(text: str) -> tuple[list[str] | None, str | None]:
    document = _toml(text)
    if document is None:
        return None, None
    project = document.get("project", {})
    project = project if isinstance(project, dict) else {}
    specs = [spec for spec in _list(project.get("dependencies")) if isinstance(spec, str)]
    extras = project.get("optional-dependencies", {})
    for extra in extras.values() if isinstance(extras, dict) else ():
        specs += [spec for spec in _list(extra) if isinstance(spec, str)]
    tool = document.get("tool", {})
    poetry = tool.get("poetry", {}).get("dependencies", {}) if isinstance(tool, dict) else {}
    poetry = poetry if isinstance(poetry, dict) else {}
    for package, version in poetry.items():
        if package != "python":
            exact = isinstance(version, str) and POETRY_EXACT.match(version.strip())
            specs.append(f"{package}=={version}" if exact else package)
    python = _version_of(project.get("requires-python")) or _version_of(poetry.get("python"))
    return (specs if project or poetry else None), python


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _setup_cfg(text: str) -> tuple[list[str] | None, str | None]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None, None
    python = _version_of(parser.get("options", "python_requires", fallback=None))
    if not parser.has_option("options", "install_requires"):
        return ([] if python else None), python
    return _requirement_lines(parser.get("options", "install_requires").splitlines()), python


def _pipfile(text: str) -> tuple[list[str] | None, str | None]:
    document = _toml(text)
    if document is None:
        return None, None
    specs = []
    for section in ("packages", "dev-packages"):
        packages = document.get(section, {})
        for package, version in packages.items() if isinstance(packages, dict) else ():
            exact = isinstance(version, str) and version.startswith("==")
            specs.append(f"{package}{version}" if exact else package)
    requires = document.get("requires", {})
    python = _version_of(requires.get("python_version")) if isinstance(requires, dict) else None
    return specs, python


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
