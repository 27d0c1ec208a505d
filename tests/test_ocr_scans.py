"""A much damaged scan: short words misread, words too garbled to mend, old spellings."""

from __future__ import annotations

from itertools import pairwise

from citetrace import audit_text
from citetrace.config import Config
from citetrace.ocr.function_words import reading, sure, unambiguous
from citetrace.ocr.judge import LONG_S
from citetrace.ocr.old_spelling import modern

OCR = ("ocr-typo", "name-variant")

# A newspaper column as a bad scan of old type reads: e read as o, n as u, h as b.
DAMAGED = (
    "Tbe steamer arrived at tho wharf wbich was crowded, aud tho passengers wero "
    "landed in boats. Tbe captain said tliat tbe weatber bad been rough, and bo "
    "thought tbe voyage wonld bave taken longer. Tbe cargo of wool was qxzvtrl "
    "stored in tbe sheds, aud tbe agents wero pleased with tbe state of it. "
) * 2


def findings(text: str) -> dict[str, tuple[tuple[str, ...], float]]:
    report = audit_text(text, config=Config(select=OCR))
    reported = {f.start for f in report.findings}
    return {t.text: (t.suggestions, t.confidence) for t in report.typos if t.start in reported}


def test_short_common_words_misread_are_mended() -> None:
    found = findings(DAMAGED)
    assert found["tho"][0] == ("the",)
    assert found["aud"][0] == ("and",)
    assert found["wero"][0] == ("were",)
    assert found["bo"][0] == ("be",)
    assert found["tho"][1] == found["Tbe"][1] == 0.9


def test_a_short_word_two_common_words_fit_equally_is_in_doubt() -> None:
    found = findings(DAMAGED.replace("tho wharf", "tbo wharf"))
    assert found["tbo"] == (("the",), 0.7)  # "the" or "two": the commoner, less sure
    assert unambiguous("tho") and not unambiguous("tbo")


def test_a_word_too_garbled_to_mend_is_flagged_without_a_suggestion() -> None:
    found = findings(DAMAGED)
    assert found["qxzvtrl"] == ((), 0.5)


def test_a_garbled_word_two_misread_glyphs_from_a_word_is_read_back() -> None:
    from citetrace.ocr.lexicon import glyph_readings

    assert "before" in glyph_readings("boforo") and "restrictions" in glyph_readings("rcstrietions")
    assert glyph_readings("qxzvtrl") == []
    found = findings(DAMAGED.replace("stored", "boforo stored"))
    assert found["boforo"] == (("before",), 0.6)  # a guess worth showing, not a sure one


def test_clean_prose_keeps_its_short_rare_words_and_its_names() -> None:
    clean = (
        "Ho and Bo measured the ore in the sand, vis-à-vis the tide, as Millar and "
        "Moreton had done; the fur trade and the rood screen are old. "
    ) * 4
    assert findings(clean) == {}


def test_in_a_damaged_scan_names_one_plain_edit_from_a_word_are_left_alone() -> None:
    text = DAMAGED + "\n\nMr Millar and Mr Moreton spoke. Tbe meeting closed.\n"
    found = findings(text)
    assert "Millar" not in found and "Moreton" not in found


def test_the_readings_of_short_words() -> None:
    assert [reading(w) for w in ("tho", "tbe", "nnd", "aro", "havo", "thc")] == [
        "the",
        "the",
        "and",
        "are",
        "have",
        "the",
    ]
    # a rarer word one glyph from a common one (b/h, c/e) reads as it
    assert [reading(w) for w in ("bis", "hut", "arc")] == ["his", "but", "are"]
    # real words read only through a glyph misread; old spellings kept
    assert [reading(w) for w in ("sand", "vow", "ere", "hee", "data", "fur")] == [None] * 6


def test_old_spellings_and_their_modern_words() -> None:
    pairs = {
        "againe": "again",
        "bloud": "blood",
        "tryall": "trial",
        "coniure": "conjure",
        "wickednesse": "wickedness",
        "raysed": "raised",
        "musick": "music",
        "maister": "master",
        "kitchin": "kitchen",
        "commaunded": "commanded",
        "entred": "entered",
        "heere": "here",
        "countrey": "country",
        "serveth": "serve",  # the old verb endings
        "knowest": "know",
        "earely": "early",
        "counsaile": "counsel",  # vowels written as the time said them
        "seaven": "seven",
        "insteed": "instead",
        "streight": "straight",
        "convay": "convey",
        "schollers": "scholars",
    }
    assert {old: modern(old) for old in pairs} == pairs
    assert [modern(w) for w in ("tbe", "wbich", "qxzvtrl")] == [None] * 3


