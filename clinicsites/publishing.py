"""What must be true before the sites go public: a real address to publish at, and no placeholder published as real.

Two permissions, never one: ``--allow-sample-facts`` publishes although some clinics have facts marked
``sample`` (they stay hidden, and those clinics out of search engines); ``--preview`` publishes under any
address, a placeholder included, as a preview kept out of search engines everywhere (every page ``noindex``,
``robots.txt`` disallowing all, no sitemap). No flag publishes a placeholder address as indexable, and no flag
publishes an unmarked fact that looks like a placeholder (a 555-01xx number, "Sample Town", an example domain).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .clinics.hints import web_address
from .clinics.kinds import HTTPS_EXPECTED
from .clinics.model import Config
from .errors import Problem
from .render.seo import placeholder_url

#: North American numbers reserved for fiction: 555-0100 to 555-0199 in any area code.
_FICTIONAL_PHONE = re.compile(r"\+1\d{3}55501\d{2}")
_SAMPLE_WORD = re.compile(r"\b(?:sample|placeholder)\b", re.I)
_HOW = "confirm it and write the real one, or mark the field sample: again (it is then not published)"


def rules(config: Config, base_url: str | None, pages_url: str | None, preview: bool, sample_facts: bool):
    """Every reason not to publish: the address, sample facts (unless ``sample_facts``), lookalike facts."""
    samples = [] if sample_facts else sample_facts_problems(config)
    return address(config, base_url, pages_url, preview) + samples + lookalikes(config)


def https_problem(url: str, flag: str) -> Problem | None:
    """A problem unless ``url``, given with ``flag``, is an absolute https:// address with a host and no spaces."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname and not re.search(r"\s", url):
        return None
    hint = web_address(url)
    return Problem("./run publish", None, flag, f'expected {HTTPS_EXPECTED}, got "{url}"' + (f"; {hint}" if hint
                                                                                            else ""))  # fmt: skip


def address(config: Config, base_url: str | None, pages_url: str | None, preview: bool) -> list[Problem]:
    """Problems with where the sites would be published: ``--base-url``, else ``brand.base_url`` (or
    ``brand.domain``), else, while that is a placeholder, ``--pages-url`` (render/seo.py ``root_url`` picks it)."""
    problems = [p for url, flag in ((base_url, "--base-url"), (pages_url, "--pages-url")) if url
                for p in [https_problem(url, flag)] if p]  # fmt: skip
    brand = config.brand
    key = ("brand", "domain") if brand.domain else ("brand", "base_url")
    url, path, line, where = brand.domain or brand.base_url, config.path, config.lines.get(key), ".".join(key)
    if base_url:
        url, path, line, where = base_url, "./run publish", None, "--base-url"
    elif pages_url and placeholder_url(brand.url):
        url, path, line, where = pages_url, "./run publish", None, "--pages-url"
    if not problems and placeholder_url(url if "//" in url else f"https://{url}/") and not preview:
        problems.append(Problem(path, line, where,
                                f'"{url}" is a placeholder address, where no one should be sent; set brand.base_url to '
                                "where the sites are published, such as https://<owner>.github.io/<repository> (or "
                                "pass --base-url, or --pages-url with the address GitHub Pages reports), or publish "
                                "a preview kept out of search engines with --preview"))  # fmt: skip
    for i, clinic in enumerate(config.clinics):
        if clinic.domain and placeholder_url(f"https://{clinic.domain}/") and not preview:
            problems.append(Problem(config.path, config.lines.get(("clinics", i, "domain")), f"clinic {clinic.slug}",
                                    f'domain "{clinic.domain}" is a placeholder; write the clinic\'s real domain or '
                                    "remove it"))  # fmt: skip
    return problems


def sample_facts_problems(config: Config) -> list[Problem]:
    """A problem for each clinic with facts marked sample (published only with --allow-sample-facts)."""
    return [Problem(config.path, config.lines.get(("clinics", i, "sample")), f"clinic {clinic.slug}",
                    f"has facts that are not confirmed ({', '.join(clinic.sample)}); confirm them and remove sample:, "
                    "or publish anyway with --allow-sample-facts (they stay hidden and the clinic stays out of search "
                    "engines)") for i, clinic in enumerate(config.clinics) if clinic.sample]  # fmt: skip


def lookalikes(config: Config) -> list[Problem]:
    """A problem for each fact published as real (not marked sample) that still looks like a placeholder."""
    problems = []

    def refuse(path: tuple, what: str, value) -> None:
        line = next((config.lines[path[:n]] for n in range(len(path), 0, -1) if path[:n] in config.lines), None)
        where = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path[2:]).replace(".[", "[")
        problems.append(Problem(config.path, line, f"clinics[{path[1]}].{where}",
                                f'"{value}" looks like a placeholder ({what}), yet it is not marked sample: and would '
                                f"be published as the clinic's; {_HOW}"))  # fmt: skip

    for i, clinic in enumerate(config.clinics):
        at = ("clinics", i)
        if _SAMPLE_WORD.search(clinic.name) and not clinic.is_sample("name"):
            refuse((*at, "name"), 'the word "sample"', clinic.name)
        for name in ("street", "locality", "region", "postal_code"):
            value = getattr(clinic.address, name, None) if clinic.address else None
            if value and _SAMPLE_WORD.search(value):
                refuse((*at, "address", name), 'the word "sample"', value)
        for j, phone in enumerate(clinic.phones):
            if _FICTIONAL_PHONE.fullmatch(phone.e164):
                refuse((*at, "phones", j, "number"), "555-0100 to 555-0199 are reserved for fiction", phone.e164)
            if phone.label and _SAMPLE_WORD.search(phone.label):
                refuse((*at, "phones", j, "label"), 'the word "sample"', phone.label)
        if clinic.email and placeholder_url("https://" + clinic.email.rpartition("@")[2]):
            refuse((*at, "email"), "a domain reserved for examples", clinic.email)
        if clinic.booking_url and placeholder_url(clinic.booking_url):
            refuse((*at, "booking_url"), "a domain reserved for examples", clinic.booking_url)
        for j, url in enumerate(clinic.same_as):
            if placeholder_url(url):
                refuse((*at, "same_as", j), "a domain reserved for examples", url)
        for j, person in enumerate(clinic.practitioners):
            if _SAMPLE_WORD.search(person.name):
                refuse((*at, "practitioners", j, "name"), 'the word "sample"', person.name)
    return problems
