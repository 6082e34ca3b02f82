"""Explain a YAML syntax error caused by indentation, the most common hand edit, in an owner's words.

The parser reports where it gave up ("mapping values are not allowed in this context"), which is often a
line after the one to change. When a file fails to parse, ``explain`` walks its lines the way YAML nests
them and names the first ``key:`` that does not line up with anything above it, and what to line it up with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"""^(?P<dash>-\s+)?(?P<key>[^\s#'"{\[][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(?P<value>.*))?$""")
_BLOCK_SCALAR = re.compile(r"^[|>][-+]?\d*\s*(?:#.*)?$")


@dataclass
class _Level:
    indent: int
    key: str  # the last key seen at this indent
    line: int


def explain(text: str, error_line: int, first_line: int = 1) -> tuple[int, str] | None:
    """(line to change, what to do) for the first key that does not line up, up to ``error_line``; or None.

    ``first_line`` is the file line of ``text``'s first line (front matter starts on line 2).
    """
    levels: list[_Level] = []
    opens = False  # the previous key's value is on the following, deeper lines
    scalar_indent = None  # inside a block scalar (| or >): lines deeper than this are text
    for n, raw in enumerate(text.split("\n"), start=first_line):
        if n > error_line + 1:
            break
        stripped = raw.strip()
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if scalar_indent is not None:
            if indent > scalar_indent:
                continue
            scalar_indent = None
        match = _KEY.match(stripped)
        if not match:
            if stripped.startswith("- "):  # a list item that is a plain value
                _settle(levels, indent)
            continue  # a value carried on from the line above, or a flow collection
        key, value, dash = match.group("key"), match.group("value") or "", match.group("dash")
        inner = indent + len(dash) if dash else indent  # where this key starts
        top = levels[-1].indent if levels else 0
        if levels and inner > top and not opens and not dash:
            above = levels[-1]
            return n, (f"`{key}:` is indented {inner} spaces, more than `{above.key}:` above it (line {above.line}, "
                       f"{above.indent} spaces), whose value is already on that line; line it up with "
                       f"`{above.key}:` ({above.indent} spaces)")  # fmt: skip
        if not (levels and inner > top and (opens or dash)):
            mismatch = _settle(levels, indent if dash else inner)
            if mismatch is not None:
                shallower, deeper = mismatch
                near = min((deeper, shallower), key=lambda level: abs(level.indent - inner)) if shallower else deeper
                return n, (f"`{key}:` is indented {inner} spaces, which lines up with nothing above it; line it up "
                           f"with `{near.key}:` on line {near.line} ({near.indent} spaces)")  # fmt: skip
        if dash:
            levels.append(_Level(indent, "-", n))
        if levels and levels[-1].indent == inner:
            levels[-1] = _Level(inner, key, n)
        else:
            levels.append(_Level(inner, key, n))
        opens = value == "" or bool(_BLOCK_SCALAR.match(value))
        if _BLOCK_SCALAR.match(value):
            scalar_indent, opens = inner, False
    return None


def _settle(levels: list[_Level], indent: int) -> tuple[_Level | None, _Level] | None:
    """Close the levels deeper than ``indent``; if it falls between two levels, return (shallower, deeper)."""
    while levels and levels[-1].indent > indent:
        deeper = levels.pop()
        if not levels or levels[-1].indent < indent:
            return (levels[-1] if levels else None), deeper
    return None
