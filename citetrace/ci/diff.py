"""Comparing two editions of one text: which citations were lost, added, changed or moved.

Citations are aligned by what they say and what they support, never by
offset: first identical citations with identical claims, then citations whose
claim is unchanged (the citation was edited), then identical citations whose
claim was edited, then near matches. Every exact step looks citations up by
key, and a near match is sought only among the unmatched citations of the same
source at about the same rank, so the cost grows linearly with the editions.
Aligned citations whose order changed are reported as moved.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Container, Hashable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from citetrace.ci.identity import fingerprints
from citetrace.model import Citation, DocumentReport, Finding

NEAR_CLAIM = 80.0
NEAR_WINDOW = 64


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
    taken: set[int] = set()
    for key in _EXACT_KEYS:
        _match_by([key(c) for c in left], [key(c) for c in right], matched, taken)
    _match_near(left, right, matched, taken)

    for i, j in sorted(matched.items()):
        result.pairs.append(_pair(left[i], right[j]))
    _mark_moved(result.pairs)
    result.removed = [c for i, c in enumerate(left) if i not in matched]
    result.added = [c for j, c in enumerate(right) if j not in taken]
    introduced, resolved = _finding_changes(old, new)
    result.findings_introduced, result.findings_resolved = _carried(
        introduced, resolved, result.pairs
    )
    return result


def _carried(
    introduced: list[Finding], resolved: list[Finding], pairs: list[Pair]
) -> tuple[list[Finding], list[Finding]]:
    """Introduced and resolved findings, less those a changed citation carried
    over: the same rule on the old and the new form of one citation (its date
    edited, say) is neither new nor resolved."""
    partner = {p.old.id: p.new.id for p in pairs}
    waiting: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(introduced):
        if f.citation:
            waiting.setdefault((f.citation, f.rule), []).append(i)
    kept_old, dropped_new = [], set()
    for f in resolved:
        match = waiting.get((partner.get(f.citation or "", ""), f.rule))
        if f.citation and match:
            dropped_new.add(match.pop(0))
        else:
            kept_old.append(f)
    return [f for i, f in enumerate(introduced) if i not in dropped_new], kept_old


def _same_citation_and_claim(c: Citation) -> Hashable:
    return (_norm(c.text), _norm(c.claim.text))


def _same_claim(c: Citation) -> Hashable:
    """A citation without a claim gets a fresh key, so it matches nothing on its claim."""
    return _norm(c.claim.text) if c.claim.text else object()


def _same_citation(c: Citation) -> Hashable:
    return (_norm(c.text), c.source)


_EXACT_KEYS: tuple[Callable[[Citation], Hashable], ...] = (
    _same_citation_and_claim,
    _same_claim,
    _same_citation,
)


def _match_by(
    old_keys: list[Hashable], new_keys: list[Hashable], matched: dict[int, int], taken: set[int]
) -> None:
    """Pair each unmatched old citation with the first unmatched new one of equal key."""
    pool: dict[Hashable, deque[int]] = defaultdict(deque)
    for j, key in enumerate(new_keys):
        if j not in taken:
            pool[key].append(j)
    for i, key in enumerate(old_keys):
        if i in matched:
            continue
        candidates = pool.get(key)
        if candidates:
            matched[i] = j = candidates.popleft()
            taken.add(j)


def _pair(a: Citation, b: Citation) -> Pair:
    """The pair of ``a`` and ``b`` with the fields that differ."""
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
    return pair


def _match_near(
    left: list[Citation], right: list[Citation], matched: dict[int, int], taken: set[int]
) -> None:
    """Pair the remaining citations of each source whose claims read nearly alike."""
    pending = _by_source(left, matched)
    pools = _by_source(right, taken)
    for source, olds in pending.items():
        news = pools.get(source)
        if news:
            _match_near_source(left, right, olds, news, matched, taken)


def _by_source(citations: list[Citation], skip: Container[int]) -> dict[str, list[int]]:
    """The indexes of the citations not in ``skip``, grouped by source, in order."""
    groups: dict[str, list[int]] = defaultdict(list)
    for k, c in enumerate(citations):
        if k not in skip:
            groups[c.source].append(k)
    return groups


def _match_near_source(
    left: list[Citation],
    right: list[Citation],
    olds: list[int],
    news: list[int],
    matched: dict[int, int],
    taken: set[int],
) -> None:
    """Give each old citation the new one of its source with the closest claim.

    Only the ``NEAR_WINDOW`` new citations nearest its own rank are compared,
    so two unrelated editions citing one source cost linear time; when a source
    has no more unmatched new citations than that, every one is compared.
    """
    claims = {j: _norm(right[j].claim.text) for j in news}
    width = min(NEAR_WINDOW, len(news))
    for rank, i in enumerate(olds):
        claim = _norm(left[i].claim.text)
        first = min(max(rank * len(news) // len(olds) - width // 2, 0), len(news) - width)
        best, best_score = None, NEAR_CLAIM
        for j in news[first : first + width]:
            if j in taken:
                continue
            score = fuzz.ratio(claim, claims[j])
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
