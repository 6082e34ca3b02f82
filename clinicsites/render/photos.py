"""Photos and images, one pipeline: resized to a few widths, AVIF and WebP with a JPEG (or PNG) fallback,
metadata stripped (a phone photo's EXIF can carry the GPS position of someone's home), cached by content.

Each version is made once per image and width, whatever the number of clinics or builds, and kept in
the cache folder under the image's digest; a site gets the bytes and a ``<picture>`` with ``srcset``,
``sizes``, ``width`` and ``height``, so nothing moves as it loads.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .. import cache, memory

#: Widths made of each image (never wider than the original); a phone at 2x takes the 640 or 960.
WIDTHS = (320, 640, 960, 1280)
#: Encoder settings chosen for photos: small files without visible artefacts at these sizes.
FORMATS = (("image/avif", "avif", {"quality": 55}), ("image/webp", "webp", {"quality": 78, "method": 5}))
_FALLBACK = {
    "jpeg": ("jpg", {"quality": 80, "optimize": True, "progressive": True}),
    "png": ("png", {"optimize": True}),
}
_IMG = re.compile(r'<img alt="(?P<alt>[^"]*)" src="(?P<src>[^"]+)"\s*/?>')


@dataclass(frozen=True)
class ImageSet:
    """What a page needs to show one image: its sources by type, a fallback, and its size."""

    width: int
    height: int
    sources: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]  # (mime type, ((address, width), ...))
    fallback: str
    files: tuple[tuple[str, str], ...]  # (address in the site, path of the cached bytes)


def prepare(rel: str, content_root: Path, cache_folder: Path) -> ImageSet:
    """The versions of the image at ``content_root/rel``, made (or found in the cache) and listed.

    Once per version of a file and process (clinics share photos, and decoding one takes a while), unless a
    version's file has gone from the cache folder since (pruned, or the folder deleted): then it is made again.
    """
    key = (rel, str(content_root), str(cache_folder), memory.file_stamp(Path(content_root) / rel))
    found = _IMAGES.get(key)
    if found is None or not all(os.path.isfile(path) for _, path in found.files):
        found = _prepare(rel, Path(content_root), Path(cache_folder))
        _IMAGES.put(key, found)
    return found


_IMAGES = memory.store("images", 256)


def _prepare(rel: str, content_root: Path, cache_folder: Path) -> ImageSet:
    source = Path(content_root) / rel
    data = source.read_bytes()
    digest = cache.digest(data)[:12]
    folder = Path(cache_folder) / "images"
    stem = re.sub(r"[^a-z0-9-]+", "-", Path(rel).stem.lower()).strip("-") or "image"
    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)  # turned the way the camera meant; EXIF is not copied over
        image.load()
    alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if alpha else "RGB")
    widths = [w for w in WIDTHS if w < image.width] + [min(image.width, WIDTHS[-1])]
    fallback_kind = "png" if alpha else "jpeg"
    files, sources = [], []
    for mime, ext, options in (*FORMATS, (f"image/{fallback_kind}", *_FALLBACK[fallback_kind])):
        versions = []
        for width in widths:
            name = f"images/{stem}-{digest}-{width}.{ext}"
            path = folder / f"{digest}-{width}.{ext}"
            if not path.is_file():
                _save(image, width, ext, options, path)
            else:
                cache.touch(path)  # used: the cache's pruning keeps the most recently used images
            files.append((name, str(path)))
            versions.append((name, width))
        sources.append((mime, tuple(versions)))
    largest = widths[-1]
    height = round(image.height * largest / image.width)
    fallback = sources[-1][1][min(1, len(widths) - 1)][0]  # a middle size for browsers without srcset
    return ImageSet(largest, height, tuple(sources), fallback, tuple(files))


def _save(image: Image.Image, width: int, ext: str, options: dict, path: Path) -> None:
    resized = image if image.width == width else image.resize((width, round(image.height * width / image.width)),
                                                              Image.Resampling.LANCZOS)  # fmt: skip
    buffer = io.BytesIO()
    resized.save(buffer, format={"jpg": "JPEG"}.get(ext, ext.upper()), **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(buffer.getvalue())
    os.replace(tmp, path)  # two workers making the same version leave one whole file


def picture_html(image: ImageSet, alt: str, siteurl: str, sizes: str, lazy: bool = True) -> str:
    """The ``<picture>`` for an image in a page's body (the theme's picture macro writes the same markup)."""
    parts = ["<picture>"]
    for mime, versions in image.sources:
        srcset = ", ".join(f"{siteurl}/{url} {w}w" for url, w in versions)
        parts.append(f'<source type="{mime}" srcset="{srcset}" sizes="{sizes}">')
    loading = ' loading="lazy"' if lazy else ""
    parts.append(f'<img src="{siteurl}/{image.fallback}" alt="{alt}" width="{image.width}" height="{image.height}"'
                 f'{loading} decoding="async"></picture>')  # fmt: skip
    return "".join(parts)


def replace_images(html: str, images: dict[str, ImageSet], addresses: dict[str, str], siteurl: str) -> str:
    """Turn each Markdown image (already linked to its address) into a ``<picture>`` of its versions."""
    by_address = {f"{siteurl}/{address}": rel for rel, address in addresses.items()}

    def swap(match: re.Match) -> str:
        rel = by_address.get(match.group("src"))
        if rel is None or rel not in images:
            return match.group(0)
        return picture_html(images[rel], match.group("alt"), siteurl, "(min-width: 900px) 680px, 100vw")

    return _IMG.sub(swap, html) if "<img" in html else html
