"""Readers of other formats: the bundled paper read from JATS, TEI, hOCR, ALTO, HTML
and DOCX gives the citations the plain text gives, and each finding points back
into the original file."""

from __future__ import annotations

import io
import itertools
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from citetrace.audit import audit_source, audit_text
from citetrace.cli import main
from citetrace.inputs.formats import format_of, parse_source
from citetrace.inputs.load import InputError

from . import formats_build as build
from .conftest import ROOT, SEED

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
PIKE = {"id": "pike", "author": [{"family": "Pike", "given": "D."}],
        "issued": {"date-parts": [[1987]]}, "title": "Vietnam and the Soviet Union"}  # fmt: skip


@pytest.fixture(scope="module")
def paper(seed_text: str) -> build.Paper:
    return build.split_paper(seed_text)


def _key(report) -> list[tuple]:
    return [(c.source, c.date, c.date_precision, c.locator) for c in report.citations]


BUILDERS = {
    "paper.xml": lambda p: build.jats(p),
    "paper.tei": lambda p: build.tei(p, corrections={"Shevardnaze": "Shevardnadze"}),
    "paper.hocr": lambda p: build.hocr(p, frozenset({"thrid"})),
    "paper.alto.xml": lambda p: build.alto(p, frozenset({"thrid"}), hyphenate="Socialist"),
    "paper.html": lambda p: build.html(p),
    "paper.docx": lambda p: build.docx(p, {"(Pike, 1987: 208)": [PIKE]}),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_the_paper_read_from_each_format_gives_the_same_citations(
    name: str, paper: build.Paper, seed_report
) -> None:
    source = parse_source(BUILDERS[name](paper), name)
    report = audit_source(source, name)
    assert len(report.citations) == 35
    assert _key(report) == _key(seed_report)
    assert [r.key for r in report.references] == [r.key for r in seed_report.references]
    assert [c.reference for c in report.citations] == [c.reference for c in seed_report.citations]
    assert all(c.origin for c in report.citations)  # each placed in the original


def test_format_is_chosen_by_extension_and_content(paper: build.Paper) -> None:
    assert format_of("a.xml", build.jats(paper)) == "jats"
    assert format_of("a.xml", build.tei(paper)) == "tei"
    assert format_of("a.xml", build.alto(paper)) == "alto"
    assert format_of("a.html", build.hocr(paper)) == "hocr"
    assert format_of("a.html", build.html(paper)) == "html"
    assert format_of("a.bin", build.docx(paper)) == "docx"
    assert format_of("a.txt", b"(Pike, 1987)") == "text"
    assert format_of("a.txt", build.jats(paper), "jats") == "jats"
    with pytest.raises(InputError, match="XML of a kind"):
        format_of("pom.xml", b"<project><modelVersion/></project>")


# --- JATS -------------------------------------------------------------------------


def _line_col(data: bytes, needle: str, nth: int = 0) -> tuple[int, int]:
    text = data.decode()
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def test_jats_citations_point_at_their_line_and_column_in_the_xml(paper: build.Paper) -> None:
    data = build.jats(paper)
    report = audit_source(parse_source(data, "a.xml"), "a.xml")
    pike = next(c for c in report.citations if c.source == "Pike")
    assert (pike.origin["line"], pike.origin["column"]) == _line_col(data, "(Pike, 1987: 208)")
    assert pike.origin["end_column"] - pike.origin["column"] == len("(Pike, 1987: 208)")
    assert pike.origin["xpath"].startswith("/article[1]/body[1]/p[")


def _article(body: str, refs: str) -> bytes:
    return (
        '<?xml version="1.0"?>\n<article xmlns:hwp="urn:hwp"><body>\n'
        f"{body}\n</body><back><ref-list>\n{refs}\n</ref-list></back></article>"
    ).encode()


REFS = (
    '<ref id="b1" hwp:id="ref-1"><element-citation><person-group person-group-type="author">'
    "<name><surname>Lee</surname><given-names>J</given-names></name>"
    "<name><surname>Park</surname><given-names>S</given-names></name></person-group>"
    "<year>2004</year><article-title>Roots</article-title><source>Cell</source>"
    "</element-citation></ref>\n"
    '<ref id="b2"><mixed-citation><string-name><surname>Ortiz</surname> '
    "<given-names>M</given-names></string-name>. <year>2001</year>. A study. "
    "<source>Nature</source>.</mixed-citation></ref>"
)


def _audit_xml(body: str, refs: str = REFS):
    data = _article(body, refs)
    return audit_source(parse_source(data, "a.xml"), "a.xml")


def test_jats_links_that_agree_are_followed_and_report_nothing() -> None:
    report = _audit_xml(
        '<p>Roots grow (<xref ref-type="bibr" rid="b1">Lee and Park, 2004</xref>; '
        '<xref ref-type="bibr" rid="b2">Ortiz, 2001</xref>).</p>'
    )
    assert [c.reference for c in report.citations] == ["R1", "R2"]
    assert next(r.authors for r in report.references)[:2] == ("Lee", "Park")
    assert not [f for f in report.findings if f.rule in ("dangling-link", "link-disagrees")]
    assert not [f for f in report.findings if f.rule == "uncited-reference"]


def test_jats_link_to_an_entry_of_another_year_or_author_is_reported() -> None:
    report = _audit_xml(
        '<p>Roots grow (<xref ref-type="bibr" rid="b1">Lee and Park, 2005</xref>) and '
        'shoots (<xref ref-type="bibr" rid="b1">Ortiz, 2004</xref>).</p>'
    )
    found = [f for f in report.findings if f.rule == "link-disagrees"]
    assert len(found) == 2
    assert "cited for 2005" in found[0].message and "is 2004" in found[0].message
    assert "names none of the authors" in found[1].message and found[1].text == "Ortiz, 2004"


def test_jats_link_to_a_missing_entry_is_reported_and_a_namespaced_id_is_not_the_id() -> None:
    report = _audit_xml(
        '<p>Roots (<xref ref-type="bibr" rid="b9">Lee and Park, 2004</xref>) and '
        '(<xref ref-type="bibr" rid="b1">Lee and Park, 2004</xref>; Ortiz, 2001).</p>'
    )
    dangling = [f for f in report.findings if f.rule == "dangling-link"]
    assert len(dangling) == 1 and "'b9'" in dangling[0].message
    # ``hwp:id="ref-1"`` on the first entry did not replace its id ``b1``
    assert not [f for f in report.findings if f.rule == "link-disagrees"]


def test_jats_an_entry_the_markup_cites_is_not_uncited_even_if_the_text_is_odd() -> None:
    report = _audit_xml(
        '<p>As shown before<xref ref-type="bibr" rid="b1">1</xref>, roots grow '
        '(<xref ref-type="bibr" rid="b2">Ortiz, 2001</xref>).</p>'
    )
    assert not [f for f in report.findings if f.rule == "uncited-reference"]


def test_jats_notes_and_captions_are_kept_tables_are_not() -> None:
    source = parse_source(
        _article(
            "<p>Main text (Ortiz, 2001).</p><fig><caption><p>Roots (Lee and Park, 2004)."
            "</p></caption></fig><table-wrap><table><tr><td>cell 2004</td></tr></table>"
            '</table-wrap><p>Text<fn id="f1"><p>A note (Ortiz, 2001).</p></fn>.</p>',
            REFS,
        ),
        "a.xml",
    )
    text = source.text
    assert "cell" not in text
    assert text.index("Roots (Lee") < text.index("\n\nNotes\n\n") < text.index("A note")
    assert text.index("A note") < text.index("\n\nReferences\n\n")
    assert [e.id for e in source.markup.entries] == ["b1", "b2"]


# --- TEI --------------------------------------------------------------------------


def test_tei_audits_the_correction_and_never_flags_it(paper: build.Paper) -> None:
    data = build.tei(paper, corrections={"Shevardnaze": "Shevardnadze"})
    source = parse_source(data, "ed.xml")
    start, end = source.markup.corrected[0]
    assert source.text[start:end] == "Shevardnadze"  # the editor's reading, not the sic
    report = audit_source(source, "ed.xml")
    assert not [f for f in report.findings if f.start < end and f.end > start]


def test_tei_pages_notes_and_bibliography(paper: build.Paper, seed_text: str) -> None:
    data = build.tei(paper, per_page=6)
    source = parse_source(data, "ed.xml")
    report = audit_source(source, "ed.xml")
    pages = [c.origin["page"] for c in report.citations]
    assert pages == sorted(pages, key=int) and len(set(pages)) > 3
    assert source.text.index("Tsukuba University") > source.text.index("\n\nNotes\n\n")
    assert [e.id for e in source.markup.entries] == [f"r{n}" for n in range(1, 10)]
    first = report.citations[0]
    assert (first.origin["line"], first.origin["column"]) == _line_col(data, first.text)


def test_tei_ref_and_inline_bibl_are_marked_citations() -> None:
    data = (
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>As Lee says '
        b'(<ref target="#lee">Lee, 2004</ref>) and <bibl>Ortiz, 2001</bibl> too.</p></body>'
        b'<back><listBibl><bibl xml:id="lee"><author><surname>Lee</surname></author>, '
        b'<date when="2004">2004</date>. Roots.</bibl></listBibl></back></text></TEI>'
    )
    source = parse_source(data, "t.xml")
    assert [(source.text[m.start : m.end], m.targets) for m in source.markup.citations] == [
        ("Lee, 2004", ("lee",)),
        ("Ortiz, 2001", ()),
    ]
    assert source.markup.entries[0].surnames == ("Lee",)
    report = audit_source(source, "t.xml")
    assert not [f for f in report.findings if f.rule in ("dangling-link", "link-disagrees")]


# --- hOCR and ALTO ----------------------------------------------------------------


def test_hocr_findings_name_page_and_line_and_use_the_engine_confidence(
    paper: build.Paper,
) -> None:
    data = build.hocr(paper, frozenset({"thrid"}))
    report = audit_source(parse_source(data, "p.hocr"), "p.hocr")
    assert report.ocr is not None and report.ocr.reason.startswith("read from OCR output")
    thrid = next(f for f in report.findings if f.text == "thrid")
    assert "engine was 41% sure" in thrid.message
    page, line = thrid.origin["page"], thrid.origin["line"]
    printed = build.pages(paper)[page - 1][line - 1][1]
    assert "thrid" in printed


def _hocr_page(lines: list[list[str]], number: int = 0) -> str:
    words = "".join(
        '<span class="ocr_line">'
        + "".join(f'<span class="ocrx_word" title="x_wconf 95">{w}</span>' for w in line)
        + "</span>"
        for line in lines
    )
    return f'<div class="ocr_page" title="ppageno {number}"><p class="ocr_par">{words}</p></div>'


def _hocr(*pages: str) -> bytes:
    return (
        f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{"".join(pages)}</body></html>'.encode()
    )


def test_hocr_joins_words_broken_across_lines_and_paragraphs_across_pages() -> None:
    data = _hocr(
        _hocr_page(
            [
                ["The", "recog-"],
                ["nition", "of", "the", "Soviet-"],
                ["Vietnam", "pact"],
                ["was", "noted", "(Pravda,", "1987."],
            ]
        ),
        _hocr_page([["7.", "10)", "by", "all."], ["A", "new", "para"]], 1),
    )
    source = parse_source(data, "p.hocr")
    assert source.text.startswith("The recognition of the Soviet-Vietnam pact was noted")
    assert "(Pravda, 1987. 7. 10) by all." in source.text
    report = audit_source(source, "p.hocr")
    assert report.citations[0].date == "1987-07-10"
    assert report.citations[0].origin == {"page": 1, "line": 4}
    assert source.origins.at(source.text.index("recog")) == {"page": 1, "line": 1}
    assert source.origins.at(source.text.index("nition")) == {"page": 1, "line": 2}
    assert source.origins.at(source.text.index("Vietnam")) == {"page": 1, "line": 3}


def test_alto_pages_hyphenation_and_confidence(paper: build.Paper) -> None:
    data = build.alto(paper, frozenset({"Kremlin"}), hyphenate="Socialist")
    source = parse_source(data, "p.xml")
    assert "Social-" not in source.text and "Socia list" not in source.text
    unsure = {source.text[w.start : w.end] for w in source.markup.unsure}
    assert unsure == {"Kremlin"}
    plain = build.alto(paper)  # each printed line one TextLine
    report = audit_source(parse_source(plain, "p.xml"), "p.xml")
    assert len({c.origin["page"] for c in report.citations}) >= 3
    for c in report.citations[:5]:
        printed = build.pages(paper)[c.origin["page"] - 1][c.origin["line"] - 1][1]
        assert c.text.split()[0] in printed


# --- HTML and DOCX ----------------------------------------------------------------


def test_html_reads_the_main_text_only(paper: build.Paper) -> None:
    data = build.html(paper)
    source = parse_source(data, "p.html")
    assert "Home" not in source.text and "Publisher" not in source.text
    assert source.text.startswith("# Soviet New Policy")
    report = audit_source(source, "p.html")
    assert len(report.citations) == 35  # not the footer's "(Publisher, 2024)"
    first = report.citations[0]
    assert (first.origin["line"], first.origin["column"]) == _line_col(data, first.text)


def test_html_entities_keep_columns_exact() -> None:
    data = b"<html><body><p>Caf&eacute; &amp; bar (Lee, 2004) here.</p></body></html>"
    source = parse_source(data, "x.html")
    at = source.text.index("(Lee")
    assert source.origins.at(at, source.text)["column"] == data.decode().index("(Lee") + 1


def test_docx_paragraphs_footnotes_and_a_zotero_field(paper: build.Paper) -> None:
    data = build.docx(paper, {"(Pike, 1987: 208)": [PIKE]})
    source = parse_source(data, "p.docx")
    field = source.markup.citations[0]
    assert source.text[field.start : field.end] == "(Pike, 1987: 208)"
    assert field.items[0].surnames == ("Pike",) and field.items[0].year == "1987"
    notes, refs = source.text.index("\n\nNotes\n\n"), source.text.index("\n\nReferences\n\n")
    assert notes < source.text.index("Tsukuba") < refs  # notes before the reference list
    report = audit_source(source, "p.docx")
    pike = next(c for c in report.citations if c.source == "Pike")
    assert pike.reference == "R3" and pike.origin == {"paragraph": 25}
    note = source.origins.at(source.text.index("Tsukuba"))
    assert note == {"note": "1"}


def test_a_zotero_field_links_a_citation_the_text_alone_cannot(paper: build.Paper) -> None:
    item = dict(PIKE, author=[{"family": "Pike"}], id="x")
    data = build.docx(paper, {"(Pike, 1987: 208)": [item]})
    report = audit_source(parse_source(data, "p.docx"), "p.docx")
    assert next(c for c in report.citations if c.source == "Pike").match == "exact"


# --- bad input --------------------------------------------------------------------

BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10) for n in range(1, 10))
    + b"]><article><body><p>&lol9;</p></body></article>"
)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bomb.xml", BOMB, "declares entity"),
        (
            "ext.xml",
            b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<article><body><p>&x;</p></body></article>",
            "declares entity",
        ),
        ("bad.xml", b"<article><body><p>open</body></article>", "not well-formed XML at line 1"),
        ("bad.docx", b"PK\x03\x04 not really a zip", "not a DOCX file"),
        ("empty.xml", b"<article><body/></article>", "no text to audit"),
        ("deep.xml", b"<article><body>" + b"<sec>" * 100_000, "more than 400 deep"),
    ],
)
def test_bad_files_give_one_clear_line(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        parse_source(data, name)
    assert "\n" not in str(caught.value)


def test_cli_reports_a_bad_file_and_audits_the_others(tmp_path: Path, paper: build.Paper) -> None:
    (tmp_path / "good.xml").write_bytes(build.jats(paper))
    (tmp_path / "bomb.xml").write_bytes(BOMB)
    (tmp_path / "pom.xml").write_bytes(b"<project/>")  # walked past: not a document
    (tmp_path / "page.html").write_bytes(build.html(paper))  # HTML only when named
    result = CliRunner().invoke(main, ["audit", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [Path(d["path"]).name for d in data["documents"]] == ["good.xml"]
    assert data["documents"][0]["format"] == "jats"
    assert [Path(e["path"]).name for e in data["errors"]] == ["bomb.xml"]
    assert "Traceback" not in result.stderr


def test_input_format_forces_a_reader(tmp_path: Path, paper: build.Paper) -> None:
    path = tmp_path / "paper.data"
    path.write_bytes(build.jats(paper))
    result = CliRunner().invoke(
        main, ["audit", str(path), "--format", "json", "--input-format", "jats"]
    )
    assert json.loads(result.stdout)["documents"][0]["format"] == "jats"


def test_fix_refuses_a_structured_file(tmp_path: Path, paper: build.Paper) -> None:
    path = tmp_path / "paper.xml"
    path.write_bytes(build.jats(paper))
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["fix", str(path), "--write", "--unsafe-fixes"])
    assert result.exit_code == 2 and "plain-text documents only" in result.stderr
    assert path.read_bytes() == before


# --- outputs ----------------------------------------------------------------------


def test_sarif_points_into_the_xml_and_names_the_page_of_ocr_output(
    tmp_path: Path, paper: build.Paper
) -> None:
    (tmp_path / "a.xml").write_bytes(build.jats(paper, {"(Medvedyev, 1988)": "r1"}))
    (tmp_path / "b.hocr").write_bytes(build.hocr(paper))
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "sarif"])
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, SCHEMA)
    results = sarif["runs"][0]["results"]
    xml = next(r for r in results if r["ruleId"] == "CT702")
    region = xml["locations"][0]["physicalLocation"]["region"]
    line, column = _line_col(
        build.jats(paper, {"(Medvedyev, 1988)": "r1"}), "(Medvedyev, 1988)</xref>"
    )
    assert (region["startLine"], region["startColumn"]) == (line, column)
    assert "charOffset" not in region  # offsets of the audited text are not the file's
    ocr = next(
        r
        for r in results
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("b.hocr")
    )
    assert "region" not in ocr["locations"][0]["physicalLocation"]
    assert ocr["locations"][0]["logicalLocations"][0]["name"].startswith("p. ")
    assert "fixes" not in ocr


