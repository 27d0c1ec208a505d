"""Running the selected rules over a finished document model, then suppressions."""

from __future__ import annotations

from functools import lru_cache

from citetrace.config import Config, ConfigError
from citetrace.inputs.directives import Suppression
from citetrace.model import SEVERITY_RANK, Finding
from citetrace.rules import REGISTRY, Rule, RuleContext


def matches(rule: Rule, patterns: tuple[str, ...]) -> bool:
    """Whether ``rule`` is named by a name, a code or a code prefix in ``patterns``."""
    return any(
        p == rule.name
        or p.upper() == "ALL"
        or (p[:2].upper() == "CT" and rule.code.startswith(p.upper()))
        for p in patterns
    )


def check_patterns(patterns: tuple[str, ...], where: str) -> tuple[str, ...]:
    """``patterns`` if each names a rule, a code or a code prefix; else a :class:`ConfigError`."""
    unknown = _unknown(patterns)
    if unknown is not None:
        raise ConfigError(f"{where}: unknown rule {unknown!r} (see 'citetrace rules')")
    return patterns


@lru_cache(maxsize=64)
def _unknown(patterns: tuple[str, ...]) -> str | None:
    for pattern in patterns:
        if pattern in REGISTRY or pattern.upper() == "ALL":
            continue
        if pattern[:2].upper() == "CT" and any(
            r.code.startswith(pattern.upper()) for r in REGISTRY.values()
        ):
            continue
        return pattern
    return None


def selected_rules(config: Config) -> list[Rule]:
    """The rules ``config`` selects, in code order; unknown names are a :class:`ConfigError`."""
    for key in ("select", "ignore"):
        where = f"{config.source}: {key}" if config.source else key
        check_patterns(getattr(config, key), where)
    rules = sorted(REGISTRY.values(), key=lambda r: r.code)
    named = {p.upper() for p in config.select} | set(config.select)
    rules = [r for r in rules if r.default or r.name in named or r.code in named]
    if config.select:
        rules = [r for r in rules if matches(r, config.select)]
    if config.ignore:
        rules = [r for r in rules if not matches(r, config.ignore)]
    return rules


def run_rules(ctx: RuleContext, suppressions: list[Suppression] = ()) -> list[Finding]:
    """Every finding of the selected rules, less the suppressed ones, sorted by position."""
    floor = SEVERITY_RANK[ctx.config.severity_threshold]
    rules = [r for r in selected_rules(ctx.config) if SEVERITY_RANK[r.severity] >= floor]
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.check(rule, ctx))
    findings, used = _suppress(ctx, findings, suppressions)
    unused = REGISTRY["unused-suppression"]
    if unused in rules:
        findings.extend(_unused(ctx, unused, suppressions, used))
    findings.sort(key=lambda f: (f.start, f.code, f.end))
    return findings


def _suppress(
    ctx: RuleContext, findings: list[Finding], suppressions: list[Suppression]
) -> tuple[list[Finding], set[int]]:
    if not suppressions:
        return findings, set()
    by_line: dict[int, list[int]] = {}
    for index, s in enumerate(suppressions):
        by_line.setdefault(s.target_line, []).append(index)
    kept, used = [], set()
    for f in findings:
        last_line = ctx.doc.line_col(max(f.start, f.end - 1))[0]
        hit = None
        for line in range(f.line, last_line + 1):
            for index in by_line.get(line, ()):
                rules = suppressions[index].rules
                if not rules or any(r in (f.rule, f.code) for r in rules):
                    hit = index
                    break
            if hit is not None:
                break
        if hit is None:
            kept.append(f)
        else:
            used.add(hit)
    return kept, used


def _unused(
    ctx: RuleContext, rule: Rule, suppressions: list[Suppression], used: set[int]
) -> list[Finding]:
    known = {r.name for r in REGISTRY.values()} | {r.code for r in REGISTRY.values()}
    out = []
    for index, s in enumerate(suppressions):
        unknown = [r for r in s.rules if r not in known]
        if unknown:
            message = f"suppression names unknown rule {', '.join(repr(r) for r in unknown)}"
        elif index not in used:
            what = ", ".join(s.rules) if s.rules else "any rule"
            message = f"suppression of {what} on line {s.target_line} suppresses nothing"
        else:
            continue
        out.append(ctx.finding(rule, s.start, s.end, message, suggestion="remove the comment"))
    return out
