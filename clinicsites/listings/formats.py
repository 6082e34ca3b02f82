"""The listing formats ``./run listings`` writes, with the column headers their documentation gives and where.

Only documented headers are written: a file is checked against this list before it is kept (``files.py``).
Apple Business Connect's location import is not here: no source this project could check documents its
column headers, so no file is written for it (the command says so) rather than one with guessed columns.
"""

from __future__ import annotations

from dataclasses import dataclass

WEEKDAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")


@dataclass(frozen=True)
class Format:
    name: str
    file: str
    headers: tuple[str, ...]  # every column the documentation names, in the template's order
    required: tuple[str, ...]  # columns a new location needs (the others are written where known)
    sources: tuple[str, ...]  # where the headers and value shapes are documented


GOOGLE = Format(
    name="Google Business Profile bulk upload spreadsheet",
    file="google-business-profile.csv",
    headers=(
        "Store code", "Business name", "Address line 1", "Address line 2", "Sub-locality", "Locality",
        "Administrative area", "Country/Region", "Postal code", "Latitude", "Longitude", "Primary phone",
        "Additional phones", "Website", "Primary category", "Additional categories",
        *(f"{day.capitalize()} hours" for day in WEEKDAYS), "Special hours", "AdWords location extensions phone",
    ),
    # Primary category is required too, but clinics.yaml does not declare one: Business Profile Manager asks for
    # it after the upload ("you'll be asked to fill in cells that are missing required data").
    required=("Store code", "Business name", "Address line 1", "Country/Region", "Primary phone"),
    sources=(
        # Fields, required ones, store code rules; a .csv template; "you may include only the columns for store
        # code and the fields you want to modify".
        "https://support.google.com/business/answer/3370250",
        # Address line 1.., Sub-locality, Locality, Administrative area, Country/Region, Postal code.
        "https://support.google.com/business/answer/6397478",
        # The Special hours column: "YYYY-MM-DD: HH:MM-HH:MM", and "x" for a day closed all day.
        "https://support.google.com/business/answer/6303076",
        # The day columns ("Monday hours": "09:00-17:00", "11:30-14:00, 17:00-22:00", "x" when closed), as a
        # reproduction of Google's template that cites answer/3370250.
        "https://github.com/Prisjakt/feed-specification (docs/feeds/local-store)",
    ),
)  # fmt: skip

FORMATS = (GOOGLE,)

#: Formats asked for that are not written, and why (printed by the command).
NOT_WRITTEN = {
    "Apple Business Connect location import": "its column headers are not documented in any source this project "
    "could check; enter the same facts in Business Connect by hand, or add the format to "
    "clinicsites/listings/formats.py once Apple's template is at hand",
}
