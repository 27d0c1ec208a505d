"""Date normalisation: fast paths, the dateparser fallback, impossible dates."""

from __future__ import annotations

import pytest

from citetrace.extraction.dates import parse_date


@pytest.mark.parametrize(
    ("raw", "iso", "precision", "layout"),
    [
        ("1987. 6. 9", "1987-06-09", "day", "{Y}. {M}. {D}"),
        ("1987, 8. 11", "1987-08-11", "day", "{Y}, {M}. {D}"),
        ("1987, 10, 16", "1987-10-16", "day", "{Y}, {M}, {D}"),
        ("1986-10-16", "1986-10-16", "day", "{Y}-{M}-{D}"),
        ("16.10.1986", "1986-10-16", "day", "{D}.{M}.{Y}"),
        ("10/16/1986", "1986-10-16", "day", "{M}/{D}/{Y}"),
        ("1987. 7", "1987-07", "month", "{Y}. {M}"),
        ("1987", "1987", "year", "{Y}"),
        ("2011b", "2011", "year", "{Y}"),
        ("16 October 1986", "1986-10-16", "day", "{D} {Month} {Y}"),
        ("October 16, 1986", "1986-10-16", "day", "{Month} {D}, {Y}"),
        ("Sept. 3, 1986", "1986-09-03", "day", "{Month} {D}, {Y}"),
        ("May 1987", "1987-05", "month", "{Month} {Y}"),
    ],
)
def test_fast_paths(raw: str, iso: str, precision: str, layout: str) -> None:
    parsed = parse_date(raw)
    assert (parsed.iso, parsed.precision, parsed.layout) == (iso, precision, layout)


@pytest.mark.parametrize(
    ("raw", "iso", "precision"),
    [
        ("16 октября 1986", "1986-10-16", "day"),
        ("16. října 1986", "1986-10-16", "day"),
        ("16. Oktober 1986", "1986-10-16", "day"),
        ("16 octobre 1986", "1986-10-16", "day"),
        ("octobre 1986", "1986-10", "month"),
    ],
)
def test_other_languages_through_dateparser(raw: str, iso: str, precision: str) -> None:
    parsed = parse_date(raw)
    assert (parsed.iso, parsed.precision) == (iso, precision)


@pytest.mark.parametrize("raw", ["1987. 2. 30", "1987. 13. 1", "1987-02-29", "30.02.1988"])
def test_impossible_dates_are_kept_not_changed(raw: str) -> None:
    parsed = parse_date(raw)
    assert parsed.iso is None and parsed.invalid and parsed.raw == raw


def test_leap_day_is_valid() -> None:
    assert parse_date("1988. 2. 29").iso == "1988-02-29"


@pytest.mark.parametrize("raw", ["p. 5", "50,000 troops", "0999", "10.30", "", "yesterday"])
def test_not_dates(raw: str) -> None:
    assert parse_date(raw) is None


@pytest.mark.parametrize("raw", ["LLC 2010", "Cat. 1128", "Motoo 1983", "Spring 1987"])
def test_dateparser_is_asked_only_about_a_month_name(raw: str, monkeypatch) -> None:
    import citetrace.extraction.dates as dates

    def asked(text: str) -> None:
        raise AssertionError(f"dateparser asked about {text!r}")

    monkeypatch.setattr(dates, "_fallback", asked)
    assert parse_date(raw) is None
    assert dates._names_a_month("16. října 1986") and dates._names_a_month("Okt. 1987")
