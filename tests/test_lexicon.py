"""The shipped word list: made from symspellpy's list, and answering as it does."""

from __future__ import annotations

import pytest

from citetrace.ocr import lexicon, wordlist
from citetrace.ocr.lexicon import WordList
from citetrace.ocr.wordlist import SUGGEST_MIN_COUNT


def _source() -> dict[str, int]:
    fields = iter(wordlist.source_path().read_text(encoding="utf-8").split())
    return {word: int(count) for word, count in zip(fields, fields, strict=True)}


def test_the_shipped_list_is_what_the_source_list_arranges_into() -> None:
    text = wordlist.source_path().read_text(encoding="utf-8")
    assert wordlist.SHIPPED.read_text(encoding="ascii") == wordlist.arrange(text, SUGGEST_MIN_COUNT)
    notice = wordlist.SHIPPED.with_name("lexicon-LICENSE.txt").read_text(encoding="utf-8")
    assert "symspellpy" in notice and "MIT License" in notice


def test_every_listed_word_is_found_with_its_count_and_nothing_else_is() -> None:
    source = _source()
    listed = lexicon.words()
    assert all(listed.count(listed.number(w)) == n for w, n in source.items())
    # one letter changed at the end, or added at either end: found only when listed too
    for word in list(source)[::50]:
        for other in (word[:-1] + "#", "q" + word, word + "q", word[:-1], word.upper()):
            assert (listed.number(other) >= 0) == (other in source), other


def test_common_words_are_those_counted_often_enough_by_length() -> None:
    source = _source()
    listed = lexicon.words()
    for length in listed.lengths():
        expected = sorted(
            w for w, n in source.items() if len(w) == length and n >= SUGGEST_MIN_COUNT
        )
        assert listed.common(length) == expected
    assert listed.common(99) == []


def test_a_small_list_round_trips() -> None:
    often = SUGGEST_MIN_COUNT
    counts = {
        "the": 9 * often,
        "of": 8 * often,
        "zebra": 5,
        "ab": often,
        "aa": 2,
        "can't": 3 * often,
        "onlyararewordhere": 4,  # a length with no common word
    }
    listed = WordList(wordlist.arrange("".join(f"{w} {n}\n" for w, n in counts.items()), often))
    assert {w: listed.count(listed.number(w)) for w in counts} == counts
    assert listed.common(2) == ["ab", "of"] and listed.common(5) == ["can't"]
    assert listed.common_counts(2) == [often, 8 * often] and listed.common_counts(99) == []
    assert listed.number("zz") == listed.number("") == listed.number("a") == -1


HEADER = f"{wordlist.MAGIC} {SUGGEST_MIN_COUNT}\n"


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t[:-1],  # a count cut short
        lambda t: t.replace("zebra\n", "zebras\n"),  # a line of the wrong width
        lambda t: t.replace(HEADER, "something else\n"),
        lambda t: t.replace(HEADER, f"{wordlist.MAGIC} {SUGGEST_MIN_COUNT // 2}\n"),
    ],
)
def test_a_damaged_list_is_refused(damage) -> None:
    text = wordlist.arrange("the 900\nof 800\nzebra 5\n", SUGGEST_MIN_COUNT)
    assert WordList(text).count(WordList(text).number("zebra")) == 5  # undamaged, it loads
    with pytest.raises(ValueError, match=r"lexicon\.txt"):
        WordList(damage(text))


def test_only_ascii_words_can_be_arranged() -> None:
    with pytest.raises(ValueError, match="ASCII"):
        wordlist.arrange("café 10\n", 5)


def test_known_words_stems_and_american_spellings() -> None:
    for word in ("government", "governments", "government's", "labor", "theaters", "glasnost"):
        assert lexicon.known(word), word
    for word in ("govemment", "labxr", "zzzz", ""):
        assert not lexicon.known(word), word
    assert lexicon.frequency("the") > lexicon.frequency("government") > 0
    assert lexicon.frequency("govemment") == 0


