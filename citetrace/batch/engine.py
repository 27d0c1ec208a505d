"""Auditing many documents: in this process, over local worker processes, or on Dask.

Every engine runs the same per-document function, :func:`audit_one`, which
never raises: a document that cannot be read, or that makes a rule crash, is
returned as a failure with its reason, and the run goes on; so is one whose
local worker process dies under it (see :mod:`citetrace.batch.workers`). Results
come back in input order (``ordered``) or as they finish; either way each
document's result is the same whatever the number of workers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

from citetrace.inputs.walk import Entry
from citetrace.model import DocumentReport


@dataclass(frozen=True)
class Options:
    """What every worker needs to audit a document the same way."""

    settings: tuple[tuple[str, object], ...] = ()  # Config overrides from the command line
    config_file: str | None = None
    encoding: str | None = None
    want_report: bool = False  # return the DocumentReport (else only its JSON line)
    input_format: str | None = None  # read every input as this format (else by each file)


@dataclass
class Outcome:
    """The result of auditing one document."""

    path: str
    size: int
    line: str | None = None  # the document's JSON, one line
    report: DocumentReport | None = None
    error: str | None = None
    config_error: bool = False  # the error is the configuration's, not the document's
    citations: int = 0
    severities: dict[str, int] = field(default_factory=dict)


_FINDERS: dict = {}


def audit_one(entry: Entry, options: Options) -> Outcome:
    """Audit one document; never raises."""
    from citetrace.audit import audit_path
    from citetrace.config import ConfigError, ConfigFinder
    from citetrace.inputs.load import InputError
    from citetrace.output import dumps

    if entry.error is not None:
        return Outcome(entry.path, entry.size, error=entry.error.reason)
    try:
        finder = _FINDERS.get(options.config_file)
        if finder is None:
            finder = _FINDERS[options.config_file] = ConfigFinder(options.config_file)
        config = finder(entry.path).override(**dict(options.settings))
        report = audit_path(entry.path, config, options.encoding, options.input_format)
    except InputError as exc:
        return Outcome(entry.path, entry.size, error=exc.reason)
    except ConfigError as exc:
        return Outcome(entry.path, entry.size, error=str(exc), config_error=True)
    except Exception as exc:
        return Outcome(entry.path, entry.size, error=f"internal error: {type(exc).__name__}: {exc}")
    outcome = Outcome(
        entry.path,
        entry.size,
        citations=len(report.citations),
        severities=dict(Counter(f.severity for f in report.findings)),
    )
    if options.want_report:
        outcome.report = report
    else:
        outcome.line = dumps(report.to_json())
    return outcome


def run_local(
    entries: Iterable[Entry], options: Options, jobs: int = 1, ordered: bool = True
) -> Iterator[Outcome]:
    """Audit ``entries`` here (``jobs`` 1) or over ``jobs`` worker processes."""
    if jobs <= 1:
        for entry in entries:
            yield audit_one(entry, options)
        return
    from citetrace.batch.workers import run_pooled

    work = partial(audit_one, options=options)
    yield from run_pooled(work, entries, jobs, ordered, _failed, _size)


def _size(entry: Entry) -> int:
    return entry.size


def _failed(entry: Entry, reason: str) -> Outcome:
    return Outcome(entry.path, entry.size, error=reason)


def run_dask(
    entries: Iterable[Entry],
    options: Options,
    scheduler: str | None = None,
    jobs: int = 2,
    ordered: bool = True,
    batch: int = 256,
) -> Iterator[Outcome]:
    """Audit ``entries`` on a Dask cluster: ``scheduler``'s, or a local one of ``jobs`` workers.

    Documents are submitted ``batch`` at a time, so memory stays bounded
    however large the corpus.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
        client = Client(scheduler or cluster, timeout="15s")
    except (OSError, ValueError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        where = scheduler or "a local cluster"
        raise EngineError(f"cannot reach the Dask scheduler at {where}: {exc}") from None
    try:
        pending: list[Entry] = []
        for entry in entries:
            pending.append(entry)
            if len(pending) >= batch:
                yield from _dask_batch(client, pending, options, ordered, as_completed)
                pending = []
        if pending:
            yield from _dask_batch(client, pending, options, ordered, as_completed)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_batch(client, batch, options, ordered, as_completed) -> Iterator[Outcome]:
    futures = client.map(audit_one, batch, options=options, pure=False)
    entries = dict(zip(futures, batch, strict=True))
    for future in futures if ordered else as_completed(futures):
        yield _dask_result(future, entries[future])


def _dask_result(future, entry: Entry) -> Outcome:
    """The outcome of one document on Dask; a worker lost under it (``KilledWorker``)
    or a task that failed is that document's failure, and the run goes on."""
    try:
        return future.result()
    except Exception as exc:
        return Outcome(entry.path, entry.size, error=f"the Dask task failed: {type(exc).__name__}")


class EngineError(Exception):
    """An engine that cannot run at all; the message is one line for the user."""
