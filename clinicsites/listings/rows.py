"""One clinic's confirmed facts as a listing row, or the reason it cannot be listed."""

from __future__ import annotations

from ..clinics.model import Clinic
from .formats import WEEKDAYS


def skip_reason(clinic: Clinic) -> str | None:
    """Why the clinic is left out of every listing file, or None. A sample fact is never sent to a listing."""
    if clinic.is_sample("name"):
        return "its name is a sample (clinics.yaml sample: name); a listing needs the real business name"
    if clinic.address is None:
        return "its address is a sample (clinics.yaml sample: address); a listing needs the real address"
    if not clinic.address.street:
        return "it has no street address (address.street); Address line 1 is required"
    if clinic.phone is None:
        return "it has no confirmed phone number; Primary phone is required"
    return None


def google_row(clinic: Clinic, website: str | None) -> dict[str, str]:
    """The Google bulk-upload columns this clinic has a value for (``website``: its published address, or None)."""
    address = clinic.address
    row = {
        "Store code": clinic.slug,
        "Business name": clinic.name,
        "Address line 1": address.street,
        "Locality": address.locality,
        "Administrative area": address.region or "",
        "Country/Region": address.country,
        "Postal code": address.postal_code or "",
        "Primary phone": clinic.phone.e164,
        "Additional phones": ", ".join(p.e164 for p in clinic.phones[1:]),
        "Website": website or "",
    }
    if clinic.geo:
        row["Latitude"], row["Longitude"] = f"{clinic.geo.lat}", f"{clinic.geo.lng}"
    if clinic.hours:
        by_name = {day.name: day for day in clinic.hours}
        for name in WEEKDAYS:
            row[f"{name.capitalize()} hours"] = _periods(by_name[name].ranges) or "x"
    if clinic.special_hours:  # upcoming days only: clinics/local.py as_of left the past ones out
        row["Special hours"] = ", ".join(
            f"{s.date.isoformat()}: {period}" for s in clinic.special_hours for period in _each(s.ranges)
        )
    return row


def _periods(ranges) -> str:
    """ "09:00-13:00, 14:00-18:00" (24-hour, as the template writes them); "" when closed."""
    return ", ".join(f"{r.opens}-{r.closes}" for r in ranges)


def _each(ranges) -> list[str]:
    # A date repeats for each period of a split day; "x" marks a day closed all day.
    return [f"{r.opens}-{r.closes}" for r in ranges] or ["x"]