def test_text_and_markdown_name_the_original_place(tmp_path: Path, paper: build.Paper) -> None:
    (tmp_path / "b.hocr").write_bytes(build.hocr(paper))
    text = CliRunner().invoke(main, ["check", str(tmp_path / "b.hocr"), "--no-color"]).stdout
    assert "b.hocr (p. 1, l. " in text
    md = (
        CliRunner().invoke(main, ["check", str(tmp_path / "b.hocr"), "--format", "markdown"]).stdout
    )
    assert "b.hocr (p. 1, l. " in md


def test_plain_text_reports_carry_no_origin(seed_text: str) -> None:
    data = audit_text(seed_text).to_json()
    assert "format" not in data
    assert all("origin" not in c for c in data["citations"])


# --- PDF --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def paper_pdf(paper: build.Paper) -> tuple[bytes, list[build.PrintedLine]]:
    return build.pdf(paper)


def test_pdf_in_two_columns_gives_the_papers_citations_on_their_page_and_line(
    paper_pdf, seed_report
) -> None:
    data, printed = paper_pdf
    source = parse_source(data, "paper.pdf")
    report = audit_source(source, "paper.pdf")
    assert _key(report) == _key(seed_report)
    assert [c.reference for c in report.citations] == [c.reference for c in seed_report.citations]
    for c in report.citations:
        on_page = [ln.text for ln in printed if ln.page == c.origin["page"]]
        assert c.text.split()[0].rstrip(",") in on_page[c.origin["line"] - 1]


