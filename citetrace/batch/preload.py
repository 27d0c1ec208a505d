"""Imported once by the server process that local workers are forked from.

Importing it loads the auditing code and builds the lexicon, so that every
worker starts with both (shared with the server until written) instead of
loading them itself. It also ends when the run that started it ends. See
:mod:`citetrace.batch.workers`.
"""

from __future__ import annotations

from citetrace import audit  # noqa: F401  (the rules and every stage of an audit)
from citetrace.batch.workers import warm_worker
from citetrace.ocr import judge  # noqa: F401

warm_worker()
