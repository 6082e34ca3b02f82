"""Stand-ins for a template's variables that show where each value lands in the output and which decisions the
template takes on it (render/parts.py makes pages from them).

A value the template only prints (a title, an address, a phone number) is a *slot*: printed, it leaves a
marker in the output, and how often Jinja escaped it on its way shows in the marker itself. Every other use is
a *decision*: truth, length, comparison, membership, a missing attribute. A decision is recorded as a *guard*
(the value's path, the operation, its outcome) and answered with the real value, so the render takes the real
page's branches. What a filter, a test, a function or Jinja's ``~`` makes from a stand-in is again a stand-in,
with a derived path that says how to make it from another page's values (probe_paths.py).
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence

from jinja2.runtime import Macro, Undefined
from markupsafe import Markup

from .probe_paths import Path, Paths, exact

#: Marker characters: a plane of private use that no page's text uses.
MARK, END, PADDED = "\U000f0000", "\U000f0001", "\U000f0002"
#: The second set of stand-ins prints each slot with this after its number: a filter or function that changes
#: the text it is given (case, spaces, length, punctuation) changes it, and the two renders then differ.
PAD = "Zz Qq-9.x" * 24


class Trace:
    """What one render with stand-ins found: its guards in order, and the path of each slot by number."""

    def __init__(self, paths: Paths, padded: bool = False):
        self.paths, self.padded = paths, padded
        self.guards: list[tuple[tuple, object]] = []
        self._seen: set = set()
        self.slots: list[Path] = []

    def guard(self, path: Path, op: str, operand, outcome):
        key = (path, op, operand)
        if key not in self._seen:
            self._seen.add(key)
            self.guards.append((key, outcome))
        return outcome

    def marker(self, path: Path) -> str:
        self.slots.append(path)
        number = len(self.slots) - 1
        # "&" shows how often the slot was escaped on its way: "&" never, "&amp;" once.
        return f"{MARK}{number}&{PADDED}{PAD}{END}" if self.padded else f"{MARK}{number}&{END}"


def wrap(trace: Trace, value, path: Path):
    """The stand-in for ``value`` found at ``path``."""
    if isinstance(value, (Undefined, Macro, Probe)):
        return value
    if value is None or isinstance(value, (bool, int, float)):
        return ScalarProbe(trace, path, value)
    if isinstance(value, Markup):
        return MarkupSlot(trace, path, value)
    if isinstance(value, str):
        return Slot(trace, path, value)
    if isinstance(value, Mapping):
        return ProbeMap(trace, path, value)
    if isinstance(value, Sequence):
        return ProbeSeq(trace, path, value)
    return ProbeObject(trace, path, value)


def real(value):
    """``value`` with every stand-in in it replaced by the real value."""
    if isinstance(value, Probe):
        return value._v
    if type(value) in (list, tuple):
        return type(value)(real(v) for v in value)
    if type(value) is dict:
        return {real(k): real(v) for k, v in value.items()}
    return value


def has_probe(value) -> bool:
    if isinstance(value, Probe):
        return True
    if type(value) in (list, tuple):
        return any(has_probe(v) for v in value)
    if type(value) is dict:
        return any(has_probe(k) or has_probe(v) for k, v in value.items())
    return False


def trace_of(value) -> Trace:
    """The trace of the first stand-in in ``value`` (which has one)."""
    if isinstance(value, Probe):
        return value._t
    items = value.items() if type(value) is dict else value
    return trace_of(next(v for v in items if has_probe(v)))


def spec(value):
    """How to make ``value`` again from another page's values: its path, or a constant (probe_paths.build)."""
    if isinstance(value, Probe):
        return value._p
    if type(value) in (list, tuple):  # spelled out, so equal lists make equal (interned) paths
        return ("L" if type(value) is list else "T", tuple(spec(v) for v in value))
    if type(value) is dict:
        return ("D", tuple((spec(k), spec(v)) for k, v in value.items()))
    return ("k", value)


def derive(trace: Trace, fn, args: tuple, kwargs: dict):
    """Call ``fn`` on the real values; the result is a stand-in that says how to make it again."""
    result = fn(*real(args), **{k: real(v) for k, v in kwargs.items()})
    path = trace.paths.derived(fn, spec(tuple(args)), spec(tuple(sorted(kwargs.items()))))
    return wrap(trace, result, path)


