"""``python -m citetrace``."""

from citetrace.cli import run

run()
