"""Write the fuzz corpus: malformed plan, data-value, submission and incident files.

The files are committed (``tests/corpus/{plans,data,submissions,incidents}/``) and replayed
by ``tests/test_fuzz_corpus.py`` against every loader and every command; this script is how
they were made, with a fixed seed, so that anyone can see what each is and add more::

    .venv/bin/python -m tests.corpus.make_corpus

Each file is small (the largest, one cell beyond the CSV reader's limit, is 140 kB) and is
named for what is wrong with it. ``base/`` holds the valid files the others are paired
with: a plan (:func:`tests.strategies.timeliness_plan`), data values, submissions and
incidents for it. ``arguments.json`` holds malformed arguments of ``cwp deadline``, ``cwp
lunar`` and ``cwp period``.
"""

from __future__ import annotations

import codecs
import json
import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from child_welfare_plan.io.plans import dumps_plan_json
from tests.strategies import timeliness_plan

HERE = Path(__file__).resolve().parent
SEED = 20231010

DATA_HEADER = "unit,period,indicator,disaggregation,value"
SUBMISSIONS_HEADER = "reporter,obligation,period,received,document_number,revision"
INCIDENTS_HEADER = "id,kind,unit,known,occurred,description"

GOOD_DATA = [
    "11074,2023S1,tre-em,,120",
    "11074,2023S1,tre-em,sex=male,70",
    "11074,2023S1,tre-em,sex=female,50",
    "11083,2023S1,tre-em,,95",
    "11083,2023,quy-bao-tro-huy-dong,,1500000.5",
    "11086,2023,xa-phu-hop-tre-em,,có",
]
GOOD_SUBMISSIONS = [
    "ubnd-11074,ke-hoach,,2023-03-01,01/KH,",
    "ubnd-11074,bao-cao-6-thang,2023S1,2023-06-07,05/BC,",
    "ubnd-11083,bao-cao-6-thang,2023S1,20/06/2023,06/BC,1",
    "ubnd-11074,dot-xuat,dx-01,2023-08-06T08:07:00+07:00,93/BC,",
]
GOOD_INCIDENTS = [
    "dx-01,xam-hai,11074,2023-08-05T21:45:00+07:00,2023-08-05T17:45:00+07:00,SYNTHETIC",
    "dx-02,tu-vong-tntt,11083,2023-10-18T12:15:00+07:00,,SYNTHETIC",
]


def csv_text(header: str, rows: list[str], newline: str = "\n") -> str:
    return newline.join([header, *rows]) + newline


def plan_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dumps_plan_json(timeliness_plan()))
    return data


