"""The shipped English word list, ``citetrace/data/lexicon.txt``, and how it is made.

The words and counts are symspellpy's ``frequency_dictionary_en_82_765.txt``
(MIT licence; counts from a large web corpus), arranged so that the
lexicon can answer from the file's text without first building a table of
82,834 words, which was most of a cold start's loading time:

- a header line per word length: the length, how many of its words are
  common (counted at least ``threshold`` times) and how many there are;
- then, for each length in turn, its common words in alphabetical order and
  then its other words in alphabetical order, one per line; all the lines of a
  length have the same width, so the k-th word is found by arithmetic and a
  word by bisection;
- then every word's count, in the same order, as ``COUNT_WIDTH`` digits.

Regenerate it with ``python -m citetrace.ocr.wordlist`` (needs symspellpy);
a test checks that the shipped file is what this produces.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

from citetrace import data

MAGIC = "citetrace-lexicon 1"
COUNT_WIDTH = 11
SOURCE = "frequency_dictionary_en_82_765.txt"
SHIPPED = data.path("lexicon.txt")
# Words at least this frequent are offered as corrections; the file lists them first.
SUGGEST_MIN_COUNT = 100_000


def source_path() -> Path:
    """symspellpy's word list, where it is installed."""
    spec = find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("symspellpy, which holds the source word list, is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / SOURCE


def arrange(source: str, threshold: int) -> str:
    """The shipped file's text from the source list's (``word count`` lines)."""
    fields = iter(source.split())
    counts = dict(zip(fields, fields, strict=True))
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in counts:
        if not word.isascii() or word != word.strip():
            raise ValueError(f"{word!r}: the arrangement needs ASCII words")
        by_length[len(word)].append(word)
    header, words, numbers = [f"{MAGIC} {threshold}"], [], []
    for length in sorted(by_length):
        listed = by_length[length]
        common = sorted(w for w in listed if int(counts[w]) >= threshold)
        ordered = common + sorted(w for w in listed if int(counts[w]) < threshold)
        header.append(f"{length} {len(common)} {len(ordered)}")
        words.extend(ordered)
        numbers.extend(counts[w].zfill(COUNT_WIDTH) for w in ordered)
    if any(len(n) != COUNT_WIDTH for n in numbers):
        raise ValueError(f"a count has more than {COUNT_WIDTH} digits")
    return "\n".join(header) + "\n\n" + "".join(w + "\n" for w in words) + "".join(numbers)


def main() -> None:
    from citetrace.output import write_atomic

    text = arrange(source_path().read_text(encoding="utf-8"), SUGGEST_MIN_COUNT)
    write_atomic(str(SHIPPED), text)
    print(f"wrote {SHIPPED} ({len(text):,} characters)", file=sys.stderr)


if __name__ == "__main__":
    main()
