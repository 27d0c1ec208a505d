"""The command line: thin click commands over the library.

Exit codes: 0 success, 1 findings at or above ``--fail-on`` (``check``), 2 a
usage or input error (the other files are still processed).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from citetrace.inputs.formats import FORMATS
from citetrace.version import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_CORPUS = "corpus"


def _paths_or_default(paths: tuple[str, ...]) -> tuple[str, ...]:
    if paths:
        return paths
    if Path(DEFAULT_CORPUS).is_dir():
        return (DEFAULT_CORPUS,)
    raise click.UsageError(f"no PATH given and no {DEFAULT_CORPUS}/ directory here")


def _split_rules(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _options(settings: dict, encoding: str | None, want_report: bool):
    from citetrace.batch.engine import Options

    kept = ("config_file", "input_format")
    overrides = tuple(sorted((k, v) for k, v in settings.items() if k not in kept))
    return Options(
        overrides,
        settings.get("config_file"),
        encoding,
        want_report,
        settings.get("input_format"),
    )


def _load(paths: tuple[str, ...], encoding: str | None, settings: dict):
    """Audit every file under ``paths``, each with its own configuration and ``settings`` on top."""
    from citetrace.batch.engine import run_local
    from citetrace.inputs.walk import discover

    options = _options(settings, encoding, want_report=True)
    entries = list(discover(paths))
    return _collect(_with_progress(run_local(entries, options), entries, quiet=False))


def _with_progress(outcomes, entries: list, quiet: bool):
    """The outcomes, with the progress bar on standard error when it is a terminal
    (documents, megabytes, rate, time left), whatever the output format."""
    from citetrace.batch.stream import progress, stderr_is_terminal

    with progress(entries, not quiet and stderr_is_terminal()) as advance:
        for outcome in outcomes:
            advance(outcome)
            yield outcome


def _collect(outcomes) -> tuple[list, list]:
    """The reports of the audited documents, and an InputError for each that failed."""
    from citetrace.inputs.load import InputError

    errors: list[InputError] = []
    return list(_reports(outcomes, errors)), errors


def _reports(outcomes, errors: list):
    """The reports of the audited documents as they come; an InputError for each
    document that failed is added to ``errors``."""
    from citetrace.inputs.load import InputError

    for outcome in outcomes:
        if outcome.config_error:
            _config_failed(outcome.error)
        elif outcome.error is not None:
            errors.append(InputError(outcome.path, outcome.error))
        else:
            yield outcome.report


_CONFIG_ERRORS: set[str] = set()
_READ_TOO: list[str] = []  # files a run reads beside its documents (bibliographies, a library)


def _config_failed(message: str) -> None:
    """Report a configuration error once, however many documents it concerns."""
    if message not in _CONFIG_ERRORS:
        _CONFIG_ERRORS.add(message)
        click.echo(f"error: {message}", err=True)


def _exit(code: int) -> None:
    """Exit with ``code``, or 2 when a configuration could not be used."""
    sys.exit(EXIT_ERROR if _CONFIG_ERRORS else code)


def _all_inputs(paths, reports, errors) -> list[str]:
    """Every input of a run, read or not: the paths named, each document audited
    and each that could not be read. No output may replace any of them."""
    return [*paths, *(r.path for r in reports), *(e.path for e in errors), *_READ_TOO]


def _emit(content, output: str | None, inputs: list[str]) -> None:
    """Write ``content`` (text, or pieces of it streamed) to ``output`` or standard output."""
    if output is None:
        for piece in (content,) if isinstance(content, str) else content:
            click.echo(piece, nl=False, color=True)  # the same bytes as with -o
        return
    from citetrace.output import OutputError, write_atomic

    try:
        write_atomic(output, content, inputs)
    except OutputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


def _report_errors(errors: list) -> None:
    for error in errors:
        click.echo(f"error: {error}", err=True)


def _known_encoding(ctx, param, value: str | None) -> str | None:
    """An encoding Python knows, checked once for the whole run."""
    if value is None:
        return None
    import codecs

    try:
        codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


ENCODING = click.option(
    "--encoding",
    callback=_known_encoding,
    help="Decode inputs with this encoding (default: UTF-8, BOM honoured).",
)
INPUT_FORMAT = click.option(
    "--input-format",
    type=click.Choice(["auto", *FORMATS]),
    help="Read inputs as this format (default: auto, by extension and content).",
)
NO_COLOR = click.option("--no-color", is_flag=True, help="Plain output even on a terminal.")
INDENT = click.option(
    "--indent", is_flag=True, help="Indent JSON for reading (the default on a terminal)."
)
common_options = [
    click.argument("paths", nargs=-1, type=click.Path()),
    click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="Output format.",
    ),
    click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False),
        help="Write the report to FILE (atomically) instead of standard output.",
    ),
    ENCODING,
    NO_COLOR,
    INDENT,
]


def _with_common(func):
    for option in reversed(common_options):
        func = option(func)
    return func


class _Commands(click.Group):
    """The command group; a reader that closes the pipe early (``| head``) ends
    the run with exit code 2 (the output is incomplete), never 1, which means
    findings."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_ERROR)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citetrace")
