"""The analysis cache: each code file's facts kept by git blob, so a file that any repository or
candidate held before is neither read nor parsed again (a tutorial cloned by fifty candidates is
parsed once).

Before the isolated child runs, the clone's tree (read without reading a blob) says which facts
are cached; the child gets those without their text and skips the files; afterwards the facts it
computed are stored and the text of the cached files it kept is put back, so the analysis equals
a cold run's. Facts live as long as a repository in the copy index holds them
(`AnalyzedFile.sources`): erasing a candidate's last analysis removes the facts only they had.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portfolios.analysis import (
    Analysis,
    AnalysisLimits,
    AuthorIdentity,
    FileFacts,
    analyze_repository,
    code_file_keys,
    facts_version,
)
from portfolios.models import AnalyzedFile, CodeSource

CHUNK = 500  # keys per query: well under every database's limit on bound parameters
UNUSED_GRACE = timedelta(minutes=10)  # facts stored by a review that has not indexed its repository yet


@dataclass(frozen=True)
class CachedAnalysis:
    analysis: Analysis  # as a cold run gives it, the cached files' text put back
    keys: list[str]  # the cache keys of the repository's code files, to link to its code source
    reused: int  # distinct files whose facts came from the cache
    computed: int  # distinct files analyzed and added to it


def analyze(
    clone: Path, limits: AnalysisLimits, *, identity: AuthorIdentity | None = None, under: str = ""
) -> CachedAnalysis:
    """Analyze a clone in the isolated child, through the cache unless ANALYSIS_CACHE is off."""
    if not settings.ANALYSIS_CACHE:
        return CachedAnalysis(analyze_repository(clone, limits, identity=identity, under=under), [], 0, 0)
    version = facts_version(limits)
    keys = sorted(code_file_keys(clone, limits, under=under))
    known = cached_facts(keys, version)
    analysis = analyze_repository(clone, limits, identity=identity, under=under, known=known, keep_facts=True)
    AnalyzedFile.objects.bulk_create(
        (
            AnalyzedFile(
                key=key, version=version, facts=facts.model_dump_json(exclude={"text"}), text=facts.text or ""
            )
            for key, facts in analysis.facts.items()
        ),
        batch_size=CHUNK,
        ignore_conflicts=True,  # another worker stored the same file meanwhile
    )
    texts = dict(_in_chunks(sorted(set(analysis.text_from_cache.values())), version, "key", "text"))
    complete = analysis.with_cached_text(texts).model_copy(update={"facts": {}})
    return CachedAnalysis(
        complete, sorted(set(keys) | analysis.facts.keys()), len(known), len(analysis.facts)
    )


def cached_facts(keys: list[str], version: str) -> dict[str, FileFacts]:
    """The stored facts of these keys, read back into their model once, here."""
    return {
        key: FileFacts.model_validate_json(facts) for key, facts in _in_chunks(keys, version, "key", "facts")
    }


def link(source: CodeSource, keys: Iterable[str], limits: AnalysisLimits) -> None:
    """Record that the source holds these files, so their facts stay while it is indexed.

    The rows are locked while linked: a sweep removing unused facts cannot delete one in between
    (one it removed just before is simply not linked: the next analysis computes it again)."""
    version = facts_version(limits)
    through = CodeSource.analyzed_files.through
    wanted = sorted(keys)
    with transaction.atomic():
        for start in range(0, len(wanted), CHUNK):
            ids = (
                AnalyzedFile.objects.select_for_update(no_key=True)
                .filter(version=version, key__in=wanted[start : start + CHUNK])
                .values_list("id", flat=True)
            )
            through.objects.bulk_create(
                [through(codesource_id=source.pk, analyzedfile_id=pk) for pk in ids], ignore_conflicts=True
            )


def sweep(*, grace: timedelta = UNUSED_GRACE) -> int:
    """Delete the facts no indexed repository holds (older than `grace`, so a review between
    storing its facts and indexing its repository keeps them); the number deleted."""
    deleted, _ = AnalyzedFile.objects.unused().filter(created_at__lt=timezone.now() - grace).delete()
    return deleted


def _in_chunks(keys: list[str], version: str, *fields: str) -> Iterator[tuple[str, str]]:
    for start in range(0, len(keys), CHUNK):
        yield from AnalyzedFile.objects.filter(
            version=version, key__in=keys[start : start + CHUNK]
        ).values_list(*fields)
