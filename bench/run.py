"""The benchmark suite, run by hand: ``python bench/run.py [--quick]``.

Prints, in one run:

- extraction-only and full-audit throughput on one core on the bundled paper
  repeated to 1, 10 and 100 MB, with the cost per MB at each size;
- the same text through ``eyecite.get_citations`` (``pip install eyecite``,
  a bench-only dependency) and through a bare ``re.finditer`` scan, as ratios;
- cold start of ``citetrace --version`` and of ``citetrace audit`` on the paper;
- batch throughput on a generated corpus of 2,000 documents with ``--jobs 1``
  and ``--jobs 2``, with peak memory, and peak memory at 200 documents to
  show that it does not grow with the corpus;
- how far the throughput of one identical 10 MB audit moves from run to run;
- the full audit of text whose damage varies from copy to copy, as in a real
  book, where every distinct damaged word must be judged;
- at the start and at the end, how long a fixed Python loop takes, so that a
  run made while a shared machine was slow can be told from one that was not.

``--quick`` stops at 10 MB and 400 documents.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract import build, build_varied, extraction  # noqa: E402

from citetrace import audit_text  # noqa: E402

BARE = re.compile(r"\([^()]*\)")


def timed(func, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def throughput(sizes: list[float]) -> dict[float, tuple[float, float]]:
    """Best time per MB at each size, each run covering as much text as the
    largest size (the 1 MB text a hundred times over, the 10 MB text ten
    times), two runs of each, the sizes taking turns: on a shared machine
    whose speed changes from second to second, short runs would catch fast
    moments that long ones average away, and sizes measured one after the
    other would meet different speeds; either would pass for a cost per MB
    that changes with size."""
    print("\n## Throughput on one core (bundled paper repeated; equal runs, sizes in turn)")
    print(f"{'size':>8} {'extraction':>14} {'ms/MB':>8} {'full audit':>14} {'ms/MB':>8}")
    audit_text("warm (Pravda, 1987. 5. 1). The assitance.\n\nReferences\n\nPravda\n")
    texts = {mb: build(mb) for mb in sizes}
    repeat = {mb: max(1, round(max(sizes) / mb)) for mb in sizes}
    best = {mb: [float("inf"), float("inf")] for mb in sizes}
    for _ in range(2):
        for mb in sizes:
            text, times = texts[mb], range(repeat[mb])
            t_extract = timed(lambda text=text, times=times: [extraction(text) for _ in times], 1)
            t_audit = timed(lambda text=text, times=times: [audit_text(text) for _ in times], 1)
            best[mb][0] = min(best[mb][0], t_extract / repeat[mb])
            best[mb][1] = min(best[mb][1], t_audit / repeat[mb])
    results = {}
    for mb in sizes:
        size = len(texts[mb].encode("utf-8")) / 1e6
        t_extract, t_audit = best[mb]
        results[mb] = (t_extract / size, t_audit / size)
        print(
            f"{size:7.1f}M {size / t_extract:10.1f} MB/s {1000 * t_extract / size:8.1f}"
            f" {size / t_audit:10.1f} MB/s {1000 * t_audit / size:8.1f}"
        )
    small, large = results[sizes[0]], results[sizes[-1]]
    print(
        f"cost per MB, {sizes[-1]:g} MB vs {sizes[0]:g} MB: extraction "
        f"{large[0] / small[0]:.2f}x, full audit {large[1] / small[1]:.2f}x (linear if <= 1.2x)"
    )
    return results


def spread(mb: float = 10.0, runs: int = 12) -> None:
    """The same audit ``runs`` times in a row: how far one identical run's
    throughput moves with the machine, with the target beside it."""
    text = build(mb)
    size = len(text.encode("utf-8")) / 1e6
    rates = sorted(size / timed(lambda: audit_text(text), 1) for _ in range(runs))
    print(f"\n## Spread: the {size:.1f} MB full audit {runs} times in a row, one run each")
    print(
        f"slowest {rates[0]:.1f}, median {statistics.median(rates):.1f}, fastest {rates[-1]:.1f}"
        f" MB/s; {sum(r >= 10 for r in rates)} of {runs} runs at 10 MB/s or more"
    )


def varied(sizes: list[float], runs: int = 3) -> None:
    """The full audit of text whose damage varies from copy to copy, as in a
    real book: each distinct damaged word is judged on its own, which the
    repeated paper (the same damaged words over and over) never asks for.
    Every run audits a text of its own, so that no word's verdict is cached."""
    print("\n## Text with varied damage (one word in a hundred damaged anew in each copy)")
    for mb in sizes:
        best, typos = float("inf"), 0
        for seed in range(1, runs + 1):
            text = build_varied(mb, seed=seed)
            start = time.perf_counter()
            report = audit_text(text)
            best = min(best, time.perf_counter() - start)
            typos = len({t.text for t in report.typos})
        size = len(text.encode("utf-8")) / 1e6
        print(
            f"{size:5.1f} MB: full audit {size / best:5.1f} MB/s ({1000 * best / size:.0f} ms/MB),"
            f" {typos / size:.0f} distinct damaged words per MB"
        )