def main() -> None:
    """Audit the citations of scholarly prose."""
    _CONFIG_ERRORS.clear()  # one run's errors (the library may run several in a process)
    _READ_TOO.clear()


def _rule_settings(
    select,
    ignore,
    severity_threshold,
    document_date,
    config_file,
    check_sic=False,
    ocr_mode=None,
    input_format=None,
    bibliography=(),
    library=None,
) -> dict:
    """Command-line settings, validated; they win over configuration files."""
    from citetrace.config import ConfigError, check_date
    from citetrace.rules.engine import check_patterns

    try:
        settings = {
            "select": check_patterns(_split_rules(select), "--select"),
            "ignore": check_patterns(_split_rules(ignore), "--ignore"),
            "severity_threshold": severity_threshold,
            "document_date": check_date(document_date, "--document-date")
            if document_date
            else None,
            "config_file": config_file,
        }
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    if document_date:
        settings["document_date_from_cli"] = True
    if check_sic:
        settings["ignore_sic"] = False
    if ocr_mode:
        settings["ocr"] = ocr_mode
    if input_format and input_format != "auto":
        settings["input_format"] = input_format
    if bibliography:
        from citetrace.inputs.bibliography import read_bibliography
        from citetrace.inputs.load import InputError

        for name in bibliography:  # a file that cannot be read stops the run before it starts
            try:
                read_bibliography(name)
            except InputError as exc:
                click.echo(f"error: {exc}", err=True)
                sys.exit(EXIT_ERROR)
        settings["bibliography"] = tuple(bibliography)
        _READ_TOO.extend(bibliography)
    if library:
        if not library.startswith(("postgresql://", "postgres://")) and not Path(library).is_file():
            click.echo(f"error: {library}: no such library", err=True)
            sys.exit(EXIT_ERROR)
        settings["library"] = library
        _READ_TOO.append(library)
    return settings


rule_options = [
    click.option(
        "--select", multiple=True, help="Run only these rules (names, codes or prefixes)."
    ),
    click.option("--ignore", multiple=True, help="Skip these rules (names, codes or prefixes)."),
    click.option(
        "--severity-threshold",
        type=click.Choice(["info", "warning", "error"]),
        help="Hide findings below this severity (default: info).",
    ),
    click.option(
        "--document-date",
        metavar="YYYY[-MM[-DD]]",
        help="When the document was written (beats front matter and configuration).",
    ),
    click.option(
        "--check-sic",
        is_flag=True,
        help="Judge words marked [sic] too (by default they are left alone).",
    ),
    click.option(
        "--ocr",
        "ocr_mode",
        type=click.Choice(["auto", "on", "off"]),
        help="Judge OCR damage: auto (by the text's language and noise, the default), "
        "on (as a scan, whatever the text), off.",
    ),
    click.option(
        "--bibliography",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Link citations to this BibTeX, CSL-JSON or RIS file too (repeatable).",
    ),
    INPUT_FORMAT,
    click.option(
        "--library",
        type=click.Path(dir_okay=False),
        help="Check quotations against this source library (see 'citetrace library').",
    ),
    click.option(
        "--config",
        "config_file",
        type=click.Path(exists=True, dir_okay=False),
        help="Read settings from this file instead of the nearest citetrace.toml/pyproject.toml.",
    ),
]


