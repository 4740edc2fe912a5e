"""The article document: the output of ingest and the input of every engine (a contract, see issue #2)."""

from __future__ import annotations

from typing import TypedDict


class LanguageShare(TypedDict):
    code: str  # ISO 639-1
    share: float  # 0..1


class Country(TypedDict):
    code: str  # ISO 3166-1 alpha-2
    name: str  # English name


class Article(TypedDict):
    id: str
    title: str
    body: str
    language: str  # ISO 639-1 of the primary language
    languages: list[LanguageShare]
    published: str | None  # ISO date, YYYY-MM-DD
    year: int | None
    source: str | None
    url: str | None
    countries: list[Country]


FIELDS: tuple[str, ...] = tuple(Article.__annotations__)
