"""A small declarative schema: validate loaded YAML and emit JSON Schema.

This module holds the checker and the single values (text, numbers, flags,
choices); `shapes` holds the containers (lists, mappings) built from them.

One description of each field serves three readers: the validator (which
collects every problem with its line), the JSON Schema shipped for editors,
and the README's field reference. Keeping them in one place is how the schema
and the validator stay in agreement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem, did_you_mean
from . import hints
from .yamlsource import Document, Path

INVALID = object()  # returned by a spec when the value had a problem
#: Characters no page may carry: YAML escapes such as "\0" can write them, and HTML forbids them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


@dataclass
class Checker:
    """Collects problems while a document is validated."""

    doc: Document
    problems: list[Problem] = field(default_factory=list)
    #: Where each problem is, so a part of the document with none (one clinic among many) can still be used.
    places: set = field(default_factory=set)

    def __post_init__(self):
        self.problems.extend(self.doc.problems)
        self.places.update(self.doc.problem_paths)

    def error(self, path: Path, message: str) -> object:
        self.problems.append(self.doc.problem(path, message))
        self.places.add(tuple(path))
        return INVALID

    def failed(self, prefix: Path) -> bool:
        """Whether any problem was found at ``prefix`` or inside it."""
        return any(place[: len(prefix)] == tuple(prefix) for place in self.places)

    def as_written(self, path: Path, value: Any) -> Any:
        """A number where text may be expected, as its digits were written (leading zeros kept)."""
        if isinstance(value, (int, float)) and not isinstance(value, bool) and path in self.doc.raw:
            return self.doc.raw[path]
        return value

    def expected(self, path: Path, expected: str, value: Any, hint=None) -> object:
        """Report a value that does not fit; ``hint(value)`` may say what the owner most likely meant."""
        found = hint(value) if hint else None
        if found is None and isinstance(value, str):
            found = hints.quotes(value)
        return self.error(path, f"expected {expected}, got {describe(value)}" + (f"; {found}" if found else ""))


def describe(value: Any) -> str:
    """Name a YAML value the way a clinic owner would recognise it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f'"{shown}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return type(value).__name__


class Spec:
    """Base of all field specs."""

    expected = "a value"
    #: value as written -> what the owner most likely meant, or None. A ``Text``'s hint is only ever given text.
    hint = None

    def __init__(self, doc: str = "", expected: str | None = None, hint=None):
        self.doc = doc
        if expected:
            self.expected = expected
        if hint:
            self.hint = hint

    def check(self, value: Any, path: Path, checker: Checker) -> Any:
        raise NotImplementedError

    def schema(self) -> dict:
        raise NotImplementedError

    def _with_doc(self, schema: dict) -> dict:
        return {"description": self.doc, **schema} if self.doc else schema


class Text(Spec):
    """A string, optionally matching a pattern and converted by a function."""

    expected = "text"

    def __init__(
        self,
        doc: str = "",
        expected: str | None = None,
        pattern: str | None = None,
        max_length: int = 500,
        convert: Callable[[str], Any] | None = None,
        schema_extra: dict | None = None,
        hint: Callable[[str], str | None] | None = None,
        digits: bool = False,
        quoted: bool = False,
    ):
        super().__init__(doc, expected, hint)
        self.digits = digits  # a number written without quotes is taken as written (phone numbers, postal codes)
        # Content, not a setting: curly quotes around it are part of what it says (a quoted review), no mistake.
        self.quoted = quoted
        self.pattern = pattern
        self.max_length = max_length
        self.convert = convert
        self.schema_extra = schema_extra or {}

    def check(self, value, path, checker):
        if self.digits:
            value = checker.as_written(path, value)
        if not isinstance(value, str):
            return checker.expected(path, self.expected, value)  # the hints read text
        if not value.strip():
            return checker.expected(path, self.expected, value, self.hint)
        value = value.strip()
        quoted = None if self.quoted else hints.quotes(value)
        if quoted:
            return checker.error(path, f"expected text in straight quotes or none, got {describe(value)}; {quoted}")
        control = _CONTROL.search(value)
        if control:
            return checker.error(
                path,
                f"expected text without control characters, got U+{ord(control.group()):04X} "
                f"at character {control.start() + 1}",
            )
        if self.pattern and not re.fullmatch(self.pattern, value):
            return checker.expected(path, self.expected, value, self.hint)
        if len(value) > self.max_length:
            return checker.error(path, f"expected at most {self.max_length} characters, got {len(value)}")
        if self.convert:
            try:
                return self.convert(value)
            except ValueError as exc:
                return checker.expected(path, str(exc) or self.expected, value, self.hint)
        return value

    def schema(self):
        schema = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        if self.digits:
            return self._with_doc({"anyOf": [schema, {"type": "integer", "minimum": 0}], **self.schema_extra})
        if self.pattern:
            schema["pattern"] = f"^(?:{self.pattern})$"
        return self._with_doc({**schema, **self.schema_extra})


class Number(Spec):
    """An int or float within bounds."""

    def __init__(self, doc="", minimum=None, maximum=None, integer=False, expected=None):
        super().__init__(doc, expected)
        self.minimum, self.maximum, self.integer = minimum, maximum, integer
        if not expected:
            kind = "a whole number" if integer else "a number"
            self.expected = f"{kind} from {minimum} to {maximum}" if minimum is not None else kind

    def check(self, value, path, checker):
        allowed = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, allowed):
            return checker.expected(path, self.expected, value)
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            return checker.expected(path, self.expected, value)
        return value

    def schema(self):
        schema: dict = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return self._with_doc(schema)


class Flag(Spec):
    expected = "true or false"
    hint = staticmethod(hints.flag)

    def check(self, value, path, checker):
        return value if isinstance(value, bool) else checker.expected(path, self.expected, value, self.hint)

    def schema(self):
        return self._with_doc({"type": "boolean"})


class Choice(Spec):
    """One of a fixed set of words."""

    def __init__(self, choices, doc=""):
        super().__init__(doc, "one of " + ", ".join(choices))
        self.choices = list(choices)

    def check(self, value, path, checker):
        if value in self.choices:
            return value
        hint = did_you_mean(value, self.choices) if isinstance(value, str) else ""
        checker.error(path, f"expected {self.expected}, got {describe(value)}{hint}")
        return INVALID

    def schema(self):
        return self._with_doc({"enum": self.choices})