def _with_rule_options(func):
    for option in reversed(rule_options):
        func = option(func)
    return func


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="jsonl streams one document a line, then a summary.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the report to FILE (jsonl is streamed; the others atomically).",
)
@ENCODING
@NO_COLOR
@INDENT
@click.option("--all", "all_citations", is_flag=True, help="Text: list every citation.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: all cores).",
)
@click.option("--include", multiple=True, help="Only files matching this glob (repeatable).")
@click.option("--exclude", multiple=True, help="Skip files matching this glob (repeatable).")
@click.option(
    "--ordered/--as-completed",
    default=True,
    show_default=True,
    help="jsonl: input order, or each document as soon as it is done.",
)
@click.option(
    "--resume",
    type=click.Path(dir_okay=False),
    help="Skip documents already in this (interrupted) jsonl output.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: a running scheduler (tcp://host:8786); default: a local cluster.",
)
@_with_rule_options
def audit(
    paths,
    fmt,
    output,
    encoding,
    no_color,
    indent,
    all_citations,
    jobs,
    include,
    exclude,
    ordered,
    resume,
    quiet,
    engine,
    scheduler,
    **rule_settings,
) -> None:
    """Audit PATHS (files or directories; default: ./corpus) and report citations and findings."""

    from citetrace.inputs.walk import discover

    paths = _paths_or_default(paths)
    settings = _rule_settings(**rule_settings)
    entries = list(discover(paths, tuple(include), tuple(exclude)))
    jobs = _worker_count(jobs, entries, engine)
    if jobs > 1 and engine == "local":
        from citetrace.batch.workers import start_workers

        start_workers()
    walked = [*paths, *(e.path for e in entries), *_READ_TOO]  # inputs, done or not
    if resume:
        from citetrace.batch.stream import done_paths

        done = done_paths(resume)
        entries = [e for e in entries if e.path not in done]
    if fmt == "jsonl":
        failed = _audit_jsonl(
            entries,
            settings,
            encoding,
            jobs,
            ordered,
            output,
            resume,
            quiet,
            engine,
            scheduler,
            walked,
        )
        sys.exit(EXIT_ERROR if failed else EXIT_OK)
    options = _options(settings, encoding, want_report=True)
    outcomes = _run(entries, options, jobs, True, engine, scheduler)
    if fmt == "json":  # each document written as it is done, and then let go
        from citetrace.render.json import json_chunks

        errors: list = []
        reports = _reports(_with_progress(outcomes, entries, quiet), errors)
        pretty = indent or (output is None and sys.stdout.isatty())
        _emit(json_chunks(reports, errors, False, pretty), output, walked)
        _report_errors(errors)
        _exit(EXIT_ERROR if errors else EXIT_OK)
    reports, errors = _collect(_with_progress(outcomes, entries, quiet))
    _render(
        reports, errors, fmt, output, no_color, paths, False, indent, all_citations=all_citations
    )
    _exit(EXIT_ERROR if errors else EXIT_OK)


def _engine_errors(outcomes):
    """The outcomes, or one line and exit 2 when the engine cannot run at all."""
    from citetrace.batch.engine import EngineError

    try:
        yield from outcomes
    except EngineError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


PARALLEL_BYTES = 4_000_000  # below this much text, starting workers costs more than it saves
PARALLEL_DOCUMENTS = 4


def _worker_count(requested: int | None, entries: list, engine: str) -> int:
    """How many worker processes the run gets: never more than its documents or
    the machine's cores; by default more than one only for work large enough to
    pay for starting them (a worker loads the code and the lexicon first)."""
    import os

    cores = os.cpu_count() or 1
    if engine != "local":
        return requested or cores
    if requested is not None:
        return max(1, min(requested, len(entries), cores))
    size = sum(e.size for e in entries)
    if size < PARALLEL_BYTES or len(entries) < PARALLEL_DOCUMENTS:
        return 1
    return max(1, min(cores, len(entries)))


def _run(entries, options, jobs, ordered, engine, scheduler):
    from citetrace.batch.engine import run_dask, run_local

    if engine == "dask":
        return _engine_errors(run_dask(entries, options, scheduler, jobs, ordered))
    return run_local(entries, options, min(jobs, max(1, len(entries))), ordered)


