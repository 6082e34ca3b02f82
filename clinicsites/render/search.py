"""Site search with Pagefind: what each index holds, how a clinic's search page reaches the guide's, and an index
kept until what it holds changes.

With a guide (``shared_pages: guide``) the text of the shared pages is indexed once, in the guide's index (every
shared page, in each language), and each clinic's index holds only the clinic's own pages: its own Markdown
pages and posts, the shared pages it has made its own (``Plan.own``: a note), its home and contact pages. Its
search page queries both (Pagefind's ``mergeIndex``) and shows a shared page found in the guide at the
clinic's own copy, if the clinic shows it: the list of every page on the search page marks those copies with
their address in the guide (``data-guide``). A clinic without a guide indexes every page it shows.

An index is made from the indexed text of its pages (render/searchtext.py), not their whole HTML, and kept
while that text is unchanged: its key, a digest of exactly that text, is kept in the site's record.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .. import cache, memory, output
from ..errors import BuildError, Problem
from . import i18n, pagefind_api, searchtext, seo
from .plan import GUIDE, Plan

logger = logging.getLogger(__name__)

#: Where a site's index lives in it.
FOLDER = "pagefind"
#: The pages the theme makes from a clinic's facts that are worth finding; lists of other pages are left out.
FACT_PAGES = ("index", "contact")


def uses_guide(plan: Plan) -> bool:
    """Whether a clinic's search finds the shared pages in the guide's index rather than in its own."""
    return plan.owner is not None and plan.guide_url is not None and plan.owner.shared_pages == "guide"


def holds(plan: Plan, lang: str, key) -> bool:
    """Whether the job's index holds the Markdown page ``key`` of its site in ``lang``."""
    if plan.owner is None:
        return True  # the guide: every shared page
    return not uses_guide(plan) or plan.own(lang, key)


def page_names(plan: Plan, sites) -> list[str]:
    """The files (names in the job's folder) whose pages the job's index holds, sorted."""
    names = []
    for site in sites:
        names += [page.save_as for key, page in site.pages.items() if holds(plan, site.lang, key)]
        if plan.owner is not None:
            names += [site.prefix + name for template, name in plan.fact_pages
                      if template in FACT_PAGES and plan.has(site.lang, ("fact", template))]  # fmt: skip
    return sorted(names)


def update(files: output.SiteFiles, plan: Plan, sites, enabled: bool = True) -> bool:
    """Make the job's index again if the text it holds changed, else keep the last build's; True if made.
    Without ``enabled`` the last build's index stays, marked out of date for the next build that indexes."""
    if not enabled:
        files.keep_folder(FOLDER, current=False)
        return False
    names = page_names(plan, sites)
    last = files.folder_key(FOLDER)
    if last is not None and files.previous is not None and not any(name in files.pages for name in names):
        files.keep_folder(FOLDER)  # none of its pages was rendered again
        return False
    documents = []
    for name in names:
        try:
            doc = searchtext.document(files.read(name).decode("utf-8"))
        except searchtext.UnreadableMarkup as exc:
            raise BuildError([Problem("search", None, f"{plan.name}/{name}", str(exc))]) from None
        if doc is not None:
            documents.append(("/" + name.removesuffix("index.html"), doc))
    key = cache.digest(_code(), *(part for document in documents for part in document))
    if key == last:
        files.keep_folder(FOLDER)
        return False
    found = pagefind_api.bundle(documents)
    logger.info("%s: search index made from %d pages", plan.name, len(documents))
    files.replace_folder(FOLDER, {f"{FOLDER}/{name}": data for name, data in found.items()}, key)
    return True


def page_context(plan: Plan, lang: str, pages, settings: dict) -> dict | None:
    """What a clinic's search page needs to query the guide's index too (None: its own index holds everything):
    the guide's address from the clinic's folder and in full, and each page found there by its address in the
    guide, by its address in this site."""
    if not uses_guide(plan):
        return None
    guide_prefix = "" if i18n.base(lang) == i18n.base(plan.brand.language) else f"{i18n.base(lang)}/"
    prefix = plan.prefix(lang)
    return {
        # Clinics and the guide are folders side by side; a site served at its own domain's root reaches the
        # guide at the group's address instead.
        "relative": f"../{GUIDE}/",
        "absolute": seo.link(plan.guide_url, settings),
        "pages": {
            page.url: guide_prefix + page.url[len(prefix) :] for page in pages if not plan.own(lang, page.source.key)
        },
    }


@memory.remember("search-code", 1)
def _code() -> str:
    """What an index's bytes depend on besides its documents: Pagefind's version and how it is called."""
    return cache.digest(pagefind_api.VERSION, Path(pagefind_api.__file__).read_bytes())


def current(files: output.SiteFiles, enabled: bool = True) -> bool:
    """Whether the last build's index is up to date (or indexes are not made this time)."""
    return not enabled or files.folder_key(FOLDER) is not None
