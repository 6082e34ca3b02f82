"""What must be true before the sites go public: a real address to publish at, and no placeholder facts.

``./run publish`` refuses (exit 2) while ``brand.base_url`` is a placeholder (an ``example.*`` domain, reserved
for documentation) or any clinic has facts marked ``sample``, naming each with its clinics.yaml line.
``--allow-placeholders`` publishes anyway: sample facts are still never shown, and those clinics stay out of
search engines.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .clinics.model import Config
from .errors import Problem

#: Domains reserved for examples (RFC 2606): never where a real site lives.
_EXAMPLE = ("example.com", "example.net", "example.org", "example.edu", "example", "invalid", "test", "localhost")


def placeholder_url(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    labels = host.split(".")
    return host in _EXAMPLE or labels[-1] in ("example", "invalid", "test", "localhost") or labels[0] == "example" or \
        any(host.endswith("." + domain) for domain in _EXAMPLE)  # fmt: skip


def placeholders(config: Config, base_url: str | None = None) -> list[Problem]:
    """A problem for a placeholder base address and for each clinic with sample facts."""
    problems = []
    url = base_url or config.brand.base_url
    if placeholder_url(url) and not config.brand.domain:
        where = "--base-url" if base_url else "brand.base_url"
        problems.append(Problem(config.path, None if base_url else config.lines.get(("brand", "base_url")), where,
                                f'"{url}" is a placeholder address; set it to where the sites are published, such as '
                                "https://<owner>.github.io/<repository>"))  # fmt: skip
    for i, clinic in enumerate(config.clinics):
        if clinic.sample:
            problems.append(Problem(config.path, config.lines.get(("clinics", i, "sample")), f"clinic {clinic.slug}",
                                    f"has facts that are not confirmed ({', '.join(clinic.sample)}); confirm them and "
                                    "remove sample:, or publish anyway with --allow-placeholders (they stay hidden "
                                    "and the clinic stays out of search engines)"))  # fmt: skip
    return problems
