"""Checking one change to a published roster (a swap, an offer, a take) against every rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from core.commands import DateRange, ShiftKind
from core.compliance import check_roster
from core.compliance.model import Severity, Violation, ViolationRule
from core.context import Context
from core.errors import RuleViolation
from core.roster_facts import compliance_context, planned_shifts
from core.rosters import Assignment, Roster
from core.units import Unit
from core.violation_texts import describe_violation

if TYPE_CHECKING:
    from storage.store import Store

# Hours against the position target are a planning aim, not a legal limit: an
# employee who gives a shift away simply works less that period.
RULES_A_CHANGE_MAY_BEND = frozenset({ViolationRule.HOURS_OUTSIDE_TOLERANCE})

# Published shifts this many days after a roster's last day are checked with a change
# to it. Two weeks covers the daily-rest, weekly-rest and weekend rules, as the two
# weeks of history before the roster do (core.roster_facts.HISTORY_DAYS).
FOLLOWING_DAYS = 14

ViolationKey = tuple[ViolationRule, str | None, dt.date | None, str | None]


def _key(violation: Violation) -> ViolationKey:
    return (violation.rule, violation.employee_key, violation.day, violation.shift_code)


class ChangeChecker:
    """Checks changes to one roster; the unit's facts are gathered once for many checks.

    Only the people and days a change touches are checked, before and after, so a
    check costs a fraction of a whole-roster check and finds exactly what the change
    adds. The published shifts of the days after the roster are checked with it,
    because rest and working-time rules reach across the roster's last day.
    """

    def __init__(self, store: Store, unit: Unit, roster: Roster) -> None:
        self.roster = roster
        following_end = roster.end + dt.timedelta(days=FOLLOWING_DAYS)
        self.following = store.rosters.assignments_between(
            unit.id, roster.end + dt.timedelta(days=1), following_end
        )
        self.context = compliance_context(store, unit, DateRange(roster.start, following_end))

    def new_violations(self, changed: Iterable[Assignment]) -> list[Violation]:
        """Return the errors the changed assignments have that the roster had not before."""
        changed = list(changed)
        touched = set(self.roster.assignments) ^ set(changed)
        people = {assignment.employee_id for assignment in touched}
        days = {assignment.day for assignment in touched}
        before = {
            _key(v)
            for v in self._violations([*self.roster.assignments, *self.following], people, days)
        }
        return [
            violation
            for violation in self._violations([*changed, *self.following], people, days)
            if _key(violation) not in before
            and violation.severity == Severity.ERROR
            and violation.rule not in RULES_A_CHANGE_MAY_BEND
        ]

    def _violations(
        self, assignments: Iterable[Assignment], people: set[int], days: set[dt.date]
    ) -> list[Violation]:
        relevant = [a for a in assignments if a.employee_id in people or a.day in days]
        return check_roster(planned_shifts(relevant, self.context.shift_types), self.context)


def new_violations(
    store: Store, unit: Unit, roster: Roster, changed: Iterable[Assignment]
) -> list[Violation]:
    return ChangeChecker(store, unit, roster).new_violations(changed)


def check_change(
    context: Context,
    roster: Roster,
    changed: Iterable[Assignment],
    checker: ChangeChecker | None = None,
) -> None:
    """Raise RuleViolation, with the first reason in words, if the change breaks a rule."""
    checker = checker or ChangeChecker(context.store, context.unit, roster)
    violations = checker.new_violations(changed)
    if violations:
        names = {str(e.id): e.name for e in context.store.employees.list_for_unit(context.unit.id)}
        reason = describe_violation(
            context.translator,
            violations[0],
            names,
            today=context.today,
            reader_key=str(context.actor.id),
        )
        raise RuleViolation(reason=reason)


def open_shifts(
    context: Context, roster: Roster, day: dt.date, kind: ShiftKind | None = None
) -> list[str]:
    """Return the shift codes on `day` staffed below the plan's wanted headcount.

    A shift an absence released is open as long as the plan wants someone there,
    even when the minimum is still met.
    """
    return [code for code, _ in open_shift_counts(context, roster, day, kind)]


def open_shift_counts(
    context: Context, roster: Roster, day: dt.date, kind: ShiftKind | None = None
) -> list[tuple[str, int]]:
    """Return each shift code on `day` staffed below the plan's wanted headcount, with a count.

    The count is the number of people that the plan still wants on the shift.
    """
    shift_types = {t.code: t for t in context.store.organisations.shift_types(context.unit.id)}
    counts = []
    for demand in context.store.organisations.staffing(context.unit.id).for_day(day):
        staffed = sum(
            1 for a in roster.assignments if a.day == day and a.shift_code == demand.shift_code
        )
        shift_type = shift_types.get(demand.shift_code)
        right_kind = kind is None or (shift_type is not None and shift_type.kind == kind)
        if staffed < demand.wanted and right_kind:
            counts.append((demand.shift_code, demand.wanted - staffed))
    return counts
