"""Exports for reference managers: CSL-JSON, BibTeX and RIS of the parsed reference list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace import audit_text
from citetrace.cli import main
from citetrace.inputs.bibliography import read_bibliography
from citetrace.linking.entry_fields import entry_fields
from citetrace.model import Reference
from citetrace.render.export import to_bibtex, to_csl_json, to_ris

from .conftest import SEED


def _ref(text: str, year: str = "1990", periodical: bool = False) -> Reference:
    return Reference("R1", text, "Smith", ("Smith",), year, 0, len(text), periodical)


@pytest.mark.parametrize(
    ("text", "title", "container", "pages", "doi"),
    [
        ("Smith, J., & Jones, K. (1990). Roots of power. Journal of Things, 3(2), 1–9. "
         "https://doi.org/10.1000/abc.1", "Roots of power", "Journal of Things", "1–9",
         "10.1000/abc.1"),
        ("Smith J, Jones K. 1990. Roots grow. Cell 3:11-19.", "Roots grow", "Cell", "11–19", ""),
        ('Smith, A. 1990 "A quoted title, with a comma", Some Review, No. 3.',
         "A quoted title, with a comma", "Some Review", "", ""),
    ],
)  # fmt: skip
def test_entry_fields_of_common_styles(
    text: str, title: str, container: str, pages: str, doi: str
) -> None:
    fields = entry_fields(_ref(text))
    assert (fields.title, fields.container, fields.pages, fields.doi) == (
        title, container, pages, doi
    )  # fmt: skip


def test_a_book_gives_its_place_and_publisher() -> None:
    fields = entry_fields(_ref("Smith, John. 1990. The Book of Roots. New York: Norton."))
    assert (fields.title, fields.place, fields.publisher) == (
        "The Book of Roots",
        "New York",
        "Norton",
    )


@pytest.fixture(scope="module")
def report():
    return audit_text(SEED.read_text("utf-8"), "paper.txt")


def test_csl_json_formats_in_a_stock_style(report) -> None:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = json.loads(to_csl_json([report]))
    assert [i["id"] for i in items][:3] == ["akino1986", "medvedyev1988", "pike1987"]
    pike = items[2]
    assert pike["author"] == [{"family": "Pike"}] and pike["issued"] == {"date-parts": [[1987]]}
    assert pike["note"] == "cited 1 time in paper.txt (208)"
    pravda = next(i for i in items if i["id"] == "pravda")
    cited = sum(c.source == "Pravda" for c in report.citations)
    assert pravda["type"] == "periodical" and f"cited {cited} times" in pravda["note"]
    assert pravda["note"].endswith("more)")  # the first five dates, then how many more
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    printed = [str(entry) for entry in bibliography.bibliography()]
    assert len(printed) == len(items)
    assert any(p.startswith("Pike (1987) Vietnam and the Soviet Union") for p in printed)


def test_bibtex_and_ris_read_back_as_the_same_entries(report, tmp_path: Path) -> None:
    bib, ris = tmp_path / "out.bib", tmp_path / "out.ris"
    bib.write_text(to_bibtex([report]), encoding="utf-8")
    ris.write_text(to_ris([report]), encoding="utf-8")
    expected = [(tuple(r.authors) if not r.periodical else (), r.year) for r in report.references]
    for path in (bib, ris):
        entries = read_bibliography(str(path))
        assert [(e.authors, e.year) for e in entries] == expected
    titles = [e.title for e in read_bibliography(str(bib))]
    assert titles[1] == "Socialistika spolupráce: nová etapa"


def test_bibtex_escapes_what_tex_reads_and_gets_it_back(tmp_path: Path) -> None:
    entry = "Smith, J. 1990. Profit & loss {at} 50% #1_a. Cell.\n"
    text = "Claim (Smith, 1990).\n\n## References\n\n" + entry
    report = audit_text(text, "p.md")
    path = tmp_path / "out.bib"
    path.write_text(to_bibtex([report]), encoding="utf-8")
    (entry,) = read_bibliography(str(path))
    assert entry.title == "Profit & loss {at} 50% #1_a"


def test_export_is_deterministic_and_written_atomically(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_bytes(SEED.read_bytes())
    out = tmp_path / "refs.json"
    written = []
    for _ in range(2):
        result = CliRunner().invoke(main, ["export", str(paper), "-o", str(out)])
        assert result.exit_code == 0
        written.append(out.read_bytes())
    assert written[0] == written[1] and json.loads(written[0])
    refused = CliRunner().invoke(main, ["export", str(paper), "-o", str(paper)])
    assert refused.exit_code == 2 and "refusing to overwrite an input" in refused.stderr
    assert paper.read_bytes() == SEED.read_bytes()


def test_bibtex_escaping_is_one_pass_and_complete() -> None:
    from citetrace.render.export import _escaped

    assert _escaped(r"a\b") == r"a\textbackslash{}b"
    assert _escaped("x~y^z") == r"x\textasciitilde{}y\textasciicircum{}z"
    assert _escaped("{50%}") == r"\{50\%\}"
