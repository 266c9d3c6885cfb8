"""Dates: machine-readable stamps and dates written in text or in the address."""

from __future__ import annotations

import re
from datetime import date as Date
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache
from urllib.parse import urlsplit

from ..config import (
    DAY_FIRST_ENGLISH,
    MAX_DAYS_AHEAD,
    MAX_METADATA_CHARS,
    MAX_YEAR,
    MIN_YEAR,
    MONTH_FIRST_LANGS,
    MONTH_NAMES,
    WEEKDAY_NAMES,
)

# --- dates -----------------------------------------------------------------------------------


@cache
def month_numbers() -> dict[str, int]:
    table: dict[str, int] = {}
    for names in MONTH_NAMES.values():
        for month, forms in enumerate(names.split(), start=1):
            for form in forms.split("/"):
                table.setdefault(form, month)
    return table


WEEKDAYS = frozenset(WEEKDAY_NAMES.split())
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)"
)
_YMD = re.compile(r"(?<!\d)(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)")
_D_MONTH_Y = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s*(?:de\s+)?([^\W\d_]{3,})\.?,?\s+(?:de\s+|del\s+)?"
    r"(\d{4})(?!\d)",
    re.I,
)
_MONTH_D_Y = re.compile(r"\b([^\W\d_]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.I)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
#: The form of Java's ``Date.toString()`` and C's ``asctime``: "Mon Aug 03 12:45:00 EDT 2015".
_ASCTIME = re.compile(
    r"^(?:[A-Za-z]{3},? )?([A-Za-z]{3}) +(\d{1,2}) \d\d:\d\d(?::\d\d)?(?: [A-Z]{2,5})? (\d{4})$"
)


def _valid(year: int, month: int, day: int) -> Date | None:
    """The day, or ``None`` when it does not exist, is before :data:`MIN_YEAR` or lies in the
    future (more than :data:`MAX_DAYS_AHEAD` after today)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        found = Date(year, month, day)
    except ValueError:
        return None
    return found if found <= _latest() else None


def _latest() -> Date:
    return datetime.now(timezone.utc).date() + timedelta(days=MAX_DAYS_AHEAD)


def normalize_date(value: str | None, lang: str | None = None) -> str | None:
    """A machine-readable date (ISO 8601, RFC 2822, ``20240305``) or a written one as ISO
    8601: a datetime when it carries a time, else ``YYYY-MM-DD``; ``None`` when unreadable."""
    if not value:
        return None
    value = value[:MAX_METADATA_CHARS].strip()
    iso = _ISO.match(value)
    if iso:
        day = _valid(int(iso[1]), int(iso[2]), int(iso[3]))
        if day is None:
            return None
        if iso[4] is None:
            return day.isoformat()
        zone = iso[7] or ""
        if zone == "Z":
            zone = "+00:00"
        elif zone and ":" not in zone:
            zone = f"{zone[:3]}:{zone[3:] or '00'}"
        stamp = f"{day.isoformat()}T{iso[4]}:{iso[5]}:{iso[6] or '00'}{zone}"
        try:
            return datetime.fromisoformat(stamp).isoformat()
        except ValueError:
            return day.isoformat()
    asctime = _ASCTIME.match(value)
    if asctime:
        month = month_numbers().get(asctime[1].lower())
        found = _valid(int(asctime[3]), month, int(asctime[2])) if month else None
        return found.isoformat() if found else None
    compact = _COMPACT.match(value)
    if compact:
        found = _valid(int(compact[1]), int(compact[2]), int(compact[3]))
        return found.isoformat() if found else None
    if "," in value[:5] or re.search(r"\d\d:\d\d(?::\d\d)? (?:GMT|UT|[+-]\d{4})", value):
        try:
            parsed: datetime | None = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            parsed = None
        if parsed is not None and _valid(parsed.year, parsed.month, parsed.day):
            return parsed.isoformat()
    return date_in_text(value, lang)


def date_in_text(text: str, lang: str | None = None) -> str | None:
    """The first full date written in ``text`` ("5 March 2024", "March 5, 2024", "5. März
    2024", "2024年3月5日", "05.03.2024"...), as ``YYYY-MM-DD``. A numeric date whose day and
    month could be swapped is read by the page's language, and left unread (``None``) when
    that does not settle it."""
    found: list[tuple[int, Date]] = []
    months = month_numbers()
    text = text[:MAX_METADATA_CHARS]
    for m in _YMD.finditer(text):
        day = _valid(int(m[1]), int(m[2]), int(m[3]))
        if day:
            found.append((m.start(), day))
            break
    for m in _D_MONTH_Y.finditer(text):
        month = months.get(m[2].casefold())
        day = _valid(int(m[3]), month, int(m[1])) if month else None
        if day:
            found.append((m.start(), day))
            break
    for m in _MONTH_D_Y.finditer(text):
        month = months.get(m[1].casefold())
        day = _valid(int(m[3]), month, int(m[2])) if month else None
        if day:
            found.append((m.start(), day))
            break
    for m in _DMY.finditer(text):
        day = _numeric(int(m[1]), int(m[3]), int(m[4]), m[2], lang)
        if day:
            found.append((m.start(), day))
            break
    return min(found)[1].isoformat() if found else None


def _numeric(first: int, second: int, year: int, sep: str, lang: str | None) -> Date | None:
    """A day-month-year or month-day-year date written in numbers."""
    if first > 12 or second > 12:  # only one reading
        return _valid(year, second, first) if first > 12 else _valid(year, first, second)
    if first == second:
        return _valid(year, first, second)
    low = (lang or "").lower()
    primary = low.split("-")[0]
    if low in MONTH_FIRST_LANGS:
        return None if sep == "." else _valid(year, first, second)
    if primary and (primary != "en" or low in DAY_FIRST_ENGLISH):
        return _valid(year, second, first)
    return None


_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-]([01]?\d|[a-z]{3})[/-]([0-3]?\d)(?:/|[-_][^/\d]|\.html?|$)", re.I
)


def date_in_url(url: str | None) -> str | None:
    """A date the address carries as ``/2024/03/05/``, ``/2024-03-05-slug`` or
    ``/2024/mar/05/``."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:  # "Invalid IPv6 URL": a stray "[" in a page's canonical link
        return None
    m = _URL_DATE.search(path)
    if not m:
        return None
    month = int(m[2]) if m[2].isdigit() else month_numbers().get(m[2].lower())
    found = _valid(int(m[1]), month, int(m[3])) if month else None
    return found.isoformat() if found else None
