"""Bibliography files (BibTeX, CSL-JSON, RIS) as the reference list, and checked
against a printed one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace.audit import audit_text
from citetrace.cli import main
from citetrace.config import Config, load_config
from citetrace.inputs.bibliography import read_bibliography
from citetrace.inputs.load import InputError

BIB = r"""@book{pike1987,
  author = {Pike, Douglas},
  title = {Vietnam and the {Soviet} Union},
  year = {1987},
  publisher = {Westview},
}
@article{muller2004a,
  author = {M{\"u}ller, J{\"o}rg and {World Bank} and van der Berg, Jan and others},
  title = {Aid},
  date = {2004-05},
  journaltitle = {World Development},
  doi = {10.1000/aid},
}
@incollection{fontaine1990,
  author = {Jean de La Fontaine},
  title = {Fables},
  year = {1990},
}
@misc{anonymous, title = {A pamphlet}, year = {1921}}
"""

TEXT = (
    "Vietnam leaned on Moscow (Pike, 1987: 208). Aid helped (Müller et al., 2004a).\n"
    "Fables too (de La Fontaine, 1990), and (Nobody, 1999).\n"
)


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def test_bibtex_names_dates_and_accents(bib: Path) -> None:
    entries = {e.key: e for e in read_bibliography(str(bib))}
    assert entries["pike1987"].authors == ("Pike",) and entries["pike1987"].line == 1
    muller = entries["muller2004a"]
    assert muller.authors == ("Müller", "World Bank", "van der Berg")  # "others" dropped
    assert muller.year == "2004a"  # BibLaTeX date, the key's letter
    assert (muller.container, muller.doi, muller.line) == ("World Development", "10.1000/aid", 7)
    assert entries["fontaine1990"].authors == ("de La Fontaine",)
    assert entries["pike1987"].title == "Vietnam and the Soviet Union"
    assert entries["anonymous"].authors == () and entries["anonymous"].year == "1921"  # kept


def test_csl_json_and_ris(tmp_path: Path) -> None:
    csl = tmp_path / "lib.json"
    csl.write_text(
        json.dumps(
            {
                "items": [
                    {
                        "id": "a",
                        "author": [{"family": "Pike", "given": "D."}],
                        "issued": {"date-parts": [[1987, 5]]},
                        "title": "Vietnam",
                    },
                    {"id": "b", "author": [{"literal": "World Bank"}], "issued": {"raw": "2023"}},
                    {"id": "c", "author": "nobody", "issued": [2001]},
                ]
            },
            indent=1,
        )
    )
    entries = read_bibliography(str(csl))
    assert [(e.key, e.authors, e.year) for e in entries] == [
        ("a", ("Pike",), "1987"),
        ("b", ("World Bank",), "2023"),
        ("c", (), None),  # values of the wrong type are passed over, the entry kept
    ]
    assert [e.line for e in entries] == [3, 21, 32]  # where each item's brace opens
    ris = tmp_path / "lib.ris"
    ris.write_text(
        "TY  - BOOK\nAU  - Pike, Douglas\nPY  - 1987///\nTI  - Vietnam\nER  - \n\n"
        "TY  - JOUR\nAU  - Medvedev, V.\nDA  - 1988/05/01\nTI  - Cooperation\nJO  - K\nER  - \n"
    )
    assert [(e.authors, e.year, e.line) for e in read_bibliography(str(ris))] == [
        (("Pike",), "1987", 1),
        (("Medvedev",), "1988", 7),
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.bib", "@book{a,\n  title = {X},\n}\n@book{b,\n  author = {Smith\n@misc{c}\n",
         "line 4: a BibTeX entry that cannot be read"),
        ("bad.json", '[\n {"id": "a",\n', "line 3: not valid JSON"),
        ("lib.txt", "whatever", "not a bibliography"),
    ],
)  # fmt: skip
def test_a_bad_bibliography_names_its_file_and_line(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=reason) as caught:
        read_bibliography(str(path))
    assert caught.value.path == str(path)


def test_without_a_printed_list_the_file_is_the_reference_list(bib: Path) -> None:
    report = audit_text(TEXT, "paper.md", Config(bibliography=(str(bib),)))
    linked = {c.source.split()[0]: c.reference for c in report.citations}
    assert linked["Pike"] and linked["Müller"] and linked["de"]
    assert linked["Nobody"] is None
    refs = {r.id: r for r in report.references}
    assert refs[linked["Pike"]].origin == {"file": str(bib), "line": 1, "key": "pike1987"}
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["missing-reference"].text == "(Nobody, 1999)"
    anonymous = by_rule["unreadable-reference"]  # kept, and reported on its own line
    assert anonymous.origin == {"file": str(bib), "line": 19, "key": "anonymous"}


def test_with_a_printed_list_the_two_are_compared(bib: Path) -> None:
    printed = (
        "Claim (Pike, 1987). Other (Mueller, 2004). And (Smith, 2010).\n\n## References\n\n"
        "Pike, D. 1988. Vietnam and the Soviet Union.\n\nMuler, J. 2004a. Aid.\n\n"
        "Smith, A. 2010. Not in the library.\n\nPike, D. 1990. Another book. Boulder.\n"
    )
    report = audit_text(printed, "p.md", Config(bibliography=(str(bib),)))
    found = [(f.rule, f.message) for f in report.findings if f.code.startswith("CT8")]
    assert (
        "bibliography-disagrees",
        f"'Pike' is printed with 1988, but {bib} has the same work as 'pike1987' (line 1) "
        "with 1987",
    ) in found
    assert any(r == "bibliography-disagrees" and "'Muler' is spelt 'Müller'" in m for r, m in found)
    assert any(r == "not-in-bibliography" and "'Smith 2010'" in m for r, m in found)
    # another work of an author the file has is not the same work with another year
    assert any(r == "not-in-bibliography" and "'Pike 1990'" in m for r, m in found)
    missing = next(f for f in report.findings if f.rule == "year-mismatch")
    assert "Pike" in missing.message  # citations still link to the printed list


def test_a_missing_entry_the_file_has_is_named(bib: Path) -> None:
    printed = "Claim (Pike, 1987).\n\n## References\n\nSmith, A. 2010. Other.\n"
    report = audit_text(printed, "p.md", Config(bibliography=(str(bib),)))
    missing = next(f for f in report.findings if f.rule == "missing-reference")
    assert f"{bib} has it as 'pike1987' (line 1)" in missing.message


def test_bibliography_from_the_configuration_and_the_command_line(
    tmp_path: Path, bib: Path
) -> None:
    config = tmp_path / "citetrace.toml"
    config.write_text('bibliography = ["refs.bib"]\n')
    assert load_config(config).bibliography == (str(tmp_path / "refs.bib"),)
    paper = tmp_path / "paper.md"
    paper.write_text(TEXT)
    result = CliRunner().invoke(main, ["audit", str(paper), "--format", "json"])
    doc = json.loads(result.stdout)["documents"][0]
    uncited = [f for f in doc["findings"] if f["rule"] == "uncited-reference"]
    assert not uncited and doc["references"][0]["origin"]["key"] == "pike1987"
    result = CliRunner().invoke(main, ["audit", str(paper), "--bibliography", "nothere.bib"])
    assert (
        result.exit_code == 2 and "error: nothere.bib: no such bibliography file" in result.stderr
    )


def test_findings_on_a_file_entry_point_into_the_file(tmp_path: Path, bib: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("Only Pike is cited (Pike, 1987).\n")
    args = ["check", str(paper), "--bibliography", str(bib)]
    text = CliRunner().invoke(main, [*args, "--no-color"]).stdout
    assert f"{bib}:7: warning CT102 [uncited-reference] reference entry 'Müller'" in text
    github = CliRunner().invoke(main, [*args, "--format", "github"]).stdout
    assert f"file={bib},line=7,title=CT102" in github
    sarif = json.loads(CliRunner().invoke(main, [*args, "--format", "sarif"]).stdout)
    locations = [r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"]]
    assert {
        "artifactLocation": {"uri": bib.resolve().as_uri()},
        "region": {"startLine": 7},
    } in locations


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("junk.ris", "Just some notes, not RIS at all.\n", "no record opens with 'TY  -'"),
        ("open.ris", "TY  - BOOK\nAU  - Pike, D.\nPY  - 1987\nER  - \n\nTY  - BOOK\nAU  - Lee\n",
         "line 6: a RIS record without its end"),
        ("odd.json", '[{"id": "a"}, [1, 2]]', "item 2 is not a CSL-JSON object"),
        ("twice.bib", "@book{a, title={X}}\n@book{a, title={Y}}\n", "the key 'a' is used twice"),
    ],
)  # fmt: skip
def test_more_bad_bibliographies(tmp_path: Path, name: str, content: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=reason):
        read_bibliography(str(path))


def test_a_latin1_bibliography_and_a_crossref(tmp_path: Path) -> None:
    latin = tmp_path / "l1.bib"
    latin.write_bytes("@book{m, author={Müller}, year={2001}, title={T}}\n".encode("latin-1"))
    with pytest.raises(InputError, match="a bibliography must be UTF-8"):
        read_bibliography(str(latin))
    crossed = tmp_path / "x.bib"
    crossed.write_text(
        "@inproceedings{lee2004, author={Lee, K.}, title={Roots}, crossref={proc}}\n"
        "@proceedings{proc, title={Proceedings of Roots}, year={2004}}\n",
        encoding="utf-8",
    )
    lee = read_bibliography(str(crossed))[0]
    assert (lee.year, lee.container) == ("2004", "Proceedings of Roots")