def test_a_scan_of_an_early_book_keeps_its_spellings_beside_its_damage() -> None:
    early = (
        "Then the maister raysed his voyce, and the bloud of the wickednesse was "
        "upon them, for the tryall of the coniurers was at hand, and musick playd. "
    ) * 3
    found = findings(DAMAGED + "\n\n" + early + "He was caUed away. ")
    assert "wbich" in found
    assert found["caUed"] == (("called",), 0.9)  # ll misread, not an old spelling of "cued"
    assert not set(found) & {"maister", "raysed", "bloud", "wickednesse", "tryall", "musick"}


def test_a_reading_is_sure_only_through_a_glyph_misread_in_three_letters_or_more() -> None:
    assert sure("tho") and sure("tbe") and sure("aud")
    assert not sure("bo")  # two letters: "be", or as often something else
    assert not sure("tbo")  # "the" or "two"
    assert not sure("waa")  # a plain slip, not a glyph misread
    assert reading("lho") == "the"  # l for t and o for e, as old type reads


def test_in_a_much_damaged_scan_a_name_of_garbled_letters_is_worth_a_look() -> None:
    text = DAMAGED + "\n\nMr Ckqutesr and Mr Blaxland spoke at Dlstiict hall. Tbe meeting closed.\n"
    found = findings(text)
    assert found["Ckqutesr"] == ((), 0.5) and found["Dlstiict"] == ((), 0.5)
    assert "Blaxland" not in found
    # in a lightly damaged scan, only words with a correction are shown
    light = "Tbe ship came in. " + "The harbour was calm and the crew went ashore at noon. " * 30
    assert "Ckqutesr" not in findings(light + "Mr Ckqutesr spoke.")


def test_in_a_ruined_scan_a_short_name_used_once_that_no_reading_explains_is_worth_a_look() -> None:
    text = DAMAGED + "\n\nMr Kembo and Mr Blaxland spoke. Tbe meeting closed.\n"
    report = audit_text(text, config=Config(select=OCR))
    assert report.ocr is not None and report.ocr.noise >= 20
    found = findings(text)
    assert found["Kembo"] == ((), 0.4) and "Blaxland" not in found
    light = "Tbe ship came in. " + "The harbour was calm and the crew went ashore at noon. " * 30
    assert "Kembo" not in findings(light + "Mr Kembo spoke.")


def test_a_real_word_its_neighbours_read_as_another() -> None:
    from citetrace.ocr.context import reading as in_context

    assert in_context("he", "bad", "been") == "had"
    assert in_context("a", "bad", "day") is None  # it fits where it stands
    assert in_context("with", "bis", "own") == "his"
    # the commonest words are never read as each other: pairs cannot tell them apart
    assert in_context("the", "now", "bridge") is None
    assert in_context("later", "he", "maintained") is None
    found = findings(DAMAGED + "\n\nThe master said that he bad been at sea for years.\n")
    assert found["bad"] == (("had",), 0.6)


def test_a_scan_writing_a_long_word_three_times_keeps_it_as_its_term() -> None:
    text = DAMAGED + "\n\n" + "The wool of the merinoish flock was sold. " * 3
    found = findings(text)
    assert "merinoish" not in found and "tho" in found


def test_a_capitalised_short_word_opening_a_sentence_but_not_a_name() -> None:
    found = findings(DAMAGED + "\n\nHo said that the ship was late. Ho Chi Minh came too.\n")
    assert found["Ho"] == (("He",), 0.7)
    report = audit_text(DAMAGED + "\n\nHo Chi Minh came too.\n", config=Config(select=OCR))
    assert not [t for t in report.typos if t.text == "Ho"]
    assert findings(DAMAGED + "\n\nTho Government met.\n")["Tho"] == (("The",), 0.9)


def test_a_short_word_one_slip_from_the_commonest_words_in_context() -> None:
    from citetrace.ocr.context import reading as in_context

    assert in_context("of", "tie", "year") == "the"
    assert in_context("the", "tie", "time") is None  # never "the the"
    assert in_context("his", "tie", "was") is None  # a tie fits there


def test_in_a_much_damaged_scan_a_lower_case_letter_standing_alone_is_a_speck() -> None:
    text = DAMAGED + "\n\nThe j steamer left, and (b) the mail, b. the x-axis and a boat.\n"
    report = audit_text(text, config=Config(select=OCR))
    letters = [(t.text, t.suggestions) for t in report.typos if len(t.text) == 1]
    assert letters == [("j", ())]  # not "(b)", "b.", "x-axis" nor the word "a"


