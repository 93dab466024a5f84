"""Steps of a statutory procedure with their time limits: the support and intervention
procedure of Decree 56/2017/NĐ-CP for a child who is abused or at risk.

The steps themselves are package data (``catalogs/data/procedures.toml``); this is their
type. A step's ``time_limit`` is a deadline rule where the decree sets one ("trong vòng 12
giờ từ khi nhận thông tin", "ngay"), with ``limit_text`` quoting it; ``check`` says what no
source seen confirms.

References:
    * Decree 56/2017/NĐ-CP (09/5/2017), Chapter III, Art. 25-30.
"""

from __future__ import annotations

import attrs

from child_welfare_plan.model import validators as v
from child_welfare_plan.model.deadlines import DeadlineRule

__all__ = ["ProcedureStep"]


@attrs.frozen(kw_only=True)
class ProcedureStep:
    """One step of a procedure, in order, with the article that sets it.

    Attributes:
        code: a stable slug ("can-thiep-khan-cap").
        procedure: the procedure's slug ("nd56-ho-tro-can-thiep").
        order: the step's place in the procedure, from 1.
        name, name_en: what is done.
        article: the provision that sets the step ("Nghị định 56/2017/NĐ-CP, Điều 26.3").
        time_limit: the rule the provision sets, or None when it sets none.
        limit_text: the provision's own words for the limit.
        form: the form the step fills in ("Mẫu số 02"), if any.
        condition: when the step applies, if not always.
        check: what no source seen confirms (a wording, a start of the count).
    """

    code: str = attrs.field(validator=v.code)
    procedure: str = attrs.field(validator=v.code)
    order: int = attrs.field(validator=v.non_negative)
    name: str = attrs.field(validator=v.non_empty)
    name_en: str = attrs.field(validator=v.non_empty)
    article: str = attrs.field(validator=v.non_empty)
    time_limit: DeadlineRule | None = None
    limit_text: str | None = None
    form: str | None = None
    condition: str | None = None
    check: str | None = None
