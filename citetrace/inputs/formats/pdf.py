"""PDF with a text layer (born-digital, or scanned and OCR'd): the prose in reading order.

Text comes from PDFium (``pypdfium2``) a run at a time, with the run's box;
runs on one baseline are joined into lines, and lines are ordered as a
person reads them: one column top to bottom, or, on a page set in two
columns, the left column then the right, band by band between full-width
lines (a title, a figure). Running heads and feet (a line that recurs at the
top or bottom of most pages, numbers aside) and page numbers are left out of
the prose; lines set smaller than the body near the foot of a page are
footnotes, written after the body under ``Notes``. A word hyphenated at a
line's end is joined with its other half; ligatures (``ﬁ``) are spelt out.
Each line keeps its page and its line on the page in reading order.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from citetrace.inputs.document import is_reference_heading
from citetrace.inputs.formats.flow import NOTES_HEADING, NOWHERE, Flow
from citetrace.inputs.load import InputError
from citetrace.inputs.markup import Markup

_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_SOFT_HYPHEN = ("\x02", "\u00ad", "-", "¬")
_BREAKS = re.compile("(\r\n|\ufffe)")
_PAGE_NUMBER = re.compile(
    r"\s*(?:[-–—]\s*)?(?:\d{1,4}|(?=[ivxlc])x{0,3}(?:ix|iv|v?i{0,3})|(?=[IVXLC])X{0,3}(?:IX|IV|V?I{0,3}))"
    r"(?:\s*[-–—])?\s*"
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = (".", "!", "?", ":", '"', "”", ")")


@dataclass
class _Line:
    page: int
    x0: float
    bottom: float
    x1: float
    top: float
    text: str
    size: float  # the font size of its first character
    number: int = 0  # on its page, in reading order


def read_pdf(data: bytes, path: str) -> tuple[Flow, Markup]:
    """The text of a PDF's text layer; an :class:`InputError` when it has none."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason:
            raise InputError(
                path, "encrypted PDF; it cannot be read without its password"
            ) from None
        why = "no pages, or a damaged page tree" if "Success" in str(exc) else str(exc)
        raise InputError(path, f"not a readable PDF ({why})") from None
    try:
        if len(document) == 0:
            raise InputError(path, "PDF with no pages")
        pages = []
        for index in range(len(document)):
            try:
                pages.append(_page_lines(document, index, pdfium_raw))
            except pdfium.PdfiumError as exc:
                reason = f"damaged PDF: page {index + 1} cannot be read ({exc})"
                raise InputError(path, reason) from None
    finally:
        document.close()
    if not any(pages):
        raise InputError(
            path,
            "PDF without a text layer (scanned images only); run OCR on it first "
            "(for example ocrmypdf) and audit the result",
        )
    _drop_furniture(pages)
    for page in pages:  # lines of text on the page, in reading order
        for number, line in enumerate(page, 1):
            line.number = number
    return _write(pages), Markup("pdf")


def _page_lines(document, index: int, raw) -> list[_Line]:
    """The lines of one page in reading order (the page is closed afterwards).

    PDFium gives the page's text at once: a line break between the runs it
    sets apart, and a mark (U+FFFE) where it took a hyphen at a line's end for
    a word's break. Each run's box is that of its first and last character."""
    page = document[index]
    try:
        width = page.get_width()
        text_page = page.get_textpage()
        try:
            runs = _runs(text_page.raw, text_page.get_text_range(), index + 1, raw)
        finally:
            text_page.close()
    finally:
        page.close()
    return _ordered(_join_runs(runs), width)


