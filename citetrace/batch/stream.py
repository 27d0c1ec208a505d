"""Corpus audits streamed as JSON lines: progress, resume, and a closing summary."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from citetrace.batch.engine import Outcome
from citetrace.inputs.walk import Entry


def done_paths(resume_file: str) -> set[str]:
    """Paths already audited in an interrupted JSON-lines output (a cut last line is ignored)."""
    done: set[str] = set()
    try:
        with open(resume_file, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and "path" in record:
                    done.add(record["path"])
    except FileNotFoundError:
        pass
    return done


def trim_partial_line(path: str) -> None:
    """Drop an unfinished last line (an interrupted write) before appending."""
    try:
        with open(path, "rb+") as handle:
            data = handle.read()
            if data and not data.endswith(b"\n"):
                handle.truncate(data.rfind(b"\n") + 1)
    except FileNotFoundError:
        pass


class Totals:
    """Running totals for the summary line and the progress bar."""

    def __init__(self) -> None:
        self.documents = 0
        self.failed = 0
        self.bytes = 0
        self.citations = 0
        self.severities: Counter[str] = Counter()
        self.started = time.perf_counter()

    def add(self, outcome: Outcome) -> None:
        self.documents += 1
        self.bytes += outcome.size
        if outcome.error is not None:
            self.failed += 1
            return
        self.citations += outcome.citations
        self.severities.update(outcome.severities)

    def summary(self) -> dict:
        return {
            "summary": {
                "documents": self.documents,
                "failed": self.failed,
                "citations": self.citations,
                "findings": {s: self.severities[s] for s in ("error", "warning", "info")},
                "bytes": self.bytes,
            }
        }


def record(outcome: Outcome) -> str:
    """The JSON line of one outcome."""
    if outcome.error is not None:
        return json.dumps({"path": outcome.path, "error": outcome.error}, ensure_ascii=False)
    return outcome.line or "{}"


@contextmanager
def progress(entries: list[Entry], enabled: bool) -> Iterator:
    """A rich progress bar on standard error (documents, MB, rate, ETA), or nothing."""
    if not enabled:
        yield lambda outcome: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    total = sum(e.size for e in entries) or 1
    columns = (
        TextColumn("auditing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("docs"),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("audit", total=total)
        count = bar.add_task("docs", total=len(entries), visible=False)

        def advance(outcome: Outcome) -> None:
            bar.advance(task, outcome.size)
            bar.advance(count)

        yield advance


def stream_jsonl(outcomes: Iterator[Outcome], out: IO[str], advance) -> Totals:
    """Write one line per document as results arrive, then the summary line."""
    totals = Totals()
    for outcome in outcomes:
        totals.add(outcome)
        out.write(record(outcome) + "\n")
        out.flush()
        advance(outcome)
    out.write(json.dumps(totals.summary()) + "\n")
    out.flush()
    return totals


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
