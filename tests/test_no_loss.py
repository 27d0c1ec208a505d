"""Nothing the user owns is lost: outputs never replace inputs (read or not),
special files and links are written through, fixes keep every byte they do not
mend, and links, owners and read-only files are respected."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace.cli import main

PAPER = "It was said (Pravda, 1987. 5. 1).\n\n## References\n\nPravda\n"
FIXABLE = (
    "A claim (Izvestiva, 1987. 8. 11). Another (Izvestiya, 1987. 8. 12).\n\n"
    "## References\n\nIzvestiya\n"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def undecodable(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"caf\xe9 notes (Pravda, 1987. 5. 1)\n")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["audit", "{good}", "{bad}", "--format", "json", "-o", "{bad}"],
        ["audit", "{good}", "{bad}", "-o", "{bad}"],
        ["check", "{good}", "{bad}", "--write-baseline", "{bad}"],
        ["check", "{good}", "{bad}", "--format", "sarif", "-o", "{bad}"],
    ],
)
def test_an_input_that_could_not_be_read_is_never_overwritten(
    tmp_path: Path, undecodable: Path, command: list[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PAPER, encoding="utf-8")
    before = undecodable.read_bytes()
    args = [a.format(good=good, bad=undecodable) for a in command]
    result = run(*args)
    assert result.exit_code == 2
    assert undecodable.read_bytes() == before


def test_a_report_folder_never_replaces_an_input_in_it(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    bad = folder / "x.md"
    bad.write_bytes(b"\xff\xfe\xfa broken (Pravda, 1987. 5. 1)\n")
    (tmp_path / "x.txt").write_text(PAPER, encoding="utf-8")
    before = bad.read_bytes()
    run("report", str(tmp_path / "x.txt"), str(bad), "--format", "markdown", "-o", str(folder))
    assert bad.read_bytes() == before


def test_output_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    paper = tmp_path / "p.txt"
    paper.write_text(PAPER, encoding="utf-8")
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run("audit", str(paper), "--format", "json", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("{")


def test_output_to_a_fifo_is_written_to_the_fifo(tmp_path: Path) -> None:
    paper = tmp_path / "p.txt"
    paper.write_text(PAPER, encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    pid = os.fork()
    if pid == 0:  # the reader
        with open(fifo, "rb") as handle:
            data = handle.read()
        os._exit(0 if data.startswith(b"{") else 1)
    result = run("audit", str(paper), "--format", "json", "-o", str(fifo))
    _, status = os.waitpid(pid, 0)
    assert result.exit_code == 0 and os.WEXITSTATUS(status) == 0
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_output_to_a_character_device_stays_a_device(tmp_path: Path) -> None:
    paper = tmp_path / "p.txt"
    paper.write_text(PAPER, encoding="utf-8")
    null = tmp_path / "null"  # a private copy of /dev/null: the real one is never at risk
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert run("audit", str(paper), "--format", "json", "-o", str(null)).exit_code == 0
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_resume_pointing_at_an_input_touches_nothing(tmp_path: Path) -> None:
    paper = tmp_path / "p.txt"
    paper.write_text(PAPER + "no newline at the end", encoding="utf-8")
    before = paper.read_bytes()
    result = run(
        "audit", str(paper), "--format", "jsonl", "-o", str(paper), "--resume", str(paper), "-q"
    )
    assert result.exit_code == 2 and paper.read_bytes() == before


def write_and_fix(path: Path, data: bytes, *extra: str):
    path.write_bytes(data)
    return run("fix", str(path), "--write", "--unsafe-fixes", "--select", "source-typo", *extra)


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-8-sig", FIXABLE.encode("utf-8")),  # no BOM: none may be added
        ("cp932", ("日本 " + FIXABLE).encode("cp932")),
        ("latin-1", ("café " + FIXABLE).encode("latin-1")),
    ],
)
def test_fix_writes_back_every_byte_it_does_not_mend(
    tmp_path: Path, encoding: str, data: bytes
) -> None:
    path = tmp_path / "doc.txt"
    result = write_and_fix(path, data, "--encoding", encoding)
    after = path.read_bytes()
    if result.exit_code == 0:
        assert after != data
        assert after.replace(b"Izvestiya, 1987. 8. 11", b"Izvestiva, 1987. 8. 11") == data
    else:
        assert after == data and "nothing written" in result.output


def test_fix_refuses_an_encoding_that_does_not_read_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    data = FIXABLE.encode("utf-8")
    result = write_and_fix(path, data, "--encoding", "unicode_escape")
    assert result.exit_code == 2 and path.read_bytes() == data


def test_fix_follows_a_link_and_keeps_it(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text(FIXABLE, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run("fix", str(link), "--write", "--unsafe-fixes").exit_code == 0
    assert link.is_symlink() and "Izvestiva" not in real.read_text(encoding="utf-8")


def test_fix_keeps_mode_and_leaves_read_only_and_hard_linked_files_alone(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(FIXABLE, encoding="utf-8")
    path.chmod(0o640)
    assert run("fix", str(path), "--write", "--unsafe-fixes").exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640

    read_only = tmp_path / "ro.txt"
    read_only.write_text(FIXABLE, encoding="utf-8")
    read_only.chmod(0o444)
    result = run("fix", str(read_only), "--write", "--unsafe-fixes")
    assert result.exit_code == 2 and "read-only" in result.output
    assert "Izvestiva" in read_only.read_text(encoding="utf-8")

    linked = tmp_path / "a.txt"
    linked.write_text(FIXABLE, encoding="utf-8")
    other = tmp_path / "b.txt"
    os.link(linked, other)
    result = run("fix", str(linked), "--write", "--unsafe-fixes")
    assert result.exit_code == 2 and "hard link" in result.output
    assert run("fix", str(linked), "--write", "--unsafe-fixes", "--force").exit_code == 0
    assert "Izvestiva" not in other.read_text(encoding="utf-8")  # both names see the fix
    assert os.stat(linked).st_ino == os.stat(other).st_ino


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_fix_keeps_the_owner(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(FIXABLE, encoding="utf-8")
    os.chown(path, 12345, 12345)
    assert run("fix", str(path), "--write", "--unsafe-fixes").exit_code == 0
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (12345, 12345)