def _audit_jsonl(
    entries, settings, encoding, jobs, ordered, output, resume, quiet, engine, scheduler, named=()
) -> int:
    """Stream one JSON line per document; returns how many failed."""
    import time

    from citetrace.batch.stream import (
        prior_totals,
        progress,
        stderr_is_terminal,
        stream_jsonl,
        trim_partial_line,
    )
    from citetrace.output import overwrites_input

    options = _options(settings, encoding, want_report=False)
    outcomes = _run(entries, options, jobs, ordered, engine, scheduler)
    show = not quiet and stderr_is_terminal()
    if output is None:
        with progress(entries, show) as advance:
            totals = stream_jsonl(outcomes, sys.stdout, advance)
    else:
        appending = resume is not None and Path(resume).resolve() == Path(output).resolve()
        if overwrites_input(output, [*named, *(e.path for e in entries)]):
            click.echo(f"error: {output}: refusing to overwrite an input file", err=True)
            sys.exit(EXIT_ERROR)  # checked first: an input is never touched, not even trimmed
        if appending:
            trim_partial_line(output)
        try:
            out = open(output, "a" if appending else "w", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            click.echo(f"error: {output or repr(output)}: {exc.strerror}", err=True)
            sys.exit(EXIT_ERROR)
        try:
            with out, progress(entries, show) as advance:
                before = prior_totals(output) if appending else None
                totals = stream_jsonl(outcomes, out, advance, before)
        except OSError as exc:
            click.echo(f"error: {output}: {exc.strerror}", err=True)
            sys.exit(EXIT_ERROR)
    seconds = max(1e-9, time.perf_counter() - totals.started)
    if not quiet:
        click.echo(
            f"{totals.documents} documents ({totals.bytes / 1e6:.1f} MB) in {seconds:.1f} s, "
            f"{totals.failed} failed",
            err=True,
        )
    return totals.failed


@main.command()
@_with_common
def extract(paths, fmt, output, encoding, no_color, indent) -> None:
    """List the citations of PATHS, normalised and linked, without checks."""
    paths = _paths_or_default(paths)
    reports, errors = _load(paths, encoding, {"select": ("unused-suppression",)})
    _render(reports, errors, fmt, output, no_color, paths, citations_only=True, indent=indent)
    _exit(EXIT_ERROR if errors else EXIT_OK)


def _render(
    reports, errors, fmt, output, no_color, paths, citations_only, indent=False, all_citations=True
) -> None:
    inputs = _all_inputs(paths, reports, errors)
    if fmt == "json":
        from citetrace.render.json import json_chunks

        _report_errors(errors)
        pretty = indent or (output is None and sys.stdout.isatty())
        _emit(json_chunks(reports, errors, citations_only, pretty), output, inputs)
        return
    _report_errors(errors)
    _render_text(reports, errors, output, no_color, True, inputs, all_citations)


def _render_text(
    reports, errors, output, no_color, show_citations, inputs=(), all_citations=True
) -> None:
    """The rich terminal report, or its plain text in ``output``."""
    from io import StringIO

    from rich.console import Console

    from citetrace.render.text import render_text

    if output is None:

        class _Terminal(Console):
            def on_broken_pipe(self) -> None:
                self.quiet = True
                raise BrokenPipeError  # ended as every closed pipe is (see _Commands)

        console = _Terminal(no_color=no_color, highlight=False, soft_wrap=not show_citations)
        render_text(console, reports, errors, show_citations, all_citations)
        return
    buffer = StringIO()
    console = Console(
        file=buffer, no_color=True, highlight=False, width=120, soft_wrap=not show_citations
    )
    render_text(console, reports, errors, show_citations, all_citations)
    _emit(buffer.getvalue(), output, [*inputs, *(r.path for r in reports)])


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csl-json", "bibtex", "ris", "tei", "jats"]),
    default="csl-json",
    show_default=True,
    help="What reference managers import (CSL-JSON for Zotero, BibTeX, RIS), or the "
    "audited document as TEI P5 or JATS 1.3.",
)
@click.option(
    "--apply",
    type=click.Choice(["none", "safe", "all"]),
    default="none",
    show_default=True,
    help="TEI and JATS: the fixes written in (TEI: as <choice>; other findings as notes).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to FILE (atomically) instead of standard output.",
)
@ENCODING
@INPUT_FORMAT
def export(paths, fmt, output, encoding, input_format, apply) -> None:
    """Export the reference lists of PATHS as citetrace parsed them, each entry with
    the citations that reach it (how many, the first locators) in a note; or, with
    --format tei, each document as TEI with its citations, claims and findings (or
    one as JATS)."""
    from citetrace.render.export import EXPORTERS

    settings: dict = {} if fmt == "tei" else {"select": ("unused-suppression",)}
    if input_format and input_format != "auto":
        settings["input_format"] = input_format
    reports, errors = _load(_paths_or_default(paths), encoding, settings)
    _report_errors(errors)
    if fmt == "tei":
        from citetrace.render.tei import render_tei

        content = render_tei(reports, apply)
    elif fmt == "jats":
        from citetrace.render.jats import render_jats

        if len(reports) != 1:
            _report_errors(errors)
            raise click.UsageError(f"JATS holds one article: name one document, not {len(reports)}")
        content = render_jats(reports[0], apply)
    else:
        content = EXPORTERS[fmt](reports)
    _emit(content, output, _all_inputs(paths, reports, errors))
    _exit(EXIT_ERROR if errors else EXIT_OK)


