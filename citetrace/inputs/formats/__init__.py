"""Readers: a file of any supported format → the text to audit, its origin map, its markup.

The format is chosen by the file's extension and, where an extension is
shared (``.xml``, ``.html``), by sniffing its first bytes; ``input_format``
forces one. Plain text, Markdown and reStructuredText are decoded as they
are; the structured formats are read by their own module.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from citetrace.inputs.load import InputError, decode, read_bytes
from citetrace.inputs.markup import NO_MARKUP, Markup
from citetrace.inputs.origin import OriginMap

FORMATS = ("text", "jats", "tei", "hocr", "alto", "html", "docx", "pdf")
XML_FORMATS = ("jats", "tei", "hocr", "alto")
_BY_EXTENSION = {
    ".nxml": "jats",
    ".tei": "tei",
    ".hocr": "hocr",
    ".docx": "docx",
    ".pdf": "pdf",
}
TEXT_EXTENSIONS = (".txt", ".md", ".markdown", ".text", ".rst")
_ELEMENT = re.compile(rb"<(?:[\w.-]+:)?([\w.-]+)")
_SNIFF_BYTES = 65536


@dataclass(frozen=True)
class Source:
    """What a reader made of one file.

    ``format`` is one of :data:`FORMATS`; ``origins`` maps offsets of
    ``text`` back to the original (``None`` for plain text, which is its own
    original); ``markup`` is what the file's markup said.
    """

    text: str
    format: str = "text"
    origins: OriginMap | None = None
    markup: Markup = field(default=NO_MARKUP)


def format_of(path: str, data: bytes, forced: str | None = None) -> str:
    """The format of a file, by ``forced``, its extension, or its first bytes."""
    if forced:
        return forced
    ext = os.path.splitext(path)[1].lower()
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    if ext in TEXT_EXTENSIONS:
        return "text"
    head = data[:_SNIFF_BYTES]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: sniffed in UTF-8
        head = head.decode("utf-16", "replace").encode("utf-8")
    root = _root_element(head)
    if root == "html":
        return "hocr" if b"ocr_page" in head or b"ocrx_word" in head else "html"
    if root in ("tei", "teicorpus"):
        return "tei"
    if root in ("article", "alto"):
        return "jats" if root == "article" else "alto"
    if ext in (".html", ".htm", ".xhtml"):
        return "html"
    if ext == ".xml":
        raise InputError(
            path,
            "XML of a kind citetrace does not read (JATS, TEI, hOCR and ALTO are read); "
            "use --input-format",
        )
    return "text"


def _root_element(head: bytes) -> str:
    """The lower-cased local name of the first element, past the XML declaration,
    comments, processing instructions and a DOCTYPE; empty when ``head`` does not
    open with markup."""
    rest = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    while rest.startswith(b"<"):
        if rest.startswith(b"<!--"):
            end = rest.find(b"-->")
            rest = rest[end + 3 :] if end >= 0 else b""
        elif rest.startswith((b"<?", b"<!")):
            end = rest.find(b">")
            if rest[:9].upper() == b"<!DOCTYPE" and b"[" in rest[: max(end, 0)]:
                end = rest.find(b"]>") + 1  # an internal subset ends at "]>"
            rest = rest[end + 1 :] if end >= 0 else b""
        else:
            m = _ELEMENT.match(rest)
            return m.group(1).decode("ascii").lower() if m else ""
        rest = rest.lstrip(b" \t\r\n")
    return ""


def read_source(
    path: str | os.PathLike[str], encoding: str | None = None, forced: str | None = None
) -> Source:
    """Read one file of any supported format, raising :class:`InputError` with a clear reason."""
    name = os.fspath(path)
    data = read_bytes(name)
    return parse_source(data, name, encoding, forced)


def parse_source(
    data: bytes, name: str, encoding: str | None = None, forced: str | None = None
) -> Source:
    """What the reader of ``data``'s format makes of it."""
    kind = format_of(name, data, forced)
    if kind == "text":
        return Source(decode(data, name, encoding))
    if kind == "alto":
        from citetrace.inputs.formats.ocrxml import read_alto

        flow, markup = read_alto(data, name, encoding)
    elif kind in XML_FORMATS:
        from citetrace.inputs.formats.xmltree import parse_xml

        root = parse_xml(data, name, encoding)
        reader = _xml_reader(kind)
        flow, markup = reader(root)
    elif kind == "html":
        from citetrace.inputs.formats.html import read_html

        flow, markup = read_html(decode_markup(data, name, encoding))
    elif kind == "docx":
        from citetrace.inputs.formats.docx import read_docx

        flow, markup = read_docx(data, name)
    else:
        from citetrace.inputs.formats.pdf import read_pdf

        flow, markup = read_pdf(data, name)
    text = flow.text()
    if not text.strip():
        raise InputError(name, f"no text to audit in this {kind.upper()} file")
    return Source(text, kind, flow.origins, markup)


def decode_markup(data: bytes, name: str, encoding: str | None) -> str:
    """HTML text: a BOM, ``encoding``, a declared charset, then UTF-8."""
    if encoding is None and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = re.search(rb"""charset=["']?([\w-]+)""", data[:4096], re.IGNORECASE)
        declared = m.group(1).decode("ascii").lower() if m else ""
        if declared and not declared.startswith(("utf-16", "utf-32", "utf16", "utf32")):
            try:  # as a browser does: a declaration that does not fit is passed over
                return decode(data, name, declared)
            except InputError:
                pass
    return decode(data, name, encoding)


def _xml_reader(kind: str):
    if kind == "jats":
        from citetrace.inputs.formats.jats import read_jats

        return read_jats
    if kind == "tei":
        from citetrace.inputs.formats.tei import read_tei

        return read_tei
    from citetrace.inputs.formats.ocrxml import read_hocr

    return read_hocr
