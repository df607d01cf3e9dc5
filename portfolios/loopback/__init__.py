"""A loopback GitHub: a REST-compatible server over local bare git repositories, for the offline
demo, the tests, and as a stand-in for GitHub Enterprise. ``python -m portfolios.loopback`` runs it.

The worker reaches it through exactly the production code path (``portfolios.github`` with another
base URL, ``portfolios.clone`` over ``file://``). Pure Python: neither Django nor pytest.
"""

from portfolios.loopback.server import Fault, LoopbackGitHub, RecordedRequest
from portfolios.loopback.store import GitHubStore

__all__ = ["Fault", "GitHubStore", "LoopbackGitHub", "RecordedRequest"]
