"""Whether a unit's staff can cover its minimum staffing at all, and why not, in figures.

The figures are upper bounds as long as no one is planned above the hours band. Each
person counts with at most their target plus the unit's allowed difference, and with
only the shifts they may work on the days they are not blocked. Absence already lowers
the target (core.hours.target_minutes), and absence and unavailability both remove the
blocked days and shifts. A competence in the staffing plan (sykepleier=1 on each
night) is checked the same way, with the staff who have it and the shifts that need it.

A day with too few people free is a gap that no roster can avoid. An hours shortfall
is one that no roster avoids without planning people above that hours band. The
solver may do so, at a price: an hour above the band costs a little less than a
coverage gap (solver.weights), so one gap is worth only a few hours above the band.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from core.i18n import N_, Translator
from core.planning import PlanningInput
from core.violation_texts import hours_text
from core.weekend_capacity import WeekendShortfall, render_weekend_cause, weekend_shortfall
from solver.problem import CoverDemand, SolverProblem, StaffMember


@dataclass(frozen=True, slots=True)
class DayShortfall:
    """The day whose minimum staffing lacks the most people free to work it."""

    day: dt.date
    # People (with the competence, for a competence) the minimum staffing needs that day.
    needed: int
    # Those of them who are not absent or unavailable and may work one of the day's shifts.
    free: int


@dataclass(frozen=True, slots=True)
class CompetenceCapacity:
    """The staff with one competence, against the shifts whose minimum staffing needs it."""

    competence: str
    staff_count: int
    position_percent_total: int
    # The minutes the staff with the competence can work on the shifts that need it,
    # counted as in Capacity.available_minutes.
    available_minutes: int
    # Competence minimum × worked minutes of the shift, over every shift that needs it.
    required_minutes: int
    required_shifts: int
    short_day: DayShortfall | None

    @property
    def too_few_people(self) -> bool:
        return self.short_day is not None

    @property
    def too_few_hours(self) -> bool:
        return self.required_minutes > self.available_minutes

    @property
    def is_short(self) -> bool:
        return self.too_few_people or self.too_few_hours


@dataclass(frozen=True, slots=True)
class Capacity:
    """The hours and headcount of a unit's staff in a period, beside the minimum staffing's."""

    staff_count: int
    position_percent_total: int
    weekly_norm_minutes: int
    # The sum of each person's target plus the unit's allowed difference, each capped by
    # the longest shift they may work on each day they are not blocked.
    available_minutes: int
    # Minimum headcount × worked minutes of the shift, over every shift of the period.
    required_minutes: int
    required_shifts: int
    days: int
    # The largest minimum headcount of one day, all shifts together.
    max_daily_shifts: int
    # The day that lacks the most people, counting absence and unavailability, or None.
    short_day: DayShortfall | None = None
    # Whole days on which a person is absent or unavailable, summed over the staff.
    blocked_person_days: int = 0
    # Other days on which absence or unavailability rules out some of the shifts a person may
    # work («kan ikke jobbe etter kl 15»), summed over the staff.
    partly_blocked_person_days: int = 0
    competences: tuple[CompetenceCapacity, ...] = ()
    # The run of weekends that the weekend rule leaves short of people, or None.
    weekend_shortfall: WeekendShortfall | None = None

    @property
    def too_few_people(self) -> bool:
        """Tell whether some day needs more shifts than there are people free to work them.

        No person works two shifts on one day (a hard rule of the solver and the checker).
        """
        return self.short_day is not None

    @property
    def too_few_hours(self) -> bool:
        return self.required_minutes > self.available_minutes

    @property
    def short_competences(self) -> tuple[CompetenceCapacity, ...]:
        return tuple(competence for competence in self.competences if competence.is_short)

    @property
    def is_short(self) -> bool:
        return (
            self.too_few_people
            or self.too_few_hours
            or bool(self.short_competences)
            or self.weekend_shortfall is not None
        )


class _Availability:
    """The shifts each staff member of a pseudonymised problem may work, day by day."""

    def __init__(self, problem: SolverProblem) -> None:
        self.problem = problem
        self.worked = {shift.code: shift.worked_minutes for shift in problem.shifts}
        self.whole_days = {(b.token, b.day) for b in problem.blocked if b.shift_code is None}
        self.blocked_shifts = {
            (b.token, b.day, b.shift_code) for b in problem.blocked if b.shift_code is not None
        }

    def can_work(self, member: StaffMember, day: int, shift_code: str) -> bool:
        return (
            shift_code in member.allowed_shift_codes
            and (member.token, day) not in self.whole_days
            and (member.token, day, shift_code) not in self.blocked_shifts
        )

    def available_minutes(
        self, member: StaffMember, shift_codes_by_day: dict[int, set[str]]
    ) -> int:
        """Return the most minutes `member` can work on those shifts.

        That is one shift a day on the days they are free, and no more than their target
        plus the unit's tolerance.
        """
        workable = sum(
            max(
                (self.worked[code] for code in codes if self.can_work(member, day, code)),
                default=0,
            )
            for day, codes in shift_codes_by_day.items()
        )
        return min(member.target_minutes + self.problem.rules.hours_tolerance_minutes, workable)

    def partly_blocked_days(self) -> int:
        """Count the person-days without a whole-day block that lose a shift the person may work."""
        members = {member.token: member for member in self.problem.staff}
        return len(
            {
                (token, day)
                for token, day, code in self.blocked_shifts
                if (token, day) not in self.whole_days
                and token in members
                and code in members[token].allowed_shift_codes
                and 0 <= day < self.problem.days
            }
        )

    def is_free(self, member: StaffMember, day: int, shift_codes: Iterable[str]) -> bool:
        """Tell whether `member` can work one of `shift_codes` on `day`."""
        return any(self.can_work(member, day, code) for code in shift_codes)

    def short_day(
        self,
        staff: Iterable[StaffMember],
        needed_by_day: Counter[int],
        shift_codes_by_day: dict[int, set[str]],
    ) -> DayShortfall | None:
        """Return the day with the most people missing from those free to work, or None."""
        members = list(staff)
        worst: DayShortfall | None = None
        for day in sorted(needed_by_day):
            free = sum(
                1 for member in members if self.is_free(member, day, shift_codes_by_day[day])
            )
            needed = needed_by_day[day]
            if needed > free and (worst is None or needed - free > worst.needed - worst.free):
                worst = DayShortfall(self.problem.date_of(day), needed, free)
        return worst


def capacity_of(planning: PlanningInput) -> Capacity:
    """Compare the staff's hours and headcount with the minimum staffing of the period."""
    problem = planning.problem
    availability = _Availability(problem)
    daily_shifts, shift_codes_by_day, required_minutes = _needs(
        problem, lambda demand: demand.minimum
    )
    percent_by_token = {
        token: employee.position_percent for token, employee in planning.employees_by_token.items()
    }
    return Capacity(
        staff_count=len(problem.staff),
        position_percent_total=sum(percent_by_token.values()),
        weekly_norm_minutes=problem.rules.weekly_norm_minutes,
        available_minutes=sum(
            availability.available_minutes(member, shift_codes_by_day) for member in problem.staff
        ),
        required_minutes=required_minutes,
        required_shifts=sum(daily_shifts.values()),
        days=problem.days,
        max_daily_shifts=max(daily_shifts.values(), default=0),
        short_day=availability.short_day(problem.staff, daily_shifts, shift_codes_by_day),
        blocked_person_days=len(availability.whole_days),
        partly_blocked_person_days=availability.partly_blocked_days(),
        competences=tuple(
            _competence_capacity(competence, availability, percent_by_token)
            for competence in _competences(problem.demands)
        ),
        weekend_shortfall=weekend_shortfall(
            problem,
            daily_shifts,
            lambda member, day: availability.is_free(member, day, shift_codes_by_day.get(day, ())),
        ),
    )


