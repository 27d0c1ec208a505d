"""The JSON report (schema version 1, documented in the README)."""

from __future__ import annotations

from collections.abc import Iterable

from citetrace.inputs.load import InputError
from citetrace.model import DocumentReport
from citetrace.output import dumps

SCHEMA_VERSION = 1


def render_json(
    reports: Iterable[DocumentReport],
    errors: Iterable[InputError] = (),
    citations_only: bool = False,
    indent: bool = True,
) -> str:
    """All documents as one JSON object; ``citations_only`` drops findings."""
    documents = []
    for report in reports:
        data = report.to_json()
        if citations_only:
            del data["findings"]
        documents.append(data)
    payload: dict = {"version": SCHEMA_VERSION, "documents": documents}
    payload["errors"] = [{"path": e.path, "reason": e.reason} for e in errors]
    return dumps(payload, indent) + "\n"
