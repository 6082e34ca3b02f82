"""What the search index reads of a page: the text of its ``data-pagefind-body`` element, as a small HTML document.

Pagefind is given this document instead of the whole page, so an index is keyed by exactly what it holds: a
template change that leaves the text alone (a class, an icon, the header) changes no document and rebuilds no
index. The document keeps the page's language, its headings (with their ids, which search results link to)
and its text, one paragraph per block, with:

- no element marked ``data-pagefind-ignore`` (cards, menus, contents lists: what many pages repeat), and no
  script, style, form control or picture;
- a space wherever the page shows a gap that its HTML does not spell out (between two links or labels with
  no space between them, at a line break), so no two words run together;
- nothing the page does not show as text: attributes, addresses, images.
"""

from __future__ import annotations

import re

# The theme's and Markdown's HTML escape ">" inside attribute values, so a tag ends at the first ">".
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|<!--.*?-->", re.S)
_BODY = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*\sdata-pagefind-body\b")
_LANG = re.compile(r"<html\b[^>]*\slang=\"([^\"]+)\"")
_ID = re.compile(r"\sid=\"([^\"]*)\"")
_IGNORE = re.compile(r"\sdata-pagefind-ignore\b")
_OTHER = re.compile(r"\s(data-pagefind-(?!body\b|ignore\b)[a-z-]+)")
_SPACE = re.compile(r"\s+")

#: Elements that begin a new paragraph of text (Pagefind ends a sentence after each).
BLOCKS = frozenset(("address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div",
                    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr",
                    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
                    "tfoot", "th", "thead", "tr", "ul"))  # fmt: skip
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
#: Elements whose content is not text a reader sees on the page.
SKIPPED = frozenset(("script", "style", "svg", "template", "select", "textarea", "button", "picture", "canvas"))
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"))  # fmt: skip


class UnreadableMarkup(ValueError):
    """The page asks the index for something this reader does not provide (a ``data-pagefind-*`` it ignores)."""


def document(html: str) -> str | None:
    """The indexed text of a page as a small HTML document, or None if the page has no ``data-pagefind-body``."""
    body = _BODY.search(html)
    if body is None:
        return None
    lang = _LANG.search(html, 0, body.start())
    out = _Text()
    stack = [body.group(1).lower()]  # open elements, the body element first
    hidden_at: int | None = None  # where in ``stack`` the element that leaves its content out is
    pos = html.index(">", body.end()) + 1
    for tag in _TAG.finditer(html, pos):
        if hidden_at is None and tag.start() > pos:
            out.text(html[pos : tag.start()])
        pos = tag.end()
        closing, name, attrs = tag.group(1, 2, 3)
        if not name:
            continue  # a comment
        name = name.lower()
        if closing:
            if name not in stack:
                continue  # a stray end tag: browsers ignore it too
            while stack:
                top = stack.pop()
                if hidden_at is None:
                    out.close(top)
                elif len(stack) <= hidden_at:
                    hidden_at = None
                if top == name:
                    break
            if not stack:
                break  # the body element itself is closed
        elif name in _VOID:
            if hidden_at is None:
                out.void(name)
        else:
            other = _OTHER.search(attrs)
            if other:
                raise UnreadableMarkup(f"expected no data-pagefind- attribute but -body and -ignore (the index reads "
                                       f"no other), got {other.group(1)} on <{name}>")  # fmt: skip
            if hidden_at is None and (name in SKIPPED or _IGNORE.search(attrs)):
                hidden_at = len(stack)
            elif hidden_at is None:
                out.open(name, attrs)
            stack.append(name)
    doc = out.finish()
    if not doc:
        return None
    return f'<html lang="{lang.group(1) if lang else "unknown"}"><body>\n{doc}\n</body></html>'


class _Text:
    """The document being written: paragraphs and headings, each on a line of its own."""

    def __init__(self):
        self.lines: list[str] = []
        self.words: list[str] = []  # the paragraph or heading being read
        self.heading: tuple[str, str] | None = None  # (element, id) while in a heading
        self.gap = False  # an inline element just ended: a following element is set apart by a space

    def text(self, chunk: str) -> None:
        self.words.append(" " if chunk.isspace() else _SPACE.sub(" ", chunk))
        self.gap = False

    def open(self, name: str, attrs: str) -> None:
        if name in HEADINGS:
            self.flush()
            found = _ID.search(attrs)
            self.heading = (name, found.group(1) if found else "")
        elif name in BLOCKS:
            self.flush()
        elif self.gap:
            self.words.append(" ")
            self.gap = False

    def close(self, name: str) -> None:
        if name in HEADINGS or name in BLOCKS:
            self.flush()
        else:
            self.gap = True

    def void(self, name: str) -> None:
        if name in ("br", "wbr", "hr", "input"):
            self.words.append(" ")
            self.gap = False

    def flush(self) -> None:
        text = "".join(self.words).strip()
        self.words, self.gap = [], False
        if self.heading is not None:
            name, anchor = self.heading
            self.heading = None
            if text:
                self.lines.append(f'<{name} id="{anchor}">{text}</{name}>' if anchor else f"<{name}>{text}</{name}>")
        elif text:
            self.lines.append(f"<p>{text}</p>")

    def finish(self) -> str:
        self.flush()
        return "\n".join(self.lines)
