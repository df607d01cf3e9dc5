"""A loopback GitHub for the tests and the offline demo: a REST-compatible server over local git repositories.

Imported by test fixtures and by the demo's seed code, so it depends on neither pytest nor Django.
"""

from .server import Fault, LoopbackGitHub, RecordedRequest
from .store import GitHubStore

__all__ = ["Fault", "GitHubStore", "LoopbackGitHub", "RecordedRequest"]
