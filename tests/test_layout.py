"""The package layout: imports point one way, down the pipeline, with no cycle.

Every import of ``citetrace`` code, at module level or inside a function, is
read with :mod:`ast`; a module may import its own layer or a lower one, never
a higher one, and no chain of imports leads back to where it started.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "citetrace"

# Lowest first. A module's layer is the first entry its dotted name starts with.
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "citetrace.version",
        "citetrace.data",
        "citetrace.text",
        "citetrace.model",
        "citetrace.confusion",
    ),
    ("citetrace.config", "citetrace.output"),
    ("citetrace.inputs",),
    ("citetrace.library",),
    ("citetrace.extraction",),
    ("citetrace.linking",),
    ("citetrace.ocr",),
    ("citetrace.rules",),
    ("citetrace.audit",),
    ("citetrace.ci", "citetrace.batch"),
    ("citetrace.render",),
    ("citetrace.cli", "citetrace.__main__", "citetrace"),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The citetrace modules ``name`` imports (a name imported from a package
    counts as that submodule when there is one, else as the package)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "citetrace")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "citetrace":
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    found.discard(name)
    return found


def layer(name: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes if p != "citetrace"):
            return rank
    if name == "citetrace":
        return len(LAYERS) - 1
    raise AssertionError(f"{name} belongs to no layer: add it to LAYERS")


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(name, path, set(found)) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_every_module_has_a_layer() -> None:
    for name in modules():
        layer(name)


def test_imports_point_down() -> None:
    upward = [
        f"{name} (layer {layer(name)}) imports {target} (layer {layer(target)})"
        for name, targets in graph().items()
        for target in sorted(targets)
        if layer(target) > layer(name)
    ]
    assert upward == []


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ],
)
def test_the_cycle_finder_finds_cycles(edges: dict[str, set[str]], expected: list) -> None:
    assert cycles(edges) == expected


def test_an_upward_import_is_seen(tmp_path: Path) -> None:
    source = tmp_path / "claims.py"
    source.write_text("def f():\n    from citetrace.rules import REGISTRY\n", encoding="utf-8")
    found = imports("citetrace.linking.claims", source, {"citetrace.rules"})
    assert found == {"citetrace.rules"}
    assert layer("citetrace.rules") > layer("citetrace.linking.claims")