def test_a_capitalised_word_one_glyph_from_a_common_word_in_a_scan() -> None:
    text = (
        DAMAGED
        + "\n\nThe Judgo said the Sino-Soviet talks, the Sino-Soviet border "
        + "and Sino-Soviet trade.\n"
    )
    found = findings(text)
    assert found["Judgo"] == (("Judge",), 0.7)
    assert "Sino" not in found  # written three times: the text's own


def test_a_word_a_scan_broke_at_a_line_end_is_read_whole() -> None:
    # the hyphen of each line's end lost: the pieces of a word stand apart
    broken = DAMAGED + (
        "The agents had made ap\nplication to the board con\ncerning the wool, and "
        "the occu pation of the sheds was put off. "
    )
    found = findings(broken)
    assert found["ap\nplication"] == (("application",), 0.8)
    assert found["con\ncerning"] == (("concerning",), 0.8)
    assert found["occu pation"] == (("occupation",), 0.8)
    assert not {"ap", "plication", "cerning", "occu", "pation"} & found.keys()


def test_pieces_that_are_words_or_a_function_word_are_not_joined() -> None:
    text = DAMAGED + "They went in to the sheds, an other day; the men would goe the same way. "
    found = findings(text)
    assert not any(" " in word or "\n" in word for word in found)  # no "into", "goethe"


def test_born_digital_prose_is_not_joined() -> None:
    clean = (
        "The board heard the application concerning the wool, and the occupation of "
        "the sheds was discussed at length by the members present that day. "
    ) * 3 + "A late ap plication was noted. "
    assert all(" " not in word for word in findings(clean))


def test_a_tilde_ocr_wrote_for_a_glyph_it_could_not_read_is_damage() -> None:
    text = (
        "The parser was in~nediately faster, and find~ing the heads took less time. "
        "Our thanks go to the Cortlcr~nce staff. "
    )
    found = findings(text)
    assert found["find~ing"] == (("finding",), 0.8)  # without its tilde, a word
    assert found["in~nediately"] == ((), 0.6)  # too garbled to mend, still worth a look
    assert found["Cortlcr~nce"] == ((), 0.6)
    assert not {"nediately", "Cortlcr", "nce"} & found.keys()  # one finding per word
    report = audit_text(text, config=Config(select=OCR))
    garbled = next(f for f in report.findings if f.text == "in~nediately")
    assert garbled.message.startswith("'in~nediately' looks like OCR damage (confidence 60%")
    assert garbled.to_json()["suggestion"] is None  # null, never "" (a deletion to apply)
    assert garbled.fix is None


def test_a_tex_tie_between_words_is_no_damage() -> None:
    clean = (
        "As Smith et~al. showed, the effect (see Fig.~2) holds for the~whole set of "
        "samples, and the same holds for the controls measured a week later. "
    )
    assert findings(clean) == {}


def test_a_damaged_word_in_doubt_takes_the_reading_its_neighbours_choose() -> None:
    # "ia": is, in, it... one slip each; "er": or, ere, her...
    text = DAMAGED + (
        "There ia no doubt of it, and on boing put the motion was carried by one er two votes. "
    )
    found = findings(text)
    assert found["ia"] == (("is",), 0.7)
    assert found["boing"] == (("being",), 0.8)  # worn type's o for e: no doubt left
    assert found["er"] == (("or",), 0.7)


def test_neighbours_that_choose_no_reading_leave_the_doubt() -> None:
    from citetrace.ocr.context import choice

    assert choice("there", ("is", "in", "it"), "no") == "is"
    assert choice("water", ("is", "in", "it"), "as") is None  # "water in as" is no less likely
    assert choice(None, ("is", "in", "it"), None) is None  # no neighbours, no choice
    assert choice("qzx", ("is", "in"), "vvq") is None  # no pair the list holds


# An eighteenth-century print: every s inside a word a long s, which OCR reads as f.
LONG_S_PRINT = (
    "The Houfe of Commons refolved, that the Bufinefs of the Seffion fhould be "
    "fettled before the Recefs, and that the Members be defired to attend upon "
    "Tuefday next, the Matter being of great Confequence to the Publick. "
)


def test_a_long_s_ocr_read_as_f_is_read_back() -> None:
    found = findings(LONG_S_PRINT)
    expected = {
        "Houfe": "House",
        "refolved": "resolved",
        "Bufinefs": "Business",  # three f's, two of them long s's
        "Seffion": "Session",
        "fhould": "should",
        "Tuefday": "Tuesday",
        "defired": "desired",  # not "defined", one plain edit away too
        "Confequence": "Consequence",
    }
    for word, meant in expected.items():
        assert found[word] == ((meant,), 0.8), word
    assert "Publick" not in found  # an old spelling, not damage


