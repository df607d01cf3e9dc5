"""Copied code on the candidate page, as this reviewer may see it: what of the candidate's
repositories repeats our code, a tutorial or an earlier applicant's, what of theirs later
applicants repeat, and both sides of one file pair for the side-by-side page.

Another applicant is named (and linked) only to a reviewer who may open that application, by
the name blind review allows; otherwise they stay "another applicant", and their code is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models.functions import Lower
from django.urls import reverse
from pydantic import TypeAdapter, ValidationError

from hiring.dashboard.blind import Identity, identity
from hiring.models import Application
from portfolios.analysis.matching import FileMatch
from portfolios.models import CodeFile, CodeMatch, CodeSource
from portfolios.scoring import PortfolioScore, copy_source

CONTEXT_LINES = 4  # shown around the shared stretch on each side
MAX_SHOWN_LINES = 400
_FILE_MATCHES = TypeAdapter(list[FileMatch])
Kind = CodeSource.Kind


@dataclass(frozen=True)
class FileCopy:
    path: str  # the candidate's file
    place: str  # "lines 12–88", "cells 3–7"
    other_path: str
    other_place: str
    share_of_other: float
    compare_url: str

    @property
    def percent(self) -> str:
        return f"{self.share_of_other:.0%}"


@dataclass(frozen=True)
class CopiedCode:
    repository: str  # the candidate's repository
    source: str  # the other side in words
    other_application: Application | None  # a linked applicant, when this reviewer may open them
    share: float  # of the repeating repository
    later: bool  # a later applicant's code repeats this candidate's (else the candidate's repeats)
    files: list[FileCopy]

    @property
    def percent(self) -> str:
        return f"{self.share:.0%}"


def candidate_sources(score: PortfolioScore | None) -> list[CodeSource]:
    """The copy-index entries of the repositories this review analyzed."""
    analyzed = {(o.full_name, o.head_sha) for o in (score.repositories if score else []) if o.head_sha}
    if not analyzed:
        return []
    rows = CodeSource.objects.filter(kind=Kind.CANDIDATE, full_name__in={name for name, _ in analyzed})
    return [source for source in rows if (source.full_name, source.head_sha) in analyzed]


def copied_code(
    application: Application, score: PortfolioScore | None, user: User, who: Identity
) -> list[CopiedCode]:
    """Both directions, the candidate's own near-copies first; ``who`` scrubs what names the candidate."""
    found: list[CopiedCode] = []
    names = _Applicants(user, exclude=application)
    for outcome in score.repositories if score else []:
        for copy in outcome.near_copies:
            other = names.for_source(copy.source_id) if copy.kind == "candidate" else None
            found.append(
                CopiedCode(
                    repository=who.scrub(outcome.full_name),
                    source=names.words(other, earlier=True)
                    if copy.kind == "candidate"
                    else copy_source(copy),
                    other_application=other,
                    share=copy.share,
                    later=False,
                    files=[_file_copy(application, copy.match_id, i, m) for i, m in enumerate(copy.files)],
                )
            )
    sources = candidate_sources(score)
    later = CodeMatch.objects.filter(other__in=sources, source__kind=Kind.CANDIDATE).select_related(
        "source", "other"
    )
    for match in later:
        other = names.for_owner(match.source.owner)
        files = [
            _file_copy(application, match.pk, index, _flipped(file))
            for index, file in enumerate(file_matches(match))
        ]
        found.append(
            CopiedCode(
                repository=who.scrub(match.other.full_name),
                source=names.words(other, earlier=False),
                other_application=other,
                share=match.share,
                later=True,
                files=files,
            )
        )
    return found


def file_matches(match: CodeMatch) -> list[FileMatch]:
    """A stored match's file pairs, read back once; an unreadable list is empty (and logged by pydantic)."""
    try:
        return _FILE_MATCHES.validate_python(match.files)
    except ValidationError:
        return []


@dataclass(frozen=True)
class CodeLine:
    number: int
    text: str
    shared: bool


@dataclass(frozen=True)
class CodeSide:
    title: str  # whose file it is, in words
    path: str
    place: str
    lines: list[CodeLine]
    missing: str  # why no code is shown (text over the stored cap, an applicant this reviewer may not see)


@dataclass(frozen=True)
class SideBySide:
    candidate: CodeSide
    other: CodeSide
    share_of_other: float

    @property
    def percent(self) -> str:
        return f"{self.share_of_other:.0%}"

    @property
    def sides(self) -> tuple[CodeSide, CodeSide]:
        return self.candidate, self.other


