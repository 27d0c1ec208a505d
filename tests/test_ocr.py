"""OCR typo detection: each kind of evidence alone, what is never flagged, and
precision and recall on the bundled paper's hand-labelled errors."""

from __future__ import annotations

import json
import random
import re
from itertools import chain
from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace import audit_text
from citetrace.ci.fix import fix_text
from citetrace.cli import main
from citetrace.config import Config
from citetrace.confusion import ocr_distance

from .conftest import ROOT, SEED

OCR = ("ocr-typo", "name-variant")


def typos(text: str, **config: object) -> list[tuple[str, str, str]]:
    """The judge's findings on ``text`` read as a scan (these texts are too short
    for the noise estimate; see test_ocr_noise.py for that)."""
    config.setdefault("ocr", "on")
    report = audit_text(text, config=Config(select=OCR, **config))
    return [(f.rule, " ".join(f.text.split()), f.suggestion) for f in report.findings]


# -- evidence, one kind at a time ------------------------------------------------


def test_lexicon_evidence() -> None:
    assert typos("The assitance was given to the ministry.") == [
        ("ocr-typo", "assitance", "assistance")
    ]


def test_document_evidence_for_names() -> None:
    text = "Cambodia is poor. Cambodia is near. Aid to Camobida grew. Cambodia again."
    assert typos(text) == [("ocr-typo", "Camobida", "Cambodia")]


def test_reference_list_evidence() -> None:
    text = "A few weeks later, Izvestiva carried an interview.\n\n## References\n\nIzvestiya\n"
    assert typos(text) == [("ocr-typo", "Izvestiva", "Izvestiya")]


def test_confusion_pairs_weigh_less_than_other_edits() -> None:
    assert ocr_distance("govemment", "government") == 0.5  # rn read as m
    assert ocr_distance("vvindow", "window") == 0.5
    assert ocr_distance("dear", "clear") == 0.5
    assert ocr_distance("gevernment", "government") == 1.0  # an ordinary substitution
    assert ocr_distance("thrid", "third") == 0.75
    # a broken ll or il reads as d, but a d is not read as ll
    assert ocr_distance("wdl", "will") == ocr_distance("chddren", "children") == 0.5
    assert ocr_distance("divell", "dived") > 1
    assert ocr_distance("thrid", "thrill") > ocr_distance("thrid", "third")  # a last d is a d
    assert ocr_distance("nnd", "and") == 0.5  # an a read as n
    assert ocr_distance("and", "nnd") == 1.0  # one way: an n is not read as a
    assert ocr_distance("boforo", "before") == 1.0  # worn type's e read as o, twice
    assert ocr_distance("before", "boforo") == 2.0
    assert ocr_distance("lhat", "that") == 0.5 < ocr_distance("that", "lhat")  # t read as l


def test_digits_read_for_letters() -> None:
    assert typos("The pub1ic and the C0mmunist party, on the 10th of May.") == [
        ("ocr-typo", "pub1ic", "public"),
        ("ocr-typo", "C0mmunist", "Communist"),
    ]


def test_run_together_tokens() -> None:
    got = typos("From the 7th to the 9th of July1987, a conflictridden region.")
    assert got == [
        ("ocr-typo", "July1987", "July 1987"),
        ("ocr-typo", "conflictridden", "conflict-ridden | conflict ridden"),
    ]


def test_line_end_hyphenation_is_joined_then_judged_as_a_name() -> None:
    text = (
        "Medvedyev spoke. Medvedyev left. It was Med-\n\nvedev, the Secretary, who came. "
        "The Socialist Common-\n\nwealth met."
    )
    assert typos(text) == [("name-variant", "Med- vedev", "Medvedyev")]


def test_name_spelled_two_ways_with_a_misread_part() -> None:
    text = "Kim II Sung did not come. Relations with Kim Il Sung were bad."
    assert typos(text) == [("name-variant", "II", "Il")]


