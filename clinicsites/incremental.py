"""Content hashes that let a build reuse what the previous build wrote.

Each clinic's folder carries a manifest: a *site key* (everything every page
of that clinic shows: engine code, theme, settings, the clinic's facts, the
brand, and the front matter of every page it lists) and a *page key* for each
Markdown page (the site key plus that page's body). When the site key is
unchanged, only pages whose key changed are rendered again; otherwise the
clinic is rebuilt whole. A clean build and an incremental one give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from importlib.metadata import version
from pathlib import Path

MANIFEST = ".build-keys.json"
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")  # object addresses differ between runs, not between settings


def digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def _tree(path: str) -> str:
    """Hash of every file under ``path`` (names and bytes), in a stable order."""
    root = Path(path)
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(part for p in files for part in (p.relative_to(root).as_posix(), p.read_bytes())))


def package_tree() -> str:
    """Hash of this package's own source: a new engine version invalidates every cache."""
    return _tree(str(Path(__file__).parent))


def settings_repr(settings: dict) -> str:
    return _ADDRESS.sub("", repr(sorted(settings.items(), key=lambda kv: kv[0])))


def engine_key(settings: dict) -> str:
    """What every page of every clinic depends on: this package, the theme, library versions and settings."""
    shown = {k: v for k, v in settings.items() if k != "OUTPUT_PATH"}
    return digest(package_tree(), _tree(settings["THEME"]), *(version(p) for p in ("pelican", "jinja2", "markdown")),
                  settings_repr(shown))


def site_key(engine: str, config_part: str, sources: dict) -> str:
    """The clinic's site key: engine, clinic and brand facts, and every page's front matter and address."""
    return digest(engine, config_part, *(f"{key}={_front_digest(src)}" for key, src in sorted(sources.items())))


def page_keys(site: str, sources: dict) -> dict[str, str]:
    """Each Markdown page's key, by "section/slug": the site key and the page's body."""
    return {f"{section}/{slug}": digest(site, _body_digest(src)) for (section, slug), src in sources.items()}


def _front_digest(src) -> str:
    # Shared pages are the same object for every clinic: hash each once per build.
    if "_front_digest" not in src.__dict__:
        fields = sorted((k, t.source) for k, t in src.parsed.fields.items())
        meta = sorted((k, repr(v)) for k, v in src.parsed.meta.items())
        src.__dict__["_front_digest"] = digest(src.rel, src.owner, meta, fields, sorted(src.parsed.links))
    return src.__dict__["_front_digest"]


def _body_digest(src) -> str:
    if "_body_digest" not in src.__dict__:
        src.__dict__["_body_digest"] = digest(src.parsed.body.source)
    return src.__dict__["_body_digest"]


def read_manifest(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("pages"), dict) else None


def files_in(folder: Path) -> list[str]:
    """Every file in a clinic's folder but the manifest, as sorted site-relative names."""
    found = []
    for top, _, names in os.walk(folder):
        rel = os.path.relpath(top, folder).replace(os.sep, "/")
        found += [name if rel == "." else f"{rel}/{name}" for name in names if name != MANIFEST]
    return sorted(found)


def manifest_text(site: str, pages: dict[str, str], files: list[str]) -> str:
    return json.dumps({"site": site, "pages": dict(sorted(pages.items())), "files": files}, indent=0) + "\n"
