"""Daily and weekly rest, measured on real start and end times (AML §10-8)."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator

from ortools.sat.python import cp_model

from core.rules import WeeklyRestWindow
from solver.model import RosterModel
from solver.problem import ShiftSpec
from solver.timeline import (
    MINUTES_PER_DAY,
    Interval,
    Week,
    rest_minutes_between,
    shift_interval,
    weeks_of,
)

logger = logging.getLogger(__name__)

NIGHT_KIND = "N"


def add_daily_rest(roster: RosterModel) -> None:
    """AML §10-8 (1): at least `min_daily_rest_minutes` between the end of one shift and the next.

    Pairs are checked on real times, so a night ending at 07:45 rules out an
    evening at 15:00 the same day, and a history shift before day 0 rules out
    an early first shift of the period. The value may be below 11 hours only
    under an agreement (AML §10-8 (3)), which RuleSettings.validate enforces.
    """
    min_rest = roster.problem.rules.min_daily_rest_minutes
    for member in roster.staff:
        for (day, shift), (later_day, later_shift) in _shift_pairs(roster, member.token):
            if rest_minutes_between(day, shift, later_day, later_shift) < min_rest:
                roster.model.add_bool_or(
                    [
                        roster.assigned[(member.token, day, shift.code)].Not(),
                        roster.assigned[(member.token, later_day, later_shift.code)].Not(),
                    ]
                )
        _forbid_short_rest_after_history(roster, member.token, min_rest)


def add_weekly_rest(roster: RosterModel) -> None:
    """AML §10-8 (2): each week contains an unbroken rest of `min_weekly_rest_minutes`.

    The week is the calendar week by default, or every 7-day span starting at a
    midnight when the unit chose `ROLLING_SEVEN_DAYS`. A rest period that long
    either starts at the span's first minute or right where some shift ends. So
    for each such candidate start, a literal says "the following rest window is
    free". It forbids every shift overlapping the window, and at least one
    candidate of the span must hold. The value may be 28 hours under an
    agreement (AML §10-8 (3)).

    NOTE: a span that runs past the period's last day counts the days after the
    period as free, and days before day 0 are free unless `history` says
    otherwise. The roster of the next period has to keep that span's rest.
    """
    min_rest = roster.problem.rules.min_weekly_rest_minutes
    history = history_intervals(roster)
    for member in roster.staff:
        for week in _rest_spans(roster):
            candidates = rest_window_literals(
                roster,
                member.token,
                week.interval,
                min_rest,
                history,
                name=f"weekly_rest[{member.token},{week.monday}]",
            )
            if candidates:
                roster.model.add_bool_or(candidates)
            elif candidates is not None:
                # Only the history fills the span: it was already broken before day 0,
                # and nothing planned now can repair it.
                logger.warning(
                    "history leaves no weekly rest for %s in the span from day %d",
                    member.token,
                    week.monday,
                )


def add_rest_after_night_runs(roster: RosterModel) -> None:
    """AML §10-2 (1): after the last night of a run, rest `min_rest_after_night_run_minutes`.

    No statute sets the length; it is a soundness rule of the unit. The run ends
    when the next day has no night shift, so a following night continues it.
    """
    min_rest = roster.problem.rules.min_rest_after_night_run_minutes
    if min_rest <= roster.problem.rules.min_daily_rest_minutes:
        return
    shifts = roster.shifts_by_code
    for member in roster.staff:
        for day in range(roster.problem.days):
            for shift_code, night in roster.shifts_on(member.token, day):
                if shifts[shift_code].kind != NIGHT_KIND:
                    continue
                night_end = shift_interval(day, shifts[shift_code]).end
                _forbid_early_return_after_night(
                    roster, member.token, day, night, night_end, min_rest
                )
        _forbid_early_return_after_history_nights(roster, member.token, min_rest)


def _forbid_early_return_after_history_nights(
    roster: RosterModel, token: str, min_rest: int
) -> None:
    """Apply the rule to nights before day 0, unless the history itself continues the run."""
    shifts = roster.shifts_by_code
    history_nights = {
        past.day: past.shift_code
        for past in roster.problem.history
        if past.token == token and shifts[past.shift_code].kind == NIGHT_KIND
    }
    for day, shift_code in history_nights.items():
        if day + 1 in history_nights:
            continue
        night_end = shift_interval(day, shifts[shift_code]).end
        _forbid_early_return_after_night(roster, token, day, None, night_end, min_rest)


def _forbid_early_return_after_night(
    roster: RosterModel,
    token: str,
    day: int,
    night: cp_model.IntVar | None,
    night_end: int,
    min_rest: int,
) -> None:
    """Forbid shifts starting within `min_rest` of a night's end unless the next night follows.

    `night` is the night's literal, or None for a night already worked (history).
    """
    shifts = roster.shifts_by_code
    next_nights = [
        variable
        for code, variable in roster.shifts_on(token, day + 1)
        if shifts[code].kind == NIGHT_KIND
    ]
    worked_night = [] if night is None else [night.Not()]
    for later_day in range(max(0, day + 1), min(roster.problem.days, day + 4)):
        for later_code, later in roster.shifts_on(token, later_day):
            if later_day == day + 1 and shifts[later_code].kind == NIGHT_KIND:
                continue
            if shift_interval(later_day, shifts[later_code]).start - night_end < min_rest:
                # Either no night here, no early return, or the run goes on the next night.
                roster.model.add_bool_or([*worked_night, later.Not(), *next_nights])


def _rest_spans(roster: RosterModel) -> list[Week]:
    if roster.problem.rules.weekly_rest_window == WeeklyRestWindow.CALENDAR_WEEK:
        return weeks_of(roster.problem)
    # Every 7-day span from a midnight that has a day inside the period.
    return [Week(first_day) for first_day in range(-6, roster.problem.days)]


def _shift_pairs(
    roster: RosterModel, token: str
) -> Iterator[tuple[tuple[int, ShiftSpec], tuple[int, ShiftSpec]]]:
    """Yield each pair of possible shifts of one person on different days, earlier first."""
    shifts = roster.shifts_by_code
    longest_reach_days = 2 + roster.problem.rules.min_daily_rest_minutes // (24 * 60)
    for day in range(roster.problem.days):
        for shift_code, _ in roster.shifts_on(token, day):
            last_day = min(roster.problem.days, day + longest_reach_days + 1)
            for later_day in range(day + 1, last_day):
                for later_code, _ in roster.shifts_on(token, later_day):
                    yield (day, shifts[shift_code]), (later_day, shifts[later_code])


def _forbid_short_rest_after_history(roster: RosterModel, token: str, min_rest: int) -> None:
    shifts = roster.shifts_by_code
    for past in roster.problem.history:
        if past.token != token:
            continue
        past_shift = shifts[past.shift_code]
        for day in range(min(roster.problem.days, 3 + min_rest // (24 * 60))):
            for shift_code, variable in roster.shifts_on(token, day):
                if rest_minutes_between(past.day, past_shift, day, shifts[shift_code]) < min_rest:
                    roster.model.add(variable == 0)


def history_intervals(roster: RosterModel) -> dict[str, list[Interval]]:
    """Return the intervals of each person's history shifts, which no rest window may overlap."""
    shifts = roster.shifts_by_code
    intervals: dict[str, list[Interval]] = defaultdict(list)
    for past in roster.problem.history:
        intervals[past.token].append(shift_interval(past.day, shifts[past.shift_code]))
    return intervals