def _competence_capacity(
    competence: str, availability: _Availability, percent_by_token: dict[str, int]
) -> CompetenceCapacity:
    problem = availability.problem
    qualified = [member for member in problem.staff if competence in member.competences]
    needed_by_day, shift_codes_by_day, required_minutes = _needs(
        problem, lambda demand: dict(demand.competence_minimums).get(competence, 0)
    )
    return CompetenceCapacity(
        competence=competence,
        staff_count=len(qualified),
        position_percent_total=sum(percent_by_token.get(member.token, 0) for member in qualified),
        available_minutes=sum(
            availability.available_minutes(member, shift_codes_by_day) for member in qualified
        ),
        required_minutes=required_minutes,
        required_shifts=sum(needed_by_day.values()),
        short_day=availability.short_day(qualified, needed_by_day, shift_codes_by_day),
    )


def _needs(
    problem: SolverProblem, needed: Callable[[CoverDemand], int]
) -> tuple[Counter[int], dict[int, set[str]], int]:
    """Return the people `needed` per day, the shift codes that need them, and their minutes."""
    worked = {shift.code: shift.worked_minutes for shift in problem.shifts}
    needed_by_day: Counter[int] = Counter()
    shift_codes_by_day: dict[int, set[str]] = {}
    required_minutes = 0
    for demand in problem.demands:
        count = needed(demand)
        if count <= 0:
            continue
        needed_by_day[demand.day] += count
        shift_codes_by_day.setdefault(demand.day, set()).add(demand.shift_code)
        required_minutes += count * worked.get(demand.shift_code, 0)
    return needed_by_day, shift_codes_by_day, required_minutes


