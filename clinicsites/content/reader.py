"""Pelican's Markdown reader, taught YAML front matter and clinic tags."""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader

from .. import cache, claims, memory
from ..clinics.yamlsource import read_utf8
from ..errors import InputError
from . import frontmatter, pagelinks, sanitize, tags, templating, translations


@dataclass
class ParsedMarkdown:
    """A Markdown file read once: validated front matter and compiled templates."""

    meta: dict
    body: templating.Template
    fields: dict[str, templating.Template]  # templated front matter values
    lines: dict[str, int]  # line of each front matter key
    links: list[pagelinks.Link]  # links to pages, each as a {filename} target, with its line
    images: list[tuple[str, int]] = field(default_factory=list)  # {static} targets, with their lines
    tags: list[tuple[str, int]] = field(default_factory=list)  # clinic tags as written, with their lines
    anchors: frozenset[str] = frozenset()  # ids of the body's headings, for links to page#anchor
    claims_rules: str = ""  # digest of the claim rules the file was checked against
    # Digests of what site and page keys cover (render/keys.py), worked out once per version of the file rather
    # than once per clinic in every build.
    front: str = ""  # front matter, templated fields and links
    body_digest: str = ""  # the body's template source


class UnparsedFile(InputError):
    """A file with problems, and what could still be read from it: its links and images are checked too."""

    def __init__(self, problems, partial: ParsedMarkdown | None = None):
        super().__init__(problems)
        self.partial = partial


class ClinicMarkdownReader(MarkdownReader):
    """Read Markdown with YAML front matter whose text may use clinic facts."""

    file_extensions = ("md",)

    def __init__(self, settings):
        super().__init__(settings)
        md_settings = copy.deepcopy(self.settings["MARKDOWN"])
        # Front matter is YAML here; the meta extension would swallow a body
        # that starts with "Note: ..." as metadata.
        md_settings["extensions"] = [e for e in md_settings["extensions"] if not e.endswith(".meta")]
        md_settings["extension_configs"].pop("markdown.extensions.meta", None)
        self._md = Markdown(**md_settings)
        self.addresses = pagelinks.Addresses(self.settings)
        self._rules: tuple | None = None  # (the rules file's stamp, its rules)

    def parse(self, source_path, display_path: str, section: str, translation: bool = False) -> ParsedMarkdown:
        """Parse one file (a ``translation`` has front matter of its own); raise InputError naming every problem."""
        text = read_utf8(source_path, display_path)
        doc, body, body_line = frontmatter.split(text, display_path)
        meta, problems = frontmatter.validate(doc, section, translation)
        masked = tags.mask(body, body_line)
        problems += tags.check_names(masked, display_path, body_line)
        used = [(t.source, t.line) for t in masked.tags]
        for key in frontmatter.TEMPLATED:
            if isinstance(doc.data, dict) and isinstance(doc.data.get(key), str):
                line = doc.line((key,))
                field_tags = tags.mask(doc.data[key], line)
                problems += tags.check_names(field_tags, display_path, line)
                used += [(t.source, t.line) for t in field_tags.tags]
        # Convert even when there are problems already, so unsafe HTML is reported in the same run.
        self._md.reset()
        html = self._md.convert(masked.text)
        scan = sanitize.scan(html, masked, body_line, display_path)
        problems += scan.problems
        anchors = templating.anchors(html)
        own = self.addresses.of(section, _slug(source_path, section, meta), _field(meta, "date"))
        links = [
            pagelinks.Link(pagelinks.normalise(href, own, self.addresses), line, href) for href, line in scan.links
        ]
        links = [link for link in links if link.target is not None]  # the site's own pages (contact...)
        problems += pagelinks.same_page(links, anchors, display_path)
        # Health claims, anywhere in the file (the title and description are what search results show).
        rules = self.rules()
        problems += [hit.problem() for hit in claims.scan(text, display_path, rules) if not hit.allowed]
        if problems:
            raise UnparsedFile(problems, ParsedMarkdown({}, None, {}, {}, links, scan.statics, [], anchors))
        html = pagelinks.rewrite(html, {link.written: link.target for link in links})
        body_template = templating.compile_html(html, masked.tags, display_path)
        fields = {
            key: templating.compile_text(meta[key], doc.line((key,)), display_path)
            for key in frontmatter.TEMPLATED
            if meta.get(key)
        }
        for key in ("date", "updated"):
            if meta.get(key):
                meta[key] = self.process_metadata("date", meta[key].isoformat())
        lines = {key: doc.line((key,)) for key in doc.data}
        return ParsedMarkdown(meta, body_template, fields, lines, links, scan.statics, used, anchors, rules.digest,
                              frontmatter.digest(meta, fields, links), cache.digest(body_template.source))  # fmt: skip

    def rules(self) -> claims.Rules:
        """The claim rules, read again only when their file changes (reading and digesting it for each of
        thousands of files took a tenth of parsing)."""
        path = claims.rules_file(self.settings)
        stamp = memory.file_stamp(path)
        if self._rules is None or stamp is None or self._rules[0] != stamp:
            self._rules = (stamp, claims.load_rules(path, Path(self.settings["CACHE_PATH"])))
        return self._rules[1]

    def parse_cached(self, source_path, display_path: str, section: str, shard, translation=False) -> ParsedMarkdown:
        """parse(), answered from the cache ``shard`` when this file was parsed cleanly before."""
        try:
            stat = os.stat(source_path)
        except OSError:
            return self.parse(source_path, display_path, section, translation)  # reports the problem
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino, section)
        parsed = shard.get(display_path, stamp)
        if parsed is not None and parsed.claims_rules == shard.rules:
            return parsed
        try:
            data = Path(source_path).read_bytes()
        except OSError:
            return self.parse(source_path, display_path, section, translation)
        key = cache.digest(display_path, section, data)
        parsed = shard.get_by_bytes(display_path, stamp, key)
        if parsed is None or parsed.claims_rules != shard.rules:  # checked against other rules: check it again
            parsed = self.parse(source_path, display_path, section, translation)
            shard.put(display_path, stamp, key, parsed)
        return parsed

    def read(self, source_path):
        """Pelican's reader interface: HTML (with clinic tags in place) and metadata."""
        section = next((s for s in frontmatter.SECTIONS if f"/{s}/" in str(source_path)), "pages")
        parsed = self.parse(source_path, str(source_path), section)
        return parsed.body.source, parsed.meta


def _field(meta, name: str):
    """A front matter value, if the front matter validated (links are checked in the same run either way)."""
    return meta.get(name) if isinstance(meta, dict) else None


def _slug(source_path, section: str, meta) -> str:
    """The page's slug as the library will give it: its own, else from the file name (a post's without its date,
    a translation's without its language)."""
    name = Path(source_path).name.removesuffix(".md")
    name = re.sub(r"\.[a-z]{2,3}(?:-[A-Za-z0-9]+)*$", "", name) if translations.language_of(name + ".md") else name
    return _field(meta, "slug") or (re.sub(r"^\d{4}-\d{2}-\d{2}-", "", name) if section == "posts" else name)
