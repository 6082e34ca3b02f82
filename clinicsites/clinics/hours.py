"""Opening hours: parse "09:00-13:00, 14:00-18:00" or "closed" into ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CLOSED = "closed"
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")
EXPECTED = 'opening times like "09:00-17:00" or "09:00-13:00, 14:00-18:00", or "closed"'


@dataclass(frozen=True)
class TimeRange:
    """One opening period within a day, as 24-hour "HH:MM" strings."""

    opens: str
    closes: str

    def __str__(self) -> str:
        return f"{self.opens}–{self.closes}"


def parse_day(text: str) -> tuple[TimeRange, ...]:
    """Parse one day's hours; raise ValueError saying what was expected."""
    if text.strip().lower() == CLOSED:
        return ()
    ranges = []
    for part in text.split(","):
        match = _RANGE.match(part)
        if not match:
            raise ValueError(EXPECTED)
        oh, om, ch, cm = (int(g) for g in match.groups())
        for hour, minute in ((oh, om), (ch, cm)):
            if hour > 24 or minute > 59 or (hour == 24 and minute):
                raise ValueError(f"times from 00:00 to 24:00 ({hour:02d}:{minute:02d} is not a time of day)")
        opens, closes = f"{oh:02d}:{om:02d}", f"{ch:02d}:{cm:02d}"
        if closes <= opens:
            raise ValueError(f"a closing time after the opening time ({opens} to {closes} closes first)")
        if ranges and opens < ranges[-1].closes:
            raise ValueError(f"periods in order that do not overlap ({ranges[-1]} overlaps {opens}–{closes})")
        ranges.append(TimeRange(opens, closes))
    return tuple(ranges)


def parse_day_list(items: list[str]) -> tuple[TimeRange, ...]:
    """Parse a YAML list of periods, such as ["09:00-13:00", "14:00-18:00"]."""
    return parse_day(", ".join(items))


def group_days(days) -> list[tuple[str, tuple, str]]:
    """Consecutive weekdays with the same hours as (first day, ranges, last day): Mon–Fri 9–5, then Sat–Sun."""
    groups: list[list] = []
    for day in days:
        if groups and groups[-1][1] == day.ranges:
            groups[-1][2] = day.name
        else:
            groups.append([day.name, day.ranges, day.name])
    return [tuple(group) for group in groups]