def test_names_and_words_tex_ties_together_are_no_damage() -> None:
    clean = (
        "As Vaswani~et~al. showed, and as Dr~Fairbairn confirmed in Kraków~and Warsaw, "
        "the effect holds for every sample measured in the two laboratories that year. "
    )
    assert findings(clean) == {}


def test_a_run_of_tildes_is_read_at_once() -> None:
    text = "See the note" + "~" * 30 + ". The rest of the page is plain prose of no interest. "
    assert findings(text) == {}  # a pattern that tried every split of the run would not end


def test_no_ocr_finding_reaches_into_a_citation() -> None:
    text = (
        "This point was made in~Okafor and Bello (2001) and it holds. The board will "
        "provi de Vries (2002) with the data.\n\nReferences\n\n"
        "Okafor, A. and Bello, B. (2001). On points. Lagos: Press.\n\n"
        "de Vries, C. (2002). Boards. Leiden: Brill.\n"
    )
    report = audit_text(text, config=Config(ocr="on"))
    spans = [(c.start, c.end) for c in report.citations]
    assert len(spans) == 2
    for f in report.findings:
        if f.rule in OCR:
            assert all(f.end <= a or f.start >= b for a, b in spans), f


def test_a_word_joined_across_a_line_end_is_one_finding() -> None:
    report = audit_text(DAMAGED + "and the ko\nbold of it was seen ", config=Config(ocr="on"))
    typos = sorted((t.start, t.end) for t in report.typos)
    assert all(a[1] <= b[0] for a, b in pairwise(typos))  # none overlap


def test_a_name_with_an_f_is_no_long_s_unless_the_type_has_it() -> None:
    modern = (
        "Graff argues that the archive was sold, and Leff agrees with Graff on this. "
        "The papers went to Afton in the spring, where they were catalogued by the staff. "
    )
    report = audit_text(DAMAGED + modern, config=Config(select=OCR))
    assert not [t for t in report.typos if t.evidence.startswith(LONG_S)]  # Grass, Less, Aston
    assert findings(LONG_S_PRINT + "It was fent to Afton. ")["Houfe"] == (("House",), 0.8)


def test_a_reading_chosen_by_its_neighbours_is_not_a_neighbour() -> None:
    from citetrace.ocr.context import choice

    assert choice("he", ("he", "is"), "is") is None  # "he he" and "is is" are no readings
    report = audit_text(DAMAGED + "There ia no doubt of it. ", config=Config(select=OCR, ocr="on"))
    message = next(f.message for f in report.findings if f.text == "ia")
    assert "no word is near enough" not in message and "its neighbours choose 'is'" in message


def test_a_stray_mark_inside_a_word_of_a_scan_is_damage() -> None:
    text = DAMAGED + "Tbe user?s guide to tbe morpho\\]ogische Komponente; a;b and x|y stand. "
    found = findings(text)
    assert found["user?s"] == (("user's",), 0.8)  # an apostrophe OCR could not read
    assert found["morpho\\]ogische"] == ((), 0.6)
    assert not {"a;b", "x|y", "ogische", "morpho"} & found.keys()  # notation; one finding a word


def test_a_stray_mark_in_born_digital_prose_is_not_reported() -> None:
    clean = (
        "The detail?v column and the build[ing] index were exported as they stood, and "
        "the remaining fields were checked by hand against the printed forms that week. "
    )
    assert findings(clean) == {}


def test_et_al_in_the_prose_of_a_scan_is_latin() -> None:
    found = findings(DAMAGED + "As Smith et al. showed, the wool was sold at a loss. ")
    assert "et" not in found and "al" not in found
    # but "et" and "cf" standing alone are misreads of "at" and "of"
    text = DAMAGED + "He sat et home; the price cf wool rose, as Smith et al. showed (cf. p. 2). "
    report = audit_text(text, config=Config(select=OCR))
    flagged = sorted(f.start for f in report.findings if f.text in ("et", "cf"))
    assert flagged == [text.index("et home"), text.index("cf wool")]


def test_a_damaged_newspaper_whose_misreads_look_old_keeps_them() -> None:
    # five misreads that happen to look like old spellings, among many more that do not
    damage = (
        "Tbe sbip wbich lay iu tbe harbour was boarded by tbe pilot aud bis crow, "
        "wbo fouud tbe cargo of tbe vessol in good ordor aud tbe oflicers ready. "
        "Tbe mastor said tbat tbe voyago bad beon long, aud tbe weatbor bad. "
    ) * 2
    old_looking = "The wera lau maish tey and the canses were seen. "
    found = findings(damage + old_looking)
    assert {"wera", "maish", "canses"} <= found.keys()  # damage here, not the text's spelling


