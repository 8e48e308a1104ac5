"""The forward pass of the roster program, compiled with Numba.

One pricing of Instance19 spent 95 % of its time in the NumPy version of this
loop, most of it creating and filling temporary arrays for each day. The compiled
loop visits each state cell of a day a few times and allocates nothing per day.

Array layout, as in `roster_generator._Program`:

- work values and choices: (days, employees, classes, work states, weekend levels,
  minute levels);
- day-off values: (days, employees, off states, weekend levels, minute levels).

A shift group that follows a working day has the classes allowed before it, its
own class and its length in minute units. A group that follows a day off has
only its class and length. A choice is the number of the group that won a
cell: after-work groups first, then after-off groups. Ties keep the lower number,
as the walk back expects.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
ChoiceArray = npt.NDArray[np.int16]


@njit(cache=True, nogil=True)
def run_forward_pass(
    work: FloatArray,
    off: FloatArray,
    choice: ChoiceArray,
    after_work_before: BoolArray,
    after_work_class: IntArray,
    after_work_units: IntArray,
    after_work_cost: FloatArray,
    after_off_class: IntArray,
    after_off_units: IntArray,
    after_off_cost: FloatArray,
    previous_states: IntArray,
    can_end: BoolArray,
    start_state: int,
    weekend_step_after_work: IntArray,
    weekend_step_after_off: IntArray,
    penalty_after_work: FloatArray,
    penalty_after_off: FloatArray,
    levels: IntArray,
) -> None:
    """Fill `work`, `off` and `choice` for every day; the arrays come in filled with inf and -1.

    `after_work_cost[group, employee, day]` is the cheapest arc of the group.
    `previous_states[state]` contains up to two work states that become `state`
    after one more working day, and -1 where there is none. `penalty_after_work[employee,
    day]` and `penalty_after_off[employee, day]` are the weekend prices added to a
    shift that follows a working day or a day off.

    `levels[employee, day]` contains the weekend and minute levels worth computing:
    (highest weekend level, lowest minute level, highest minute level). Above the
    highest, no roster can have got that far by that day; below the lowest, the
    rest of the horizon is too short to reach the employee's minimum minutes.
    Cells outside stay inf, which costs nothing in the walk back.
    """
    days, employees, classes, states, weekend_levels, minute_levels = work.shape
    off_states = off.shape[2]
    after_work_total = after_work_class.shape[0]
    continued = np.empty((classes, states, weekend_levels, minute_levels))
    best_before = np.empty((states, weekend_levels, minute_levels))
    for employee in range(employees):
        off[0, employee, off_states - 1, 0, 0] = 0.0  # days off before the horizon suffice
        _first_day(work, choice, employee, after_off_class, after_off_units, after_off_cost,
                   start_state, after_work_total)  # fmt: skip
    for day in range(1, days):
        for employee in range(employees):
            source = levels[employee, day - 1]
            target = levels[employee, day]
            _days_off(work, off, day, employee, can_end, source, target)
            _continue_runs(work, continued, day, employee, previous_states, source)
            for group in range(after_work_total):
                units = after_work_units[group]
                step = weekend_step_after_work[day]
                if units >= minute_levels or step >= weekend_levels:
                    continue
                _best_of_classes(continued, best_before, after_work_before[group], source)
                cost = after_work_cost[group, employee, day] + penalty_after_work[employee, day]
                _keep_better(work, choice, day, employee, after_work_class[group], 0, states,
                             best_before, cost, step, units, group, source, target)  # fmt: skip
            for group in range(after_off_class.shape[0]):
                units = after_off_units[group]
                step = weekend_step_after_off[day]
                if units >= minute_levels or step >= weekend_levels:
                    continue
                cost = after_off_cost[group, employee, day] + penalty_after_off[employee, day]
                _keep_better(work, choice, day, employee, after_off_class[group], 0, 1,
                             off[day - 1, employee, off_states - 1:], cost, step, units,
                             after_work_total + group, source, target)  # fmt: skip


@njit(cache=True, nogil=True)
def _first_day(
    work: FloatArray,
    choice: ChoiceArray,
    employee: int,
    after_off_class: IntArray,
    after_off_units: IntArray,
    after_off_cost: FloatArray,
    start_state: int,
    after_work_total: int,
) -> None:
    """Day 0 follows days off: a shift starts a run that began on the first day."""
    minute_levels = work.shape[5]
    for group in range(after_off_class.shape[0]):
        units = after_off_units[group]
        if units >= minute_levels:
            continue
        cost = after_off_cost[group, employee, 0]
        shift_class = after_off_class[group]
        if cost < work[0, employee, shift_class, start_state, 0, units]:
            work[0, employee, shift_class, start_state, 0, units] = cost
            choice[0, employee, shift_class, start_state, 0, units] = after_work_total + group


@njit(cache=True, nogil=True)
def _days_off(
    work: FloatArray,
    off: FloatArray,
    day: int,
    employee: int,
    can_end: BoolArray,
    source: IntArray,
    target: IntArray,
) -> None:
    """A day off either ends a run of work that may end (H7) or lengthens a run of days off."""
    _, _, classes, states, _, _ = work.shape
    off_states = off.shape[2]
    today = off[day, employee]
    yesterday = off[day - 1, employee]
    for weekend in range(source[0] + 1):
        for minute in range(target[1], source[2] + 1):
            ended = np.inf
            for shift_class in range(classes):
                for state in range(states):
                    if can_end[state]:
                        value = work[day - 1, employee, shift_class, state, weekend, minute]
                        ended = min(ended, value)
            if off_states == 1:
                today[0, weekend, minute] = min(yesterday[0, weekend, minute], ended)
                continue
            today[0, weekend, minute] = ended
            for state in range(1, off_states - 1):
                today[state, weekend, minute] = yesterday[state - 1, weekend, minute]
            last = off_states - 1
            today[last, weekend, minute] = min(
                yesterday[last - 1, weekend, minute], yesterday[last, weekend, minute]
            )


@njit(cache=True, nogil=True)
def _continue_runs(
    work: FloatArray,
    continued: FloatArray,
    day: int,
    employee: int,
    previous_states: IntArray,
    source: IntArray,
) -> None:
    """Value of each work state reached by working one more day, before the shift's cost.

    Only the cells within yesterday's `source` levels are written; the readers stay
    within them too.
    """
    classes, states, _, _ = continued.shape
    yesterday = work[day - 1, employee]
    for shift_class in range(classes):
        for state in range(states):
            first, second = previous_states[state, 0], previous_states[state, 1]
            for weekend in range(source[0] + 1):
                for minute in range(source[1], source[2] + 1):
                    value = np.inf
                    if first >= 0:
                        value = yesterday[shift_class, first, weekend, minute]
                    if second >= 0:
                        value = min(value, yesterday[shift_class, second, weekend, minute])
                    continued[shift_class, state, weekend, minute] = value


@njit(cache=True, nogil=True)
def _best_of_classes(
    continued: FloatArray, best_before: FloatArray, allowed: BoolArray, source: IntArray
) -> None:
    """Cheapest continued value over the classes allowed before a shift group (H2)."""
    classes, states, _, _ = continued.shape
    for state in range(states):
        for weekend in range(source[0] + 1):
            for minute in range(source[1], source[2] + 1):
                best = np.inf
                for shift_class in range(classes):
                    if allowed[shift_class]:
                        best = min(best, continued[shift_class, state, weekend, minute])
                best_before[state, weekend, minute] = best


@njit(cache=True, nogil=True)
def _keep_better(
    work: FloatArray,
    choice: ChoiceArray,
    day: int,
    employee: int,
    shift_class: int,
    first_state: int,
    state_count: int,
    values: FloatArray,
    cost: float,
    weekend_step: int,
    units: int,
    group: int,
    source: IntArray,
    target: IntArray,
) -> None:
    """Write values + cost into the states it improves, shifted by the levels the shift adds."""
    _, _, _, _, weekend_levels, minute_levels = work.shape
    if not np.isfinite(cost):
        return
    top_weekend = min(source[0], weekend_levels - 1 - weekend_step)
    low_minute = max(source[1], target[1] - units)
    high_minute = min(source[2], target[2] - units, minute_levels - 1 - units)
    for offset in range(state_count):
        state = first_state + offset
        for weekend in range(top_weekend + 1):
            row = work[day, employee, shift_class, state, weekend + weekend_step]
            chosen = choice[day, employee, shift_class, state, weekend + weekend_step]
            for minute in range(low_minute, high_minute + 1):
                candidate = values[offset, weekend, minute] + cost
                if candidate < row[minute + units]:
                    row[minute + units] = candidate
                    chosen[minute + units] = group


@njit(cache=True, nogil=True)
def walk_back(
    work: FloatArray,
    off: FloatArray,
    choice: ChoiceArray,
    arc_costs: FloatArray,
    group_shifts: IntArray,
    after_work_before: BoolArray,
    after_work_units: IntArray,
    after_off_units: IntArray,
    previous_states: IntArray,
    can_end: BoolArray,
    weekend_step_after_work: IntArray,
    weekend_step_after_off: IntArray,
    employee: int,
    final_state: IntArray,
) -> IntArray:
    """Return the roster (shift index per day, -1 off) that ends in `final_state`.

    `final_state` is (working, class, run state, weekend level, minute level).
    Each day's predecessor is the cell whose value, plus the shift's cost, gave
    today's value: the cheapest allowed one, first in array order on ties, as the
    forward pass kept it. `group_shifts[group]` lists a group's shift indexes,
    padded with -1; the cheapest of them on the day is the shift worked.
    """
    days = work.shape[0]
    classes = work.shape[2]
    off_states = off.shape[2]
    after_work_total = after_work_units.shape[0]
    roster = np.full(days, -1, dtype=np.int64)
    working, shift_class, run = final_state[0] == 1, final_state[1], final_state[2]
    weekend, minute = final_state[3], final_state[4]
    for day in range(days - 1, -1, -1):
        if not working:
            if day == 0:
                break
            working, shift_class, run = _off_predecessor(
                work, off, day, employee, run, weekend, minute, can_end
            )
            continue
        group = choice[day, employee, shift_class, run, weekend, minute]
        roster[day] = _cheapest_shift(arc_costs, group_shifts[group], employee, day)
        if day == 0:
            break
        if group >= after_work_total:
            working, run = False, off_states - 1
            weekend -= weekend_step_after_off[day]
            minute -= after_off_units[group - after_work_total]
            continue
        weekend -= weekend_step_after_work[day]
        minute -= after_work_units[group]
        best, best_class, best_run = np.inf, -1, -1
        for before in range(classes):
            if not after_work_before[group, before]:
                continue
            for source in previous_states[run]:
                if source >= 0 and work[day - 1, employee, before, source, weekend, minute] < best:
                    best = work[day - 1, employee, before, source, weekend, minute]
                    best_class, best_run = before, source
        shift_class, run = best_class, best_run
    return roster


@njit(cache=True, nogil=True)
def _cheapest_shift(arc_costs: FloatArray, shifts: IntArray, employee: int, day: int) -> int:
    best, best_cost = -1, np.inf
    for shift in shifts:
        if shift >= 0 and (best < 0 or arc_costs[employee, day, shift] < best_cost):
            best, best_cost = shift, arc_costs[employee, day, shift]
    return best


@njit(cache=True, nogil=True)
def _off_predecessor(
    work: FloatArray,
    off: FloatArray,
    day: int,
    employee: int,
    run: int,
    weekend: int,
    minute: int,
    can_end: BoolArray,
) -> tuple[bool, int, int]:
    """Return (working, class, run state) of the day before a day off in off state `run`."""
    off_states = off.shape[2]
    value = off[day, employee, run, weekend, minute]
    yesterday = off[day - 1, employee]
    if run > 0:
        if yesterday[run - 1, weekend, minute] == value:
            return False, 0, run - 1
        return False, 0, run  # the last off state: a run long enough went on
    if off_states == 1 and yesterday[0, weekend, minute] == value:
        return False, 0, 0
    best, best_class, best_run = np.inf, -1, -1
    for shift_class in range(work.shape[2]):
        for state in range(work.shape[3]):
            if (
                can_end[state]
                and work[day - 1, employee, shift_class, state, weekend, minute] < best
            ):
                best = work[day - 1, employee, shift_class, state, weekend, minute]
                best_class, best_run = shift_class, state
    return True, best_class, best_run
