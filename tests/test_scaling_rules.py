"""Rules and linking stay near-linear on long reference lists and many citations:
each test times two sizes, four times apart, and bounds the ratio far below
the sixteen a quadratic cost would show."""

from __future__ import annotations

import random
import string
import time
from collections.abc import Callable

from citetrace import audit_text, extract
from citetrace.config import Config

GROWTH = 4
BOUND = 10.0  # linear is about 4, quadratic 16


def best_time(run: Callable[[], object], tries: int = 3) -> float:
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def ratio(make: Callable[[int], str], rule: str, n: int) -> float:
    small, large = make(n), make(n * GROWTH)
    config = Config(select=(rule,))
    return best_time(lambda: audit_text(large, config=config)) / max(
        1e-4, best_time(lambda: audit_text(small, config=config))
    )


def title(i: int) -> str:
    rng = random.Random(i)
    return " ".join(
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 9)))
        for _ in range(6)
    )


def test_duplicate_reference_over_one_author_and_year() -> None:
    def make(n: int) -> str:
        refs = "".join(f"Pravda, J. (1987). {title(i)}.\n" for i in range(n))
        return "Claim (Pravda, 1987).\n\n## References\n\n" + refs

    assert ratio(make, "duplicate-reference", 400) < BOUND


def test_year_checks_over_many_entries_of_one_author() -> None:
    def make(n: int) -> str:
        refs = "".join(f"Smith, J. ({1500 + i % 500}). Work {i}.\n" for i in range(n))
        body = "".join(f"Claim {i} (Smith, {1500 + (i * 7) % 499 + 1}). " for i in range(n))
        return body + "\n\n## References\n\n" + refs

    assert ratio(make, "year-mismatch", 250) < BOUND
    assert ratio(make, "ambiguous-citation", 250) < BOUND


def test_fuzzy_linking_of_many_unknown_names() -> None:
    def name(i: int) -> str:
        rng = random.Random(i)
        return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(4))

    def make(n: int) -> str:
        refs = "".join(f"{name(i).capitalize()}, J. (1990). Work.\n" for i in range(n))
        body = "".join(f"Claim {i} ({name(i + 10**6).capitalize()}, 1990). " for i in range(n))
        return body + "\n\n## References\n\n" + refs

    assert ratio(make, "missing-reference", 300) < BOUND


def test_date_like_garbage_is_bounded() -> None:
    def make(n: int) -> str:
        rng = random.Random(n)
        words = ("".join(rng.choice(string.ascii_lowercase) for _ in range(6)) for _ in range(n))
        return "".join(f"A claim (Pravda, {w} 1001). " for w in words)

    small, large = make(400), make(400 * GROWTH)
    extract("A warm-up (Pravda, 16 октября 1986).")  # the date library loads once
    assert best_time(lambda: extract(large)) / best_time(lambda: extract(small)) < BOUND
