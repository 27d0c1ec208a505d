"""Audit settings: which rules run, how severe a finding must be, the document date."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    """Settings for one audit; the defaults run every rule."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity_threshold: str = "info"
    document_date: str | None = None