def test_same_misreading_propagates() -> None:
    text = "Afghanistan and Afganistan and Afganistan. The Afgan revolution and the Afgans."
    got = typos(text)
    assert ("ocr-typo", "Afgan", "Afghan") in got and ("ocr-typo", "Afgans", "Afghans") in got
    assert got.count(("ocr-typo", "Afganistan", "Afghanistan")) == 2


# -- never flagged ------------------------------------------------------------------


def test_both_ways_to_the_second_edit_give_the_same_words() -> None:
    """Long words are matched by scanning the common words, short ones by
    generating their edits; on any word long enough to be scanned both must
    find the same words."""
    from rapidfuzz.distance import Indel

    from citetrace.ocr import lexicon

    rng = random.Random(7)
    common = [w for n in range(lexicon._SCAN_FROM, 15) for w in lexicon._common_list(n)]
    letters = "abcdefghijklmnopqrstuvwxyz"
    checked = found = farthest = 0
    while checked < 80:
        word = rng.choice(common)
        for _ in range(2):  # two of: deletion, insertion, replacement, transposition
            i = rng.randrange(len(word) - 1)
            c = rng.choice(letters)
            word = rng.choice(
                [
                    word[:i] + word[i + 1 :],
                    word[:i] + c + word[i:],
                    word[:i] + c + word[i + 1 :],
                    word[:i] + word[i + 1] + word[i] + word[i + 2 :],
                ]
            )
        if len(word) < lexicon._SCAN_FROM:
            continue
        first = {*chain(*lexicon._edits(word))} | lexicon._misreadings(word)
        by_scan = sorted(lexicon._second_by_scan(word, first))
        assert by_scan == sorted(lexicon._second_by_generation(word, first)), word
        checked += 1
        found += bool(by_scan)
        farthest += any(Indel.distance(word, w) == 4 for w in by_scan)
    assert found >= 50  # most corrupted words have a common word two edits away
    assert farthest >= 5  # and some of them two replacements away


@pytest.mark.parametrize(
    "text",
    [
        "The assitance [sic] was given.",
        "Correctly spelled words, all of them, in ordinary English prose.",
        "Kaison visited. Kaison left. Then Kaison returned.",
        "His closest associates (blizhaishie podruchinye) were named.",
        "The journal *Novoe Vremya* and the word _edinomysheenniki_ appear.",
        'He said "blizhaishie podruchinye edinomysheenniki" in Russian.',
        "In 1987 the CMEA and the SS-20 and NATO and 12,000 troops.",
        "The labor theater in the center: American spellings.",
        "A modus vivendi, vis-a-vis the intra-party bogy.",
        "Claim (Izvestiva, 1987. 8. 11).\n\n## References\n\nIzvestiya\n\n"
        'Akino, Y. 1986 "Soren no azia shakaishugi doumeikoku seisaku", Soren Ken Kyuu.',
    ],
)
def test_never_flagged(text: str) -> None:
    assert typos(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The `assitance` code span.",
        "Text <!-- the assitance --> here.",
        "See http://example.org/assitance for it.",
        "Write to assitance@example.org today.",
        "The [assitance](http://example.org) link.",
        "“blizhaishie podruchinye assitance” in Russian.",
        "«blizhaishie podruchinye assitance» in Russian.",
        "*assitance* in italics.",
    ],
)
def test_markup_zones_are_never_judged(text: str) -> None:
    assert typos(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The `code` span, then the assitance.",
        "A comment <!-- note --> and then the assitance.",
        "The *journal* and then the assitance.",
        'He said "ordinary English words here" and then the assitance.',
        "“blizhaishie podruchinye” and then the assitance.",
        "A claim (Pravda, 1987) and then the assitance.",
        "(the assitance was given to the ministry of labour)",
        "See http://example.org/ and then the assitance.",
    ],
)
def test_a_word_after_closed_markup_is_judged(text: str) -> None:
    assert typos(text) == [("ocr-typo", "assitance", "assistance")]


