"""Rebuild the national unit registers shipped in ``child_welfare_plan/catalogs/data/units/``.

Sources (see ``src/child_welfare_plan/catalogs/data/units/PROVENANCE.md``):

* the project's list of 10/04/2023 (``../shared/data/vn_admin_units_2023-04-10.csv``: the
  GSO list of that day, one row per commune);
* the data of the MIT-licensed package ``vietnamadminunits`` 1.0.4 (``dataset.db``: tables
  ``admin_units_legacy``, the list in force until 30/06/2025, and ``admin_units``, the list
  of 01/07/2025; ``converter_2025.json``: its old → new converter).

It writes, gzip-compressed (fixed timestamp, so a rebuild from the same sources gives the
same bytes):

* ``units_2023-04-10.csv.gz``, ``units_2025-06-30.csv.gz``, ``units_2025-07-01.csv.gz``:
  ``code,name,level,kind,parent``;
* ``successions_2023-04-10_2025-06-30.csv.gz``: ``old_code,new_code,kind,note``, derived
  by matching the two lists (same code; ``wardAlias``; names), every row a merge, split,
  rename or re-parenting (``note`` says when a row is a heuristic or unresolved);
* ``crosswalk_2025-07-01.csv.gz``: ``old_code,new_code,divided``, the converter as
  published (one row per destination of a divided unit);

and, with ``--mapping``, ``docs/geography/mapping_disagreements.csv``: every disagreement
of the project's derived mapping with these sources.

Usage (the package is only needed to rebuild, never to use the library)::

    pip install vietnamadminunits==1.0.4
    python scripts/build_geo_registers.py \\
        --shared-2023 ../shared/data/vn_admin_units_2023-04-10.csv \\
        --mapping ../shared/data/vn_commune_reform_2025-07-01_mapping.csv

Coordinates, bounds and geocoded addresses in the package's tables are never read.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import io
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "child_welfare_plan" / "catalogs" / "data" / "units"
DOCS_OUT = ROOT / "docs" / "geography" / "mapping_disagreements.csv"
UNIT_HEADER = ("code", "name", "level", "kind", "parent")

Row = tuple[str, ...]
Units = dict[str, dict[str, str]]

from geo_names import (  # noqa: E402 (the script's own folder is on sys.path)
    fix_prefix,
    kind_of,
    number_key,
    same_name,
    spelling_only,
    split_prefix,
    tone_key,
)

# -- files ----------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_gzip_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A UTF-8 CSV, LF line ends, gzip with a fixed timestamp (reproducible bytes)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as handle,
    ):
        handle.write(text.getvalue().encode("utf-8"))


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def as_units(rows: Iterable[Row]) -> Units:
    return {r[0]: dict(zip(UNIT_HEADER, r, strict=True)) for r in rows}


# -- the three lists ------------------------------------------------------------------------


def list_2023(shared: Path, db: sqlite3.Connection) -> list[Row]:
    """The 10/04/2023 list, plus the five island districts that have no commune (and so
    no row in a commune-level list), taken from vietnamadminunits."""
    provinces: dict[str, tuple[str, str]] = {}
    districts: dict[str, tuple[str, str, str]] = {}
    communes: list[Row] = []
    for r in read_csv(shared):
        provinces.setdefault(
            r["province_code"],
            (fix_prefix(r["province_name"]), kind_of("province", r["province_type"])),
        )
        districts.setdefault(
            r["district_code"],
            (
                fix_prefix(r["district_name"]),
                kind_of("district", r["district_type"]),
                r["province_code"],
            ),
        )
        communes.append(
            (
                r["commune_code"],
                fix_prefix(r["commune_name"]),
                "commune",
                kind_of("commune", r["commune_type"]),
                r["district_code"],
            )
        )
    query = (
        "select districtCode, district, districtType, provinceCode from admin_units_legacy "
        "where wardCode is null order by districtCode"
    )
    for code, name, kind, province in db.execute(query):
        districts[code] = (fix_prefix(name), kind_of("district", kind), province)
    rows: list[Row] = [(c, n, "province", k, "") for c, (n, k) in sorted(provinces.items())]
    rows += [(c, n, "district", k, p) for c, (n, k, p) in sorted(districts.items())]
    return rows + sorted(communes)


def list_before_reform(db: sqlite3.Connection) -> list[Row]:
    """The list in force until 30/06/2025 (vietnamadminunits' legacy table). A unit's kind
    follows its name's prefix (the table's type column disagrees with it in three rows)."""
    provinces: dict[str, tuple[str, str]] = {}
    districts: dict[str, tuple[str, str, str]] = {}
    communes: list[Row] = []
    query = (
        "select province, provinceCode, district, districtType, districtCode, ward, wardCode "
        "from admin_units_legacy"
    )
    for province, p_code, district, d_type, d_code, ward, w_code in db.execute(query):
        p_name = fix_prefix(province)
        kind = "thanh-pho-trung-uong" if p_name.startswith("Thành phố") else "tinh"
        provinces.setdefault(p_code, (p_name, kind))
        districts.setdefault(d_code, (fix_prefix(district), kind_of("district", d_type), p_code))
        if w_code:
            name = fix_prefix(ward)
            communes.append(
                (w_code, name, "commune", kind_of("commune", split_prefix(name)[0]), d_code)
            )
    rows: list[Row] = [(c, n, "province", k, "") for c, (n, k) in sorted(provinces.items())]
    rows += [(c, n, "district", k, p) for c, (n, k, p) in sorted(districts.items())]
    return rows + sorted(communes)


def list_2025(db: sqlite3.Connection) -> list[Row]:
    """The list of 01/07/2025 (vietnamadminunits' table of the two-tier units)."""
    provinces: dict[str, tuple[str, str]] = {}
    communes: list[Row] = []
    query = "select province, provinceCode, ward, wardCode from admin_units"
    for province, p_code, ward, w_code in db.execute(query):
        p_name = fix_prefix(province)
        kind = "thanh-pho-trung-uong" if p_name.startswith("Thành phố") else "tinh"
        provinces.setdefault(p_code, (p_name, kind))
        name = fix_prefix(ward)
        communes.append(
            (w_code, name, "commune", kind_of("commune", split_prefix(name)[0]), p_code)
        )
    rows: list[Row] = [(c, n, "province", k, "") for c, (n, k) in sorted(provinces.items())]
    return rows + sorted(communes)


# -- successions 2023 → 30/06/2025 ------------------------------------------------------------


def _match(
    full: str, short: str, pool: list[str], alias: dict[str, set[str]], units: Units
) -> tuple[str, list[str]]:
    """The units of ``pool`` that absorbed a vanished unit, by the first test that finds
    any: its full or short name among their aliases, an alias that is a prefix of it (or
    the other way), the same short name, the same stem (Hải Châu II → Hải Châu)."""

    def short_of(b: str) -> str:
        return number_key(split_prefix(units[b]["name"])[1])

    def stem(s: str) -> str:
        return re.sub(r"(i+|[a-d]|\d+)$", "", s)

    tiers: list[tuple[str, Callable[[str], bool]]] = [
        ("alias", lambda b: full in alias[b]),
        ("alias", lambda b: short in alias[b]),
        (
            "alias-prefix",
            lambda b: any(
                len(x) >= 4 and (short.startswith(x) or x.startswith(short)) for x in alias[b]
            ),
        ),
        ("same-name-other-code", lambda b: short_of(b) == short),
        ("name-stem", lambda b: stem(short_of(b)) == stem(short)),
    ]
    for name, test in tiers:
        hits = [b for b in pool if test(b)]
        if hits:
            return name, hits
    return "unresolved", []


def successions(a_units: Units, b_units: Units, db: sqlite3.Connection) -> list[Row]:
    """Every unit of 2023 that changed before 01/07/2025: ``(old, new, kind, note)``.

    Same code → continuity (a merge when others joined it, else a re-parenting or a
    rename); a vanished code → the unit whose ``wardAlias`` lists its name, or that has its
    name, in the same or the receiving district; new codes with no predecessor → a split of
    the nearest lower code of their district (a heuristic). Districts follow their communes.
    """

    def level(units: Units, lv: str) -> Units:
        return {k: v for k, v in units.items() if v["level"] == lv}

    ac, bc = level(a_units, "commune"), level(b_units, "commune")
    ad, bd = level(a_units, "district"), level(b_units, "district")
    ap, bp = level(a_units, "province"), level(b_units, "province")
    alias: dict[str, set[str]] = {
        code: {re.sub(r"0+(\d)", r"\1", a) for a in json.loads(raw or "[]")}
        for code, raw in db.execute(
            "select wardCode, wardAlias from admin_units_legacy where wardCode is not null"
        )
    }
    district_map: dict[str, set[str]] = collections.defaultdict(set)
    for code, unit in ac.items():
        if code in bc:
            district_map[unit["parent"]].add(bc[code]["parent"])

    matches: dict[str, tuple[str, list[str]]] = {}
    for code in sorted(set(ac) - set(bc)):
        unit = ac[code]
        full, short = number_key(unit["name"]), number_key(split_prefix(unit["name"])[1])
        districts = district_map[unit["parent"]] or {unit["parent"]}
        pool = [b for b in bc if bc[b]["parent"] in districts]

        how, found = _match(full, short, pool, alias, bc)
        if found:
            same = [b for b in found if bc[b]["parent"] == unit["parent"]]
            found = same or found
        matches[code] = (how, found)

    preds: dict[str, list[str]] = collections.defaultdict(list)
    for code in ac:
        if code in bc:
            preds[code].append(code)
    for code, (_, found) in matches.items():
        for b in found:
            preds[b].append(code)

    rows: list[Row] = []
    for code in sorted(ac):
        unit = ac[code]
        if code in bc:
            other = bc[code]
            if len(preds[code]) >= 2:
                rows.append((code, code, "merge", ""))
            elif unit["parent"] != other["parent"]:
                rows.append((code, code, "reparent", ""))
            elif not same_name(unit["name"], other["name"]) and not spelling_only(
                unit["name"], other["name"]
            ):
                rows.append((code, code, "rename", ""))
            continue
        how, found = matches[code]
        if not found:
            rows.append((code, "", "merge", "unresolved: no source names the receiving unit"))
        elif len(found) > 1:
            rows.extend((code, b, "split", f"matched by {how}") for b in found)
        else:
            b = found[0]
            note = "" if how == "alias" else f"matched by {how}"
            rows.append((code, b, "merge" if len(preds[b]) > 1 else "rename", note))

    # New codes with no predecessor: carved out of a unit of their district. The nearest
    # lower code is taken as that unit (GSO gives carved-out units the next free codes).
    carved: dict[str, list[str]] = collections.defaultdict(list)
    for b in sorted(bc):
        if not preds[b]:
            lower = [a for a in ac if ac[a]["parent"] == bc[b]["parent"] and a < b]
            parent = max(lower) if lower else ""
            carved[parent].append(b)
            preds[b].append(parent)
    for parent, news in carved.items():
        rows = [r for r in rows if r[0] != parent]
        note = "heuristic: " + " ".join(news) + " had no predecessor; nearest lower code taken"
        rows.extend((parent, b, "split", note) for b in ([parent] if parent in bc else []) + news)

    flow: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for code in ac:
        targets = [code] if code in bc else matches[code][1]
        for b in targets:
            flow[ac[code]["parent"]][bc[b]["parent"]] += 1
    for parent, news in carved.items():
        for b in news:
            flow[ac[parent]["parent"]][bc[b]["parent"]] += 1
    district_preds: dict[str, set[str]] = collections.defaultdict(set)
    for old, counter in flow.items():
        for new in counter:
            district_preds[new].add(old)
    for d in ad:
        if d in bd:
            district_preds[d].add(d)
    for d in sorted(ad):
        targets = sorted(flow.get(d, {})) or ([d] if d in bd else [])
        if len(targets) > 1:
            rows.extend((d, t, "split", "") for t in targets)
        elif targets:
            t = targets[0]
            if len(district_preds[t]) >= 2:
                rows.append((d, t, "merge", ""))
            elif t != d or (
                not same_name(ad[d]["name"], bd[t]["name"])
                and not spelling_only(ad[d]["name"], bd[t]["name"])
            ):
                rows.append((d, t, "rename", ""))
    for p in sorted(ap):
        if not (same_name(ap[p]["name"], bp[p]["name"]) and ap[p]["kind"] == bp[p]["kind"]):
            rows.append((p, p, "rename", ""))
    rows.sort(key=lambda r: (len(r[0]), r[0], r[1]))
    return rows


# -- the converter of 01/07/2025 ------------------------------------------------------------


def crosswalk(db: sqlite3.Connection, converter: dict[str, dict[str, object]]) -> list[Row]:
    """vietnamadminunits' old → new converter as published: ``(old, new, divided)``."""
    legacy: dict[str, tuple[str, str]] = {}
    query = (
        "select provinceKey, districtKey, wardKey, wardCode, districtCode from admin_units_legacy"
    )
    for p_key, d_key, w_key, w_code, d_code in db.execute(query):
        legacy[f"{p_key}_{d_key}_{w_key or ''}"] = (w_code, d_code)
    new = {
        (p, w): code
        for p, w, code in db.execute("select provinceKey, wardKey, wardCode from admin_units")
    }

    def old_code(key: str) -> str:
        ward, district = legacy[key]
        return ward or district  # an island district with no commune

    rows: list[Row] = []
    undivided = cast(dict[str, dict[str, list[str]]], converter["DICT_PROVINCE_WARD_NO_DIVIDED"])
    divided = cast(
        dict[str, dict[str, list[dict[str, str]]]], converter["DICT_PROVINCE_WARD_DIVIDED"]
    )
    assert isinstance(undivided, dict) and isinstance(divided, dict)
    for p_key, wards in undivided.items():
        for new_key, olds in wards.items():
            rows.extend((old_code(o), new[(p_key, new_key)], "0") for o in olds)
    for p_key, split in divided.items():
        for o, targets in split.items():
            rows.extend((old_code(o), new[(p_key, t["newWardKey"])], "1") for t in targets)
    rows.sort()
    assert len(set(rows)) == len(rows)
    return rows


# -- the shared mapping checked ---------------------------------------------------------------


def check_mapping(mapping: Path, b_units: Units, n_units: Units, cross: list[Row]) -> list[Row]:
    """Every disagreement of the project's derived mapping with the crosswalk and the lists:
    ``(issue, old_code, shared, vietnamadminunits, detail)``."""
    shared = read_csv(mapping)
    by_shared: dict[str, set[str]] = collections.defaultdict(set)
    by_vau: dict[str, set[str]] = collections.defaultdict(set)
    for r in shared:
        by_shared[r["old_commune_code"]].add(r["new_commune_code"])
    for old, new, _ in cross:
        if len(old) == 5:
            by_vau[old].add(new)
    out: list[Row] = []

    def name(code: str) -> str:
        return n_units[code]["name"] if code in n_units else "?"

    for old in sorted(set(by_shared) - set(by_vau)):
        first = next(r["old_commune_name"] for r in shared if r["old_commune_code"] == old)
        out.append(
            (
                "old_code_not_pre-reform",
                old,
                " ".join(sorted(by_shared[old])),
                "",
                f"{first}: in neither the 2023 list nor the list in force until 30/06/2025",
            )
        )
    for old in sorted(set(by_vau) - set(by_shared)):
        out.append(
            (
                "old_code_missing_in_shared",
                old,
                "",
                " ".join(sorted(by_vau[old])),
                b_units[old]["name"],
            )
        )
    for old in sorted(set(by_shared) & set(by_vau)):
        s, v = by_shared[old], by_vau[old]
        if s == v:
            continue
        issue = (
            "wrong_destination"
            if len(s) == len(v)
            else "missing_destination"
            if s < v
            else "extra_destination"
            if s > v
            else "different_destinations"
        )
        detail = (
            f"{b_units[old]['name']}: shared -> "
            + "; ".join(f"{n} {name(n)}" for n in sorted(s))
            + " | vietnamadminunits -> "
            + "; ".join(f"{n} {name(n)}" for n in sorted(v))
        )
        out.append((issue, old, " ".join(sorted(s)), " ".join(sorted(v)), detail))
    for r in shared:
        old, new = r["old_commune_code"], r["new_commune_code"]
        if new not in n_units:
            out.append(("new_code_not_in_2025_list", old, new, "", r["new_commune_name"]))
            continue
        if tone_key(r["new_commune_name"]) != tone_key(n_units[new]["name"]):
            out.append(
                (
                    "new_name_mismatch",
                    old,
                    f"{new} {r['new_commune_name']}",
                    f"{new} {name(new)}",
                    "",
                )
            )
        if r["new_province_code"] != n_units[new]["parent"]:
            out.append(
                (
                    "new_province_mismatch",
                    old,
                    f"{new} province {r['new_province_code']}",
                    f"{new} province {n_units[new]['parent']}",
                    "",
                )
            )
        if old in b_units:
            if tone_key(r["old_commune_name"]) != tone_key(b_units[old]["name"]):
                out.append(
                    ("old_name_mismatch", old, r["old_commune_name"], b_units[old]["name"], "")
                )
            province = b_units[b_units[old]["parent"]]["parent"]
            if r["old_province_code"] != province:
                out.append(("old_province_mismatch", old, r["old_province_code"], province, ""))
    styles = collections.Counter((r["new_province_code"], r["new_province_name"]) for r in shared)
    for (code, text), count in sorted(styles.items()):
        if code in n_units and tone_key(text) != tone_key(n_units[code]["name"]):
            out.append(
                (
                    "new_province_name_style",
                    "",
                    f"{code} {text}",
                    f"{code} {name(code)}",
                    f"{count} rows",
                )
            )
    return out


# -- main -----------------------------------------------------------------------------------


def _package_data() -> Path:
    return Path(str(resources.files("vietnamadminunits").joinpath("data")))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared-2023",
        type=Path,
        default=ROOT.parent / "shared" / "data" / "vn_admin_units_2023-04-10.csv",
        help="the list of 10/04/2023 (one row per commune)",
    )
    parser.add_argument(
        "--vau-data",
        type=Path,
        default=None,
        help="vietnamadminunits' data folder (default: the installed package's)",
    )
    parser.add_argument("--out", type=Path, default=OUT, help="where the registers go")
    parser.add_argument("--mapping", type=Path, help="a derived mapping to check")
    parser.add_argument("--docs-out", type=Path, default=DOCS_OUT)
    args = parser.parse_args(argv)
    data = args.vau_data or _package_data()
    db = sqlite3.connect(data / "dataset.db")
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))

    a_rows, b_rows, n_rows = list_2023(args.shared_2023, db), list_before_reform(db), list_2025(db)
    write_gzip_csv(args.out / "units_2023-04-10.csv.gz", UNIT_HEADER, a_rows)
    write_gzip_csv(args.out / "units_2025-06-30.csv.gz", UNIT_HEADER, b_rows)
    write_gzip_csv(args.out / "units_2025-07-01.csv.gz", UNIT_HEADER, n_rows)
    a_units, b_units, n_units = as_units(a_rows), as_units(b_rows), as_units(n_rows)
    changes = successions(a_units, b_units, db)
    write_gzip_csv(
        args.out / "successions_2023-04-10_2025-06-30.csv.gz",
        ("old_code", "new_code", "kind", "note"),
        changes,
    )
    cross = crosswalk(db, converter)
    write_gzip_csv(
        args.out / "crosswalk_2025-07-01.csv.gz", ("old_code", "new_code", "divided"), cross
    )
    for label, rows in (("2023-04-10", a_rows), ("2025-06-30", b_rows), ("2025-07-01", n_rows)):
        print(label, dict(collections.Counter(r[2] for r in rows)))
    print("successions", dict(collections.Counter(r[2] for r in changes)))
    print("crosswalk rows", len(cross), "divided units", len({r[0] for r in cross if r[2] == "1"}))
    if args.mapping is not None:
        found = check_mapping(args.mapping, b_units, n_units, cross)
        write_csv(
            args.docs_out, ("issue", "old_code", "shared", "vietnamadminunits", "detail"), found
        )
        print("disagreements", dict(collections.Counter(r[0] for r in found)))


if __name__ == "__main__":
    main()
