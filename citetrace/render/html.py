"""The annotated report: one self-contained HTML page per document.

The page holds the full text with every citation highlighted by source, the
claim it supports shaded on hover or focus, findings underlined by severity,
a side list of findings with filters, the reference list, and two inline SVG
pictures. Nothing is fetched from elsewhere; every piece of document text is
escaped, and a Content-Security-Policy admits only the page's own style and
script (by hash).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache
from html import escape
from itertools import pairwise
from urllib.parse import quote

from citetrace.data import read
from citetrace.model import SEVERITY_RANK, Citation, DocumentReport, Finding
from citetrace.render.charts import source_bars, timeline
from citetrace.render.palette import source_colours
from citetrace.render.place import spot
from citetrace.rules import REGISTRY
from citetrace.text import fold
from citetrace.version import __version__

_SEVERITIES = ("error", "warning", "info")


@cache
def _asset(name: str) -> str:
    return read(name)


_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+\S[^\r\n]*", re.MULTILINE)


def _json_for_script(data: object) -> str:
    """JSON that cannot close the script element it sits in."""
    text = _marked(json.dumps(data, ensure_ascii=False))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _sha256(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()


def _whole_citation(f: Finding, c: Citation | None) -> bool:
    return c is not None and f.start <= c.start and c.end <= f.end


def annotate(report: DocumentReport, colours: dict[str, int]) -> str:
    """The document text as HTML: citations, claims and findings marked up."""
    text = report.text
    citations = sorted(report.citations, key=lambda c: c.start)
    by_id = {c.id: c for c in citations}
    fid = {id(f): f"F{i}" for i, f in enumerate(report.findings, 1)}
    on_citation: dict[str, list[Finding]] = defaultdict(list)
    loose: list[Finding] = []
    for f in report.findings:
        cited = by_id.get(f.citation) if f.citation else None
        if _whole_citation(f, cited):
            on_citation[cited.id].append(f)
        else:
            loose.append(f)
    starts: dict[int, list[tuple[str, object]]] = defaultdict(list)
    ends: dict[int, list[tuple[str, object]]] = defaultdict(list)
    claims: dict[tuple[int, int], list[str]] = defaultdict(list)
    for c in citations:
        if c.claim.end > c.claim.start:
            claims[(c.claim.start, c.claim.end)].append(c.id)
    for (start, end), ids in claims.items():
        starts[start].append(("claim", " ".join(ids)))
        ends[end].append(("claim", " ".join(ids)))
    for f in loose:
        if f.end > f.start:
            starts[f.start].append(("finding", f))
            ends[f.end].append(("finding", f))
    for start, end, level in _heading_lines(text):
        starts[start].append(("heading", level))
        ends[end].append(("heading", level))
    bounds = {0, len(text), *starts, *ends}
    for c in citations:
        bounds.update((c.start, c.end))
    points = sorted(b for b in bounds if 0 <= b <= len(text))
    out: list[str] = []
    active_claims: dict[str, int] = {}
    active_findings: dict[int, Finding] = {}
    heading = 0
    cite_index = 0
    open_cite: Citation | None = None
    for a, b in pairwise(points):
        for kind, item in ends.get(a, ()):
            if kind == "claim":
                active_claims.pop(item, None)
            elif kind == "heading":
                heading = 0
            else:
                active_findings.pop(id(item), None)
        for kind, item in starts.get(a, ()):
            if kind == "claim":
                active_claims[item] = 1
            elif kind == "heading":
                heading = item
            else:
                active_findings[id(item)] = item
        while cite_index < len(citations) and citations[cite_index].end <= a:
            cite_index += 1
        current = citations[cite_index] if cite_index < len(citations) else None
        inside = current if current is not None and current.start <= a < current.end else None
        if open_cite is not None and inside is not open_cite:
            out.append("</span>")
            open_cite = None
        if inside is not None and open_cite is None:
            out.append(_open_citation(inside, on_citation[inside.id], fid, colours))
            open_cite = inside
        claim_ids = [cid for key in active_claims for cid in key.split(" ")]
        piece = _segment(text[a:b], claim_ids, list(active_findings.values()), fid)
        out.append(f'<span class="hd h{heading}">{piece}</span>' if heading else piece)
    if open_cite is not None:
        out.append("</span>")
    return "".join(out)


def _heading_lines(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, level)`` of Markdown heading lines, for typesetting only."""
    found = []
    for m in _HEADING.finditer(text):
        found.append((m.start(), m.end(), min(len(m.group(1)), 4)))
    return found


