"""Images in Markdown, ``![alt]({static}/shared/images/x.jpg)``: checked once, copied into each site that shows them.

Images live in ``content/shared/images/`` (any clinic's pages may use them) and
``content/clinics/<slug>/images/`` (that clinic's own pages only). In a
clinic's site they are published as ``images/shared/...`` and
``images/clinic/...``, so the two folders can never collide; render/links.py turns each
reference into a relative URL.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from ..errors import Problem

#: Raster formats only: an SVG can carry scripts, and it would be served from the site's own origin.
#: Each with how its files start, so a renamed file of another kind is caught.
SIGNATURES = {
    ".jpg": ("a JPEG", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("a JPEG", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".png": ("a PNG", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".gif": ("a GIF", lambda head: head[:6] in (b"GIF87a", b"GIF89a")),
    ".webp": ("a WebP", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
    ".avif": ("an AVIF", lambda head: head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")),
}
#: A photo at page width compresses well under this; anything larger would sink the page-weight budget.
MAX_BYTES = 2 * 1024 * 1024
_EXPECTED_PLACE = "{static}/shared/images/<file> or {static}/clinics/<this clinic>/images/<file>"


def content_rel(target: str) -> str:
    """``/shared/images/x.jpg`` (as written after {static}) -> ``shared/images/x.jpg``."""
    return posixpath.normpath(target.lstrip("/"))


def output_rel(rel: str) -> str:
    """Where an image goes in a clinic's site: ``shared/images/x.jpg`` -> ``images/shared/x.jpg``."""
    if rel.startswith("shared/images/"):
        return "images/shared/" + rel.removeprefix("shared/images/")
    return "images/clinic/" + rel.split("/images/", 1)[1]


def check(source, root: Path) -> list[Problem]:
    """Problems with the images one Markdown source uses: place, kind, existence, size."""
    places = ("shared/images/",) + ((f"clinics/{source.owner}/images/",) if source.owner else ())
    problems = []
    for target, line in source.parsed.images:
        message = _problem(target, places, root)
        if message:
            problems.append(Problem(source.path, line, "image", message))
    return problems


def _problem(target: str, places: tuple[str, ...], root: Path) -> str | None:
    rel = content_rel(target)
    got = f'got "{target}"'
    if not target.startswith("/") or not rel.startswith(places):
        return f"expected {_EXPECTED_PLACE}, {got}"
    name = posixpath.basename(rel)
    if " " in rel:
        return (f'expected a file name without spaces (a space breaks the address), got "{target}"; rename the file '
                f'to "{name.replace(" ", "-")}" and change the link to match')  # fmt: skip
    suffix = posixpath.splitext(rel)[1].lower()
    if suffix not in SIGNATURES:
        return f"expected a .jpg, .jpeg, .png, .webp, .avif or .gif file (SVG can carry scripts), {got}"
    path = root / rel
    if not path.is_file():
        return f"expected an existing image file, {got}"
    size = path.stat().st_size
    if size > MAX_BYTES:
        return (
            f'expected at most {MAX_BYTES // 2**20} MB (resize or compress it), got {size / 2**20:.1f} MB in "{target}"'
        )
    kind, matches = SIGNATURES[suffix]
    with open(path, "rb") as file:
        head = file.read(16)
    if not matches(head):
        return f'expected {kind} image, as the file name says, got other content in "{target}"'
    return None


def image_files(sources: dict) -> dict[str, str]:
    """Every image a clinic's pages use: content-relative path -> path in the clinic's site."""
    rels = {content_rel(target) for src in sources.values() for target, _ in src.parsed.images}
    return {rel: output_rel(rel) for rel in sorted(rels)}
