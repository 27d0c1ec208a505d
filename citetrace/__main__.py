"""``python -m citetrace``."""

from citetrace.cli import main

main()
