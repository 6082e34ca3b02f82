"""Pages from pre-built parts: each template rendered once per kind of page, then joined per page.

The first page of a kind is rendered twice more with stand-ins for every variable (probe.py, probe_env.py):
what the output shows of a value becomes a *slot* (where it goes, escaped or not), every decision the
template takes on a value a *guard*. The output between slots is the page's literal text: its header, menus,
action bar, footer and panels as the theme draws them. Every later page whose values take the same decisions
(the guards, walked as a tree) is made by joining that text with its own values, escaped exactly as Jinja
would; a clinic's site fills its own facts in once (``_Site``), a page only what is its own.

Safe by construction: a kind is only kept if two renders with different stand-ins agree on its structure
(a filter or function that changed a value's text, or decided on it unseen, shows as a difference) and if
joining it with the first page's own values gives that page's real render byte for byte. Otherwise, and for
any page whose values cannot be found the same way, the page is rendered in full: a template edit can make
a page slower, never wrong. Lives for one build (the theme makes a new one each build).
"""

from __future__ import annotations

import logging
import re

from markupsafe import escape

from . import probe, probe_env
from .pelican_api import relative_root
from .probe_paths import Paths, Values, decider, resolve

logger = logging.getLogger(__name__)

_MARKERS = re.compile(f"{probe.MARK}(\\d+)&((?:amp;)*)({probe.PADDED}{re.escape(probe.PAD)})?{probe.END}")
_UNTAKEN = object()
#: Below this many sites in a build, pages are rendered in full: each page is then mostly a kind of its own, and
#: learning a kind costs a few renders (build.py sets ``Parts.enabled``).
USED_FROM = 8
#: Kinds a template may fail to teach before its pages stop trying (a template that takes its decisions in ways
#: stand-ins cannot follow would otherwise be probed again for every page).
_TRIES = 8
_STRAY = re.compile(f"[{probe.MARK}{probe.END}{probe.PADDED}]")


class _Node:
    """A decision: its outcome leads to the next decision, or to a leaf."""

    __slots__ = ("decide", "key", "next")

    def __init__(self, key: tuple):
        self.key, self.next = key, {}
        self.decide = decider(key)


class _Leaf:
    """A kind of page: literal text and slots, or None to render such pages in full."""

    __slots__ = ("pieces",)

    def __init__(self, pieces: list | None):
        self.pieces = pieces


class _Run(tuple):
    """Literal text and site slots between two of the page's slots."""

    __slots__ = ()


class _Site:
    """What one site (at one depth) has worked out: its values, decisions and text."""

    def __init__(self, context: dict):
        self.context, self.names = context, tuple(sorted(context))
        self.found: dict = {}  # path -> value (probe_paths.Values.site_found)
        self.special: dict[_Leaf, tuple] = {}  # each kind's text, and the page's slots in it
        self.skip: dict[_Node, object] = {}  # a node -> the next decision on the page's values
        self.outcomes: dict = {}  # decisions by guard
        self.text: dict = {}  # (path, escapes) -> text
        self.runs: dict[int, str] = {}  # the text of each run, by the run's id


