"""The Tứ Kỳ district pack: Tứ Kỳ district (Hải Dương province) for child-welfare-plan.

It registers, through the ``child_welfare_plan`` entry points:

* the plan ``tu-ky-2023`` (Kế hoạch thực hiện công tác trẻ em năm 2023 of the People's
  Committee of Tứ Kỳ district), read from :data:`PLAN_FILE`;
* the units of 2023: Hải Dương province (30), Tứ Kỳ district (298) and its 23 commune-level
  units, and the agencies the plan names;
* a synthetic demo data set (submissions and incidents of 2023) for ``cwp evaluate
  tu-ky-2023 --demo``. It describes no real child and no real report;
* the layout of the commune's six-monthly form (``tu-ky-xa-6-thang``, :data:`FORM_FILE`):
  ``cwp template tu-ky-2023 --unit 11074 --period 2023S1 -o bieu.xlsx`` writes a blank
  copy, and a filled copy is read wherever CSV is.

Example:
    >>> import child_welfare_plan as cwp
    >>> plan = cwp.get_plan("tu-ky-2023")  # doctest: +SKIP
    >>> len(plan.expected_reporters(plan.obligation("bao-cao-6-thang")))  # doctest: +SKIP
    29

References:
    * Kế hoạch thực hiện công tác trẻ em năm 2023, Ủy ban nhân dân huyện Tứ Kỳ (signed KT.
      Chủ tịch, Phó Chủ tịch Dương Hà Hải), based on Kế hoạch số 606/KH-UBND ngày 07/3/2023
      of the People's Committee of Hải Dương province.
    * The national list of administrative units and their codes as published on 10/4/2023
      (Decision 124/2004/QĐ-TTg codes).
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

__all__ = ["DEMO_DIR", "FORM_FILE", "PLAN_FILE", "PLAN_ID"]

__version__ = "0.1.0"

PLAN_ID = "tu-ky-2023"
"""The id of the plan this pack registers."""

_DATA: Traversable = resources.files(__name__).joinpath("data")

PLAN_FILE: Traversable = _DATA.joinpath("tu-ky-2023.toml")
"""The plan file (TOML), shipped as package data."""

DEMO_DIR: Traversable = _DATA.joinpath("demo")
"""The directory of the synthetic demo data set."""

FORM_FILE: Traversable = _DATA.joinpath("forms", "tu-ky-xa-6-thang.toml")
"""The layout of the commune's six-monthly form (TOML)."""
