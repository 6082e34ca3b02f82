"""What pages name must exist: related pages, links (and their anchors), images, and the pages clinics choose."""

from __future__ import annotations

import posixpath

from ..errors import Problem, closest
from . import images


def check(library) -> list[Problem]:
    """Related pages, links and images of every file in ``library``: none depends on a clinic's facts."""
    problems: list[Problem] = []
    files = {rel for _, _, rel in library.failed}
    everything = list(library.shared.values()) + [s for own in library.own.values() for s in own.values()]
    for src in everything:
        files.add(src.rel)
        files.update(t.rel for t in src.translations.values())
    for src in everything:
        for page in (src, *src.translations.values()):
            problems += images.check(page, library.root)
        available = set(library.shared) | set(library.own.get(src.owner, {}))
        available |= {key for owner, key, _ in library.failed if owner in (None, src.owner)}
        problems += _related(src, available)
        for target, line in src.parsed.links:
            rel = resolve_link(src.rel, target)
            owner_ok = rel.startswith(("shared/", f"clinics/{src.owner}/"))
            if rel not in files or not owner_ok:
                problems.append(
                    Problem(
                        src.path,
                        line,
                        "link",
                        f'expected a link to an existing page, got "{target}" '
                        "(links start with {filename}/shared/... or {filename}/clinics/<this clinic>/...)",
                    )
                )
    return problems


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
    """Turn a {filename} target into a path relative to the content folder."""
    target = target.split("#")[0]
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), target))