def _units(text: str) -> int:
    """Length in UTF-16 code units, which PDFium counts characters in."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _runs(handle, text: str, page: int, raw) -> list[_Line]:
    box = [ctypes.c_double() for _ in range(4)]
    refs = [ctypes.byref(b) for b in box]
    runs: list[_Line] = []
    at = 0
    for piece in _BREAKS.split(text):
        if piece in ("\r\n", "\ufffe"):
            if piece == "\ufffe" and runs:
                runs[-1].text += "\x02"  # a hyphen that may break a word
            at += len(piece)
            continue
        stripped = piece.strip()
        if stripped:
            first = _units(piece[: len(piece) - len(piece.lstrip())])
            last = _units(piece.rstrip()) - 1
            raw.FPDFText_GetCharBox(handle, at + first, *refs)
            left, bottom, top = box[0].value, box[2].value, box[3].value
            raw.FPDFText_GetCharBox(handle, at + last, *refs)
            right, top = box[1].value, max(top, box[3].value)
            size = raw.FPDFText_GetFontSize(handle, at + first) or top - bottom
            runs.append(_Line(page, left, bottom, right, top, stripped.translate(_LIGATURES), size))
        at += _units(piece)
    return runs


def _join_runs(runs: list[_Line]) -> list[_Line]:
    """Runs on one baseline (and not far apart) joined into one line, left to right."""
    runs.sort(key=lambda r: (-round(r.bottom), r.x0))
    lines: list[_Line] = []
    for run in runs:
        last = lines[-1] if lines else None
        same_row = last is not None and abs(last.bottom - run.bottom) < 0.4 * run.size
        if last is not None and same_row and -1 <= run.x0 - last.x1 < 0.8 * run.size:
            space = "" if run.x0 - last.x1 < 0.15 * run.size else " "
            last.text += space + run.text
            last.x1, last.top = max(last.x1, run.x1), max(last.top, run.top)
        else:
            lines.append(run)
    return lines


def _ordered(lines: list[_Line], width: float) -> list[_Line]:
    """Reading order: on a two-column page, left column then right, band by band."""
    middle = width / 2
    left = [ln for ln in lines if ln.x1 <= middle + 2]
    right = [ln for ln in lines if ln.x0 >= middle - 2]
    by_height = sorted(lines, key=lambda ln: -ln.top)
    if len(left) < 3 or len(right) < 3:
        return by_height
    ordered: list[_Line] = []
    band: list[_Line] = []
    for line in by_height:
        if line.x0 < middle - 2 < middle + 2 < line.x1:  # full width: closes a band
            ordered += [*_band(band, middle), line]
            band = []
        else:
            band.append(line)
    return ordered + _band(band, middle)


def _band(lines: list[_Line], middle: float) -> list[_Line]:
    return [ln for ln in lines if ln.x1 <= middle + 2] + [ln for ln in lines if ln.x1 > middle + 2]


def _drop_furniture(pages: list[list[_Line]]) -> None:
    """Remove running heads and feet and page numbers: the first or last line of a
    page that is a bare number, or whose text (digits aside) recurs on most pages."""
    for edge in (max, min):  # the top line, then the bottom one
        ends = [edge(p, key=lambda ln: ln.bottom) if p else None for p in pages]
        shapes = Counter(_DIGITS.sub("#", ln.text) for ln in ends if ln is not None)
        recurring = {s for s, n in shapes.items() if n >= max(3, len(pages) // 2)}
        for page, line in zip(pages, ends, strict=True):
            if line is not None and (
                _PAGE_NUMBER.fullmatch(line.text) or _DIGITS.sub("#", line.text) in recurring
            ):
                page.remove(line)


def _write(pages: list[list[_Line]]) -> Flow:
    """Lines → paragraphs, footnotes apart and written before the reference list."""
    body_size = statistics.median([ln.size for p in pages for ln in p] or [0])
    body: list[_Line] = []
    notes: list[_Line] = []
    for page in pages:
        if not page:
            continue
        lowest = min(ln.bottom for ln in page)
        highest = max(ln.top for ln in page)
        foot = lowest + (highest - lowest) * 0.25
        for line in page:
            small = line.size < 0.85 * body_size
            (notes if small and line.top <= foot else body).append(line)
    flow = Flow(advancing=False)
    leading = _leading(body)
    heading = max((i for i, ln in enumerate(body) if is_reference_heading(ln.text)), default=None)
    _paragraphs(flow, body[:heading] if heading is not None else body, leading)
    if notes:
        flow.line(NOTES_HEADING, NOWHERE)
        _paragraphs(flow, notes, _leading(notes))
    if heading is not None:
        _paragraphs(flow, body[heading:], leading)
    return flow


def _leading(lines: list[_Line]) -> float:
    """The usual distance from one baseline to the next."""
    steps = [
        a.bottom - b.bottom
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and a.bottom - b.bottom > 0
    ]
    return statistics.median(steps) if steps else 0.0


def _paragraphs(flow: Flow, lines: list[_Line], leading: float) -> None:
    """Write ``lines``, breaking paragraphs where the spacing or a short last line
    says one ends, and joining words hyphenated across lines."""
    full = statistics.median([ln.x1 - ln.x0 for ln in lines] or [0])
    previous: _Line | None = None
    broken = False  # the last line ended in a hyphen that may split a word
    for line in lines:
        text = line.text.replace("\x02", "-") if not line.text.endswith("\x02") else line.text
        label = {"page": line.page}
        if previous is not None and _ends_paragraph(previous, line, leading, full):
            if broken:
                flow.write("-", {"page": previous.page}, previous.number)
                broken = False
            flow.paragraph()
        if broken and text[:1].islower():
            pass  # the word's second half: no space
        elif broken:  # a real hyphen (Soviet-Vietnam): kept, no space either
            flow.write("-", {"page": previous.page}, previous.number)
        else:
            flow.space()
        broken = text.endswith(_SOFT_HYPHEN) and len(text) > 1 and text[-2].isalpha()
        if broken or text.endswith("\x02"):
            text = text[:-1] + ("" if broken else "-")
        flow.write(text, label, line.number)
        previous = line
    if broken and previous is not None:
        flow.write("-", {"page": previous.page}, previous.number)
    flow.paragraph()


def _ends_paragraph(previous: _Line, line: _Line, leading: float, full: float) -> bool:
    """Whether a paragraph ends between two lines that follow each other."""
    if is_reference_heading(previous.text) or is_reference_heading(line.text):
        return True
    step = previous.bottom - line.bottom
    if previous.page == line.page and leading and 1.3 * leading < step < 4 * leading:
        return True  # space between the lines
    short = previous.x1 - previous.x0 < 0.8 * full
    return short and previous.text.endswith(_SENTENCE_END)
