"""Load YAML safely, keeping the line of every value for error messages.

We compose the node graph ourselves instead of calling ``yaml.safe_load`` so
that we can (1) remember where each value came from, (2) refuse duplicate keys,
which PyYAML silently overwrites, (3) refuse tags that try to build Python
objects, (4) stop alias bombs before they expand, and (5) resolve scalars by
the YAML 1.2 core schema, so that ``NO`` stays the country code of Norway and
``09:30`` stays a time instead of becoming the number 570.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import InputError, Problem
from . import indentation

Path = tuple  # of str keys and int indices

#: Most values a document may expand to once aliases are followed.
MAX_EXPANDED_VALUES = 200_000

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_TAG + name for name in ("map", "seq", "str", "int", "float", "bool", "null")}


class _CoreResolver(yaml.resolver.BaseResolver):
    """Resolve plain scalars by the YAML 1.2 core schema, nothing more."""


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
):
    _CoreResolver.add_implicit_resolver(_TAG + _tag, re.compile(_pattern), list(_first))


class _PyLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _CoreResolver,
):
    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _CoreResolver.__init__(self)


if yaml.__with_libyaml__:
    # libyaml composes the same nodes several times faster; it still asks our resolver.
    class _Loader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, _CoreResolver):
        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _CoreResolver.__init__(self)
else:
    _Loader = _PyLoader


@dataclass
class Document:
    """A loaded YAML document: plain data plus the line of every value."""

    path: str
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    end_lines: dict[Path, int] = field(default_factory=dict)
    line_offset: int = 0
    #: Numbers as written (``0335 2855522``), for fields that expect text: an unquoted number keeps its zeros.
    raw: dict[Path, str] = field(default_factory=dict)
    #: Problems found while loading that still left usable data (duplicate keys, tags).
    problems: list[Problem] = field(default_factory=list)
    problem_paths: list[Path] = field(default_factory=list)  # where each of those is

    def line(self, path: Path) -> int | None:
        """Return the line of ``path``, or of its nearest ancestor we know."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        line = self.lines.get(path)
        return line + self.line_offset if line else None

    def problem(self, path: Path, message: str, where: str | None = None) -> Problem:
        """Build a problem located at ``path`` in this document."""
        return Problem(self.path, self.line(path), self.describe(path) if where is None else where, message)

    def describe(self, path: Path) -> str:
        """Name a place as an owner thinks of it: ``clinic lahore, phones #1.number``, not ``clinics[3]...``."""
        path = tuple(path)
        if len(path) >= 2 and path[0] == "clinics" and isinstance(path[1], int):
            entry = self.data.get("clinics")[path[1]] if isinstance(self.data, dict) else None
            slug = entry.get("slug") if isinstance(entry, dict) else None
            named = isinstance(slug, str) and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)
            head = f"clinic {slug}" if named else f"clinic #{path[1] + 1}"
            rest = format_path(path[2:])
            return f"{head}, {rest}" if rest else head
        return format_path(path)


def format_path(path: Path) -> str:
    """Render ``("phones", 0, "number")`` as ``phones #1.number``, counting from one as people do."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f" #{part + 1}"
            continue
        # A key that is not a plain word (blank, or with spaces or dots) is quoted, so the owner can see it.
        name = part if re.fullmatch(r"[\w-]+", part) else '"' + part.replace('"', '\\"') + '"'
        text += f".{name}" if text else name
    return text


def load_text(text: str, display_path: str, line_offset: int = 0) -> Document:
    """Parse YAML ``text``.

    Raise InputError when nothing usable could be read; lesser problems
    (duplicate keys, refused tags) are left in ``Document.problems`` so that
    validation can report them together with its own.
    """
    doc = Document(display_path, None, line_offset=line_offset)
    tabs = [
        Problem(display_path, n + line_offset, "", "indentation uses a tab; YAML needs spaces")
        for n, line in enumerate(text.splitlines(), start=1)
        if "\t" in line[: len(line) - len(line.lstrip())]
    ]
    if tabs:
        raise InputError(tabs)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(exc, text, display_path, line_offset)]) from None
    except yaml.reader.ReaderError as exc:
        raise InputError([_character_problem(exc, text, display_path, line_offset)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(display_path, None, "", f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()
    if root is None:
        return doc
    size = _expanded_size(root, {}, doc)
    if size > MAX_EXPANDED_VALUES:
        raise InputError(
            [
                doc_problem(
                    doc,
                    root,
                    f"aliases expand to more than {MAX_EXPANDED_VALUES:,} values; "
                    "write the values out instead of nesting anchors",
                )
            ]
        )
    pending: list[tuple[Path, int | None, str]] = []  # described once the data is there (clinic slugs)
    doc.data = _build(root, (), doc, loader, pending)
    doc.problems = [Problem(doc.path, line or doc.line(path), doc.describe(path), message)
                    for path, line, message in pending]  # fmt: skip
    doc.problem_paths = [path for path, _, _ in pending]
    return doc


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display_path: str, line_offset: int) -> Problem:
    """The line to change and what to do: an indentation slip explained, else the parser's own words."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    explained = indentation.explain(text, line) if line else None
    if explained:
        return Problem(display_path, explained[0] + line_offset, "", f"indentation: {explained[1]}")
    detail = (exc.problem or "invalid YAML").replace("'<stream end>'", "the end of the text")
    if exc.context and exc.context_mark:
        detail += f" ({exc.context} that starts on line {exc.context_mark.line + 1 + line_offset})"
    return Problem(display_path, line + line_offset if line else None, "", f"YAML syntax error: {detail}")


