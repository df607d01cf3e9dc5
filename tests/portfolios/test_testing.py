"""Testing evidence follows pytest's default collection rules, and a test file without tests is a decoy."""

from __future__ import annotations

from .repos import DOCUMENTED_TYPED, NO_TESTS, analyze_files

COLLECTED = """import unittest


def test_module_level():
    assert 1


def helper_test():
    assert 2


class TestGrouped:
    def test_method(self):
        assert 3

    def check(self):
        pass


class TestWithInit:
    def __init__(self):
        pass

    def test_never_collected(self):
        pass


class Legacy(unittest.TestCase):
    def test_legacy(self):
        self.assertEqual(1, 1)
        with self.assertRaises(ValueError):
            int("x")
"""


def test_tests_are_counted_as_pytest_collects_them(tmp_path):
    tests = analyze_files(tmp_path, {"tests/test_things.py": COLLECTED}).tests

    assert (tests.test_files, tests.test_functions, tests.assertions) == (1, 3, 5)


def test_test_files_follow_pytests_names_and_ignored_folders(tmp_path):
    files = {
        "a_test.py": "def test_a():\n    pass\n",
        "test_b.py": "def test_b():\n    pass\n",
        "tests.py": "def test_not_collected_by_default():\n    pass\n",
        "build/test_c.py": "def test_c():\n    pass\n",
        ".hidden/test_d.py": "def test_d():\n    pass\n",
    }

    tests = analyze_files(tmp_path, files).tests

    assert (tests.test_files, tests.test_functions) == (2, 2)


def test_a_test_file_that_defines_no_test_is_reported_as_a_decoy(tmp_path):
    tests = analyze_files(tmp_path, {"tests/test_model.py": "import model\n\nprint('ok')\n"}).tests

    assert tests.decoy_files == ["tests/test_model.py"]
    assert tests.test_functions == 0


def test_ci_config_and_test_to_source_ratio_are_reported(tmp_path):
    files = DOCUMENTED_TYPED | {".gitlab-ci.yml": "test:\n  script: pytest\n", "tox.ini": "[tox]\n"}

    tests = analyze_files(tmp_path, files).tests

    assert tests.ci == ["GitHub Actions", "GitLab CI"]
    assert tests.config == ["tox.ini"]
    assert tests.test_to_source_ratio == round(tests.test_lines / tests.source_lines, 3)


def test_a_repository_without_tests_says_so(tmp_path):
    tests = analyze_files(tmp_path, NO_TESTS).tests

    assert (tests.test_files, tests.test_functions, tests.ci, tests.test_to_source_ratio) == (0, 0, [], 0.0)
