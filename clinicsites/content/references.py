"""What pages name must exist: related pages, links (and their anchors), images, and the pages clinics choose."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from ..errors import Problem, closest
from . import images
from .pagelinks import KEYED, missing_anchor


def check(library) -> list[Problem]:
    """Related pages, links and images of every file in ``library``: none depends on a clinic's facts."""
    problems: list[Problem] = []
    everything = list(library.shared.values()) + [s for own in library.own.values() for s in own.values()]
    by_rel = {src.rel: src for src in everything}
    by_rel.update({t.rel: t for src in everything for t in src.translations.values()})
    failed = {rel for _, _, rel in library.failed}
    for src in [*everything, *library.unparsed]:
        available = {**library.shared, **library.own.get(src.owner, {})}
        broken = {key for owner, key, _ in library.failed if owner in (None, src.owner)}
        problems += _related(src, set(available) | broken)
        for page in (src, *src.translations.values()):
            problems += images.check(page, library.root)
            for link in page.parsed.links:
                if not link.target.startswith("#"):
                    message = _link_problem(page, link, by_rel, failed, available, broken)
                    if message:
                        problems.append(Problem(page.path, link.line, "link", message))
    return problems


def _link_problem(src, link, by_rel: dict, failed: set, available: dict, broken: set) -> str | None:
    """What is wrong with one link to another page, if anything: the page, or its anchor, does not exist."""
    path, _, anchor = link.target.partition("#")
    if path.startswith(KEYED + "/"):
        return _site_address(src, link, tuple(path[2:].split("/", 1)), available)
    if path.startswith(KEYED):
        key = tuple(path[1:].split("/", 1))
        if key in broken:
            return None
        target = available.get(key)
        if target is None:
            return f'expected a link to an existing page, got "{link.written}"{_suggest_key(link, key, available)}'
    else:
        rel = resolve_link(src.rel, path)
        mine = rel.startswith(("shared/", f"clinics/{src.owner}/"))
        if rel in failed and mine:
            return None
        target = by_rel.get(rel) if mine else None
        if target is None:
            hint = _closest_file(rel, [r for r in by_rel if r.startswith(("shared/", f"clinics/{src.owner}/"))])
            suggestion = f"; did you mean '{_as_written(src.rel, link.written, hint)}'?" if hint else ""
            return ('expected a link to an existing page, got "' + link.written + '"' + (suggestion or
                    " (links start with {filename}/shared/... or {filename}/clinics/<this clinic>/...)"))  # fmt: skip
    if anchor and anchor not in target.parsed.anchors:
        return missing_anchor(link.written, anchor, target.parsed.anchors, "that page")
    return None


def _site_address(src, link, key: tuple, available: dict) -> str:
    """An address from the top of the site leads elsewhere under /<slug>/: the link to write instead."""
    target = available.get(key)
    hint = f"; did you mean '{_as_written(src.rel, '{filename}/', target.rel)}'?" if target else ""
    expected = "a {filename} link to the page's Markdown file (like {filename}/shared/conditions/neck-pain.md)"
    return f'expected {expected} rather than an address on the site, got "{link.written}"{hint}'


def _closest_file(rel: str, choices: list[str]) -> str | None:
    """The file a mistyped path most likely meant: by its name (all paths share their folders' words), then the
    one in the same folder."""
    stems: dict[str, list[str]] = {}
    for choice in choices:
        stems.setdefault(posixpath.basename(choice).removesuffix(".md"), []).append(choice)
    stem = closest(posixpath.basename(rel).removesuffix(".md"), stems)
    if stem is None:
        return None
    return max(stems[stem], key=lambda c: (posixpath.dirname(c) == posixpath.dirname(rel), c.startswith("shared/")))


def _suggest_key(link, key: tuple, available: dict) -> str:
    """The page a mistyped address most likely meant, written the same way (only its slug changed)."""
    if key[0] == "..":
        return " (it leads above the site's root, out of the clinic's site)"
    if len(key) != 2 or key[0] == "?":
        return ""
    section, slug = key
    hint = closest(slug, [s for sec, s in available if sec == section])
    if hint is None:
        return ""
    path = urlsplit(link.written).path
    written = link.written.replace(slug, hint, 1) if slug in path else hint
    return f"; did you mean '{written}'?"


def _as_written(source_rel: str, written: str, rel: str) -> str:
    """``rel`` as the owner would write it in the form they used: {filename}/..., {filename}x.md or x.md."""
    fragment = "#" + written.split("#", 1)[1] if "#" in written else ""
    if written.startswith("{filename}/"):
        return "{filename}/" + rel + fragment
    relative = posixpath.relpath(rel, posixpath.dirname(source_rel))
    return ("{filename}" if written.startswith("{filename}") else "") + relative + fragment


def _related(src, available: set) -> list[Problem]:
    problems = []
    for key in ("related_conditions", "related_benefits"):
        section = key.removeprefix("related_")
        for slug in src.parsed.meta.get(key) or ():
            if (section, slug) not in available:
                known = sorted(s for sec, s in available if sec == section)
                hint = closest(slug, known)
                problems.append(Problem(src.path, src.parsed.lines.get(key), key,
                                        f'expected the slug of an existing {section[:-1]} page, got "{slug}"'
                                        + (f"; did you mean '{hint}'?" if hint else "")))  # fmt: skip
    return problems


def check_choices(config, library, only: str | None = None) -> list[Problem]:
    """The conditions and benefits each clinic of ``config`` lists must be shared pages that exist."""
    problems: list[Problem] = []
    for i, clinic in enumerate(config.clinics):
        if only and clinic.slug != only:
            continue
        for section in ("conditions", "benefits"):
            chosen = getattr(clinic, section)
            if chosen == "all":
                continue
            known = {slug for sec, slug in library.shared if sec == section}
            known |= {key[1] for owner, key, _ in library.failed if owner is None and key[0] == section}
            for j, slug in enumerate(chosen):
                if slug not in known:
                    path = ("clinics", i, section, j)
                    problems.append(
                        Problem(
                            config.path,
                            config.lines.get(path),
                            f"clinic {clinic.slug}, {section} #{j + 1}",
                            f"expected the slug of a shared {section[:-1]} page "
                            f'(one of: {", ".join(sorted(known))}), got "{slug}"',
                        )
                    )
    return problems


def resolve_link(source_rel: str, target: str) -> str:
    """Turn a {filename} target into a path relative to the content folder (a page named by its key stays so)."""
    target = target.split("#")[0]
    if target.startswith(KEYED):
        return target
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), target))
