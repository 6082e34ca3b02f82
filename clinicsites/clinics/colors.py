"""Brand colours: hex values checked for WCAG text contrast before they reach a stylesheet."""

from __future__ import annotations

import re

WHITE, TEXT = "#ffffff", "#1a1a1a"
#: WCAG 2.2 AA minimum contrast for normal text.
MIN_CONTRAST = 4.5
#: Defaults when neither the brand nor the clinic sets a colour; both pass MIN_CONTRAST.
DEFAULTS = {"primary": "#0b5563", "accent": "#e8f3f1"}
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def normalise(value: str) -> str:
    """'#0B5' -> '#00bb55'; raise ValueError for anything that is not a hex colour."""
    match = _HEX.fullmatch(value.strip())
    if not match:
        raise ValueError('a hex colour such as "#0b5563"')
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two hex colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    h = normalise(hex_colour)
    r, g, b = (int(h[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def primary(value: str) -> str:
    """The colour of links and of buttons with white text: it must contrast with white."""
    return _readable(value, WHITE, "a darker colour: {colour} on white")


def accent(value: str) -> str:
    """The tint behind the contact block: dark text on it must stay readable."""
    return _readable(value, TEXT, "a lighter colour: text on {colour}")


def _readable(value: str, other: str, what: str) -> str:
    colour = normalise(value)
    ratio = contrast(colour, other)
    if ratio < MIN_CONTRAST:
        raise ValueError(
            f"{what.format(colour=colour)} has contrast {ratio:.2f}:1, and text needs at least {MIN_CONTRAST}:1"
        )
    return colour
