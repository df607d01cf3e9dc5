"""The copy index: the fingerprints of every analyzed repository in the database, and the search
for near-copies of a candidate's repository among our repositories, the tutorials and courses
hiring managers registered, and the repositories other applicants gave before.

A search looks up the repository's fingerprints by hash (an indexed ``hash IN (...)``), so it
costs per fingerprint searched and per stored fingerprint equal to one, never a scan of the
index. Fingerprints common to unrelated code are idioms of the field, not copies: one found in
``REFERENCE_IDIOM_SOURCES`` of the registered repositories is ignored against them; against other
applicants, one found in many applicants' repositories, or in any registered repository (both
applicants copied the same tutorial: that is reported against the tutorial). Idioms are counted
in the database and their rows are never fetched.
Which pairs of files count as near-copies is ``portfolios.analysis.matching``'s one decision.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from django.db import transaction
from django.db.models import Count, Q, QuerySet

from portfolios.analysis import CodeIndex, RepoReport, find_copies
from portfolios.analysis import KnownRepository as KnownProvenance
from portfolios.analysis.matching import (
    MARK_GAP_LINES,
    MIN_SHARED,
    FileMatch,
    NearCopy,
    cell_span,
    is_near_copy,
    merged,
)
from portfolios.analysis.report import Provenance
from portfolios.models import CodeFile, CodeMatch, CodeSource, Fingerprint, KnownRepository, RepoAnalysis

REFERENCE_IDIOM_SOURCES = 3  # registered repositories (of different kinds of work) sharing a fingerprint
CANDIDATE_IDIOM_SOURCES = 5  # applicants' repositories sharing one, at the least...
CANDIDATE_IDIOM_SHARE = 0.02  # ...or this share of all applicants' repositories, when larger
LOOKUP_BATCH = 500  # hashes per query: within every database's parameter limit
Kind = CodeSource.Kind
NEAR_COPY_KINDS: dict[str, Literal["ours", "tutorial", "candidate"]] = {
    Kind.OURS: "ours",
    Kind.TUTORIAL: "tutorial",
    Kind.CANDIDATE: "candidate",
}


def known_repositories() -> list[KnownProvenance]:
    return [
        KnownProvenance(name=repo.full_name, provenance=Provenance.model_validate(repo.provenance))
        for repo in KnownRepository.objects.filter(provenance__isnull=False)
    ]


def copy_of(full_name: str, report: RepoReport, known: list[KnownProvenance]) -> str | None:
    """The known repository ``full_name`` copies whole (shared root commit, identical files), if any."""
    others = [repo for repo in known if repo.name.lower() != full_name.lower()]
    matches = find_copies(report.provenance, others)
    return matches[0].name if matches else None


def index_code(
    code: CodeIndex,
    *,
    kind: str,
    full_name: str,
    head_sha: str,
    known: KnownRepository | None = None,
    analysis: RepoAnalysis | None = None,
) -> CodeSource:
    """Store a repository's fingerprints, replacing what an earlier refresh stored for it."""
    with transaction.atomic():
        if known is not None:
            CodeSource.objects.filter(known=known).delete()
        if analysis is not None:
            CodeSource.objects.filter(analysis=analysis).delete()
        source = CodeSource.objects.create(
            kind=kind,
            full_name=full_name,
            head_sha=head_sha,
            owner=full_name.split("/", 1)[0].lower(),
            known=known,
            analysis=analysis,
            statements=sum(file.statements for file in code.files),
            text_truncated=code.text_truncated,
        )
        files = CodeFile.objects.bulk_create(
            CodeFile(
                source=source,
                path=file.path,
                kind=file.kind,
                statements=file.statements,
                distinct_fingerprints=len({gram for gram, _, _ in file.fingerprints}),
                text=file.text or "",
                cells=[list(cell) for cell in file.cells],
            )
            for file in code.files
        )
        Fingerprint.objects.bulk_create(
            (
                Fingerprint(hash=gram, file=row, first_line=first, last_line=last)
                for row, file in zip(files, code.files, strict=True)
                for gram, first, last in file.fingerprints
            ),
            batch_size=2000,
        )
    return source


