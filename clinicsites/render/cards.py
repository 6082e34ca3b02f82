"""Sections of a page's body that patients must not miss, drawn as cards (after the NHS website's care cards).

A section is known by its heading's anchor, which Markdown makes from the English heading ("When to see a
doctor instead" -> ``when-to-see-a-doctor-instead``); a translation gives its heading the same anchor with
``{: #when-to-see-a-doctor-instead }``. The heading and everything up to the next one go into the card.
"""

from __future__ import annotations

import re

from markupsafe import Markup

#: Anchor -> kind of card: urgent (see a doctor, get help now) or info (ask first, what to expect).
CARDS = {
    "when-to-see-a-doctor-instead": "urgent",
    "signs-that-need-urgent-care": "urgent",
    "when-to-get-help": "urgent",
    "when-to-ask-first": "info",
    "who-should-not-have-dry-needling": "info",
}
_H2 = re.compile(r'<h2 id="(?P<id>[^"]+)">(?P<text>.*?)</h2>', re.S)
_LINK = re.compile(r"</?a\b[^>]*>")


def wrap(html: str, urgent_note: str = "") -> str:
    """Put each known section (its h2 up to the next h2 or the end) into a card; ``urgent_note`` (HTML) ends each
    urgent card (who to call in an emergency, in the clinic's country)."""
    if not any(f'id="{anchor}"' in html for anchor in CARDS):
        return html
    out, last = [], 0
    matches = list(_H2.finditer(html))
    for i, match in enumerate(matches):
        kind = CARDS.get(match.group("id"))
        if kind is None:
            continue
        end = matches[i + 1].start() if i + 1 < len(matches) else len(html)
        out.append(html[last : match.start()])
        note = urgent_note if kind == "urgent" else ""
        out.append(f'<section class="care-card {kind}" aria-labelledby="{match.group("id")}">'
                   f"{html[match.start() : end].rstrip()}{note}</section>\n")  # fmt: skip
        last = end
    out.append(html[last:])
    return "".join(out)


def headings(html: str) -> list[tuple[str, Markup]]:
    """(anchor, text) of every h2 in ``html``: its inline markup kept as it is (entities written once, a term marked
    ``<span lang="en">`` still marked), links unwrapped (a contents entry is a link itself)."""
    return [(m.group("id"), Markup(" ".join(_LINK.sub("", m.group("text")).split()))) for m in _H2.finditer(html)]
