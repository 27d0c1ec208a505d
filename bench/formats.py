"""Reading speed of the structured formats, beside the audit's own speed.

Run by hand: ``python bench/formats.py [--pages 300]``. The bundled paper is
set as a PDF of about ``--pages`` pages (two columns, running heads,
hyphenation; the paper repeated) and as JATS, TEI and ALTO XML of the same
text; each is read (``parse_source``) and the text it gives is audited
(``audit_source``), best of three, in turn, so the ratios hold however fast
the shared machine is at the moment. Prints pages per second for the PDF,
MB/s for the XML, and each reader's time against the audit's.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citetrace.audit import audit_source  # noqa: E402
from citetrace.inputs.formats import parse_source  # noqa: E402
from tests import formats_build as build  # noqa: E402


def best(work, rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    paper = build.split_paper((ROOT / "corpus" / "akino-1988-soviet-asia.txt").read_text())
    one, _ = build.pdf(paper)
    per_copy = one.count(b"/Type /Page\n") or one.count(b"/Type /Page") or 8
    copies = max(1, round(args.pages / per_copy))
    big = build.Paper(
        paper.title,
        paper.blocks * copies,
        paper.references,
    )
    files = {
        "pdf": build.pdf(big)[0],
        "jats": build.jats(big),
        "tei": build.tei(big),
        "alto": build.alto(big),
    }
    print(f"the paper x{copies}: {len(paper.blocks) * copies} blocks")
    for name, data in files.items():
        path = f"big.{'pdf' if name == 'pdf' else 'xml'}"
        source = parse_source(data, path)
        read = best(lambda data=data, path=path: parse_source(data, path))
        audit = best(lambda source=source, path=path: audit_source(source, path), 2)
        size = len(data) / 1e6
        extra = ""
        if name == "pdf":
            pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
            extra = f", {pages} pages, {pages / read:,.0f} pages/s"
        print(
            f"{name:5} {size:6.2f} MB: read {read:6.2f} s ({size / read:5.1f} MB/s{extra}); "
            f"audit of its {len(source.text) / 1e6:.2f} MB of text {audit:6.2f} s; "
            f"read/audit {read / audit:.2f}"
        )


if __name__ == "__main__":
    main()
