"""Fingerprinting our own repositories (root commits, file hashes) so copies can be recognized."""

from __future__ import annotations

import logging

from django.utils import timezone

from portfolios import github
from portfolios.analysis import AnalysisError, analyze_repository
from portfolios.clone import CloneError, CloneLimits, temporary_clone
from portfolios.models import KnownRepository
from portfolios.review import analysis_limits

logger = logging.getLogger(__name__)


def refresh(known_id: int) -> None:
    """Clone and fingerprint one known repository; a failure is recorded on the row, not raised."""
    known = KnownRepository.objects.filter(pk=known_id).first()
    if known is None:
        return  # removed meanwhile
    try:
        repo = github.fetch_repository(known.full_name)
        with temporary_clone(
            repo.clone_url, CloneLimits.from_settings(), expected_size_bytes=repo.size_kb * 1024
        ) as cloned:
            report = analyze_repository(cloned.path, analysis_limits())
    except (github.GitHubError, CloneError, AnalysisError) as error:
        logger.info("known repository %s not read: %s", known.full_name, error)
        KnownRepository.objects.filter(pk=known_id).update(problem=str(error)[:300])
        return
    KnownRepository.objects.filter(pk=known_id).update(
        clone_url=repo.clone_url,
        provenance=report.provenance.model_dump(mode="json"),
        refreshed_at=timezone.now(),
        problem="",
    )
