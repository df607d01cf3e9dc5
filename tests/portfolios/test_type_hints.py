"""Type-hint coverage follows the documented rule: self/cls left out (not for static methods),
*args/**kwargs counted, `__init__` may omit its return once a parameter is annotated."""

from __future__ import annotations

from .repos import analyze_files


def hints(tmp_path, source: str):
    return analyze_files(tmp_path, {"module.py": source}).type_hints


def test_self_and_cls_are_not_parameters_but_a_static_methods_first_parameter_is(tmp_path):
    source = (
        "class A:\n"
        "    def method(self, x: int) -> int: ...\n"
        "    @classmethod\n"
        "    def build(cls) -> 'A': ...\n"
        "    @staticmethod\n"
        "    def helper(x) -> int: ...\n"
    )

    report = hints(tmp_path, source)

    assert (report.functions, report.fully_annotated) == (3, 2)
    assert (report.parameters, report.annotated_parameters) == (2, 1)


def test_star_args_and_keyword_only_parameters_count(tmp_path):
    report = hints(tmp_path, "def f(a: int, /, b: int, *args, c: int, **kwargs: str) -> None: ...\n")

    assert (report.parameters, report.annotated_parameters, report.fully_annotated) == (5, 4, 0)


def test_init_may_omit_its_return_when_a_parameter_is_annotated(tmp_path):
    source = "class A:\n    def __init__(self, x: int): ...\nclass B:\n    def __init__(self): ...\n"

    report = hints(tmp_path, source)

    assert (report.functions, report.fully_annotated, report.annotated_returns) == (2, 1, 1)


def test_ratios_are_percentages_and_repository_typing_signals_are_found(tmp_path):
    files = {
        "pkg/module.py": "def f(x: int) -> int: ...\ndef g(x): ...\n",
        "pkg/py.typed": "",
        "pkg/module.pyi": "def f(x: int) -> int: ...\n",
        "mypy.ini": "[mypy]\nstrict = True\n",
    }

    report = analyze_files(tmp_path, files).type_hints

    assert (report.coverage, report.parameter_coverage, report.return_coverage) == (50.0, 50.0, 50.0)
    assert (report.has_py_typed, report.stub_files, report.checker_configs) == (True, 1, ["mypy.ini"])
