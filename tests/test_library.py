"""The source library: adding documents, and quotations checked against what is cited."""

from __future__ import annotations

import json
import multiprocessing
import os
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace.audit import audit_text
from citetrace.cli import main
from citetrace.config import Config
from citetrace.library.ingest import Entry, prepare
from citetrace.library.store import Library, LibraryError, open_library

from .conftest import SEED

# Invented issues of the newspapers the bundled paper cites, in words of our own
# around its quoted passages; some copies carry OCR damage, some a changed word.
ISSUES = {
    ("Pravda", "1986-10-16", "exact"): (
        "Moscow. The talks were held in a warm atmosphere. Both sides agreed to intensify\n"
        "further coordinated action of Asian Socialist countries in the struggle for peace."
    ),
    ("Pravda", "1987-07-18", "ocr"): (
        "Ulan Bator. At the meeting there was a signifcant desire expressed by the partici-\n"
        "pant countries to have multilateral Party contact in a more reguiar basis and in a\n"
        "more diversified way, the communique says."
    ),
    ("Pravda", "1987-05-20", "altered"): (
        "Phnom Penh. Cambodia is steadily, though slowly recovering from the terror of Pol\n"
        "Pot's genocide. Although the Cambodian problem has nothing to do with Sino-Soviet\n"
        "relations, the USSR and China are interested in resolving this problem."
    ),
    ("Pravda", "1987-07-28", "elsewhere"): (
        "Hanoi. The minister said: there is no place for those guilty of genocide in the\n"
        "process of national reconciliation and resolution."
    ),
    ("Pravda", "1987-07-29", "without"): "Vientiane. The delegation returned home on Tuesday.",
    ("Izvestiya", "1987-08-11", "without"): "Moscow. A commentary on the harvest in Siberia.",
}


POSTGRES = os.environ.get("CITETRACE_TEST_POSTGRES", "")  # postgresql://user:pw@host/db
BACKENDS = ["sqlite", "postgres"]