@main.command()
@click.argument("name", required=False)
def rules(name: str | None) -> None:
    """List the rules, or explain rule NAME (a name or a code)."""
    from citetrace.rules import REGISTRY

    ordered = sorted(REGISTRY.values(), key=lambda r: r.code)
    if name is None:
        import shutil
        import textwrap

        width = max(len(r.name) for r in ordered)
        indent = " " * (5 + 2 + width + 2 + 7 + 2)
        columns = max(len(indent) + 30, shutil.get_terminal_size((100, 24)).columns)
        for r in ordered:
            head = f"{r.code}  {r.name:<{width}}  {r.severity:<7}  "
            lines = textwrap.wrap(r.summary, columns - len(indent), break_long_words=False)
            click.echo(head + ("\n" + indent).join(lines or [""]))
        return
    found = next((r for r in ordered if name in (r.name, r.code) or name.upper() == r.code), None)
    if found is None:
        raise click.UsageError(f"unknown rule {name!r} (see 'citetrace rules')")
    click.echo(
        f"{found.code} {found.name} ({found.severity})\n\n{found.summary}\n\n{found.explanation}"
    )


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "github", "markdown"]),
    default="text",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, atomically.")
@ENCODING
@NO_COLOR
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error"]),
    help="Exit 1 when a finding is at least this severe (default: error, or fail-on in config).",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Report only findings not recorded in this baseline.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record today's findings in this file and exit 0.",
)
@click.option("--prune", is_flag=True, help="With --baseline: drop fixed findings from it.")
@_with_rule_options
def check(
    paths,
    fmt,
    output,
    encoding,
    no_color,
    fail_on,
    baseline_file,
    write_baseline,
    prune,
    **rule_settings,
) -> None:
    """Check PATHS for CI: exit 0 clean, 1 findings at or above --fail-on, 2 errors."""
    from dataclasses import replace

    from citetrace.ci.baseline import Baseline, BaselineError, prune_baseline
    from citetrace.ci.baseline import write_baseline as record
    from citetrace.output import OutputError

    if prune and not baseline_file:
        raise click.UsageError("--prune needs --baseline FILE")
    paths = _paths_or_default(paths)
    settings = _rule_settings(**rule_settings)
    reports, errors = _load(paths, encoding, settings)
    inputs = _all_inputs(paths, reports, errors)
    _report_errors(errors)
    try:
        if write_baseline:
            count = record(write_baseline, reports, inputs)
            click.echo(f"recorded {count} findings in {write_baseline}", err=True)
            _exit(EXIT_ERROR if errors else EXIT_OK)
        if baseline_file:
            baseline = Baseline.read(baseline_file)
            if prune:
                dropped = prune_baseline(baseline_file, reports, inputs)
                click.echo(f"pruned {dropped} fixed findings from {baseline_file}", err=True)
            reports = [
                replace(r, findings=tuple(baseline.filter(r, baseline_file)[0])) for r in reports
            ]
    except (BaselineError, OutputError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    _render_check(reports, errors, fmt, output, no_color, bool(baseline_file), inputs)
    if errors:
        sys.exit(EXIT_ERROR)
    from citetrace.config import ConfigFinder

    finder = ConfigFinder(settings.get("config_file"))
    failing = any(_fails(r, fail_on, finder) for r in reports)
    _exit(EXIT_FINDINGS if failing else EXIT_OK)


def _fails(report, fail_on: str | None, finder) -> bool:
    """Whether ``report`` has a finding at its own threshold: --fail-on, else the
    fail-on of the configuration that applies to that document."""
    from citetrace.config import ConfigError
    from citetrace.model import SEVERITY_RANK

    if fail_on is None:
        try:
            fail_on = finder(report.path).fail_on
        except ConfigError as exc:
            _config_failed(str(exc))
            return False
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= threshold for f in report.findings)


