"""One page of each kind per clinic, for the checks too slow to run on every page (axe, Lighthouse)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

#: Page kinds of a clinic's site: (name, path under output/<slug>/, or a folder whose first item stands for all).
PAGE_TYPES = (
    ("home", "index.html"),
    ("conditions", "conditions/index.html"),
    ("condition", "conditions/*"),
    ("benefits", "benefits/index.html"),
    ("benefit", "benefits/*"),
    ("faq", "faq/index.html"),
    ("contact", "contact/index.html"),
    ("search", "search/index.html"),
    ("news", "news/index.html"),
    ("post", "news/*"),
    ("404", "404.html"),
)
TYPE_NAMES = tuple(name for name, _ in PAGE_TYPES)
#: Pages of the output root: the directory of clinics, and the 404 page GitHub Pages shows for any missing path;
#: and the brand's guide (one copy of each shared page), when the build makes one.
ROOT_TYPES = (("directory", "index.html"), ("404", "404.html"), ("guide", "guide/index.html"),
              ("guide-condition", "guide/conditions/*"))  # fmt: skip
#: A clinic's site in another language (``/<slug>/<lang>/``): its home and a translated condition page.
LANGUAGE_TYPES = (("home", "index.html"), ("condition", "conditions/*"))
#: Kinds a clinic has only if it chose some shared conditions or benefits in clinics.yaml (none by default).
CHOSEN_TYPES = ("conditions", "condition", "benefits", "benefit")


class SamplePage(NamedTuple):
    clinic: str  # slug, or "" for the root directory page
    kind: str
    path: str  # relative to the output folder, with / separators

    @property
    def label(self) -> str:
        return f"{self.clinic}/{self.kind}" if self.clinic else self.kind

    @property
    def url(self) -> str:
        """Its address relative to the output root, as links and canonical URLs name it ("a/" for a/index.html)."""
        return self.path.removesuffix("index.html")


def clinics(output: Path | str) -> list[str]:
    """Slugs of the clinic sites in an output folder: its subfolders with an index.html, but the guide."""
    return sorted(d.name for d in Path(output).iterdir() if (d / "index.html").is_file() and d.name != "guide")


def languages(site: Path) -> list[str]:
    """The other languages of a clinic's site: its subfolders named like a language with a home page."""
    return sorted(d.name for d in site.iterdir() if d.is_dir() and len(d.name) in (2, 3) and d.name.isalpha()
                  and (d / "contact" / "index.html").is_file())  # fmt: skip


def find(site: Path, pattern: str) -> str | None:
    """The page for one PAGE_TYPES pattern in a clinic's folder, relative to it; None when there is none."""
    if not pattern.endswith("/*"):
        return pattern if (site / pattern).is_file() else None
    folder = site / pattern[:-2]
    # Page 2, 3... of a paginated list ("page/2/") is not an item.
    items = (
        sorted(d.name for d in folder.iterdir() if d.name != "page" and (d / "index.html").is_file())
        if folder.is_dir()
        else []
    )
    return f"{pattern[:-2]}/{items[0]}/index.html" if items else None


def sample(output: Path | str) -> tuple[list[SamplePage], list[str]]:
    """The root pages and each clinic's page of every kind; also the kinds missing, as "slug/kind" or "kind"."""
    output = Path(output)
    pages, missing = [], []
    for kind, name in ROOT_TYPES:
        found = find(output, name)
        if found:
            pages.append(SamplePage("", kind, found))
        elif not kind.startswith("guide"):  # a brand that indexes every clinic copy has no guide
            missing.append(kind)
    for slug in clinics(output):
        for kind, pattern in PAGE_TYPES:
            found = find(output / slug, pattern)
            if found:
                pages.append(SamplePage(slug, kind, f"{slug}/{found}"))
            elif kind not in CHOSEN_TYPES or (output / slug / pattern.split("/")[0]).is_dir():
                missing.append(f"{slug}/{kind}")
        for lang in languages(output / slug):
            for kind, pattern in LANGUAGE_TYPES:
                found = find(output / slug / lang, pattern)
                if found:
                    pages.append(SamplePage(slug, f"{kind}-{lang}", f"{slug}/{lang}/{found}"))
    return pages, missing
