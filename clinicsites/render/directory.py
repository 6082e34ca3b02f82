"""The top of the output: the directory of every clinic, the root 404 page, the sitemap index and robots.txt."""

from __future__ import annotations

from ..clinics.model import Config
from . import seo, sitefiles
from .theme import Theme, render, rendering

#: The brand's guide: one indexed copy of each shared page, at the top of the output.
GUIDE = "guide"


def root_folders(settings: dict) -> set[str]:
    """Folders the build writes at the top of the output, beside the clinics' own: no clinic may be called so."""
    return {settings["THEME_STATIC_DIR"], GUIDE}


def write_directory(theme: Theme, config: Config, files) -> int:
    """Write index.html (every clinic, by country and town), 404.html, the stylesheet and the root files."""
    settings = {**theme.settings, "SITENAME": config.brand.name, "DEFAULT_LANG": config.brand.language}
    root_url = seo.root_url(settings, config.brand)
    urls = {c.slug: seo.clinic_url(settings, config.brand, c) for c in config.clinics}
    context = {
        **settings,
        "brand": config.brand,
        "clinics": config.clinics,
        "groups": directory_groups(config),
        "ROOT_URL": root_url,
        "CLINIC_URLS": urls,
        "crumbs": [],
        "og_type": "website",
        "structured_data": seo.to_script(seo.graph(seo.brand_data(config.brand, root_url))),
    }
    with rendering():
        render(files, "index.html", theme.template("directory"), context, page_name="directory")
        # GitHub Pages answers every missing address with the root 404.html, at any depth: absolute links only.
        render(
            files,
            "404.html",
            theme.template("404"),
            {**context, "SITEURL": root_url.rstrip("/")},
            relative=False,
            page_name="404",
            noindex=True,
            structured_data=None,
        )
    for name, data in theme.static_files():
        files.put(name, data)
    sitefiles.write_root_files(files, config, settings)
    return 2


def directory_groups(config: Config) -> list[tuple[str, list[tuple[str, list]]]]:
    """Clinics grouped by country name, then town, each level sorted by name."""
    countries: dict[str, dict[str, list]] = {}
    for clinic in config.clinics:
        towns = countries.setdefault(clinic.address.country_name, {})
        towns.setdefault(clinic.town, []).append(clinic)
    return [
        (country, [(town, sorted(towns[town], key=lambda c: c.name.lower())) for town in sorted(towns)])
        for country, towns in sorted(countries.items())
    ]