def _render_check(reports, errors, fmt, output, no_color, new_only, inputs) -> None:
    if fmt == "sarif":
        from citetrace.render.sarif import render_sarif

        _emit(render_sarif(reports), output, inputs)
    elif fmt == "github":
        from citetrace.render.github import render_github

        _emit(render_github(reports), output, inputs)
    elif fmt == "markdown":
        from citetrace.render.markdown import render_check_markdown

        _emit(render_check_markdown(reports, errors, new_only), output, inputs)
    elif fmt == "json":
        from citetrace.render.json import json_chunks

        _emit(json_chunks(reports, errors), output, inputs)
    else:
        _render_text(reports, errors, output, no_color, show_citations=False, inputs=inputs)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Show the changes (the words on a terminal, a unified diff otherwise); change nothing.",
)
@click.option("--write", is_flag=True, help="Rewrite the files (atomically).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that need a person's eye.")
@click.option(
    "--force",
    is_flag=True,
    help="With --write: also fix read-only files, and hard-linked ones in place.",
)
@ENCODING
@_with_rule_options
def fix(paths, show_diff, write, unsafe_fixes, force, encoding, **rule_settings) -> None:
    """Apply safe fixes to PATHS: with --diff show them, with --write make them.

    Without either, list what would be fixed. Exit 1 with --diff when there is
    something to fix, 2 on errors.
    """
    from citetrace.ci.fix import FixError, fix_file, unified_diff, word_diff, write_fixed
    from citetrace.config import ConfigError, ConfigFinder
    from citetrace.inputs.load import InputError
    from citetrace.inputs.walk import discover

    if show_diff and write:
        raise click.UsageError("choose --diff or --write, not both")
    settings = _rule_settings(**rule_settings)
    if settings.pop("input_format", "text") != "text":
        raise click.UsageError("fix rewrites plain-text documents only (--input-format text)")
    configs = ConfigFinder(settings.pop("config_file", None))
    failed = changed = False
    for entry in discover(_paths_or_default(paths)):
        path = entry.path
        try:
            if entry.error is not None:
                raise entry.error
            fixed = fix_file(path, configs(path).override(**settings), unsafe_fixes, encoding)
            if not fixed.result.changed:
                continue
            changed = True
            if show_diff:
                # a person at a terminal reads the changed words; a pipe gets the patch
                shown = word_diff if sys.stdout.isatty() else unified_diff
                click.echo(shown(path, fixed.result), nl=False)
            elif write:
                write_fixed(fixed, force)
                click.echo(f"{path}: applied {len(fixed.result.applied)} fixes", err=True)
            else:
                for f in sorted(fixed.result.applied, key=lambda f: (f.line, f.column)):
                    click.echo(
                        f"{path}:{f.line}:{f.column}: {f.code} [{f.rule}] "
                        f"'{' '.join(f.text.split())}' → '{f.fix.replacement}'"
                    )
        except (InputError, FixError, ConfigError) as exc:
            click.echo(f"error: {exc}", err=True)
            failed = True
    if failed:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if show_diff and changed else EXIT_OK)


