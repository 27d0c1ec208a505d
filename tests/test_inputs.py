"""Encodings, line endings and the file system: read correctly, or refused with one line."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace.cli import main

TEXT = "First line.\nA claim (Pravda, 1987. 5. 1).\n\n## References\n\nPravda\n"


def extract(path: Path, *args: str):
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json", *args])
    return result


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("utf8.txt", lambda t: t.encode("utf-8")),
        ("utf8-bom.txt", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
        ("utf16.txt", lambda t: t.encode("utf-16")),
        ("utf16-be.txt", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
        ("crlf.txt", lambda t: t.replace("\n", "\r\n").encode("utf-8")),
        ("cr.txt", lambda t: t.replace("\n", "\r").encode("utf-8")),
        ("crlf-bom.txt", lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_encodings_and_line_endings(tmp_path: Path, name: str, encode) -> None:
    path = tmp_path / name
    path.write_bytes(encode(TEXT))
    result = extract(path)
    assert result.exit_code == 0, result.output
    (c,) = json.loads(result.stdout)["documents"][0]["citations"]
    decoded = path.read_bytes().decode("utf-8-sig" if "utf8" in name or "cr" in name else "utf-16")
    decoded = decoded.lstrip("\ufeff")
    assert decoded[c["start"] : c["end"]] == "(Pravda, 1987. 5. 1)"
    assert (c["line"], c["column"]) == (2, 9)
    assert c["reference"] == "R1"


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(b"good text\n" * 3 + b"\xff\xfe bad")
    result = extract(path)
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"error: {path}: not valid utf-8 at byte 30 (invalid start byte); "
        "pass --encoding to choose another encoding"
    )


def test_nul_bytes(tmp_path: Path) -> None:
    early = tmp_path / "early.txt"
    early.write_bytes(b"\x00" + TEXT.encode())
    assert "binary file" in extract(early).stderr
    late = tmp_path / "late.txt"  # a NUL far into the file makes it binary all the same
    late.write_bytes(TEXT.encode() + b"x" * 9000 + b"\x00 tail")
    result = extract(late)
    assert result.exit_code == 2 and "binary file" in result.stderr


def test_unknown_encoding(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = extract(path, "--encoding", "klingon")
    assert result.exit_code == 2 and "unknown encoding 'klingon'" in result.stderr


def test_unreadable_file_is_reported_and_the_rest_audited(tmp_path: Path, monkeypatch) -> None:
    good, locked = tmp_path / "good.txt", tmp_path / "locked.txt"
    good.write_text(TEXT, encoding="utf-8")
    locked.write_text(TEXT, encoding="utf-8")
    real_open = open

    def guarded(file, *args, **kwargs):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded)
    result = CliRunner().invoke(main, ["extract", str(locked), str(good), "--format", "json"])
    assert result.exit_code == 2
    assert f"error: {locked}: Permission denied" in result.stderr
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [str(good)]


def test_symlink_loops_fifos_and_dangling_links(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "paper.txt").write_text(TEXT, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere")
    os.mkfifo(folder / "pipe.txt")
    result = CliRunner().invoke(main, ["extract", str(folder), "--format", "json"])
    assert result.exit_code == 0
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [
        str(folder / "paper.txt")
    ]
    named = CliRunner().invoke(
        main, ["extract", str(folder / "pipe.txt"), str(folder / "self.txt")]
    )
    assert named.exit_code == 2
    assert (
        "not a regular file" in named.stderr and "Too many levels of symbolic links" in named.stderr
    )


def test_unlistable_directory(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "closed"
    folder.mkdir()
    (tmp_path / "open.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def refuse(path=".", *args):
        if str(path) == str(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", refuse)
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2 and f"error: {folder}: Permission denied" in result.stderr
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [
        str(tmp_path / "open.txt")
    ]


def test_input_errors_cross_process_boundaries() -> None:
    import pickle

    from citetrace.inputs.load import InputError

    error = pickle.loads(pickle.dumps(InputError("a.txt", "no such file")))
    assert (error.path, error.reason, str(error)) == (
        "a.txt",
        "no such file",
        "a.txt: no such file",
    )
