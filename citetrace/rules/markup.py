"""Rules on the links a file's markup made: the check a journal's production team runs.

JATS articles (and TEI editions) mark each citation with the id of the entry
it means. These rules check each such link against the text: it must lead to
an entry, and the cited author and year must agree with that entry.
"""

from __future__ import annotations

from collections.abc import Iterator

from citetrace.linking.markup import cited_year, covering, link_agrees
from citetrace.model import Finding
from citetrace.rules.base import Rule, RuleContext, rule


@rule("CT701", "dangling-link", "error", "A marked citation whose link leads to no entry.")
def dangling_link(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """A citation the markup placed (JATS `<xref rid="…">`, TEI `<ref target="#…">`)
    must point at an entry of the reference list; a reader who follows this
    link finds nothing. Only documents whose markup marks entries are checked.

    Example: `<xref ref-type="bibr" rid="bib51">Lee, 2004</xref>` when no `<ref id="bib51">` exists.
    """
    markup = ctx.doc.markup
    if not markup.entries:
        return
    ids = {e.id for e in markup.entries}
    for marked in markup.citations:
        missing = [t for t in marked.targets if t not in ids]
        if missing:
            what = ", ".join(f"'{t}'" for t in missing)
            yield ctx.finding(
                self,
                marked.start,
                marked.end,
                f"the markup links this citation to {what}, which the reference list does not have",
                suggestion="point the link at the entry it means, or add the entry",
            )


@rule(
    "CT702",
    "link-disagrees",
    "warning",
    "A marked citation whose author or year disagrees with the entry it links to.",
)
def link_disagrees(self: Rule, ctx: RuleContext) -> Iterator[Finding]:
    """The markup says which entry a citation means; the citation's author and
    year should be that entry's. A disagreement is a wrong link or a wrong
    citation, and the published article sends its readers to the wrong work.

    Example: `<xref rid="bib12">Lee et al., 2004</xref>` when `bib12` is `Lee J. 2005. …`.
    """
    markup = ctx.doc.markup
    by_entry = ctx.marked_entries
    entries = {e.id: e for e in markup.entries}
    for marked in markup.citations:
        targets = [t for t in marked.targets if t in entries]
        if not targets:
            continue
        text = ctx.doc.text[marked.start : marked.end]
        cited = covering(ctx.citations, marked)
        if any(link_agrees(text, cited, entries[t], by_entry.get(t)) for t in targets):
            continue
        entry = entries[targets[0]]
        ref = by_entry.get(targets[0])
        names = entry.surnames or (ref.authors if ref else ())
        who = ", ".join(names[:2]) + (" et al." if len(names) > 2 else "") or "?"
        entry_year = entry.year or (ref.year if ref else None)
        year = cited_year(text) or next((c.year for c in cited if c.year), None)
        flat = " ".join(text.split())
        if year and entry_year and year[:4] != entry_year[:4]:
            message = (
                f"'{flat}' is cited for {year}, but the entry the markup links it to "
                f"('{entry.id}', {who}) is {entry_year}"
            )
        else:
            message = (
                f"'{flat}' names none of the authors of the entry the markup links it to "
                f"('{entry.id}', {who}, {entry_year or 'no year'})"
            )
        yield ctx.finding(
            self,
            marked.start,
            marked.end,
            message,
            citation=cited[0].id if cited else None,
            suggestion="check the link and the citation against each other",
        )
