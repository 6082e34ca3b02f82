"""Paths to a template's values: how to find, from another page's variables, the value a stand-in stood for.

A path starts at a variable's name (or, when derived, at a filter, test, function or ``~`` applied to other
paths and constants) and goes on by attribute, item and call steps. Paths are interned by their ``Paths``
owner, so the same value reached twice, or by two renders, is one object: the key under which guards, slots
and the values found for a site or a page are kept.
"""

from __future__ import annotations

import operator

_MISSING = object()


class Path:
    """One way to a value. ``site``: found from the site's variables alone, so the same on all its pages."""

    __slots__ = ("_children", "get", "parent", "site", "step")

    def __init__(self, parent: Path | None, step: tuple, site: bool):
        self.parent, self.step, self.site = parent, step, site
        self._children: dict = {}
        self.get = _getter(parent, step, site)  # the value from the parent's (or, at a root, from the variables)

    def child(self, step: tuple) -> Path:
        try:
            found = self._children.get(step)
        except TypeError:  # an unhashable step is not shared
            return Path(self, step, self.site)
        if found is None:
            found = self._children[step] = Path(self, step, self.site)
        return found


def _getter(parent, step: tuple, site: bool):
    kind = step[0]
    if parent is None and kind == "n":
        name = step[1]
        return (lambda values: values.site[name]) if site else (lambda values: values.page[name])
    if parent is None:
        fn, args, kwargs = step[1:]
        return lambda values: fn(*build(args, values), **dict(build(kwargs, values)))
    if kind == "a":
        return operator.attrgetter(step[1])
    if kind == "i":
        return operator.itemgetter(_key(step[1]))
    if kind == "it":
        return lambda base: list(base)[step[1]]
    if kind == "s":
        return str
    return lambda base: base.__html__()  # "h"


class Paths:
    """The interned paths of one build: roots by variable name, derived roots by what they are made from."""

    def __init__(self):
        self._names: dict[tuple[str, bool], Path] = {}
        self._derived: dict[tuple, Path] = {}

    def name(self, name: str, site: bool) -> Path:
        found = self._names.get((name, site))
        if found is None:
            found = self._names[name, site] = Path(None, ("n", name), site)
        return found

    def derived(self, fn, args: tuple, kwargs: tuple) -> Path:
        site = all(p.site for p in _paths_in((args, kwargs)))
        key = (fn, args, kwargs)
        try:
            found = self._derived.get(key)
        except TypeError:
            return Path(None, ("f", fn, args, kwargs), site)
        if found is None:
            found = self._derived[key] = Path(None, ("f", fn, args, kwargs), site)
        return found


def _paths_in(item):
    if isinstance(item, Path):
        yield item
    elif type(item) is tuple:
        for part in item:
            yield from _paths_in(part)


class Values:
    """The variables of the site and the page being written, and the values already found from them."""

    def __init__(self):
        self.site: dict | None = None
        self.page: dict = {}
        self.site_found: dict = {}
        self.page_found: dict = {}

    def use_page(self, variables: dict) -> None:
        self.page, self.page_found = variables, {}


def resolve(path: Path, values: Values):
    """The value at ``path`` for the site and page of ``values``."""
    found_in = values.site_found if path.site else values.page_found
    found = found_in.get(path, _MISSING)
    if found is _MISSING:
        parent = path.parent
        found = found_in[path] = path.get(values) if parent is None else path.get(resolve(parent, values))
    return found


def _key(key):
    return slice(*key[1:]) if type(key) is tuple and key and key[0] == "slice" else key


def build(spec, values: Values):
    """A constant, or a value made again from paths (``probe.spec``)."""
    if isinstance(spec, Path):
        return resolve(spec, values)
    kind, inner = spec
    if kind == "k":
        return inner
    if kind == "L":
        return [build(s, values) for s in inner]
    if kind == "T":
        return tuple(build(s, values) for s in inner)
    return {build(k, values): build(v, values) for k, v in inner}  # "D"


def exact(value):
    """A decision on a whole value: equal values of the same type decide alike (an unhashable value raises
    TypeError: no later page could be seen to decide alike, so its kind is not learnt)."""
    hash(value)
    return (type(value).__name__, value)


def decider(key: tuple):
    """A function taking a recorded decision (``probe.Trace.guard``) for the site and page it is given."""
    path, op, operand = key
    test = _TESTS.get(op)
    if test is None:
        test = {"eq": operator.eq, "lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge,
                "in": lambda value, item: item in value, "attr": hasattr, "item": _has_item}[op]  # fmt: skip
        return lambda values: test(resolve(path, values), operand)
    return lambda values: test(resolve(path, values))


def _has_item(value, key) -> bool:
    try:
        value[_key(key)]
    except (TypeError, LookupError):
        return False
    return True


_TESTS = {"v": exact, "bool": bool, "len": len, "keys": tuple}
