"""Stable identities for findings, so that unrelated edits do not make them new.

A finding's fingerprint is its rule and its own text, with the citation it
concerns and the last words of that citation's claim, all with white space
folded; an occurrence number tells identical ones apart. Line numbers and
offsets play no part, so inserting a paragraph above a finding or reflowing
its lines leaves the fingerprint as it was; editing the citation changes it.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from citetrace.model import DocumentReport

CONTEXT_CHARS = 40


def _fold_space(text: str) -> str:
    return " ".join(text.split())


def fingerprints(report: DocumentReport) -> list[str]:
    """One fingerprint per finding of ``report``, in the same order."""
    citations = {c.id: c for c in report.citations}
    seen: Counter[str] = Counter()
    out = []
    for f in report.findings:
        context = ""
        cited = citations.get(f.citation) if f.citation else None
        if cited is not None:
            context = _fold_space(cited.text) + "|" + _fold_space(cited.claim.text)[-CONTEXT_CHARS:]
        key = f"{f.code}|{_fold_space(f.text)}|{context}"
        seen[key] += 1
        digest = hashlib.sha256(f"{key}|{seen[key]}".encode("utf-8", "surrogatepass")).hexdigest()[
            :20
        ]
        out.append(f"{f.rule}:{digest}")
    return out
