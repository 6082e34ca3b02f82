"""Build one job's sites: a clinic's (one per language) or the brand's guide, only what changed."""

from __future__ import annotations

from dataclasses import dataclass

from .. import output
from ..clinics.model import Config
from ..content.library import Library
from . import i18n, keys, search, sitefiles
from .plan import plan as make_plan
from .site import Site
from .theme import Theme, rendering


@dataclass
class Shared:
    """What every job of a build shares: made once per process (inherited by forked workers)."""

    theme: Theme
    config: Config
    library: Library
    engine: str  # render/keys.py engine_key
    search: bool = True  # make the search index of each job whose indexed text changed

    def __getstate__(self):
        # A worker that is not forked makes its own theme (a Jinja environment does not pickle).
        return {**self.__dict__, "theme": self.theme.settings}

    def __setstate__(self, state):
        self.__dict__.update(state, theme=Theme(state["theme"]))


@dataclass(frozen=True)
class Job:
    """Build one clinic's sites (or the guide, ``plan.GUIDE``) into ``target``; with ``full``, render every page."""

    name: str  # a clinic's slug, or GUIDE
    target: output.Target
    full: bool = False


def build_site(shared: Shared, job: Job) -> output.Written:
    """Build a job's sites. Unless ``job.full``, only pages whose keys changed are rendered again; either way only
    files whose bytes changed are written."""
    config, library = shared.config, shared.library
    plan = make_plan(config, library, job.name, shared.theme.settings)
    site_key = keys.site_key(shared.engine, plan, library.root)
    page_keys = keys.page_keys(plan)
    files = job.target.open(full=job.full)
    previous = files.previous
    whole = previous is None or job.full or previous.site != site_key
    if not whole and previous.pages == page_keys and search.current(files, shared.search):
        return files.unchanged()
    sites = []
    try:
        with rendering(plan.owner):
            rendered = 0
            for lang in plan.languages:
                shared.theme.use_language(lang, plan.owner)
                site = Site(shared, plan, lang, files)
                sites.append(site)
                rendered += site.write_all() if whole else site.write_changed(previous.pages, page_keys)
            if whole:
                sitefiles.write_site_files(files, plan.owner, plan.url, [s.meta for s in sites], plan.unindexed)
                for name, data in shared.theme.static_files(plan.languages):
                    files.put(name, data)
            # The search index follows the text it holds (render/search.py).
            search.update(files, plan, sites, shared.search)
            if whole:
                files.complete()
        return files.finish(site_key, page_keys, rendered)
    except BaseException:
        files.discard()
        raise
    finally:
        for site in sites:
            site.close()


def languages_published(config: Config) -> set[str]:
    """Every language some clinic's site is in (the theme must be translated into each)."""
    return {i18n.base(lang) for clinic in config.clinics for lang in clinic.languages}
