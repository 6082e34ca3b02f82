"""What the theme's templates see for one clinic: settings, facts, and the lists of its pages."""

from __future__ import annotations

from collections.abc import Sequence

from ..content.frontmatter import REGION_LABELS


def clinic_settings(settings: dict, clinic) -> dict:
    """Per-clinic settings layered over pelicanconf, as i18n-subsites does per language."""
    return {
        **settings,
        "SITENAME": clinic.name,
        "AUTHOR": clinic.name,  # the feed's author of every post
        "SITEURL": "",
        "DEFAULT_LANG": clinic.language,
        "TIMEZONE": clinic.timezone or settings["TIMEZONE"],
    }


def clinic_context(settings: dict, brand, clinic, clinic_url: str, root_url: str, pages: list) -> dict:
    """The template context shared by every page of a clinic's site."""
    context = {
        **settings,
        "clinic": clinic,
        "brand": brand,
        "CLINIC_URL": clinic_url,
        "BODY_REGIONS": tuple(REGION_LABELS.items()),
        "ROOT_URL": root_url,
        "FEED_URL": clinic_url + settings["NEWS_FEED_ATOM"] if settings.get("NEWS_FEED_ATOM") else None,
    }
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