def _open_citation(
    c: Citation, findings: list[Finding], fid: dict[int, str], colours: dict[str, int]
) -> str:
    classes = ["cite", f"src-{colours.get(c.source, 0)}"]
    attrs = [
        f'data-id="{escape(c.id)}"',
        'tabindex="0"',
        'role="button"',
        f'aria-label="{_shown(_label(c))}"',
        'aria-describedby="card"',
    ]
    if findings:
        classes += ["f", f"sev-{_worst(findings)}"] + [f"r-{f.code}" for f in findings]
        attrs.append(f'data-fids="{" ".join(fid[id(f)] for f in findings)}"')
    return f'<span class="{" ".join(dict.fromkeys(classes))}" {" ".join(attrs)}>'


def _label(c: Citation) -> str:
    when = c.date or c.date_raw or "undated"
    return f"Citation of {c.source}, {when}"


def _worst(findings: list[Finding]) -> str:
    return max((f.severity for f in findings), key=SEVERITY_RANK.__getitem__)


_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _marked(text: str) -> str:
    """``text`` with each bidirectional control written as a mark, ``⟨U+202E⟩``:
    for attributes, the page title and the data the hover card shows."""
    if not _BIDI.search(text):
        return text
    return _BIDI.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def _shown(text: str) -> str:
    """Escaped for an attribute or a title, bidirectional controls as marks."""
    return escape(_marked(text))


def _visible(text: str) -> str:
    """Escaped text, with bidirectional controls shown as marks instead of obeyed.

    A stray right-to-left override (from OCR, or planted) would otherwise
    reorder everything after it on the page.
    """
    body = escape(text, quote=False)
    if not _BIDI.search(body):
        return body
    return _BIDI.sub(
        lambda m: (
            f'<span class="ctl" title="U+{ord(m.group()):04X}">⟨U+{ord(m.group()):04X}⟩</span>'
        ),
        body,
    )


def _segment(text: str, claims: list[str], findings: list[Finding], fid: dict[int, str]) -> str:
    body = _visible(text)
    if findings:
        classes = ["f", f"sev-{_worst(findings)}"] + [f"r-{f.code}" for f in findings]
        ids = " ".join(fid[id(f)] for f in findings)
        tip = _shown("\n".join(_explained(f) for f in findings))
        body = (
            f'<mark class="{" ".join(dict.fromkeys(classes))}" data-fids="{ids}" '
            f'title="{tip}" tabindex="0">{body}</mark>'
        )
    if claims:
        body = f'<span class="claim" data-claim="{" ".join(claims)}">{body}</span>'
    return body


_QUOTED = re.compile(r"'([^'\n]{1,80})'")


def _quoted_as_code(text: str) -> str:
    """Visible text whose quoted tokens ('II', 'Il') are set in a code font, where
    look-alike letters can be told apart."""
    out, pos = [], 0
    for m in _QUOTED.finditer(text):
        out.append(_visible(text[pos : m.start()]))
        out.append(f"<code>{_visible(m.group(1))}</code>")
        pos = m.end()
    out.append(_visible(text[pos:]))
    return "".join(out)


def _explained(f: Finding) -> str:
    """A finding in one line for a person: its rule, message, suggestion and
    whether its fix is applied by ``fix`` or needs a person's eye."""
    line = f"{f.rule}: {f.message}"
    if f.suggestion and f.suggestion not in f.message:
        line += f" — {f.suggestion}"
    if f.fix is not None:
        line += " (safe fix)" if f.fix.safe else " (fix needs review)"
    return line


