"""A résumé's text, read in a child process with CPU, memory and wall-clock limits, in the worker.

Reading a PDF is parsing hostile input: a 24 KB file whose one content stream inflates to 10 MB
of text operators held an apply request 9 s at 370 MB before pypdf gave up. So the request only
checks the type and size and stores the file (``resumes.detect_resume_kind``); the worker reads
the text here (``hiring.tasks.read_resume``), and a file that runs out of time or memory is
"unreadable" with its reason, as a scan without a text layer is: kept, flagged for a person.

`python -m hiring.intake.resume_reader KIND` reads the file on stdin and prints its text as JSON.
"""

from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
import tempfile
from dataclasses import asdict

from hiring.intake.resumes import MAX_RESUME_BYTES, ResumeText, extract_text

MAX_SECONDS = 20  # wall clock (setting RESUME_READ_SECONDS); a real résumé takes well under a second
MAX_MEMORY_BYTES = 768 * 1024 * 1024  # the child's address space, the interpreter included
TOO_SLOW = "reading its text took too long (the file may be built to stall readers)"
TOO_BIG = "reading its text needed too much memory (the file may be built to exhaust readers)"
CRASHED = "the file could not be parsed"
EXIT_OUT_OF_MEMORY = 3


def read_text_isolated(data: bytes, kind: str, *, seconds: float = MAX_SECONDS) -> ResumeText:
    """The text of a stored résumé ("pdf" or "docx"), or the reason it could not be read within
    ``seconds`` of wall clock (and as much CPU time) and ``MAX_MEMORY_BYTES``."""
    # The analyzer child's bare environment; imported here, not at the top, so the child itself
    # (which imports this module) never loads the analyzer's report models.
    from portfolios.analysis.isolation import child_environment

    with tempfile.TemporaryDirectory(prefix="resume-reader-") as scratch:
        try:
            done = subprocess.run(
                [sys.executable, "-s", "-m", "hiring.intake.resume_reader", kind, str(math.ceil(seconds))],
                input=data,
                capture_output=True,
                timeout=seconds,
                cwd=scratch,
                env=child_environment(scratch),
                check=False,
            )
        except subprocess.TimeoutExpired:
            return ResumeText(text="", unreadable_reason=TOO_SLOW)
    if done.returncode == EXIT_OUT_OF_MEMORY:
        return ResumeText(text="", unreadable_reason=TOO_BIG)
    if done.returncode != 0:  # killed at its CPU limit, or a crash of the parser itself
        return ResumeText(text="", unreadable_reason=TOO_SLOW if done.returncode < 0 else CRASHED)
    try:
        return ResumeText(**json.loads(done.stdout))
    except (ValueError, TypeError):
        return ResumeText(text="", unreadable_reason=CRASHED)


def main(kind: str, cpu_seconds: int) -> int:
    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY_BYTES, MAX_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 2))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    data = sys.stdin.buffer.read(MAX_RESUME_BYTES + 1)
    sys.stdout.write(json.dumps(asdict(extract_text(data, kind))))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1], int(sys.argv[2])))
    except MemoryError:
        sys.exit(EXIT_OUT_OF_MEMORY)
