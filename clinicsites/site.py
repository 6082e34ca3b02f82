"""Render one clinic's site from parsed sources through Pelican's writer and the theme."""

from __future__ import annotations

import functools
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError
from pelican.generators import Generator

from . import images, incremental, meta, seo, sitefiles
from .content import Key, Library, Source, resolve_link
from .errors import BuildError, InputError, Problem, display_path
from .frontmatter import REGION_LABELS
from .model import Brand, Clinic, Config
from .pages import BY_SECTION, Article
from .writer import IO_THREADS, ThreadedWriter

#: Pages the theme makes from clinic facts alone: (template, output file).
FACT_PAGES = (("index", "index.html"), ("conditions", "conditions/index.html"), ("benefits", "benefits/index.html"),
              ("contact", "contact/index.html"))
_LINK = re.compile(r'<a href="\{filename\}([^"]+)"[^>]*>(.*?)</a>', re.S)


class Theme:
    """The Pelican theme's Jinja environment, made once per process and shared by every clinic."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.path = Path(settings["THEME"])
        # Pelican's Generator builds the environment exactly as a Pelican run would
        # (theme loaders, the simple theme fallback, JINJA_* settings, filters).
        self._generator = Generator({}, settings, settings["PATH"], settings["THEME"], settings["OUTPUT_PATH"])

    def template(self, name: str):
        return self._generator.get_template(name)

    def copy_static(self, destination: Path) -> None:
        """Copy the theme's static files (CSS) into a site."""
        static = self.path / "static"
        if static.is_dir():
            shutil.copytree(static, destination / self.settings["THEME_STATIC_DIR"], dirs_exist_ok=True)


def clinic_settings(settings: dict, clinic: Clinic, output: Path) -> dict:
    """Per-clinic settings layered over pelicanconf, as i18n-subsites does per language."""
    return {
        **settings,
        "SITENAME": clinic.name,
        "AUTHOR": clinic.name,  # the feed's author of every post
        "SITEURL": "",
        "DEFAULT_LANG": clinic.language,
        "TIMEZONE": clinic.timezone or settings["TIMEZONE"],
        "OUTPUT_PATH": str(output),
    }


@dataclass
class Built:
    """What building one clinic did: pages rendered, and files to move into a reused folder (a patch)."""

    pages: int
    patch: list[str] | None = None  # site-relative names rendered into the patch folder; None: built whole
    manifest: str = ""


def build_clinic(theme: Theme, config: Config, clinic: Clinic, library: Library, output: Path,
                 previous: Path | None = None, engine: str = "") -> Built:
    """Build one clinic's site into ``output``, or, when ``previous`` holds its last build with the same
    site key, render only the changed pages into ``output`` as a patch for the caller to apply."""
    sources = library.for_clinic(clinic)
    site = incremental.site_key(engine, repr((clinic, config.brand, _image_stamp(sources, library.root))), sources)
    keys = incremental.page_keys(site, sources)
    old = incremental.read_manifest(previous) if previous else None
    # Reuse only a folder holding exactly what its build wrote: a file added or deleted by hand rebuilds it.
    reuse = old is not None and old.get("site") == site and old.get("files") == incremental.files_in(previous)
    if reuse and old["pages"] == keys:
        return Built(0, [])  # nothing changed: the folder and its manifest stay as they are
    settings = clinic_settings(theme.settings, clinic, output)
    # {filename} links name files; an override answers for the shared file it replaces.
    rels = {library.shared[key].rel: key for key in sources if key in library.shared}
    rels.update({src.rel: key for key, src in sources.items()})
    urls = seo.clinic_url(settings, config.brand, clinic), seo.root_url(settings, config.brand)
    context = _context(settings, config.brand, clinic, *urls)
    objects = {key: _make_page(src, rels, clinic, config.brand, settings, context) for key, src in sources.items()}
    context["generated_content"].update({rel: objects[key] for rel, key in rels.items()})
    _fill_lists(context, objects)
    images.publish(context, sources, library.root, None if reuse else output)
    pages = meta.PageMeta(clinic, config.brand, *urls)
    with ThreadPoolExecutor(IO_THREADS) as pool:
        writer = ThreadedWriter(str(output), settings, pool)
        try:
            return _write_site(theme, clinic, output, settings, context, objects, writer, pages, site, keys,
                               old if reuse else None, urls[0])
        finally:
            writer.finish()
            # Pages point at the context and the context at the pages: break the cycle so a worker
            # frees each clinic's pages at once instead of at the next full garbage collection.
            context.clear()


