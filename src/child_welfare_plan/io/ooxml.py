"""Office files that are the same bytes for the same report.

A Word or Excel file is a zip package (Office Open XML). The libraries that write them
stamp each zip entry and the document properties (``dcterms:created``,
``dcterms:modified`` in ``docProps/core.xml``) with the moment of writing, so two runs on
the same data differ. :func:`settle` dates them all with one moment that belongs to what
is written instead (a report's date, a form's period), never the clock; :data:`EARLIEST`,
01/01/1980, the first day a zip entry can carry, when there is none.

References:
    * ECMA-376 Part 2 (Open Packaging Conventions), §11: core properties,
      ``dcterms:created`` and ``dcterms:modified`` in W3CDTF.
    * PKWARE APPNOTE.TXT §4.4.6: zip entry times in MS-DOS format, from 1980.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

__all__ = ["EARLIEST", "day_moment", "settle"]

EARLIEST = datetime(1980, 1, 1)
"""The earliest moment a zip entry can carry (and the date of an undated package)."""
_CORE = "docProps/core.xml"
_CORE_TIME = re.compile(rb"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")


def day_moment(day: date | None) -> datetime:
    """The start of ``day`` as a package's moment; :data:`EARLIEST` for None or before it."""
    if day is None or day < EARLIEST.date():
        return EARLIEST
    return datetime(day.year, day.month, day.day)


def settle(package: bytes, moment: datetime) -> bytes:
    """``package`` with every zip entry and its created/modified properties dated
    ``moment``; entries, their order and their contents otherwise unchanged."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    when = moment.timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = source.read(info)
            if info.filename == _CORE:
                body = _CORE_TIME.sub(lambda m: m.group(1) + stamp + m.group(3), body)
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            target.writestr(entry, body)
    return out.getvalue()
