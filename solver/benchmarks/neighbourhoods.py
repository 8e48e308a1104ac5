"""Choose the neighbourhoods (employees × window of days) that the LNS frees in turn."""

from __future__ import annotations

import random
from collections import Counter

from solver.benchmarks.instance import CoverRequirement, Instance
from solver.benchmarks.model import IndexedRoster, Neighbourhood

# Free employee-days a neighbourhood starts with, for each window length.
INITIAL_SIZE = 60
GROWTH_AFTER_OPTIMAL = 1.1
SHRINK_AFTER_TIMEOUT = 0.85
WINDOW_LENGTHS = (7, 14, 28, 56, 84, 182, 364)
# Share of neighbourhoods built around an under- or overstaffed (day, shift).
GUIDED_SHARE = 0.5
# Minimum days of a window beside another; a shorter one frees too little to pay.
MIN_DAYS_BESIDE = 4


class NeighbourhoodPicker:
    """Pick random or cover-guided neighbourhoods and adapt their size to the sub-solve results.

    Each window length keeps its own employee count, because freeing every employee
    for a week is easy while freeing them all for the whole horizon is the full model.
    """

    def __init__(self, instance: Instance, rng: random.Random) -> None:
        self.instance = instance
        self.rng = rng
        horizon_days = instance.horizon_days
        lengths = [length for length in WINDOW_LENGTHS if length < horizon_days] + [horizon_days]
        employee_total = len(instance.employees)
        self.employee_counts = {
            length: float(min(employee_total, max(2, INITIAL_SIZE // length))) for length in lengths
        }
        self.last_window_days = lengths[0]

    def record(self, *, solved_to_optimality: bool, window_days: int | None = None) -> None:
        """Grow the employee count of the window length after an optimal sub-solve, else shrink it.

        `window_days` is the length of the sub-solve's window, by default the last one picked.
        """
        length = self.last_window_days if window_days is None else window_days
        factor = GROWTH_AFTER_OPTIMAL if solved_to_optimality else SHRINK_AFTER_TIMEOUT
        count = self.employee_counts[length] * factor
        self.employee_counts[length] = min(float(len(self.instance.employees)), max(1.0, count))

    def leaves_room_beside(self, neighbourhood: Neighbourhood) -> bool:
        """Return whether a neighbourhood with no day and no employee of this one fits beside it."""
        days_after = self.instance.horizon_days - 1 - neighbourhood.last_day
        longest_free_stretch = max(neighbourhood.first_day, days_after)
        employees_left = len(self.instance.employees) - len(neighbourhood.employee_indexes)
        return employees_left > 0 and longest_free_stretch >= MIN_DAYS_BESIDE

    def pick(
        self, incumbent: IndexedRoster, *, beside: Neighbourhood | None = None
    ) -> Neighbourhood | None:
        """Return a neighbourhood, sharing no day and no employee with `beside` if given.

        Return None when no window fits beside it.
        """
        taken_days = range(0) if beside is None else range(beside.first_day, beside.last_day + 1)
        taken_employees = set() if beside is None else set(beside.employee_indexes)
        window = self._window(taken_days)
        if window is None:
            return None
        first_day, last_day = window
        employee_total = len(self.instance.employees)
        employee_count = min(
            round(self.employee_counts[self.last_window_days]),
            employee_total - len(taken_employees),
        )
        if employee_count < 1:
            return None
        employees: set[int] = set()
        if self.rng.random() < GUIDED_SHARE:
            near_gap = self._employees_near_cover_gap(
                incumbent, first_day, last_day, employee_count
            )
            employees.update(set(near_gap) - taken_employees)
        others = [
            index
            for index in range(employee_total)
            if index not in employees and index not in taken_employees
        ]
        employees.update(self.rng.sample(others, max(0, employee_count - len(employees))))
        return Neighbourhood(tuple(sorted(employees)), first_day, last_day)

    def _window(self, taken_days: range) -> tuple[int, int] | None:
        """Pick a window length, then a window of at most that length outside `taken_days`.

        Beside another window the free days may be fewer than the length picked: the
        window then takes the longest free stretch, if it has `MIN_DAYS_BESIDE` days.
        """
        horizon_days = self.instance.horizon_days
        longest_free_stretch = max(taken_days.start, horizon_days - taken_days.stop)
        if taken_days and longest_free_stretch < MIN_DAYS_BESIDE:
            return None
        length = self.last_window_days = self.rng.choice(list(self.employee_counts))
        window_days = min(length, longest_free_stretch)
        first_days = [
            first_day
            for first_day in range(horizon_days - window_days + 1)
            if first_day + window_days <= taken_days.start or first_day >= taken_days.stop
        ]
        first_day = self.rng.choice(first_days)
        return first_day, first_day + window_days - 1

    def _employees_near_cover_gap(
        self, incumbent: IndexedRoster, first_day: int, last_day: int, employee_count: int
    ) -> list[int]:
        """Return up to half the employees, chosen among those who could close one cover gap."""
        gaps = self._cover_gaps(incumbent, first_day, last_day)
        if not gaps:
            return []
        weights = [weight for _, weight in gaps]
        cover, _ = self.rng.choices(gaps, weights=weights)[0]
        candidates = [
            index
            for index, employee in enumerate(self.instance.employees)
            if self.instance.max_shifts_of(employee, cover.shift_id) > 0
            and cover.day not in self.instance.fixed_days_off.get(employee.employee_id, ())
        ]
        return self.rng.sample(candidates, min(len(candidates), max(1, employee_count // 2)))

    def _cover_gaps(
        self, incumbent: IndexedRoster, first_day: int, last_day: int
    ) -> list[tuple[CoverRequirement, int]]:
        """Return (cover line, penalty) for each under- or overstaffed pair in the window."""
        staffing = Counter(
            (day, days[day])
            for days in incumbent
            for day in range(first_day, last_day + 1)
            if days[day] is not None
        )
        gaps = []
        for cover in self.instance.cover:
            if first_day <= cover.day <= last_day:
                staffed = staffing[cover.day, cover.shift_id]
                penalty = cover.weight_under * max(0, cover.requirement - staffed)
                penalty += cover.weight_over * max(0, staffed - cover.requirement)
                if penalty:
                    gaps.append((cover, penalty))
        return gaps