def test_pdf_drops_running_heads_and_page_numbers_and_mends_the_setting(paper_pdf) -> None:
    data, printed = paper_pdf
    text = parse_source(data, "paper.pdf").text
    assert "Soviet New Policy toward Asia\n" not in text and text.count("Soviet New Policy") == 1
    assert not any(line.strip().isdigit() for line in text.splitlines())
    original = " ".join(t for _, t in build.split_paper(SEED.read_text("utf-8")).blocks)
    joined = [
        a.text.rsplit(" ", 1)[-1][:-1] + b.text.split(" ", 1)[0].rstrip(".,;:)")
        for a, b in itertools.pairwise(printed)
        if a.text.endswith("-") and a.text.rsplit(" ", 1)[-1][:-1].isalpha()
    ]
    hyphenated = [w for w in joined if w.isalpha() and f" {w}" in original]
    assert len(hyphenated) > 50 and all(w in text for w in hyphenated)
    assert "East-West" in text  # a hyphen that was there before the line broke stays
    assert "\ufb01" not in text and "significant" in text  # set with the fi ligature
    notes, refs = text.index("\n\nNotes\n\n"), text.index("\n\nReferences\n\n")
    assert notes < text.index("* Tsukuba University") < refs  # the footnote, apart


def test_pdf_without_a_text_layer_or_damaged_or_locked_gives_one_line(tmp_path: Path) -> None:
    import io

    from reportlab.pdfgen import canvas

    image_only = io.BytesIO()
    page = canvas.Canvas(image_only)
    page.rect(100, 100, 200, 200, fill=1)
    page.save()
    locked = io.BytesIO()
    page = canvas.Canvas(locked, encrypt="secret")
    page.drawString(100, 700, "Hidden (Lee, 2004).")
    page.save()
    cases = {
        image_only.getvalue(): "without a text layer",
        locked.getvalue(): "password",
        b"%PDF-1.4\n garbage": "not a readable PDF",
    }
    for data, reason in cases.items():
        with pytest.raises(InputError, match=reason) as caught:
            parse_source(data, "x.pdf")
        assert "\n" not in str(caught.value)


