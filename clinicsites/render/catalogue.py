"""``./run translations``: gather the theme's words into a gettext template and bring each language's catalogue
up to date with it (new words added untranslated, words no longer used marked obsolete)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ..clinics.local import LOCAL_NUMBER
from ..clinics.spec import COMMON_PHONE_LABELS
from ..content.frontmatter import REGION_LABELS
from .fragments import FragmentCache
from .i18n import REVIEWED_HEADER, catalogue, reviewed
from .meta import SECTIONS

_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
#: Words the engine hands to the theme (body regions, breadcrumbs, common phone labels, the neutral emergency
#: number) rather than writing in a template.
ENGINE_WORDS = (*REGION_LABELS.values(), "Home", *(label for label, _ in SECTIONS.values()), *COMMON_PHONE_LABELS,
                LOCAL_NUMBER)  # fmt: skip
#: The theme's Jinja extensions, as the templates are compiled with them (render/theme.py): a template using a tag
#: the extractor does not know would otherwise be skipped, its words never offered for translation.
EXTENSIONS = ",".join(("jinja2.ext.i18n", "jinja2.ext.do", f"{FragmentCache.__module__}.{FragmentCache.__qualname__}"))


def template(theme: Path) -> Catalog:
    """Every translatable string in the theme's templates, and the engine's words."""
    catalog = Catalog(project="clinicsites theme", charset="utf-8")
    method_map = [("templates/**.html", "jinja2")]
    # Not silent: a template the extractor cannot read is an error, not a file quietly left out.
    options = {"templates/**.html": {"extensions": EXTENSIONS, "trimmed": "true", "silent": "false"}}
    for filename, lineno, message, comments, context in extract_from_dir(
        str(theme), method_map, options, keywords=_KEYWORDS
    ):
        catalog.add(message, locations=[(filename, lineno)], auto_comments=comments, context=context)
    for word in ENGINE_WORDS:
        catalog.add(word, locations=[("clinicsites/render", 0)])
    return catalog


def update(theme: Path, languages: list[str]) -> list[Path]:
    """Write translations/messages.pot and create or update each language's messages.po; return the files."""
    theme = Path(theme)
    pot = template(theme)
    written = [theme / "translations" / "messages.pot"]
    written[0].parent.mkdir(parents=True, exist_ok=True)
    with open(written[0], "wb") as file:
        write_po(file, pot, omit_header=False, sort_output=True, width=120)
    for lang in languages:
        path = catalogue(theme, lang)
        was_reviewed = reviewed(theme, lang)
        if path.is_file():
            with open(path, "rb") as file:
                catalog = read_po(file, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="clinicsites theme", charset="utf-8")
        catalog.update(pot, update_header_comment=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as file:
            write_po(file, catalog, sort_output=True, width=120, ignore_obsolete=True)
        _mark_reviewed(path, was_reviewed)
        written.append(path)
    return written


def _mark_reviewed(path: Path, value: bool) -> None:
    """Write the catalogue's review mark back into its header (Babel keeps no header field it does not know);
    a new catalogue is marked unreviewed, so its pages stay out of search engines until a fluent speaker says
    ``X-Reviewed: yes``."""
    head, _, rest = path.read_text(encoding="utf-8").partition("\n\n")
    line = f'"{REVIEWED_HEADER}: {"yes" if value else "no"}\\n"'
    path.write_text(f"{head}\n{line}\n\n{rest}", encoding="utf-8")
