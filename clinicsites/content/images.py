"""Images in Markdown, ``![alt]({static}/shared/images/x.jpg)``: checked once, copied into each site that shows them.

Images live in ``content/shared/images/`` (any clinic's pages may use them) and
``content/clinics/<slug>/images/`` (that clinic's own pages only). In a
clinic's site they are published as ``images/shared/...`` and
``images/clinic/...``, so the two folders can never collide; render/links.py turns each
reference into a relative URL.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from PIL import Image

from .. import memory
from ..clinics.yamlsource import format_path
from ..errors import Problem, closest

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
#: A phone's photo fits well under these; the build resizes every image (render/photos.py), so pages stay light.
#: Why some formats owners have are refused, and what to do instead.
_UNSUPPORTED = {
    ".svg": "SVG can carry scripts",
    ".heic": "browsers cannot show HEIC, the format iPhones save; export the photo as JPEG",
    ".heif": "browsers cannot show HEIF; export the photo as JPEG",
    ".tif": "browsers cannot show TIFF; export it as JPEG or PNG",
    ".tiff": "browsers cannot show TIFF; export it as JPEG or PNG",
    ".bmp": "BMP files are large; export it as PNG",
}
MAX_BYTES = 12 * 1024 * 1024
MAX_PIXELS = 40_000_000
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


def _inside(rel: str, places: tuple[str, ...]) -> bool:
    """Whether a content path is in one of the image folders ``places``, and stays there (no ../, no \\)."""
    return rel.startswith(places) and posixpath.normpath(rel) == rel and "\\" not in rel


def _problem(target: str, places: tuple[str, ...], root: Path) -> str | None:
    rel = content_rel(target)
    if not target.startswith("/") or not rel.startswith(places):
        return f'expected {_EXPECTED_PLACE}, got "{target}"'
    return file_problem(rel, root, target)


def file_problem(rel: str, root: Path, shown: str | None = None, min_width: int = 0) -> str | None:
    """What is wrong with the image file ``rel`` (under the content folder), if anything: its name, kind,
    size, content, and whether it can be read at all."""
    shown = shown or rel
    got = f'got "{shown}"'
    name = posixpath.basename(rel)
    if " " in rel:
        return (f"expected a file name without spaces (a space breaks the address), {got}; rename the file "
                f'to "{name.replace(" ", "-")}" and change the link to match')  # fmt: skip
    suffix = posixpath.splitext(rel)[1].lower()
    if suffix not in SIGNATURES:
        why = _UNSUPPORTED.get(suffix, "SVG can carry scripts")
        return f"expected a .jpg, .jpeg, .png, .webp, .avif or .gif file ({why}), {got}"
    path = Path(root) / rel
    if not path.is_file():
        return f"expected an existing image file, {got}" + _nearest(rel, Path(root), shown)
    stat = path.stat()
    if stat.st_size > MAX_BYTES:
        return f'expected at most {MAX_BYTES // 2**20} MB, got {stat.st_size / 2**20:.1f} MB in "{shown}"'
    kind, matches = SIGNATURES[suffix]
    with open(path, "rb") as file:
        head = file.read(16)
    if not matches(head):
        return f'expected {kind} image, as the file name says, got other content in "{shown}"'
    size = _readable(str(path), stat.st_mtime_ns, stat.st_size)
    if isinstance(size, str):
        return f'expected {kind} image that can be opened, got a damaged file in "{shown}"'
    width, height = size
    if width * height > MAX_PIXELS:
        return (f'expected at most {MAX_PIXELS // 1_000_000} megapixels, got {width} x {height} in "{shown}"; '
                "resize it (the build makes the sizes pages need)")  # fmt: skip
    if width < min_width:
        return f'expected a photo at least {min_width} pixels wide, got {width} in "{shown}"'
    return None


def _nearest(rel: str, root: Path, shown: str) -> str:
    """What a missing file most likely is: the same name in other capitals, or a close name in its folder."""
    folder = root / posixpath.dirname(rel)
    name = posixpath.basename(rel)
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file() and entry.name[0] != "."]
    except OSError:
        return f" (there is no folder content/{posixpath.dirname(rel)}/)"
    same = [n for n in names if n.lower() == name.lower()]
    if same:
        return (f'; the file is named "{same[0]}": write its name with the same capitals (web servers tell them '
                "apart)")  # fmt: skip
    near = closest(name, [n for n in names if posixpath.splitext(n)[1].lower() in SIGNATURES])
    return f"; did you mean '{shown[: len(shown) - len(name)]}{near}'?" if near and shown.endswith(name) else ""


@memory.remember("image-dimensions", 1024)
def _readable(path: str, mtime_ns: int, size: int) -> tuple[int, int] | str:
    """(width, height) of an image Pillow can decode, or what went wrong; once per version of the file."""
    try:
        with Image.open(path) as image:
            dimensions = image.size
            if dimensions[0] * dimensions[1] > MAX_PIXELS:
                return dimensions
            image.load()
        return dimensions
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        return str(exc) or type(exc).__name__


def image_files(sources: dict) -> dict[str, str]:
    """Every image a clinic's pages use: content-relative path -> path in the clinic's site."""
    rels = {content_rel(target) for src in sources.values() for target, _ in src.parsed.images}
    return {rel: output_rel(rel) for rel in sorted(rels)}


def check_photos(config, root) -> list[Problem]:
    """Problems with the photos clinics.yaml names: each under content/, in the clinic's own images folder (or the
    shared one), and an image that can be opened."""
    found = [(("brand", "logo", "src"), config.brand.logo.src, ("shared/images/",), 0)] if config.brand.logo else []
    for i, clinic in enumerate(config.clinics):
        places = ("shared/images/", f"clinics/{clinic.slug}/images/")
        found += [(("clinics", i, "photos", j, "src"), p.src, places, 320) for j, p in enumerate(clinic.photos)]
        found += [(("clinics", i, "practitioners", j, "photo", "src"), p.photo.src, places, 160)
                  for j, p in enumerate(clinic.practitioners) if p.photo]  # fmt: skip
    problems = []
    for path, rel, places, min_width in found:
        where = (
            format_path(path)
            if path[0] == "brand"
            else f"clinic {config.clinics[path[1]].slug}, {format_path(path[2:])}"
        )
        if not _inside(rel, places):
            message = f'expected a file in content/{places[-1]} (or content/shared/images/), got "{rel}"'
        else:
            message = file_problem(rel, Path(root), min_width=min_width)
        if message:
            problems.append(Problem(config.path, config.lines.get(path), where, message))
    return problems