def test_versus_in_a_case_name_and_old_pronouns_are_words() -> None:
    text = DAMAGED + (
        "Criminal appeal: Rex v Hargan. Roper v Roper was heard at ten. "
        "Sirs, when ye have need of them, come to vs, cf. the other report. "
    )
    found = findings(text)
    assert not {"v", "ye", "vs", "cf"} & found.keys()
    assert "v" in findings(DAMAGED + "The cargo was v sound and dry. ")  # a speck, there


def test_a_names_particle_and_a_units_abbreviation_are_no_misreads() -> None:
    text = DAMAGED + (
        "The copy in the library of Herr von Meusebach was seen. The escort brought "
        "3465 ozs. 7 dwts. 3 grs. of gold, and the prisoner was remanded lo Sydney. "
    )
    found = findings(text)
    assert not {"von", "grs", "ozs"} & found.keys()
    assert found["lo"][0] == ("to",)  # a two-letter particle before a capital is still read


def test_a_title_misread_before_a_name_is_read_back() -> None:
    text = DAMAGED + (
        "Among the passengers were Mi Smith, Misa Brown, Messis Jones and Co, "
        "Mr Black, Ms White, M Dupont and MR GREEN. My Lord the Bishop also came. "
    )
    found = findings(text)
    assert found["Mi"] == (("Mr",), 0.6)  # Mr or Ms as near: the commoner
    assert found["Misa"] == (("Miss",), 0.6)
    assert found["Messis"] == (("Messrs",), 0.6)
    assert not {"Mr", "Ms", "M", "MR", "My"} & found.keys()  # titles, an initial, a word
    others = DAMAGED + "At Mt Vernon, Mc Donald met MP John Smith and Mo Farah. MI SMITH came. "
    found = findings(others)
    assert not {"Mt", "Mc", "MP", "Mo"} & found.keys()  # r is read as i, l or v, not t or c
    assert found["MI"] == (("MR",), 0.6)  # in capitals, as its name is
    initials = DAMAGED + "The case was heard before Mi J W Brown, and Misa\nE. Green spoke. "
    found = findings(initials)
    assert found["Mi"] == (("Mr",), 0.6)  # before initials, which are capitals in any case
    assert found["Misa"] == (("Miss",), 0.6)  # the name on the next line


def test_a_name_in_born_digital_prose_is_no_title() -> None:
    clean = (
        "The race was won by Mo Farah, and the interview was given to Mi Kyung Lee "
        "of the Seoul bureau, who filed the report that evening from the stadium. "
    )
    assert findings(clean) == {}


def test_a_month_misread_beside_a_day_or_a_year_is_read_back() -> None:
    text = DAMAGED + (
        "The steamer left on Juno 18, and the barque on the 4th Moy, 1905. "
        "Juno was a goddess, the Transport Act 1930 stands, and Marr 1982 is cited. "
    )
    found = findings(text)
    assert found["Moy"] == (("May",), 0.7)
    report = audit_text(text, config=Config(select=OCR))
    juno = [f for f in report.findings if f.text == "Juno"]
    assert [f.suggestion for f in juno] == ["June"]  # beside a day; not the goddess
    assert "Act" not in found and "Marr" not in found  # a word, a name before a year
    assert "Mayr" not in findings(DAMAGED + "As Mayr 1963 argued, the wool was sold. ")


def test_a_final_s_read_as_b_is_read_back_in_a_scan_only() -> None:
    found = findings(DAMAGED + "It waB late, and he haB gone to see JameB. ")
    assert found["waB"] == (("was",), 0.8)
    assert found["haB"] == (("has",), 0.8)
    assert found["JameB"] == (("James",), 0.8)
    clean = (
        "Deletion of napB and atpB reduced growth of the strain, as reported for the "
        "related genes in the previous study of nitrate respiration in this organism. "
    )
    assert findings(clean) == {}  # gene names, in born-digital prose


def test_old_looking_misreads_among_much_repeated_damage_are_damage() -> None:
    # one misread repeated many times, and six that happen to look like old spellings:
    # by distinct words the old look would win, by uses the damage does
    repeated = "Tbe cargo and tbe crew and tbe ship and tbe harbour were seen. " * 8
    text = repeated + "The wera lau maish tey canses bere were noted. "
    found = findings(text)
    assert {"wera", "maish", "canses"} <= found.keys()