class Parts:
    """The kinds of page one build has met, and each site's text for them."""

    def __init__(self, env):
        probe_env.prepare(env)
        self._hooked = False  # Jinja's joins, hooked at the first render with stand-ins
        self.paths = Paths()
        self._trees: dict[tuple, _Node | _Leaf] = {}
        self._values = Values()
        self._depths: dict = {}  # the current site's _Site by SITEURL (None: the site's own variables)
        self._now: _Site | None = None
        self._shared_runs: dict[tuple, _Run] = {}
        self._failed: dict[tuple, int] = {}  # failed lessons by tree
        self.enabled = True
        # This build's work that every clinic's copy of a shared page repeats: FAQPage data by page HTML
        # (meta.py), bodies by what they are made from (pages.py).
        self.faqs: dict = {}
        self.bodies: dict = {}
        self._roots: dict[str, str] = {}

    def root(self, name: str) -> str:
        """``relative_root`` of a file of a site: the same for every file in the same folder, of every site."""
        folder = name.rpartition("/")[0]
        found = self._roots.get(folder)
        if found is None:
            found = self._roots[folder] = relative_root(name)
        return found

    def render(self, template, context: dict, variables: dict, language: str) -> str:
        """The page ``template`` makes from ``context`` (the site's variables) and ``variables`` (the page's)."""
        if not self.enabled:
            return template.render({**context, **variables})
        values = self._values
        site, variables = self._site(context, variables)
        self._now, context = site, site.context
        values.site, values.site_found = context, site.found
        values.use_page(variables)
        key = (template.name, language, site.names, tuple(sorted(variables)))
        try:
            leaf = self._find(key)
        except Exception:  # a value that cannot be found as the first page's was: render it in full
            logger.debug("page %s: rendered in full", variables.get("output_file"), exc_info=True)
            leaf = _Leaf(None)
        if leaf is None and self._failed.get(key, 0) < _TRIES:
            return self._learn(key, template, context, variables)
        if leaf is not None and leaf.pieces is not None:
            try:
                return self._join(leaf)
            except Exception:
                logger.debug("page %s: rendered in full", variables.get("output_file"), exc_info=True)
        logger.debug("page %s: rendered in full", variables.get("output_file"))
        return template.render({**context, **variables})

    def _site(self, context: dict, variables: dict) -> tuple[_Site, dict]:
        """The site and the page's variables. ``SITEURL`` leads back to the site's root, so it is the same for
        every page at the same depth: it counts as the site's (one copy of the site's variables per depth)."""
        if self._depths.get(None) is not context:
            self._depths = {None: context}
        root = variables.get("SITEURL", _UNTAKEN)
        site = self._depths.get(root)
        if site is None:
            site = self._depths[root] = _Site({**context, "SITEURL": root} if root is not _UNTAKEN else context)
        if root is not _UNTAKEN:
            variables = {k: v for k, v in variables.items() if k != "SITEURL"}
        return site, variables

    def _find(self, key: tuple) -> _Leaf | None:
        node, skip, values = self._trees.get(key), self._now.skip, self._values
        while type(node) is _Node:
            if node.key[0].site:  # decided on the site's values: taken once per site
                found = skip.get(node)
                if found is None:
                    found, taken = node, self._now.outcomes
                    while type(found) is _Node and found.key[0].site:
                        outcome = taken.get(found.key, _UNTAKEN)
                        if outcome is _UNTAKEN:  # the same decision recurs in many kinds: taken once
                            outcome = taken[found.key] = found.decide(values)
                        found = found.next.get(outcome)
                    skip[node] = found
                node = found
            else:
                node = node.next.get(node.decide(values))
        return node

    def _learn(self, key: tuple, template, context: dict, variables: dict) -> str:
        """Render a page of a new kind in full, and learn the kind from it."""
        html = template.render({**context, **variables})
        try:
            if not self._hooked:
                probe_env.hook_joins(template.environment)
                self._hooked = True
            first, trace = probe_env.render(template, context, variables, self.paths, padded=False)
        except Exception:  # the template did something with a stand-in that only a real value allows
            logger.debug("page %s: no parts", variables.get("output_file"), exc_info=True)
            self._failed[key] = self._failed.get(key, 0) + 1
            return html
        pieces = None
        try:
            second, other = probe_env.render(template, context, variables, self.paths, padded=True)
            pieces = _pieces(first, trace, second, other)
            if pieces is not None and self._fill(pieces) != html:
                pieces = None
        except Exception:
            logger.debug("page %s: no parts", variables.get("output_file"), exc_info=True)
            pieces = None
        if pieces is None:
            self._failed[key] = self._failed.get(key, 0) + 1
        self._insert(key, trace.guards, _Leaf(self._runs(pieces) if pieces is not None else None))
        return html

    def _runs(self, pieces: list) -> list:
        """The pieces as runs of text and site slots (one tuple per run, shared by every kind that has it, so a
        site puts its values into a header once for all its kinds) between the page's slots."""
        out: list = []
        run: list = []
        for piece in pieces:
            if type(piece) is tuple and not piece[0].site:
                if run:
                    out.append(self._shared_runs.setdefault(tuple(run), _Run(run)))
                    run = []
                out.append(piece)
            else:
                run.append(piece)
        if run:
            out.append(self._shared_runs.setdefault(tuple(run), _Run(run)))
        return out

    def _insert(self, key: tuple, guards: list, leaf: _Leaf) -> None:
        here, at = self._trees, key
        for guard, outcome in guards:
            node = here.get(at)
            if node is None:
                node = here[at] = _Node(guard)
            elif type(node) is not _Node or node.key != guard:
                return  # the same decisions led elsewhere before: something unseen decides; keep rendering
            here, at = node.next, outcome
        if at not in here:
            here[at] = leaf

    def _join(self, leaf: _Leaf) -> str:
        special = self._now.special.get(leaf)
        if special is None:
            texts = [self._run(p) if type(p) is _Run else "" for p in leaf.pieces]
            slots = [(i, p[0], p[1]) for i, p in enumerate(leaf.pieces) if type(p) is not _Run]
            special = self._now.special[leaf] = (texts, slots)
        texts, slots = special
        out = texts.copy()
        values = self._values
        for i, path, escapes in slots:
            value = resolve(path, values)
            if escapes == 1:  # the common case, inline: printed with {{ }}
                out[i] = escape(value if type(value) is str else str(value))
            else:
                out[i] = _text(value, escapes)
        return "".join(out)

    def _run(self, run: tuple) -> str:
        text = self._now.runs.get(id(run))
        if text is None:
            text = self._now.runs[id(run)] = "".join([self._site_slot(p) if type(p) is tuple else p for p in run])
        return text

    def _site_slot(self, piece: tuple) -> str:
        text = self._now.text.get(piece)
        if text is None:
            text = self._now.text[piece] = _text(resolve(piece[0], self._values), piece[1])
        return text

    def _fill(self, pieces: list) -> str:
        """The page of ``pieces`` (literal text and slots, none in runs yet) for the site and page being written."""
        return "".join([_text(resolve(p[0], self._values), p[1]) if type(p) is tuple else p for p in pieces])


def _text(value, escapes: int) -> str:
    """A slot's value as Jinja printed it: as text, escaped ``escapes`` times."""
    text = value if type(value) is str else str(value)  # as plain text: str() drops a Markup's mark
    for _ in range(escapes):
        text = str(escape(text))  # plain again, or joining it to text would escape that text
    return text


def _pieces(first: str, trace, second: str, other) -> list | None:
    """Literal text and (path, escapes) slots, if the two renders agree on everything but their stand-ins."""
    if trace.guards != other.guards or trace.slots != other.slots:
        return None
    a, b = _split(first, padded=False), _split(second, padded=True)
    if a is None or a != b:
        return None
    return [p if type(p) is str else (trace.slots[p[0]], p[1]) for p in a]


def _split(html: str, padded: bool) -> list | None:
    pieces: list = []
    last = 0
    for match in _MARKERS.finditer(html):
        if bool(match.group(3)) != padded:
            return None
        pieces.append(html[last : match.start()])
        pieces.append((int(match.group(1)), len(match.group(2)) // 4))
        last = match.end()
    pieces.append(html[last:])
    if any(type(p) is str and _STRAY.search(p) for p in pieces):
        return None  # a marker that something took apart
    return pieces
