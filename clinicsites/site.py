"""Render one clinic's site from parsed sources through Pelican's writer and the theme."""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError
from pelican.generators import Generator
from pelican.urlwrappers import Author

from . import images, incremental, meta, seo, sitefiles
from .content import Key, Library, Source, resolve_link
from .errors import BuildError, InputError, Problem, display_path
from .fragments import FragmentCache
from .frontmatter import REGION_LABELS
from .model import Brand, Clinic, Config
from .pages import BY_SECTION, Article
from .writer import Changes, SiteFiles, ThreadedWriter, io_pool

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
        self._generator.env.add_extension(FragmentCache)  # the theme's {% cache %} tag
        self._static: list[tuple[str, bytes]] | None = None

    def template(self, name: str):
        return self._generator.get_template(name)

    def copy_static(self, files: SiteFiles) -> None:
        """Put the theme's static files (CSS, icon) into a site."""
        if self._static is None:  # read once per process, not once per clinic
            static = self.path / "static"
            found = sorted(p for p in static.rglob("*") if p.is_file()) if static.is_dir() else []
            self._static = [(f"{self.settings['THEME_STATIC_DIR']}/{p.relative_to(static).as_posix()}", p.read_bytes())
                            for p in found]
        for name, data in self._static:
            files.put(name, data)


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
    """What building one clinic did: pages rendered, how its folder changes, and its new manifest."""

    pages: int
    mode: str  # "same": nothing to do; "fresh": a new folder in staging; "patch": changes to the current one
    changes: Changes = field(default_factory=Changes)
    manifest: dict | None = None  # None: the last build's stands


def build_clinic(theme: Theme, config: Config, clinic: Clinic, library: Library, staged: Path,
                 current: Path | None = None, old: dict | None = None, spill: Path | None = None,
                 engine: str = "", full: bool = False) -> Built:
    """Build one clinic's site: into the new folder ``staged``, or, given the ``current`` folder and its
    (unpickled) manifest ``old``, as changes to it (``spill`` holds files it did not have). Unless ``full``, only
    pages whose keys changed are rendered again; either way only changed bytes are written."""
    sources = library.for_clinic(clinic)
    site = incremental.site_key(engine, repr((clinic, config.brand, _image_stamp(sources, library.root))), sources)
    keys = incremental.page_keys(sources)
    # A folder changed by hand since its build is rebuilt whole; a full build also looks at every file.
    if old is not None and (current is None or not incremental.intact(current, old, files=full)):
        old = None
    whole = old is None or full or old.get("site") != site
    if not whole and old["pages"] == keys:
        return Built(0, "same")
    settings = clinic_settings(theme.settings, clinic, staged if old is None else current)
    # {filename} links name files; an override answers for the shared file it replaces.
    rels = {library.shared[key].rel: key for key in sources if key in library.shared}
    rels.update({src.rel: key for key, src in sources.items()})
    urls = seo.clinic_url(settings, config.brand, clinic), seo.root_url(settings, config.brand)
    context = _context(settings, config.brand, clinic, *urls)
    objects = {key: _make_page(src, rels, clinic, config.brand, settings, context) for key, src in sources.items()}
    context["generated_content"].update({rel: objects[key] for rel, key in rels.items()})
    _fill_lists(context, objects)
    pages = meta.PageMeta(clinic, config.brand, *urls)
    files = SiteFiles(staged if old is None else current, io_pool(), None if old is None else old["files"], spill)
    writer = ThreadedWriter(files, settings)
    try:
        images.publish(context, sources, library.root, files if whole else None)
        if whole:
            rendered = _write_site(theme, clinic, settings, context, objects, writer, pages, urls[0])
        else:
            rendered = _write_changed(theme, clinic, settings, context, objects, writer, pages, keys, old, urls[0])
        files.finish()
    except BaseException:
        files.discard()
        raise
    finally:
        # Pages point at the context and the context at the pages: break the cycle so a worker
        # frees each clinic's pages at once instead of at the next full garbage collection.
        context.clear()
    return Built(rendered, "fresh" if old is None else "patch", files.changes,
                 incremental.manifest(site, keys, files.record(), old and old["dirs"]))


def _write_changed(theme, clinic, settings, context, objects, writer, pages, keys, old, url) -> int:
    """Same site key: render only the Markdown pages whose keys changed (and the feed, if a post did)."""
    changed = [obj for (section, slug), obj in objects.items()
               if old["pages"].get(f"{section}/{slug}") != keys[f"{section}/{slug}"]]
    try:
        for obj in changed:
            _write_content(writer, theme, context, obj, pages)
    except TemplateError as exc:
        raise BuildError([theme_problem(exc, clinic)]) from None
    if any(isinstance(obj, Article) for obj in changed):  # the feed carries every post in full
        sitefiles.write_feed(settings, context, writer.files, url)
    return len(changed)


