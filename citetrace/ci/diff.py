"""Comparing two editions of one text: which citations were lost, added, changed or moved.

Citations are aligned by what they say and what they support, never by
offset: first identical citations with identical claims, then citations whose
claim is unchanged (the citation was edited), then identical citations whose
claim was edited, then near matches. Aligned citations whose order changed
are reported as moved.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from citetrace.ci.identity import fingerprints
from citetrace.model import Citation, DocumentReport, Finding

NEAR_CLAIM = 80.0


def _norm(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Pair:
    """One citation in both editions."""

    old: Citation
    new: Citation
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)
    claim_changed: bool = False
    moved: bool = False


@dataclass
class EditionDiff:
    """What changed between two editions of one document."""

    old_path: str
    new_path: str
    removed: list[Citation] = field(default_factory=list)
    added: list[Citation] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    findings_introduced: list[Finding] = field(default_factory=list)
    findings_resolved: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> list[Pair]:
        return [p for p in self.pairs if p.changes]

    @property
    def claims_changed(self) -> list[Pair]:
        return [p for p in self.pairs if p.claim_changed and not p.changes]

    @property
    def moved(self) -> list[Pair]:
        return [p for p in self.pairs if p.moved]


_FIELDS = ("source", "date", "locator", "text")


def diff_reports(old: DocumentReport, new: DocumentReport) -> EditionDiff:
    """Align the citations of two editions and compare their findings."""
    result = EditionDiff(old.path, new.path)
    left = list(old.citations)
    right = list(new.citations)
    matched: dict[int, int] = {}

    def match_by(key) -> None:
        pool: dict[object, list[int]] = defaultdict(list)
        for j, c in enumerate(right):
            if j not in matched.values():
                pool[key(c)].append(j)
        for i, c in enumerate(left):
            if i in matched:
                continue
            candidates = pool.get(key(c))
            if candidates:
                matched[i] = candidates.pop(0)

    match_by(lambda c: (_norm(c.text), _norm(c.claim.text)))
    match_by(lambda c: _norm(c.claim.text) if c.claim.text else object())
    match_by(lambda c: (_norm(c.text), c.source))
    _match_near(left, right, matched)

    for i, j in sorted(matched.items()):
        a, b = left[i], right[j]
        pair = Pair(a, b)
        for name in _FIELDS:
            if name == "text" and pair.changes:
                continue
            before, after = getattr(a, name), getattr(b, name)
            if (_norm(before) if isinstance(before, str) else before) != (
                _norm(after) if isinstance(after, str) else after
            ):
                pair.changes[name] = (before, after)
        pair.claim_changed = _norm(a.claim.text) != _norm(b.claim.text)
        result.pairs.append(pair)
    _mark_moved(result.pairs)
    result.removed = [c for i, c in enumerate(left) if i not in matched]
    taken = set(matched.values())
    result.added = [c for j, c in enumerate(right) if j not in taken]
    result.findings_introduced, result.findings_resolved = _finding_changes(old, new)
    return result


def _match_near(left: list[Citation], right: list[Citation], matched: dict[int, int]) -> None:
    taken = set(matched.values())
    for i, a in enumerate(left):
        if i in matched:
            continue
        best, best_score = None, NEAR_CLAIM
        for j, b in enumerate(right):
            if j in taken or a.source != b.source:
                continue
            score = fuzz.ratio(_norm(a.claim.text), _norm(b.claim.text))
            if score >= best_score:
                best, best_score = j, score
        if best is not None:
            matched[i] = best
            taken.add(best)


def _mark_moved(pairs: list[Pair]) -> None:
    """Pairs outside the longest run kept in order moved."""
    order = sorted(range(len(pairs)), key=lambda k: pairs[k].old.start)
    sequence = [pairs[k].new.start for k in order]
    keep = _longest_increasing(sequence)
    for position, k in enumerate(order):
        pairs[k].moved = position not in keep


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_index.append(i)
        else:
            tails[k] = v
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k > 0 else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


def _finding_changes(
    old: DocumentReport, new: DocumentReport
) -> tuple[list[Finding], list[Finding]]:
    old_fps, new_fps = fingerprints(old), fingerprints(new)
    return unmatched(new.findings, new_fps, old_fps), unmatched(old.findings, old_fps, new_fps)


def unmatched(findings: tuple[Finding, ...], fps: list[str], others: list[str]) -> list[Finding]:
    """The findings whose fingerprint has no partner among ``others`` (a multiset)."""
    remaining = Counter(others)
    out = []
    for finding, fp in zip(findings, fps, strict=True):
        if remaining[fp] > 0:
            remaining[fp] -= 1
        else:
            out.append(finding)
    return out
