"""Docstring coverage counted exactly as interrogate 1.7.0 counts it with its default options.

interrogate's defaults count one node per module (even an empty one) plus every class, function,
method and nested definition anywhere in the file (inside `if`, `try`, other functions...), with
no name excluded (dunders, privates, properties and overloads all count); a node is documented
when `ast.get_docstring` finds a docstring that is not only whitespace. Where interrogate falls
short, the analyzer differs on purpose: it parses bytes (PEP 263 cookies and BOMs honoured), it
skips symlinks, unparsable and over-size files with a reason instead of crashing or counting them
twice, and it also skips nested virtualenvs and tool caches (interrogate only skips top-level
`.git*`, `.hg*`, `.tox*`, `.venv*` and `venv*`). On the regular, parsable files the counts match.
"""

from __future__ import annotations

import ast

from portfolios.analysis.definitions import Definition, ModuleScan, has_docstring
from portfolios.analysis.report import DocstringCounts, DocstringReport, KindCount, percent

KINDS = ("module", "class", "function", "method", "nested_class", "nested_function")


class DocstringTally:
    """Accumulates docstring counts per kind, plus capped evidence of undocumented public names."""

    def __init__(self, max_evidence: int) -> None:
        self.max_evidence = max_evidence
        self.totals = dict.fromkeys(KINDS, 0)
        self.documented = dict.fromkeys(KINDS, 0)
        self.undocumented_public: list[str] = []
        self.undocumented_public_count = 0

    def add_module(self, location: str, tree: ast.Module, scan: ModuleScan, *, count_module: bool) -> None:
        """Count a module's definitions; `location` is the path (or notebook cell) used as evidence."""
        if count_module:
            module_name = location.rsplit("/", 1)[-1]
            self._count("module", has_docstring(tree), location, 1, "<module>", module_name)
        for definition in scan.definitions:
            node = definition.node
            self._count(
                definition.kind,
                has_docstring(node),
                location,
                node.lineno,
                node.name,
                _public_name(definition),
            )

    def _count(
        self, kind: str, documented: bool, location: str, line: int, name: str, public_name: str
    ) -> None:
        self.totals[kind] += 1
        if documented:
            self.documented[kind] += 1
        elif not public_name.startswith("_"):
            self.undocumented_public_count += 1
            if len(self.undocumented_public) < self.max_evidence:
                self.undocumented_public.append(f"{location}:{line}:{name}")

    def counts(self) -> DocstringCounts:
        total, documented = sum(self.totals.values()), sum(self.documented.values())
        return DocstringCounts(total=total, documented=documented, coverage=percent(documented, total))

    def report(self) -> DocstringReport:
        by_kind = {
            kind: KindCount(total=self.totals[kind], documented=self.documented[kind]) for kind in KINDS
        }
        return DocstringReport(
            **self.counts().model_dump(),
            by_kind=by_kind,
            undocumented_public=self.undocumented_public,
            undocumented_public_count=self.undocumented_public_count,
        )


def _public_name(definition: Definition) -> str:
    """The name that decides whether a definition is public; nested ones never are."""
    if definition.kind.startswith("nested"):
        return "_nested"
    if definition.kind == "method" and definition.owner is not None and definition.owner.name.startswith("_"):
        return definition.owner.name
    return definition.node.name
