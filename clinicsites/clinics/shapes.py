"""Containers for the declarative schema: lists, alternatives and mappings.

They hold the single-value specs from `fields` and report, like them, every
problem with its line rather than stopping at the first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import did_you_mean
from .fields import INVALID, Spec, Text, describe


class ListOf(Spec):
    def __init__(self, item: Spec, doc="", min_items=0, unique=False, expected=None):
        super().__init__(doc, expected or f"a list of {item.expected}")
        self.item, self.min_items, self.unique = item, min_items, unique

    def check(self, value, path, checker):
        if not self.check_shape(value, path, checker):
            return INVALID
        out = [self.item.check(item, (*path, i), checker) for i, item in enumerate(value)]
        if self.unique:
            seen: set = set()
            for i, item in enumerate(out):
                if item is not INVALID and item in seen:
                    checker.error((*path, i), f"{describe(item)} is listed twice")
                seen.add(item)
        return INVALID if INVALID in out else out

    def check_shape(self, value, path, checker) -> bool:
        """Report a non-list or a list that is too short."""
        if not isinstance(value, list):
            checker.expected(path, self.expected, value)
            return False
        if len(value) < self.min_items:
            checker.error(
                path, f"expected at least {self.min_items} item{'s' if self.min_items > 1 else ''}, got an empty list"
            )
            return False
        return True

    def schema(self):
        schema = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return self._with_doc(schema)


class AnyOf(Spec):
    """The first spec whose shape fits the value validates it."""

    def __init__(self, *options: tuple[Callable[[Any], bool], Spec], doc="", expected=""):
        super().__init__(doc, expected)
        self.options = options

    def check(self, value, path, checker):
        for candidate in (value, checker.as_written(path, value)):  # a bare phone number is text as written
            for fits, spec in self.options:
                if fits(candidate):
                    return spec.check(candidate, path, checker)
        return checker.expected(path, self.expected, value)

    def schema(self):
        return self._with_doc({"anyOf": [spec.schema() for _, spec in self.options]})


@dataclass
class Field:
    spec: Spec
    required: bool = False
    default: Any = None


class Mapping(Spec):
    """A mapping with known keys; unknown keys are errors (typos must not pass)."""

    def __init__(self, fields: dict[str, Field], doc="", expected="a mapping of keys", hint=None):
        super().__init__(doc, expected, hint)
        self.fields = fields

    def check(self, value, path, checker):
        if not isinstance(value, dict):
            return checker.expected(path, self.expected, value, self.hint)
        ok = self.check_keys(value, path, checker)
        out: dict[str, Any] = {}
        for name, fld in self.fields.items():
            if value.get(name) is None:
                ok = ok and not fld.required
                out[name] = fld.default
                continue
            result = fld.spec.check(value[name], (*path, name), checker)
            ok = ok and result is not INVALID
            out[name] = result
        return out if ok else INVALID

    def check_keys(self, value, path, checker) -> bool:
        """Report a non-mapping, unknown keys and missing required keys; False if any."""
        if not isinstance(value, dict):
            checker.expected(path, self.expected, value, self.hint)
            return False
        ok = True
        for key in value:
            if key not in self.fields:
                checker.error((*path, key), "unknown key" + (did_you_mean(key, self.fields) or self._choices()))
                ok = False
        for name, fld in self.fields.items():
            if fld.required and value.get(name) is None:
                checker.error((*path, name), f"expected {fld.spec.expected}, got nothing (this field is required)")
                ok = False
        return ok

    def _choices(self) -> str:
        return "; expected one of: " + ", ".join(self.fields)

    def schema(self):
        return self._with_doc(
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {name: fld.spec.schema() for name, fld in self.fields.items()},
                "required": [name for name, fld in self.fields.items() if fld.required],
            }
        )


class Dict(Spec):
    """A mapping whose keys are names (slugs) the owner chooses, each with a value of one kind."""

    def __init__(self, key: Text, value: Spec, doc=""):
        super().__init__(doc, f"a mapping of {key.expected} to {value.expected}")
        self.key, self.value = key, value

    def check(self, value, path, checker):
        if not isinstance(value, dict):
            return checker.expected(path, self.expected, value)
        out, ok = {}, True
        for name, item in value.items():
            key = self.key.check(name, (*path, name), checker)
            result = self.value.check(item, (*path, name), checker)
            ok = ok and key is not INVALID and result is not INVALID
            out[key] = result
        return out if ok else INVALID

    def schema(self):
        return self._with_doc({"type": "object", "propertyNames": {"pattern": f"^(?:{self.key.pattern})$"},
                               "additionalProperties": self.value.schema()})  # fmt: skip
