"""Text files decoded as the table readers need them: UTF-8 (a BOM accepted), UTF-16 and
UTF-32 with a BOM; anything else is a finding that says what the file looks like and how
to save it."""

from __future__ import annotations

import codecs
from pathlib import Path

from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.findings import Finding, Location, Severity

__all__ = ["decode_file"]


def _problem(source: str, code: str, message: str, row: int | None = None) -> Finding:
    return Finding(Severity.ERROR, code, message, Location(file=source, row=row))


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_like_utf16(raw: bytes) -> bool:
    """Text of mostly ASCII characters in UTF-16 without a BOM: every other byte is 0."""
    sample = raw[:4096]
    half = len(sample) // 2
    if half < 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= 0.3 * half and min(even, odd) <= 0.05 * half


def decode_file(path: Path, source: str) -> tuple[str | None, Finding | None]:
    """The text of the file at ``path`` (named ``source`` in findings), or the finding that
    says why it is not text this library reads."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, _problem(
            source, "unreadable-file", Message("cannot read the file: {reason}", reason=reason)
        )
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), None
            except UnicodeDecodeError:
                return None, _problem(
                    source,
                    "not-utf8",
                    Message(
                        "the file starts like {codec} text but is not valid {codec}; save it "
                        "as UTF-8 (in Excel: “CSV UTF-8”)",
                        codec=codec.upper(),
                    ),
                )
    if _looks_like_utf16(raw):
        return None, _problem(
            source,
            "not-utf8",
            Message(
                "the file looks like UTF-16 text without a byte-order mark; save it as UTF-8 "
                "(in Excel: “CSV UTF-8”)"
            ),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, _problem(
            source,
            "not-utf8",
            Message(
                "the file is not UTF-8 text (bad byte {byte} at byte {at}); save it as UTF-8 "
                "(in Excel: “CSV UTF-8”) — legacy Vietnamese encodings (Windows-1258, TCVN3, "
                "VNI) are not read",
                byte=format(raw[exc.start], "#04x"),
                at=exc.start,
            ),
            row=line,
        )
    if "\x00" in text:
        at = raw.index(0)
        return None, _problem(
            source,
            "not-text",
            Message("the file holds a NUL byte (at byte {at}): it is not a text file", at=at),
            row=raw[:at].count(b"\n") + 1,
        )
    return text, None