def _character_problem(exc: yaml.reader.ReaderError, text: str, display_path: str, line_offset: int) -> Problem:
    """A character YAML refuses (a control character pasted in): its line, and which character it is."""
    at = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
    if at < 0:
        return Problem(display_path, None, "", f"YAML error: {exc.reason}")
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at)
    message = f"expected text without control characters, got U+{exc.character:04X} at character {column}"
    return Problem(display_path, line + line_offset, "", message + " of the line; delete it or retype the line")


def load_file(path, display_path: str | None = None) -> Document:
    """Read and parse a YAML file as UTF-8."""
    display = display_path or str(path)
    return load_text(read_utf8(path, display), display)


def read_utf8(path, display_path: str) -> str:
    """Read a text file, turning a missing file or bad UTF-8 into an InputError."""
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except FileNotFoundError:
        raise InputError([Problem(display_path, None, "", "file not found")]) from None
    except OSError as exc:
        raise InputError([Problem(display_path, None, "", f"cannot read file: {exc.strerror}")]) from None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            [Problem(display_path, line, "", f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]
        ) from None


def doc_problem(doc: Document, node: Node, message: str) -> Problem:
    return Problem(doc.path, node.start_mark.line + 1 + doc.line_offset, "", message)


def _expanded_size(node: Node, memo: dict[int, int | None], doc: Document) -> int:
    """Count values with aliases followed, memoised so a bomb costs O(nodes)."""
    key = id(node)
    if key in memo:
        if memo[key] is None:
            raise InputError([doc_problem(doc, node, "an alias refers to itself; YAML recursion is not allowed")])
        return memo[key]
    memo[key] = None
    if isinstance(node, SequenceNode):
        size = 1 + sum(_expanded_size(item, memo, doc) for item in node.value)
    elif isinstance(node, MappingNode):
        size = 1 + sum(_expanded_size(k, memo, doc) + _expanded_size(v, memo, doc) for k, v in node.value)
    else:
        size = 1
    memo[key] = min(size, MAX_EXPANDED_VALUES + 1)
    return memo[key]


def _build(node: Node, path: Path, doc: Document, loader: _Loader, problems: list) -> Any:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if node.tag not in _ALLOWED_TAGS:
        tag = node.tag.replace(_TAG, "!!")
        problems.append((path, None, f"YAML tag {tag} is not allowed here; write a plain value"))
        return None
    if isinstance(node, MappingNode):
        return _build_mapping(node, path, doc, loader, problems)
    if isinstance(node, SequenceNode):
        doc.end_lines[path] = node.end_mark.line + 1
        return [_build(item, (*path, i), doc, loader, problems) for i, item in enumerate(node.value)]
    if node.tag == _TAG + "int":
        # YAML 1.2 core: 0335 is decimal (a phone number's leading zero), not YAML 1.1 octal.
        doc.raw[path] = node.value
        text = node.value.replace("_", "")
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text, 10)
    if node.tag == _TAG + "float" and node.style is None:
        doc.raw[path] = node.value  # 30.450 as written, should text be expected there
    return loader.construct_object(node, deep=True)


def _build_mapping(node: MappingNode, path: Path, doc: Document, loader: _Loader, problems: list) -> dict:
    doc.end_lines[path] = node.end_mark.line + 1
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, ScalarNode) or key_node.tag != _TAG + "str":
            problems.append((path, line + doc.line_offset, "keys must be plain words"))
            continue
        key = key_node.value
        if key in out:
            first = doc.lines[(*path, key)] + doc.line_offset
            problems.append(((*path, key), line + doc.line_offset, f"duplicate key (first set on line {first})"))
            continue
        doc.lines[(*path, key)] = line
        out[key] = _build(value_node, (*path, key), doc, loader, problems)
    return out
