"""Reviewers' notes: the writes that keep every version, and the rule that only authors edit."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from hiring.models import Application, Note, NoteRevision


class NoteEditDeniedError(Exception):
    """Only a note's author may change it."""


def add_note(*, application: Application, author: User, body: str, is_private: bool) -> Note:
    with transaction.atomic():
        note = Note.objects.create(application=application, author=author, body=body, is_private=is_private)
        NoteRevision.objects.create(note=note, body=body, is_private=is_private)
    return note


def edit_note(*, note: Note, by: User, body: str, is_private: bool) -> Note:
    """Save a new version; the old ones stay in the note's history."""
    if note.author_id != by.pk:
        raise NoteEditDeniedError
    with transaction.atomic():
        note.body, note.is_private = body, is_private
        note.save(update_fields=["body", "is_private", "updated_at"])
        NoteRevision.objects.create(note=note, body=body, is_private=is_private)
    return note
