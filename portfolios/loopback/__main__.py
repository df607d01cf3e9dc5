"""Run the loopback GitHub in the foreground: ``python -m portfolios.loopback --root DIR --port N``.

With ``--index-port M`` the same process also serves a loopback package index on port M, with the
newest releases listed in ``DIR/index.json`` (a JSON object of package name to version).
"""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path

from portfolios.loopback.index import LoopbackIndex
from portfolios.loopback.server import LoopbackGitHub


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve local git repositories through a GitHub-like API.")
    parser.add_argument("--root", type=Path, required=True, help="folder of <owner>/<repo>.git and metadata")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--index-port", type=int, default=None, help="also serve a package index here")
    parser.add_argument("--quiet", action="store_true", help="do not print the base URL (a caller prints it)")
    options = parser.parse_args()
    github = LoopbackGitHub(options.root, host=options.host, port=options.port)
    base_url = github.start()
    index = None
    if options.index_port is not None:
        releases_file = options.root / "index.json"
        releases = json.loads(releases_file.read_text(encoding="utf-8")) if releases_file.is_file() else {}
        index = LoopbackIndex(releases, host=options.host, port=options.index_port)
        index.start()
    if not options.quiet:
        print(base_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        github.stop()
        if index is not None:
            index.stop()


if __name__ == "__main__":
    main()
