"""The audited document as JATS 1.3 (Journal Publishing): citations as publisher
links, the reference list as a ``<ref-list>``.

Each paragraph is a ``<p>`` (a Markdown heading opens a ``<sec>`` with its
``<title>``); each citation that reached an entry an ``<xref ref-type="bibr"
rid="R3">``, and each entry a ``<ref>`` with its printed text as
``<mixed-citation>``; the fixes ``apply`` accepts are written into the text
(JATS has no element for an editor's correction). Findings are not written:
``citetrace check`` reports them. Valid against the JATS 1.3 Publishing DTD.
"""

from __future__ import annotations

from citetrace.model import DocumentReport
from citetrace.render.inline import Layout, Span, blocks, xml_attribute, xml_text

DOCTYPE = (
    '<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 '
    '20210610//EN" "JATS-journalpublishing1-3.dtd">'
)
_LAYOUT = Layout(section=("<sec><title>", "</title>", "</sec>"))


def render_jats(report: DocumentReport, apply: str = "none") -> str:
    """One document as a JATS article."""
    text = report.text
    end = min((r.start for r in report.references if not r.origin), default=len(text))
    referenced = {r.id for r in report.references}
    spans = [
        Span(c.start, -c.end, 1, f'<xref ref-type="bibr" rid="{c.reference}">', "</xref>")
        for c in report.citations
        if c.reference in referenced and c.end <= end
    ]
    for f in report.findings:
        fix = f.fix
        if (
            fix is not None
            and fix.end <= end
            and (apply == "all" or (apply == "safe" and fix.safe))
        ):
            spans.append(Span(fix.start, -fix.end, 2, xml_text(fix.replacement), "", ""))
    body = blocks(text, 0, end, sorted(spans), [], _LAYOUT)
    refs = "".join(
        f"<ref id={xml_attribute(r.id)}><mixed-citation>{xml_text(' '.join(r.text.split()))}"
        "</mixed-citation></ref>"
        for r in report.references
    )
    back = f"<back><ref-list>{refs}</ref-list></back>" if refs else ""
    front = (
        '<front><journal-meta><journal-id journal-id-type="publisher-id">citetrace'
        "</journal-id><issn>0000-0000</issn><publisher><publisher-name>citetrace export"
        "</publisher-name></publisher></journal-meta><article-meta><title-group>"
        f"<article-title>{xml_text(report.path)}</article-title></title-group></article-meta>"
        "</front>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n'
        '<article xmlns:xlink="http://www.w3.org/1999/xlink" dtd-version="1.3" '
        f'article-type="research-article">\n{front}\n<body>\n{body}\n</body>{back}</article>\n'
    )