def test_an_early_print_with_the_long_s_keeps_its_old_spellings() -> None:
    early = "Then the maister raysed the bloud of the tryall, and the musick began. "
    long_s = (
        "It is moft true that the Church hath ever been governed by fuch as were chofen, "
        "and that he himfelf fhould ufe thofe powers in his houfe, in feafon and with "
        "reafon, as the prefent perfon firft and laft muft juftly confider. "
    )
    found = findings((early + long_s) * 2)
    assert found["chofen"] == (("chosen",), 0.8)  # the long s, read back as damage
    assert not {"maister", "raysed", "bloud", "tryall", "musick"} & found.keys()


def test_a_very_common_word_is_read_as_another_only_where_both_sides_say_so() -> None:
    from citetrace.ocr.context import reading

    assert reading("the", "now", "road") == "new"  # "the new" and "new road", both far commoner
    assert reading("the", "now", "famous") is None  # "now famous" is English
    assert reading("to", "he", "the") is None  # he and be fit the same places
    report = audit_text(
        DAMAGED + "The now road to the caves was opened. ", config=Config(select=OCR)
    )
    found = {f.text: f.suggestion for f in report.findings}
    assert found.get("now") == "new"


def test_a_piece_of_a_word_broken_at_a_line_end_is_not_read_as_a_word() -> None:
    text = DAMAGED + "\n\nFORBES, Tuesday.-The hear-\ning of two charges was held over.\n"
    assert "hear" not in findings(text)  # "hear-ing", not "the year"


def test_a_speck_at_a_line_edge_is_flagged_for_deletion() -> None:
    text = DAMAGED + (
        "\n\nTUENA CREEK. !\nI (From the Bathurst Free Press.) I\n"
        "Our intelligence from the creek is of a cheering kind.\n"
        "I TO THE EDITOR OF THE HERALD.\n"
        "it was made accessible.\ni NEWCASTLE, FRIDAY.\n"
    )
    report = audit_text(text, config=Config(select=OCR))
    specks = [(f.text, f.line, f.suggestion) for f in report.findings if f.text in ("I", "i")]
    # not the "I" before "(": old type's long s looks so ("I (hall" is "I shall")
    assert specks == [("I", 4, ""), ("I", 6, ""), ("i", 8, "")]
    deleted = next(f for f in report.findings if f.text == "I")
    assert deleted.message.startswith("'I' looks like OCR damage, to delete (confidence 60%")
    assert deleted.fix is not None and deleted.fix.replacement == ""


def test_the_pronoun_and_roman_numbers_at_a_line_edge_are_no_specks() -> None:
    pronoun = DAMAGED + (
        "\n\nOn the whole I\ndo not believe it, and so, I\nthink, did he.\n"
        "I have, &c.,\nJOHN SMITH.\nThen came the vote. I\nwas not there.\n"
    )
    assert "I" not in findings(pronoun)
    roman = DAMAGED + "\n\nI THE VOYAGE OUT\nThe ship sailed.\nII THE VOYAGE HOME\nIt came back.\n"
    assert "I" not in findings(roman)  # numbered chapters: "I" is a number there


def test_words_made_by_rule_and_respelt_names_are_no_damage_in_a_scan() -> None:
    text = DAMAGED + (
        "\n\nThe chunker fed the linearizer, and each restrictor was marked by hand. "
        "Dr Samuelsson of the Institut Pasteur sailed for Melbourno on the permanont mail.\n"
    )
    found = findings(text)
    assert not {"chunker", "linearizer", "restrictor", "Samuelsson", "Institut"} & found.keys()
    assert found["Melbourno"][0] == ("Melbourne",)  # a misread name is still read back
    assert found["permanont"][0] == ("permanent",)


def test_a_derivation_is_a_listed_word_with_a_prefix_or_a_suffix() -> None:
    from citetrace.ocr.derivation import derived

    assert derived("linearizer") and derived("modifiee") and derived("subcorpus")
    assert not derived("permanont") and not derived("assaultod") and not derived("wanderin")


def test_in_a_scan_a_digit_read_for_a_letter_is_read_back() -> None:
    text = DAMAGED + (
        "\n\nWhen the storm wa3 over, the United 8tates mail left a 3hort time later. "
        "The variables el2 and el3 hold the p53 and mp3 counts.\n"
    )
    found = findings(text)
    assert found["wa3"] == (("was",), 0.8)
    assert found["8tates"] == (("states",), 0.8)
    assert found["3hort"] == (("short",), 0.8)
    assert not {"el3", "p53", "mp3"} & found.keys()  # a numbered series, codes
    clean = "When the storm wa3 over, the mail left. " * 3
    assert "wa3" not in findings(clean)  # born-digital prose: a typo, not a scan's misread


