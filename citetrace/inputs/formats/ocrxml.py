"""OCR output: hOCR (Tesseract and others) and ALTO (library digitisation).

Words are written with their page and line on the page; a paragraph (hOCR
``ocr_par``, ALTO ``TextBlock``) ends a paragraph of the text. A word broken
by a hyphen at a line's end is joined with the next line's first part (ALTO
marks it, hOCR is read: a trailing hyphen before a lower-case word). Each
word the engine was unsure of (hOCR ``x_wconf``, ALTO ``WC``, below
:data:`UNSURE`) is recorded for the OCR rules.
"""

from __future__ import annotations

import re

from citetrace.inputs.formats.flow import Flow
from citetrace.inputs.formats.xmltree import Element, run, safe_parser
from citetrace.inputs.load import InputError
from citetrace.inputs.markup import Markup, UnsureWord

UNSURE = 0.6  # an engine's confidence below which a word counts as unsure
_WCONF = re.compile(r"x_wconf\s+(\d+(?:\.\d+)?)")
_PAGENO = re.compile(r"ppageno\s+(\d+)")


class _Pages:
    """Words → paragraphs of text, with page/line origins and unsure words."""

    def __init__(self) -> None:
        self.flow = Flow(advancing=False)
        self.unsure: list[UnsureWord] = []
        self.page = 0
        self.line = 0
        self._label: dict = {}
        self._broken = False  # the last word ended with a hyphen (on line ``_broken_at``)
        self._broken_at = 0
        self._turned = False  # a page turned since the last word
        self._last = ""  # the last word written
        self._open_parens = 0  # in the current paragraph
        self._parens_before = 0  # left open by the paragraph before
        self._hyphen_held = False  # the paragraph before ended in a line-end hyphen

    def new_page(self, number: int | None = None) -> None:
        """A page turn: the paragraph it interrupts may go on over it (see :meth:`word`)."""
        self.page = number if number is not None else self.page + 1
        self.line = 0
        self._label = {"page": self.page}
        self._turned = self.flow.length > 0

    def new_line(self) -> None:
        self.line += 1

    def word(self, text: str, confidence: float | None, hyphen_part: int = 0) -> None:
        """Write a word; ``hyphen_part`` 1 or 2 for the halves of a word broken across lines."""
        text = text.strip()
        if not text:
            return
        flow = self.flow
        if self._turned:
            self._turn(text)
        joined = self._broken and (
            hyphen_part == 2
            or (hyphen_part == 0 and self.line != self._broken_at and text[:1].islower())
        )
        if self._broken and not joined:  # the hyphen was real: a compound (Soviet-Vietnam)
            flow.write("-", self._label, self._broken_at)
        elif not joined:
            flow.space()
        self._broken = False
        if hyphen_part == 1 or (hyphen_part == 0 and _line_end_hyphen(text)):
            text = text[:-1] if text.endswith(("-", "¬", "\u00ad")) else text
            self._broken, self._broken_at = True, self.line
        start = flow.length if joined else flow.mark
        flow.write(text, self._label, self.line)
        self._last = text
        self._open_parens += text.count("(") - text.count(")")
        if confidence is not None and confidence < UNSURE:
            self.unsure.append(UnsureWord(start, flow.length, round(confidence, 3)))

    def _turn(self, first: str) -> None:
        """Go on with the paragraph the page turn cut, unless it had ended: it had when
        its last word ends a sentence, its parentheses are closed, and the new page's
        first word is capitalised."""
        self._turned = False
        parens = self._open_parens or self._parens_before
        ended = self._last[-1:] in '.!?:"”' and not parens
        if ended and not first[:1].islower():
            self.paragraph()
        else:
            self.flow.reopen()
            self._open_parens = parens
            if self._hyphen_held and first[:1].islower() and self.flow.take_back("-"):
                self._broken, self._broken_at = True, -1  # a word broken over the page
        self._hyphen_held = False

    def end(self) -> None:
        """The last page is done."""
        self._turned = False
        self.paragraph()

    def paragraph(self) -> None:
        if self._turned:  # held until the next page's first word says whether it ended
            return
        self._parens_before, self._open_parens = self._open_parens, 0
        self._hyphen_held = self._broken  # a page turn may yet join the word
        if self._broken:
            self.flow.write("-", self._label, self.line)
            self._broken = False
        self.flow.paragraph()


def _line_end_hyphen(word: str) -> bool:
    return len(word) > 2 and word[-1] in "-¬\u00ad" and word[-2].isalpha()


def read_hocr(root: Element) -> tuple[Flow, Markup]:
    """The text of an hOCR file, page by page."""
    pages = _Pages()
    _walk_hocr(root, pages)
    pages.end()
    return pages.flow, Markup("hocr", unsure=tuple(pages.unsure))


def _walk_hocr(element: Element, pages: _Pages) -> None:
    classes = (element.get("class") or "").split()
    title = element.get("title") or ""
    if "ocr_page" in classes:
        m = _PAGENO.search(title)
        pages.new_page(int(m.group(1)) + 1 if m else None)
    elif {"ocr_par", "ocr_carea"} & set(classes):
        pages.paragraph()
    elif {"ocr_line", "ocrx_line", "ocr_textfloat", "ocr_caption", "ocr_header"} & set(classes):
        pages.new_line()
    if "ocrx_word" in classes:
        m = _WCONF.search(title)
        pages.word(element.text(), float(m.group(1)) / 100 if m else None)
        return
    for child in element.elements():
        _walk_hocr(child, pages)
    if "ocr_par" in classes:
        pages.paragraph()


def read_alto(data: bytes, path: str, encoding: str | None = None) -> tuple[Flow, Markup]:
    """The text of an ALTO file, page by page, read as it streams (an ALTO file
    spends an element on every word, and a tree of them is most of the cost)."""
    pages = _Pages()
    try:
        parser = safe_parser(encoding)
    except (LookupError, ValueError) as exc:
        raise InputError(path, f"XML in an encoding that cannot be read ({exc})") from None

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = name.rsplit(" ", 1)[-1]
        if tag == "String":
            _alto_word(attrs, pages)
        elif tag == "TextLine":
            pages.new_line()
        elif tag == "TextBlock":
            pages.paragraph()
        elif tag == "Page":
            number = attrs.get("PHYSICAL_IMG_NR") or attrs.get("PRINTED_IMG_NR") or ""
            pages.new_page(int(number) if number.isascii() and number.isdigit() else None)

    def end(name: str) -> None:
        if name.endswith("TextBlock"):
            pages.paragraph()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    run(parser, data, path)
    pages.end()
    return pages.flow, Markup("alto", unsure=tuple(pages.unsure))


def _alto_word(attrs: dict[str, str], pages: _Pages) -> None:
    confidence = attrs.get("WC")
    try:
        value = float(confidence) if confidence else None
    except ValueError:
        value = None
    part = {"HypPart1": 1, "HypPart2": 2}.get(attrs.get("SUBS_TYPE") or "", 0)
    content = attrs.get("CONTENT") or ""
    if part == 1 and content.endswith(("-", "¬")):
        content = content[:-1] + "-"
    pages.word(content, value, part)
