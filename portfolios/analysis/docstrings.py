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

from collections.abc import Sequence

from portfolios.analysis.definitions import Definition, has_docstring
from portfolios.analysis.report import (
    DocstringCounts,
    DocstringReport,
    FileFacts,
    Found,
    KindCount,
    locate,
    percent,
)

KINDS = ("module", "class", "function", "method", "nested_class", "nested_function")
DEFINITION_KINDS = KINDS[1:]
_KIND_INDEX = {kind: index for index, kind in enumerate(DEFINITION_KINDS)}


def definition_counts(
    definitions: Sequence[Definition], max_evidence: int, *, cell: int | None = None
) -> tuple[list[tuple[int, int]], list[Found], int]:
    """Per definition kind [total, documented]; the first undocumented public ones; how many there are."""
    counts = [[0, 0] for _ in DEFINITION_KINDS]
    undocumented: list[Found] = []
    missing = 0
    for definition in definitions:
        node = definition.node
        count = counts[_KIND_INDEX[definition.kind]]
        count[0] += 1
        if has_docstring(node):
            count[1] += 1
        elif not _public_name(definition).startswith("_"):
            missing += 1
            if len(undocumented) < max_evidence:
                undocumented.append((cell, node.lineno, node.name))
    return [(total, documented) for total, documented in counts], undocumented, missing


class DocstringTally:
    """Accumulates docstring counts per kind, plus capped evidence of undocumented public names."""

    def __init__(self, max_evidence: int) -> None:
        self.max_evidence = max_evidence
        self.totals = dict.fromkeys(KINDS, 0)
        self.documented = dict.fromkeys(KINDS, 0)
        self.undocumented_public: list[str] = []
        self.undocumented_public_count = 0

    def add(self, path: str, facts: FileFacts, *, count_module: bool) -> None:
        """Count one file's definitions (and a .py file's module docstring), with `path` as evidence."""
        if count_module:
            module_name = path.rsplit("/", 1)[-1]
            self.totals["module"] += 1
            if facts.module_documented:
                self.documented["module"] += 1
            elif not module_name.startswith("_"):
                self._evidence([(None, 1, "<module>")], 1, path)
        for kind, (total, documented) in zip(DEFINITION_KINDS, facts.definitions, strict=True):
            self.totals[kind] += total
            self.documented[kind] += documented
        self._evidence(facts.undocumented, facts.undocumented_count, path)

    def _evidence(self, found: list[Found], count: int, path: str) -> None:
        self.undocumented_public_count += count
        for cell, line, name in found[: self.max_evidence - len(self.undocumented_public)]:
            self.undocumented_public.append(f"{locate(path, cell)}:{line}:{name}")

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
