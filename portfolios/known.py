"""Reading a registered repository (ours, or a tutorial): its root commits and file hashes for whole
copies, its fingerprints in the copy index for near-copies."""

from __future__ import annotations

import logging

from django.utils import timezone

from portfolios import analysis_cache, github
from portfolios.analysis import AnalysisError
from portfolios.clone import CloneError, CloneLimits, temporary_clone
from portfolios.copies import index_code
from portfolios.models import KnownRepository
from portfolios.review import analysis_limits, skip_reason

logger = logging.getLogger(__name__)


def refresh(known_id: int) -> None:
    """Clone and fingerprint one known repository; a failure is recorded on the row, not raised."""
    known = KnownRepository.objects.filter(pk=known_id).first()
    if known is None:
        return  # removed meanwhile
    KnownRepository.objects.filter(pk=known_id).update(attempted_at=timezone.now())
    try:
        repo = github.fetch_repository(known.full_name)
        with temporary_clone(
            repo.clone_url, CloneLimits.from_settings(), expected_size_bytes=repo.size_kb * 1024
        ) as cloned:
            cached = analysis_cache.analyze(cloned.path, analysis_limits(), under=known.under)
    except (github.GitHubError, CloneError, AnalysisError) as error:
        logger.info("known repository %s not read: %s", known.full_name, error)
        KnownRepository.objects.filter(pk=known_id).update(problem=problem_sentence(error))
        return
    analysis = cached.analysis
    source = index_code(
        analysis.code, kind=known.kind, full_name=known.full_name, head_sha=cloned.head_sha, known=known
    )
    analysis_cache.link(source, cached.keys, analysis_limits())
    KnownRepository.objects.filter(pk=known_id).update(
        clone_url=repo.clone_url,
        provenance=analysis.report.provenance.model_dump(mode="json"),
        refreshed_at=timezone.now(),
        problem="",
    )


def problem_sentence(error: github.GitHubError | CloneError | AnalysisError) -> str:
    """Why a refresh failed, for the hiring manager who registered the repository."""
    if isinstance(error, github.GitHubError):
        return error.reason
    return skip_reason(error)
