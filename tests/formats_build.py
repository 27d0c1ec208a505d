"""Build the bundled paper in other formats (JATS, TEI, hOCR, ALTO, HTML, DOCX) for reader tests.

Each builder takes the paper's Markdown text and returns the file's bytes;
the paper is split into headings, paragraphs and reference entries first.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass
class Paper:
    title: str
    blocks: list[tuple[str, str]]  # ("heading"|"para"|"note", text)
    references: list[str]


def split_paper(text: str) -> Paper:
    """The paper's title, body blocks (Markdown marks removed) and one line per entry."""
    cut = text.rindex("#### References")
    body, refs = text[:cut], text[cut:].split("\n\n")[1:]
    blocks: list[tuple[str, str]] = []
    title = ""
    for raw in body.split("\n\n"):
        block = " ".join(raw.split())
        if not block:
            continue
        if block.startswith("#"):
            heading = block.lstrip("#").strip()
            if not title:
                title = heading
                continue
            blocks.append(("heading", heading))
        elif block.startswith("<sup>"):
            blocks.append(("note", re.sub(r"<[^>]+>|\\", "", block)))
        else:
            blocks.append(("para", block.replace("\\*", "*").removeprefix("- ")))
    lines = [r.strip() for r in refs if r.strip()]
    entries, k = [], 0
    while k < len(lines):
        if k + 1 < len(lines) and lines[k + 1][:4].isdigit():
            entries.append(f"{lines[k]} {lines[k + 1]}")
            k += 2
        else:
            entries.append(lines[k])
            k += 1
    return Paper(title, blocks, entries)


def jats(paper: Paper, links: dict[str, str] | None = None) -> bytes:
    """A JATS article; ``links`` wraps the first occurrence of each key in an xref to its rid."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving DTD v1.2//EN"'
           ' "JATS-archivearticle1.dtd">',
           '<article xmlns:xlink="http://www.w3.org/1999/xlink">',
           "<front><article-meta><title-group>",
           f"<article-title>{escape(paper.title)}</article-title>",
           "</title-group></article-meta></front>", "<body>"]  # fmt: skip
    notes = []
    for kind, text in paper.blocks:
        body = escape(text)
        for cited, rid in (links or {}).items():
            body = body.replace(
                escape(cited), f'<xref ref-type="bibr" rid="{rid}">{escape(cited)}</xref>', 1
            )
        if kind == "heading":
            out.append(f"<sec><title>{body}</title></sec>")
        elif kind == "note":
            notes.append(body)
        else:
            out.append(f"<p>{body}</p>")
    out.append("</body><back>")
    if notes:
        out.append("<fn-group>" + "".join(f"<fn><p>{n}</p></fn>" for n in notes) + "</fn-group>")
    out.append("<ref-list>")
    for number, entry in enumerate(paper.references, 1):
        out.append(f'<ref id="r{number}"><mixed-citation>{escape(entry)}</mixed-citation></ref>')
    out.append("</ref-list></back></article>")
    return "\n".join(out).encode()


def tei(paper: Paper, per_page: int = 6, corrections: dict[str, str] | None = None) -> bytes:
    """A TEI edition: a page break every ``per_page`` blocks, notes, a listBibl; each
    ``sic`` → ``corr`` of ``corrections`` marked once as an editorial correction."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<TEI xmlns="http://www.tei-c.org/ns/1.0">',
           "<teiHeader><fileDesc><titleStmt><title>" + escape(paper.title) +
           "</title></titleStmt><publicationStmt><p>test</p></publicationStmt>"
           "<sourceDesc><p>test</p></sourceDesc></fileDesc></teiHeader>",
           "<text><body>", '<pb n="1"/>']  # fmt: skip
    page = 1
    for index, (kind, text) in enumerate(paper.blocks):
        if index and index % per_page == 0:
            page += 1
            out.append(f'<pb n="{page}"/>')
        body = escape(text)
        for sic, corr in (corrections or {}).items():
            choice = f"<choice><sic>{escape(sic)}</sic><corr>{escape(corr)}</corr></choice>"
            body = body.replace(escape(sic), choice, 1)
        if kind == "heading":
            out.append(f"<head>{body}</head>")
        elif kind == "note":
            out.append(f'<note place="foot">{body}</note>')
        else:
            out.append(f"<p>{body}</p>")
    out.append("</body><back><listBibl>")
    for number, entry in enumerate(paper.references, 1):
        out.append(f'<bibl xml:id="r{number}">{escape(entry)}</bibl>')
    out.append("</listBibl></back></text></TEI>")
    return "\n".join(out).encode()


