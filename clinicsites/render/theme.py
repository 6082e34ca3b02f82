"""The theme: its Jinja environment, templates and static files, made once per process for every clinic."""

from __future__ import annotations

import contextlib
from pathlib import Path

from jinja2 import TemplateError

from .. import memory
from ..errors import BuildError, Problem, display_path, traceback_location
from . import i18n
from .fragments import FragmentCache
from .parts import Parts
from .pelican_api import relative_root, template_generator


class Theme:
    """The theme named by the ``THEME`` setting."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.path = Path(settings["THEME"])
        self._generator = template_generator(settings)
        self.env = self._generator.env
        self.env.add_extension(FragmentCache)  # the theme's {% cache %} tag
        self.env.add_extension("jinja2.ext.i18n")  # {% trans %} and _() for the theme's words
        self.env.add_extension("jinja2.ext.do")  # {% do list.append(x) %}, so no template shadows _()
        self._static: list[tuple[str, bytes]] | None = None
        self.gettext = None
        self.language = i18n.SOURCE
        self.use_language(i18n.SOURCE)
        self.parts = Parts(self.env)  # pages from pre-built parts, for one build
        self._notes: dict = {}  # emergency notes, for one build

    @classmethod
    def reused(cls, settings: dict, key: str) -> Theme:
        """The theme for ``settings``, kept from this process's last build if ``key`` (render/keys.py engine_key:
        the theme's files and the settings) is the same, so a long-running preview compiles its templates once."""
        key = f"{key} {settings['OUTPUT_PATH']}"  # the one setting engine_key leaves out
        theme = _THEMES.make(key, lambda: cls(settings))
        theme.settings = settings  # equal to the old ones: they are in the key
        theme.env.extensions[FragmentCache.identifier].forget()
        theme.parts = Parts(theme.env)
        theme._notes = {}
        return theme

    def use_language(self, lang: str, owner=None) -> None:
        """Render the theme's words in ``lang`` from now on (one process renders one site at a time)."""
        translations = i18n.translations(str(self.path), lang)
        self.env.install_gettext_translations(translations, newstyle=True)
        self.gettext = translations.gettext
        self.language = lang

    def emergency_note(self, country) -> str:
        """The HTML that closes each urgent care card: who to call in ``country`` (clinics/local.py ``LocalFacts``),
        in the current language; made once a build for each, as most clinics share their country's."""
        key = (self.language, country)
        if key not in self._notes:
            self._notes[key] = self.env.get_template("partials/emergency_note.html").render(country=country)
        return self._notes[key]

    def compile_all(self) -> None:
        """Compile every template of the theme now, so worker processes forked after this inherit them
        compiled instead of each compiling its own copies."""
        for name in self.env.list_templates(filter_func=lambda n: n.endswith(".html") and not n.startswith("!")):
            self.env.get_template(name)

    def template(self, name: str):
        return self._generator.get_template(name)

    def static_files(self, languages=()) -> list[tuple[str, bytes]]:
        """(name in the site, bytes) of the theme's static files (CSS, icon, fonts), read once per process.

        A file for one language (``css/lang-ur.css``, anything under ``fonts/ur/``) goes only into sites
        published in it: every other site is spared its weight.
        """
        if self._static is None:
            static = self.path / "static"
            found = sorted(p for p in static.rglob("*") if p.is_file()) if static.is_dir() else []
            self._static = [(p.relative_to(static).as_posix(), p.read_bytes()) for p in found]
        wanted = {i18n.base(lang) for lang in languages}
        return [(f"{self.settings['THEME_STATIC_DIR']}/{name}", data) for name, data in self._static
                if _language_of(name) in wanted | {None}]  # fmt: skip


#: The last theme made (one at a time: tests build with many), by engine key and output folder.
_THEMES = memory.store("theme", 1)


def _language_of(name: str) -> str | None:
    """The language a static file is for (``css/lang-ur.css``, ``fonts/ur/...``), or None if for every site."""
    parts = name.split("/")
    if parts[0] == "fonts" and len(parts) > 2:
        return parts[1]
    stem = parts[-1].rsplit(".", 1)[0]
    return stem[5:] if stem.startswith("lang-") else None


def render(files, name: str, template, context: dict, relative: bool = True, theme: Theme | None = None,
           **variables) -> None:  # fmt: skip
    """Render ``template`` into the site's file ``name``. With ``relative``, ``SITEURL`` leads from the file back
    to the site's root (as Pelican's writer sets it), so the site works wherever it is served. With ``theme``,
    the page is joined from the parts its theme has pre-built (render/parts.py) where it can be."""
    local = {"SITEURL": theme.parts.root(name) if theme else relative_root(name)} if relative else {}
    local["output_file"] = name
    local.update(variables)
    if theme is None:
        html = template.render({**context, **local})
    else:
        html = theme.parts.render(template, context, local, theme.language)
    files.put(name, html.encode("utf-8"))


def theme_problem(exc: Exception, clinic=None) -> Problem:
    """Locate a theme template error by the template file and line Jinja reports."""
    path, line = traceback_location(exc, lambda name: name.endswith(".html"))
    path = (getattr(exc, "filename", None) and display_path(exc.filename)) or (path and display_path(path)) or "theme"
    line = getattr(exc, "lineno", None) or line
    whom = f"clinic {clinic.slug}: " if clinic else ""
    return Problem(path, line, "template", f"{whom}{exc}")


@contextlib.contextmanager
def rendering(clinic=None):
    """Turn a theme error into a BuildError naming its template file and line (and the clinic being built)."""
    try:
        yield
    except TemplateError as exc:
        raise BuildError([theme_problem(exc, clinic)]) from None