def _card_data(report: DocumentReport) -> dict:
    """What the hover cards show: each citation's facts, and each reference entry's
    text once (a group of eighty citations of one entry names it eighty times)."""
    cited = {c.reference for c in report.citations}
    fid = {id(f): f"F{i}" for i, f in enumerate(report.findings, 1)}
    per_citation: dict[str, list[dict]] = defaultdict(list)
    for f in report.findings:
        if f.citation:
            per_citation[f.citation].append(
                {"id": fid[id(f)], "severity": f.severity, "explained": _explained(f)}
            )
    citations = {
        c.id: {
            "text": c.text,
            "source": c.source,
            "style": c.style,
            "date": c.date,
            "precision": c.date_precision,
            "written": c.date_raw,
            "locator": c.locator,
            "reference": c.reference,
            "match": c.match,
            "line": c.line,
            "findings": per_citation.get(c.id, []),
            **_library_card(c.trace),
        }
        for c in report.citations
    }
    references = {r.id: r.text for r in report.references if r.id in cited}
    return {"citations": citations, "references": references}


def _side_list(report: DocumentReport) -> str:
    fid = {id(f): f"F{i}" for i, f in enumerate(report.findings, 1)}
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        groups[f.code].append(f)
    if not groups:
        return '<p class="none">No findings.</p>'
    parts = []
    for code in sorted(groups):
        items = groups[code]
        rule = REGISTRY[items[0].rule]
        parts.append(
            f'<details open class="group r-{code}"><summary>'
            f'<span class="badge sev-{rule.severity}">{rule.severity}</span> '
            f"{escape(code)} <b>{escape(rule.name)}</b> "
            f'<span class="count">{len(items)}</span></summary><ol>'
        )
        for f in items:
            parts.append(
                f'<li class="item r-{code} sev-{f.severity}"><a href="#" class="jump" '
                f'data-target="{fid[id(f)]}">'
                f'<span class="at">{_at(f)}</span> {_quoted_as_code(_explained(f))}'
                "</a></li>"
            )
        parts.append("</ol></details>")
    return "".join(parts)


def _filters(report: DocumentReport) -> str:
    names = {f.code: f.rule for f in report.findings}
    codes = sorted(names)
    severities = [s for s in _SEVERITIES if any(f.severity == s for f in report.findings)]
    if not codes:
        return ""
    boxes = [
        f'<label><input type="checkbox" checked data-hide="hide-sev-{s}"> {s}</label>'
        for s in severities
    ]
    boxes += [
        f'<label><input type="checkbox" checked data-hide="hide-{c}"> {c} '
        f"<small>{escape(names[c])}</small></label>"
        for c in codes
    ]
    return (
        '<fieldset class="filters"><legend>Show findings</legend>' + "".join(boxes) + "</fieldset>"
    )


def _references(report: DocumentReport, colours: dict[str, int]) -> str:
    reached: dict[str, list[Citation]] = defaultdict(list)
    for c in report.citations:
        for ref_id in {c.reference, *c.author_references} - {None}:
            reached[ref_id].append(c)
    rows = []
    for r in report.references:
        cites = reached.get(r.id, [])
        links = " ".join(
            f'<a href="#" class="jump-cite" data-target="{escape(c.id)}">{_at(c)}</a>'
            for c in cites
        )
        status = (
            f'<span class="ok">{len(cites)} citation{"s" if len(cites) != 1 else ""}</span> {links}'
            if cites
            else '<span class="badge sev-warning">never cited</span>'
        )
        rows.append(
            f'<li><span class="ref-text">{_visible(r.text)}</span><br><span class="ref-key">'
            f"{escape(r.id)} · key {_visible(r.key)}</span> · {status}</li>"
        )
    missing = Counter(
        c.source for c in report.citations if not c.reference and not c.author_references
    )
    for source, n in sorted(missing.items()):
        targets = [c for c in report.citations if c.source == source and not c.reference]
        links = " ".join(
            f'<a href="#" class="jump-cite" data-target="{escape(c.id)}">{_at(c)}</a>'
            for c in targets
        )
        rows.append(
            f'<li class="missing"><span class="ref-text src-{colours.get(source, 0)}">'
            f"{_visible(source)}</span><br>"
            f'<span class="badge sev-error">no entry</span> cited {n}× {links}</li>'
        )
    if not rows:
        return "<p>No reference list was found.</p>"
    return '<ol class="refs">' + "".join(rows) + "</ol>"


