"""The audited document as TEI: valid against tei_all, and read back as the same citations."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace.audit import audit_path, audit_text
from citetrace.cli import main
from citetrace.render.tei import render_tei

from .conftest import ROOT, SEED


@pytest.fixture(scope="module")
def tei_all():
    from lxml import etree

    schema = etree.parse(str(ROOT / "tests" / "data" / "tei_all.rng"))
    return etree.RelaxNG(schema)  # about five seconds, once


def _valid(schema, xml: str) -> None:
    from lxml import etree

    document = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(document), [str(e) for e in list(schema.error_log)[:3]]


def _key(report) -> list[tuple]:
    return [(c.source, c.date, c.locator, c.reference) for c in report.citations]


@pytest.mark.parametrize("apply", ["none", "safe", "all"])
def test_the_paper_as_tei_is_valid_and_reads_back(
    apply: str, tei_all, seed_report, tmp_path: Path
) -> None:
    xml = render_tei([seed_report], apply)
    _valid(tei_all, xml)
    path = tmp_path / "paper.xml"
    path.write_text(xml, encoding="utf-8")
    back = audit_path(path)
    assert _key(back) == _key(seed_report)  # notes of findings are not read as text
    if apply == "none":
        assert [(f.rule, f.text) for f in back.findings] == [
            (f.rule, f.text) for f in seed_report.findings
        ]
        assert "<choice>" not in xml
    if apply == "all":
        assert "<choice><sic>Camobida</sic><corr" in xml
        assert not any(f.text == "Camobida" for f in back.findings)


def test_citations_claims_and_notes_are_marked(seed_report) -> None:
    xml = render_tei([seed_report])
    pike = next(c for c in seed_report.citations if c.source == "Pike")
    assert (
        f'<ref type="bibl" target="#{pike.reference}" xml:id="{pike.id}">(Pike, 1987: 208)</ref>'
        in xml
    )
    first = seed_report.citations[0]
    assert f'<seg type="claim" corresp="#{first.id}">{first.claim.text}</seg>' in xml
    upi = next(c for c in seed_report.citations if c.source == "UPI")  # no entry
    assert f'<bibl xml:id="{upi.id}">{upi.text}</bibl>' in xml
    assert '<note type="citetrace" subtype="missing-reference">' in xml
    assert xml.count('<bibl xml:id="R') == len(seed_report.references)


def test_markup_that_would_cross_is_left_out_and_text_is_escaped(tei_all) -> None:
    text = (
        "A claim with <angle> & \x0b odd marks (Pike, 1987) that goes on\n\n"
        "into a second paragraph (Lee, 2004).\n\n## References\n\n"
        "Pike, D. 1987. Vietnam.\n\nLee, K. 2004. Roots.\n"
    )
    report = audit_text(text, "odd.md")
    xml = render_tei([report], "all")
    _valid(tei_all, xml)
    assert "&lt;angle&gt; &amp;" in xml and "\x0b" not in xml


def test_several_documents_make_a_corpus_and_the_command_writes_it(tei_all, tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    for name in ("a.txt", "b.txt"):
        (papers / name).write_bytes(SEED.read_bytes())
    out = tmp_path / "both.xml"
    args = ["export", str(papers), "--format", "tei", "--apply", "safe"]
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    xml = out.read_text(encoding="utf-8")
    assert xml.count("<TEI>") == 2 and "<teiCorpus" in xml
    _valid(tei_all, xml)
    again = tmp_path / "again.xml"
    CliRunner().invoke(main, [*args, "-o", str(again)])
    assert again.read_bytes() == out.read_bytes()  # deterministic
    assert len(audit_path(out).citations) == 70


@pytest.fixture(scope="module")
def jats_dtd():
    from lxml import etree

    return etree.DTD(str(ROOT / "tests" / "data" / "jats-1.3" / "JATS-journalpublishing1-3.dtd"))


@pytest.mark.parametrize("apply", ["none", "all"])
def test_the_paper_as_jats_is_valid_and_reads_back(
    apply: str, jats_dtd, seed_report, tmp_path: Path
) -> None:
    from lxml import etree

    from citetrace.render.jats import render_jats

    xml = render_jats(seed_report, apply)
    document = etree.fromstring(xml.encode("utf-8"))
    assert jats_dtd.validate(document), [str(e) for e in list(jats_dtd.error_log)[:3]]
    path = tmp_path / "paper.xml"
    path.write_text(xml, encoding="utf-8")
    back = audit_path(path)
    assert [(c.source, c.date, c.locator) for c in back.citations] == [
        (c.source, c.date, c.locator) for c in seed_report.citations
    ]
    assert not [f for f in back.findings if f.rule in ("dangling-link", "link-disagrees")]
    linked = sum(c.reference is not None for c in seed_report.citations)
    assert xml.count('<xref ref-type="bibr"') == linked
    assert ("Camobida" in xml) == (apply == "none")


def test_jats_export_takes_one_document(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--format", "jats"])
    assert result.exit_code == 2 and "JATS holds one article" in result.stderr
