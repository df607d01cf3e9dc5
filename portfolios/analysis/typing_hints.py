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

from portfolios.analysis.definitions import FUNCTION_TYPES, Definition, FunctionNode, decorator_names
from portfolios.analysis.report import TypeHintCounts, TypeHintReport, percent


class TypeHintTally:
    def __init__(self) -> None:
        self.functions = 0
        self.fully_annotated = 0
        self.parameters = 0
        self.annotated_parameters = 0
        self.annotated_returns = 0

    def add(self, definitions: list[Definition]) -> None:
        for definition in definitions:
            if isinstance(definition.node, FUNCTION_TYPES):
                self._add_function(definition.node, is_method=definition.kind == "method")

    def _add_function(self, node: FunctionNode, *, is_method: bool) -> None:
        arguments = node.args
        parameters = arguments.posonlyargs + arguments.args
        if is_method and parameters and not (node.decorator_list and "staticmethod" in decorator_names(node)):
            del parameters[0]  # self or cls (a new list: the tree's own is left alone)
        parameters += arguments.kwonlyargs
        if arguments.vararg is not None:
            parameters.append(arguments.vararg)
        if arguments.kwarg is not None:
            parameters.append(arguments.kwarg)
        annotated = sum(parameter.annotation is not None for parameter in parameters)
        returns = node.returns is not None or (is_method and node.name == "__init__" and annotated > 0)
        self.functions += 1
        self.parameters += len(parameters)
        self.annotated_parameters += annotated
        self.annotated_returns += returns
        self.fully_annotated += returns and annotated == len(parameters)

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
