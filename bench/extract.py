"""Extraction and full-audit throughput on the bundled paper, concatenated.

Run by hand: ``python bench/extract.py [--mb 10]``. Prints MB/s on one core
and the cold start of ``citetrace --version``. Figures go in bench/README.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from citetrace import audit_text
from citetrace.extraction import find_citations
from citetrace.inputs.document import Document
from citetrace.linking.references import parse_references
from citetrace.linking.resolve import Resolver

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "akino-1988-soviet-asia.txt"


def paper() -> tuple[str, str]:
    """The seed's body and its reference list."""
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("#### References")
    return text[:cut], text[cut:]


def build(megabytes: float) -> str:
    """The seed's body repeated to ``megabytes``, with its reference list once at the end."""
    body, references = paper()
    copies = max(1, int(megabytes * 1_000_000 / len(body.encode("utf-8"))) + 1)
    return body * copies + references


_MISREADINGS = (("m", "rn"), ("rn", "m"), ("l", "I"), ("e", "c"), ("h", "b"), ("d", "cl"))


def damage(word: str, rng: random.Random) -> str:
    """``word`` with one OCR-like error: a misread glyph, a dropped, doubled or
    swapped letter, or a wrong one."""
    i = rng.randrange(1, len(word) - 1)
    roll = rng.random()
    if roll < 0.3:
        for seen, read in rng.sample(_MISREADINGS, len(_MISREADINGS)):
            at = word.find(seen, 1)
            if at > 0:
                return word[:at] + read + word[at + len(seen) :]
    if roll < 0.5:
        return word[:i] + word[i + 1 :]
    if roll < 0.6:
        return word[:i] + word[i] + word[i:]
    if roll < 0.8:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + word[i + 1 :]


def build_varied(megabytes: float, rate: float = 0.01, seed: int = 1) -> str:
    """Like :func:`build`, but each copy of the body has its own OCR damage: one
    word of five or more letters in a hundred damaged anew, so that, as in a
    real book, the damaged words are mostly distinct and their number grows
    with the text."""
    body, references = paper()
    rng = random.Random(seed)
    pieces = body.split(" ")
    copies, size = [], 0
    while size < megabytes * 1_000_000:
        copy = " ".join(
            damage(p, rng) if len(p) >= 5 and p.isalpha() and rng.random() < rate else p
            for p in pieces
        )
        copies.append(copy)
        size += len(copy.encode("utf-8"))
    return "".join(copies) + references


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
