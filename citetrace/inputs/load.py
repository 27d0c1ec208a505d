"""Reading documents from disk: decoding, and the errors a user can act on."""

from __future__ import annotations

import codecs
import os
import stat


class InputError(Exception):
    """A document that cannot be audited; the message is one line for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple:
        return (InputError, (self.path, self.reason))  # picklable, for worker processes


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode ``data``: a BOM wins, then ``encoding``, then strict UTF-8."""
    return decode_with_encoding(data, path, encoding)[0]


def decode_with_encoding(
    data: bytes, path: str, encoding: str | None = None
) -> tuple[str, str, bytes]:
    """The text, the encoding it was read with, and the BOM it had (``b""`` if none)."""
    if data.startswith(codecs.BOM_UTF8):
        bom = codecs.BOM_UTF8
        return _decode(data[len(bom) :], "utf-8", path, len(bom)), "utf-8", bom
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _decode(data[len(bom) :], name, path, len(bom)), name, bom
    if encoding is None:
        if b"\x00" in data:  # anywhere: a text file has none
            raise InputError(path, "binary file (NUL bytes), not text; skipped")
        encoding = "utf-8"
    return _decode(data, encoding, path, 0), encoding, b""


def _decode(data: bytes, encoding: str, path: str, skipped: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"not valid {exc.encoding} at byte {exc.start + skipped} "
            f"({exc.reason}); pass --encoding to choose another encoding",
        ) from None
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None


def read_document(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """Read and decode one file, raising :class:`InputError` with a clear reason."""
    return decode(read_bytes(path), os.fspath(path), encoding)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of one regular, non-empty file, or an :class:`InputError`."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot be read") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "not a regular file; skipped")
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot be read") from None
    if not data.strip():
        raise InputError(name, "empty file, nothing to audit")
    return data