def side_by_side(
    application: Application, score: PortfolioScore | None, match: CodeMatch, index: int, user: User
) -> SideBySide | None:
    """One file pair of a match that involves this application; None when it does not."""
    mine = {source.pk for source in candidate_sources(score)}
    files = file_matches(match)
    if not 0 <= index < len(files) or not ({match.source_id, match.other_id} & mine):
        return None
    pair = files[index]
    forward = match.source_id in mine
    rows = CodeFile.objects.in_bulk([i for i in (pair.file_id, pair.other_file_id) if i is not None])
    mine_file, other_file = rows.get(pair.file_id or 0), rows.get(pair.other_file_id or 0)
    if not forward:
        pair, mine_file, other_file = _flipped(pair), other_file, mine_file
    names, who = _Applicants(user, exclude=application), identity(application)
    theirs = match.other if forward else match.source
    other_applicant = names.for_owner(theirs.owner) if theirs.kind == Kind.CANDIDATE else None
    hidden = theirs.kind == Kind.CANDIDATE and other_applicant is None
    if theirs.kind == Kind.CANDIDATE:
        title = names.words(other_applicant, earlier=forward)
    else:
        title = _registered_words(theirs)
    return SideBySide(
        candidate=_side(
            f"{who.name}'s code", pair.path, pair.place(), pair.lines, pair.ranges, mine_file, who
        ),
        other=_side(
            title,
            pair.other_path,
            pair.other_place(),
            pair.other_lines,
            pair.other_ranges,
            None if hidden else other_file,
            identity(other_applicant) if other_applicant else None,
            missing="It belongs to an applicant to an ad you do not review, so it is not shown."
            if hidden
            else "",
        ),
        share_of_other=pair.share_of_other,
    )


def _side(
    title: str,
    path: str,
    place: str,
    shared: tuple[int, int],
    ranges: list[tuple[int, int]],
    file: CodeFile | None,
    who: Identity | None,
    *,
    missing: str = "",
) -> CodeSide:
    if file is None or not file.text:
        why = missing or "The file was too large to keep a copy of here; open it in the repository."
        return CodeSide(title=title, path=path, place=place, lines=[], missing=why)
    text = who.scrub(file.text) if who is not None else file.text
    all_lines = text.split("\n")
    first = max(1, shared[0] - CONTEXT_LINES)
    last = min(len(all_lines), shared[1] + CONTEXT_LINES, first + MAX_SHOWN_LINES - 1)
    stretches = ranges or [shared]  # a match stored before stretches were kept: its whole span
    lines = [
        CodeLine(number=n, text=all_lines[n - 1], shared=any(a <= n <= b for a, b in stretches))
        for n in range(first, last + 1)
    ]
    return CodeSide(title=title, path=path, place=place, lines=lines, missing="")


class _Applicants:
    """Other applications this reviewer may open, found by the GitHub owner of their repository."""

    def __init__(self, user: User, *, exclude: Application) -> None:
        self.user, self.exclude = user, exclude

    def for_source(self, source_id: int) -> Application | None:
        owner = CodeSource.objects.filter(pk=source_id).values_list("owner", flat=True).first()
        return self.for_owner(owner) if owner else None

    def for_owner(self, owner: str) -> Application | None:
        return (
            Application.objects.visible_to(self.user)
            .annotate(login=Lower("github_username"))
            .filter(login=owner.lower())
            .exclude(pk=self.exclude.pk)
            .select_related("candidate", "job_ad")
            .order_by("created_at")
            .first()
        )

    @staticmethod
    def words(other: Application | None, *, earlier: bool) -> str:
        when = "given earlier" if earlier else "given later"
        if other is None:
            return f"another applicant's repository, {when} (to an ad you do not review)"
        return f"the repository of {identity(other).name}, {when} for “{other.job_ad.title}”"


def _registered_words(source: CodeSource) -> str:
    label = source.known.label if source.known is not None else source.full_name
    return f"the tutorial {label}" if source.kind == Kind.TUTORIAL else f"our repository {label}"


def _file_copy(application: Application, match_id: int | None, index: int, pair: FileMatch) -> FileCopy:
    url = reverse("hiring:near_copy", args=[application.pk, match_id, index]) if match_id else ""
    return FileCopy(
        path=pair.path,
        place=pair.place(),
        other_path=pair.other_path,
        other_place=pair.other_place(),
        share_of_other=pair.share_of_other,
        compare_url=url,
    )


def _flipped(pair: FileMatch) -> FileMatch:
    """The same pair seen from the other side (the earlier applicant's page)."""
    return FileMatch(
        path=pair.other_path,
        lines=pair.other_lines,
        other_path=pair.path,
        other_lines=pair.lines,
        share_of_other=pair.share_of_candidate,
        share_of_candidate=pair.share_of_other,
        cells=pair.other_cells,
        other_cells=pair.cells,
        ranges=pair.other_ranges,
        other_ranges=pair.ranges,
        file_id=pair.other_file_id,
        other_file_id=pair.file_id,
    )
