"""Type-hint coverage of functions and methods.

The rule, per function or method (lambdas are not counted):
- parameters: positional-only, regular, keyword-only, `*args` and `**kwargs`; the first parameter
  of a method (self/cls) is left out, except for a `@staticmethod`;
- the return is annotated when it has `-> ...`, or for `__init__` when at least one of its
  parameters is annotated (mypy then checks it and infers `-> None`);
- fully annotated: every such parameter and the return are annotated.
Repository-level typing signals beside the ratios: a `py.typed` marker, `.pyi` stubs, and a mypy
or pyright configuration.
"""

from __future__ import annotations

from portfolios.analysis.definitions import FUNCTION_TYPES, Definition, decorator_names
from portfolios.analysis.report import TypeHintCounts, TypeHintReport, percent

Counts = tuple[int, int, int, int, int]  # functions, fully annotated, parameters, annotated ones, returns


def function_counts(definitions: list[Definition]) -> Counts:
    """The five counters of the functions and methods among the definitions."""
    functions = fully_annotated = parameters = annotated_parameters = annotated_returns = 0
    for definition in definitions:
        node = definition.node
        if not isinstance(node, FUNCTION_TYPES):
            continue
        is_method = definition.kind == "method"
        arguments = node.args
        counted = arguments.posonlyargs + arguments.args
        if is_method and counted and not (node.decorator_list and "staticmethod" in decorator_names(node)):
            del counted[0]  # self or cls (a new list: the tree's own is left alone)
        counted += arguments.kwonlyargs
        if arguments.vararg is not None:
            counted.append(arguments.vararg)
        if arguments.kwarg is not None:
            counted.append(arguments.kwarg)
        annotated = sum(parameter.annotation is not None for parameter in counted)
        returns = node.returns is not None or (is_method and node.name == "__init__" and annotated > 0)
        functions += 1
        parameters += len(counted)
        annotated_parameters += annotated
        annotated_returns += returns
        fully_annotated += returns and annotated == len(counted)
    return functions, fully_annotated, parameters, annotated_parameters, annotated_returns


class TypeHintTally:
    def __init__(self) -> None:
        self.functions = 0
        self.fully_annotated = 0
        self.parameters = 0
        self.annotated_parameters = 0
        self.annotated_returns = 0

    def add(self, counts: Counts) -> None:
        functions, fully_annotated, parameters, annotated_parameters, annotated_returns = counts
        self.functions += functions
        self.fully_annotated += fully_annotated
        self.parameters += parameters
        self.annotated_parameters += annotated_parameters
        self.annotated_returns += annotated_returns

    def counts(self) -> TypeHintCounts:
        return TypeHintCounts(
            functions=self.functions,
            fully_annotated=self.fully_annotated,
            coverage=percent(self.fully_annotated, self.functions),
            parameters=self.parameters,
            annotated_parameters=self.annotated_parameters,
            parameter_coverage=percent(self.annotated_parameters, self.parameters),
            annotated_returns=self.annotated_returns,
            return_coverage=percent(self.annotated_returns, self.functions),
        )

    def report(self, *, has_py_typed: bool, stub_files: int, checker_configs: list[str]) -> TypeHintReport:
        return TypeHintReport(
            **self.counts().model_dump(),
            has_py_typed=has_py_typed,
            stub_files=stub_files,
            checker_configs=checker_configs,
        )
