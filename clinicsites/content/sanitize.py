"""Keep scripts and other active HTML out of Markdown pages.

We check the HTML that Markdown converts to, because that is what reaches the
page: raw HTML, ``[x](javascript:...)`` links and attr_list's ``{: onclick=...}``
all end up there, while ``<script>`` inside a code span does not. Elements and
attributes are allow-listed, so anything unexpected is refused rather than
guessed safe. Each problem is then located on the Markdown line that wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import Problem
from .locate import Locator
from .pagelinks import is_page_link
from .tags import Masked, Tag, unmask

#: Elements Markdown writes, and inline ones authors may type (<abbr>, <kbd>, <br>, ...).
ELEMENTS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "img",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "code",
        "pre",
        "kbd",
        "samp",
        "var",
        "abbr",
        "dfn",
        "cite",
        "q",
        "mark",
        "small",
        "sub",
        "sup",
        "time",
        "bdi",
        "bdo",
        "br",
        "wbr",
        "hr",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "div",
        "span",
        "figure",
        "figcaption",
        "details",
        "summary",
    }
)
ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "alt",
        "title",
        "id",
        "class",
        "lang",
        "dir",
        "colspan",
        "rowspan",
        "headers",
        "scope",
        "start",
        "reversed",
        "type",
        "value",
        "datetime",
        "cite",
        "width",
        "height",
        "loading",
        "decoding",
        "rel",
        "target",
        "open",
        "translate",
    }
)
#: URL schemes a link may use; anything else (javascript:, data:, vbscript:, ...) is refused.
SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})
#: The only inline style Markdown writes itself: table column alignment.
_TABLE_ALIGN = re.compile(r"text-align:\s*(?:left|right|center);?")

_WHY = {
    "scripts are not allowed in Markdown; pages must work without JavaScript": ("script", "noscript"),
    "embedded frames and objects are not allowed in Markdown; link to the page instead": (
        "iframe", "frame", "frameset", "object", "embed", "applet", "portal"),
    "styles are not allowed in Markdown; the theme's stylesheet styles every page": ("style", "link"),
    "page-level HTML is not allowed in Markdown; the theme writes the page around it": (
        "html", "head", "body", "meta", "base", "title", "template"),
    "forms are not allowed in Markdown; link to the clinic's booking page instead": (
        "form", "input", "button", "select", "textarea", "option"),
    "inline SVG and MathML are not allowed in Markdown; use a .png, .jpg or .webp image": ("svg", "math"),
}  # fmt: skip
_ELEMENT_MESSAGES = {tag: message for message, tags in _WHY.items() for tag in tags}
_OTHER_ELEMENT = (
    "HTML element not allowed in Markdown; expected Markdown or an inline element such as "
    "<abbr>, <kbd>, <br>, <sup> (write &lt; for a literal <)"
)
_STATIC_EXPECTED = "{static}/shared/images/<file> or {static}/clinics/<this clinic>/images/<file>"
#: A link may start with a clinic fact only if that fact is itself an address (tel_url, booking_url, ...).
_URL_FACT = re.compile(r"\{\{-?\s*[\w.]*url\s*-?\}\}")


@dataclass(frozen=True)
class _Finding:
    where: str
    message: str
    needle: str  # text to find in the Markdown source (matched loosely, entities allowed)


@dataclass
class Scan:
    """What checking one page's HTML found: problems, and the {static} files it uses."""

    problems: list[Problem] = field(default_factory=list)
    statics: list[tuple[str, int]] = field(default_factory=list)  # (target after {static}, line)
    links: list[tuple[str, int]] = field(default_factory=list)  # (href of a link to a page, line)


def scan(page_html: str, masked: Masked, first_line: int, path: str) -> Scan:
    """Check ``page_html``, converted from ``masked``; locate findings in its Markdown (from line ``first_line``)."""
    parser = _Parser(masked.tags)
    parser.feed(page_html)
    parser.close()
    locate = Locator(unmask(masked.text, masked.tags), first_line)
    result = Scan()
    for finding in parser.findings:
        result.problems.append(Problem(path, locate(finding.needle), finding.where, finding.message))
    for target in parser.statics:
        result.statics.append((target, locate("{static}" + target)))
    result.links = [(href, locate(href)) for href in parser.links]
    return result