def rest_window_literals(
    roster: RosterModel,
    token: str,
    span: Interval,
    min_rest: int,
    history: dict[str, list[Interval]],
    *,
    name: str,
) -> list[cp_model.IntVar] | None:
    """Return one literal per possible rest window inside `span`, or None if one is always free.

    Each literal means that the rest window of `min_rest` minutes from its start
    is free, so it forbids every shift that overlaps the window. A window that overlaps a
    history shift gets no literal. `name` labels the literals in the model.
    """
    possible = [
        (interval, variable)
        for day in _days_meeting(span)
        for interval, variable in _shift_intervals_on(roster, token, day)
    ]
    literals: list[cp_model.IntVar] = []
    for start in _candidate_rest_starts(roster, token, span, min_rest, history):
        window = Interval(start, start + min_rest)
        if any(window.overlaps(past) for past in history.get(token, [])):
            continue
        blocking = [variable for interval, variable in possible if interval.overlaps(window)]
        if not blocking:
            return None
        literal = roster.model.new_bool_var(f"{name}[{start}]")
        for variable in blocking:
            roster.model.add_implication(literal, variable.Not())
        literals.append(literal)
    return literals


def _candidate_rest_starts(
    roster: RosterModel,
    token: str,
    span: Interval,
    min_rest: int,
    history: dict[str, list[Interval]],
) -> list[int]:
    """Return the span's start and every shift end from which a full rest window fits the span.

    A free stretch of `min_rest` inside the span either starts at the span's
    first minute or right where some shift ends, so no other start is needed.
    """
    ends = {
        interval.end
        for day in _days_meeting(span)
        for interval, _ in _shift_intervals_on(roster, token, day)
    }
    ends.update(interval.end for interval in history.get(token, []))
    starts = {span.start} | ends
    latest_start = span.end - min_rest
    return sorted(start for start in starts if span.start <= start <= latest_start)


def _days_meeting(span: Interval) -> range:
    """Return the days whose shifts can overlap `span`: a shift may run into the next day."""
    return range(span.start // MINUTES_PER_DAY - 1, (span.end - 1) // MINUTES_PER_DAY + 1)


def _shift_intervals_on(
    roster: RosterModel, token: str, day: int
) -> list[tuple[Interval, cp_model.IntVar]]:
    shifts = roster.shifts_by_code
    return [
        (shift_interval(day, shifts[shift_code]), variable)
        for shift_code, variable in roster.shifts_on(token, day)
    ]
