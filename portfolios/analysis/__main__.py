"""The isolated child: `python -m portfolios.analysis REQUEST.json` prints one Analysis as JSON.

It caps its own address space, CPU time and core size before touching the repository, then runs
the in-process pass; the parent (isolation.py) watches it and maps its death to a reason code.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from portfolios.analysis.engine import analyze_tree
from portfolios.analysis.isolation import EXIT_OUT_OF_MEMORY, ChildRequest
from portfolios.analysis.report import AnalysisLimits

CPU_HARD_MARGIN_SECONDS = 5
RECURSION_LIMIT = 1000  # CPython's default: ast.parse turns deeper trees into RecursionError


def apply_limits(limits: AnalysisLimits) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limits.max_memory_bytes, limits.max_memory_bytes))
    cpu = (limits.max_cpu_seconds, limits.max_cpu_seconds + CPU_HARD_MARGIN_SECONDS)
    resource.setrlimit(resource.RLIMIT_CPU, cpu)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.setrecursionlimit(RECURSION_LIMIT)


def main(argv: list[str]) -> int:
    request = ChildRequest.model_validate_json(Path(argv[1]).read_bytes())
    apply_limits(request.limits)
    with Path(request.progress_path).open("a", buffering=1, encoding="utf-8") as progress:

        def announce(path: str) -> None:
            progress.write(f"parse\t{json.dumps(path)}\n")

        analysis = analyze_tree(
            Path(request.root),
            request.limits,
            identity=request.identity,
            skip=request.skip,
            progress=announce,
            under=request.under,
            known=request.known,
            keep_facts=request.keep_facts,
        )
        progress.write('phase\t"report"\n')
    sys.stdout.write(analysis.model_dump_json())
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except MemoryError:
        sys.exit(EXIT_OUT_OF_MEMORY)
