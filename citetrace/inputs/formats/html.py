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

from citetrace.inputs.formats.flow import Flow
from citetrace.inputs.markup import NO_MARKUP, Markup

SKIP = frozenset(
    {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
     "select", "template", "svg", "math", "iframe", "head", "title", "figure"}
)  # fmt: skip
BLOCK = frozenset(
    {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd",
     "blockquote", "pre", "table", "tr", "td", "th", "caption", "br", "hr", "figcaption",
     "h1", "h2", "h3", "h4", "h5", "h6", "body", "address", "details", "summary"}
)  # fmt: skip
# Tags HTML lets a page leave open: they do not count in the depth kept below.
OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody"})
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "wbr"})
_NOWHERE: dict = {}


class _Reader(HTMLParser):
    def __init__(self, scope: str | None) -> None:
        super().__init__(convert_charrefs=False)
        self.flow = Flow()
        self.scope = scope  # the element whose text is the main text
        self.inside = 0 if scope else 1  # depth inside the scope
        self.skipping = 0
        self.label = {"element": "body"}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in VOID:
            if tag == "br" and self.inside and not self.skipping:
                self.flow.space()
            return
        if self.scope and tag == self.scope and not self.inside:
            self.inside = 1
            return
        if not self.inside:
            return
        if tag not in OPTIONAL_END:
            self.inside += 1
        if self.skipping or tag in SKIP:
            self.skipping += tag not in OPTIONAL_END
            return
        if tag in BLOCK:
            self.flow.paragraph()
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.flow.write("#" * int(tag[1]) + " ", _NOWHERE)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.inside:
            return
        if tag not in OPTIONAL_END:
            self.inside -= 1
        if self.skipping:
            self.skipping -= tag not in OPTIONAL_END
            return
        if tag in BLOCK:
            self.flow.paragraph()

    def _text(self, text: str) -> None:
        if self.inside and not self.skipping:
            line, column = self.getpos()
            self.flow.write(text, self.label, line, column + 1)

    def handle_data(self, data: str) -> None:
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
