"""The roster as the rules see it: the period's checkable shifts next to the history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from core.commands import ShiftKind
from core.compliance.model import ComplianceContext, PlannedShift
from core.compliance.timeline import elapsed_minutes, overlap_minutes
from core.units import ShiftType


@dataclass(frozen=True)
class CheckedRoster:
    """The shifts the working-time rules run on.

    `planned` contains the roster's shifts of known employees and shift types inside
    the period. The history before the period is kept beside them, so that a rule
    that looks back (rest, runs of days, weekends) sees across the seam.
    """

    context: ComplianceContext
    planned: tuple[PlannedShift, ...]

    @classmethod
    def of(cls, shifts: Sequence[PlannedShift], context: ComplianceContext) -> CheckedRoster:
        checkable = tuple(shift for shift in shifts if is_checkable(shift, context))
        return cls(context=context, planned=checkable)

    @cached_property
    def shifts_by_employee(self) -> dict[str, list[PlannedShift]]:
        """Return each employee's history and planned shifts, ordered by start time."""
        grouped: dict[str, list[PlannedShift]] = defaultdict(list)
        for shift in (*self.context.history, *self.planned):
            grouped[shift.employee_key].append(shift)
        return {
            employee_key: sorted(shifts, key=lambda shift: (shift.start, shift.end))
            for employee_key, shifts in sorted(grouped.items())
        }

    def is_planned(self, shift: PlannedShift) -> bool:
        """Return whether `shift` belongs to the roster under check rather than to the history."""
        return shift.day >= self.context.period.start

    def shift_type(self, shift: PlannedShift) -> ShiftType | None:
        return self.context.shift_types.get(shift.shift_code)

    def is_night_shift(self, shift: PlannedShift) -> bool:
        shift_type = self.shift_type(shift)
        return shift_type is not None and shift_type.kind == ShiftKind.NIGHT

    def worked_minutes(self, shift: PlannedShift) -> int:
        """Return the working time of `shift`: real elapsed minutes less the unpaid pause.

        The unpaid pause is what the shift type's duration exceeds its paid minutes
        by. A history shift of an unknown type counts its whole elapsed time.
        """
        elapsed = elapsed_minutes(shift.start, shift.end)
        shift_type = self.shift_type(shift)
        if shift_type is None:
            return elapsed
        unpaid_pause = shift_type.duration_minutes - shift_type.worked_minutes
        return max(0, elapsed - unpaid_pause)

    def worked_minutes_between(
        self, shift: PlannedShift, window_start: dt.datetime, window_end: dt.datetime
    ) -> int:
        """Return the working time of `shift` inside the window, spread evenly over the shift."""
        inside = overlap_minutes(shift.start, shift.end, window_start, window_end)
        if inside == 0:
            return 0
        elapsed = elapsed_minutes(shift.start, shift.end)
        return round(self.worked_minutes(shift) * inside / elapsed)


def is_checkable(shift: PlannedShift, context: ComplianceContext) -> bool:
    """Return whether `shift` has a known employee and shift type and lies in the period."""
    return (
        shift.employee_key in context.employees
        and shift.shift_code in context.shift_types
        and shift.day in context.period
    )
