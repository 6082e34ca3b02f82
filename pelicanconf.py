"""Pelican settings shared by every clinic's site (development build).

The engine (clinicsites) layers each clinic's facts over these: SITENAME,
DEFAULT_LANG, TIMEZONE and OUTPUT_PATH come from clinics.yaml. Paths here are
relative to this file.
"""

from jinja2 import StrictUndefined

PATH = "content"
THEME = "themes/clinic"
THEME_STATIC_DIR = "theme"
OUTPUT_PATH = "output"

TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# Relative links, so each clinic's site works under /<slug>/ and at its own domain root.
RELATIVE_URLS = True
# Canonical links, sitemaps, feeds and structured data need absolute addresses.
# While previewing they point at `invoke serve`; publishconf.py takes them
# from clinics.yaml (brand base_url, or a clinic's own domain).
PREVIEW_URL = "http://127.0.0.1:8000/"

# Addresses: directory-style URLs, one folder per page.
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CONDITION_URL = "conditions/{slug}/"
CONDITION_SAVE_AS = "conditions/{slug}/index.html"
BENEFIT_URL = "benefits/{slug}/"
BENEFIT_SAVE_AS = "benefits/{slug}/index.html"
ARTICLE_URL = "news/{slug}/"
ARTICLE_SAVE_AS = "news/{slug}/index.html"

# News is listed ten posts a page: news/, news/page/2/, ...
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"news": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# Autoescape clinic text everywhere; an unknown template variable is an error, not "".
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "undefined": StrictUndefined,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Each build makes a fresh environment, so templates need no stat() per include to spot edits.
    "auto_reload": False,
}

# Each clinic's news as Atom, with absolute links (from PREVIEW_URL or clinics.yaml).
NEWS_FEED_ATOM = "news/atom.xml"

# The health-claim rules every build checks the text patients see against: see README.md.
CLAIMS = "claims.yaml"
# Local facts by country (emergency numbers, licences, insurance, spelling): see README.md.
COUNTRIES = "countries.yaml"
# The day builds take as today (past special hours are not shown): None is the day it is in each clinic's
# time zone; "2026-11-20" fixes it (the CLINICSITES_TODAY environment variable does the same).
TODAY = None

# Parsed Markdown, validated clinics.yaml and the record of each build are kept here.
CACHE_PATH = ".cache"
