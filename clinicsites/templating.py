"""Clinic facts in Markdown: ``{{ clinic.name }}`` rendered in a Jinja sandbox.

Markdown is converted once per file, and the resulting HTML is compiled once
as a Jinja template that is rendered for every clinic. Before conversion each
Jinja tag is swapped for an inert token so Markdown cannot mangle it; after
conversion the tags are put back, each starting on a template line of its own
(behind an empty ``{# #}`` comment, which renders as nothing) so that a render
error maps back to the Markdown line the tag was written on.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import marshal
import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import model
from .errors import InputError, Problem

#: The names Markdown and front matter may use, and the type behind each.
ROOTS: dict[str, type] = {"clinic": model.Clinic, "brand": model.Brand}

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TOKEN_PREFIX = "jinjatag"
_TOKEN = re.compile(_TOKEN_PREFIX + r"(\d+)z")
_LINE_BREAK = "{#\n#}"  # outputs nothing; moves what follows to a new template line
_EMPTY_P = re.compile(r"<p>\s*</p>\n?")
#: Filters and blocks that would let a value through unescaped, as raw HTML.
_UNESCAPED = re.compile(r"(?:\||\bfilter\s+|[\"'])\s*(safe|urlize)\b|^\{%[-+]?\s*autoescape\b")


class MissingValue(TemplateError):
    """A clinic fact used in Markdown is empty for the clinic being rendered."""


def _finalize(value: Any) -> Any:
    if value is None or value == ():
        raise MissingValue("this clinic has no value for it")
    return value


def _environment(autoescape: bool) -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(
        autoescape=autoescape, undefined=StrictUndefined, finalize=_finalize, keep_trailing_newline=True
    )


HTML_ENV = _environment(autoescape=True)
TEXT_ENV = _environment(autoescape=False)


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
        return f"{_TOKEN_PREFIX}{len(tags) - 1}z"

    return Masked(_TAG.sub(swap, text), tags)


def unmask(text: str, tags: list[Tag]) -> str:
    """Put tags back into a piece of masked text (for messages that quote it)."""
    return _TOKEN.sub(lambda m: tags[int(m.group(1))].source, text)


@dataclass
class Template:
    """A compiled per-clinic template and how to map its lines back to the source.

    The compiled code is kept marshalled (a few kilobytes) and turned into a Jinja
    template only when rendered: thousands of posts would otherwise hold ~20 KB each
    in every process. ``keep`` caches the Jinja template once made, for pages that
    every clinic renders; a clinic's own post is rendered once and need not keep it.
    """

    path: str
    code: bytes | None  # marshalled code object; None when ``static`` holds the output
    line_tags: list[tuple[int, Tag]]  # (template line, tag), ascending
    static: str | None  # the output when the source has no tags at all: no render needed
    source: str = ""
    text: bool = False  # compiled for plain text (front matter) rather than HTML
    keep: bool = True

    def __post_init__(self):
        self._compiled = None

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_compiled"}

    def __setstate__(self, state):
        self.__dict__.update(state, _compiled=None)

    @property
    def compiled(self):
        if self._compiled is not None:
            return self._compiled
        env = TEXT_ENV if self.text else HTML_ENV
        compiled = env.template_class.from_code(env, marshal.loads(self.code), env.make_globals(None), None)
        if self.keep:
            self._compiled = compiled
        return compiled

    def render(self, context: dict) -> str:
        if self.static is not None:
            return self.static
        try:
            html = self.compiled.render(context)
            # A block tag that rendered nothing must not leave an empty paragraph behind.
            return _EMPTY_P.sub("", html) if "<p>" in html else html
        except (TemplateError, TypeError, AttributeError, ValueError) as exc:
            raise InputError([self._problem(exc, context)]) from None

    def _problem(self, exc: Exception, context: dict) -> Problem:
        line = _template_line(exc, self.path)
        tag = next((t for tl, t in reversed(self.line_tags) if line and tl <= line), None)
        clinic = context.get("clinic")
        whom = f" for clinic {clinic.slug}" if clinic else ""
        if isinstance(exc, MissingValue):
            message = f"has no value{whom}; guard it with {{% if ... %}}...{{% endif %}} or give the clinic that fact"
        elif isinstance(exc, SecurityError):
            message = f"not allowed: {exc}"
        elif isinstance(exc, UndefinedError):
            message = f"{exc.message}{whom}"
        else:
            message = f"could not be rendered{whom}: {exc}"
        return Problem(self.path, tag.line if tag else None, tag.source if tag else "template", message)


def compile_html(html: str, tags: list[Tag], path: str) -> Template:
    """Put the tags back into converted HTML and compile it for rendering."""
    if not tags:
        return Template(path, None, [], html, html)
    return _compile(HTML_ENV, *_place_tags(html, tags, path), path)


def compile_text(text: str, line: int, path: str) -> Template:
    """Compile a front matter value such as a title (plain text, escaped later by the theme)."""
    if "{" not in text:
        return Template(path, None, [], text, text)
    tag = Tag(text, line)
    return _compile(TEXT_ENV, text, [(1, tag)], path)


def _compile(env, source: str, line_tags: list[tuple[int, Tag]], path: str) -> Template:
    try:
        # Compile under the file's path so render errors can be traced back to it.
        code = env.compile(source, name=path, filename=path)
    except TemplateSyntaxError as exc:
        tag = next((t for tl, t in reversed(line_tags) if tl <= (exc.lineno or 0)), None)
        raise InputError([Problem(path, tag.line if tag else None, tag.source if tag else "template",
                                  f"template syntax error: {exc.message}")]) from None
    return Template(path, marshal.dumps(code), line_tags, None, source, env is TEXT_ENV)


def _place_tags(html: str, tags: list[Tag], path: str) -> tuple[str, list[tuple[int, Tag]]]:
    # Heading ids made from text with a tag in it must not depend on the clinic.
    html = re.sub(r'id="[^"]*"', lambda m: _TOKEN.sub("", m.group(0)).replace("--", "-").replace('-"', '"'), html)
    counts = [0] * len(tags)
    for match in _TOKEN.finditer(html):
        counts[int(match.group(1))] += 1
    lost = [tag for tag, n in zip(tags, counts, strict=True) if n != 1]
    if lost:
        raise InputError([Problem(path, t.line, t.source, "this tag could not be kept in place by Markdown; "
                                  "put it in ordinary text, not in a heading id, link title or HTML comment") for t in lost])
    # A block tag alone in a paragraph should not leave an empty <p></p> behind.
    html = re.sub(r"<p>((?:" + _TOKEN_PREFIX + r"\d+z\s*)+)</p>",
                  lambda m: m.group(1) if all(tags[int(i)].source[1] in "%#" for i in _TOKEN.findall(m.group(1))) else m.group(0),
                  html)
    out: list[str] = []
    line_tags: list[tuple[int, Tag]] = []
    line = 1
    last = 0
    for match in _TOKEN.finditer(html):
        chunk = html[last:match.start()]
        out.append(chunk + _LINE_BREAK)
        line += chunk.count("\n") + 1
        tag = tags[int(match.group(1))]
        line_tags.append((line, tag))
        out.append(tag.source)
        line += tag.source.count("\n")
        last = match.end()
    out.append(html[last:])
    return "".join(out), line_tags


def _template_line(exc: Exception, name: str) -> int | None:
    """Find the template line of a render error from Jinja's rewritten traceback."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == name:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def check_names(masked: Masked, path: str, first_line: int) -> list[Problem]:
    """Statically check the tags of a masked text: syntax, names and clinic fields.

    This runs once per file, so a typo such as ``clinic.adress`` is reported
    with its line before any clinic is rendered.
    """
    problems: list[Problem] = []
    for match in re.finditer(r"\{[{%#]", masked.text):
        line = first_line + masked.text.count("\n", 0, match.start())
        closing = {"{{": "}}", "{%": "%}", "{#": "#}"}[match.group(0)]
        problems.append(Problem(path, line, match.group(0), f"expected {closing} to close this tag on or after this line"))
    for tag in masked.tags:
        problems.extend(_check_tag(tag, path))
    if not problems:
        # Tags must also nest properly across the whole file ({% if %} ... {% endif %}).
        try:
            HTML_ENV.parse("".join(t.source for t in masked.tags))
        except TemplateSyntaxError as exc:
            tag = masked.tags[-1] if masked.tags else None
            problems.append(Problem(path, tag.line if tag else None, tag.source if tag else "template",
                                    f"template syntax error: {exc.message}"))
    return problems


