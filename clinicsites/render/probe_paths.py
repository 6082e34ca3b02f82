"""Paths to a template's values: how to find, from another page's variables, the value a stand-in stood for.

A path starts at a variable's name (or, when derived, at a filter, test, function or ``~`` applied to other
paths and constants) and goes on by attribute, item and call steps. Paths are interned by their ``Paths``
owner, so the same value reached twice, or by two renders, is one object: the key under which guards, slots
and the values found for a site or a page are kept.
"""

from __future__ import annotations

_MISSING = object()


class Path:
    """One way to a value. ``site``: found from the site's variables alone, so the same on all its pages."""

    __slots__ = ("_children", "parent", "site", "step")

    def __init__(self, parent: Path | None, step: tuple, site: bool):
        self.parent, self.step, self.site = parent, step, site
        self._children: dict = {}

    def child(self, step: tuple) -> Path:
        try:
            found = self._children.get(step)
        except TypeError:  # an unhashable step is not shared
            return Path(self, step, self.site)
        if found is None:
            found = self._children[step] = Path(self, step, self.site)
        return found


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

    def use_site(self, context: dict) -> bool:
        """Start on ``context``'s site; whether it is another site than the last."""
        if context is self.site:
            return False
        self.site, self.site_found = context, {}
        return True

    def use_page(self, variables: dict) -> None:
        self.page, self.page_found = variables, {}


def resolve(path: Path, values: Values):
    """The value at ``path`` for the site and page of ``values``."""
    found_in = values.site_found if path.site else values.page_found
    found = found_in.get(path, _MISSING)
    if found is not _MISSING:
        return found
    step = path.step
    if path.parent is None:
        if step[0] == "n":
            found = (values.site if path.site else values.page)[step[1]]
        else:
            found = step[1](*build(step[2], values), **dict(build(step[3], values)))
    else:
        base = resolve(path.parent, values)
        kind = step[0]
        if kind == "a":
            found = getattr(base, step[1])
        elif kind == "i":
            found = base[_key(step[1])]
        elif kind == "it":
            found = list(base)[step[1]]
        elif kind == "s":
            found = str(base)
        else:  # "h"
            found = base.__html__()
    found_in[path] = found
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
    """A decision on a whole value: equal values of the same type decide alike."""
    try:
        hash(value)
    except TypeError:
        return ("id", id(value))
    return (type(value).__name__, value)


def decide(key: tuple, values: Values):
    """The outcome of a recorded decision (``probe.Trace.guard``) for the site and page of ``values``."""
    path, op, operand = key
    value = resolve(path, values)
    if op == "v":
        return exact(value)
    if op == "bool":
        return bool(value)
    if op == "len":
        return len(value)
    if op == "keys":
        return tuple(value)
    if op == "eq":
        return value == operand
    if op == "lt":
        return value < operand
    if op == "le":
        return value <= operand
    if op == "gt":
        return value > operand
    if op == "ge":
        return value >= operand
    if op == "in":
        return operand in value
    if op == "attr":
        return hasattr(value, operand)
    try:  # "item"
        value[_key(operand)]
    except (TypeError, LookupError):
        return False
    return True
