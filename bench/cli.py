"""What users feel: the whole command, on the repeated paper and on real articles.

Run by hand: ``python bench/cli.py [--articles DIR] [--quick]``. Every figure
comes from a subprocess running ``citetrace`` as a user would, and the
comparisons are taken side by side in one run (best of a few, in turn), so
that their ratios hold however fast the shared machine is at the moment:

1. ``citetrace audit big.txt --format json -o out.json`` on the paper's body
   repeated to 10 MB, beside eyecite's ``get_citations`` and a bare
   ``re.finditer`` parenthesis scan on the same text (eyecite and the scan on
   the 1 MB text, scaled: eyecite reads about 0.4 MB/s);
2. the text format on the same input, beside the JSON one;
3. a folder of real articles (``--articles``: plain-text files, such as the
   JATS dev set flattened by its converter) as ``--format jsonl``, with
   ``--jobs 1``, ``--jobs 2`` and the default, and with the OCR rules off;
4. the default ``--jobs`` against ``--jobs 1`` for batches of 1 to 1,000
   copies of the paper;
5. peak memory of the largest run, and cold starts of ``--version`` and of an
   audit of the paper.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "akino-1988-soviet-asia.txt"
CITETRACE = shutil.which("citetrace") or str(Path(sys.executable).with_name("citetrace"))


def paper(megabytes: float) -> str:
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("#### References")
    body, references = text[:cut], text[cut:]
    return body * (int(megabytes * 1e6 / len(body.encode())) + 1) + references


def command(*args: str, quiet: bool = True) -> float:
    """Seconds of one run of ``citetrace ARGS`` (its output discarded)."""
    start = time.perf_counter()
    subprocess.run(
        [CITETRACE, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL if quiet else None,
        check=False,
    )
    return time.perf_counter() - start


def best(runs: int, *alternatives):
    """The best time of each callable, taking turns ``runs`` times."""
    times = [float("inf")] * len(alternatives)
    for _ in range(runs):
        for i, run in enumerate(alternatives):
            times[i] = min(times[i], run())
    return times


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def end_to_end(work: Path, megabytes: float, runs: int) -> None:
    big, small = work / "big.txt", work / "small.txt"
    big.write_text(paper(megabytes), encoding="utf-8")
    small.write_text(paper(1), encoding="utf-8")
    size, small_size = big.stat().st_size / 1e6, small.stat().st_size / 1e6
    out = work / "out"
    json_s, text_s = best(
        runs,
        lambda: command("audit", str(big), "--format", "json", "-o", str(out) + ".json"),
        lambda: command("audit", str(big), "-o", str(out) + ".txt"),
    )
    print(f"CLI audit, {size:.1f} MB, JSON to a file: {json_s:.2f} s ({size / json_s:.1f} MB/s)")
    ratio = text_s / json_s
    print(f"CLI audit, {size:.1f} MB, text to a file: {text_s:.2f} s (text / JSON {ratio:.2f})")
    text = small.read_text(encoding="utf-8")
    scan = re.compile(r"\([^()]*\)")
    scan_s = best(runs, lambda: timed(lambda: sum(1 for _ in scan.finditer(text))))[0]
    print(f"bare paren scan, {small_size:.1f} MB: {small_size / scan_s:.0f} MB/s")
    try:
        from eyecite import get_citations
    except ImportError:
        print("eyecite: not installed (pip install eyecite) — no comparison")
        return
    eyecite_s = best(1, lambda: timed(lambda: get_citations(text)))[0]
    eyecite_rate = small_size / eyecite_s
    print(
        f"eyecite get_citations, {small_size:.1f} MB: {eyecite_s:.2f} s ({eyecite_rate:.2f} MB/s)"[
            :99
        ]
    )
    print(f"CLI JSON end to end / eyecite: {size / json_s / eyecite_rate:.1f}x")


def articles(folder: Path, work: Path, runs: int) -> None:
    files = sorted(folder.rglob("*.txt"))
    if not files:
        print(f"no articles under {folder}")
        return
    corpus = work / "articles"
    corpus.mkdir(exist_ok=True)
    for i, path in enumerate(files):
        shutil.copyfile(path, corpus / f"{i:03d}-{path.name}")
    size = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
    base = ["audit", str(corpus), "--format", "jsonl", "-q", "-o", str(work / "a.jsonl")]
    one, two, default, no_ocr = best(
        runs,
        lambda: command(*base, "--jobs", "1"),
        lambda: command(*base, "--jobs", "2"),
        lambda: command(*base),
        lambda: command(*base, "--jobs", "1", "--ocr", "off"),
    )
    print(f"{len(files)} articles, {size:.1f} MB, jsonl:")
    print(f"  --jobs 1 {one:.2f} s, --jobs 2 {two:.2f} s ({one / two:.2f}x)")
    print(f"  default --jobs {default:.2f} s")
    print(f"  OCR rules on / off (--jobs 1): {one / no_ocr:.2f}x ({no_ocr:.2f} s off)")


def batch_curve(work: Path, runs: int, sizes: tuple[int, ...]) -> None:
    text = SEED.read_text(encoding="utf-8")
    print("batch of copies of the paper: default --jobs / --jobs 1")
    for n in sizes:
        folder = work / f"batch{n}"
        folder.mkdir(exist_ok=True)
        for i in range(n):
            (folder / f"d{i:04d}.txt").write_text(text, encoding="utf-8")
        args = ("audit", str(folder), "--format", "jsonl", "-q", "-o", str(work / "b.jsonl"))
        one, default = best(
            runs, lambda a=args: command(*a, "--jobs", "1"), lambda a=args: command(*a)
        )
        print(f"  {n:5d} documents: --jobs 1 {one:.2f} s, default {default:.2f} s", end="")
        print(f" (default / --jobs 1: {default / one:.2f})")


def cold_starts(runs: int) -> None:
    version, audit = best(
        max(runs, 5), lambda: command("--version"), lambda: command("audit", str(SEED))
    )
    print(f"cold --version {version * 1000:.0f} ms, cold audit of the paper {audit * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=Path("/tmp/ct-dev-jats"))
    parser.add_argument("--quick", action="store_true", help="2 MB, one run each, batches to 100")
    args = parser.parse_args()
    runs = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        end_to_end(work, 2 if args.quick else 10, runs)
        articles(args.articles, work, runs)
        batch_curve(work, runs, (1, 10, 100) if args.quick else (1, 10, 100, 1000))
        cold_starts(runs)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of any run: {peak:.0f} MB")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