def _check_tag(tag: Tag, path: str) -> list[Problem]:
    message = _tag_problem(tag.source)
    return [Problem(path, tag.line, tag.source, message)] if message else []


@functools.lru_cache(maxsize=4096)
def _tag_problem(source: str) -> str | None:
    """What is wrong with one tag, if anything; cached because the same tags recur in every file."""
    unescaped = _UNESCAPED.search(source)
    if unescaped:
        return f"'{unescaped.group(1) or 'autoescape'}' is not allowed: values are always escaped, so tags cannot add HTML"
    if source.startswith("{%"):
        return None  # block tags are checked for nesting over the whole file
    try:
        ast = HTML_ENV.parse(source)
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
        return f"access to '{node.attr}' is not allowed; use clinic.<field> or brand.<field>"
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
            hint = _close(attr, known)
            return f"{walked} has no field '{attr}'" + (f"; did you mean '{walked}.{hint}'?" if hint else "")
        cls = known[attr]
        walked += "." + attr
    return None


@functools.cache
def _attributes(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(model))
    out = {name: _unwrap(hints[name]) for name in (f.name for f in dataclasses.fields(cls))}
    for name, value in vars(cls).items():
        if isinstance(value, property):
            ret = typing.get_type_hints(value.fget, vars(model)).get("return")
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


def _close(word: str, choices) -> str | None:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None

