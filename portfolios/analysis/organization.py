"""Code organization: modules, classes, function lengths, README, licence and declared dependencies."""

from __future__ import annotations

import ast
import re
from datetime import datetime

from portfolios.analysis.definitions import ModuleScan
from portfolios.analysis.dependencies import dependency_file
from portfolios.analysis.report import DependencyFile, FileFacts, FunctionLength, OrganizationReport, Readme

MAX_HEADINGS = 30
LICENSE_KINDS = (
    ("MIT", "permission is hereby granted, free of charge"),
    ("Apache-2.0", "apache license"),
    ("LGPL", "gnu lesser general public license"),
    ("GPL", "gnu general public license"),
    ("BSD", "redistribution and use in source and binary forms"),
    ("MPL-2.0", "mozilla public license"),
    ("Unlicense", "this is free and unencumbered software"),
)
MARKDOWN_HEADING = re.compile(r"#{1,6}\s")
RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")


def definition_lengths(scan: ModuleScan) -> tuple[int, int, int, tuple[int, str, int] | None]:
    """Classes, functions, their lines in all, and the first longest function's (line, name, lines)."""
    classes = functions = function_lines = 0
    longest: tuple[int, str, int] | None = None
    for definition in scan.definitions:
        node = definition.node
        if isinstance(node, ast.ClassDef):
            classes += 1
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        functions += 1
        function_lines += length
        if longest is None or length > longest[2]:
            longest = (node.lineno, node.name, length)
    return classes, functions, function_lines, longest


class OrganizationTally:
    def __init__(self) -> None:
        self.modules = 0
        self.classes = 0
        self.functions = 0
        self.function_lines = 0
        self.longest: FunctionLength | None = None
        self.readme: Readme | None = None
        self.license: str | None = None
        self.license_kind: str | None = None
        self.dependency_files: list[DependencyFile] = []

    def add_python(self, path: str, facts: FileFacts) -> None:
        self.modules += 1
        self.classes += facts.classes
        self.functions += facts.functions
        self.function_lines += facts.function_lines
        if facts.longest is not None and (self.longest is None or facts.longest[2] > self.longest.lines):
            line, name, length = facts.longest
            self.longest = FunctionLength(location=f"{path}:{line}:{name}", lines=length)
        if facts.setup_requirements is not None:
            self.dependency_files.append(facts.setup_requirements)

    def observe_meta(self, path: str, text: str) -> None:
        lowered = path.lower()
        if "/" not in path and lowered.startswith("readme") and self.readme is None:
            self.readme = Readme(
                path=path, bytes=len(text.encode()), words=len(text.split()), headings=headings(text)
            )
        elif (
            "/" not in path and lowered.startswith(("license", "licence", "copying")) and self.license is None
        ):
            self.license = path
            self.license_kind = license_kind(text)
        elif declared := dependency_file(path, text):
            self.dependency_files.append(declared)

    def report(self, *, last_commit_at: datetime | None) -> OrganizationReport:
        files = sorted(self.dependency_files, key=lambda item: item.path)
        return OrganizationReport(
            modules=self.modules,
            classes=self.classes,
            functions=self.functions,
            mean_function_length=round(self.function_lines / self.functions, 1) if self.functions else None,
            longest_function=self.longest,
            readme=self.readme,
            license=self.license,
            license_kind=self.license_kind,
            dependency_files=files,
            dependencies_declared=sum(item.declared for item in files),
            dependencies_pinned=sum(item.pinned for item in files),
            last_commit_at=last_commit_at,
        )


def headings(text: str) -> list[str]:
    """Markdown `#` headings and reStructuredText underlined titles, in order, capped."""
    found = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if MARKDOWN_HEADING.match(line):
            found.append(line.strip("# \t"))
        elif index and RST_UNDERLINE.match(line) and lines[index - 1].strip():
            found.append(lines[index - 1].strip())
        if len(found) == MAX_HEADINGS:
            break
    return found


def license_kind(text: str) -> str | None:
    lowered = " ".join(text.lower().split())
    for kind, phrase in LICENSE_KINDS:
        if phrase in lowered:
            return kind
    return None