def _competences(demands: Iterable[CoverDemand]) -> list[str]:
    """Return the competences the staffing plan requires, in the order they first appear."""
    seen: dict[str, None] = {}
    for demand in demands:
        for competence, minimum in demand.competence_minimums:
            if minimum > 0:
                seen.setdefault(competence, None)
    return list(seen)


# --- rendering -------------------------------------------------------------------------


def render_capacity_cause(capacity: Capacity, translator: Translator, today: dt.date) -> str:
    """Say why the staff cannot cover the minimum staffing, a sentence per cause, or return ""."""
    sentences = _staff_causes(capacity, translator, today)
    sentences += [
        _competence_cause(competence, capacity, translator, today)
        for competence in capacity.short_competences
    ]
    if capacity.weekend_shortfall is not None:
        sentences.append(
            render_weekend_cause(
                capacity.weekend_shortfall, capacity.staff_count, translator, today
            )
        )
    sentences = [sentence for sentence in sentences if sentence]
    if _has_hours_cause(capacity):
        sentences.append(
            translator.gettext(
                N_(
                    "The planner can still plan people a little above that to fill a gap, so "
                    "these hours are not a hard limit."
                )
            )
        )
    if sentences:
        sentences.append(_blocked_days_sentence(capacity, translator))
    return " ".join(sentence for sentence in sentences if sentence)


def _blocked_days_sentence(capacity: Capacity, translator: Translator) -> str:
    """Say how many person-days of absence and unavailability the figures leave out, or ""."""
    whole, partly = capacity.blocked_person_days, capacity.partly_blocked_person_days
    if whole and partly:
        return translator.ngettext(
            "The figures already leave out %(count)s person-day of absence and unavailability, "
            "and the shifts that absence or unavailability rules out on %(partly)s more.",
            "The figures already leave out %(count)s person-days of absence and unavailability, "
            "and the shifts that absence or unavailability rules out on %(partly)s more.",
            whole,
            partly=translator.number(partly),
        )
    if partly:
        return translator.ngettext(
            "The figures already leave out the shifts that absence or unavailability rules out on "
            "%(count)s person-day.",
            "The figures already leave out the shifts that absence or unavailability rules out on "
            "%(count)s person-days.",
            partly,
        )
    if whole:
        return translator.ngettext(
            "The figures already leave out %(count)s person-day of absence and unavailability.",
            "The figures already leave out %(count)s person-days of absence and unavailability.",
            whole,
        )
    return ""


def _has_hours_cause(capacity: Capacity) -> bool:
    """Return whether a cause counts hours, which the planner may exceed at a price."""
    competences_short_of_hours = [
        competence
        for competence in capacity.short_competences
        if competence.staff_count > 0 and competence.too_few_hours
    ]
    return capacity.too_few_hours or bool(competences_short_of_hours)


