"""SARIF 2.1.0, for code-scanning services."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from citetrace.ci.identity import fingerprints
from citetrace.inputs.origin import describe
from citetrace.model import DocumentReport, Finding
from citetrace.rules import REGISTRY
from citetrace.version import __version__

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative path with ``/``, or a ``file://`` URI for an absolute one."""
    p = Path(path)
    return p.resolve().as_uri() if p.is_absolute() else p.as_posix()


def render_sarif(reports: Sequence[DocumentReport]) -> str:
    """One SARIF run holding every finding of ``reports``."""
    rules = sorted(REGISTRY.values(), key=lambda r: r.code)
    index = {r.name: i for i, r in enumerate(rules)}
    results = []
    for report in reports:
        uri = artifact_uri(report.path)
        for finding, fp in zip(report.findings, fingerprints(report), strict=True):
            results.append(_result(finding, fp, uri, index[finding.rule]))
    run = {
        "tool": {
            "driver": {
                "name": "citetrace",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://pypi.org/project/citetrace/",
                "rules": [
                    {
                        "id": r.code,
                        "name": r.name,
                        "shortDescription": {"text": r.summary},
                        "fullDescription": {"text": r.explanation},
                        "help": {"text": r.explanation},
                        "defaultConfiguration": {"level": _LEVEL[r.severity]},
                    }
                    for r in rules
                ],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    payload = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _region(f: Finding) -> dict:
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "charOffset": f.start,
        "charLength": f.end - f.start,
        "snippet": {"text": f.text},
    }


def _message(f: Finding) -> str:
    if f.suggestion and f.suggestion not in f.message:
        return f"{f.message} ({f.suggestion})"
    return f.message


def _location(f: Finding, uri: str) -> dict:
    """The finding's place: in the document's text, or in the original file it was
    read from (an XML file's line and column; a page's name where the file is not text)."""
    artifact = {"uri": uri}
    origin = f.origin
    if origin and "file" in origin:  # an entry of a bibliography file: that file's line
        region = {"startLine": origin["line"]}
        location = {"artifactLocation": {"uri": artifact_uri(origin["file"])}, "region": region}
        return {"physicalLocation": location, "properties": {"origin": origin}}
    if origin is None:
        return {"physicalLocation": {"artifactLocation": artifact, "region": _region(f)}}
    location: dict = {"properties": {"origin": origin}}
    if "line" in origin and "column" in origin:
        region = {"startLine": origin["line"], "startColumn": origin["column"]}
        if "end_line" in origin:
            region.update(endLine=origin["end_line"], endColumn=origin["end_column"])
        region["snippet"] = {"text": f.text}
        location["physicalLocation"] = {"artifactLocation": artifact, "region": region}
    else:
        location["physicalLocation"] = {"artifactLocation": artifact}
        location["logicalLocations"] = [{"name": describe(origin), "kind": "page"}]
    return location


def _result(f: Finding, fp: str, uri: str, rule_index: int) -> dict:
    result: dict = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity],
        "message": {"text": _message(f)},
        "locations": [_location(f, uri)],
        "partialFingerprints": {"citetrace/v1": fp},
    }
    if f.origin is not None and not (
        "line" in f.origin and ("column" in f.origin or "file" in f.origin)
    ):
        result["message"]["text"] += f" [{describe(f.origin)}]"
    if f.fix is not None and f.fix.safe and f.origin is None:
        result["fixes"] = [
            {
                "description": {"text": f"replace with '{f.fix.replacement}'"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": f.fix.start,
                                    "charLength": f.fix.end - f.fix.start,
                                },
                                "insertedContent": {"text": f.fix.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return result
