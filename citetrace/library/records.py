"""The records of the source library, whichever store holds it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class LibraryError(Exception):
    """A library that cannot be used; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class LibraryDocument:
    """One document of the library (its pages are read separately)."""

    id: int
    path: str
    source: str
    date: str | None
    title: str
    key: str
    doi: str
    characters: int
    first_page: int = 1  # the printed number of its first page

    def printed_page(self, page: int) -> int:
        """The printed number of the ``page``-th page (1-based)."""
        return self.first_page + page - 1


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document to add: its metadata, and its text a page at a time."""

    path: str
    sha256: str
    source: str
    date: str | None
    pages: Sequence[str]
    title: str = ""
    key: str = ""
    doi: str = ""
    first_page: int = 1