def _write_site(theme, clinic, output, settings, context, objects, writer, pages, site, keys, old, url) -> Built:
    """Write a whole site, or (given the previous manifest ``old``) only the pages whose keys changed."""
    if old is None:
        writer.make_folders([o.save_as for o in objects.values()])
    try:
        if old is not None:
            changed = [obj for (section, slug), obj in objects.items()
                       if old["pages"].get(f"{section}/{slug}") != keys[f"{section}/{slug}"]]
            for obj in changed:
                _write_content(writer, theme, context, obj, pages)
            names = [obj.save_as for obj in changed]
            if any(isinstance(obj, Article) for obj in changed):  # the feed carries every post in full
                writer.finish()
                names += filter(None, [sitefiles.write_feed(settings, context, output, url)])
            # Same site key: the same pages exist, so a patch only replaces files.
            return Built(len(changed), names, incremental.manifest_text(site, keys, old["files"]))
        for obj in objects.values():
            _write_content(writer, theme, context, obj, pages)
        written = len(objects)
        for template, name in FACT_PAGES:
            writer.write_file(name, theme.template(template), context, relative_urls=True, page_name=template,
                              **pages.for_template(template))
            written += 1
        writer.write_file("news/index.html", theme.template("news"), context, relative_urls=True,
                          paginated={"articles": context["articles"]}, template_name="news", url="news/",
                          page_name="news", **pages.for_template("news"))
        written += max(1, -(-len(context["articles"]) // settings["DEFAULT_PAGINATION"]))  # news pages
        # Pages missing from their own site answer with links that work from any depth.
        writer.write_file("404.html", theme.template("404"), {**context, "SITEURL": url.rstrip("/")},
                          page_name="404", **pages.for_template("404"))
        written += 1
    except TemplateError as exc:
        raise BuildError([theme_problem(exc, clinic)]) from None
    # Every page's lastmod is known once all content pages are made, so the sitemap comes last,
    # listing the pages on disk once the writer's threads are done.
    for obj in objects.values():
        pages.note_dates(obj)
    writer.finish()
    sitefiles.write_feed(settings, context, output, url)
    sitefiles.write_clinic_files(output, clinic, url, pages.lastmod)
    theme.copy_static(output)
    files = incremental.files_in(output)
    (output / incremental.MANIFEST).write_text(incremental.manifest_text(site, keys, files), encoding="utf-8")
    return Built(written)


def _write_content(writer: ThreadedWriter, theme: Theme, context: dict, obj, pages) -> None:
    """Render a Markdown page's body for this clinic, then the page around it."""
    obj._content = obj.render_body()
    kind = "article" if isinstance(obj, Article) else "page"
    writer.write_file(obj.save_as, theme.template(obj.template), context, relative_urls=True,
                      **{kind: obj}, **pages.for_content(obj))
    obj._content = ""  # pages stay listed; their HTML need not stay in memory


def _image_stamp(sources: dict, root) -> list:
    """The bytes of every image the clinic's pages use, hashed: a changed image rebuilds its clinic."""
    stamps = []
    for rel in images.image_files(sources):
        stat = (Path(root) / rel).stat()
        stamps.append((rel, _file_digest(Path(root) / rel, stat.st_mtime_ns, stat.st_size)))
    return stamps


@functools.lru_cache(maxsize=4096)
def _file_digest(path: Path, mtime_ns: int, size: int) -> str:
    """Hash of an image's bytes, read once per version of the file (clinics share images)."""
    return incremental.digest(path.read_bytes())


def apply_patch(built: Built, patch_dir: Path, site: Path) -> None:
    """Move the changed pages of a patch into a reused site folder."""
    if not built.patch:
        return  # nothing changed: the folder and its manifest are already right
    for name in built.patch:
        os.replace(patch_dir / name, site / name)
    (site / incremental.MANIFEST).write_text(built.manifest, encoding="utf-8")


def theme_problem(exc: Exception, clinic: Clinic | None) -> Problem:
    """Locate a theme template error by the template file and line Jinja reports."""
    path, line = None, None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".html"):
            path, line = display_path(name), tb.tb_lineno
        tb = tb.tb_next
    path = getattr(exc, "filename", None) and display_path(exc.filename) or path or "theme"
    line = getattr(exc, "lineno", None) or line
    whom = f"clinic {clinic.slug}: " if clinic else ""
    return Problem(path, line, "template", f"{whom}{exc}")


def _context(settings: dict, brand: Brand, clinic: Clinic, clinic_url: str, root_url: str) -> dict:
    return {
        **settings,
        "clinic": clinic,
        "brand": brand,
        "CLINIC_URL": clinic_url,
        "BODY_REGIONS": tuple(REGION_LABELS.items()),
        "ROOT_URL": root_url,
        "FEED_URL": clinic_url + settings["NEWS_FEED_ATOM"] if settings.get("NEWS_FEED_ATOM") else None,
        "generated_content": {},
        "static_content": {},
        "static_links": set(),
        "localsiteurl": "",
    }


def _make_page(src: Source, rels: dict[str, Key], clinic: Clinic, brand: Brand, settings: dict, context: dict):
    values = {"clinic": clinic, "brand": brand}
    missing = {t for t, _ in src.parsed.links if resolve_link(src.rel, t) not in rels}

    def render_body() -> str:
        html = src.parsed.body.render(values)
        return _unwrap_links(html, missing) if missing else html

    meta = {k: v for k, v in src.parsed.meta.items() if v is not None}
    for key, template in src.parsed.fields.items():
        meta[key] = template.render(values)
    meta.setdefault("headline", None)
    meta.setdefault("updated", None)
    meta["slug"] = src.slug
    meta["owner"] = src.owner
    # The body is rendered when the page is written: a reused page is never rendered at all.
    page = BY_SECTION[src.section]("", meta, settings, src.path, context)
    page.render_body = render_body
    # Fix the address once: templates ask for it on every page that lists this one.
    page.override_url, page.override_save_as = page.url, page.save_as
    return page


def _unwrap_links(html: str, targets: set[str]) -> str:
    """Keep the words of links to pages this clinic does not show, without the link."""
    return _LINK.sub(lambda m: m.group(2) if m.group(1) in targets else m.group(0), html)


def _fill_lists(context: dict, objects: dict) -> None:
    def ordered(section):
        items = [o for (sec, _), o in objects.items() if sec == section]
        return sorted(items, key=lambda o: (o.order, o.title.lower()))

    context["pages"] = ordered("pages")
    context["conditions"] = ordered("conditions")
    context["benefits"] = ordered("benefits")
    context["articles"] = sorted((o for (sec, _), o in objects.items() if sec == "posts"),
                                 key=lambda a: (a.date, a.slug), reverse=True)
    # Related pages this clinic does not show are left out, not linked.
    by_slug = {"conditions": {c.slug: c for c in context["conditions"]}, "benefits": {b.slug: b for b in context["benefits"]}}
    for obj in objects.values():
        for section, table in by_slug.items():
            slugs = getattr(obj, f"related_{section}", ())
            setattr(obj, f"related_{section}_pages", [table[s] for s in slugs if s in table])


def check_render(config: Config, library: Library) -> list[Problem]:
    """Render every page's Markdown for every clinic without writing: per-clinic tag errors."""
    problems: list[Problem] = []
    for clinic in config.clinics:
        values = {"clinic": clinic, "brand": config.brand}
        for src in library.for_clinic(clinic).values():
            for template in (src.parsed.body, *src.parsed.fields.values()):
                try:
                    template.render(values)
                except InputError as exc:
                    problems += exc.problems
    return problems
