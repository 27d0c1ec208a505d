"""Audit settings: from ``[tool.citetrace]`` in ``pyproject.toml`` or from
``citetrace.toml``, found by walking up from the audited file; the command
line wins over both."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

SEVERITIES = ("info", "warning", "error")
OCR_MODES = ("auto", "on", "off")
CONFIG_FILES = ("citetrace.toml", "pyproject.toml")
VOCABULARY_FILE = "citetrace-vocab.txt"
_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


class ConfigError(Exception):
    """A configuration that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Config:
    """Settings for one audit; the defaults run every rule."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity_threshold: str = "info"
    document_date: str | None = None
    fail_on: str = "error"
    vocabulary: tuple[str, ...] = ()
    ignore_sic: bool = True
    ocr: str = "auto"  # judge OCR damage: auto (by language and noise), on, off
    bibliography: tuple[str, ...] = ()  # BibTeX, CSL-JSON or RIS files the citations link to
    library: str | None = None  # the source library (SQLite file) quotations are checked in
    source: str | None = None  # the file these settings came from
    document_date_from_cli: bool = False  # the command line beats a document's front matter

    def override(self, **changes: object) -> Config:
        """A copy with every change that is not ``None`` or empty applied."""
        kept = {k: v for k, v in changes.items() if v not in (None, ())}
        return replace(self, **kept)


_KEYS = {
    f.name.replace("_", "-"): f.name
    for f in fields(Config)
    if f.name not in ("source", "document_date_from_cli")
}


def check_date(value: str, where: str) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or a :class:`ConfigError`."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ConfigError(
            f"{where}: document-date must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}"
        )
    return value


def find_config(start: Path) -> Path | None:
    """The nearest ``citetrace.toml`` or ``pyproject.toml`` with a ``[tool.citetrace]`` table."""
    directory = (start if start.is_dir() else start.parent).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(pyproject: Path) -> bool:
    """Whether ``pyproject`` configures citetrace: a broken file that names the
    table counts, so that its error is reported instead of silently ignored."""
    try:
        tool = _read(pyproject).get("tool", {})
    except ConfigError:
        try:
            return "[tool.citetrace" in pyproject.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    return isinstance(tool, dict) and "citetrace" in tool


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read as TOML ({exc})") from None


def load_config(path: Path) -> Config:
    """The settings in ``path``, validated."""
    data = _read(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("citetrace", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.citetrace] must be a table")
    values: dict[str, object] = {}
    for key, value in data.items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f"{path}: unknown setting {key!r} (known: {known})")
        name = _KEYS[key]
        if name in ("select", "ignore"):
            items = (value,) if isinstance(value, str) else value
            if not isinstance(items, list | tuple) or not all(isinstance(v, str) for v in items):
                raise ConfigError(f"{path}: {key} must be a rule name or a list of them")
            values[name] = tuple(items)  # checked where rules are selected
        elif name in ("severity_threshold", "fail_on"):
            if not isinstance(value, str) or value not in SEVERITIES:
                raise ConfigError(f"{path}: {key} must be one of {', '.join(SEVERITIES)}")
            values[name] = value
        elif name == "document_date":
            values[name] = check_date(str(value), str(path))
        elif name == "vocabulary":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: vocabulary must be a list of words")
            values[name] = tuple(value)
        elif name == "ocr":
            if not isinstance(value, str) or value not in OCR_MODES:
                raise ConfigError(f"{path}: ocr must be one of {', '.join(OCR_MODES)}")
            values[name] = value
        elif name == "bibliography":
            items = (value,) if isinstance(value, str) else value
            if not isinstance(items, list | tuple) or not all(isinstance(v, str) for v in items):
                raise ConfigError(f"{path}: bibliography must be a file name or a list of them")
            values[name] = tuple(str(Path(path).parent / v) for v in items)  # beside the config
        elif name == "library":
            if not isinstance(value, str):
                raise ConfigError(f"{path}: library must be a file name")
            is_url = value.startswith(("postgresql://", "postgres://"))
            values[name] = value if is_url else str(Path(path).parent / value)
        elif name == "ignore_sic":
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: ignore-sic must be true or false")
            values[name] = value
    return Config(**values, source=str(path))  # type: ignore[arg-type]


class ConfigFinder:
    """Finds and reads the settings of each audited file, once per folder in one run."""

    def __init__(self, explicit: str | None = None) -> None:
        self.explicit = Path(explicit) if explicit else None
        self._by_folder: dict[Path, Config] = {}

    def __call__(self, path: str) -> Config:
        folder = Path(path).parent if not Path(path).is_dir() else Path(path)
        if folder not in self._by_folder:
            if self.explicit is not None:
                config = self._load(self.explicit)
            else:
                found = find_config(folder)
                config = self._load(found) if found is not None else Config()
            words = read_vocabulary(folder)
            if words:
                config = replace(config, vocabulary=config.vocabulary + words)
            self._by_folder[folder] = config
        return self._by_folder[folder]

    def _load(self, path: Path) -> Config:
        key = path.resolve()
        if key not in self._by_folder:
            self._by_folder[key] = load_config(path)
        return self._by_folder[key]


def config_for(path: str) -> Config:
    """The settings that apply to the document at ``path`` (defaults when none)."""
    return ConfigFinder()(path)


def read_vocabulary(folder: Path) -> tuple[str, ...]:
    """Words in the nearest ``citetrace-vocab.txt``: one a line, ``#`` starts a comment."""
    for directory in (folder.resolve(), *folder.resolve().parents):
        candidate = directory / VOCABULARY_FILE
        if candidate.is_file():
            try:
                lines = candidate.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{candidate}: cannot be read ({exc})") from None
            return tuple(w for line in lines if (w := line.split("#", 1)[0].strip()))
    return ()