class _Parser(HTMLParser):
    def __init__(self, tags: list[Tag]):
        super().__init__(convert_charrefs=True)
        self.tags = tags
        self.findings: list[_Finding] = []
        self.statics: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        tag = unmask(tag, self.tags)
        if tag not in ELEMENTS:
            self._add(f"<{tag}>", _ELEMENT_MESSAGES.get(tag, _OTHER_ELEMENT), f"<{tag}")
            return
        if tag == "h1":
            self._add(
                "# heading",
                "the theme writes the page's one main heading (H1) from its headline or title; "
                "start sections with ## instead",
                "#",
            )
        attrs = [(unmask(name, self.tags), unmask(value or "", self.tags)) for name, value in attrs]
        values = dict(attrs)
        for name, value in attrs:
            self._check_attribute(tag, name, value)
        if tag == "img" and not (values.get("alt") or "").strip():
            src = values.get("src") or ""
            shown = src.removeprefix("{static}")
            self._add("image", f'expected alt text that describes the image, got none for "{shown}"', src or "<img")

    handle_startendtag = handle_starttag

    def _check_attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self._add(
                name, "event-handler attributes are not allowed in Markdown; pages must work without JavaScript", name
            )
        elif name == "style":
            if not _TABLE_ALIGN.fullmatch(value.strip()):
                self._add(
                    name, "inline styles are not allowed in Markdown; the theme's stylesheet styles every page", name
                )
        elif name not in ATTRIBUTES:
            self._add(
                name,
                f"attribute not allowed on <{tag}> in Markdown; expected one of: {', '.join(sorted(ATTRIBUTES))}",
                name,
            )
        elif name in ("href", "src", "cite"):
            self._check_url(tag, name, value)

    def _check_url(self, tag: str, name: str, value: str) -> None:
        where = "image" if tag == "img" else "link"
        if tag == "a" and name == "href" and is_page_link(value):
            self.links.append(value)
        if value.startswith("{static}"):
            self.statics.append(value[len("{static}") :])
            return
        if tag == "img":
            self._add(where, f'expected {_STATIC_EXPECTED}, got "{value}"', value)
        elif value.startswith("{{"):
            # A clinic's name or e-mail at the start of a link would become its scheme (javascript:...).
            if not _URL_FACT.match(value):
                self._add(
                    where,
                    "expected an address or a clinic fact that is one (like {{ clinic.phone.tel_url }}) at "
                    f'the start of a link; write the scheme first, like mailto:{{{{ clinic.email }}}}, got "{value}"',
                    value,
                )
        elif value.startswith("{") and not value.startswith("{filename}"):
            self._add(
                where, f'expected {{filename}}/... for a page or {{static}}/... for an image, got "{value}"', value
            )
        elif value.startswith("/") and not (tag == "a" and is_page_link(value)):  # a page: content/references.py
            # A site is published under /<slug>/ and maybe at its own domain: a path from the top leads elsewhere.
            expected = "a {filename} link to the page's Markdown file (like {filename}/shared/conditions/neck-pain.md)"
            self._add(where, f'expected {expected} rather than an address on the site, got "{value}"', value)
        elif _scheme(value) not in SCHEMES | {None}:
            self._add(
                where,
                "expected a web address (https://), a mailto: or tel: address, or a {filename} link to a page, "
                f'got "{value}"',
                value,
            )

    def handle_data(self, data):
        # Markdown leaves a link or image it could not read as plain text: most often a space in the file name.
        for marker, where in (("{static}", "image"), ("{filename}", "link")):
            if marker in data:
                self._add(where, f"this {where} was not recognised, so its {marker} address would show as text; "
                                 "check its brackets, and rename the file if its name has a space (front-door.jpg, "
                                 "not front door.jpg)", marker)  # fmt: skip

    def handle_comment(self, data):
        # Browsers end a comment at "--!>" or an early ">", where this parser may not: refuse the doubt.
        if "<" in data or ">" in data:
            self._add("<!--", "an HTML comment must not contain < or >; browsers may end it early", "<!--")

    def handle_decl(self, decl):
        self._add("<!", "HTML declarations are not allowed in Markdown", "<!" + decl[:20])

    unknown_decl = handle_decl

    def handle_pi(self, data):
        self._add("<?", "processing instructions are not allowed in Markdown", "<?" + data[:20])

    def _add(self, where: str, message: str, needle: str) -> None:
        self.findings.append(_Finding(where, message, needle))


def _scheme(url: str) -> str | None:
    """The scheme a browser would see: it drops tabs and newlines anywhere and blanks at the ends."""
    url = re.sub(r"[\t\n\r]", "", url).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
    )
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.\-]*):", url)
    return match.group(1).lower() if match else None