def test_a_capitalised_word_inside_a_name_is_read_by_the_name() -> None:
    text = DAMAGED + "\n\nHe sailed from Havre to the city of Now York in May. Now York was far.\n"
    report = audit_text(text, config=Config(select=OCR))
    nows = [(f.column, f.suggestion) for f in report.findings if f.text == "Now"]
    assert nows == [(37, "New")]  # not where "Now" opens a sentence


def test_a_one_standing_for_the_pronoun_is_read_as_i() -> None:
    text = DAMAGED + (
        "\n\nAs a rule 1 went to my room at ten, and 1 hope to do so again. "
        "The slope of 1 in 76 held for 1 day, and No. 1 think-tank met.\n"
    )
    report = audit_text(text, config=Config(select=OCR))
    ones = [(f.column, f.suggestion) for f in report.findings if f.text == "1"]
    assert ones == [(11, "I"), (41, "I")]  # "1 went", "1 hope"; not "1 in 76", "1 day", "No. 1"


def test_a_rare_word_is_read_by_its_neighbours_unless_the_text_means_it() -> None:
    from citetrace.ocr.context import reading

    # a rare word's unlisted pairs are rare too, not as common as a common word's:
    # "the lino" at a sentence's end is "the line", "has groat deal" "has great deal"
    assert reading("the", "lino", None) == "line"
    assert reading("has", "groat", "deal") == "great"
    assert reading("the", "hearer", "can") == "bearer"  # and so "hearer", alone, is in doubt
    meant = DAMAGED + "\n\nThe hearer can wait. The hearer may not. So the hearer left.\n"
    assert "hearer" not in findings(meant)  # written three times: the text means it
    once = DAMAGED + "\n\nThe tramway runs along the lino.\n"
    assert findings(once)["lino"] == (("line",), 0.6)


def test_a_broken_ll_read_as_d_is_read_back() -> None:
    text = DAMAGED + "\n\nI wdl come, and the chddren of the vdlage with me.\n"
    found = findings(text)
    assert found["wdl"][0] == ("will",)
    assert found["chddren"][0] == ("children",)
    assert found["vdlage"][0] == ("village",)


def test_a_garbled_word_a_glyph_and_a_letter_from_a_word_is_read_back() -> None:
    text = DAMAGED + (
        "\n\nThe soctetary urged the reduotlon of the estnblisbed dues on the aoeount; "
        "at the next prooecd it was put off.\n"
    )
    found = findings(text)
    assert found["soctetary"] == (("secretary",), 0.5)  # a guess, at a guess's confidence
    assert found["reduotlon"][0] == ("reduction",)
    assert found["estnblisbed"][0] == ("established",)
    assert found["aoeount"][0] == ("account",)
    assert found["prooecd"] == ((), 0.5)  # proceed or proofed: no guess
    report = audit_text(text, config=Config(select=OCR))
    message = next(f.message for f in report.findings if f.text == "soctetary")
    assert "a misread glyph and one more letter away from secretary" in message


def test_an_a_read_as_n_is_read_back_in_a_scan() -> None:
    found = findings(DAMAGED + "\n\nThe goods nro landed nt the wharf, as was stntod.\n")
    assert found["nro"][0] == ("are",)
    assert found["nt"][0] == ("at",)


def test_the_halves_of_a_word_a_hyphen_splits_inside_a_line_are_no_damage() -> None:
    text = DAMAGED + (
        "\n\nHe showed powers of transfor-mation in the Orna-ments of the shop "
        "in Hunter-strcet, and bore it with pa-tience.\n"
    )
    found = findings(text)
    assert not {"transfor", "mation", "Orna", "ments", "pa", "tience"} & found.keys()
    assert found["strcet"][0] == ("street",)  # "Hunterstrcet" is no word: judged alone


def test_in_a_much_damaged_scan_a_word_made_by_rule_is_not_garbage() -> None:
    text = DAMAGED + "\n\nThe macadamising of the road showed its idiomaticity.\n"
    found = findings(text)
    assert not {"idiomaticity", "macadamising"} & found.keys()
    assert found["qxzvtrl"] == ((), 0.5)  # garbage is still worth a look


def test_two_misread_glyphs_to_a_common_word_beat_one_plain_edit_to_a_rare_one() -> None:
    found = findings(DAMAGED + "\n\nThoro was a wbolo day of it, and thoro the matter rests.\n")
    assert found["thoro"][0] == ("there",)  # not "thor" or "thorn", one plain edit away
    assert found["wbolo"][0] == ("whole",)  # not "bolo"


