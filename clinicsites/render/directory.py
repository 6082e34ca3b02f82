"""The top of the output: the directory of every clinic, the root 404 page, the sitemap index and robots.txt."""

from __future__ import annotations

from .. import memory
from ..clinics.model import Config
from . import i18n, seo, sitefiles
from .plan import GUIDE
from .theme import Theme, render, rendering


def root_folders(settings: dict) -> set[str]:
    """Folders the build writes at the top of the output, beside the clinics' own: no clinic may be called so."""
    return {settings["THEME_STATIC_DIR"], GUIDE}


def write_directory(theme: Theme, config: Config, files, engine: str, full: bool = False) -> int:
    """Write index.html (every clinic, by country and town), 404.html, the stylesheet and the root files.

    They depend only on the theme and settings (``engine``, render/keys.py) and the clinics file, so a process
    that builds again with both unchanged (the preview, after a page edit) writes what it rendered last time, as
    the directory grows with the number of clinics (figures in BENCHMARKS.md). A ``full`` build renders it anyway.
    """
    key = (engine, config.digest)
    made = None if full or not config.digest else _DIRECTORY.get(key)  # no digest: not known to be unchanged
    rendered = 0
    if made is None:
        recorder = _Recorder()
        _render_directory(theme, config, recorder)
        made = recorder.files
        _DIRECTORY.put(key, made)
        rendered = 2
    for name, data in made:
        files.put(name, data)
    return rendered


#: The directory's files by (engine key, clinics file's digest): the last one only.
_DIRECTORY = memory.store("directory", 1)


class _Recorder:
    """Stands in for a site's files: keeps what is put, in order."""

    def __init__(self):
        self.files: list[tuple[str, bytes]] = []

    def put(self, name: str, data: bytes) -> None:
        self.files.append((name, data))


def _render_directory(theme: Theme, config: Config, files) -> None:
    settings = {**theme.settings, "SITENAME": config.brand.name, "DEFAULT_LANG": config.brand.language}
    root_url = seo.root_url(settings, config.brand)
    urls = {c.slug: seo.link(seo.clinic_url(settings, config.brand, c), settings) for c in config.clinics}
    language = i18n.Language(config.brand.language)
    theme.use_language(config.brand.language)
    context = {
        **settings,
        "brand": config.brand,
        "lang": language,
        "clinics": config.clinics,
        "groups": directory_groups(config, language),
        "ROOT_URL": seo.link(root_url, settings),
        "SITE_URL": root_url,
        "GUIDE_URL": seo.link(f"{root_url}{GUIDE}/", settings) if config.has_guide else None,
        "LANG_PREFIX": "",
        "pages": [],
        "FACT_PAGES": set(),
        "LOGO": None,  # the directory shows the brand name; a logo needs the image pipeline of a site
        "IMAGES": {},
        "CLINIC_URLS": urls,
        "crumbs": [],
        "og_type": "website",
        "structured_data": seo.to_script(seo.graph(seo.brand_data(config.brand, root_url))),
        "THEME_UNREVIEWED": not i18n.reviewed(settings["THEME"], config.brand.language),
    }
    # Kept out of search engines, as every site is, in a preview under a placeholder address or while the theme's
    # words in the brand's language are unreviewed.
    noindex = bool(settings.get("UNINDEXED_PREVIEW")) or context["THEME_UNREVIEWED"]
    with rendering():
        render(files, "index.html", theme.template("directory"), context, page_name="directory", page_url=root_url,
               noindex=noindex)  # fmt: skip
        # GitHub Pages answers every missing address with the root 404.html, at any depth: links from the root.
        render(
            files,
            "404.html",
            theme.template("404"),
            {**context, "SITEURL": seo.link(root_url, settings).rstrip("/")},
            relative=False,
            page_name="404",
            noindex=True,
            structured_data=None,
            page_url=root_url + "404.html",
        )
    for name, data in theme.static_files([config.brand.language]):
        files.put(name, data)
    sitefiles.write_root_files(files, config, settings)


def directory_groups(config: Config, language) -> list[tuple[str, list[tuple[str, list]]]]:
    """Clinics grouped by country name, then town, each level sorted by name; clinics whose address is not yet
    confirmed come last, under no country."""
    countries: dict[str, dict[str, list]] = {}
    for clinic in config.clinics:
        towns = countries.setdefault(language.country(clinic.address.country) if clinic.address else "", {})
        towns.setdefault(clinic.town or "", []).append(clinic)
    return [
        (country, [(town, sorted(towns[town], key=lambda c: c.name.lower())) for town in sorted(towns)])
        for country, towns in sorted(countries.items(), key=lambda kv: (kv[0] == "", kv[0]))
    ]
