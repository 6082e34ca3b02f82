"""Compiled per-clinic templates: a page's Markdown, converted once, rendered for every clinic in a Jinja sandbox.

After conversion the masked tags (see tags.py) are put back, each starting on a template line of its own
(behind an empty ``{# #}`` comment, which renders as nothing) so that a render error maps back to the
Markdown line the tag was written on.
"""

from __future__ import annotations

import marshal
import re
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import InputError, Problem, traceback_location
from .tags import TOKEN, TOKEN_PREFIX, Tag

_LINE_BREAK = "{#\n#}"  # outputs nothing; moves what follows to a new template line
_EMPTY_P = re.compile(r"<p>\s*</p>\n?")


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


@dataclass
class Template:
    """A compiled per-clinic template and how to map its lines back to the source.

    The compiled code is kept marshalled (a few kilobytes) and turned into a Jinja
    template only when rendered: thousands of posts would otherwise each hold their
    compiled template in every process. ``keep`` caches the Jinja template once made, for pages that
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
        line = traceback_location(exc, lambda name: name == self.path)[1]
        tag = next((t for tl, t in reversed(self.line_tags) if line and tl <= line), None)
        clinic = context.get("clinic")
        whom = f" for clinic {clinic.slug}" if clinic else ""
        if "clinic" in context and clinic is None and isinstance(exc, UndefinedError):
            message = ("the brand's guide publishes shared pages with no clinic: use clinic facts only inside "
                       "{% if clinic %}...{% endif %}, or set brand.shared_pages to noindex")  # fmt: skip
        elif isinstance(exc, MissingValue):
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
        raise InputError(
            [
                Problem(
                    path,
                    tag.line if tag else None,
                    tag.source if tag else "template",
                    f"template syntax error: {exc.message}",
                )
            ]
        ) from None
    return Template(path, marshal.dumps(code), line_tags, None, source, env is TEXT_ENV)


_ID = re.compile(r'id="[^"]*"')


def _clinic_free_id(match: re.Match) -> str:
    # Heading ids made from text with a tag in it must not depend on the clinic.
    return TOKEN.sub("", match.group(0)).replace("--", "-").replace('-"', '"')


def anchors(html: str) -> frozenset[str]:
    """The ids of converted HTML (its headings' anchors) as every clinic's page will have them."""
    return frozenset(_clinic_free_id(m)[4:-1] for m in _ID.finditer(html))


def _place_tags(html: str, tags: list[Tag], path: str) -> tuple[str, list[tuple[int, Tag]]]:
    html = _ID.sub(_clinic_free_id, html)
    counts = [0] * len(tags)
    for match in TOKEN.finditer(html):
        counts[int(match.group(1))] += 1
    lost = [tag for tag, n in zip(tags, counts, strict=True) if n != 1]
    if lost:
        raise InputError(
            [
                Problem(
                    path,
                    t.line,
                    t.source,
                    "this tag could not be kept in place by Markdown; "
                    "put it in ordinary text, not in a heading id, link title or HTML comment",
                )
                for t in lost
            ]
        )
    # A block tag alone in a paragraph should not leave an empty <p></p> behind.
    html = re.sub(
        r"<p>((?:" + TOKEN_PREFIX + r"\d+z\s*)+)</p>",
        lambda m: m.group(1) if all(tags[int(i)].source[1] in "%#" for i in TOKEN.findall(m.group(1))) else m.group(0),
        html,
    )
    out: list[str] = []
    line_tags: list[tuple[int, Tag]] = []
    line = 1
    last = 0
    for match in TOKEN.finditer(html):
        chunk = html[last : match.start()]
        out.append(chunk + _LINE_BREAK)
        line += chunk.count("\n") + 1
        tag = tags[int(match.group(1))]
        line_tags.append((line, tag))
        out.append(tag.source)
        line += tag.source.count("\n")
        last = match.end()
    out.append(html[last:])
    return "".join(out), line_tags
