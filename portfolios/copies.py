"""Is an analyzed repository a copy of one of our own? Compares it with the known repositories.

Known repositories are cloned and fingerprinted by ``refresh_known_repository``; one that was
never refreshed cannot be compared yet and is simply not matched.
"""

from __future__ import annotations

from portfolios.analysis import KnownRepository as KnownProvenance
from portfolios.analysis import RepoReport, find_copies
from portfolios.analysis.report import Provenance
from portfolios.models import KnownRepository


def known_repositories() -> list[KnownProvenance]:
    return [
        KnownProvenance(name=repo.full_name, provenance=Provenance.model_validate(repo.provenance))
        for repo in KnownRepository.objects.filter(provenance__isnull=False)
    ]


def copy_of(full_name: str, report: RepoReport, known: list[KnownProvenance]) -> str | None:
    """The known repository ``full_name`` copies, if any; a known repository is not a copy of itself."""
    others = [repo for repo in known if repo.name.lower() != full_name.lower()]
    matches = find_copies(report.provenance, others)
    return matches[0].name if matches else None
