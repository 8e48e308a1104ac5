"""Words for domain values in the user's language, for read-backs and reports."""

from __future__ import annotations

from core.commands import AbsenceKind, DateRange, ShiftKind
from core.context import Context
from core.employees import Position
from core.i18n import N_

ABSENCE_NAMES = {
    AbsenceKind.SICK: N_("sick leave"),
    AbsenceKind.CHILD_SICK: N_("absence for a sick child"),
    AbsenceKind.VACATION: N_("vacation"),
    AbsenceKind.LEAVE: N_("leave"),
    AbsenceKind.COURSE: N_("a course"),
    AbsenceKind.TIME_OFF_IN_LIEU: N_("time off in lieu"),
}

POSITION_NAMES = {
    Position.NURSE: N_("registered nurse"),
    Position.SPECIALIST_NURSE: N_("specialist nurse"),
    Position.HEALTHCARE_WORKER: N_("healthcare worker"),
    Position.AUXILIARY_NURSE: N_("auxiliary nurse"),
    Position.SOCIAL_EDUCATOR: N_("social educator"),
    Position.ASSISTANT: N_("assistant"),
    Position.WARD_MANAGER: N_("ward manager"),
}

SHIFT_KIND_NAMES = {
    ShiftKind.DAY: N_("day shift"),
    ShiftKind.EVENING: N_("evening shift"),
    ShiftKind.NIGHT: N_("night shift"),
    ShiftKind.LONG_DAY: N_("long day shift"),
}

SHIFT_KIND_PLURALS = {
    ShiftKind.DAY: N_("day shifts"),
    ShiftKind.EVENING: N_("evening shifts"),
    ShiftKind.NIGHT: N_("night shifts"),
    ShiftKind.LONG_DAY: N_("long day shifts"),
}


def absence_name(context: Context, kind: AbsenceKind) -> str:
    return context._(ABSENCE_NAMES[kind])


def shift_kind_name(context: Context, kind: ShiftKind, *, plural: bool = False) -> str:
    names = SHIFT_KIND_PLURALS if plural else SHIFT_KIND_NAMES
    return context._(names[kind])


def dates_phrase(context: Context, ranges: tuple[DateRange, ...]) -> str:
    """Write the days out: «fredag 8. januar», «fra mandag 4. januar til søndag 10. januar»."""
    parts = []
    for date_range in ranges:
        if date_range.start == date_range.end:
            parts.append(context.date(date_range.start))
        else:
            parts.append(
                context._(
                    N_("from %(start)s to %(end)s"),
                    start=context.date(date_range.start),
                    end=context.date(date_range.end),
                )
            )
    return context.translator.join(parts)