def _write_site(theme, clinic, settings, context, objects, writer, pages, url) -> int:
    """Render every page and file of a clinic's site."""
    try:
        for obj in objects.values():
            _write_content(writer, theme, context, obj, pages)
        written = len(objects)
        for template, name in FACT_PAGES:
            writer.render(name, theme.template(template), context, page_name=template, **pages.for_template(template))
            written += 1
        writer.write_file("news/index.html", theme.template("news"), context, relative_urls=True,
                          paginated={"articles": context["articles"]}, template_name="news", url="news/",
                          page_name="news", **pages.for_template("news"))
        written += max(1, -(-len(context["articles"]) // settings["DEFAULT_PAGINATION"]))  # news pages
        # Pages missing from their own site answer with links that work from any depth.
        writer.render("404.html", theme.template("404"), {**context, "SITEURL": url.rstrip("/")}, relative=False,
                      page_name="404", **pages.for_template("404"))
        written += 1
    except TemplateError as exc:
        raise BuildError([theme_problem(exc, clinic)]) from None
    # Every page's lastmod is known once all content pages are made, so the sitemap comes last.
    for obj in objects.values():
        pages.note_dates(obj)
    sitefiles.write_feed(settings, context, writer.files, url)
    sitefiles.write_clinic_files(writer.files, clinic, url, pages.lastmod)
    theme.copy_static(writer.files)
    writer.files.complete()
    return written


def _write_content(writer: ThreadedWriter, theme: Theme, context: dict, obj, pages) -> None:
    """Render a Markdown page's body for this clinic, then the page around it."""
    obj._content = obj.render_body()
    kind = "article" if isinstance(obj, Article) else "page"
    writer.render(obj.save_as, theme.template(obj.template), context, **{kind: obj}, **pages.for_content(obj))
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

    later = {key: (template, values) for key, template in src.parsed.fields.items() if template.static is None}
    if src.owner is None:
        page = _shared_page(src, later, settings, context)
    else:
        page = _new_page(src, later, settings, context)
        page.override_url, page.override_save_as = page.url, page.save_as
    # The body is rendered when the page is written: a reused page is never rendered at all.
    page.render_body = render_body
    return page


def _new_page(src: Source, later: dict, settings: dict, context: dict):
    """A Pelican content object for one clinic, its clinic-tagged front matter rendered when first used."""
    meta = {k: v for k, v in src.parsed.meta.items() if v is not None and k not in later}
    meta.update({key: t.static for key, t in src.parsed.fields.items() if key not in later})
    if "headline" not in later:
        meta.setdefault("headline", None)
    meta.setdefault("updated", None)
    meta["slug"] = src.slug
    meta["owner"] = src.owner
    cls = BY_SECTION[src.section]
    page = cls.__new__(cls)
    page._later = later
    page.__init__("", meta, settings, src.path, context)
    return page


def _shared_page(src: Source, later: dict, settings: dict, context: dict):
    """A shared page for one clinic: a copy of one made once per language and time zone.

    Pelican's Content.__init__ and URL settings took most of the time of a one-page rebuild of
    1,000 clinics; what they work out depends only on the file and these two settings. The copy
    then gets what is the clinic's own: its settings, context, author and rendered front matter.
    """
    protos = src.__dict__.setdefault("_prototypes", {})
    where = (settings["DEFAULT_LANG"], settings["TIMEZONE"])
    if where not in protos:
        proto = _new_page(src, dict.fromkeys(later), settings, {})
        # Fix the address once: templates ask for it on every page that lists this one.
        proto.override_url, proto.override_save_as = proto.url, proto.save_as
        protos[where] = proto
    page = copy.copy(protos[where])
    page.settings, page._context, page._later = settings, context, dict(later)
    page.author = Author(settings["AUTHOR"], settings)
    page.authors = [page.author]
    return page


class Later(Sequence):
    """A list made the first time it is used."""

    def __init__(self, make):
        self._make, self._items = make, None

    def _list(self) -> list:
        if self._items is None:
            self._items = self._make()
        return self._items

    def __getitem__(self, index):
        return self._list()[index]

    def __len__(self) -> int:
        return len(self._list())

    def __iter__(self):
        return iter(self._list())


def _unwrap_links(html: str, targets: set[str]) -> str:
    """Keep the words of links to pages this clinic does not show, without the link."""
    return _LINK.sub(lambda m: m.group(2) if m.group(1) in targets else m.group(0), html)


def _fill_lists(context: dict, objects: dict) -> None:
    def ordered(section):
        # Sorting by title renders every title: only done for the lists a page shows.
        return Later(lambda: sorted((o for (sec, _), o in objects.items() if sec == section),
                                    key=lambda o: (o.order, o.title.lower())))

    context["pages"] = ordered("pages")
    context["conditions"] = ordered("conditions")
    context["benefits"] = ordered("benefits")
    context["articles"] = sorted((o for (sec, _), o in objects.items() if sec == "posts"),
                                 key=lambda a: (a.date, a.slug), reverse=True)
    # Related pages this clinic does not show are left out, not linked.
    by_slug = {section: {slug: o for (sec, slug), o in objects.items() if sec == section}
               for section in ("conditions", "benefits")}
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