class Probe:
    """A stand-in: every decision on it is recorded as a guard and answered with the real value."""

    __slots__ = ("_p", "_t", "_v")

    def __init__(self, trace: Trace, path: Path, value):
        self._t, self._p, self._v = trace, path, value

    def _whole(self):
        # Used as a whole (a key, compared with another stand-in): its value is the decision.
        return self._t.guard(self._p, "v", None, exact(self._v)) and self._v

    def _decide(self, op: str, other, outcome):
        if isinstance(other, Probe):
            # Two values compared: the decision is the comparison's outcome, made again from both for each page,
            # not either value itself (which would make each clinic's town in its name a kind of page of its own).
            return bool(derive(self._t, _COMPARE[op], (self, other), {}))
        try:
            hash(other)
        except TypeError:
            self._whole()
            return outcome
        return self._t.guard(self._p, op, other, outcome)

    def __bool__(self):
        return self._t.guard(self._p, "bool", None, bool(self._v))

    def __len__(self):
        return self._t.guard(self._p, "len", None, len(self._v))

    def __eq__(self, other):
        return self._decide("eq", other, self._v == real(other))

    def __ne__(self, other):
        return not self._decide("eq", other, self._v == real(other))

    def __lt__(self, other):
        return self._decide("lt", other, self._v < real(other))

    def __le__(self, other):
        return self._decide("le", other, self._v <= real(other))

    def __gt__(self, other):
        return self._decide("gt", other, self._v > real(other))

    def __ge__(self, other):
        return self._decide("ge", other, self._v >= real(other))

    def __contains__(self, item):
        return self._decide("in", item, real(item) in self._v)

    def __hash__(self):
        return hash(self._whole())

    def __index__(self):
        return self._whole().__index__()

    def __iter__(self):
        items = list(self._v)
        if isinstance(self._v, Sequence):
            self._t.guard(self._p, "len", None, len(items))
            return iter([wrap(self._t, item, self._p.child(("i", i))) for i, item in enumerate(items)])
        if isinstance(self._v, Mapping):
            self._t.guard(self._p, "keys", None, tuple(items))
        elif hasattr(type(self._v), "__len__"):  # a set, a dict's items: each page's own, in its own order
            self._t.guard(self._p, "len", None, len(items))
        else:
            raise TypeError("a one-pass iterator cannot be followed")  # its kind is rendered in full
        return iter([wrap(self._t, item, self._p.child(("it", i))) for i, item in enumerate(items)])

    def __getattr__(self, name: str):
        if name == "__html__" and not hasattr(self._v, "__html__"):
            raise AttributeError(name)  # escape() asks: the real value is plain text
        try:
            value = getattr(self._v, name)
        except AttributeError:
            self._t.guard(self._p, "attr", name, False)
            raise
        if name == "__html__":
            return lambda: self._t.marker(self._p.child(("h",)))
        return wrap(self._t, value, self._p.child(("a", name)))

    def __getitem__(self, key):
        if isinstance(key, Probe):
            key = key._whole()
        try:
            value = self._v[key]
        except (TypeError, LookupError):
            self._t.guard(self._p, "item", _hashable(key), False)
            raise
        return wrap(self._t, value, self._p.child(("i", _hashable(key))))

    def __call__(self, *args, **kwargs):
        return derive(self._t, _call, (self, *args), kwargs)

    def __str__(self):
        return self._t.marker(self._p.child(("s",)))

    def __format__(self, spec: str):
        return format(self._whole(), spec) if spec else str(self)

    def __add__(self, other):
        return derive(self._t, _add, (self, other), {})

    def __radd__(self, other):
        return derive(self._t, _add, (other, self), {})

    def __mod__(self, other):
        return derive(self._t, _mod, (self, other), {})

    def __rmod__(self, other):
        return derive(self._t, _mod, (other, self), {})

    def __mul__(self, other):
        return derive(self._t, _mul, (self, other), {})


class Slot(Probe):
    """A text value: printed, it leaves its marker."""

    __slots__ = ()

    def __str__(self):
        return self._t.marker(self._p)


class MarkupSlot(Slot):
    """Safe HTML (a page's body): printed as it is."""

    __slots__ = ()

    def __html__(self):
        return self._t.marker(self._p)


class ScalarProbe(Probe):
    """None, a truth value or a number: printed, its text is a slot."""

    __slots__ = ()


class ProbeSeq(Probe):
    __slots__ = ()


class ProbeMap(Probe):
    __slots__ = ()


class ProbeObject(Probe):
    __slots__ = ()


def _hashable(key):
    """An item's key as a path step: a slice is spelled out (slices are not hashable before Python 3.12)."""
    return ("slice", key.start, key.stop, key.step) if type(key) is slice else key


def _call(fn, *args, **kwargs):
    return fn(*args, **kwargs)


def _contains(value, item):
    return item in value


_COMPARE = {"eq": operator.eq, "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
            "in": _contains}  # fmt: skip


def _add(a, b):
    return a + b


def _mod(a, b):
    return a % b


def _mul(a, b):
    return a * b
