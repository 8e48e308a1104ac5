"""A generated medical ward with fictional tokens, for benchmarks and slow tests.

The ward resembles a Norwegian hospital bed ward: D/A/N shifts, nurses and
healthcare workers in 50–100 % positions, a few night-only staff, weekday and
weekend staffing with nurse and medication minimums, some absences, shift
unavailability, wishes and the last week of the previous roster as history.
Everything is drawn from a seeded random generator, so a seed gives the same ward.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from core.rules import RuleSettings
from solver.problem import (
    BlockedDay,
    CoverDemand,
    HistoryShift,
    ShiftSpec,
    SolverProblem,
    StaffMember,
    WishPreference,
    WishSpec,
)

NURSE = "sykepleier"
MEDICATION = "medisinansvar"
DEFAULT_START = dt.date(2026, 1, 5)  # a Monday

SHIFTS = (
    # Day 07:30–15:00 and evening 14:30–22:00 overlap for the handover.
    ShiftSpec("D", "D", 7 * 60 + 30, 450, 450, 0),
    ShiftSpec("A", "A", 14 * 60 + 30, 450, 450, 60),
    # Night 21:45–07:45, anchored to the day it starts.
    ShiftSpec("N", "N", 21 * 60 + 45, 600, 600, 540),
)
POSITION_PERCENTS = (100, 100, 100, 80, 80, 75, 75, 60, 50)


@dataclass(frozen=True, slots=True)
class DayStaffing:
    """Minimum and wanted heads per shift code, and nurse and medication minimums."""

    heads: dict[str, tuple[int, int]]
    nurses: dict[str, int]
    medication: dict[str, int]


# Staffing of a 34-person ward; `build_sample_ward` scales the heads to its staff count.
REFERENCE_STAFF_COUNT = 34
WEEKDAY_STAFFING = DayStaffing(
    heads={"D": (6, 8), "A": (5, 6), "N": (3, 3)},
    nurses={"D": 2, "A": 2, "N": 1},
    medication={"D": 1, "A": 1, "N": 1},
)
WEEKEND_STAFFING = DayStaffing(
    heads={"D": (4, 5), "A": (3, 4), "N": (2, 3)},
    nurses={"D": 2, "A": 1, "N": 1},
    medication={"D": 1, "A": 1, "N": 1},
)


def build_sample_ward(
    *,
    staff_count: int = 34,
    weeks: int = 6,
    seed: int = 7,
    start_date: dt.date = DEFAULT_START,
    rules: RuleSettings | None = None,
) -> SolverProblem:
    """Return a ward of `staff_count` people over `weeks` weeks with fictional tokens P001…"""
    rules = rules or RuleSettings()
    generator = random.Random(seed)
    days = weeks * 7
    staff = _staff(generator, staff_count, weeks, rules)
    blocked = _blocked_days(generator, staff, days)
    staff = _reduce_targets_for_absence(staff, blocked, days)
    return SolverProblem(
        start_date=start_date,
        days=days,
        shifts=SHIFTS,
        staff=tuple(staff),
        demands=_demands(start_date, days, staff_count),
        rules=rules,
        blocked=tuple(blocked),
        wishes=_wishes(generator, staff, days),
        history=_history(staff, start_date),
    )


def _staff(
    generator: random.Random, staff_count: int, weeks: int, rules: RuleSettings
) -> list[StaffMember]:
    night_only_count = max(2, staff_count // 9)
    members = []
    for index in range(staff_count):
        night_only = index < night_only_count
        is_nurse = index % 2 == 0 or index % 7 == 3
        competences = {NURSE} if is_nurse else set()
        # Nurses carry medication responsibility; some healthcare workers have it delegated.
        if is_nurse or generator.random() < 0.3:
            competences.add(MEDICATION)
        percent = (
            generator.choice((60, 75, 80)) if night_only else generator.choice(POSITION_PERCENTS)
        )
        members.append(
            StaffMember(
                token=f"P{index + 1:03d}",
                competences=frozenset(competences),
                target_minutes=percent * rules.weekly_norm_minutes * weeks // 100,
                allowed_shift_codes=frozenset({"N"} if night_only else {"D", "A", "N"}),
            )
        )
    return members


def _demands(start_date: dt.date, days: int, staff_count: int) -> tuple[CoverDemand, ...]:
    scale = staff_count / REFERENCE_STAFF_COUNT
    demands = []
    for day in range(days):
        weekday = (start_date + dt.timedelta(days=day)).weekday()
        staffing = WEEKEND_STAFFING if weekday >= 5 else WEEKDAY_STAFFING
        for shift_code, (reference_minimum, reference_wanted) in staffing.heads.items():
            minimum = max(1, round(reference_minimum * scale))
            wanted = max(minimum, round(reference_wanted * scale))
            competences = (
                (NURSE, staffing.nurses[shift_code]),
                (MEDICATION, staffing.medication[shift_code]),
            )
            demands.append(CoverDemand(day, shift_code, minimum, wanted, competences))
    return tuple(demands)


def _blocked_days(
    generator: random.Random, staff: list[StaffMember], days: int
) -> list[BlockedDay]:
    """Return a holiday week for two people, sick days for three, shift limits for four."""
    blocked = []
    holiday, sick, limited = _pick_groups(generator, staff, (2, 3, 4))
    for member in holiday:
        first = generator.randrange(0, days - 7)
        blocked += [BlockedDay(member.token, day) for day in range(first, first + 7)]
    for member in sick:
        first = generator.randrange(0, days - 3)
        blocked += [BlockedDay(member.token, day) for day in range(first, first + 3)]
    for member in limited:
        weekday = generator.randrange(0, 5)
        code = generator.choice(sorted(member.allowed_shift_codes))
        blocked += [BlockedDay(member.token, day, code) for day in range(weekday, days, 7)]
    return blocked


def _pick_groups(
    generator: random.Random, staff: list[StaffMember], sizes: tuple[int, ...]
) -> list[list[StaffMember]]:
    chosen = generator.sample(staff, sum(sizes))
    groups = []
    for size in sizes:
        groups.append(chosen[:size])
        chosen = chosen[size:]
    return groups


def _reduce_targets_for_absence(
    staff: list[StaffMember], blocked: list[BlockedDay], days: int
) -> list[StaffMember]:
    """Lower each target by its share of every whole day blocked."""
    whole_days = {(entry.token, entry.day) for entry in blocked if entry.shift_code is None}
    reduced = []
    for member in staff:
        absent = sum(1 for token, _ in whole_days if token == member.token)
        reduction = absent * member.target_minutes // days
        reduced.append(_with_target(member, member.target_minutes - reduction))
    return reduced


def _with_target(member: StaffMember, target_minutes: int) -> StaffMember:
    return StaffMember(member.token, member.competences, target_minutes, member.allowed_shift_codes)


def _wishes(generator: random.Random, staff: list[StaffMember], days: int) -> tuple[WishSpec, ...]:
    """Return about one wish per person: mostly days off, some requests to work a shift."""
    wishes: list[WishSpec] = []
    for member in staff:
        if generator.random() < 0.3:
            continue
        day = generator.randrange(days)
        if generator.random() < 0.75:
            wish = WishSpec(f"W{len(wishes) + 1}", member.token, day, WishPreference.OFF)
        else:
            code = generator.choice(sorted(member.allowed_shift_codes))
            wish = WishSpec(f"W{len(wishes) + 1}", member.token, day, WishPreference.WORK, code)
        wishes.append(wish)
    return tuple(wishes)


def _history(staff: list[StaffMember], start_date: dt.date) -> tuple[HistoryShift, ...]:
    """Return the previous roster's last two weeks, reduced to the shifts that reach the seam.

    A third of the staff worked the last weekend before day 0 and a third the one
    before it, as a one-in-three weekend rotation leaves it. Those who worked the
    last Sunday limit the first days of the period through daily rest.
    """
    last_saturday = -((start_date.weekday() - 5) % 7 or 7)
    history = []
    for index, member in enumerate(staff):
        code = "N" if member.allowed_shift_codes == {"N"} else ("D", "A")[index % 2]
        group = index % 3
        if group < 2:
            saturday = last_saturday - 7 * group
            history += [HistoryShift(member.token, day, code) for day in (saturday, saturday + 1)]
    return tuple(history)
