"""Clinic tags in Markdown (``{{ clinic.name }}``): masked so Markdown cannot mangle them, checked once per file.

Before conversion each Jinja tag is swapped for an inert token; ``check_names`` then checks every tag
statically (syntax, names, clinic fields), so a typo such as ``clinic.adress`` is reported with its line
before any clinic is rendered.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .. import memory
from ..clinics import model
from ..clinics.local import LocalFacts
from ..errors import Problem, closest

#: The names Markdown and front matter may use, and the type behind each: the clinic's facts, the brand's, and
#: the local facts of the clinic's country in the page's language (neutral where it is unknown, and in the guide).
ROOTS: dict[str, type] = {"clinic": model.Clinic, "brand": model.Brand, "country": LocalFacts}

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TOKEN_PREFIX = "jinjatag"
TOKEN = re.compile(TOKEN_PREFIX + r"(\d+)z")
#: Filters and blocks that would let a value through unescaped, as raw HTML.
_UNESCAPED = re.compile(r"(?:\||\bfilter\s+|[\"'])\s*(safe|urlize)\b|^\{%[-+]?\s*autoescape\b")
#: Parses tags for checking only; rendering uses the environments in templating.py.
_PARSER = ImmutableSandboxedEnvironment()


@dataclass(frozen=True)
class Tag:
    source: str
    line: int  # in the Markdown file


@dataclass
class Masked:
    """Markdown text with its Jinja tags replaced by tokens."""

    text: str
    tags: list[Tag]


def mask(text: str, first_line: int) -> Masked:
    """Replace every Jinja tag in ``text`` (starting at file line ``first_line``) with a token."""
    tags: list[Tag] = []

    def swap(match: re.Match) -> str:
        line = first_line + text.count("\n", 0, match.start())
        tags.append(Tag(match.group(0), line))
        return f"{TOKEN_PREFIX}{len(tags) - 1}z"

    return Masked(_TAG.sub(swap, text), tags)


def unmask(text: str, tags: list[Tag]) -> str:
    """Put tags back into a piece of masked text (for messages that quote it)."""
    return TOKEN.sub(lambda m: tags[int(m.group(1))].source, text)


def check_names(masked: Masked, path: str, first_line: int) -> list[Problem]:
    """Statically check the tags of a masked text: syntax, names and clinic fields.

    This runs once per file, so a typo such as ``clinic.adress`` is reported
    with its line before any clinic is rendered.
    """
    problems: list[Problem] = []
    for match in re.finditer(r"\{[{%#]", masked.text):
        line = first_line + masked.text.count("\n", 0, match.start())
        closing = {"{{": "}}", "{%": "%}", "{#": "#}"}[match.group(0)]
        problems.append(
            Problem(path, line, match.group(0), f"expected {closing} to close this tag on or after this line")
        )
    for tag in masked.tags:
        problems.extend(_check_tag(tag, path))
    if not problems:
        # Tags must also nest properly across the whole file ({% if %} ... {% endif %}).
        try:
            _PARSER.parse("".join(t.source for t in masked.tags))
        except TemplateSyntaxError as exc:
            tag = masked.tags[-1] if masked.tags else None
            problems.append(
                Problem(
                    path,
                    tag.line if tag else None,
                    tag.source if tag else "template",
                    f"template syntax error: {exc.message}",
                )
            )
    return problems


def _check_tag(tag: Tag, path: str) -> list[Problem]:
    message = _tag_problem(tag.source)
    return [Problem(path, tag.line, tag.source, message)] if message else []


@memory.remember("tag-problems", 4096)
def _tag_problem(source: str) -> str | None:
    """What is wrong with one tag, if anything; cached because the same tags recur in every file."""
    unescaped = _UNESCAPED.search(source)
    if unescaped:
        return (
            f"'{unescaped.group(1) or 'autoescape'}' is not allowed: values are always escaped, so tags cannot add HTML"
        )
    if source.startswith("{%"):
        return None  # block tags are checked for nesting over the whole file
    try:
        ast = _PARSER.parse(source)
    except TemplateSyntaxError as exc:
        return f"template syntax error: {exc.message}"
    for node in ast.find_all((nodes.Getattr, nodes.Name)):
        message = _check_node(node)
        if message:
            return message  # the first is enough to fix the tag
    return None


def _check_node(node) -> str | None:
    if isinstance(node, nodes.Name):
        if node.ctx == "load" and node.name not in ROOTS and node.name != "loop":
            return f"unknown name '{node.name}'; expected one of: " + ", ".join(f"{r}.<field>" for r in ROOTS)
        return None
    if node.attr.startswith("_"):
        return f"access to '{node.attr}' is not allowed; use " + " or ".join(f"{r}.<field>" for r in ROOTS)
    chain = []
    while isinstance(node, nodes.Getattr):
        chain.append(node.attr)
        node = node.node
    if not isinstance(node, nodes.Name) or node.name not in ROOTS:
        return None
    cls: Any = ROOTS[node.name]
    walked = node.name
    for attr in reversed(chain):
        if not dataclasses.is_dataclass(cls):
            return None  # a plain value or a list: checked at render time
        known = _attributes(cls)
        if attr not in known:
            hint = closest(attr, known)
            return f"{walked} has no field '{attr}'" + (f"; did you mean '{walked}.{hint}'?" if hint else "")
        cls = known[attr]
        walked += "." + attr
    return None


@memory.remember("model-attributes", 64)
def _attributes(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)  # resolved in the module that declares the class
    out = {name: _unwrap(hints[name]) for name in (f.name for f in dataclasses.fields(cls))}
    for name, value in vars(cls).items():
        if isinstance(value, property):
            ret = typing.get_type_hints(value.fget).get("return")
            out[name] = _unwrap(ret)
        elif callable(value) and not name.startswith("_"):
            out[name] = None
    return out


def _unwrap(hint: Any) -> Any:
    """``Phone | None`` -> ``Phone``; anything that is not a single dataclass -> None."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and len(args) == 1:
        hint = args[0]
    return hint if dataclasses.is_dataclass(hint) else None
