"""What the theme's templates see for one clinic: settings, facts, and the lists of its pages."""

from __future__ import annotations

from collections.abc import Sequence

from ..content.frontmatter import REGION_LABELS
from . import search, seo


def site_settings(settings: dict, plan, lang: str, owner=None) -> dict:
    """Per-site settings layered over pelicanconf, as i18n-subsites does per language; ``owner`` is the clinic
    in that language (``Clinic.in_language``)."""
    return {
        **settings,
        "SITENAME": owner.name if owner else plan.brand.name,
        "AUTHOR": owner.name if owner else plan.brand.name,  # the feed's author of every post
        "SITEURL": "",
        "DEFAULT_LANG": lang,
        "TIMEZONE": (owner.timezone if owner else None) or settings["TIMEZONE"],
    }


def site_context(settings: dict, plan, lang: str, language, pages: list, owner=None) -> dict:
    """The template context shared by every page of one site (``owner``: the clinic in its language)."""
    prefix = plan.prefix(lang)
    feed = settings.get("NEWS_FEED_ATOM")
    context = {
        **settings,
        "brand": plan.brand,
        "lang": language,  # dates, days, money and names in the site's language (render/i18n.py)
        "LANG_PREFIX": prefix,  # the site's folder inside its owner's ("" or "ur/"), after SITEURL
        "SITE_URL": plan.url + prefix,  # absolute
        "ROOT_URL": seo.link(plan.root_url, settings),
        "GUIDE_URL": plan.guide_url and seo.link(plan.guide_url, settings),
        "BODY_REGIONS": tuple(REGION_LABELS.items()),
        "FEED_URL": plan.url + prefix + feed if feed and plan.owner and plan.has(lang, ("fact", "news")) else None,
        "SAMPLE": bool(plan.owner and plan.owner.sample),
        # The theme's words in this language are not yet checked by a fluent speaker: every page says so.
        "THEME_UNREVIEWED": plan.unreviewed_theme(lang),
        # The list pages this site has (a language the owner adds may have no benefits in it yet).
        "FACT_PAGES": {t for t in ("conditions", "benefits", "news") if plan.owner and plan.has(lang, ("fact", t))},
    }
    if owner is not None:
        context["clinic"] = owner
        context["CLINIC_URL"] = plan.url
        # How the search page reaches the guide's index, and which of its results are this site's pages.
        context["SEARCH"] = search.page_context(plan, lang, pages, settings)
    _fill_lists(context, pages)
    return context


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


def _fill_lists(context: dict, pages: list) -> None:
    def ordered(kind):
        # Sorting by title renders every title: only done for the lists a page shows.
        return Later(lambda: sorted((p for p in pages if p.kind == kind), key=lambda p: (p.order, p.title.lower())))

    context["pages"] = ordered("page")
    context["conditions"] = ordered("condition")
    context["benefits"] = ordered("benefit")
    context["articles"] = sorted(
        (p for p in pages if p.kind == "article"), key=lambda a: (a.date, a.slug), reverse=True
    )
    # Related pages this clinic does not show are left out, not linked.
    by_slug = {kind: {p.slug: p for p in pages if p.kind == kind} for kind in ("condition", "benefit")}
    for page in pages:
        page.related_conditions_pages = [
            by_slug["condition"][s] for s in page.related_conditions if s in by_slug["condition"]
        ]
        page.related_benefits_pages = [by_slug["benefit"][s] for s in page.related_benefits if s in by_slug["benefit"]]
