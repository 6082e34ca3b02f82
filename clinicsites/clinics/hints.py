"""What an owner most likely meant by a value that does not fit: the fix to suggest with each message."""

from __future__ import annotations

import datetime
import re

from ..errors import closest

_SMART_QUOTES = "“”‘’„«»"
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %d, %Y", "%b %d, %Y", "%b %d %Y", "%Y/%m/%d", "%Y.%m.%d",
                 "%d %B, %Y", "%A %d %B %Y", "%A, %B %d, %Y")  # fmt: skip
_TIME = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*$", re.I)


def quotes(value: str) -> str | None:
    """Curly quotes, as word processors and phones type them, are not YAML's quotes."""
    if len(value) > 1 and value[:1] in _SMART_QUOTES and value[-1:] in _SMART_QUOTES:
        return 'it is wrapped in curly quotes (“ ”), which YAML keeps as part of the text; use straight quotes (" ")'
    return None


def country(value: str) -> str | None:
    """'Pakistan' or 'pk' -> the code to write."""
    from babel import Locale

    names = {code: name for code, name in Locale.parse("en").territories.items() if code.isalpha()}
    codes = {name.lower(): code for code, name in names.items()}
    text = value.strip().lower()
    code = codes.get(text) or (text.upper() if text.upper() in names else None)
    if code is None:
        near = closest(text, codes)
        code = codes[near] if near else None
    return f'the code for {names[code]} is "{code}"' if code else None


def date(value: str) -> str | None:
    """'1 December 2026' -> write it as "2026-12-01"."""
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.strip())
    for fmt in _DATE_FORMATS:
        try:
            return f'write it as "{datetime.datetime.strptime(text, fmt).date().isoformat()}"'
        except ValueError:
            continue
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        a, b, year = (int(g) for g in match.groups())
        options = {datetime.date(year, m, d).isoformat() for d, m in ((a, b), (b, a)) if m <= 12 and d <= 31}
        if options:
            return "write it as " + " or ".join(f'"{o}"' for o in sorted(options)) + " (year-month-day)"
    return None


def web_address(value: str) -> str | None:
    """'www.example.com/book' -> "https://www.example.com/book"."""
    text = value.strip()
    if text.lower().startswith("http://"):
        return (f'write it as "https://{text[7:]}" once you have checked that it opens that way: a page sent '
                "without encryption can be read or changed on the way to a patient's phone")  # fmt: skip
    if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I) and not text.lower().startswith("www."):
        return None  # has a scheme: javascript:, ftp: are refused as they are
    if re.fullmatch(r"(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?", text):
        return f'write it as "https://{text}"'
    return None


def slug(value: str) -> str | None:
    """'Baton Rouge' -> "baton-rouge"."""
    made = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return f'write it as "{made}"' if made and made != value else None


def email(value: str) -> str | None:
    text = value.strip()
    if text.lower().startswith("mailto:"):
        return f'write only the address: "{text[7:]}"'
    return None


def phone(value: str) -> str | None:
    """A number with an extension, or words, cannot be dialled from a tap."""
    if re.search(r"\b(ext|extension|x)\.?\s*\d+\s*$", value, re.I):
        return (
            "phones on the site are tapped to call, and an extension cannot be dialled that way; give the direct "
            'number, and put the extension in label: (e.g. label: "Reception, ext. 12")'
        )
    return None


def hours(value: str) -> str | None:
    """'9am-5pm' or '9-5' -> "09:00-17:00"; '24/7' -> every day "00:00-24:00"."""
    text = value.strip().lower()
    if text in ("24/7", "24 hours", "24h", "open 24 hours", "all day"):
        return 'for a day open round the clock write "00:00-24:00"'
    if text in ("off", "shut", "-", "none", "no", "closed all day", "holiday"):
        return 'write "closed"'
    parts = re.split(r"\s*(?:-|–|to)\s*", text)
    if len(parts) == 2:
        times = [_time(p, later=i == 1) for i, p in enumerate(parts)]
        if all(times) and f"{times[0]}-{times[1]}" != text:
            return f'write it as "{times[0]}-{times[1]}"'
    return None


def _time(text: str, later: bool) -> str | None:
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower()
    if half.startswith("p") and hour < 12:
        hour += 12
    elif half.startswith("a") and hour == 12:
        hour = 0
    elif not half and later and hour < 9:
        hour += 12  # "9-5": five in the afternoon
    return f"{hour:02d}:{minute:02d}" if hour <= 24 and minute < 60 else None


_ZONES = {"CST": "America/Chicago", "CDT": "America/Chicago", "CT": "America/Chicago", "EST": "America/New_York",
          "EDT": "America/New_York", "ET": "America/New_York", "MST": "America/Denver", "MDT": "America/Denver",
          "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PKT": "Asia/Karachi", "GMT": "Europe/London",
          "BST": "Europe/London", "IST": "Asia/Kolkata", "GST": "Asia/Dubai"}  # fmt: skip


def timezone(value: str) -> str | None:
    """'CST' -> "America/Chicago": IANA names follow summer time, abbreviations do not."""
    zone = _ZONES.get(value.strip().upper())
    return f'write "{zone}" (the IANA name, which follows summer time)' if zone else None


def language(value: str) -> str | None:
    """'English' or 'Urdu' -> the tag to write."""
    from babel import Locale

    text = value.strip().lower()
    names = {
        Locale.parse(tag).get_display_name("en").lower(): tag
        for tag in ("en", "ur", "ar", "es", "fr", "de", "hi", "pa", "bn", "zh", "pt", "fa")
    }
    tag = names.get(text)
    return f'write "{tag}"' if tag else None


def flag(value) -> str | None:
    """yes/no, on/off as text: YAML 1.2 reads only true and false as yes-or-no values."""
    if isinstance(value, str) and value.strip().lower() in ("yes", "y", "on", "no", "n", "off"):
        return f"write {'true' if value.strip().lower() in ('yes', 'y', 'on') else 'false'}"
    return None
