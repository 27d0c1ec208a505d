"""The source library at scale: ingest speed, and what it adds to an audit per citation.

Run by hand: ``python bench/library.py [--documents 100000]``. Makes a library
of generated newspaper articles (sources and dates as the bundled paper's
citations have them, plus many more; about 1 KB of words each, some holding
the paper's quotations), then audits the bundled paper with and without it,
in turn, best of three, so that the ratio holds however fast the shared
machine is at the moment. Prints ingest MB/s and the added milliseconds per
citation.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citetrace.audit import audit_text  # noqa: E402
from citetrace.config import Config  # noqa: E402
from citetrace.library.store import NewDocument, open_library  # noqa: E402
from citetrace.linking.trace import quotations  # noqa: E402

SOURCES = ["Pravda", "Izvestiya", "Trud", "Radio Press", "Rude Pravo", "Sankei Shimbun", "APN"]
WORDS = (
    "the committee plenum minister delegation talks agreement cooperation economic "
    "relations socialist countries party congress meeting visit statement reform policy "
    "border region harvest industry workers plan report conference session secretary"
).split()


def documents(count: int, seed_text: str) -> list[NewDocument]:
    rng = random.Random(7)
    report = audit_text(seed_text)
    quoted = [
        (c.source, c.date, words)
        for c in report.citations
        for start, end, words in quotations(seed_text)
        if c.claim.start <= start and end <= c.claim.end
    ]
    made = []
    for n in range(count):
        source = SOURCES[n % len(SOURCES)]
        date = f"{1980 + rng.randrange(11)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        body = " ".join(rng.choice(WORDS) for _ in range(150))
        if n < len(quoted) * 3:  # the paper's quotations, in the issues it cites
            source, date, quote = quoted[n % len(quoted)]
            date = date or "1987"
            body = f"{body[:400]} {quote} {body[400:]}"
        text = f"{source} {date}. {body}"
        made.append(
            NewDocument(
                f"gen/{n}.txt", hashlib.sha256(text.encode()).hexdigest(), source, date, [text]
            )
        )
    return made


def best(work, rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(spec: str, docs: list[NewDocument], seed: str, name: str) -> None:
    size = sum(len(d.pages[0].encode()) for d in docs) / 1e6
    start = time.perf_counter()
    with open_library(spec, create=True) as library:
        library.add(docs)
    ingest = time.perf_counter() - start
    print(f"{name}: ingest of {len(docs):,} documents, {size:.1f} MB in {ingest:.1f} s "
          f"({size / ingest:.1f} MB/s)")  # fmt: skip
    report = audit_text(seed, "paper.txt", Config(library=spec))
    count = len(report.citations)
    quotes = sum(len((c.trace or {}).get("quotations", ())) for c in report.citations)
    plain = best(lambda: audit_text(seed, "paper.txt"))
    traced = best(lambda: audit_text(seed, "paper.txt", Config(library=spec)))
    added = (traced - plain) / count * 1000
    print(
        f"{name}: audit of the paper {plain * 1000:.0f} ms without the library, "
        f"{traced * 1000:.0f} ms with it ({traced / plain:.2f}x); {count} citations, "
        f"{quotes} quotations: {added:.2f} ms added per citation"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument(
        "--postgres", help="also on PostgreSQL: postgresql://user:pw@host/db (a new schema)"
    )
    args = parser.parse_args()
    seed = (ROOT / "corpus" / "akino-1988-soviet-asia.txt").read_text(encoding="utf-8")
    docs = documents(args.documents, seed)
    with tempfile.TemporaryDirectory() as folder:
        measure(str(Path(folder) / "library.db"), docs, seed, "SQLite")
    if args.postgres:
        schema = f"bench_{int(time.time())}"
        measure(f"{args.postgres}?schema={schema}", docs, seed, "PostgreSQL")


if __name__ == "__main__":
    main()