def mutated(change: Callable[[dict[str, Any]], object]) -> str:
    data = plan_data()
    change(data)
    return json.dumps(data, ensure_ascii=False, indent=1)


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """A change setting ``path`` (``a.0.b``) to ``value``."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]

    return change


def plans(rng: random.Random) -> Iterator[tuple[str, str | bytes]]:
    good = mutated(lambda d: None)
    yield "title-null.json", mutated(_set("title", None))
    yield "title-number.json", mutated(_set("title", 42))
    yield "year-float.json", mutated(_set("year", 2023.5))
    yield "year-string.json", mutated(_set("year", "2023"))
    yield "year-bool.json", mutated(_set("year", True))
    yield "year-huge.json", good.replace('"year": 2023', '"year": ' + "9" * 5000, 1)
    yield "year-1e400.json", good.replace('"year": 2023', '"year": 1e400', 1)
    yield "year-nan.json", good.replace('"year": 2023', '"year": NaN', 1)
    yield "year-negative.json", mutated(_set("year", -1))
    yield "issuer-object.json", mutated(_set("issuer", {"a": 1}))
    yield "purposes-string.json", mutated(_set("purposes", "Bảo vệ trẻ em."))
    yield "purposes-object.json", mutated(_set("purposes", {"a": "b"}))
    yield "units-string.json", mutated(_set("units", "30,298"))
    yield "unit-missing-name.json", mutated(_delete("units.2.name"))
    yield "unit-bad-code.json", mutated(_set("units.2.code", "11 074"))
    yield "unit-parent-loop.json", mutated(_set("units.0.parent", "11074"))
    yield "events-numbers.json", mutated(_set("events", [1, 2]))
    yield (
        "event-bad-rule.json",
        mutated(_set("events", [{"id": "e", "title": "Trung thu", "when": "rằm tháng tám"}])),
    )
    yield (
        "event-outside-year.json",
        mutated(_set("events", [{"id": "e", "title": "Trung thu", "when": "15/8/2031"}])),
    )
    yield "unknown-key.json", mutated(_set("colour", "blue"))
    yield "unknown-agency.json", mutated(_set("obligations.1.recipient", "khong-co"))
    yield (
        "duplicate-obligation-id.json",
        mutated(lambda d: d["obligations"].append(dict(d["obligations"][0]))),
    )
    yield (
        "deadline-before-period.json",
        mutated(_set("obligations.1.deadline", "trước ngày 15/01/2022")),
    )
    yield (
        "deadline-impossible-date.json",
        mutated(_set("obligations.1.deadline", "trước ngày 30/02/2023")),
    )
    yield (
        "deadline-5000-days.json",
        mutated(
            _set("obligations.1.deadline", f"trong vòng {'9' * 5000} ngày kể từ ngày 01/6/2023")
        ),
    )
    yield "covers-bad-period.json", mutated(_set("obligations.1.covers", "2023H1"))
    yield "covers-far-year.json", mutated(_set("obligations.1.covers", "9999S2"))
    yield "area-list.json", mutated(_set("area", ["298"]))
    yield "convention-unknown.json", mutated(_set("period_convention", "lunar"))
    yield "duplicate-key.json", good.replace('"year": 2023,', '"year": 2023, "year": 2024,', 1)
    yield (
        "duplicate-key-nested.json",
        good.replace('"code": "30",', '"code": "30", "code": "31",', 1),
    )
    yield "deep-array.json", '{"id": ' + "[" * 10_000 + "]" * 10_000 + "}"
    yield "deep-object.json", '{"id": ' + '{"a": ' * 5_000 + "1" + "}" * 5_000 + "}"
    yield "nested-200.json", '{"purposes": ' + "[" * 200 + "]" * 200 + "}"
    yield "top-array.json", "[1, 2, 3]"
    yield "top-string.json", '"a plan"'
    yield "truncated.json", good[: len(good) // 2]
    yield "empty.json", ""
    yield "bom-utf16.json", codecs.BOM_UTF16_LE + good.encode("utf-16-le")
    yield "cp1258.json", good.encode("cp1258", errors="replace")
    yield "binary.json", bytes(rng.randrange(256) for _ in range(2000))
    yield "nul-bytes.json", good.replace('"year"', '"ye\u0000ar"', 1)
    yield "crlf-bom.json", codecs.BOM_UTF8 + good.replace("\n", "\r\n").encode()
    toml_good = (
        'id = "tt-2023"\ntitle = "Kế hoạch"\nyear = 2023\nissuer = "ubnd-huyen"\n'
        '[[units]]\ncode = "30"\nname = "Tỉnh Hải Dương"\nlevel = "province"\n'
        '[[agencies]]\ncode = "ubnd-huyen"\nname = "UBND huyện"\nunit = "30"\n'
        'kind = "peoples-committee"\n'
    )
    yield "minimal.toml", toml_good
    yield "syntax-error.toml", "id = \n"
    yield "duplicate-key.toml", toml_good + "year = 2024\n"
    yield "deep-array.toml", "id = " + "[" * 10_000 + "]" * 10_000 + "\n"
    yield "deep-inline-table.toml", "id = " + "{a = " * 2_000 + "1" + "}" * 2_000 + "\n"
    yield "year-huge.toml", toml_good.replace("year = 2023", "year = " + "9" * 5000)
    yield "year-float.toml", toml_good.replace("year = 2023", "year = 2023.5")
    yield "year-inf.toml", toml_good.replace("year = 2023", "year = inf")
    yield "title-date.toml", toml_good.replace('title = "Kế hoạch"', "title = 2023-02-28")
    yield "bad-date.toml", toml_good + '[[events]]\nid = "e"\ntitle = "x"\nwhen = 2023-02-30\n'
    yield "binary.toml", bytes(rng.randrange(256) for _ in range(1000))
    yield "utf16-no-bom.toml", toml_good.encode("utf-16-le")


def data(rng: random.Random) -> Iterator[tuple[str, str | bytes]]:
    def one(value: str, **cells: str) -> str:
        row = {"unit": "11074", "period": "2023S1", "indicator": "tre-em", "disaggregation": ""}
        row.update(cells)
        quoted = [f'"{c}"' if ("," in c or '"' in c or ";" in c) else c for c in row.values()]
        return csv_text(DATA_HEADER, [*GOOD_DATA[3:], ",".join([*quoted, value])])

    numbers = {
        "vn-thousands": "1.000",
        "comma-thousands": '"1,000"',
        "millions": "2.500.000",
        "underscore": "1_000",
        "arabic-indic": "١٢",
        "fullwidth": "１２",
        "plus": "+5",
        "exponent": "1e3",
        "negative": "-5",
        "decimal-count": "12.0",
        "fraction-count": "12.5",
        "nan": "nan",
        "inf": "inf",
        "beyond-2-53": "9007199254740993",
        "5000-digits": "9" * 5000,
        "empty": "",
        "spaces": "   ",
        "text": "mười hai",
        "superscript": "²",
        "hex": "0x1F",
    }
    for name, value in numbers.items():
        yield f"value-{name}.csv", one(value)
    yield "amount-vn-decimal.csv", one('"1,5"', indicator="quy-bao-tro-huy-dong", period="2023")
    yield "amount-thousands.csv", one("1.500", indicator="quy-bao-tro-huy-dong", period="2023")
    yield "boolean-junk.csv", one("maybe", indicator="xa-phu-hop-tre-em", period="2023")
    yield "boolean-float.csv", one("1.0", indicator="xa-phu-hop-tre-em", period="2023")
    yield "unit-unknown.csv", one("5", unit="99999")
    yield "unit-float.csv", one("5", unit="11074.0")
    yield "unit-district.csv", one("5", unit="298")
    yield "unit-empty.csv", one("5", unit="")
    yield "period-bad.csv", one("5", period="2023H1")
    yield "period-1900.csv", one("5", period="1900")
    yield "period-9999S2.csv", one("5", period="9999S2")
    yield "period-impossible-day.csv", one("5", period="20230230")
    yield "period-week.csv", one("5", period="2023W05")
    yield "period-5000-digits.csv", one("5", period="9" * 5000)
    yield "indicator-unknown.csv", one("5", indicator="tre-em-2")
    yield "indicator-ratio.csv", one("5", indicator="ty-le-tre-em-hcdb")
    for name, key in {
        "semicolon": ";",
        "trailing-semicolon": "sex=male;",
        "unknown-dimension": "nhom=1",
        "unknown-value": "sex=x",
        "repeated-key": "sex=male;sex=female",
        "no-equals": "male",
    }.items():
        yield f"disaggregation-{name}.csv", one("5", disaggregation=key)
    good = csv_text(DATA_HEADER, GOOD_DATA)
    yield "header-only.csv", DATA_HEADER + "\n"
    yield "empty.csv", ""
    yield "bom-only.csv", codecs.BOM_UTF8
    yield "whitespace-only.csv", "  \n\n \n"
    yield "missing-columns.csv", "unit,value\n11074,5\n"
    yield "duplicate-column.csv", good.replace("value", "unit", 1)
    yield "extra-columns.csv", csv_text(DATA_HEADER + ",note", [r + ",ghi chú" for r in GOOD_DATA])
    yield (
        "wrong-width.csv",
        csv_text(DATA_HEADER, [*GOOD_DATA, "11074,2023S2,tre-em,5", "a,b,c,d,e,f"]),
    )
    yield "blank-lines.csv", csv_text(DATA_HEADER, ["", *GOOD_DATA[:2], "", ",,,,", *GOOD_DATA[2:]])
    yield "crlf.csv", csv_text(DATA_HEADER, GOOD_DATA, "\r\n")
    yield "cr-only.csv", csv_text(DATA_HEADER, GOOD_DATA, "\r")
    yield (
        "mixed-newlines.csv",
        DATA_HEADER + "\r\n" + "\n".join(GOOD_DATA[:3]) + "\r" + "\r\n".join(GOOD_DATA[3:]) + "\n",
    )
    yield "no-final-newline.csv", good.rstrip("\n")
    yield (
        "multiline-cell.csv",
        csv_text(DATA_HEADER, ['11074,2023S1,"tre-\nem",,5', *GOOD_DATA[3:]]),
    )
    yield (
        "unterminated-quote.csv",
        csv_text(DATA_HEADER, ['11074,2023S1,tre-em,,"5', *GOOD_DATA[3:]]),
    )
    yield (
        "quote-in-field.csv",
        csv_text(DATA_HEADER, ['11074,2023S1,tre"em,,5', '"11083"x,2023S1,tre-em,,5']),
    )
    yield "semicolons.csv", good.replace(",", ";").replace(";;", ";;")
    yield (
        "semicolons-quoted.csv",
        csv_text(DATA_HEADER.replace(",", ";"), ['11074;2023S1;tre-em;"sex=male;age_group=0-2";5']),
    )
    yield "tabs.csv", good.replace(",", "\t")
    yield (
        "tabs-cr-only.csv",
        good.replace(",", "\t").replace("\n", "\r") + "11074\t2023S2\t,\t\t5\r",
    )
    yield "utf16-bom.csv", codecs.BOM_UTF16_LE + good.encode("utf-16-le")
    yield "utf16-be-bom.csv", codecs.BOM_UTF16_BE + good.encode("utf-16-be")
    yield "utf16-no-bom.csv", good.encode("utf-16-le")
    yield "utf32-bom.csv", good.encode("utf-32")
    yield "utf16-odd-length.csv", codecs.BOM_UTF16_LE + good.encode("utf-16-le") + b"\x00"
    yield "cp1258.csv", (good + "11074,2023S2,tre-em,,5 Sơn\n").encode("cp1258")
    yield "latin1.csv", (good + "11074,2023S2,tre-em,,5 é\n").encode("latin-1")
    yield "binary.csv", bytes(rng.randrange(256) for _ in range(3000))
    yield "nul-byte.csv", good.replace("tre-em", "tre\u0000em", 1)
    yield (
        "long-cell.csv",
        csv_text(DATA_HEADER, [f'11074,2023S1,tre-em,,"{"x" * 140_000}"', *GOOD_DATA[3:]]),
    )
    yield (
        "formula-cells.csv",
        csv_text(DATA_HEADER, ["=1+1,2023S1,tre-em,,5", "11074,@SUM(A1),tre-em,,5"]),
    )
    rows = [
        ",".join(
            [
                rng.choice(["11074", "11083", "x", ""]),
                rng.choice(["2023S1", "2023", "?"]),
                rng.choice(["tre-em", "tre-em-hcdb", "?"]),
                rng.choice(["", "sex=male", "=;"]),
                rng.choice(["1", "1.000", "-1", "x", ""]),
            ]
        )
        for _ in range(200)
    ]
    yield "random-mixture.csv", csv_text(DATA_HEADER, rows)

    good_json = [dict(zip(DATA_HEADER.split(","), r.split(","), strict=True)) for r in GOOD_DATA]

    def dumped(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    def with_row(**cells: object) -> str:
        row: dict[str, object] = {"unit": "11074", "period": "2023S1", "indicator": "tre-em"}
        row.update(cells)
        return dumped([*good_json[3:], row])

    yield "value-2-53.json", with_row(value=9007199254740993)
    yield (
        "value-1e400.json",
        dumped(good_json[3:])[:-1]
        + ', {"unit": "11074", "period": "2023S1", "indicator": "tre-em", "value": 1e400}]',
    )
    yield (
        "value-nan.json",
        dumped(good_json[3:])[:-1]
        + ', {"unit": "11074", "period": "2023S1", "indicator": "tre-em", "value": NaN}]',
    )
    yield (
        "value-huge-int.json",
        dumped(good_json[3:])[:-1]
        + ', {"unit": "11074", "period": "2023S1", "indicator": "tre-em", "value": '
        + "9" * 4000
        + "}]",
    )
    yield "value-5000-digit-int.json", '[{"unit": "11074", "value": ' + "9" * 5000 + "}]"
    yield "value-true.json", with_row(value=True)
    yield "value-list.json", with_row(value=[1, 2])
    yield "value-object.json", with_row(value={"a": 1})
    yield "value-string-thousands.json", with_row(value="1.000")
    yield "unit-float.json", with_row(unit=11074.0, value=5)
    yield "unit-int.json", with_row(unit=11074, value=5)
    yield "unit-null.json", with_row(unit=None, value=5)
    yield "disaggregation-object.json", with_row(disaggregation={"sex": "male"}, value=5)
    yield (
        "disaggregation-smuggled.json",
        with_row(disaggregation={"sex": "male;age_group=0-2"}, value=5),
    )
    yield "disaggregation-nested.json", with_row(disaggregation={"sex": {"a": "b"}}, value=5)
    yield "disaggregation-list.json", with_row(disaggregation=["sex", "male"], value=5)
    yield (
        "duplicate-key.json",
        '[{"unit": "11074", "unit": "11083", "period": "2023S1", "indicator": "tre-em", '
        '"value": 5}]',
    )
    yield (
        "duplicate-key-breakdown.json",
        '[{"unit": "11074", "period": "2023S1", "indicator": "tre-em", '
        '"disaggregation": {"sex": "male", "sex": "female"}, "value": 5}]',
    )
    yield "duplicate-wrapper-key.json", '{"values": [], "values": []}'
    yield "wrapper-two-lists.json", dumped({"a": good_json, "b": good_json})
    yield "wrapper-one-list.json", dumped({"values": good_json, "note": "x"})
    yield "items-not-objects.json", dumped([1, "x", None, good_json[0]])
    yield "empty-array.json", "[]"
    yield "top-number.json", "42"
    yield "deep.json", "[" * 10_000 + "]" * 10_000
    yield "truncated.json", dumped(good_json)[:-20]
    yield "trailing-garbage.json", dumped(good_json) + " x"
    yield "bom.json", codecs.BOM_UTF8 + dumped(good_json).encode()
    yield "utf16-bom.json", dumped(good_json).encode("utf-16")


def submissions(rng: random.Random) -> Iterator[tuple[str, str | bytes]]:
    def one(row: str) -> str:
        return csv_text(SUBMISSIONS_HEADER, [*GOOD_SUBMISSIONS[:2], row])

    rows = {
        "received-0001": "ubnd-11083,ke-hoach,,0001-01-01,,",
        "received-before-period": "ubnd-11083,bao-cao-6-thang,2023S1,2022-11-30,,",
        "received-before-incident": "ubnd-11074,dot-xuat,dx-01,2023-08-05T10:00:00+07:00,,",
        "received-9999": "ubnd-11083,ke-hoach,,9999-12-31,,",
        "received-impossible": "ubnd-11083,ke-hoach,,2023-02-30,,",
        "received-slashes-impossible": "ubnd-11083,ke-hoach,,31/02/2023,,",
        "received-words": "ubnd-11083,ke-hoach,,hôm qua,,",
        "received-bad-offset": "ubnd-11083,ke-hoach,,2023-03-01T10:00:00+25:00,,",
        "received-5000-digits": "ubnd-11083,ke-hoach,," + "9" * 5000 + ",,",
        "received-empty": "ubnd-11083,ke-hoach,,,,",
        "reporter-unknown": "ubnd-99999,ke-hoach,,2023-03-01,,",
        "reporter-empty": ",ke-hoach,,2023-03-01,,",
        "reporter-not-expected": "ldtbxh,ke-hoach,,2023-03-01,,",
        "obligation-unknown": "ubnd-11083,bao-cao-quy,,2023-03-01,,",
        "period-missing": "ubnd-11083,bao-cao-6-thang,,2023-06-01,,",
        "period-wrong": "ubnd-11083,bao-cao-6-thang,2023S2,2023-06-01,,",
        "period-bad": "ubnd-11083,bao-cao-6-thang,2023H1,2023-06-01,,",
        "period-for-document": "ubnd-11083,ke-hoach,2023,2023-03-01,,",
        "incident-unknown": "ubnd-11083,dot-xuat,dx-99,2023-10-18T20:00:00+07:00,,",
        "incident-missing": "ubnd-11083,dot-xuat,,2023-10-18T20:00:00+07:00,,",
        "revision-junk": "ubnd-11083,ke-hoach,,2023-03-01,,lần 2",
        "revision-huge": "ubnd-11083,ke-hoach,,2023-03-01,," + "9" * 5000,
        "revision-negative": "ubnd-11083,ke-hoach,,2023-03-01,,-1",
        "repeated-row": GOOD_SUBMISSIONS[1],
    }
    for name, row in rows.items():
        yield f"{name}.csv", one(row)
    good = csv_text(SUBMISSIONS_HEADER, GOOD_SUBMISSIONS)
    yield "header-only.csv", SUBMISSIONS_HEADER + "\n"
    yield "empty.csv", ""
    yield "missing-columns.csv", "reporter,received\nubnd-11074,2023-03-01\n"
    yield "semicolons.csv", good.replace(",", ";")
    yield "crlf-bom.csv", codecs.BOM_UTF8 + good.replace("\n", "\r\n").encode()
    yield "utf16-no-bom.csv", good.encode("utf-16-le")
    yield "cp1258.csv", (good + "ubnd-11083,ke-hoach,,2023-03-01,Sơn,\n").encode("cp1258")
    yield "binary.csv", bytes(rng.randrange(256) for _ in range(2000))
    yield (
        "wrong-width.csv",
        csv_text(SUBMISSIONS_HEADER, [*GOOD_SUBMISSIONS, "ubnd-11083,ke-hoach"]),
    )
    yield (
        "unterminated-quote.csv",
        csv_text(SUBMISSIONS_HEADER, [*GOOD_SUBMISSIONS, 'ubnd-11083,"ke-hoach,,2023-03-01,,']),
    )
    good_json = [
        dict(zip(SUBMISSIONS_HEADER.split(","), r.split(","), strict=True))
        for r in GOOD_SUBMISSIONS
    ]
    yield "empty-array.json", "[]"
    yield "received-number.json", json.dumps([{**good_json[0], "received": 20230301}])
    yield "received-null.json", json.dumps([{**good_json[0], "received": None}])
    yield "revision-float.json", json.dumps([{**good_json[0], "revision": 2.5}])
    yield "revision-bool.json", json.dumps([{**good_json[0], "revision": True}])
    yield (
        "duplicate-key.json",
        '[{"reporter": "ubnd-11074", "reporter": "ubnd-11083", "obligation": "ke-hoach", '
        '"period": "", "received": "2023-03-01"}]',
    )
    yield "deep.json", "[" * 10_000 + "]" * 10_000


def incidents(rng: random.Random) -> Iterator[tuple[str, str | bytes]]:
    def one(row: str) -> str:
        return csv_text(INCIDENTS_HEADER, [*GOOD_INCIDENTS, row])

    rows = {
        "known-date-only": "dx-03,xam-hai,11074,2023-09-01,,",
        "known-impossible": "dx-03,xam-hai,11074,2023-02-30T10:00:00+07:00,,",
        "known-empty": "dx-03,xam-hai,11074,,,",
        "occurred-after-known": (
            "dx-03,xam-hai,11074,2023-09-01T10:00:00+07:00,2023-09-02T10:00:00+07:00,"
        ),
        "id-repeated": "dx-01,xam-hai,11074,2023-09-01T10:00:00+07:00,,",
        "id-with-space": "dx 03,xam-hai,11074,2023-09-01T10:00:00+07:00,,",
        "kind-untriggered": "dx-03,lu-lut,11074,2023-09-01T10:00:00+07:00,,",
        "unit-unknown": "dx-03,xam-hai,99999,2023-09-01T10:00:00+07:00,,",
        "known-5000-digits": "dx-03,xam-hai,11074," + "9" * 5000 + ",,",
    }
    for name, row in rows.items():
        yield f"{name}.csv", one(row)
    yield "header-only.csv", INCIDENTS_HEADER + "\n"
    yield "missing-columns.csv", "id,kind\ndx-03,xam-hai\n"
    yield "binary.csv", bytes(rng.randrange(256) for _ in range(1000))
    yield (
        "known-number.json",
        json.dumps([{"id": "dx-03", "kind": "xam-hai", "unit": "11074", "known": 1}]),
    )
    yield "deep.json", "[" * 10_000 + "]" * 10_000


ARGUMENTS = [
    ["deadline", "trước ngày 15/6/" + "9" * 5000],
    ["deadline", "trong vòng " + "9" * 5000 + " ngày làm việc kể từ ngày 01/6/2023"],
    ["deadline", "trong thời hạn " + "9" * 5000 + " giờ kể từ ngày 01/6/2023"],
    ["deadline", "trong vòng 999999 ngày kể từ ngày 01/6/2023"],
    ["deadline", "trước ngày 30/02/2023"],
    ["deadline", "trước ngày 15/6/2023", "--anchor", "2023-01-01"],
    ["deadline", "trong vòng 05 ngày kể từ ngày 01/6/2023", "--anchor", "9999-12-31"],
    ["deadline", ""],
    ["deadline", "\u0000"],
    ["deadline", "trước ngày １５/６/２０２３"],
    ["lunar", "9" * 5000 + "-01-01"],
    ["lunar", "1/" + "9" * 5000 + "/2023", "--to-solar"],
    ["lunar", "2023-08-15", "--to-solar"],
    ["lunar", "30/02/2023", "--to-solar", "--leap"],
    ["lunar", "0001-01-01"],
    ["lunar", "9999-12-31"],
    ["lunar", "١٥/٨/٢٠٢٣", "--to-solar"],
    ["period", "9" * 5000],
    ["period", "9999S2"],
    ["period", "2023W54"],
    ["period", "20230230"],
    ["period", "０２０２３"],
    ["period", ""],
]


def main() -> None:
    """Write every file (the folders are emptied first)."""
    rng = random.Random(SEED)
    for folder, files in (
        ("plans", plans(rng)),
        ("data", data(rng)),
        ("submissions", submissions(rng)),
        ("incidents", incidents(rng)),
    ):
        target = HERE / folder
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        for name, content in files:
            raw = content.encode("utf-8") if isinstance(content, str) else content
            (target / name).write_bytes(raw)
    base = HERE / "base"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir()
    (base / "plan.json").write_text(mutated(lambda d: None) + "\n", encoding="utf-8")
    (base / "data.csv").write_text(csv_text(DATA_HEADER, GOOD_DATA), encoding="utf-8")
    (base / "submissions.csv").write_text(
        csv_text(SUBMISSIONS_HEADER, GOOD_SUBMISSIONS), encoding="utf-8"
    )
    (base / "incidents.csv").write_text(
        csv_text(INCIDENTS_HEADER, GOOD_INCIDENTS), encoding="utf-8"
    )
    (HERE / "arguments.json").write_text(
        json.dumps(ARGUMENTS, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
