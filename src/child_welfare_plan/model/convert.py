"""One cattrs converter between the model and plain data (TOML, JSON).

Structuring collects *every* problem of a document at once and reports each with its path
inside the document (``task_groups[2].tasks[3].lead``). Compact text forms are accepted
where plan authors write text: date rules (``"15/8 âm lịch"``), deadlines (``"trước ngày
15/6/2023"``) and document references (``"Nghị định số 56/2017/NĐ-CP"``); unstructuring
writes them back in canonical form, and document references carry their ``citation``.

Nothing is coerced in silence: text must be text (``null`` is not the title ``"None"``), a
whole number a whole number (``2023.5`` is not the year 2023), a list a list (a string is
not a list of its letters), a table a table. A value of the wrong type is a problem at its
path, said in words (``year: expected a whole number, got 2023.5``).
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory, is_sequence, list_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from child_welfare_plan.errors import PlanFileError
from child_welfare_plan.i18n import LANGUAGES
from child_welfare_plan.i18n.localized import Message, Translated
from child_welfare_plan.model import date_rules as schedule
from child_welfare_plan.model import deadlines
from child_welfare_plan.model.cells import echo
from child_welfare_plan.model.document_text import parse_document_ref
from child_welfare_plan.model.documents import DocumentRef, format_document_ref
from child_welfare_plan.model.findings import Composed, Finding, Location, Severity
from child_welfare_plan.model.validators import OWNED

__all__ = ["converter", "structure", "unstructure"]

_T = TypeVar("_T")


def describe(value: Any) -> str:
    """What a value of a document is, in words: ``null``, ``a table``, ``the text 'x'``."""
    if value is None:
        return Message("nothing (null)")
    if isinstance(value, bool):
        return Message("the truth value {value}", value=str(value).lower())
    if isinstance(value, Mapping):
        return Message("a table (object)")
    if isinstance(value, list | tuple):
        return Message("a list")
    if isinstance(value, str):
        return Message("the text {text}", text=echo(value))
    if isinstance(value, int | float):
        return echo(value, 40)
    return Message("a {kind}", kind=type(value).__name__)


def _structure_str(value: Any, t: type) -> str:
    if isinstance(value, str):
        return value if t is str else t(value)  # a StrEnum: one of its values
    if t is str and isinstance(value, Mapping) and "vi" in value:
        return _translated(value)
    raise ValueError(Message("expected text, got {value}", value=describe(value)))


def _translated(value: Mapping[Any, Any]) -> Translated:
    """Text given in several languages, ``{vi = "…", en = "…"}``: the Vietnamese first."""
    unknown = sorted(str(k) for k in value if k not in LANGUAGES)
    if unknown:
        raise ValueError(
            Message(
                "text in several languages takes {languages}, not {unknown}",
                languages=", ".join(LANGUAGES),
                unknown=", ".join(unknown),
            )
        )
    for lang, text in value.items():
        if not isinstance(text, str):
            raise ValueError(
                Message("the {lang} text must be text, got {what}", lang=lang, what=describe(text))
            )
    return Translated(value["vi"], **{k: v for k, v in value.items() if k != "vi"})


def _structure_int(value: Any, t: type) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value if t is int else t(value)  # an IntEnum: one of its values
    raise ValueError(Message("expected a whole number, got {value}", value=describe(value)))


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            pass
    raise ValueError(Message("expected a number, got {value}", value=describe(value)))


def _structure_bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(Message("expected true or false, got {value}", value=describe(value)))


def _sequences(conv: cattrs.Converter) -> Any:
    """Lists and tuples of a document must be lists: text is not a list of its letters, a
    table not a list of its keys."""

    def factory(t: Any) -> Any:
        origin = typing.get_origin(t)
        if origin is tuple:
            base = homogenous_tuple_structure_factory(t, conv)
        else:
            base = list_structure_factory(t, conv)

        def structure(value: Any, t: Any) -> Any:
            if not isinstance(value, list | tuple):
                raise ValueError(Message("expected a list, got {value}", value=describe(value)))
            return base(value, t)

        return structure

    return factory


def _is_homogenous_sequence(t: Any) -> bool:
    args = typing.get_args(t)
    if typing.get_origin(t) is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return is_sequence(t) and len(args) == 1


def _tables(conv: cattrs.Converter) -> Any:
    """A table (object) of fields is a mapping, never text or a list."""

    def factory(cls: Any) -> Any:
        base = conv.gen_structure_attrs_fromdict(cls)

        def structure(value: Any, t: Any) -> Any:
            if not isinstance(value, Mapping):
                raise ValueError(
                    Message(
                        "expected a table (object) of fields, got {value}", value=describe(value)
                    )
                )
            return base(value, t)

        return structure

    return factory


def _structure_date(value: Any, _: type) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(Message("{value!r} is not a date (expected YYYY-MM-DD)", value=value))


def _structure_datetime(value: Any, _: type) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(Message("{value!r} is not a date and time (expected ISO 8601)", value=value))


def _structure_date_or_datetime(value: Any, _: Any) -> date | datetime:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ("T" in value or " " in value.strip()):
        return _structure_datetime(value, datetime)
    return _structure_date(value, date)


def _structure_date_rule(value: Any, _: Any) -> schedule.DateRule:
    if isinstance(value, str):
        return schedule.parse_date_rule(value)
    raise ValueError(
        Message("{value!r} is not a date rule (expected text such as '01/6-30/6')", value=value)
    )


def _structure_deadline(value: Any, _: Any) -> deadlines.DeadlineRule:
    if isinstance(value, str):
        return deadlines.parse_deadline(value)
    raise ValueError(
        Message(
            "{value!r} is not a deadline (expected text such as 'trước ngày 15/6/2023')",
            value=value,
        )
    )


def _is_union_of(union: Any) -> Any:
    """A predicate: is a type ``union`` itself, or ``union | None``?"""
    members = set(typing.get_args(union))

    def check(t: Any) -> bool:
        args = set(typing.get_args(t)) - {type(None)}
        return bool(args) and args == members

    return check


def _is_optional_of(exact: type) -> Any:
    """A predicate: is a type ``exact | None``?"""
    wanted = {exact, type(None)}
    return lambda t: set(typing.get_args(t)) == wanted and typing.get_origin(t) in _UNIONS


_UNIONS: tuple[Any, ...] = (typing.Union, types.UnionType)


def _as(exact: type, hook: Any) -> Any:
    """``hook`` called with the type ``exact`` (rather than ``exact | None``)."""
    return lambda value, _: hook(value, exact)


def _optional(hook: Any) -> Any:
    def structure(value: Any, t: Any) -> Any:
        return None if value is None else hook(value, t)

    return structure


@functools.cache
def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    for exact, hook in (
        (str, _structure_str),
        (int, _structure_int),
        (float, _structure_float),
        (bool, _structure_bool),
    ):
        conv.register_structure_hook(exact, hook)
        conv.register_structure_hook_func(_is_optional_of(exact), _optional(_as(exact, hook)))
    conv.register_structure_hook_factory(attrs.has, _tables(conv))
    conv.register_structure_hook_factory(_is_homogenous_sequence, _sequences(conv))
    conv.register_structure_hook(date, _structure_date)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    is_moment = _is_union_of(date | datetime)
    conv.register_structure_hook_func(is_moment, _optional(_structure_date_or_datetime))
    conv.register_unstructure_hook_func(is_moment, lambda v: None if v is None else v.isoformat())
    is_date_rule = _is_union_of(schedule.DateRule)
    conv.register_structure_hook_func(is_date_rule, _optional(_structure_date_rule))
    conv.register_unstructure_hook_func(
        is_date_rule, lambda v: None if v is None else schedule.format_date_rule(v)
    )
    for rule_type in (
        schedule.FixedDay,
        schedule.Window,
        schedule.LunarDay,
        schedule.Recurrence,
        schedule.Unscheduled,
    ):
        conv.register_unstructure_hook(rule_type, schedule.format_date_rule)
    is_deadline = _is_union_of(deadlines.DeadlineRule)
    conv.register_structure_hook_func(is_deadline, _optional(_structure_deadline))
    conv.register_unstructure_hook_func(
        is_deadline, lambda v: None if v is None else deadlines.format_deadline(v)
    )
    for deadline_type in (
        deadlines.Before,
        deadlines.By,
        deadlines.WithinDays,
        deadlines.WithinHours,
        deadlines.Promptly,
    ):
        conv.register_unstructure_hook(deadline_type, deadlines.format_deadline)

    ref_structure = make_dict_structure_fn(DocumentRef, conv, _cattrs_forbid_extra_keys=True)
    ref_unstructure = make_dict_unstructure_fn(DocumentRef, conv, _cattrs_omit_if_default=False)

    def structure_ref(value: Any, _: type) -> DocumentRef:
        if isinstance(value, str):
            return parse_document_ref(value)
        if isinstance(value, dict):
            fields = {k: v for k, v in value.items() if k not in ("citation", "text")}
            if "text" in value and len(fields) == 0:
                return parse_document_ref(value["text"])
            return ref_structure(fields, DocumentRef)
        raise ValueError(Message("{value!r} is not a document reference", value=value))

    def unstructure_ref(ref: DocumentRef) -> dict[str, Any]:
        out = {k: v for k, v in ref_unstructure(ref).items() if v is not None}
        out["citation"] = ref.citation
        out["text"] = format_document_ref(ref)
        return out

    conv.register_structure_hook(DocumentRef, structure_ref)
    conv.register_unstructure_hook(DocumentRef, unstructure_ref)
    _ = override  # re-exported for plugin authors who extend the converter
    return conv


def converter() -> cattrs.Converter:
    """The shared converter (built on first use)."""
    return _make_converter()


def _messages(exc: BaseException, path: str) -> list[tuple[str, str]]:
    """Flatten a cattrs exception tree into ``(path, message)`` pairs."""
    out: list[tuple[str, str]] = []
    if isinstance(exc, BaseExceptionGroup):
        for sub in exc.exceptions:
            note = _note_of(sub)
            sub_path = path
            if note is not None:
                name, kind = note
                sub_path = (
                    f"{path}[{name!r}]"
                    if kind == "key"
                    else (
                        f"{path}[{name}]" if kind == "index" else f"{path}.{name}" if path else name
                    )
                )
            out.extend(_messages(sub, sub_path))
        return out
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        keys = ", ".join(sorted(exc.extra_fields))
        return [(path, Message("unknown key(s) {keys}", keys=keys))]
    if isinstance(exc, KeyError):
        return [(path, Message("required field is missing"))]
    first = exc.args[0] if len(exc.args) == 1 else None
    if isinstance(first, Composed) and first.template == OWNED:
        # A validator names its field ("Plan.issuer: ..."): the field joins the path.
        field = str(first.args["field"])
        return [(f"{path}.{field}" if path else field, first.args["problem"])]
    text = first if isinstance(first, Message) else (str(exc) or type(exc).__name__)
    owned = _OWNED.fullmatch(text)
    if owned is not None:
        # A validator names its field ("Plan.issuer: ..."): the field joins the path.
        field, text = owned.group(1), owned.group(2)
        path = f"{path}.{field}" if path else field
    return [(path, text)]


_OWNED = re.compile(r"[A-Z]\w*\.(\w+): (.*)", re.DOTALL)


def _note_of(exc: BaseException) -> tuple[Any, str] | None:
    for note in getattr(exc, "__notes__", ()):
        name = getattr(note, "name", None)
        index = getattr(note, "index", None)
        if name is not None:
            return name, "attr"
        if index is not None:
            return index, "index"
    return None


def structure(data: Any, cls: type[_T], *, source: str | None = None) -> _T:
    """Turn plain data into ``cls``; on failure raise :class:`PlanFileError` with a finding
    (file and path) for every problem at once."""
    try:
        return converter().structure(data, cls)
    except Exception as exc:
        problems = _messages(exc, "")
        findings = tuple(
            Finding(
                Severity.ERROR,
                "invalid-field",
                message,
                Location(file=source, path=path or None),
            )
            for path, message in problems
        )
        raise PlanFileError(_summary(problems, source), findings) from exc


def _summary(problems: list[tuple[str, str]], source: str | None) -> str:
    """The first five problems, ``path: problem; ...``, after the file's name."""
    summary: str = ""
    for path, problem in problems[:5]:
        item = Composed("{path}: {problem}", path=path or "(top)", problem=problem)
        summary = item if not summary else Composed("{before}; {item}", before=summary, item=item)
    if len(problems) > 5:
        more = Message("(and {n} more)", n=len(problems) - 5)
        summary = Composed("{summary} {more}", summary=summary, more=more)
    return Composed("{source}: {summary}", source=source, summary=summary) if source else summary


def unstructure(value: Any) -> Any:
    """Plain data (dicts, lists, strings, numbers) for any model value."""
    return converter().unstructure(value)
