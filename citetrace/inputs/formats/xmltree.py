"""A small, safe XML reader that keeps where every run of text stands in the file.

Built on the standard library's expat: entity declarations are refused unless
they are short literal text (so no entity expansion can blow up), external
entities and DTDs are never resolved or fetched, and HTML named entities that
an unread DTD would define (``&nbsp;``) are read as their characters. Every
element and every run of character data carries its 1-based source line and
column (code points), which is what lets findings point back into the file.
"""

from __future__ import annotations

import html.entities
import xml.parsers.expat as expat
from dataclasses import dataclass, field

from citetrace.inputs.load import InputError

_LONGEST_ENTITY = 1000
MOST_ELEMENTS = 2_000_000  # a tree of more is refused: about 30 s and 1 GB to build
DEEPEST = 400  # elements nested deeper are refused: no document needs them, and readers recurse


@dataclass(slots=True)
class Chars:
    """A run of character data, at a 1-based source ``line`` and ``column``."""

    text: str
    line: int
    column: int


@dataclass(slots=True)
class Element:
    """An element: local tag name, attributes (local names), children in order;
    ``number`` counts it among its parent's children of its tag (from 1)."""

    tag: str
    attrs: dict[str, str]
    line: int
    column: int
    parent: Element | None = field(default=None, repr=False)
    number: int = 1
    children: list[Element | Chars] = field(default_factory=list)

    @property
    def path(self) -> str:
        """Where the element stands: ``/article[1]/body[1]/sec[2]/p[4]``."""
        steps = []
        node: Element | None = self
        while node is not None:
            steps.append(f"{node.tag}[{node.number}]")
            node = node.parent
        return "/" + "/".join(reversed(steps))

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    def elements(self) -> list[Element]:
        """The child elements, in order."""
        return [c for c in self.children if isinstance(c, Element)]

    def iter(self, *tags: str):
        """This element and every descendant (with one of ``tags``, if given), in order."""
        stack: list[Element] = [self]
        while stack:
            node = stack.pop()
            if not tags or node.tag in tags:
                yield node
            stack.extend(reversed([c for c in node.children if isinstance(c, Element)]))

    def find(self, *tags: str) -> Element | None:
        """The first descendant with one of ``tags`` (itself excluded)."""
        return next((e for e in self.iter(*tags) if e is not self), None)

    def text(self) -> str:
        """All character data below this element, whitespace collapsed."""
        parts: list[str] = []
        stack: list[Element | Chars] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, Chars):
                parts.append(node.text)
            else:
                stack.extend(reversed(node.children))
        return " ".join("".join(parts).split())


def _attributes(attrs: dict[str, str]) -> dict[str, str]:
    """Attributes by local name (``w:id`` → ``id``, ``xml:id`` → ``id``); a namespaced
    one keeps its namespace when a plain one has its name (``hwp:id`` beside ``id``)."""
    if not any(" " in k for k in attrs):
        return attrs
    plain = {k: v for k, v in attrs.items() if " " not in k}
    for key, value in attrs.items():
        if " " in key:
            local = key.rsplit(" ", 1)[-1]
            plain[key if local in plain else local] = value
    return plain


class _Refused(Exception):
    pass


def safe_parser(encoding: str | None = None) -> expat.XMLParserType:
    """An expat parser (namespaces split off with a space) that refuses entity
    declarations which could expand or fetch, and never resolves external ones;
    ``encoding`` overrides the one the document declares."""
    parser = expat.ParserCreate(encoding, namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def entity_decl(name, is_parameter, value, base, system_id, public_id, notation) -> None:
        if is_parameter or value is None or "&" in value or len(value) > _LONGEST_ENTITY:
            raise _Refused(f"declares entity {name!r}, which could expand or fetch; refused")

    parser.EntityDeclHandler = entity_decl
    parser.ExternalEntityRefHandler = lambda *_: 1  # never resolved, never fetched
    return parser


def run(parser: expat.XMLParserType, data: bytes, path: str) -> None:
    """Parse ``data`` with ``parser``; every failure becomes a one-line :class:`InputError`."""
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise InputError(path, f"XML {exc}") from None
    except (LookupError, ValueError) as exc:  # an encoding expat cannot read
        raise InputError(path, f"XML in an encoding that cannot be read ({exc})") from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        raise InputError(
            path, f"not well-formed XML at line {exc.lineno}, column {exc.offset + 1}: {reason}"
        ) from None


def parse_xml(data: bytes, path: str, encoding: str | None = None) -> Element:
    """The root element of ``data``, or an :class:`InputError` naming what is wrong."""
    try:
        parser = safe_parser(encoding)
    except (LookupError, ValueError) as exc:
        raise InputError(path, f"XML in an encoding that cannot be read ({exc})") from None
    root: list[Element] = []
    stack: list[Element] = []
    counts: list[dict[str, int]] = [{}]
    made = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = name.rsplit(" ", 1)[-1]
        siblings = counts[-1]
        siblings[tag] = siblings.get(tag, 0) + 1
        if len(stack) >= DEEPEST:
            raise _Refused(f"nests elements more than {DEEPEST} deep; refused")
        made[0] += 1
        if made[0] > MOST_ELEMENTS:
            raise _Refused(f"has more than {MOST_ELEMENTS:,} elements; refused")
        element = Element(
            tag,
            _attributes(attrs),
            parser.CurrentLineNumber,
            parser.CurrentColumnNumber + 1,
            stack[-1] if stack else None,
            siblings[tag],
        )
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)
        counts.append({})

    def end(_name: str) -> None:
        stack.pop()
        counts.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].children.append(
                Chars(text, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
            )

    def skipped(name: str, is_parameter: bool) -> None:
        ch = None if is_parameter else html.entities.html5.get(f"{name};")
        if ch and stack:
            stack[-1].children.append(
                Chars(ch, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
            )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.SkippedEntityHandler = skipped
    run(parser, data, path)
    if not root:
        raise InputError(path, "XML without a root element")
    return root[0]
