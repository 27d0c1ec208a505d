"""Baselines: today's findings recorded, so that a check reports only new ones."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from citetrace.ci.diff import unmatched
from citetrace.ci.identity import fingerprints
from citetrace.model import DocumentReport, Finding
from citetrace.output import write_atomic

BASELINE_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read; the message is one line for the user."""


@dataclass
class Baseline:
    """Fingerprints per document path (relative to the baseline's folder)."""

    entries: dict[str, Counter[str]] = field(default_factory=dict)

    @staticmethod
    def key(path: str, baseline_path: str) -> str:
        """A document's path as the baseline stores it: relative, with ``/``."""
        base = Path(baseline_path).resolve().parent
        try:
            return Path(os.path.relpath(Path(path).resolve(), base)).as_posix()
        except ValueError:  # another drive
            return Path(path).resolve().as_posix()

    @classmethod
    def read(cls, path: str) -> Baseline:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if data.get("version") != BASELINE_VERSION:
                raise BaselineError(f"{path}: unsupported baseline version {data.get('version')!r}")
            entries = {
                doc: Counter(item["fingerprint"] for item in items)
                for doc, items in data["documents"].items()
            }
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline file") from None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BaselineError(f"{path}: not a citetrace baseline ({exc})") from None
        return cls(entries)

    def filter(
        self, report: DocumentReport, baseline_path: str
    ) -> tuple[list[Finding], Counter[str]]:
        """The findings of ``report`` not in the baseline, and the fingerprints it matched."""
        known = self.entries.get(self.key(report.path, baseline_path), Counter())
        fps = fingerprints(report)
        fresh = unmatched(report.findings, fps, list(known.elements()))
        matched = Counter(fps) & known
        return fresh, matched


def write_baseline(path: str, reports: list[DocumentReport], inputs: list[str]) -> int:
    """Record every finding of ``reports`` in ``path``; returns how many."""
    documents: dict[str, list[dict]] = {}
    count = 0
    for report in reports:
        items = [
            {"fingerprint": fp, "rule": f.rule, "line": f.line, "text": f.text}
            for f, fp in zip(report.findings, fingerprints(report), strict=True)
        ]
        if items:
            documents[Baseline.key(report.path, path)] = items
            count += len(items)
    payload = {"version": BASELINE_VERSION, "documents": documents}
    write_atomic(path, json.dumps(payload, ensure_ascii=False, indent=2) + "\n", inputs)
    return count


def prune_baseline(path: str, reports: list[DocumentReport], inputs: list[str]) -> int:
    """Drop from ``path`` the findings that are gone; returns how many were dropped."""
    baseline = Baseline.read(path)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    audited = {Baseline.key(r.path, path): r for r in reports}
    dropped = 0
    for doc, items in list(data["documents"].items()):
        report = audited.get(doc)
        if report is None:
            continue
        _, matched = baseline.filter(report, path)
        kept = []
        for item in items:
            if matched[item["fingerprint"]] > 0:
                matched[item["fingerprint"]] -= 1
                kept.append(item)
        dropped += len(items) - len(kept)
        if kept:
            data["documents"][doc] = kept
        else:
            del data["documents"][doc]
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", inputs)
    return dropped