def clean_text(mb: float = 10.0) -> None:
    """The same prose with its OCR damage corrected: what a typical text costs."""
    from citetrace.ci.fix import fix_text

    text = (ROOT / "corpus" / "akino-1988-soviet-asia.txt").read_text("utf-8")
    fixed = fix_text(text, unsafe=True).fixed
    cut = fixed.index("#### References")
    body, references = fixed[:cut], fixed[cut:]
    big = body * (int(mb * 1e6) // len(body) + 1) + references
    size = len(big.encode("utf-8")) / 1e6
    t_audit = timed(lambda: audit_text(big), 2)
    print(f"\n## The paper with its OCR errors corrected ({size:.1f} MB)")
    print(f"full audit: {size / t_audit:.1f} MB/s ({1000 * t_audit / size:.1f} ms/MB)")


def comparison(mb: float = 1.0, turns: int = 3) -> None:
    """The same text through citetrace, eyecite and a bare scan, taking turns
    (best of ``turns`` each), each run repeated to last about as long as one
    of eyecite's: the ratios then compare runs made at the same machine speed
    and averaged over the same stretch of time."""
    print(f"\n## Against eyecite and a bare scan ({mb:g} MB; runs of equal length, in turn)")
    text = build(mb)
    size = len(text.encode("utf-8")) / 1e6
    try:
        from eyecite import get_citations
    except ImportError:
        get_citations = None
    runs = {
        "bare": lambda: sum(1 for _ in BARE.finditer(text)),
        "extraction": lambda: extraction(text),
        "audit": lambda: audit_text(text),
    }
    if get_citations is not None:
        get_citations(text[:20000])
        runs["eyecite"] = lambda: get_citations(text)
    first = {name: timed(func, 1) for name, func in runs.items()}
    length = first.get("eyecite", 1.0)
    repeat = {name: max(1, round(length / t)) for name, t in first.items()}
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(turns):
        for name, func in runs.items():
            times = range(repeat[name])
            best[name] = min(
                best[name], timed(lambda f=func, t=times: [f() for _ in t], 1) / len(times)
            )
    t_bare, t_extract, t_audit = best["bare"], best["extraction"], best["audit"]
    print(f"bare re.finditer scan: {size / t_bare:8.1f} MB/s")
    share_extract, share_audit = t_bare / t_extract, t_bare / t_audit
    print(
        f"citetrace extraction:  {size / t_extract:8.1f} MB/s  ({share_extract:.3f}x the bare scan)"
    )
    print(f"citetrace full audit:  {size / t_audit:8.1f} MB/s  ({share_audit:.4f}x the bare scan)")
    if get_citations is None:
        print("eyecite: not installed (pip install eyecite)")
        return
    t_eyecite = best["eyecite"]
    print(f"eyecite.get_citations: {size / t_eyecite:8.2f} MB/s")
    print(
        f"citetrace full audit / eyecite: {t_eyecite / t_audit:.1f}x; "
        f"extraction / eyecite: {t_eyecite / t_extract:.1f}x"
    )


def cold_start() -> None:
    print("\n## Cold start (median of 9)")
    exe = shutil.which("citetrace")
    command = [exe] if exe else [sys.executable, "-m", "citetrace"]
    seed = str(ROOT / "corpus" / "akino-1988-soviet-asia.txt")
    for label, args in (
        ("--version", ["--version"]),
        ("audit (seed)", ["audit", seed, "-q", "--format", "json"]),
    ):
        times = []
        for _ in range(9):
            start = time.perf_counter()
            subprocess.run([*command, *args], capture_output=True, check=False, cwd=ROOT)
            times.append(time.perf_counter() - start)
        print(f"citetrace {label}: {statistics.median(times) * 1000:.0f} ms")


def make_corpus(folder: Path, documents: int) -> int:
    text = (ROOT / "corpus" / "akino-1988-soviet-asia.txt").read_text("utf-8")
    cut = text.index("#### References")
    paragraphs, references = text[:cut].split("\n\n"), text[cut:]
    total = 0
    for i in range(documents):
        sub = folder / f"shelf{i % 20:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(paragraphs[i % 7 :: 3][:12]) + "\n\n" + references
        (sub / f"doc{i:05d}.txt").write_text(body, "utf-8")
        total += len(body.encode("utf-8"))
    return total


_RUNNER = """
import os, resource, subprocess, sys, time

def tree_peaks(root, peaks):
    # The peak RSS (VmHWM) of every process descending from root, on Linux:
    # worker processes may descend from a forkserver, not from the command.
    parents = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/status") as status:
                    fields = dict(line.split(":", 1) for line in status if ":" in line)
            except OSError:
                continue
            parents[int(pid)] = (int(fields["PPid"]), int(fields.get("VmHWM", "0 kB").split()[0]))
    for pid, (ppid, hwm) in parents.items():
        up = pid
        while up in parents and up != root:
            up = parents[up][0]
        if up == root:
            peaks[pid] = max(peaks.get(pid, 0), hwm)

start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peaks = {}
while child.poll() is None:
    if os.path.isdir("/proc"):
        tree_peaks(child.pid, peaks)
    time.sleep(0.5)  # VmHWM only grows: a sample every half second is close to its peak
seconds = time.perf_counter() - start
peak = max([*peaks.values(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss])
print(seconds, peak, child.returncode)
"""


def _audit_corpus(command: list[str], folder: Path, jobs: int) -> tuple[float, float]:
    """Seconds and the largest peak RSS (MB) of any process of one corpus audit."""
    args = [*command, "audit", str(folder), "--format", "jsonl", "-q", "--jobs", str(jobs)]
    out = subprocess.run(
        [sys.executable, "-c", _RUNNER, *args, "-o", os.devnull],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def batch(documents: int, small: int) -> None:
    print(f"\n## Batch: generated corpus of {documents} documents (best of 3, alternating)")
    exe = shutil.which("citetrace")
    command = [exe] if exe else [sys.executable, "-m", "citetrace"]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        size = make_corpus(corpus, documents) / 1e6
        few = Path(tmp) / "few"
        make_corpus(few, small)
        best: dict[int, tuple[float, float]] = {}
        for _ in range(3):
            for jobs in (1, 2):
                seconds, peak = _audit_corpus(command, corpus, jobs)
                old = best.get(jobs, (float("inf"), 0.0))
                best[jobs] = (min(old[0], seconds), max(old[1], peak))
        for jobs, (seconds, peak) in best.items():
            print(
                f"--jobs {jobs}: {documents / seconds:7.1f} docs/s, {size / seconds:5.1f} MB/s "
                f"({size:.1f} MB in {seconds:.1f} s), largest peak RSS of a process {peak:.0f} MB"
            )
        print(f"--jobs 2 / --jobs 1: {best[1][0] / best[2][0]:.2f}x")
        for count, folder in ((small, few), (documents, corpus)):
            peak = _audit_corpus(command, folder, 1)[1]
            print(f"peak RSS, {count} documents, --jobs 1: {peak:.0f} MB")


def machine_speed() -> str:
    """A fixed pure-Python workload, best of 5: how fast the machine runs
    Python right now. On a shared VM it moves with the host's load, and the
    figures of a run move with it."""

    def work() -> int:
        total = 0
        for i in range(2_000_000):
            total += i * i % 7
        return total

    return f"machine speed probe (fixed Python loop, best of 5): {1000 * timed(work, 5):.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(machine_speed(), "at the start")
    throughput([1, 10] if args.quick else [1, 10, 100])
    spread(10.0)
    varied([1.0] if args.quick else [1.0, 10.0])
    clean_text(10.0)
    comparison(1.0)
    cold_start()
    batch(400 if args.quick else 2000, 200)
    print("\n" + machine_speed(), "at the end")


if __name__ == "__main__":
    main()
