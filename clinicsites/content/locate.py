"""Find where in a page's Markdown a problem in its HTML came from.

The HTML is what gets checked, but the owner edits Markdown: each finding
carries a snippet, and the locator maps it back to a source line.
"""

from __future__ import annotations

import re
from html.entities import codepoint2name


class Locator:
    """Find the Markdown line of each finding: the n-th finding of a text is its n-th occurrence."""

    _CODE = re.compile(r"(?s:^(```|~~~).*?^\1)|(`+)[^`\n].*?\2", re.M)

    def __init__(self, markdown: str, first_line: int):
        # Code is shown, never run: blank it (keeping line breaks) so it does not count.
        self.text = self._CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)
        self.first_line = first_line
        self.used: dict[str, int] = {}

    def __call__(self, needle: str) -> int:
        n = self.used.get(needle, 0)
        # Most needles (a link's address) are written as they are: find them as plain text, which is far cheaper.
        at = -1
        for _ in range(n + 1):
            at = self.text.find(needle, at + 1) if needle else -1
            if at < 0:
                break
        if at < 0:
            matches = [m.start() for m in re.finditer(_loose(needle), self.text, re.I)] if needle else []
            if not matches:
                return self.first_line
            at = matches[min(n, len(matches) - 1)]
        self.used[needle] = n + 1
        return self.first_line + self.text.count("\n", 0, at)


def _loose(text: str) -> str:
    """A pattern for ``text`` as an author may have written it: a letter may be an entity (jav&#x61;script:)."""
    parts = []
    for char in text[:40]:
        if char in "<>&\"'":  # markup itself, never an entity in what we look for
            parts.append(re.escape(char))
            continue
        code = ord(char)
        options = [re.escape(char), f"&#0*{code};", f"&#x0*{code:x};"]
        if code in codepoint2name:
            options.append(f"&{codepoint2name[code]};")
        parts.append("(?:" + "|".join(options) + ")")
    return "".join(parts)
