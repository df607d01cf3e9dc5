"""Code organization: sizes, README, licence, declared dependencies and their pinning."""

from __future__ import annotations

from .repos import DOCUMENTED_TYPED, analyze_files


def test_readme_licence_and_function_lengths_are_reported(tmp_path):
    organization = analyze_files(tmp_path, DOCUMENTED_TYPED).organization

    assert organization.readme is not None
    assert organization.readme.headings == ["Churn model", "Usage"]
    assert (organization.license, organization.license_kind) == ("LICENSE", "MIT")
    assert (organization.modules, organization.classes, organization.functions) == (3, 2, 5)
    assert organization.longest_function is not None
    assert organization.longest_function.location == "churn/model.py:16:fit"


def test_dependencies_are_counted_with_their_pinning_in_every_manifest_kind(tmp_path):
    files = {
        "requirements-dev.txt": "# tools\npytest==8.0\nruff\n-r requirements.txt\n",
        "setup.py": "from setuptools import setup\nsetup(install_requires=['numpy==1.26', 'pandas>=2'])\n",
        "setup.cfg": "[options]\ninstall_requires =\n    requests==2.31\n    click\n",
        "environment.yml": "dependencies:\n  - python=3.11\n  - numpy\n  - pip:\n    - torch==2.2\n",
        "Pipfile": '[packages]\nflask = "==3.0"\nrich = "*"\n',
        "pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.11"\nhttpx = "0.27.0"\nattrs = "^23"\n',
    }

    organization = analyze_files(tmp_path, files).organization

    declared = {item.path: (item.declared, item.pinned) for item in organization.dependency_files}
    assert declared == {
        "requirements-dev.txt": (2, 1),
        "setup.py": (2, 1),
        "setup.cfg": (2, 1),
        "environment.yml": (2, 1),  # python=3.11 is the interpreter, not a dependency
        "Pipfile": (2, 1),
        "pyproject.toml": (2, 1),
    }
    assert (organization.dependencies_declared, organization.dependencies_pinned) == (12, 6)
    names = {item.path: item.names for item in organization.dependency_files}
    assert names["environment.yml"] == ["numpy", "torch"] and names["pyproject.toml"] == ["attrs", "httpx"]
    assert {item.path: item.python for item in organization.dependency_files if item.python} == {
        "environment.yml": "3.11",
        "pyproject.toml": "^3.11",
    }


def test_a_licence_file_elsewhere_is_not_read_as_requirements(tmp_path):
    organization = analyze_files(tmp_path, {"vendor/lib/LICENSE.txt": "MIT\nno warranty\n"}).organization

    assert organization.dependency_files == []
