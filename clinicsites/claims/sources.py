"""The text patients see, out of each kind of source file, as blocks of running text with their first line.

A block is a paragraph, list item, heading, table cell, front matter value, alt text, template text run,
translation or clinics.yaml value: sentences never run from one block into the next, but do run across the line
breaks inside one. A block may have a lead, read before it: a table cell the row's first cell, which names what
the row is about ("Frozen shoulder | Fully resolved"), and a list item the lead-in that introduces its list ("Dry
needling is used for these problems:", "What we cannot promise:"). Clinic tags (``{{ clinic.name }}``) become the
neutral word NAME, so a clinic's name is never read as a claim; a ``claims-ok`` marker becomes MARK, remembered
with the block so it applies to its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..clinics.yamlsource import load_text
from ..errors import InputError

MARK = "\ue000"  # where a claims-ok marker stood (a private-use character no rule or pattern matches)
_BREAK = "\ue001"  # a boundary between blocks inside one line (a table cell, a block element)
NEUTRAL = "NAME"  # what a clinic tag reads as

MARKER = re.compile(r"claims-ok\s+(?P<rule>[\w-]+)\s*(?::\s*(?P<reason>[^#}\n]*))?")
_JINJA_MARKER = re.compile(r"\{#-?\s*(claims-ok[^#]*?)-?#\}")
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_JINJA_EXPR = re.compile(r"\{\{.*?\}\}", re.S)
_JINJA_STMT = re.compile(r"\{%.*?%\}", re.S)
_GETTEXT = re.compile(r"""\b(?:_|gettext|ngettext)\(\s*(?P<q>["'])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)""", re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_ATTR_TEXT = re.compile(r"""\b(?:alt|title|aria-label|placeholder|content)\s*=\s*(?P<q>["'])(?P<text>[^"']*)(?P=q)""")
_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|td|th|tr|table|section|header|footer|nav|main|article|aside|"
                        r"summary|details|dt|dd|dl|figcaption|figure|button|label|option|select|form|title|br|hr|"
                        r"blockquote|address|caption|legend|fieldset)\b[^>]*>", re.I)  # fmt: skip
_TAG = re.compile(r"<[^>]*>")
_QUOTE = re.compile(r"^\s*>\s?")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")  # a translation's placeholders: names, numbers
_BLANK_LINE = re.compile(r"\n\s*\n")
_PIECE_END = re.compile(f"{_BREAK}|\\n[ \\t]*(?=\\n)")
_LAST_SENTENCE = re.compile(r"(?<=[.!?؟۔])\s+")  # a lead-in is the last sentence before its list
_MARKED = re.compile(MARK + r"\{(?P<body>[^}]*)\}")
_INLINE_MARKUP = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`|\{:[^}]*\}|\{#[\w-]+\}|\[\^[^\]]*\])")


@dataclass
class Block:
    """Running text, the file line it starts on, and the markers inside it (rule, reason, offset in the text)."""

    text: str
    line: int
    markers: list[tuple[str, str, int]] = field(default_factory=list)
    form: str = "text"
    lead: str = ""  # a list item's lead-in: the text before the list, ending with a colon


def markdown(text: str) -> list[Block]:
    """The blocks of a Markdown file: front matter titles and descriptions, then the body."""
    blocks, body, body_line = [], text, 1
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            blocks += _front_matter("\n".join(lines[1:end]))
            body, body_line = "\n".join(lines[end + 1 :]), end + 2
    return blocks + markdown_body(body, body_line)


#: Front matter values patients read (the rest are dates, slugs, or the names of people and publications).
FRONT_MATTER_TEXT = ("title", "description", "headline", "evidence")


def _front_matter(text: str) -> list[Block]:
    try:
        doc = load_text(text, "", line_offset=1)
    except InputError:
        return []  # the reader reports a broken front matter
    data = doc.data if isinstance(doc.data, dict) else {}
    return [_inline(Block(_jinja(data[key]), doc.line((key,)) or 1, form="title"))
            for key in FRONT_MATTER_TEXT if isinstance(data.get(key), str)]  # fmt: skip


def markdown_body(body: str, first_line: int = 1) -> list[Block]:
    """The blocks of a Markdown body starting at file line ``first_line``."""
    blocks, current, fenced = [], None, False
    for n, line in enumerate(_jinja(body).split("\n"), start=first_line):
        if _FENCE.match(line):
            fenced, current = not fenced, None
            continue
        if fenced or not line.strip():
            current = None
            continue
        line = _QUOTE.sub("", line)
        for image in _IMAGE.finditer(line):
            blocks.append(Block(image.group("alt"), n, form="alt"))
        line = _IMAGE.sub(" ", line)
        if line.lstrip().startswith("|") or (current is not None and current.form == "table" and "|" in line):
            current = None
            cells = [cell.strip() for cell in line.strip().strip("|").split("|") if cell.strip()]
            if cells and not _TABLE_RULE.match(line):  # each cell read after the row's first, which names its subject
                blocks += [Block(cell, n, form="table", lead=f"{cells[0]} |" * bool(k)) for k, cell in enumerate(cells)]
            continue
        heading, item = _HEADING.match(line), _ITEM.match(line)
        if heading or item or current is None:
            current = Block("", n, form="heading" if heading else "list" if item else "paragraph")
            blocks.append(current)
            line = line[(heading or item).end() :] if heading or item else line
            current.text = line
            if heading:
                current = None
            continue
        current.text += "\n" + line
    return _leads([_inline(b) for block in blocks for b in _pieces(block)])


def _leads(blocks: list[Block]) -> list[Block]:
    """Each list item with the lead-in of its list: the paragraph or item before it that ends with a colon."""
    lead, before = "", None
    for block in blocks:
        if block.form == "alt":
            continue
        if block.form != "list":
            lead = ""
        else:
            if before is not None and before.form in ("paragraph", "list") and before.text.rstrip().endswith(":"):
                lead = _LAST_SENTENCE.split(" ".join(before.text.split()))[-1]
            block.lead = lead
        before = block
    return blocks


def template(text: str) -> list[Block]:
    """The words of a theme template: text between tags, translatable strings, alt and label attributes."""
    text = _SCRIPT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    blocks = []
    for found in (_GETTEXT, _ATTR_TEXT):
        for m in found.finditer(text):
            if "{{" not in m.group("text") and "{%" not in m.group("text"):
                words = _PLACEHOLDER.sub(NEUTRAL, m.group("text").replace('\\"', '"').replace("\\'", "'"))
                blocks.append(Block(words, 1 + text.count("\n", 0, m.start()), form="template"))
    runs = _jinja(text, statements=_BREAK)
    runs = _BLOCK_TAG.sub(lambda m: _BREAK + "\n" * m.group(0).count("\n"), runs)
    runs = _TAG.sub(lambda m: " " + "\n" * m.group(0).count("\n"), runs)
    blocks += _pieces(Block(runs, 1, form="template"))
    return [_inline(b) for block in blocks for b in _pieces(block)]


def catalogue(text: str) -> list[Block]:
    """The translations in a gettext catalogue (each msgstr, with its continuation lines)."""
    blocks, current, marker = [], None, ""
    for n, line in enumerate(text.split("\n"), start=1):
        if line.startswith("#") and "claims-ok" in line:
            marker = line
        elif line.startswith("msgstr"):
            value = line.split(" ", 1)[1] if " " in line else '""'
            current = Block(_po_string(value) + (" " + MARK if marker else ""), n, form="po")
            current.markers = _markers(marker)
            blocks.append(current)
            marker = ""
        elif line.startswith('"') and current is not None:
            current.text = current.text.replace(" " + MARK, "") + "\n" + _po_string(line)
        elif not line.strip() or line.startswith("msgid"):
            current = None
    for block in blocks:
        block.text = _PLACEHOLDER.sub(NEUTRAL, block.text)
    return [_inline(b) for block in blocks for b in _pieces(block)]


def _po_string(value: str) -> str:
    value = value.strip()
    return value[1:-1].replace('\\"', '"').replace("\\n", " ") if value.startswith('"') else ""


def _markers(comment: str) -> list[tuple[str, str, int]]:
    return [(m.group("rule"), (m.group("reason") or "").strip(), 0) for m in MARKER.finditer(comment)]


def _jinja(text: str, statements: str = "") -> str:
    """Markers to MARK (with their text kept after it), comments and statements blanked, expressions neutral."""
    text = _JINJA_MARKER.sub(lambda m: MARK + "{" + m.group(1).strip() + "}", text)
    text = _JINJA_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    text = _JINJA_EXPR.sub(lambda m: ("" if "_(" in m.group(0) else NEUTRAL) + "\n" * m.group(0).count("\n"), text)
    return _JINJA_STMT.sub(lambda m: statements + "\n" * m.group(0).count("\n"), text)


def _pieces(block: Block) -> list[Block]:
    """A block cut at block boundaries (_BREAK) and blank lines, each piece with its own first line."""
    if _BREAK not in block.text and not _BLANK_LINE.search(block.text):
        return [block] if block.text.strip() else []
    pieces, at = [], 0
    for part in _PIECE_END.split(block.text):
        start = block.text.find(part, at)
        at = start + len(part)
        lead = len(part) - len(part.lstrip())
        if part.strip():
            line = block.line + block.text.count("\n", 0, start + lead)
            pieces.append(Block(part.strip(), line, form=block.form))
    return pieces


def _inline(block: Block) -> Block:
    """Markdown and HTML markup out of a block's text (line breaks kept); its markers found and replaced by MARK."""
    text = _plain(block.text)
    markers = list(block.markers)
    for m in reversed(list(_MARKED.finditer(text))):
        found = MARKER.search(m.group("body"))
        if found:
            markers.append((found.group("rule"), (found.group("reason") or "").strip(), m.start()))
        text = text[: m.start()] + " " + text[m.end() :]
    for i, (rule, reason, at) in enumerate(markers):
        if at == 0 and MARK in text:  # a catalogue's marker: at the end of its translation
            markers[i] = (rule, reason, text.index(MARK))
    return Block(text.replace(MARK, " "), block.line, markers, block.form, _plain(block.lead).replace(MARK, " "))


def _plain(text: str) -> str:
    """Text without its links' targets, its tags and its inline Markdown markup."""
    text = _LINK.sub(lambda m: m.group("text"), text)
    text = _TAG.sub(" ", text)
    return _INLINE_MARKUP.sub("", text).replace("\\", "")
