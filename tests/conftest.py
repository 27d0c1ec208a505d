"""Shared fixtures: the bundled seed paper and its audit; a time bound for slow or hanging work."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from citetrace import audit_text
from citetrace.model import DocumentReport

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "akino-1988-soviet-asia.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_report(seed_text: str) -> DocumentReport:
    return audit_text(seed_text, "corpus/akino-1988-soviet-asia.txt")


class TooSlow(Exception):
    pass


def within(seconds: float, work: Callable[[], object]) -> object:
    """``work()``, or TooSlow once ``seconds`` have passed (an alarm, main thread only)."""

    def alarm(*_: object) -> None:
        raise TooSlow(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