def new_library(backend: str, folder: Path) -> str:
    """A new, empty library: a SQLite file, or a schema of its own in the test server."""
    if backend == "sqlite":
        return str(folder / "library.db")
    if not POSTGRES:
        if os.environ.get("CITETRACE_REQUIRE_POSTGRES"):
            pytest.fail("CITETRACE_TEST_POSTGRES is not set, and PostgreSQL is required here")
        pytest.skip("no PostgreSQL server to test on (set CITETRACE_TEST_POSTGRES)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    return f"{POSTGRES}?schema={schema}"


def drop(spec: str) -> None:
    if spec.startswith("postgresql://"):
        from urllib.parse import parse_qs, urlparse

        import pg8000.dbapi

        parts = urlparse(spec)
        db = pg8000.dbapi.connect(user=parts.username, password=parts.password,
                                  host=parts.hostname, port=parts.port or 5432,
                                  database=parts.path.lstrip("/"))  # fmt: skip
        db.cursor().execute(f'DROP SCHEMA IF EXISTS "{parse_qs(parts.query)["schema"][0]}" CASCADE')
        db.commit()
        db.close()


@pytest.fixture(params=BACKENDS)
def spec(request, tmp_path: Path):
    made = new_library(request.param, tmp_path)
    yield made
    drop(made)


def library_of(backend: str, folder: Path, issues: dict[tuple[str, ...], str]) -> str:
    """A new library holding ``issues``: (source, date, …) → the issue's text."""
    made = new_library(backend, folder)
    entries = []
    for number, ((source, date, *_), text) in enumerate(issues.items()):
        path = folder / f"issue-{number}.txt"
        path.write_text(text, encoding="utf-8")
        entries.append(Entry(str(path), source, date))
    with open_library(made, create=True) as opened:
        opened.add(prepare(entries))
    return made


@pytest.fixture(scope="module", params=BACKENDS)
def library(request, tmp_path_factory):
    made = library_of(request.param, tmp_path_factory.mktemp("library"), ISSUES)
    yield made
    drop(made)


@pytest.fixture(scope="module")
def verdicts(library: str) -> dict[str, tuple[str, dict]]:
    report = audit_text(SEED.read_text("utf-8"), "paper.txt", Config(library=library))
    found = {}
    for c in report.citations:
        for q in (c.trace or {}).get("quotations", ()):
            found[q["text"][:24]] = (q["verdict"], q)
    return found | {"_report": report}  # type: ignore[dict-item]


def test_an_exact_quotation_is_found(verdicts) -> None:
    verdict, q = verdicts["to intensify further coo"]
    assert verdict == "found" and q["score"] == 100 and q["document"]["date"] == "1986-10-16"


def test_ocr_damage_in_the_library_is_forgiven(verdicts) -> None:
    verdict, q = verdicts["there was a significant "]
    assert verdict == "found" and "signifcant" in q["source_words"]


def test_a_changed_word_is_an_altered_quotation(verdicts) -> None:
    verdict, q = verdicts["Cambodia is steadily, th"]
    assert verdict == "altered" and "slowly" in q["source_words"]
    assert verdicts["although the Cambodian p"][0] == "found"  # same issue, exact


def test_a_quotation_of_another_day_is_found_there(verdicts) -> None:
    verdict, q = verdicts["There is no place for th"]
    assert verdict == "elsewhere" and q["document"]["date"] == "1987-07-28"


def test_a_quotation_in_no_document_is_not_found(verdicts) -> None:
    assert verdicts["exclusion of Pol Pot and"][0] == "not-found"


def test_findings_and_the_summary_of_what_was_not_verified(verdicts) -> None:
    report = verdicts["_report"]
    rules = [f.rule for f in report.findings]
    assert rules.count("quote-not-found") == 1
    assert rules.count("quote-altered") == 1
    assert rules.count("wrong-source-or-date") == 1
    altered = next(f for f in report.findings if f.rule == "quote-altered")
    assert "slowly" in altered.message and altered.text.startswith("Cambodia is steadily")
    wrong = next(f for f in report.findings if f.rule == "wrong-source-or-date")
    assert wrong.suggestion == "cite Pravda, 1987-07-28"
    missing = [f for f in report.findings if f.rule == "source-not-in-library"]
    assert {f.message.split(" for ")[1].split(" ")[0] for f in missing} >= {"APN", "Pravda"}
    assert len(missing) == len({f.message.split(" for ")[1].split(" ")[0] for f in missing})
    pike = next(c for c in report.citations if c.source == "Pike")
    assert pike.trace == {"documents": []} or pike.trace.get("documents") == []
    assert json.loads(json.dumps(report.to_json()))["citations"][0]["trace"]["documents"]


def test_without_a_library_there_is_no_trace(seed_report) -> None:
    assert all(c.trace is None for c in seed_report.citations)
    assert not [f for f in seed_report.findings if f.code in ("CT601", "CT602", "CT603", "CT604")]


# --- adding documents ------------------------------------------------------------


def test_the_command_adds_lists_shows_and_removes(tmp_path: Path, spec: str) -> None:
    issue = tmp_path / "pravda.txt"
    issue.write_text("Page one text.\fPage two text.", encoding="utf-8")
    db = spec
    run = CliRunner().invoke
    args = ["library", "add", str(issue), "--source", "Pravda", "--date", "1987-07-29"]
    assert run(main, [*args, "--library", db]).exit_code == 0
    again = run(main, [*args, "--library", db])
    assert "added 0 document(s); 1 already in the library" in again.stderr
    listed = run(main, ["library", "list", "--library", db]).stdout
    number = listed.split("\t")[0]
    assert listed.startswith(f"{number}\tPravda\t1987-07-29\t")
    shown = run(main, ["library", "show", number, "--library", db]).stdout
    assert "--- page 2 ---\nPage two text." in shown
    assert "1 documents" in run(main, ["library", "stats", "--library", db]).stdout
    assert run(main, ["library", "remove", number, "--library", db]).exit_code == 0
    assert run(main, ["library", "list", "--library", db]).stdout == ""


def test_a_manifest_is_added_whole_or_not_at_all(tmp_path: Path, spec: str) -> None:
    (tmp_path / "a.txt").write_text("First text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Second text.", encoding="utf-8")
    db = spec
    good = tmp_path / "good.csv"
    good.write_text("path,source,date,key\na.txt,Pravda,1987-07-29,\nb.txt,Trud,,trud-almanac\n")
    result = CliRunner().invoke(main, ["library", "add", "--manifest", str(good), "--library", db])
    assert result.exit_code == 0 and "added 2" in result.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"path": "a.txt", "source": "Pravda", "date": "1987"})
        + "\n"
        + json.dumps({"path": "missing.txt", "source": "Pravda", "date": "1987"})
        + "\n"
    )
    result = CliRunner().invoke(main, ["library", "add", "--manifest", str(bad), "--library", db])
    assert result.exit_code == 2 and "row 2: " in result.stderr and "no such file" in result.stderr
    with open_library(db) as opened:
        assert len(opened.documents()) == 2
    dated = tmp_path / "dated.csv"
    dated.write_text("path,source,date\na.txt,Pravda,1987-13-45\n")
    result = CliRunner().invoke(main, ["library", "add", "--manifest", str(dated), "--library", db])
    assert result.exit_code == 2 and "date must be YYYY" in result.stderr
    undated = tmp_path / "undated.csv"
    undated.write_text("path,source,date\nb.txt,Pravda,\n")
    result = CliRunner().invoke(
        main, ["library", "add", "--manifest", str(undated), "--library", db]
    )
    assert result.exit_code == 2 and "row 1: each row needs a date or a key" in result.stderr