@main.command(name="diff")
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE, atomically.")
@ENCODING
@click.option("--fail-on-lost", is_flag=True, help="Exit 1 when citations were removed.")
def diff_command(old, new, fmt, output, encoding, fail_on_lost) -> None:
    """Compare two editions OLD and NEW of one text."""
    from citetrace.audit import audit_path
    from citetrace.ci.diff import diff_reports
    from citetrace.config import ConfigError, config_for
    from citetrace.inputs.load import InputError
    from citetrace.render.diff import diff_json, diff_markdown, diff_text

    try:
        reports = [audit_path(p, config_for(p), encoding) for p in (old, new)]
    except (InputError, ConfigError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    result = diff_reports(*reports)
    render = {"text": diff_text, "json": diff_json, "markdown": diff_markdown}[fmt]
    _emit(render(result), output, [old, new])
    sys.exit(EXIT_FINDINGS if fail_on_lost and result.removed else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["html", "markdown"]), default="html", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="The file for one document, or the folder for several (default: reports/).",
)
@ENCODING
@_with_rule_options
def report(paths, fmt, output, encoding, **rule_settings) -> None:
    """Write an annotated report of PATHS: a standalone HTML page (or Markdown) per document."""
    import os

    from citetrace.output import OutputError, write_atomic
    from citetrace.render.html import render_html, render_index
    from citetrace.render.markdown import render_report_markdown

    paths = _paths_or_default(paths)
    reports, errors = _load(paths, encoding, _rule_settings(**rule_settings))
    _report_errors(errors)
    if not reports:
        sys.exit(EXIT_ERROR)
    suffix = ".html" if fmt == "html" else ".md"
    as_folder = output is not None and (output.endswith(("/", os.sep)) or Path(output).is_dir())
    single = len(reports) == 1 and output is not None and not as_folder
    folder = Path(output).parent if single else Path(output or "reports")
    inputs = _all_inputs(paths, reports, errors)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        names = _page_names(reports, suffix)
        index_href = "index.html" if len(reports) > 1 and fmt == "html" else None
        for r, name in zip(reports, names, strict=True):
            target = Path(output) if single else folder / name
            page = render_html(r, index_href) if fmt == "html" else render_report_markdown(r)
            write_atomic(str(target), page, inputs)
            click.echo(f"wrote {target}", err=True)
        if index_href:
            failures = [(e.path, e.reason) for e in errors]
            index = render_index(reports, names, failures)
            write_atomic(str(folder / "index.html"), index, inputs)
            click.echo(f"wrote {folder / 'index.html'}", err=True)
    except (OSError, OutputError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    _exit(EXIT_ERROR if errors else EXIT_OK)


def _page_names(reports: list, suffix: str) -> list[str]:
    """One file name per report, from its stem, numbered when taken: unique among
    themselves and never ``index.html``, so no page is written twice."""
    used = {f"index{suffix}"} if len(reports) > 1 else set()
    names = []
    for r in reports:
        stem = Path(r.path).stem or "document"
        name, number = f"{stem}{suffix}", 1
        while name in used:
            number += 1
            name = f"{stem}-{number}{suffix}"
        used.add(name)
        names.append(name)
    return names


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@ENCODING
@click.option("--check-sic", is_flag=True, help="Judge words marked [sic] too.")
def typos(paths, fmt, encoding, check_sic) -> None:
    """List the OCR typos of PATHS, grouped by correction, for an editor's worklist."""
    import json
    from collections import defaultdict

    paths = _paths_or_default(paths)
    settings = {"select": ("ocr-typo", "name-variant")}
    if check_sic:
        settings["ignore_sic"] = False
    reports, errors = _load(paths, encoding, settings)
    _report_errors(errors)
    groups: dict[str, list] = defaultdict(list)
    for r in reports:
        for f in r.findings:
            groups[f.suggestion or "?"].append((r.path, f))
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0].lower()))
    if fmt == "json":
        payload = [
            {
                "correction": correction,
                "count": len(items),
                "ambiguous": " | " in correction,
                "occurrences": [
                    {"path": p, "line": f.line, "column": f.column, "text": f.text, "rule": f.rule}
                    for p, f in items
                ],
            }
            for correction, items in ordered
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for correction, items in ordered:
            written = sorted({" ".join(f.text.split()) for _, f in items})
            where = _places(items[:6])
            more = f" … +{len(items) - 6}" if len(items) > 6 else ""
            click.echo(f"{correction}  ← {', '.join(written)}  ×{len(items)}  ({where}{more})")
        total = sum(len(items) for _, items in ordered)
        click.echo(f"{total} typos, {len(ordered)} corrections")
    _exit(EXIT_ERROR if errors else EXIT_OK)


def _places(items: list) -> str:
    """``a.txt 3:4, 9:1; b.txt 2:7``: each file named once, then its line:column places."""
    by_path: dict[str, list[str]] = {}
    for path, f in items:
        by_path.setdefault(path, []).append(f"{f.line}:{f.column}")
    return "; ".join(f"{path} {', '.join(places)}" for path, places in by_path.items())


def run() -> None:
    """The ``citetrace`` command. What start-up built (modules, the command
    tree) lives as long as the process, so it is moved out of the cycle
    collector's sight first: a full collection would otherwise rescan it.
    What the command built is moved there too when it ends, so that the
    collections the interpreter makes as it exits do not scan it either."""
    gc.freeze()
    try:
        main()
    finally:
        gc.freeze()


DEFAULT_LIBRARY = "citetrace-library.db"
LIBRARY = click.option(
    "--library",
    "library_path",
    type=click.Path(dir_okay=False),
    default=None,
    help=f"The library file (default: the configuration's 'library', else {DEFAULT_LIBRARY}).",
)


def _library_path(given: str | None) -> str:
    if given:
        return given
    from citetrace.config import ConfigError, config_for

    try:
        configured = config_for(".").library
    except ConfigError:
        configured = None
    return configured or DEFAULT_LIBRARY


def _open_library(given: str | None, create: bool = False, write: bool = False):
    from citetrace.library.store import LibraryError, open_library

    try:
        return open_library(_library_path(given), create, write)
    except LibraryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


@main.group()
def library() -> None:
    """The source library: the documents citations cite, for checking quotations."""


@library.command("add")
@click.argument("files", nargs=-1, type=click.Path())
@LIBRARY
@click.option("--manifest", type=click.Path(dir_okay=False), help="A CSV or JSONL of documents.")
@click.option("--source", help="The newspaper, agency or author of FILES (e.g. Pravda).")
@click.option("--date", help="Their date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--title", default="", help="Their title.")
@click.option("--key", default="", help="Their key (as a bibliography names them: pike1987).")
@click.option("--doi", default="", help="Their DOI.")
@click.option(
    "--first-page",
    type=click.IntRange(min=0, max=999_999),
    default=1,
    show_default=True,
    help="The printed number of their first page (a book's p. 201 as the PDF's first).",
)
def library_add(files, library_path, manifest, source, date, title, key, doi, first_page) -> None:
    """Add FILES (any format citetrace reads) or a --manifest (columns path, source,
    date, title, key, doi, first_page) to the library, all or nothing; a file
    already there is not added again."""
    from citetrace.library.ingest import Entry, check_date, prepare, read_manifest
    from citetrace.library.store import LibraryError

    try:
        entries = read_manifest(manifest) if manifest else []
        if files:
            if not source:
                raise click.UsageError("name the documents' --source (or use --manifest)")
            when = check_date(date, "--date")
            entries += [Entry(f, source, when, title, key, doi, "", first_page) for f in files]
        if not entries:
            raise click.UsageError("name FILES with --source, or a --manifest")
        documents = prepare(entries)
        with _open_library(library_path, create=True) as opened:
            added, known = opened.add(documents)
    except LibraryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"added {added} document(s); {known} already in the library", err=True)


