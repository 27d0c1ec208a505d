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
from citetrace.output import dumps


def done_paths(resume_file: str) -> set[str]:
    """Paths audited successfully in an interrupted JSON-lines output: a
    document that failed is tried again; a cut or corrupt line is passed over."""
    return set(_prior(resume_file))


def _prior(resume_file: str) -> dict[str, dict]:
    """The successful records of an earlier run by path (the last one of each)."""
    done: dict[str, dict] = {}
    try:
        with open(resume_file, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if not isinstance(record, dict) or not isinstance(record.get("path"), str):
                    continue
                if "error" not in record:
                    done[record["path"]] = record
    except FileNotFoundError:
        pass
    return done


def trim_partial_line(path: str) -> None:
    """Before appending: drop an unfinished last line (an interrupted write) and
    the summary line of the earlier run, whose totals the new summary includes."""
    try:
        with open(path, "rb+") as handle:
            data = handle.read()
            end = len(data) if data.endswith(b"\n") else data.rfind(b"\n") + 1
            while end:
                start = data.rfind(b"\n", 0, end - 1) + 1
                if not data[start:end].startswith(b'{"summary"'):
                    break
                end = start
            handle.truncate(end)
    except FileNotFoundError:
        pass


def prior_totals(resume_file: str) -> Totals:
    """The totals of the documents an earlier run already wrote, for the summary
    of the run that resumes it (which then covers the whole file)."""
    totals = Totals()  # its failures are tried again by this run, not counted here
    for record in _prior(resume_file).values():
        totals.documents += 1
        totals.citations += len(record.get("citations") or ())
        totals.severities.update(
            f.get("severity") for f in record.get("findings") or () if isinstance(f, dict)
        )
    return totals


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
        return dumps({"path": outcome.path, "error": outcome.error})
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
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    total = sum(e.size for e in entries) or 1
    columns = (
        TextColumn("auditing"),
        BarColumn(),
        TextColumn("{task.fields[done]}/{task.fields[documents]} documents"),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("audit", total=total, done=0, documents=len(entries))
        done = [0]

        def advance(outcome: Outcome) -> None:
            done[0] += 1
            bar.update(task, advance=outcome.size, done=done[0])

        yield advance


def stream_jsonl(
    outcomes: Iterator[Outcome], out: IO[str], advance, totals: Totals | None = None
) -> Totals:
    """Write one line per document as results arrive, then the summary line
    (over ``totals`` of an earlier run too, when it resumes one)."""
    totals = totals or Totals()
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