def test_check_sic_judges_marked_words() -> None:
    assert typos("The assitance [sic] was given.", ignore_sic=False) == [
        ("ocr-typo", "assitance", "assistance")
    ]


def test_vocabulary_from_config_and_file(tmp_path: Path) -> None:
    assert typos("The assitance was given.", vocabulary=("assitance",)) == []
    paper = tmp_path / "paper.md"
    paper.write_text("The assitance and the ministrie.\n", encoding="utf-8")
    (tmp_path / "citetrace-vocab.txt").write_text("# house words\nministrie\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(paper), "--format", "json", "--select", "CT5"])
    found = [f["text"] for f in json.loads(result.stdout)["documents"][0]["findings"]]
    assert found == ["assitance"]


def test_citation_sources_are_not_reported_twice() -> None:
    text = "Izvestiva said so (Izvestiva, 1987. 8. 11).\n\n## References\n\nIzvestiya\n"
    report = audit_text(text)
    rules = [(f.rule, f.start) for f in report.findings if f.text == "Izvestiva"]
    assert [r for r, _ in rules] == ["ocr-typo", "source-typo"]
    assert rules[0][1] != rules[1][1]


# -- ambiguity and fixes --------------------------------------------------------------


def test_equally_good_corrections_are_all_given_and_never_applied() -> None:
    report = audit_text("It was soley his decision.", config=Config(select=OCR, ocr="on"))
    (finding,) = report.findings
    assert set(finding.suggestion.split(" | ")) >= {"sole", "solely"} and finding.fix is None
    assert fix_text("It was soley his decision.", unsafe=True).fixed == "It was soley his decision."


def test_single_corrections_need_unsafe_fixes() -> None:
    text = "The assitance was given."
    assert fix_text(text).fixed == text
    assert fix_text(text, unsafe=True).fixed == "The assistance was given."


# -- text corrupted with the confusion pairs -----------------------------------------

CLEAN = """The government announced a modern programme of economic reform in the
summer. Ministers from several countries attended the conference, and the
delegation worked through the night on a common declaration. Observers noted
that the question of military bases remained difficult, while the problem of
trade was discussed in a friendly atmosphere. The committee published its
report in the autumn, and the newspapers described the meeting as important
for the whole region. Critics doubted whether the promised assistance would
arrive, but the minister insisted that the agreement was binding."""

CORRUPTIONS = [
    ("rn", "m"),
    ("m", "rn"),
    ("cl", "d"),
    ("w", "vv"),
    ("l", "1"),
    ("o", "0"),
    ("e", "c"),
    ("n", "u"),
    ("h", "b"),
    ("d", "cl"),
]


def corrupt(text: str, rate: float, seed: int) -> tuple[str, dict[str, str]]:
    rng = random.Random(seed)
    truth: dict[str, str] = {}
    words = re.split(r"(\s+)", text)
    for i, word in enumerate(words):
        core = word.strip(".,\n")
        if len(core) < 5 or rng.random() > rate:
            continue
        pairs = [(a, b) for a, b in CORRUPTIONS if a in core]
        if not pairs:
            continue
        a, b = rng.choice(pairs)
        damaged = core.replace(a, b, 1)
        from citetrace.ocr import lexicon

        if lexicon.known(damaged.lower()):
            continue  # a real word: out of scope for non-word detection
        words[i] = word.replace(core, damaged, 1)
        truth[damaged] = core
    return "".join(words), truth


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_text_corrupted_with_confusion_pairs(seed: int) -> None:
    damaged, truth = corrupt(CLEAN, 0.4, seed)
    assert len(truth) >= 8
    found = {text: suggestion for _, text, suggestion in typos(damaged)}
    hits = [w for w in truth if w in found]
    assert len(hits) / len(truth) >= 0.8, (truth, found)
    assert [w for w in found if w not in truth] == []  # no false alarm on clean words
    right = [w for w in hits if truth[w] in found[w].split(" | ")]
    assert len(right) / len(hits) >= 0.8, {w: (truth[w], found[w]) for w in hits}


# -- the bundled paper ------------------------------------------------------------------


def _labels() -> list[tuple[int, str, str]]:
    rows = (ROOT / "tests" / "data" / "seed_ocr_errors.tsv").read_text("utf-8").splitlines()
    body = [r for r in rows if r and not r.startswith("#")][1:]
    return [(int(line), text, fix) for line, text, fix in (r.split("\t") for r in body)]


def seed_scores(report) -> dict[str, float]:
    labels = _labels()
    found = [
        (f.line, "".join(f.text.split()), f.suggestion or "")
        for f in report.findings
        if f.rule in OCR
    ]
    truth = {(line, text): fix for line, text, fix in labels}
    true_positives = [(line, text, s) for line, text, s in found if (line, text) in truth]
    right = [t for t in true_positives if truth[t[:2]] in t[2].split(" | ")]
    return {
        "found": len(found),
        "labelled": len(labels),
        "precision": len(true_positives) / len(found),
        "recall": len({t[:2] for t in true_positives}) / len(truth),
        "corrections right": len(right) / len(true_positives),
    }


def test_precision_and_recall_on_the_bundled_paper(seed_report) -> None:
    scores = seed_scores(seed_report)
    print("\nOCR on the bundled paper:", scores)
    assert scores["precision"] >= 0.9
    assert scores["recall"] >= 0.8
    assert scores["corrections right"] >= 0.9


@pytest.mark.parametrize(
    ("word", "correction"),
    [
        ("assitance", "assistance"),
        ("Camobida", "Cambodia"),
        ("Pyongynag", "Pyongyang"),
        ("understnading", "understanding"),
        ("July1987", "July 1987"),
        ("Izvestiva", "Izvestiya"),
    ],
)
def test_the_named_errors_are_found_with_the_right_correction(
    seed_report, word, correction
) -> None:
    found = [f for f in seed_report.findings if f.text == word and f.rule in (*OCR, "source-typo")]
    assert found and all(f.suggestion == correction for f in found)


def test_typos_command_groups_by_correction() -> None:
    result = CliRunner().invoke(main, ["typos", str(SEED)])
    assert result.exit_code == 0
    first = result.output.splitlines()[0]
    assert first.startswith("Afghanistan  ← Afganistan  ×8")
    assert "assistance  ← assitance  ×4" in result.output
    data = json.loads(CliRunner().invoke(main, ["typos", str(SEED), "--format", "json"]).output)
    conflict = next(g for g in data if g["correction"].startswith("conflict"))
    assert conflict["ambiguous"] is True


@pytest.mark.parametrize("chunk", [64, 1000])
def test_results_do_not_depend_on_how_the_body_is_chunked(monkeypatch, chunk: int) -> None:
    from citetrace.ocr import judge

    text = SEED.read_text("utf-8")
    whole = audit_text(text).typos
    monkeypatch.setattr(judge, "CHUNK", chunk)
    assert audit_text(text).typos == whole
    assert len(whole) > 50


def _paragraph_without_spaces() -> str:
    body = SEED.read_text("utf-8").split("\n\n")
    return "".join(max(body, key=len).split())


@pytest.mark.parametrize(
    "run",
    [
        "x" * 3000,
        "Q" + "u" * 3000,
        "rn" * 1500,
        _paragraph_without_spaces()[:3000],
    ],
    ids=["lower-case", "capitalised", "misread-glyphs", "paragraph-without-spaces"],
)
def test_a_long_run_of_letters_costs_little_memory(run: str) -> None:
    """A paragraph OCR'd without its spaces is one 'word' of thousands of letters:
    its edits, if generated, would take hundreds of megabytes."""
    import tracemalloc

    text = f"The assitance grew. {run} and more.\n"
    from citetrace.ocr import lexicon

    audit_text("The assitance grew.\n")  # the word list and its sets, read once
    lexicon.frequent_near("assitance")  # and the quick look's screen (built once in a batch)
    tracemalloc.start()
    try:
        report = audit_text(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000
    assert "assitance" in [t.text for t in report.typos]  # the words around it are judged


def test_words_longer_than_any_listed_word_have_no_suggestions_or_split() -> None:
    from citetrace.ocr import judge, lexicon

    longest = lexicon.longest()
    assert 20 <= lexicon.longest(common=True) <= longest
    assert lexicon.suggestions("a" * (lexicon.longest(common=True) + 3)) == []
    assert not lexicon.frequent_near("a" * (lexicon.longest(common=True) + 2))
    assert judge._split("x" * (2 * longest + 1)) is None
    # within reach, both still work
    assert lexicon.suggestions("govemment") == ["government"]
    assert judge._split("conflictridden").suggestions == ("conflict-ridden", "conflict ridden")


def test_two_words_run_together_are_a_function_word_or_two_long_words() -> None:
    from citetrace.ocr import judge

    assert judge._split("practicemust").suggestions == ("practice-must", "practice must")
    assert judge._split("togetherwith").suggestions[1] == "together with"
    # a short content word joined to another is a compound its author wrote so
    for compound in ("subtree", "codebook", "multiword", "metarules", "tramfares"):
        assert judge._split(compound) is None, compound
    assert judge._split("durtug") is None  # garbled: "dur" and "tug" are there by chance
    assert judge._split("hasConstruction") is None  # an identifier in camel case


def test_the_banded_table_gives_the_whole_tables_distance() -> None:
    """ocr_distance fills the table near its diagonals first and trusts the result
    only below the cost of straying further: it must equal the whole table's."""
    from citetrace import confusion

    rng = random.Random(11)
    glyphs = ["rn", "m", "cl", "d", "vv", "w", "Il", "II", "ll", "l", "1", "I", "o", "0", "c"]
    glyphs += ["e", "u", "n", "h", "b", "a", "x", "s", "t"]
    strayed = 0
    for _ in range(4000):
        a = "".join(rng.choice(glyphs) for _ in range(rng.randint(0, 12)))
        b = list(a)
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(b) + 1)
            b[i:i] = [rng.choice(glyphs)] if rng.random() < 0.5 else []
            if b and rng.random() < 0.6:
                del b[min(i, len(b) - 1)]
        b = "".join(b)
        if rng.random() < 0.3:  # glyph groups moved from one end to the other: a cheap stray
            ends = rng.choice([("rnrn", "mm"), ("clcl", "dd"), ("vvvv", "ww")])
            a, b = ends[0] + a + ends[1], ends[1] + a + ends[0]
        whole = confusion._table(a, b, -len(b), len(a))
        assert confusion.ocr_distance(a, b) == whole, (a, b)
        shift = len(a) - len(b)
        band = confusion._BAND
        strayed += confusion._table(a, b, min(0, shift) - band, max(0, shift) + band) > whole
    assert strayed >= 10  # pairs whose best alignment leaves the band are among them


def test_ll_read_as_a_capital_u() -> None:
    text = "It is weU known that aU the men wiU go, and the waH was tall."
    assert typos(text) == [
        ("ocr-typo", "weU", "well"),
        ("ocr-typo", "aU", "all"),
        ("ocr-typo", "wiU", "will"),
        ("ocr-typo", "waH", "wall"),
    ]
    assert "nucll" not in str(typos("The nucH gene was measured."))  # no word read that way
    # an old spelling is read back as printed, not modernised
    assert typos("The DeviU came withaU his vesseU.") == [
        ("ocr-typo", "DeviU", "Devill"),
        ("ocr-typo", "withaU", "withall"),
        ("ocr-typo", "vesseU", "vessell"),
    ]
