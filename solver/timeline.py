"""Absolute times on the planning period's clock, ISO weeks and weekends.

Times are minutes from midnight at the start of day 0, so a shift starting on day
-1 has a negative start and a night shift's end lies on the next day.

NOTE: the clock counts every day as 24 hours. On the two daylight-saving nights a
year, real elapsed rest differs by one hour from what this clock shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.problem import ShiftSpec, SolverProblem

MINUTES_PER_DAY = 24 * 60
DAYS_PER_WEEK = 7
SATURDAY = 5
SUNDAY = 6
FRIDAY = 4


@dataclass(frozen=True, slots=True)
class Interval:
    """A half-open span [start, end) in minutes on the period's clock."""

    start: int
    end: int

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end


def shift_interval(day: int, shift: ShiftSpec) -> Interval:
    start = day * MINUTES_PER_DAY + shift.start_minute
    return Interval(start, start + shift.duration_minutes)


def rest_minutes_between(
    first_day: int, first: ShiftSpec, second_day: int, second: ShiftSpec
) -> int:
    """Return the minutes from the end of the first shift to the start of the second."""
    return shift_interval(second_day, second).start - shift_interval(first_day, first).end


def weekday_of(problem: SolverProblem, day: int) -> int:
    """Return 0 for Monday to 6 for Sunday."""
    return (problem.start_date.weekday() + day) % DAYS_PER_WEEK


@dataclass(frozen=True, slots=True)
class Week:
    """One ISO week that meets the period; `monday` may be before day 0."""

    monday: int

    @property
    def days(self) -> range:
        return range(self.monday, self.monday + DAYS_PER_WEEK)

    @property
    def interval(self) -> Interval:
        return Interval(
            self.monday * MINUTES_PER_DAY, (self.monday + DAYS_PER_WEEK) * MINUTES_PER_DAY
        )


def weeks_of(problem: SolverProblem) -> list[Week]:
    """Return every ISO week that has at least one day inside the period."""
    first_monday = -weekday_of(problem, 0)
    return [Week(monday) for monday in range(first_monday, problem.days, DAYS_PER_WEEK)]


def saturdays_of(problem: SolverProblem, *, first_day: int, last_day: int) -> list[int]:
    """Return the day indexes of Saturdays whose weekend meets [first_day, last_day]."""
    weekday = weekday_of(problem, first_day)
    first_saturday = first_day - 1 if weekday == SUNDAY else first_day + (SATURDAY - weekday)
    return list(range(first_saturday, last_day + 1, DAYS_PER_WEEK))
