"""Static analysis of one repository into a RepoReport: pure Python, no Django, no network.

It never imports or runs the code it reads. `analyze_repository` isolates the work in a
resource-limited child process; `analyze_tree` is the same pass in-process.
"""

from __future__ import annotations

from portfolios.analysis.engine import analyze_tree, code_file_keys
from portfolios.analysis.facts import cache_key, cache_variant, facts_version
from portfolios.analysis.isolation import AnalysisError, analyze_repository
from portfolios.analysis.provenance import CopyMatch, KnownRepository, find_copies
from portfolios.analysis.report import (
    Analysis,
    AnalysisLimits,
    AuthorIdentity,
    CodeFile,
    CodeIndex,
    FileFacts,
    RepoReport,
)

__all__ = [
    "Analysis",
    "AnalysisError",
    "AnalysisLimits",
    "AuthorIdentity",
    "CodeFile",
    "CodeIndex",
    "CopyMatch",
    "FileFacts",
    "KnownRepository",
    "RepoReport",
    "analyze_repository",
    "analyze_tree",
    "cache_key",
    "cache_variant",
    "code_file_keys",
    "facts_version",
    "find_copies",
]
