"""The command line: thin click commands over the library.

Exit codes: 0 success, 1 findings at or above ``--fail-on`` (``check``), 2 a
usage or input error (the other files are still processed).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from citetrace import __version__

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


def _load(paths: tuple[str, ...], encoding: str | None, settings: dict):
    """Audit every file under ``paths`` with its own configuration and ``settings`` on top."""
    from citetrace.audit import audit_path
    from citetrace.config import ConfigError, config_for, load_config
    from citetrace.load import InputError, expand_paths

    reports, errors = [], []
    explicit = settings.pop("config_file", None)
    for path, error in expand_paths(paths):
        if error is not None:
            errors.append(error)
            continue
        try:
            base = load_config(Path(explicit)) if explicit else config_for(path)
            config = base.override(**settings)
            reports.append(audit_path(path, config, encoding))
        except InputError as exc:
            errors.append(exc)
        except ConfigError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
    return reports, errors


def _emit(content: str, output: str | None, inputs: list[str]) -> None:
    if output is None:
        click.echo(content, nl=False)
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
    click.option(
        "--encoding", help="Decode inputs with this encoding (default: UTF-8, BOM honoured)."
    ),
    click.option("--no-color", is_flag=True, help="Plain output even on a terminal."),
]


def _with_common(func):
    for option in reversed(common_options):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citetrace")
def main() -> None:
    """Audit the citations of scholarly prose."""


def _rule_settings(select, ignore, severity_threshold, document_date, config_file) -> dict:
    """Command-line settings, validated; they win over configuration files."""
    from citetrace.config import ConfigError, check_date, check_rules

    try:
        settings = {
            "select": check_rules(_split_rules(select), "--select"),
            "ignore": check_rules(_split_rules(ignore), "--ignore"),
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
@_with_common
@_with_rule_options
def audit(paths, fmt, output, encoding, no_color, **rule_settings) -> None:
    """Audit PATHS (files or directories; default: ./corpus) and report citations and findings."""
    paths = _paths_or_default(paths)
    settings = _rule_settings(**rule_settings)
    reports, errors = _load(paths, encoding, settings)
    _render(reports, errors, fmt, output, no_color, paths, citations_only=False)
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


@main.command()
@_with_common
def extract(paths, fmt, output, encoding, no_color) -> None:
    """List the citations of PATHS, normalised and linked, without checks."""
    paths = _paths_or_default(paths)
    reports, errors = _load(paths, encoding, {"select": ("unused-suppression",)})
    _render(reports, errors, fmt, output, no_color, paths, citations_only=True)
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


def _render(reports, errors, fmt, output, no_color, paths, citations_only) -> None:
    inputs = [r.path for r in reports]
    if fmt == "json":
        from citetrace.render.json import render_json

        _report_errors(errors)
        _emit(render_json(reports, errors, citations_only), output, inputs)
        return
    from io import StringIO

    from rich.console import Console

    from citetrace.render.text import render_text

    _report_errors(errors)
    if output is None:
        console = Console(no_color=no_color, highlight=False, soft_wrap=False)
        render_text(console, reports, errors)
        return
    buffer = StringIO()
    render_text(Console(file=buffer, no_color=True, highlight=False, width=120), reports, errors)
    _emit(buffer.getvalue(), output, inputs)


@main.command()
@click.argument("name", required=False)
def rules(name: str | None) -> None:
    """List the rules, or explain rule NAME (a name or a code)."""
    from citetrace.rules import REGISTRY

    ordered = sorted(REGISTRY.values(), key=lambda r: r.code)
    if name is None:
        width = max(len(r.name) for r in ordered)
        for r in ordered:
            click.echo(f"{r.code}  {r.name:<{width}}  {r.severity:<7}  {r.summary}")
        return
    found = next((r for r in ordered if name in (r.name, r.code) or name.upper() == r.code), None)
    if found is None:
        raise click.UsageError(f"unknown rule {name!r} (see 'citetrace rules')")
    click.echo(
        f"{found.code} {found.name} ({found.severity})\n\n{found.summary}\n\n{found.explanation}"
    )
