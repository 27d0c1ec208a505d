"""Corpus audits: discovery, parallel workers, streaming JSON lines, resume, Dask."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citetrace.cli import main

from .conftest import SEED, within


def make_corpus(root: Path, documents: int = 24) -> Path:
    """Documents cut from the seed paper, each with the reference list."""
    text = SEED.read_text("utf-8")
    cut = text.index("#### References")
    body, references = text[:cut], text[cut:]
    paragraphs = body.split("\n\n")
    folder = root / "corpus"
    for i in range(documents):
        sub = folder / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        chosen = paragraphs[i % len(paragraphs) :: 5][:8]
        (sub / f"doc{i:03d}.md").write_text("\n\n".join(chosen) + "\n\n" + references, "utf-8")
    return folder


def jsonl(*args: str) -> tuple[int, list[dict], str]:
    result = CliRunner().invoke(main, ["audit", "--format", "jsonl", "--quiet", *args])
    return (
        result.exit_code,
        [json.loads(line) for line in result.stdout.splitlines()],
        result.stderr,
    )


def test_results_are_identical_whatever_the_jobs(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    code1, one, _ = jsonl(str(corpus), "--jobs", "1")
    code2, two, _ = jsonl(str(corpus), "--jobs", "2")
    assert code1 == code2 == 0
    assert one == two
    assert len(one) == 25 and one[-1]["summary"]["documents"] == 24
    paths = [d["path"] for d in one[:-1]]
    assert paths == sorted(paths)
    _, unordered, _ = jsonl(str(corpus), "--jobs", "2", "--as-completed")
    key = lambda d: d.get("path", "")  # noqa: E731
    assert sorted(unordered[:-1], key=key) == one[:-1] and unordered[-1] == one[-1]


def test_the_server_workers_fork_from_has_the_lexicon_loaded() -> None:
    probe = (
        "import citetrace.batch.preload\n"
        "from citetrace.ocr import lexicon\n"
        "built = lexicon.words, lexicon._common_list, lexicon._common_set\n"
        "print(*(f.cache_info().currsize for f in built), len(lexicon.words().lengths()))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded, lists, sets, lengths = map(int, done.stdout.split())
    assert loaded == 1 and lists == sets == lengths > 20


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_jsonl_output_is_never_written_over_an_input(tmp_path: Path, link: str) -> None:
    corpus = make_corpus(tmp_path, documents=3)
    document = corpus / "part1" / "doc001.md"
    before = document.read_bytes()
    output = tmp_path / "out.jsonl"
    if link == "symlink":
        output.symlink_to(document)
    else:
        output.hardlink_to(document)
    code, _, err = jsonl(str(corpus), "-o", str(output))
    assert code == 2 and "refusing to overwrite an input file" in err
    assert document.read_bytes() == before
    fresh = tmp_path / "fresh.jsonl"
    code, _, _ = jsonl(str(corpus), "-o", str(fresh))
    assert code == 0 and len(fresh.read_text("utf-8").splitlines()) == 4


def test_include_exclude_and_ignore_files(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 6)
    (corpus / ".citetraceignore").write_text("part1/\n", encoding="utf-8")
    (corpus / "part0" / ".gitignore").write_text("doc003.md\n", encoding="utf-8")
    (corpus / "notes.txt").write_text("A claim (Pravda, 1987. 5. 1).\n", encoding="utf-8")
    _, lines, _ = jsonl(str(corpus), "-j", "1")
    names = [Path(d["path"]).name for d in lines[:-1]]
    assert names == ["notes.txt", "doc000.md", "doc002.md", "doc005.md"]
    _, lines, _ = jsonl(str(corpus), "-j", "1", "--include", "*.md", "--exclude", "doc005*")
    assert [Path(d["path"]).name for d in lines[:-1]] == ["doc000.md", "doc002.md"]


def test_a_failing_document_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 4)
    (corpus / "part0" / "broken.txt").write_bytes(b"caf\xe9 (Pravda, 1987. 5. 1)")
    code, lines, _ = jsonl(str(corpus), "-j", "2")
    assert code == 2
    broken = [d for d in lines if "error" in d]
    assert broken == [
        {
            "path": str(corpus / "part0" / "broken.txt"),
            "error": "not valid utf-8 at byte 3 (invalid continuation byte); "
            "pass --encoding to choose another encoding",
        }
    ]
    assert lines[-1]["summary"]["failed"] == 1 and lines[-1]["summary"]["documents"] == 5


def test_a_crash_in_a_rule_fails_that_document_only(tmp_path: Path, monkeypatch) -> None:
    from citetrace.rules import REGISTRY

    corpus = make_corpus(tmp_path, 3)
    rule = REGISTRY["missing-reference"]
    calls = {"n": 0}

    def flaky(self, ctx):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("boom")
        return rule.check.__wrapped__(self, ctx) if hasattr(rule.check, "__wrapped__") else []

    monkeypatch.setitem(
        REGISTRY,
        "missing-reference",
        rule.__class__(rule.code, rule.name, rule.severity, rule.summary, rule.explanation, flaky),
    )
    code, lines, _ = jsonl(str(corpus), "-j", "1")
    assert code == 2
    assert [d.get("error") for d in lines[:-1]].count("internal error: RuntimeError: boom") == 1
    assert lines[-1]["summary"]["documents"] == 3


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_missing_word_list_fails_each_document_and_never_hangs(tmp_path: Path, jobs: str) -> None:
    """A broken install (citetrace without its word list) must not kill the
    worker server nor make the pool replace dying workers for ever."""
    import shutil

    import citetrace

    corpus = make_corpus(tmp_path, 4)
    broken = tmp_path / "site" / "citetrace"
    shutil.copytree(Path(citetrace.__file__).parent, broken)
    (broken / "data" / "lexicon.txt").unlink()
    env = {**os.environ, "PYTHONPATH": str(broken.parent)}
    command = [sys.executable, "-m", "citetrace", "audit", str(corpus), "--format", "jsonl"]
    done = subprocess.run(
        [*command, "-q", "--jobs", jobs],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(lines) == 5 and lines[-1]["summary"]["failed"] == 4
    assert all("lexicon.txt" in d["error"] and "reinstall" in d["error"] for d in lines[:-1])


@pytest.mark.parametrize("ordered", [True, False])
def test_a_worker_that_dies_fails_its_document_and_the_run_goes_on(
    tmp_path: Path, monkeypatch, ordered: bool
) -> None:
    """A worker killed in the middle of a document (out of memory, a crash in
    C) must not hang the run: that document fails, every other one is audited."""
    import multiprocessing

    from citetrace import audit
    from citetrace.batch import engine, workers
    from citetrace.inputs.walk import discover

    entries = list(discover([str(make_corpus(tmp_path, 12))]))
    poison = entries[5].path
    real = audit.audit_path

    def dying(path, *args):
        if path == poison:
            os._exit(9)  # as abrupt as the kernel's OOM killer
        return real(path, *args)

    # Forked workers inherit the patched function; the forkserver's would not.
    monkeypatch.setattr(workers, "context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(audit, "audit_path", dying)
    run = engine.run_local(entries, engine.Options(), jobs=2, ordered=ordered)
    outcomes = within(120, lambda: list(run))
    expected = [e.path for e in entries]
    paths = [o.path for o in outcomes]
    assert paths == expected if ordered else sorted(paths) == sorted(expected)
    failed = {o.path: o.error for o in outcomes if o.error is not None}
    assert failed == {poison: workers.DIED}
    assert all(o.line for o in outcomes if o.path != poison)


def test_workers_import_this_citetrace_when_another_is_in_the_current_directory(
    tmp_path: Path,
) -> None:
    """The forkserver imports its preload from the current directory first; an
    unrelated ``citetrace`` package there (a checkout of another version) must
    not end up in the workers."""
    command = Path(sys.executable).with_name("citetrace")
    if not command.exists():
        pytest.skip("the citetrace command is not installed beside this interpreter")
    corpus = make_corpus(tmp_path, 4)
    (tmp_path / "citetrace").mkdir()
    (tmp_path / "citetrace" / "__init__.py").write_text("", "utf-8")
    done = subprocess.run(
        [str(command), "audit", str(corpus), "--format", "jsonl", "-q", "--jobs", "2"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0, done.stderr
    assert lines[-1]["summary"] == {**lines[-1]["summary"], "documents": 4, "failed": 0}


def test_resume_skips_what_an_interrupted_run_wrote(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 6)
    out = tmp_path / "out.jsonl"
    assert (
        CliRunner()
        .invoke(main, ["audit", str(corpus), "--format", "jsonl", "-q", "-j", "1", "-o", str(out)])
        .exit_code
        == 0
    )
    complete = out.read_text("utf-8").splitlines()
    out.write_text("\n".join(complete[:3]) + "\n" + complete[3][:50], encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "audit",
            str(corpus),
            "--format",
            "jsonl",
            "-q",
            "-j",
            "1",
            "-o",
            str(out),
            "--resume",
            str(out),
        ],
    )
    assert result.exit_code == 0
    resumed = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [d["path"] for d in resumed[:-1]] == [json.loads(line)["path"] for line in complete[:-1]]
    assert resumed[-1]["summary"]["documents"] == 6  # the whole file, not only the resumed part


def test_resume_retries_failures_and_keeps_one_summary(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 3)
    out = tmp_path / "out.jsonl"
    args = ["audit", str(corpus), "--format", "jsonl", "-q", "-j", "1", "-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    lines = out.read_text("utf-8").splitlines()
    first = json.loads(lines[0])["path"]
    lines[0] = json.dumps({"path": first, "error": "a worker died"})
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert CliRunner().invoke(main, [*args, "--resume", str(out)]).exit_code == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sum("summary" in r for r in records) == 1 and "summary" in records[-1]
    assert [r["path"] for r in records[:-1]].count(first) == 2  # tried again
    assert records[-1]["summary"]["documents"] == 3 and records[-1]["summary"]["failed"] == 0


def test_no_progress_bar_when_not_a_terminal(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, 2)
    result = CliRunner().invoke(main, ["audit", str(corpus), "--format", "jsonl", "-j", "1"])
    assert result.stderr.startswith("2 documents (") and "auditing" not in result.stderr


def test_dask_local_cluster_gives_the_local_engine_output(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    corpus = make_corpus(tmp_path, 12)
    _, local, _ = jsonl(str(corpus), "-j", "1")
    code, distributed, _ = jsonl(str(corpus), "--engine", "dask", "-j", "2")
    assert code == 0 and distributed == local


def test_library_function_maps_over_a_dask_bag() -> None:
    db = pytest.importorskip("dask.bag")
    from citetrace import audit_text

    texts = ["A claim (Pravda, 1987. 5. 1).", "Another (Pike, 1987: 208)."]
    counts = (
        db.from_sequence(texts, npartitions=2)
        .map(audit_text)
        .map(lambda r: len(r.citations))
        .compute(scheduler="sync")
    )
    assert counts == [1, 1]


@pytest.mark.parametrize("enabled", [True, False])
def test_audit_text_leaves_the_cycle_collector_as_it_found_it(enabled: bool) -> None:
    import gc

    from citetrace import audit_text

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert audit_text(SEED.read_text("utf-8")).citations
        assert gc.isenabled() is enabled
        with pytest.raises(TypeError):
            audit_text(None)  # type: ignore[arg-type]
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_audit_text_moves_only_its_report_out_of_the_young_generations() -> None:
    """After an audit the young generations hold nothing of it (no scan of the
    whole report at the next young collection), the report stays collectable,
    and objects someone else froze stay frozen."""
    import gc

    from citetrace import audit_text

    text = SEED.read_text("utf-8")
    report = audit_text(text)
    mine = {id(c) for c in report.citations} | {id(f) for f in report.findings}
    assert mine.isdisjoint(map(id, gc.get_objects(0) + gc.get_objects(1)))
    assert mine <= set(map(id, gc.get_objects(2)))
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        audit_text(text)
        assert gc.get_freeze_count() == before  # nobody's frozen objects thawed
    finally:
        gc.unfreeze()


def test_workers_start_only_for_work_that_pays_for_them() -> None:
    import os

    from citetrace.cli import PARALLEL_BYTES, _worker_count
    from citetrace.inputs.walk import Entry

    cores = os.cpu_count() or 1
    small = [Entry(f"d{i}.txt", 60_000) for i in range(20)]  # 20 copies of a paper
    large = [Entry(f"d{i}.txt", PARALLEL_BYTES // 10) for i in range(40)]
    assert _worker_count(None, small, "local") == 1
    assert _worker_count(None, large, "local") == min(cores, 40)
    assert _worker_count(1000, large, "local") == min(cores, 40)  # never hundreds
    assert _worker_count(8, large[:3], "local") == min(3, cores)


def test_workers_end_with_a_killed_run(tmp_path: Path) -> None:
    """kill -9 of the run leaves no worker process behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = make_corpus(tmp_path, 2000)
    command = [sys.executable, "-m", "citetrace", "audit", str(corpus), "--format", "jsonl"]
    run = subprocess.Popen(
        [*command, "-q", "--jobs", "2", "-o", str(tmp_path / "out.jsonl")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def descendants(pid: int) -> set[int]:
        found, todo = set(), [pid]
        while todo:
            current = todo.pop()
            for task in Path(f"/proc/{current}/task").glob("*/children"):
                for child in task.read_text().split():
                    found.add(int(child))
                    todo.append(int(child))
        return found

    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2 and run.poll() is None:
        time.sleep(0.2)
        workers = descendants(run.pid)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 15
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = {p for p in workers if Path(f"/proc/{p}").exists() and not _zombie(p)}
    assert workers and not alive


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return False


def test_long_documents_travel_to_workers_alone_and_short_ones_together() -> None:
    from citetrace.batch.workers import BATCH, BATCH_BYTES, _batches

    sizes = [1_000] * 6 + [BATCH_BYTES * 2, 1_000, BATCH_BYTES // 2, BATCH_BYTES // 2, 1_000]
    batches = list(_batches(iter(range(len(sizes))), sizes.__getitem__))
    assert [len(b) for b in batches] == [BATCH, 2, 1, 2, 2]
    assert [i for b in batches for i in b] == list(range(len(sizes)))  # in input order
    assert [len(b) for b in _batches(iter(range(9)), None)] == [BATCH, BATCH, 1]