def _lines(paper: Paper, width: int = 70) -> list[tuple[int, list[str]]]:
    """Paragraph number and words of each printed line (headings and paragraphs, then
    the reference list), at most ``width`` characters a line."""
    blocks = [t for k, t in paper.blocks if k != "note"] + ["References", *paper.references]
    lines = []
    for number, text in enumerate(blocks):
        words: list[str] = []
        for word in text.split():
            if words and len(" ".join([*words, word])) > width:
                lines.append((number, words))
                words = []
            words.append(word)
        lines.append((number, words))
    return lines


def pages(paper: Paper, per_page: int = 40) -> list[list[tuple[int, list[str]]]]:
    """The printed lines, page by page."""
    lines = _lines(paper)
    return [lines[i : i + per_page] for i in range(0, len(lines), per_page)]


def hocr(paper: Paper, unsure: frozenset[str] = frozenset()) -> bytes:
    """Tesseract-style hOCR; words in ``unsure`` get a confidence of 41."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title>',
           '<meta name="ocr-system" content="tesseract"/></head><body>']  # fmt: skip
    word_id = 0
    for page_no, page in enumerate(pages(paper)):
        out.append(f'<div class="ocr_page" title="bbox 0 0 2480 3508; ppageno {page_no}">')
        last = None
        for line_no, (para, words) in enumerate(page):
            if para != last:
                if last is not None:
                    out.append("</p>")
                out.append('<p class="ocr_par">')
                last = para
            out.append(f'<span class="ocr_line" title="bbox 0 {line_no * 60} 2000 50">')
            for word in words:
                word_id += 1
                conf = 41 if word in unsure else 96
                out.append(
                    f'<span class="ocrx_word" id="w{word_id}" '
                    f'title="bbox 0 0 10 10; x_wconf {conf}">{escape(word)}</span>'
                )
            out.append("</span>")
        out.append("</p></div>")
    out.append("</body></html>")
    return "\n".join(out).encode()


def alto(paper: Paper, unsure: frozenset[str] = frozenset(), hyphenate: str = "") -> bytes:
    """ALTO v4; words in ``unsure`` get WC 0.41; ``hyphenate`` is split across two lines
    where it ends a line (HypPart1/HypPart2)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout>']  # fmt: skip
    for page_no, page in enumerate(pages(paper), 1):
        out.append(f'<Page ID="p{page_no}" PHYSICAL_IMG_NR="{page_no}"><PrintSpace>')
        last = None
        for para, words in page:
            if para != last:
                if last is not None:
                    out.append("</TextBlock>")
                out.append("<TextBlock>")
                last = para
            out.append("<TextLine>")
            for index, word in enumerate(words):
                wc = "0.41" if word in unsure else "0.97"
                if index:
                    out.append("<SP/>")
                if hyphenate and word == hyphenate and index == len(words) - 1:
                    half = len(word) // 2
                    out.append(
                        f'<String CONTENT="{escape(word[:half])}-" SUBS_TYPE="HypPart1" '
                        f'SUBS_CONTENT="{escape(word)}" WC="{wc}"/></TextLine><TextLine>'
                        f'<String CONTENT="{escape(word[half:])}" SUBS_TYPE="HypPart2" '
                        f'SUBS_CONTENT="{escape(word)}" WC="{wc}"/>'
                    )
                    continue
                out.append(f'<String CONTENT="{escape(word, {chr(34): "&quot;"})}" WC="{wc}"/>')
            out.append("</TextLine>")
        out.append("</TextBlock></PrintSpace></Page>")
    out.append("</Layout></alto>")
    return "\n".join(out).encode()


def html(paper: Paper) -> bytes:
    """A web page: navigation and footer around a ``<main>`` article."""
    out = ["<!DOCTYPE html>", "<html><head><meta charset='utf-8'>",
           f"<title>{escape(paper.title)}</title></head><body>",
           "<nav><a href='/'>Home</a> | <a href='/issues'>Issues (2024)</a></nav>",
           f"<main><h1>{escape(paper.title)}</h1>"]  # fmt: skip
    for kind, text in paper.blocks:
        if kind == "heading":
            out.append(f"<h2>{escape(text)}</h2>")
        elif kind == "para":
            out.append(f"<p>{escape(text)}</p>")
    out.append("<h2>References</h2><ul>")
    out += [f"<li>{escape(entry)}</li>" for entry in paper.references]
    out.append("</ul></main><footer>© 2024 (Publisher, 2024)</footer></body></html>")
    return "\n".join(out).encode()


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def zotero_field(visible: str, items: list[dict] | None) -> str:
    """A Zotero citation field (complex field, CSL-JSON in its code) showing ``visible``."""
    listed = None if items is None else [{"id": i["id"], "itemData": i} for i in items]
    code = json.dumps({"citationID": "x1", "citationItems": listed})
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> ADDIN ZOTERO_ITEM CSL_CITATION '
        f"{escape(code)}</w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_run(visible)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def docx(paper: Paper, fields: dict[str, list[dict] | None] | None = None) -> bytes:
    """A Word document: paragraphs, the note as a footnote, ``fields`` (citation text →
    CSL items) as Zotero fields."""
    paragraphs = []
    notes = []
    for kind, text in paper.blocks:
        if kind == "note":
            notes.append(text)
            continue
        runs = _run(text)
        for visible, items in (fields or {}).items():
            if visible in text:
                before, after = text.split(visible, 1)
                runs = _run(before) + zotero_field(visible, items) + _run(after)
        paragraphs.append(f"<w:p>{runs}</w:p>")
    paragraphs.append(f"<w:p>{_run('References')}</w:p>")
    paragraphs += [f"<w:p>{_run(entry)}</w:p>" for entry in paper.references]
    document = (
        f'<?xml version="1.0"?><w:document {_W}><w:body>{"".join(paragraphs)}</w:body></w:document>'
    )
    footnotes = (
        f'<?xml version="1.0"?><w:footnotes {_W}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        + "".join(
            f'<w:footnote w:id="{n}"><w:p>{_run(t)}</w:p></w:footnote>'
            for n, t in enumerate(notes, 1)
        )
        + "</w:footnotes>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        archive.writestr("word/footnotes.xml", footnotes)
    return buffer.getvalue()


