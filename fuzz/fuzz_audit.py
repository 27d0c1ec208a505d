"""A coverage-guided fuzz target for atheris: the whole audit on arbitrary bytes.

Run by hand (see fuzz/README.md); any exception other than the documented
InputError is a bug, and so is a span that does not match the text.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from citetrace import audit_text
    from citetrace.inputs.load import InputError, decode


def test_one(data: bytes) -> None:
    try:
        text = decode(data, "<fuzz>")
    except InputError:
        return
    report = audit_text(text)
    for item in (*report.citations, *report.findings):
        if text[item.start : item.end] != item.text:
            raise AssertionError(f"span mismatch at {item.start}:{item.end}")


def main() -> None:
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