def test_a_scans_reading_from_the_lexicon_alone_is_as_sure_as_such_readings_are() -> None:
    text = DAMAGED + (
        "\n\nThe grast was cut by the permanant staff in the weatber of May, as the "
        "costruction of the road began.\n"
    )
    found = findings(text)
    assert found["grast"] == (("grant",), 0.4)  # a letter changed in five: a guess
    assert found["permanant"] == (("permanent",), 0.6)  # in nine, right more often than not
    assert found["costruction"] == (("construction",), 0.4)  # one left out: OCR seldom does
    named = findings(DAMAGED + "\n\nThey sailed from Hobarf on Monday.\n")
    assert named["Hobarf"] == (("Hobart",), 0.6)  # a name of six letters: right half the time
    assert found["weatber"] == (("weather",), 0.8)  # a misread glyph in seven: most often right
    clean = "The assitance of the staff is gratefully acknowledged in this study. " * 2
    assert findings(clean)["assitance"] == (("assistance",), 0.8)  # born-digital: a typo


def test_an_abbreviation_before_its_number_is_no_garble() -> None:
    text = DAMAGED + "\n\nSee the Proceedings, pp. 117-124, and vol. 3 of the series.\n"
    assert not {"pp", "vol"} & findings(text).keys()


def test_worn_type_reads_every_e_of_a_word_as_o_alike() -> None:
    from citetrace.ocr.context import reading

    assert reading("has", "boon", "necessary") == "been"  # both e's read as o
    assert reading("a", "boon", "to") is None  # "a boon to the town": the word itself


def test_a_word_is_read_by_its_neighbours_as_they_are_read_back() -> None:
    # "bo hold in": the neighbour "bo" is "be", and "be hold in" is "be held in"
    text = DAMAGED + "\n\nThe prisoner was committed to the sessions to bo hold in April.\n"
    found = findings(text)
    assert found["bo"][0] == ("be",)
    assert found["hold"] == (("held",), 0.6)


def test_a_reading_in_doubt_is_chosen_by_its_neighbours_as_they_are_read_back() -> None:
    # "ia": is, in, it...; its neighbour "thoro" reads "there", and "there is a" decides
    found = findings(DAMAGED + "\n\nTo this floor area thoro ia a brick sanctuary.\n")
    assert found["ia"][0] == ("is",)


def test_a_misread_common_word_in_parentheses_is_damage_not_a_gloss() -> None:
    text = DAMAGED + (
        "Among those landed were Mrs Grey and Miss Grey (daughtor), and a chest "
        "marked (fragile) in the hold, the mate said (nicht wahr) it was so, and "
        "Mr Lamb (Gooffrey) came ashore last. "
    )
    found = findings(text)
    assert found["daughtor"][0] == ("daughter",)  # one glyph from a common word
    assert "nicht" not in found and "wahr" not in found  # a gloss in German stays unjudged
    assert "Gooffrey" not in found  # a name in parentheses is left be


def test_a_mark_standing_for_one_lost_glyph_is_read_back() -> None:
    text = DAMAGED + (
        'The mate w*s ashore that ni?ht wh»n the cargo of maize was accus"d of '
        'being wet, and the b?nds were sold, and five men said"No" to it. '
    )
    found = findings(text)
    assert found["w*s"] == (("was",), 0.6)  # one of the commonest words, in a scan
    assert found["ni?ht"][0] == ("night",) and found["wh»n"][0] == ("when",)
    assert found['accus"d'][0] == ("accused",)
    assert len(found["b?nds"][0]) > 1 and found["b?nds"][1] < 0.6  # bands, bonds: in doubt
    assert not any(word.startswith("said") for word in found)  # a quotation, its space lost


def test_in_clean_prose_a_short_formula_with_a_mark_is_no_damage() -> None:
    clean = (
        "We computed the product a*b for every pair and wrote x|y for the join. "
        "The samples were stored at room temperature before the assays began. "
    ) * 3
    assert findings(clean) == {}


def test_a_stray_letter_is_read_with_the_word_beside_it() -> None:
    text = DAMAGED + "Captain Blake s men said the ship w ould sail, and it w as so. "
    found = findings(text)
    assert found["Blake s"] == (("Blake's",), 0.6)  # a possessive, its apostrophe lost
    assert found["w ould"][0] == ("would",) and found["w as"][0] == ("was",)
    assert "s" not in found and "w" not in found  # one finding for the joined word