@dataclass
class PrintedLine:
    """Where the PDF builder set a line: page (1-based), column (0 or 1), line in the column."""

    page: int
    column: int
    line: int
    text: str


def pdf(paper: Paper, ligatures: bool = True) -> tuple[bytes, list[PrintedLine]]:
    """The paper set in two columns on A4 with a running head, page numbers, words
    hyphenated at line ends, ``fi`` set as a ligature, and its note as a footnote on
    page 1. Returns the PDF and where each body line was set."""
    import os

    import reportlab
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    for name, file in (("Serif", "Vera.ttf"), ("Serif-Bold", "VeraBd.ttf")):
        registerFont(TTFont(name, os.path.join(fonts, file)))  # has the fi ligature

    width, height = A4
    margin, gap, size, leading = 50.0, 20.0, 9.0, 11.5
    column_width = (width - 2 * margin - gap) / 2
    top, bottom = height - margin - 24, margin + 40
    buffer = io.BytesIO()
    pdf_canvas = canvas.Canvas(buffer, pagesize=A4)
    printed: list[PrintedLine] = []
    state = {"page": 1, "column": 0, "y": top, "line": 0}

    def furniture() -> None:
        pdf_canvas.setFont("Serif", 8)
        pdf_canvas.drawCentredString(width / 2, height - margin, "Soviet New Policy toward Asia")
        pdf_canvas.setFont("Serif", 8)
        pdf_canvas.drawCentredString(width / 2, margin - 10, str(state["page"]))

    def next_column() -> None:
        if state["column"] == 0:
            state["column"] = 1
        else:
            if state["page"] == 1 and footnotes:
                pdf_canvas.setFont("Serif", 7)
                for n, note in enumerate(footnotes):
                    pdf_canvas.drawString(margin, margin + 16 - 9 * n, note)
            furniture()
            pdf_canvas.showPage()
            state["page"] += 1
            state["column"] = 0
        state["y"], state["line"] = top, 0

    def put(text: str, font: str = "Serif") -> None:
        if state["y"] < bottom:
            next_column()
        x = margin + state["column"] * (column_width + gap)
        pdf_canvas.setFont(font, size)
        shown = text.replace("fi", "\ufb01") if ligatures else text
        pdf_canvas.drawString(x, state["y"], shown)
        state["line"] += 1
        printed.append(PrintedLine(state["page"], state["column"], state["line"], text))
        state["y"] -= leading

    def fits(text: str, font: str) -> bool:
        return stringWidth(text, font, size) <= column_width

    def paragraph(text: str, font: str = "Serif") -> None:
        line = ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if fits(trial, font):
                line = trial
                continue
            cut = len(word) - 3
            while cut >= 3 and word[:cut].isalpha() and not fits(f"{line} {word[:cut]}-", font):
                cut -= 1
            if line and cut >= 3 and word[:cut].isalpha() and word[cut:].isalpha():
                put(f"{line} {word[:cut]}-", font)
                line = word[cut:]
            else:
                put(line, font)
                line = word
        if line:
            put(line, font)
        state["y"] -= leading / 2

    footnotes = ["* " + t.lstrip("*") for k, t in paper.blocks if k == "note"]
    paragraph(paper.title, "Serif-Bold")
    for kind, text in paper.blocks:
        if kind == "heading":
            paragraph(text, "Serif-Bold")
        elif kind == "para":
            paragraph(text)
    paragraph("References", "Serif-Bold")
    for entry in paper.references:
        paragraph(entry)
    furniture()
    pdf_canvas.showPage()
    pdf_canvas.save()
    return buffer.getvalue(), printed