def test_american_spellings_inside_a_word_are_words() -> None:
    # the list is British: "colour", "neighbourhood", "organising", "centred", "travelled"
    american = ("colored", "neighborhoods", "favorite", "organizing", "analyzing", "centered")
    for word in (*american, "traveled", "traveler", "labeled"):
        assert lexicon.known(word), word
    # a garble does not become a word by the rewriting: the stem and the suffix must be there
    garbles = ("decizion", "statiztics", "resorces", "encorage", "seler", "stering")
    for word in ("colorxd", "wbich", "spel", "fhould", "orzing", *garbles):
        assert not lexicon.known(word), word


def test_an_unreadable_or_undecodable_list_says_to_reinstall(tmp_path, monkeypatch) -> None:
    missing, garbled = tmp_path / "missing.txt", tmp_path / "garbled.txt"
    garbled.write_bytes(HEADER.encode() + b"\n\xff")
    monkeypatch.setattr(lexicon, "SHIPPED", missing)
    with pytest.raises(OSError, match=r"missing\.txt.*reinstall citetrace"):
        lexicon.words.__wrapped__()
    monkeypatch.setattr(lexicon, "SHIPPED", garbled)
    with pytest.raises(ValueError, match="damaged; reinstall citetrace"):
        lexicon.words.__wrapped__()


def test_the_shipped_letter_table_is_the_lexicons() -> None:
    from citetrace.ocr import letters

    assert letters.SHIPPED.read_text(encoding="ascii") == letters.arrange(lexicon.all_words())


def test_letters_tell_names_from_glyph_garbage() -> None:
    from citetrace.ocr.letters import garbled

    names = ["Moreton", "Paddington", "Coghlan", "Blaxland", "Hurstville", "Abernethy"]
    garbage = ["Sjdnoy", "Ckqutesr", "Dlstiict", "Tlieodore", "Mcfsrs", "Wngça"]
    assert [garbled(w) for w in names] == [False] * len(names)
    assert [garbled(w) for w in garbage] == [True] * len(garbage)


def test_the_shipped_pairs_are_symspellpy_s_sorted_and_answer_as_they_do() -> None:
    import random

    from citetrace.ocr import context

    source = context.source_path()
    assert source is not None
    text = source.read_text(encoding="utf-8")
    assert context.SHIPPED.read_text(encoding="ascii") == context.arrange(text)
    pairs = dict(line.rsplit(" ", 1) for line in text.splitlines() if line.strip())
    table = context._pairs()
    assert table is not None and table.words == frozenset(" ".join(pairs).split(" "))
    assert all(table.count(pair) == int(n) for pair, n in list(pairs.items())[::7])
    rng = random.Random(3)
    words = sorted(table.words)
    for _ in range(5000):  # pairs that are not listed, and near misses of listed ones
        pair = f"{rng.choice(words)} {rng.choice(words)}"
        assert table.count(pair) == int(pairs.get(pair, 0))
    for pair in list(pairs)[::97]:
        for near in (pair + "s", pair[:-1], "x" + pair):
            assert table.count(near) == int(pairs.get(near, 0))


def test_a_frequent_word_one_edit_away_is_never_screened_out() -> None:
    import random

    rng = random.Random(7)
    frequent = [w for w in lexicon.words().common(6) if lexicon.frequency(w) >= lexicon.FREQUENT]
    damaged = set()
    for word in rng.sample(frequent, 150):
        i = rng.randrange(len(word))
        letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
        damaged |= {
            word[:i] + word[i + 1 :],  # a letter left out
            word[:i] + letter + word[i + 1 :],  # changed
            word[:i] + letter + word[i:],  # put in
            word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :],  # two swapped
            word.replace("m", "rn", 1),  # a glyph misread
        }
    for word in damaged:
        near = [c for c in lexicon.suggestions(word, 1) if lexicon.frequency(c) >= lexicon.FREQUENT]
        assert lexicon.frequent_near(word) or not near, word
    assert not lexicon.frequent_near("qxzvtrlw")  # nothing frequent is near garbage