def render_html(report: DocumentReport, index_href: str | None = None) -> str:
    """The annotated page of one document."""
    colours = source_colours(report.citations)
    severities = Counter(f.severity for f in report.findings)
    style = _asset("report.css") + _filter_css(report)
    script = _asset("report.js")
    csp = (
        f"default-src 'none'; style-src '{_sha256(style)}'; script-src '{_sha256(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    back = f'<a class="back" href="{escape(index_href)}">← all documents</a>' if index_href else ""
    summary = (
        f"{len(report.citations)} citations · {len(report.references)} references · "
        f'<span class="badge sev-error">{severities["error"]} errors</span> '
        f'<span class="badge sev-warning">{severities["warning"]} warnings</span> '
        f'<span class="badge sev-info">{severities["info"]} info</span>'
    )
    return f"""{_head(f"{report.path} — citetrace", csp, style)}
<body>
<header>{back}<h1>{_visible(report.path)}</h1><p class="summary">{summary}</p>
<p class="hint">Hover or focus a highlighted citation (Tab) to see its source and the claim it
supports; <kbd>n</kbd>/<kbd>p</kbd> jump to the next or previous finding, <kbd>Esc</kbd> closes
the card.</p>
<nav class="jumps" aria-label="Jump to"><a href="#side">Findings</a> ·
<a href="#pictures">Pictures</a> · <a href="#references">Reference list</a></nav></header>
<div class="layout">
<main id="text" aria-label="Document text"><div class="doc">{annotate(report, colours)}</div></main>
<aside id="side" aria-label="Findings"><h2>Findings</h2>{_filters(report)}
{_side_list(report)}</aside>
</div>
<section id="pictures" aria-label="Pictures"><h2>Citations per source</h2>
{source_bars(report.citations, colours)}
<h2>Cited dates</h2>
{timeline(report.citations, colours)}</section>
<section id="references" aria-label="Reference list"><h2>Reference list</h2>
{_references(report, colours)}</section>
<div id="card" role="tooltip" hidden></div>
<div class="stepper" aria-label="Findings, one after another"><button type="button" data-step="p"
aria-label="Previous finding">◀ finding</button><button type="button" data-step="n"
aria-label="Next finding">finding ▶</button></div>
<script type="application/json" id="data">{_json_for_script(_card_data(report))}</script>
<script>{script}</script>
</body>
</html>
"""


def _head(title: str, csp: str, style: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="citetrace {__version__}">
<title>{_shown(title)}</title>
<style>{style}</style>
</head>"""


def _filter_css(report: DocumentReport) -> str:
    rules = []
    for code in sorted({f.code for f in report.findings}):
        rules.append(
            f"body.hide-{code} li.r-{code}{{display:none}}"
            f"body.hide-{code} .f.r-{code}{{text-decoration:none;background:none}}"
            f"body.hide-{code} details.r-{code}{{opacity:.5}}"
        )
    for severity in _SEVERITIES:
        rules.append(
            f"body.hide-sev-{severity} li.sev-{severity}{{display:none}}"
            f"body.hide-sev-{severity} .f.sev-{severity}{{text-decoration:none;background:none}}"
        )
    return "".join(rules)


def render_index(
    reports: Sequence[DocumentReport],
    pages: Sequence[str],
    failures: Sequence[tuple[str, str]] = (),
) -> str:
    """An index page with the totals per document, and the inputs that could
    not be read (``failures``: path and reason)."""
    style = _asset("report.css")
    csp = f"default-src 'none'; style-src '{_sha256(style)}'; base-uri 'none'; form-action 'none'"
    rows = []
    for report, page in zip(reports, pages, strict=True):
        sev = Counter(f.severity for f in report.findings)
        rows.append(
            f'<tr><td><a href="{escape(quote(page))}">{_visible(report.path)}</a></td>'
            f"<td>{len(report.citations)}</td><td>{len(report.references)}</td>"
            f"<td>{sev['error']}</td><td>{sev['warning']}</td><td>{sev['info']}</td></tr>"
        )
    for path, reason in failures:
        rows.append(
            f'<tr class="failed"><td>{_visible(path)}</td>'
            f'<td colspan="5">not audited: {_visible(reason)}</td></tr>'
        )
    totals = Counter(f.severity for r in reports for f in r.findings)
    return f"""{_head("citetrace report", csp, style)}
<body>
<header><h1>citetrace report</h1><p class="summary">{len(reports)} documents ·
{sum(len(r.citations) for r in reports)} citations · {totals["error"]} errors ·
{totals["warning"]} warnings · {totals["info"]} info</p></header>
<main class="index"><table><thead><tr><th>document</th><th>citations</th><th>references</th>
<th>errors</th><th>warnings</th><th>info</th></tr></thead><tbody>{"".join(rows)}</tbody></table></main>
</body>
</html>
"""


def _at(record: Citation | Finding) -> str:
    """Where a citation or finding stands, escaped (see :func:`spot`)."""
    return escape(spot(record.line, record.column, record.origin))


_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_VERDICT_WORDS = {
    "found": "found",
    "altered": "altered; the source reads",
    "elsewhere": "not here, but in",
    "not-found": "not found in the library",
    "unclear": "too damaged to tell in",
}


def _mark(word: str, verdict: str, quoted: set[str]) -> str:
    """How a source word is marked: matching in a found quotation, differing where
    the quotation lacks it, not at all for a mark of punctuation."""
    if not folded_words(word):
        return ""
    if verdict == "found":
        return "same"
    return "" if fold_in(word, quoted) else "differs"


def fold_in(word: str, quoted: set[str]) -> bool:
    """Whether the source's ``word`` is among the quotation's (folded) words (a
    mark of punctuation is no word, and among none)."""
    found = set(folded_words(word))
    return bool(found) and found <= quoted


def folded_words(text: str) -> list[str]:
    """The words of ``text``, folded, without the punctuation around them."""
    return _WORDS.findall(fold(text))


def _library_card(trace: dict | None) -> dict:
    """What the hover card shows of the source library: the documents, each
    quotation's verdict with the source's own words, and for a claim without
    quotation the passage that supports it best, when it was looked for
    (``claim-unsupported`` selected), its words the claim has marked."""
    if trace is None:
        return {}
    documents = [f"{d['source']} {d['date'] or ''}".strip() for d in trace.get("documents", ())]
    quotes = []
    for q in trace.get("quotations", ()):
        where = ""
        if "document" in q:
            d = q["document"]
            where = f"{d['source']} {d['date'] or ''}, p. {q['page']}".replace(" ,", ",")
        # the source's passage in its page: a found one's words marked as matching,
        # an altered one's words that differ from the quotation marked as differing
        quoted = set(folded_words(q["text"]))
        marked = [[w, _mark(w, q["verdict"], quoted)] for w in q.get("source_words", "").split()]
        said = _VERDICT_WORDS[q["verdict"]]
        if q.get("words_differ"):
            said = "not here; a passage like it, with words that differ, in"
        quotes.append({"verdict": q["verdict"], "said": said,
                       "where": where, "words": marked, "before": q.get("source_before", ""),
                       "after": q.get("source_after", "")})  # fmt: skip
    if trace.get("support"):
        quotes.append(_support_card(trace["support"]))
    return {"library": ", ".join(documents) or "not in the library", "quotes": quotes}


def _support_card(support: dict) -> dict:
    """The best supporting passage as a card entry: the claim's words in it marked."""
    d = support["document"]
    wanted = set(support.get("words", ()))  # the claim's words the passage has
    return {
        "verdict": "support",
        "said": f"the claim's best passage ({support['score']:.0%} of its words) in",
        "where": f"{d['source']} {d['date'] or ''}, p. {support['page']}".replace(" ,", ","),
        "words": [[w, "same" if fold_in(w, wanted) else ""] for w in support["passage"].split()],
        "before": "",
        "after": "",
    }
