"""Content hashes that let a build reuse what the last one wrote.

A clinic's *site key* covers everything every page of its site shows: the engine, theme and
settings (the *engine key*), the clinic's and the brand's facts, the images its pages use, and the
front matter and address of every page it lists. A *page key* covers one Markdown page's body. When
the site key is unchanged, only pages whose key changed are rendered again; otherwise every page is.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from .. import cache, memory
from ..content import images


def engine_key(settings: dict) -> str:
    """What every page of every clinic depends on: this package, the theme, library versions and settings."""
    shown = {k: v for k, v in settings.items() if k != "OUTPUT_PATH"}
    return cache.digest(
        cache.engine_digest(),
        cache.tree_digest(settings["THEME"]),
        *(version(p) for p in ("pelican", "jinja2", "markdown")),
        cache.settings_repr(shown),
    )


def site_key(engine: str, plan, content_root) -> str:
    """The site key of a job (a clinic's sites in every language, or the guide)."""
    every = [src for lang in plan.languages for src in plan.sources[lang].values()]
    # Which shared pages a clinic's notes make its own depends on those pages' bodies, which page keys cover.
    owner = plan.owner.fingerprint if plan.owner is not None else None
    facts = repr((owner, plan.brand, plan.languages, _image_stamp(every, plan, content_root),
                  plan.owned_by_notes()))  # fmt: skip
    fronts = tuple(f"{lang}:{_front_line(src)}" for lang in plan.languages
                   for _, src in sorted(plan.sources[lang].items()))  # fmt: skip
    return cache.digest(engine, facts, _joined(fronts))


def page_keys(plan) -> dict[str, str]:
    """Each Markdown page's key, by "lang:section/slug": its body's digest. Page keys are compared only when the
    site key is unchanged, so they need not repeat it."""
    return {f"{lang}:{section}/{slug}": _body_digest(src) for lang in plan.languages
            for (section, slug), src in plan.sources[lang].items()}  # fmt: skip


def _body_digest(src) -> str:
    return src.parsed.body_digest


@memory.remember("joined-fronts", 64)
def _joined(fronts: tuple[str, ...]) -> str:
    # Most clinics show the same shared pages: hash the same list once.
    return cache.digest(*fronts)


def _front_line(src) -> str:
    return _memo(src, "_front_line", lambda: f"{src.key}={src.rel}|{src.owner}|{src.parsed.front}")


def _memo(src, name: str, make):
    # Shared pages are the same object for every clinic: work each out once per build.
    found = src.__dict__.get(name)
    if found is None:
        found = src.__dict__[name] = make()
    return found


def _image_stamp(sources: list, plan, root) -> list:
    """The bytes of every image the clinic's pages show (in its Markdown, and its photos, its practitioners' and
    the brand's logo from clinics.yaml), hashed: a changed image rebuilds its clinic."""
    stamps = []
    shown = set(photos_of(plan))
    for src in sources:
        shown.update(_image_rels(src))
    for rel in sorted(shown):
        path = Path(root) / rel
        stamps.append((rel, _file_digest(path, memory.file_stamp(path))))
    return stamps


def _image_rels(src) -> frozenset[str]:
    return _memo(src, "_image_rels", lambda: frozenset(images.content_rel(t) for t, _ in src.parsed.images))


def photos_of(plan) -> list[str]:
    """The photos from clinics.yaml a site shows: the clinic's, its practitioners', the brand's logo."""
    found = [plan.brand.logo.src] if plan.brand.logo else []
    if plan.owner is not None:
        found += [p.src for p in plan.owner.photos]
        found += [p.photo.src for p in plan.owner.practitioners if p.photo]
    return found


@memory.remember("image-digests", 4096)
def _file_digest(path: Path, stamp: tuple) -> str:
    """Hash of an image's bytes, read once per version of the file (clinics share images)."""
    return cache.digest(path.read_bytes())
