"""Whether the weekend rule leaves enough people for the weekends' minimum staffing.

A person works at most one weekend in every run of `weekend_frequency` weekends in
a row (the tariff norm is every third weekend, and more often needs an agreement
with the tillitsvalgt, see core.rules). Each day's minimum staffing needs as many
different people as it has shifts, because no one works two shifts on one day. So
a run of weekends needs, summed over its weekends, the largest headcount of the
weekend's days, and no more people than those free on one of its weekend days can
give it. The solver models the same rule in solver.weekends.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.i18n import Translator
from solver.problem import SolverProblem, StaffMember

SATURDAY = 5


@dataclass(frozen=True, slots=True)
class WeekendShortfall:
    """The run of weekends whose minimum staffing lacks the most people under the weekend rule."""

    # The run's first weekend day in the period, a Saturday unless the period starts on a Sunday.
    first_day: dt.date
    # The rule's k: at most one weekend in k, and the number of weekends in the run.
    frequency: int
    # Summed over the run's weekends: the largest minimum headcount of the weekend's days.
    needed: int
    # The people free to work a shift on at least one weekend day of the run.
    free: int


def weekend_shortfall(
    problem: SolverProblem,
    needed_by_day: Counter[int],
    is_free: Callable[[StaffMember, int], bool],
) -> WeekendShortfall | None:
    """Return the run of weekends that lacks the most people, or None if none lacks any.

    Only a run whose every weekend could be staffed on its own counts, because a
    weekend day with too few people free is a day shortfall (core.capacity), whatever
    the weekend rule. Weekends worked in the roster before are left out, so the
    bound is loose at the start of the period.
    """
    frequency = problem.rules.weekend_frequency
    weekends = _weekend_days(problem)
    worst: WeekendShortfall | None = None
    # A period with fewer weekends than the rule's run is one run of all of them.
    for first in range(max(1, len(weekends) - frequency + 1) if weekends else 0):
        run = weekends[first : first + frequency]
        needed = [max(needed_by_day[day] for day in days) for days in run]
        run_days = [day for days in run for day in days]
        free = sum(1 for member in problem.staff if any(is_free(member, day) for day in run_days))
        if sum(needed) <= free or max(needed) > free:
            continue
        if worst is None or sum(needed) - free > worst.needed - worst.free:
            worst = WeekendShortfall(problem.date_of(run[0][0]), frequency, sum(needed), free)
    return worst


def _weekend_days(problem: SolverProblem) -> list[Sequence[int]]:
    """Return the period's day indexes of each weekend, Saturday and Sunday, in order."""
    weekends: dict[dt.date, list[int]] = {}
    for day in range(problem.days):
        date = problem.date_of(day)
        if date.weekday() >= SATURDAY:
            saturday = date - dt.timedelta(days=date.weekday() - SATURDAY)
            weekends.setdefault(saturday, []).append(day)
    return [weekends[saturday] for saturday in sorted(weekends)]


def render_weekend_cause(
    shortfall: WeekendShortfall, staff_count: int, translator: Translator, today: dt.date
) -> str:
    """Say that the weekend rule leaves too few people for a run of weekends, with the figures."""
    return translator.ngettext(
        "Cause: the weekend rule lets each person work at most one weekend in %(frequency)s "
        "(the tariff norm is every third weekend, and more often needs an agreement with the "
        "tillitsvalgt). So the %(frequency)s weekends from %(day)s need %(needed)s different "
        "people to meet the minimum staffing, but %(free)s of the %(count)s employee are free "
        "to work them.",
        "Cause: the weekend rule lets each person work at most one weekend in %(frequency)s "
        "(the tariff norm is every third weekend, and more often needs an agreement with the "
        "tillitsvalgt). So the %(frequency)s weekends from %(day)s need %(needed)s different "
        "people to meet the minimum staffing, but %(free)s of the %(count)s employees are free "
        "to work them.",
        staff_count,
        frequency=translator.number(shortfall.frequency),
        day=translator.date(shortfall.first_day, today=today),
        free=translator.number(shortfall.free),
        needed=translator.number(shortfall.needed),
    )
