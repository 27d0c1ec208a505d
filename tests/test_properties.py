"""Properties that hold for any input: no exception, spans inside the text, no
overlapping citations, deterministic results, line and column agreeing with offsets."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citetrace import audit_text, extract
from citetrace.inputs.document import Document
from citetrace.model import DocumentReport
from citetrace.rules.quotations import _ENOUGH_WORDS, MIN_WORDS

from .conftest import SEED

# A fixed, reproducible budget for CI; CITETRACE_EXAMPLES=5000 explores more, at random.
EXAMPLES = os.environ.get("CITETRACE_EXAMPLES")
BUDGET = settings(
    max_examples=int(EXAMPLES or 150),
    deadline=None,
    derandomize=EXAMPLES is None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FRAGMENTS = st.sampled_from(
    [
        "(",
        ")",
        ";",
        ",",
        ".",
        ":",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "-",
        "'",
        '"',
        "[sic]",
        "1987",
        "1986. 10. 16",
        "2. 30",
        "13",
        "n.d.",
        "p. 5",
        "pp. 3-7",
        "et al.",
        " and ",
        "apud",
        "Pravda",
        "Radio Press",
        "Izvestiva",
        "Rude pravo",
        "UPI",
        "Pike",
        "Smith",
        "LEITE",
        "see ",
        "## References\n",
        "References\n",
        "Pike, D.\n",
        "1987 Title.\n",
        "# ",
        "*",
        "<!-- citetrace: ignore -->",
        "# citetrace: ignore[CT101]",
        "assitance",
        "Med-\n\nvedev",
        "July1987",
        "II",
        "é",
        "\u202e",
        "\x00",
        "\ufeff",
        "Правда",
        "октября",
    ]
)
CITATION_LIKE = st.lists(FRAGMENTS, max_size=60).map("".join)
ANY_TEXT = st.text(max_size=400)


def check_report(text: str, report: DocumentReport) -> None:
    doc = Document.from_text(text)
    previous_end = -1
    for c in report.citations:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.start >= previous_end  # no overlap, in order
        previous_end = c.end
        assert (c.line, c.column) == doc.line_col(c.start)
        assert 0 <= c.claim.start <= c.claim.end <= len(text)
        assert text[c.claim.start : c.claim.end] == c.claim.text
    for r in report.references:
        assert text[r.start : r.end] == r.text
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] == f.text
        assert (f.line, f.column) == doc.line_col(f.start)
        assert (f.end_line, f.end_column) == doc.line_col(f.end)
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(text)


@BUDGET
@given(ANY_TEXT)
def test_any_unicode_text(text: str) -> None:
    check_report(text, audit_text(text))


@BUDGET
@given(CITATION_LIKE)
def test_citation_like_fragments(text: str) -> None:
    report = audit_text(text)
    check_report(text, report)
    assert audit_text(text) == report  # deterministic


@BUDGET
@given(CITATION_LIKE)
def test_extract_agrees_with_audit(text: str) -> None:
    assert [c.text for c in extract(text)] == [c.text for c in audit_text(text).citations]


SEED_TEXT = SEED.read_text("utf-8")


@st.composite
def seed_mutations(draw) -> str:
    text = SEED_TEXT
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["delete", "insert", "duplicate"]))
        size = draw(st.integers(1, 200))
        if kind == "delete":
            text = text[:at] + text[at + size :]
        elif kind == "insert":
            text = text[:at] + draw(CITATION_LIKE) + text[at:]
        else:
            text = text[:at] + text[at : at + size] + text[at:]
    return text


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(seed_mutations())
def test_mutations_of_the_seed_paper(text: str) -> None:
    check_report(text, audit_text(text))


@BUDGET
@given(st.text(alphabet="ab \n\r", max_size=40), st.data())
def test_span_line_cols_agrees_with_line_col(text: str, data: st.DataObject) -> None:
    doc = Document.from_text(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert doc.span_line_cols(start, end) == (*doc.line_col(start), *doc.line_col(end))


@BUDGET
@given(st.text(alphabet=st.sampled_from(list("ab9_ '’-.\"é\n")), max_size=40))
def test_enough_words_agrees_with_counting_them(quoted: str) -> None:
    counted = len(re.findall(r"\w+(?:['’]\w+)?", quoted))
    assert (_ENOUGH_WORDS.match(quoted) is not None) is (counted >= MIN_WORDS)
