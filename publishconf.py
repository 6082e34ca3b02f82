"""Production settings: pelicanconf.py plus what only the published sites need."""

import os
import sys

# Pelican loads this file by path; make its sibling pelicanconf.py importable from any folder.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

# Published pages still link relatively, so each clinic's site works both
# under the brand's base_url (/<slug>/) and at its own domain.
RELATIVE_URLS = True
# Absolute addresses (canonical, sitemaps, feeds, structured data) come from
# clinics.yaml: brand base_url + /<slug>/, or the clinic's own domain.
PREVIEW_URL = None