def test_github_annotations_point_into_the_xml_and_name_a_page(
    tmp_path: Path, paper: build.Paper
) -> None:
    data = build.jats(paper, {"(Medvedyev, 1988)": "r1"})
    (tmp_path / "a.xml").write_bytes(data)
    (tmp_path / "b.hocr").write_bytes(build.hocr(paper))
    out = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "github"]).stdout
    line, column = _line_col(data, "(Medvedyev, 1988)</xref>")
    assert f"a.xml,line={line},col={column},title=CT702" in out
    hocr = [ln for ln in out.splitlines() if "b.hocr" in ln]
    assert hocr and all("line=" not in ln and "[p. " in ln for ln in hocr)


def test_citations_the_editors_marked_are_taken_even_outside_parentheses() -> None:
    data = (
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>As <bibl>Ortiz 2001</bibl> '
        b'showed, and <ref target="#lee">Lee 2004</ref> too, but not Kim 1999 unmarked.</p>'
        b'</body><back><listBibl><bibl xml:id="lee">Lee, J. 2004. Roots.</bibl>'
        b'<bibl xml:id="ortiz">Ortiz, M. 2001. A study.</bibl></listBibl></back></text></TEI>'
    )
    report = audit_source(parse_source(data, "t.xml"), "t.xml")
    assert [(c.text, c.source, c.reference) for c in report.citations] == [
        ("Ortiz 2001", "Ortiz", "R2"),
        ("Lee 2004", "Lee", "R1"),
    ]
    assert not report.findings


