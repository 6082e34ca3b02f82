"""Rendering: each clinic's site from its facts and parsed pages (``clinic``), through the theme (``theme``,
``fragments``), with page objects (``pages``, ``links``), template context (``context``), search-engine data
(``meta``, ``seo``, ``sitefiles``), the keys that decide what to render again (``keys``) and the directory
of clinics (``directory``). ``pelican_api`` holds every use of Pelican."""
