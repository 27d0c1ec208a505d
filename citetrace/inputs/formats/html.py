"""HTML: the article's main text, its paragraphs and headings.

The main text is ``<main>``, else the first ``<article>``, else ``<body>``;
navigation, headers, footers, asides, forms, scripts and styles are left
out. Headings are written as Markdown headings (``## Methods``), so that the
audit sees sections and the reference list as it does in a Markdown file.
Each run of text keeps its line and column in the HTML file.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser

from citetrace.inputs.formats.flow import NOWHERE, Flow
from citetrace.inputs.markup import NO_MARKUP, Markup

SKIP = frozenset(
    {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
     "select", "template", "svg", "math", "iframe", "head", "title", "figure", "textarea",
     "object", "video", "audio", "canvas", "map"}
)  # fmt: skip
BLOCK = frozenset(
    {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd",
     "blockquote", "pre", "table", "tr", "td", "th", "caption", "br", "hr", "figcaption",
     "h1", "h2", "h3", "h4", "h5", "h6", "body", "address", "details", "summary"}
)  # fmt: skip
# Elements with no end tag (HTML's void elements).
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr", "keygen", "command", "basefont", "frame", "isindex"}
)  # fmt: skip
# A start tag of one of these closes an open one of the same kind (``<p>a<p>b``).
SELF_CLOSING_PEERS = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})


class _Reader(HTMLParser):
    """The open elements are kept on a stack matched by name, so stray or missing
    end tags cost at most the element they belong to, never the rest of the page."""

    def __init__(self, scope: str | None) -> None:
        super().__init__(convert_charrefs=False)
        self.flow = Flow()
        self.scope = scope  # the element whose text is the main text (its first one)
        self.stack: list[str] = []
        self.in_scope = 0 if scope else 1  # open scope elements on the stack
        self.scope_done = False
        self.skipping = 0  # open elements on the stack whose text is left out
        self.label = {"element": "body"}

    def _push(self, tag: str) -> None:
        self.stack.append(tag)
        if tag == self.scope and not self.scope_done:
            self.in_scope += 1
        self.skipping += tag in SKIP

    def _pop(self) -> str:
        tag = self.stack.pop()
        if tag == self.scope and self.in_scope and not self.scope_done:
            self.in_scope -= 1
            self.scope_done = self.in_scope == 0
        self.skipping -= tag in SKIP
        return tag

    @property
    def reading(self) -> bool:
        return bool(self.in_scope) and not self.scope_done and not self.skipping

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in VOID:
            if tag in ("br", "hr") and self.reading:
                self.flow.space()
            return
        if tag in SELF_CLOSING_PEERS and tag in self.stack[-3:]:
            while self.stack and self._pop() != tag:
                pass
        self._push(tag)
        if self.reading:
            if tag in BLOCK:
                self.flow.paragraph()
            if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
                self.flow.write("#" * int(tag[1]) + " ", NOWHERE)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in ("br", "hr") and self.reading:
            self.flow.space()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self.stack:
            return  # a stray end tag
        reading = self.reading
        while self._pop() != tag:
            pass
        if reading and tag in BLOCK:
            self.flow.paragraph()

    def _text(self, text: str) -> None:
        if self.reading:
            line, column = self.getpos()
            self.flow.write(text, self.label, line, column + 1)

    def handle_data(self, data: str) -> None:
        if not data.startswith("<!--"):  # an unclosed comment at the end comes as data
            self._text(data)

    def handle_entityref(self, name: str) -> None:
        self._text(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._text(html.unescape(f"&#{name};"))


def read_html(text: str) -> tuple[Flow, Markup]:
    """The main text of an HTML page."""
    lowered = text.lower()
    scope = "main" if "<main" in lowered else "article" if "<article" in lowered else None
    reader = _Reader(scope)
    reader.feed(text)
    reader.close()
    if scope and not reader.flow.length:  # a <main> with nothing in it: the whole body
        reader = _Reader(None)
        reader.feed(text)
        reader.close()
    return reader.flow, NO_MARKUP
