"""Extraction and full-audit throughput on the bundled paper, concatenated.

Run by hand: ``python bench/extract.py [--mb 10]``. Prints MB/s on one core
and the cold start of ``citetrace --version``. Figures go in bench/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from citetrace import audit_text
from citetrace.document import Document
from citetrace.extraction import find_citations
from citetrace.references import parse_references
from citetrace.resolve import Resolver

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "akino-1988-soviet-asia.txt"


def build(megabytes: float) -> str:
    """The seed's body repeated to ``megabytes``, with its reference list once at the end."""
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("#### References")
    body, references = text[:cut], text[cut:]
    copies = max(1, int(megabytes * 1_000_000 / len(body.encode("utf-8"))) + 1)
    return body * copies + references


def best_of(runs: int, func) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def extraction(text: str) -> int:
    doc = Document.from_text(text)
    resolver = Resolver(parse_references(doc))
    return len(find_citations(doc, resolver.known_author))


def cold_start(args: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=10.0, help="size of the text in MB")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    text = build(args.mb)
    size = len(text.encode("utf-8")) / 1_000_000
    audit_text("warm up (Pravda, 1987. 5. 1).\n\nReferences\n\nPravda\n")
    count = extraction(text)
    t_extract = best_of(args.runs, lambda: extraction(text))
    report = audit_text(text)
    t_audit = best_of(args.runs, lambda: audit_text(text))
    exe = [sys.executable, "-m", "citetrace"]
    print(f"text: {size:.1f} MB, {count} citations, {len(report.findings)} findings")
    print(f"extraction:  {size / t_extract:7.1f} MB/s  ({t_extract * 1000 / size:.1f} ms/MB)")
    print(f"full audit:  {size / t_audit:7.1f} MB/s  ({t_audit * 1000 / size:.1f} ms/MB)")
    print(f"cold start, citetrace --version:   {cold_start([*exe, '--version']) * 1000:.0f} ms")
    audit = [*exe, "audit", str(SEED), "--format", "json"]
    print(f"cold start, citetrace audit (seed): {cold_start(audit) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
