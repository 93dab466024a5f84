"""Unit names as the registers write them: prefixes (Xã, Phường...), kinds, and the keys
that tell a real change of name from a change of spelling (tones placed differently,
"Thị Trấn"/"thị trấn", digits written as words). Used by ``build_geo_registers.py``.

References:
    * Decision 124/2004/QĐ-TTg: the list of administrative units and their codes (GSO).
"""

from __future__ import annotations

import re
import unicodedata

PREFIXES = (
    "Thành phố Trung ương",
    "Thành phố",
    "Thị xã",
    "Thị trấn",
    "Huyện",
    "Quận",
    "Phường",
    "Xã",
    "Tỉnh",
    "Đặc khu",
)
KIND = {
    ("province", "Tỉnh"): "tinh",
    ("province", "Thành phố Trung ương"): "thanh-pho-trung-uong",
    ("province", "Thành phố"): "thanh-pho-trung-uong",
    ("district", "Huyện"): "huyen",
    ("district", "Quận"): "quan",
    ("district", "Thị xã"): "thi-xa",
    ("district", "Thành phố"): "thanh-pho",
    ("commune", "Xã"): "xa",
    ("commune", "Phường"): "phuong",
    ("commune", "Thị trấn"): "thi-tran",
    ("commune", "Đặc khu"): "dac-khu",
}
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def clean(text: str | None) -> str:
    """NFC, plain apostrophes and dashes, single spaces."""
    text = unicodedata.normalize("NFC", text or "").replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.replace("\u2013", "-").split())


def fix_prefix(name: str) -> str:
    """The type prefix as the official list writes it ("Thành Phố X" → "Thành phố X")."""
    name = clean(name)
    for prefix in PREFIXES:
        if name.lower().startswith(prefix.lower() + " "):
            return prefix + name[len(prefix) :]
    return name


def split_prefix(name: str) -> tuple[str, str]:
    name = fix_prefix(name)
    for prefix in PREFIXES:
        if name.startswith(prefix + " "):
            return prefix, name[len(prefix) + 1 :]
    return "", name


def kind_of(level: str, type_name: str) -> str:
    prefix = fix_prefix(type_name + " x")[:-2] if type_name else type_name
    if prefix.lower() == "thành phố trung ương":
        prefix = "Thành phố Trung ương"
    return KIND[(level, prefix)]


def tone_key(text: str) -> str:
    """A comparison key that ignores case, spacing and where a tone mark sits (hoà/hòa)."""
    text = unicodedata.normalize("NFD", clean(text).lower())
    parts = []
    for word in re.split(r"(\s+|-)", text):
        tones = [c for c in word if c in _TONES]
        parts.append(
            "".join(c for c in word if c not in _TONES) + "#" + (tones[0] if tones else "")
        )
    return "|".join(parts)


def ascii_key(text: str) -> str:
    text = unicodedata.normalize("NFD", clean(text).lower().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text)


def number_key(text: str) -> str:
    return re.sub(r"0+(\d)", r"\1", ascii_key(text))


def same_name(a: str, b: str) -> bool:
    """Identical up to case, spacing, tone-mark placement and zero padding."""

    def norm(x: str) -> str:
        return tone_key(re.sub(r"\b0+(\d)", r"\1", fix_prefix(x)))

    return norm(a) == norm(b)


def _edits(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def spelling_only(a: str, b: str) -> bool:
    """Same type, names differing only in spelling: at most 2 letters of the accent-free
    name, or NT → Nông trường. A heuristic: see PROVENANCE.md."""
    ta, na = split_prefix(a)
    tb, nb = split_prefix(b)
    if ta != tb or same_name(a, b):
        return False

    def expand(s: str) -> str:
        return re.sub(r"^(?:N\.?\s?T\.?)\s", "Nông trường ", s)

    ka, kb = number_key(expand(na)), number_key(expand(nb))
    return ka == kb or _edits(ka, kb) <= 2