def test_an_add_interrupted_part_way_adds_nothing(tmp_path: Path, spec: str) -> None:
    entries = []
    for n in range(3):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"Text number {n}.", encoding="utf-8")
        entries.append(Entry(str(path), "Pravda", "1987"))
    documents = prepare(entries)

    def interrupted():  # two documents written, then the process is stopped
        yield from documents[:2]
        raise KeyboardInterrupt

    db = spec
    with open_library(db, create=True) as opened, pytest.raises(KeyboardInterrupt):
        opened.add(interrupted())  # type: ignore[arg-type]
    with open_library(db, write=True) as opened:
        assert opened.documents() == []
        assert opened.add(documents) == (3, 0)


def test_a_file_too_large_or_unreadable_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch
) -> None:
    from citetrace.library import ingest

    big = tmp_path / "big.txt"
    big.write_text("x" * 2000, encoding="utf-8")
    monkeypatch.setattr(ingest, "LARGEST", 1000)
    with pytest.raises(LibraryError, match="at most"):
        prepare([Entry(str(big), "Pravda")])
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<article><body><p>open</body></article>")
    with pytest.raises(LibraryError, match="not well-formed XML"):
        prepare([Entry(str(bad), "Pravda")])


def _add_many(db: str, folder: str, first: int) -> None:
    entries = []
    for n in range(first, first + 20):
        path = Path(folder) / f"doc{n}.txt"
        path.write_text(f"Document {n} of the test.", encoding="utf-8")
        entries.append(Entry(str(path), "Trud", "1987"))
    with open_library(db, create=True) as opened:
        opened.add(prepare(entries))


def test_two_processes_adding_at_once_both_land(tmp_path: Path, spec: str) -> None:
    db = spec
    open_library(db, create=True).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_many, args=(db, str(tmp_path), n)) for n in (0, 100)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    with open_library(db) as opened:
        assert len(opened.documents()) == 40