def test_an_entry_cited_only_in_a_table_is_not_uncited() -> None:
    report = _audit_xml(
        '<p>Roots grow (<xref ref-type="bibr" rid="b2">Ortiz, 2001</xref>).</p>'
        '<table-wrap><table><tr><td><xref ref-type="bibr" rid="b1">Lee and Park, 2004</xref>'
        "</td></tr></table></table-wrap>"
    )
    assert not [f for f in report.findings if f.rule == "uncited-reference"]
    alone = _audit_xml('<p>Roots grow (<xref ref-type="bibr" rid="b2">Ortiz, 2001</xref>).</p>')
    assert [f.text[:4] for f in alone.findings if f.rule == "uncited-reference"] == ["Lee "]


# --- odd and hostile files (each once a crash, a loss of text or a wrong place) ----


def test_text_a_reader_composes_has_a_place_or_none_never_half_of_one() -> None:
    report = _audit_xml(
        '<p>As shown by <xref ref-type="bibr" rid="b9">Smith <etal/></xref> in 2004.</p>'
    )
    for f in report.findings:
        assert f.origin is None or "column" not in f.origin or "line" in f.origin
    entry = next(f for f in report.findings if f.rule == "uncited-reference")
    assert entry.origin["xpath"].endswith("element-citation[1]") and entry.origin["line"] == 5


