"""Shared fixtures: the bundled seed paper and its audit."""

from __future__ import annotations

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