def _staff_causes(capacity: Capacity, translator: Translator, today: dt.date) -> list[str]:
    """Say why the whole staff falls short: too few people on a day, too few hours, or both."""
    hours = {
        "percent": translator.number(capacity.position_percent_total),
        "norm": hours_text(capacity.weekly_norm_minutes, translator),
        "available": hours_text(capacity.available_minutes, translator),
        "required": hours_text(capacity.required_minutes, translator),
        "required_shifts": translator.number(capacity.required_shifts),
    }
    short_day = capacity.short_day
    every_day_short = short_day is not None and short_day.free == capacity.staff_count
    if every_day_short and capacity.too_few_hours:
        return [
            translator.ngettext(
                "Cause: %(count)s employee cannot cover %(shifts)s shifts a day: each person can "
                "work at most one shift a day, and the positions (%(percent)s %% of a full "
                "position of %(norm)s a week in total) give at most %(available)s in the "
                "period without going above the target plus the allowed difference, while the "
                "minimum staffing needs "
                "%(required)s (%(required_shifts)s shifts).",
                "Cause: %(count)s employees cannot cover %(shifts)s shifts a day: each person can "
                "work at most one shift a day, and the positions (%(percent)s %% of a full "
                "position of %(norm)s a week in total) give at most %(available)s in the "
                "period without going above the target plus the allowed difference, while the "
                "minimum staffing needs "
                "%(required)s (%(required_shifts)s shifts).",
                capacity.staff_count,
                shifts=translator.number(capacity.max_daily_shifts),
                **hours,
            )
        ]
    causes = []
    if every_day_short:
        causes.append(
            translator.ngettext(
                "Cause: %(count)s employee cannot cover %(shifts)s shifts a day: each person can "
                "work at most one shift a day.",
                "Cause: %(count)s employees cannot cover %(shifts)s shifts a day: each person can "
                "work at most one shift a day.",
                capacity.staff_count,
                shifts=translator.number(capacity.max_daily_shifts),
            )
        )
    elif short_day is not None:
        causes.append(
            translator.ngettext(
                "Cause: on %(day)s only %(free)s of the %(count)s employee can work, because "
                "the others are absent or unavailable, while the minimum staffing needs "
                "%(needed)s of them.",
                "Cause: on %(day)s only %(free)s of the %(count)s employees can work, because "
                "the others are absent or unavailable, while the minimum staffing needs "
                "%(needed)s of them.",
                capacity.staff_count,
                day=translator.date(short_day.day, today=today),
                needed=translator.number(short_day.needed),
                free=translator.number(short_day.free),
            )
        )
    if capacity.too_few_hours:
        average = capacity.required_shifts / max(1, capacity.days)
        causes.append(
            translator.ngettext(
                "Cause: %(count)s employee cannot cover an average of %(shifts)s shifts a day: "
                "the positions (%(percent)s %% of a full position of %(norm)s a week in total) "
                "give at most %(available)s in the period without going above the target plus the "
                "allowed difference, while the minimum staffing needs %(required)s "
                "(%(required_shifts)s shifts).",
                "Cause: %(count)s employees cannot cover an average of %(shifts)s shifts a day: "
                "the positions (%(percent)s %% of a full position of %(norm)s a week in total) "
                "give at most %(available)s in the period without going above the target plus the "
                "allowed difference, while the minimum staffing needs %(required)s "
                "(%(required_shifts)s shifts).",
                capacity.staff_count,
                shifts=translator.number(average, decimals=0 if average.is_integer() else 1),
                **hours,
            )
        )
    return causes


def _competence_cause(
    competence: CompetenceCapacity, capacity: Capacity, translator: Translator, today: dt.date
) -> str:
    """Say how few have the competence against the shifts that need it, with the figures."""
    figures = {
        "competence": competence.competence,
        "percent": translator.number(competence.position_percent_total),
        "norm": hours_text(capacity.weekly_norm_minutes, translator),
        "available": hours_text(competence.available_minutes, translator),
        "required": hours_text(competence.required_minutes, translator),
        "required_shifts": translator.number(competence.required_shifts),
    }
    if competence.staff_count == 0:
        return translator.ngettext(
            "Cause: nobody on the staff has the competence %(competence)s, which the minimum "
            "staffing needs on %(count)s shift.",
            "Cause: nobody on the staff has the competence %(competence)s, which the minimum "
            "staffing needs on %(count)s shifts.",
            competence.required_shifts,
            competence=competence.competence,
        )
    if competence.too_few_hours:
        return translator.ngettext(
            "Cause: only %(count)s employee has the competence %(competence)s (%(percent)s %% "
            "of a full position of %(norm)s a week in total) and can work at most "
            "%(available)s on the shifts that need it without going above the target plus the "
            "allowed difference, while the minimum staffing needs %(competence)s on "
            "%(required_shifts)s shifts (%(required)s).",
            "Cause: only %(count)s employees have the competence %(competence)s (%(percent)s %% "
            "of a full position of %(norm)s a week in total) and can work at most "
            "%(available)s on the shifts that need it without going above the target plus the "
            "allowed difference, while the minimum staffing needs %(competence)s on "
            "%(required_shifts)s shifts (%(required)s).",
            competence.staff_count,
            **figures,
        )
    short_day = competence.short_day
    if short_day is None:
        return ""
    return translator.ngettext(
        "Cause: on %(day)s only %(free)s of the %(count)s employee with the competence "
        "%(competence)s can work, while the minimum staffing needs %(needed)s of them.",
        "Cause: on %(day)s only %(free)s of the %(count)s employees with the competence "
        "%(competence)s can work, while the minimum staffing needs %(needed)s of them.",
        competence.staff_count,
        day=translator.date(short_day.day, today=today),
        competence=competence.competence,
        needed=translator.number(short_day.needed),
        free=translator.number(short_day.free),
    )
