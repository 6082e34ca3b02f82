"""The theme: its Jinja environment, templates and static files, made once per process for every clinic."""

from __future__ import annotations

import contextlib
from pathlib import Path

from jinja2 import TemplateError

from ..errors import BuildError, Problem, display_path, traceback_location
from .fragments import FragmentCache
from .pelican_api import relative_root, template_generator


class Theme:
    """The theme named by the ``THEME`` setting."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.path = Path(settings["THEME"])
        self._generator = template_generator(settings)
        self._generator.env.add_extension(FragmentCache)  # the theme's {% cache %} tag
        self._static: list[tuple[str, bytes]] | None = None

    def template(self, name: str):
        return self._generator.get_template(name)

    def static_files(self) -> list[tuple[str, bytes]]:
        """(name in the site, bytes) of the theme's static files (CSS, icon), read once per process."""
        if self._static is None:
            static = self.path / "static"
            found = sorted(p for p in static.rglob("*") if p.is_file()) if static.is_dir() else []
            self._static = [
                (f"{self.settings['THEME_STATIC_DIR']}/{p.relative_to(static).as_posix()}", p.read_bytes())
                for p in found
            ]
        return self._static


def render(files, name: str, template, context: dict, relative: bool = True, **variables) -> None:
    """Render ``template`` into the site's file ``name``. With ``relative``, ``SITEURL`` leads from the file back
    to the site's root (as Pelican's writer sets it), so the site works wherever it is served."""
    local = context.copy()
    if relative:
        local["SITEURL"] = relative_root(name)
    local["output_file"] = name
    local.update(variables)
    files.put(name, template.render(local).encode("utf-8"))


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
