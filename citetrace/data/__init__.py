"""Files the package ships: the source catalogue, the report's style and script, the word list.

They are plain files beside this module (the package is installed as files,
never imported from a zip), so reading one needs no ``importlib.resources``,
which would cost a cold start about 10 ms of imports.
"""

from __future__ import annotations

from pathlib import Path

_FOLDER = Path(__file__).parent


def path(name: str) -> Path:
    """Where the shipped file ``name`` is."""
    return _FOLDER / name


def read(name: str) -> str:
    """The text of the shipped file ``name``."""
    return path(name).read_text(encoding="utf-8")