def test_a_file_that_is_not_a_library_is_one_line(tmp_path: Path) -> None:
    bogus = tmp_path / "lib.db"
    bogus.write_text("not sqlite at all " * 100)
    with pytest.raises(LibraryError, match="not a citetrace library"):
        Library(str(bogus))
    result = CliRunner().invoke(main, ["audit", str(SEED), "--library", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no such library" in result.stderr


# --- attribution ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "who"),
    [
        ("According to Tass, the talks went well.", "Tass"),
        ("Izvestiya reported that the harvest was late.", "Izvestiya"),
        ("The plan failed, as Gorbachev told the plenum.", "Gorbachev"),
        ("According to the meeting's communique, all agreed.", "the meeting's communique"),
        ("He said that the plan failed.", None),
        ("The plan, it is said, failed.", None),
        ("The war was lost, as de Gaulle put it, but not France.", "de Gaulle"),
        ("The talks went well and the harvest was early.", None),
        ("They were married according to the Presbyterian rites.", None),  # a manner
        ("According to Western diplomats, the talks failed.", "Western diplomats"),
        ("According to the Japanese press, it rained.", "the Japanese press"),
    ],
)
def test_attribution_names_whose_words_a_claim_gives(claim: str, who: str | None) -> None:
    from citetrace.linking.attribution import attribution

    assert attribution(claim) == who


def test_a_relayed_claim_is_said_once_and_an_own_one_not_at_all() -> None:
    text = (
        'According to Tass, the minister said "the talks went well" (Pravda, 1987. 7. 29; '
        "Izvestiya, 1987. 7. 29). Pravda reported that the weather was fine "
        "(Pravda, 1987. 7. 30).\n"
    )
    report = audit_text(text, "p.md")
    relayed = [f for f in report.findings if f.rule == "secondary-attribution"]
    assert [(f.text, f.citation) for f in relayed] == [("Tass", "C1")]
    assert "Tass → Pravda 1987-07-29 → claim" in relayed[0].message
    assert [c.attribution for c in report.citations] == ["Tass", "Tass", "Pravda"]


# --- pages ------------------------------------------------------------------------


def test_cited_pages_read_from_locators() -> None:
    from citetrace.rules.verification import cited_pages

    assert cited_pages("208") == {208}
    assert cited_pages("pp. 79-80") == {79, 80}
    assert cited_pages("123-5") == {123, 124, 125}
    assert cited_pages("12, 15") == {12, 15}
    assert cited_pages(None) == set()


def test_a_quotation_on_another_page_than_cited(tmp_path: Path) -> None:
    book = tmp_path / "pike.txt"
    pages = ["Chapter seven opens.", "The war went on.", "Moscow watched.",
             "Hanoi chose to approach the problem by taking into account the existing "
             "reality, the author writes."]  # fmt: skip
    book.write_text("\f".join(pages), encoding="utf-8")
    db = str(tmp_path / "lib.db")
    result = CliRunner().invoke(
        main,
        ["library", "add", str(book), "--source", "Pike", "--date", "1987", "--key",
         "pike1987", "--first-page", "207", "--library", db],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = (
        'Policy changed, "taking into account the existing reality" (Pike, 1987: 208). '
        'Later, "taking into account the existing reality" again (Pike, 1987: 210).\n\n'
        "## References\n\nPike, D. 1987. Vietnam and the Soviet Union. Boulder.\n"
    )
    report = audit_text(text, "p.md", Config(library=db))
    wrong = [f for f in report.findings if f.rule == "locator-mismatch"]
    assert [(f.citation, f.suggestion) for f in wrong] == [("C1", "p. 210")]
    assert "not on the page cited (208)" in wrong[0].message


def test_a_server_library_that_cannot_be_reached_is_one_line(tmp_path: Path) -> None:
    url = "postgresql://someone:secret@127.0.0.1:1/nothing"
    with pytest.raises(LibraryError, match="cannot reach the library") as caught:
        open_library(url)
    assert "secret" not in str(caught.value) and "\n" not in str(caught.value)
    paper = tmp_path / "paper.txt"
    paper.write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(main, ["audit", str(paper), "--library", url])
    assert result.exit_code == 2 and "cannot reach the library" in result.stderr
    assert "Traceback" not in result.stderr


def test_claim_unsupported_runs_only_when_selected(tmp_path: Path) -> None:
    issue = tmp_path / "pravda.txt"
    issue.write_text(
        "Moscow. The harvest in Siberia was late this year, the ministry of agriculture "
        "reported, and grain deliveries to the state fell short of the plan.",
        encoding="utf-8",
    )
    db = str(tmp_path / "lib.db")
    with Library(db, create=True) as opened:
        opened.add(prepare([Entry(str(issue), "Pravda", "1987-07-29")]))
    text = (
        "The Siberian harvest was late and grain deliveries fell short (Pravda, 1987. 7. 29). "
        "Moscow cut its military aid to Hanoi by half (Pravda, 1987. 7. 29).\n"
    )
    plain = audit_text(text, "p.md", Config(library=db))
    assert not [f for f in plain.findings if f.rule == "claim-unsupported"]
    assert all("support" not in (c.trace or {}) for c in plain.citations)
    for select in (("CT6",), ("ALL",)):  # a prefix or ALL does not take in an opt-in rule
        chosen = audit_text(text, "p.md", Config(library=db, select=select))
        assert not [f for f in chosen.findings if f.rule == "claim-unsupported"]
    report = audit_text(text, "p.md", Config(library=db, select=("claim-unsupported",)))
    found = [f for f in report.findings if f.rule == "claim-unsupported"]
    assert [f.citation for f in found] == ["C2"]  # the first claim is the source's
    assert "Moscow cut its military aid" in found[0].text and "%" in found[0].message


def test_a_file_that_is_not_a_library_is_never_written(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "zotero.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE items(id INTEGER)")
    before = other.read_bytes()
    empty = tmp_path / "notes.txt"
    empty.write_bytes(b"")
    for path in (other, empty):
        for args in (["library", "stats"], ["library", "add", str(SEED), "--source", "X",
                                             "--date", "1987"]):  # fmt: skip
            result = CliRunner().invoke(main, [*args, "--library", str(path)])
            assert result.exit_code == 2
    assert other.read_bytes() == before and empty.read_bytes() == b""
    paper = tmp_path / "paper.txt"
    paper.write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(main, ["audit", str(paper), "--library", str(other)])
    assert result.exit_code == 2 and "not a citetrace library" in result.stderr
    assert other.read_bytes() == before


def test_an_audit_reads_the_library_without_locking_it(library: str, tmp_path: Path) -> None:
    if not library.endswith(".db"):
        pytest.skip("SQLite's locks")
    import sqlite3

    writer = sqlite3.connect(library, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a library add in progress
    try:
        report = audit_text('He said "to intensify further coordinated action of Asian '
                            'Socialist countries" (Pravda, 1986. 10. 16).\n', "p.md",
                            Config(library=library))  # fmt: skip
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert report.citations[0].trace["quotations"][0]["verdict"] == "found"


def test_a_section_locator_is_not_a_page() -> None:
    from citetrace.rules.verification import cited_pages

    assert cited_pages("§82") == set() and cited_pages("para. 4") == set()
    assert cited_pages("ch. 3") == set() and cited_pages("n. 12") == set()


def test_a_passage_too_damaged_to_tell_is_neither_found_nor_altered() -> None:
    from citetrace.linking.trace import _difference, normal_words

    quote = normal_words("the delegation agreed to strengthen the ties between the two parties")
    damaged = normal_words("tbe dclcgatiou agrccd to strengthcn tbe tics bctwccn tho two partics")
    assert _difference(quote, damaged) in ("none", "unclear")
    added = normal_words("the delegation agreed to strengthen further the ties between the two")
    assert _difference(quote, added) == "changed"  # a word added in a clean passage
    number = normal_words("the delegation agreed in 1988 to strengthen the ties")
    assert _difference(normal_words("the delegation agreed in 1990 to strengthen the ties"),
                       number) == "changed"  # fmt: skip
