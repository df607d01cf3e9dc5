"""Finding a person across every ad the reviewer triages: by name, e-mail or GitHub login, by the
skills and current title they gave, and by their résumé's text.

On PostgreSQL the words are matched by full-text search (as a search box reads them: "pandas
airflow" finds both words in any order, "-spark" leaves out, quotes keep a phrase) over two
GIN-indexed vectors (migration 0019), and names, e-mails and logins through the trigram indexes
the board's search uses; on SQLite (the demo's file) each field is searched for the text as typed.
Blind review holds here as on the board: a blinded application is found by its skills and title,
never by who the person is nor by a résumé that names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from hiring.dashboard.blind import with_blindness
from hiring.models import Application, Candidate

MAX_RESULTS = 50
MAX_QUERY_LENGTH = 200
# The same expressions as migration 0019's indexes: PostgreSQL uses an index only for its own text.
# Words are matched against all of a row's text at once, so "pandas -airflow" leaves out an
# application whose résumé says airflow; a blinded row's text is its title and skills alone.
WORK_VECTOR = SearchVector("current_title", "skills", config="simple")
ALL_TEXT_VECTOR = SearchVector("current_title", "skills", "resume_text", config="simple")


@dataclass(frozen=True)
class SearchResults:
    text: str
    applications: list[Application]  # newest first, the first MAX_RESULTS; ``blinded`` annotated
    total: int

    @property
    def truncated(self) -> bool:
        return self.total > len(self.applications)


def find(user: User | AnonymousUser, text: str) -> SearchResults:
    """The applications ``user`` may see that match ``text``; nothing for an empty text."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if not text:
        return SearchResults(text, [], 0)
    people = Candidate.objects.filter(Q(full_name__icontains=text) | Q(email__icontains=text))
    # Each condition is its own subquery, which its index serves (the GIN vectors, the trigram
    # indexes); the visible rows are then only checked against the ids found, never re-read.
    identity = Q(candidate__in=people.values("pk")) | Q(pk__in=_ids(Q(github_username__icontains=text)))
    if connection.vendor == "postgresql":
        words = SearchQuery(text, config="simple", search_type="websearch")
        work = Q(pk__in=_ids(Q(work_words=words), work_words=WORK_VECTOR))
        everything = Q(pk__in=_ids(Q(all_words=words), all_words=ALL_TEXT_VECTOR))
    else:
        work = Q(current_title__icontains=text) | Q(skills__icontains=text)
        everything = work | Q(resume_text__icontains=text)
    visible = with_blindness(Application.objects.visible_to(user))
    matched = visible.filter((Q(blinded=True) & work) | (Q(blinded=False) & (identity | everything)))
    newest = matched.select_related("candidate", "job_ad", "portfolio_review").order_by("-created_at", "-pk")
    found = list(newest[:MAX_RESULTS])
    total = len(found) if len(found) < MAX_RESULTS else matched.count()
    return SearchResults(text, found, total)


def _ids(condition: Q, **vectors: SearchVector) -> QuerySet[Application, Any]:
    """The ids of the applications meeting ``condition``, as a subquery its own index serves."""
    return Application.objects.annotate(**vectors).filter(condition).values("pk")


def other_applications(
    application: Application, user: User | AnonymousUser, *, blinded: bool
) -> list[Application]:
    """The same person's applications to other ads that ``user`` may see, newest first.

    None while this one is ``blinded``, and never a blinded one: linking a pseudonym to a name
    would undo blind review."""
    if blinded:
        return []
    others = with_blindness(
        Application.objects.visible_to(user)
        .filter(candidate_id=application.candidate_id)
        .exclude(pk=application.pk)
    )
    return list(others.filter(Q(blinded=False)).select_related("job_ad").order_by("-created_at"))
