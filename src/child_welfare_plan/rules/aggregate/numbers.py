"""Numbers as data files write them, read without guessing.

A count is plain ASCII digits (spaces around them are ignored). ``1.000`` is one thousand
in Vietnamese notation, where ``.`` separates thousands and ``,`` marks decimals, and one
in English: it is refused with a hint, never read either way. So are ``1_000``, ``١٢``,
``１２``, ``+5`` and ``1e3``, which Python's ``float`` would accept in silence. An amount
may also have a decimal point where it cannot be a thousands separator (``1500000.5``,
``2.25``; not ``1.000``). A minus sign is read, so that the value is refused as negative
with its own message. Numbers of 2^53 and more are refused: they would lose digits.
"""

from __future__ import annotations

import re
import unicodedata

from child_welfare_plan.i18n.localized import Message
from child_welfare_plan.model.cells import echo
from child_welfare_plan.rules.aggregate.series import KIND_AMOUNT, MAX_EXACT, Problem, show

__all__ = ["read_number"]

_GROUPED = re.compile(r"[0-9]{1,3}(?:([.,])[0-9]{3})+")
_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")
_NOT_FINITE = frozenset({"inf", "+inf", "-inf", "infinity", "-infinity", "nan", "-nan"})


def read_number(text: str, kind: int) -> float | Problem:
    """The number ``text`` writes for a value of ``kind`` (a count or an amount), or the
    problem with it, with a hint on how to write it."""
    s = text.strip()
    if not s:
        return ("missing-cell", "value", Message("the value is empty"))
    negative = s.startswith("-")
    body = s[1:] if negative else s
    if body.isascii() and body.isdigit():
        value = float(body)
        if value >= MAX_EXACT:
            return _too_large(text)
        return -value if negative else value
    grouped = _GROUPED.fullmatch(body)
    if grouped is not None:
        return ("ambiguous-number", "value", _grouping(text, body, grouped.group(1)))
    if _DECIMAL.fullmatch(body):
        if kind == KIND_AMOUNT and len(body) > 16:
            return _too_large(text)
        value = float(body)
        if kind != KIND_AMOUNT and value.is_integer():
            return (
                "bad-value",
                "value",
                Message(
                    "{cell} is not a count written with digits only; write {digits}",
                    cell=echo(text),
                    digits=str(int(value)),
                ),
            )
        return -value if negative else value
    if s.lower() in _NOT_FINITE:
        return ("bad-value", "value", Message("{cell} is not a finite number", cell=echo(text)))
    return ("bad-value", "value", _not_a_number(text))


def _too_large(text: str) -> Problem:
    return (
        "value-too-large",
        "value",
        Message(
            "{cell} is too large to be kept exactly (2^53 and more lose digits)", cell=echo(text)
        ),
    )


def _grouping(text: str, body: str, mark: str) -> Message:
    digits = body.replace(mark, "")
    if body.count(mark) > 1:
        return Message(
            "{cell} separates thousands with {mark!r}; write digits only: {digits}",
            cell=echo(text),
            mark=mark,
            digits=digits,
        )
    decimal = show(float(body.replace(mark, ".")))
    if mark == ".":
        return Message(
            "{cell} is ambiguous: {digits} ('.' separates thousands) in Vietnamese notation, "
            "{decimal} ('.' is the decimal point) in English; write digits only, e.g. {digits}",
            cell=echo(text),
            digits=digits,
            decimal=decimal,
        )
    return Message(
        "{cell} is ambiguous: {decimal} (',' is the decimal mark) in Vietnamese notation, "
        "{digits} (',' separates thousands) in English; write digits only, e.g. {digits}",
        cell=echo(text),
        digits=digits,
        decimal=decimal,
    )


def _ascii_digits(text: str) -> str | None:
    """``text`` with every decimal digit of another script written 0-9, if it has any."""
    out: list[str] = []
    other = False
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        digit = unicodedata.decimal(ch, None)
        if digit is None:
            return None
        other = True
        out.append(str(digit))
    return "".join(out) if other else None


def _not_a_number(text: str) -> Message:
    """Why ``text`` is not a number, with a hint on how to write it when one fits."""
    s = text.strip()
    cell = echo(text)
    converted = _ascii_digits(s)
    if converted is not None:
        return Message(
            "{cell} is not a number written with digits 0-9 (it uses another script's "
            "digits); write {digits}",
            cell=cell,
            digits=converted,
        )
    if "_" in s:
        return Message("{cell} is not a number; write digits only, without underscores", cell=cell)
    if s.startswith("+"):
        return Message("{cell} is not a number; write it without a sign", cell=cell)
    if "e" in s.lower():
        return Message(
            "{cell} is not a number; write it with digits only, not in exponent form", cell=cell
        )
    if re.fullmatch(r"-?[0-9]+,[0-9]+", s):
        return Message("{cell} is not a number; write the decimal mark as a point", cell=cell)
    return Message("{cell} is not a number", cell=cell)