@dataclass
class _Pair:
    """One file of the candidate's and one file of another repository, sharing fingerprints:
    where each shared hash occurs on either side."""

    mine: dict[int, set[tuple[int, int]]] = field(default_factory=lambda: defaultdict(set))
    theirs: dict[int, set[tuple[int, int]]] = field(default_factory=lambda: defaultdict(set))

    @property
    def hashes(self) -> set[int]:
        return set(self.mine)

    def stretches(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Both sides' shared lines, each occurrence of a hash paired with one on the other side in
        order: a stretch of the other file accounts for one stretch of the candidate's, so a common
        three-statement pattern elsewhere in the candidate's file is not marked as copied."""
        mine: list[tuple[int, int]] = []
        theirs: list[tuple[int, int]] = []
        for gram, places in self.mine.items():
            for my_place, their_place in zip(sorted(places), sorted(self.theirs[gram]), strict=False):
                mine.append(my_place)
                theirs.append(their_place)
        return mine, theirs


def find_near_copies(source: CodeSource) -> list[NearCopy]:
    """Search the index for what ``source`` repeats and store the matches (replacing earlier ones).

    Compared with: every registered repository, and every other applicant's repository indexed
    before this one (the earlier of two is named, the later one is the near-copy). The
    candidate's own repositories (same GitHub owner) are never compared with each other.
    """
    mine: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # hash → (file id, first, last)
    for gram, file_id, first, last in Fingerprint.objects.filter(file__source=source).values_list(
        "hash", "file_id", "first_line", "last_line"
    ):
        mine[gram].append((file_id, first, last))
    others = CodeSource.objects.exclude(owner=source.owner).filter(
        Q(kind__in=[Kind.OURS, Kind.TUTORIAL]) | Q(kind=Kind.CANDIDATE, created_at__lt=source.created_at)
    )
    reference_idioms, candidate_idioms = _idioms(sorted(mine), others)
    hits: list[tuple[int, int, str, int, int]] = []
    wanted = sorted(set(mine) - (reference_idioms & candidate_idioms))  # idioms either way: not fetched
    for start in range(0, len(wanted), LOOKUP_BATCH):
        hits += Fingerprint.objects.filter(
            hash__in=wanted[start : start + LOOKUP_BATCH], file__source__in=others
        ).values_list("hash", "file_id", "file__source__kind", "first_line", "last_line")

    pairs: dict[tuple[int, int], _Pair] = defaultdict(_Pair)
    for gram, other_file, kind, first, last in hits:
        if gram in (candidate_idioms if kind == Kind.CANDIDATE else reference_idioms):
            continue
        for my_file, my_first, my_last in mine[gram]:
            pair = pairs[(my_file, other_file)]
            pair.mine[gram].add((my_first, my_last))
            pair.theirs[gram].add((first, last))
    promising = {key: pair for key, pair in pairs.items() if len(pair.hashes) >= MIN_SHARED}
    matches = _file_matches(promising, mine, reference_idioms, candidate_idioms)
    return _store(source, matches)


def _idioms(hashes: list[int], others: QuerySet[CodeSource]) -> tuple[set[int], set[int]]:
    """Fingerprints too common to mean a copy, counted in the database: against registered
    repositories (in ``REFERENCE_IDIOM_SOURCES`` of them), and against applicants' (in many
    applicants' repositories, or in any registered one)."""
    applicants_total = CodeSource.objects.filter(kind=Kind.CANDIDATE).count()
    many = max(CANDIDATE_IDIOM_SOURCES, round(CANDIDATE_IDIOM_SHARE * applicants_total))
    registered = ~Q(file__source__kind=Kind.CANDIDATE)
    reference_idioms: set[int] = set()
    candidate_idioms: set[int] = set()
    for start in range(0, len(hashes), LOOKUP_BATCH):
        counts = (
            Fingerprint.objects.filter(hash__in=hashes[start : start + LOOKUP_BATCH], file__source__in=others)
            .values("hash")
            .annotate(
                registered=Count("file__source", filter=registered, distinct=True),
                applicants=Count("file__source", filter=~registered, distinct=True),
            )
            .filter(Q(registered__gte=1) | Q(applicants__gte=many))
            .values_list("hash", "registered", "applicants")
        )
        for gram, in_registered, in_applicants in counts:
            if in_registered >= REFERENCE_IDIOM_SOURCES:
                reference_idioms.add(gram)
            if in_registered or in_applicants >= many:
                candidate_idioms.add(gram)
    return reference_idioms, candidate_idioms


def _file_matches(
    pairs: dict[tuple[int, int], _Pair],
    mine: dict[int, list[tuple[int, int, int]]],
    reference_idioms: set[int],
    candidate_idioms: set[int],
) -> dict[int, list[tuple[CodeFile, FileMatch]]]:
    """The pairs that are near-copies, by the other repository, best match per candidate file."""
    files = (
        CodeFile.objects.only("path", "statements", "distinct_fingerprints", "cells", "source__kind")
        .select_related("source")
        .in_bulk({file_id for pair in pairs for file_id in pair})
    )
    my_hashes: dict[int, set[int]] = defaultdict(set)
    for gram, places in mine.items():
        for file_id, _, _ in places:
            my_hashes[file_id].add(gram)
    best: dict[tuple[int, int], tuple[CodeFile, FileMatch]] = {}
    for (my_id, other_id), pair in pairs.items():
        my_file, other_file = files[my_id], files[other_id]
        ignored = candidate_idioms if other_file.source.kind == Kind.CANDIDATE else reference_idioms
        candidate_total = len(my_hashes[my_id] - ignored)
        if not is_near_copy(len(pair.hashes), candidate_total, other_file.distinct_fingerprints):
            continue
        mine_stretches, their_stretches = pair.stretches()
        lines, other_lines = _span(mine_stretches), _span(their_stretches)
        match = FileMatch(
            path=my_file.path,
            lines=lines,
            other_path=other_file.path,
            other_lines=other_lines,
            cells=cell_span(lines, my_file.cells),
            other_cells=cell_span(other_lines, other_file.cells),
            ranges=merged(mine_stretches, gap=MARK_GAP_LINES),
            other_ranges=merged(their_stretches, gap=MARK_GAP_LINES),
            share_of_other=round(min(1.0, len(pair.hashes) / other_file.distinct_fingerprints), 3),
            share_of_candidate=round(min(1.0, len(pair.hashes) / max(candidate_total, 1)), 3),
            file_id=my_id,
            other_file_id=other_id,
        )
        key = (my_id, other_file.source_id)
        if key not in best or match.share_of_candidate > best[key][1].share_of_candidate:
            best[key] = (my_file, match)
    by_source: dict[int, list[tuple[CodeFile, FileMatch]]] = defaultdict(list)
    for (_, other_source), found in best.items():
        by_source[other_source].append(found)
    return by_source


def _store(source: CodeSource, matches: dict[int, list[tuple[CodeFile, FileMatch]]]) -> list[NearCopy]:
    if not matches and not CodeMatch.objects.filter(source=source).exists():
        return []  # the usual answer: nothing found now, nothing stored before
    near: list[NearCopy] = []
    others = CodeSource.objects.select_related("known").in_bulk(list(matches))
    with transaction.atomic():
        CodeMatch.objects.filter(source=source).delete()
        for other_id, found in matches.items():
            other = others[other_id]
            copied = sum(my_file.statements * match.share_of_candidate for my_file, match in found)
            share = round(min(1.0, copied / max(source.statements, 1)), 3)
            files = sorted((match for _, match in found), key=lambda m: (-m.share_of_candidate, m.path))
            row = CodeMatch.objects.create(
                source=source, other=other, share=share, files=[m.model_dump(mode="json") for m in files]
            )
            near.append(
                NearCopy(
                    kind=NEAR_COPY_KINDS[other.kind],
                    repository="" if other.kind == Kind.CANDIDATE else _reference_label(other),
                    source_id=other.pk,
                    match_id=row.pk,
                    share=share,
                    files=files,
                )
            )
    return sorted(near, key=lambda copy: -copy.share)


def _reference_label(source: CodeSource) -> str:
    known = source.known
    return known.label if known is not None else source.full_name


def _span(lines: list[tuple[int, int]]) -> tuple[int, int]:
    return min(first for first, _ in lines), max(last for _, last in lines)