@pytest.mark.parametrize(
    "item",
    [None, {"author": 5}, {"issued": [2004]}, {"issued": "2004"},
     {"issued": {"date-parts": 2004}}, {"issued": {"date-parts": [2004]}},
     {"author": [{"family": ["Smith"]}]}, {"author": [{"literal": 3}]}, {"title": 5}],
)  # fmt: skip
def test_a_reference_manager_field_with_odd_data_is_passed_over(
    item: dict | None, paper: build.Paper
) -> None:
    items = None if item is None else [dict({"id": "x"}, **item)]  # None: "citationItems": null
    data = build.docx(paper, {"(Pike, 1987: 208)": items})
    report = audit_source(parse_source(data, "p.docx"), "p.docx")
    assert len(report.citations) == 35


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("p.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages"
         b"/Kids[3 0 R]/Count 1>>endobj\n3 0 obj 42 endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
         "page 1 cannot be read"),
        ("a.xml", b'<?xml version="1.0" encoding="bogus"?><article/>', "encoding"),
        ("a.xml", b'<?xml version="1.0" encoding="utf-32"?><article/>', "encoding"),
        ("many.xml", b"<article><body>" + b"<p/>" * 1_001, "1,000 elements"),
    ],
)  # fmt: skip
def test_more_bad_files_give_one_clear_line(
    name: str, data: bytes, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citetrace.inputs.formats import xmltree

    monkeypatch.setattr(xmltree, "MOST_ELEMENTS", 1_000)  # the cap, made small to test quickly
    with pytest.raises(InputError, match=reason):
        parse_source(data, name)


def test_page_numbers_in_odd_digits_do_not_stop_the_reading() -> None:
    tei = (
        '<TEI><text><body><pb n="²"/><p>Text (Lee, 2004).</p><pb/><p>More.</p></body></text></TEI>'
    )
    assert "More." in parse_source(tei.encode(), "t.xml").text
    alto = '<alto><Layout><Page PHYSICAL_IMG_NR="²"><TextBlock><TextLine><String CONTENT="Word"/>'
    alto += "</TextLine></TextBlock></Page></Layout></alto>"
    assert parse_source(alto.encode(), "a.xml").text == "Word\n"


@pytest.mark.parametrize(
    "body",
    [
        "<p>First Smith (2004).</p></div></div></div><p>Second Jones (2005).</p>",
        "<p>First.</p><figure><picture><source srcset='a'><img src='a'></picture></figure>"
        "<p>Second Jones (2005).</p>",
        "<p>First.</p><aside><embed src='x'></aside><p>Second Jones (2005).</p>",
        "<nav><ul><li><a href='/'>Home</a><div class='x'></nav><p>Second Jones (2005).</p>",
        "<p>First.</p><textarea><p>x</textarea><p>Second Jones (2005).</p>",
    ],
)
def test_html_tag_soup_costs_at_most_the_element_it_belongs_to(body: str) -> None:
    text = parse_source(f"<html><body>{body}</body></html>".encode(), "p.html").text
    assert "Second Jones (2005)." in text and "Home" not in text and "x\n" not in text


def test_html_reads_only_the_first_article_and_passes_over_a_wrong_charset() -> None:
    page = (
        b"<html><head><meta charset='utf-16'></head><body><article><p>One (Lee, 2004).</p>"
        b"</article><article><p>Two.</p></article></body></html>"
    )
    assert parse_source(page, "p.html").text == "One (Lee, 2004).\n"


def test_docx_text_boxes_once_and_tracked_changes_as_accepted() -> None:
    w = 'xmlns:w="urn:w" xmlns:mc="urn:mc"'
    box = "<w:txbxContent><w:p><w:r><w:t>Box Smith (2004).</w:t></w:r></w:p></w:txbxContent>"
    document = (
        f"<w:document {w}><w:body><w:p><w:r><w:t>Before.</w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice>{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback></mc:AlternateContent>"
        "</w:r><w:r><w:t> After.</w:t></w:r></w:p><w:p><w:r><w:t>Kept </w:t></w:r><w:del><w:r>"
        "<w:delText>gone </w:delText></w:r></w:del><w:moveFrom><w:r><w:t>moved </w:t></w:r>"
        "</w:moveFrom><w:moveTo><w:r><w:t>here</w:t></w:r></w:moveTo></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", document)
    text = parse_source(buffer.getvalue(), "x.docx").text
    assert text == "Before. After.\n\nBox Smith (2004).\n\nKept here\n"


def test_markdown_opening_with_a_comment_is_text_and_utf16_xml_is_sniffed(
    paper: build.Paper,
) -> None:
    note = b"<!-- citetrace: ignore CT102 -->\n# Notes\n\nWe use <article>, as Smith (2004) says.\n"
    for name in ("notes.markdown", "notes.text", "notes"):
        assert parse_source(note, name).format == "text"
    utf16 = build.jats(paper).decode().replace('"UTF-8"', '"UTF-16"').encode("utf-16")
    assert parse_source(utf16, "a.xml").format == "jats"


def test_a_tei_corpus_is_read_whole() -> None:
    corpus = (
        "<teiCorpus><teiHeader/><TEI><text><body><p>First (Lee, 2004).</p></body></text></TEI>"
        "<TEI><text><body><p>Second (Kim, 2005).</p></body></text></TEI></teiCorpus>"
    )
    assert (
        parse_source(corpus.encode(), "c.tei").text == "First (Lee, 2004).\n\nSecond (Kim, 2005).\n"
    )


def test_a_word_broken_over_a_page_turn_is_joined() -> None:
    data = _hocr(
        _hocr_page([["The", "broad", "con-"]]), _hocr_page([["clusion", "was", "drawn."]], 1)
    )
    assert parse_source(data, "p.hocr").text == "The broad conclusion was drawn.\n"


def test_a_page_foot_word_of_roman_letters_is_not_a_page_number() -> None:
    from citetrace.inputs.formats.pdf import _PAGE_NUMBER

    assert all(_PAGE_NUMBER.fullmatch(n) for n in ("12", "- 7 -", "iv", "XII", "xix"))
    assert not any(_PAGE_NUMBER.fullmatch(w) for w in ("vivid", "mid", "Mill", "civil", "I."))
