"""Build one static website per clinic, plus a directory of clinics, with Pelican."""

__version__ = "0.1.0"
