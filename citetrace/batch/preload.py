"""Imported once by the server process that local workers are forked from.

Importing it loads the auditing code and builds the lexicon, so that every
worker starts with both (shared with the server until written) instead of
loading them itself. It also ends when the run that started it ends. See
:mod:`citetrace.batch.workers`.
"""

from __future__ import annotations

from contextlib import suppress

from citetrace import audit  # the rules and every stage of an audit
from citetrace.batch.workers import warm_worker
from citetrace.ocr import judge  # noqa: F401

# One small audit fills what the stages build when first used (word sets,
# compiled date shapes, the letter model), so that no worker builds them again.
_WARM_UP = (
    "The talks were resumed in Moscow (Pravda, 1987. 7. 10; Izvestiya, 10 July 1987), "
    "and the delegation agreed to strengthen the ties between the two parties "
    "(Pike, 1987: 208; Smith and Jones 1990a).\n\n"
    "#### References\n\n"
    "Pike, D. (1987). Vietnam and the Soviet Union. Boulder: Westview.\n\n"
    "Smith, A. and Jones, B. (1990a). Asian socialism. London: Routledge.\n"
)

warm_worker()
with suppress(Exception):  # a worker that cannot audit says so per document
    audit.audit_text(_WARM_UP, "warm-up.txt")
