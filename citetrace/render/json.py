"""The JSON report (schema version 2, documented in the README)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from citetrace.inputs.load import InputError
from citetrace.model import DocumentReport
from citetrace.output import dumps

SCHEMA_VERSION = 2


def render_json(
    reports: Iterable[DocumentReport],
    errors: Iterable[InputError] = (),
    citations_only: bool = False,
    indent: bool = True,
) -> str:
    """All documents as one JSON object; ``citations_only`` drops findings."""
    return "".join(json_chunks(reports, errors, citations_only, indent))


def json_chunks(
    reports: Iterable[DocumentReport],
    errors: Iterable[InputError] = (),
    citations_only: bool = False,
    indent: bool = False,
) -> Iterator[str]:
    """The JSON report in pieces, a few hundred citations or findings at a time, so
    that a report of millions of citations is never one string in memory. Indented
    output (for a person at a terminal) is made whole."""
    if indent:
        documents = []
        for report in reports:
            data = report.to_json()
            if citations_only:
                del data["findings"]
            documents.append(data)
        payload = {"version": SCHEMA_VERSION, "documents": documents, "errors": _errors(errors)}
        yield dumps(payload, True) + "\n"
        return
    yield f'{{"version":{SCHEMA_VERSION},"documents":['
    for number, report in enumerate(reports):
        yield "," if number else ""
        yield "{"
        first = True
        for name, value in report.json_fields():
            if citations_only and name == "findings":
                continue
            yield ("" if first else ",") + dumps(name) + ":"
            first = False
            if isinstance(value, list | dict | str) or value is None:
                yield dumps(value)
            else:
                yield from _array(value)  # type: ignore[arg-type]
        yield "}"
    yield '],"errors":' + dumps(_errors(errors)) + "}\n"


def _array(items: Iterator[object], batch: int = 512) -> Iterator[str]:
    yield "["
    first = True
    for chunk in iter(lambda: list(islice(items, batch)), []):
        yield ("" if first else ",") + dumps(chunk)[1:-1]
        first = False
    yield "]"


def _errors(errors: Iterable[InputError]) -> list[dict]:
    return [{"path": e.path, "reason": e.reason} for e in errors]
