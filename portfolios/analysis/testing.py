"""Testing evidence: test files and tests as pytest would collect them by default, assertions,
decoy test files, test configuration and CI systems.

pytest's defaults: files `test_*.py` or `*_test.py` outside its `norecursedirs`; `test*` functions
at module level; `test*` methods of `Test*` classes that define no `__init__`, and of
`unittest.TestCase` subclasses (any base whose name ends in `TestCase`).
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch

from portfolios.analysis.definitions import ModuleScan, base_names, call_name
from portfolios.analysis.report import FileFacts, TestingReport

NORECURSEDIRS = ("*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}")
CI_FILES = {
    ".gitlab-ci.yml": "GitLab CI",
    ".circleci/config.yml": "CircleCI",
    ".circleci/config.yaml": "CircleCI",
    "azure-pipelines.yml": "Azure Pipelines",
    "azure-pipelines.yaml": "Azure Pipelines",
    ".travis.yml": "Travis CI",
    "Jenkinsfile": "Jenkins",
    "bitbucket-pipelines.yml": "Bitbucket Pipelines",
    ".drone.yml": "Drone",
    "appveyor.yml": "AppVeyor",
    ".appveyor.yml": "AppVeyor",
    ".buildkite/pipeline.yml": "Buildkite",
}
CONFIG_FILES = ("pytest.ini", "tox.ini", "noxfile.py", "conftest.py")
CONFIG_SECTIONS = {"setup.cfg": "[tool:pytest]", "pyproject.toml": "[tool.pytest"}


def is_test_file(path: str) -> bool:
    *directories, name = path.split("/")
    if not ((name.startswith("test_") or name.endswith("_test.py")) and name.endswith(".py")):
        return False  # pytest's `test_*.py` and `*_test.py`, matched without fnmatch's cost
    return not any(fnmatch(part, pattern) for part in directories for pattern in NORECURSEDIRS)


def ci_system(path: str) -> str | None:
    if path.startswith(".github/workflows/") and path.endswith((".yml", ".yaml")):
        return "GitHub Actions"
    return CI_FILES.get(path)


class TestingTally:
    def __init__(self, max_evidence: int) -> None:
        self.max_evidence = max_evidence
        self.test_files = 0
        self.test_functions = 0
        self.assertions = 0
        self.decoys: list[str] = []
        self.config: set[str] = set()
        self.ci: set[str] = set()
        self.test_lines = 0
        self.source_lines = 0

    def observe_path(self, path: str) -> None:
        if path.rsplit("/", 1)[-1] in CONFIG_FILES:
            self.config.add(path.rsplit("/", 1)[-1])
        if system := ci_system(path):
            self.ci.add(system)

    def observe_meta(self, path: str, text: str) -> None:
        section = CONFIG_SECTIONS.get(path)
        if section and section in text:
            self.config.add(path)

    def add_python(self, path: str, facts: FileFacts) -> None:
        """A parsed .py file; its facts hold (tests, assertions) when it is a test file."""
        if facts.tests is None:
            self.source_lines += facts.lines
            return
        tests, assertions = facts.tests
        self.test_files += 1
        self.test_lines += facts.lines
        self.test_functions += tests
        self.assertions += assertions
        if tests == 0 and len(self.decoys) < self.max_evidence:
            self.decoys.append(path)

    def report(self) -> TestingReport:
        return TestingReport(
            test_files=self.test_files,
            test_functions=self.test_functions,
            assertions=self.assertions,
            decoy_files=self.decoys,
            config=sorted(self.config),
            ci=sorted(self.ci),
            test_lines=self.test_lines,
            source_lines=self.source_lines,
            test_to_source_ratio=round(self.test_lines / self.source_lines, 3) if self.source_lines else None,
        )


def test_counts(tree: ast.Module, scan: ModuleScan) -> tuple[int, int]:
    """A test file's tests, as pytest collects them, and its assertions."""
    return count_tests(scan), scan.assert_statements + _assertion_calls(tree)


def count_tests(scan: ModuleScan) -> int:
    collected_classes = {
        id(definition.node)
        for definition in scan.definitions
        if isinstance(definition.node, ast.ClassDef)
        and definition.kind == "class"
        and _is_test_class(definition.node)
    }
    count = 0
    for definition in scan.definitions:
        if not definition.node.name.startswith("test") or isinstance(definition.node, ast.ClassDef):
            continue
        if definition.kind == "function" or (
            definition.kind == "method" and id(definition.owner) in collected_classes
        ):
            count += 1
    return count


def _is_test_class(node: ast.ClassDef) -> bool:
    if any(name.endswith("TestCase") for name in base_names(node)):
        return True
    defines_init = any(isinstance(item, ast.FunctionDef) and item.name == "__init__" for item in node.body)
    return node.name.startswith("Test") and not defines_init


def _assertion_calls(tree: ast.Module) -> int:
    """`self.assertEqual(...)`, `np.testing.assert_allclose(...)`, `pytest.raises(...)` and kin."""
    count = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = call_name(node)
            if name is not None and (name.startswith("assert") or name == "raises"):
                count += 1
    return count