@library.command("list")
@LIBRARY
def library_list(library_path) -> None:
    """One line a document: id, source, date, title, path."""
    with _open_library(library_path) as opened:
        for d in opened.documents():
            click.echo(f"{d.id}\t{d.source}\t{d.date or '—'}\t{d.title}\t{d.path}")


@library.command("show")
@click.argument("document", type=click.IntRange(min=1, max=2**62))
@LIBRARY
def library_show(document, library_path) -> None:
    """A document's metadata and text, page by page."""
    with _open_library(library_path) as opened:
        d = opened.document(document)
        if d is None:
            click.echo(f"error: no document {document} in the library", err=True)
            sys.exit(EXIT_ERROR)
        from citetrace.render.text import printable  # the document's controls shown, not sent

        head = (
            f"{d.source} {d.date or ''} {d.title}\n{d.path}\nkey {d.key or '—'}, DOI {d.doi or '—'}"
        )
        click.echo(printable(head))
        for number, page in enumerate(opened.pages(d.id), 1):
            click.echo(printable(f"\n--- page {d.printed_page(number)} ---\n{page}"))


@library.command("remove")
@click.argument("documents", nargs=-1, type=click.IntRange(min=1, max=2**62), required=True)
@LIBRARY
def library_remove(documents, library_path) -> None:
    """Remove documents by id."""
    with _open_library(library_path, write=True) as opened:
        removed = opened.remove(documents)
    click.echo(f"removed {removed} document(s)", err=True)
    if removed < len(set(documents)):
        click.echo(f"error: {len(set(documents)) - removed} of them not in the library", err=True)
        sys.exit(EXIT_ERROR)


@library.command("stats")
@LIBRARY
def library_stats(library_path) -> None:
    """How many documents and characters, by source and span of dates."""
    with _open_library(library_path) as opened:
        stats = opened.stats()
    click.echo(f"{stats['documents']} documents, {stats['characters']:,} characters")
    for source, count, first, last in stats["sources"]:
        click.echo(f"  {source}: {count} ({first or '?'} to {last or '?'})")
