"""Coverage gaps of a roster: a chat-sized summary, the capacity cause, and the full CSV list.

A unit with too few staff can have a gap on almost every shift of a six-week
roster. The chat therefore gets totals by ISO week and shift, and the cause when
the staff cannot cover the minimum staffing at all. The per-day list goes to a
CSV file instead.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from core.compliance.model import Violation, ViolationRule
from core.i18n import N_, Translator
from core.planning import PlanningInput
from core.violation_texts import describe_violation, hours_text

# Up to this many gaps, the chat lists each one. More are summarised by week and shift.
MAX_LISTED_GAPS = 8
# Weeks the chat summary shows, while the CSV file has them all. Ten lines, a heading
# and the cause fit one screen of a chat window.
MAX_SUMMARY_WEEKS = 10

GAP_CSV_COLUMNS = ("date", "shift_code", "competence", "staffed", "minimum", "missing")


@dataclass(frozen=True, slots=True)
class Capacity:
    """The hours and headcount of a unit's staff in a period, beside the minimum staffing's."""

    staff_count: int
    position_percent_total: int
    weekly_norm_minutes: int
    # The sum of each person's target plus the unit's allowed difference.
    available_minutes: int
    # Minimum headcount × worked minutes of the shift, over every shift of the period.
    required_minutes: int
    required_shifts: int
    days: int
    # The largest minimum headcount of one day, all shifts together.
    max_daily_shifts: int

    @property
    def too_few_people(self) -> bool:
        """Tell whether some day needs more shifts than there are people.

        No person works two shifts on one day (a hard rule of the solver and the checker).
        """
        return self.max_daily_shifts > self.staff_count

    @property
    def too_few_hours(self) -> bool:
        return self.required_minutes > self.available_minutes

    @property
    def is_short(self) -> bool:
        return self.too_few_people or self.too_few_hours


def capacity_of(planning: PlanningInput) -> Capacity:
    """Compare the staff's hours and headcount with the minimum staffing of the period."""
    problem = planning.problem
    worked = {shift.code: shift.worked_minutes for shift in problem.shifts}
    daily_shifts: Counter[int] = Counter()
    required_minutes = 0
    for demand in problem.demands:
        daily_shifts[demand.day] += demand.minimum
        required_minutes += demand.minimum * worked.get(demand.shift_code, 0)
    tolerance = problem.rules.hours_tolerance_minutes
    employees = planning.employees_by_token.values()
    return Capacity(
        staff_count=len(problem.staff),
        position_percent_total=sum(employee.position_percent for employee in employees),
        weekly_norm_minutes=problem.rules.weekly_norm_minutes,
        available_minutes=sum(member.target_minutes + tolerance for member in problem.staff),
        required_minutes=required_minutes,
        required_shifts=sum(daily_shifts.values()),
        days=problem.days,
        max_daily_shifts=max(daily_shifts.values(), default=0),
    )


def render_capacity_cause(capacity: Capacity, translator: Translator) -> str:
    """Say in one sentence why the staff cannot cover the minimum staffing, or return ""."""
    if not capacity.is_short:
        return ""
    if capacity.too_few_people and not capacity.too_few_hours:
        return translator.ngettext(
            "Cause: %(count)s employee cannot cover %(shifts)s shifts a day: each person can "
            "work at most one shift a day.",
            "Cause: %(count)s employees cannot cover %(shifts)s shifts a day: each person can "
            "work at most one shift a day.",
            capacity.staff_count,
            shifts=capacity.max_daily_shifts,
        )
    hours = {
        "percent": capacity.position_percent_total,
        "norm": hours_text(capacity.weekly_norm_minutes),
        "available": hours_text(capacity.available_minutes),
        "required": hours_text(capacity.required_minutes),
        "required_shifts": capacity.required_shifts,
    }
    if capacity.too_few_people:
        return translator.ngettext(
            "Cause: %(count)s employee cannot cover %(shifts)s shifts a day: each person can "
            "work at most one shift a day, and the positions (%(percent)s %% of a full "
            "position of %(norm)s a week in total) give at most %(available)s in the period, "
            "counting the allowed difference, while the minimum staffing needs %(required)s "
            "(%(required_shifts)s shifts).",
            "Cause: %(count)s employees cannot cover %(shifts)s shifts a day: each person can "
            "work at most one shift a day, and the positions (%(percent)s %% of a full "
            "position of %(norm)s a week in total) give at most %(available)s in the period, "
            "counting the allowed difference, while the minimum staffing needs %(required)s "
            "(%(required_shifts)s shifts).",
            capacity.staff_count,
            shifts=capacity.max_daily_shifts,
            **hours,
        )
    average = capacity.required_shifts / max(1, capacity.days)
    return translator.ngettext(
        "Cause: %(count)s employee cannot cover an average of %(shifts)s shifts a day: the "
        "positions (%(percent)s %% of a full position of %(norm)s a week in total) give at "
        "most %(available)s in the period, counting the allowed difference, while the "
        "minimum staffing needs %(required)s (%(required_shifts)s shifts).",
        "Cause: %(count)s employees cannot cover an average of %(shifts)s shifts a day: the "
        "positions (%(percent)s %% of a full position of %(norm)s a week in total) give at "
        "most %(available)s in the period, counting the allowed difference, while the "
        "minimum staffing needs %(required)s (%(required_shifts)s shifts).",
        capacity.staff_count,
        shifts=translator.number(average, decimals=0 if average.is_integer() else 1),
        **hours,
    )


def missing_of(gap: Violation) -> int:
    """Return the people a gap lacks: its minimum less those on duty."""
    return int(gap.details.get("missing", 1))


def is_summarised(gaps: list[Violation]) -> bool:
    """Tell whether the chat summarises `gaps` rather than listing them, so a file needs them."""
    return len(gaps) > MAX_LISTED_GAPS


def render_gap_list(gaps: list[Violation], translator: Translator, today: dt.date) -> str:
    """List every coverage gap, a line each, under a heading that counts them."""
    if not gaps:
        return translator.gettext(N_("Coverage: every shift has at least its minimum staffing."))
    lines = [
        translator.ngettext(
            "Coverage: %(count)s gap below the minimum staffing:",
            "Coverage: %(count)s gaps below the minimum staffing:",
            len(gaps),
        )
    ]
    lines += ["  " + describe_violation(translator, gap, {}, today=today) for gap in gaps]
    return "\n".join(lines)


def render_gap_summary(
    gaps: list[Violation],
    translator: Translator,
    today: dt.date,
    shift_order: tuple[str, ...] = (),
) -> str:
    """Summarise coverage gaps for chat: each gap when few, else totals by ISO week and shift.

    A competence gap is counted apart from the headcount, as «N (sykepleier)», because
    the same shift can lack both people and a competence. Shifts are named in
    `shift_order`, the unit's order of shift types, and others after them.
    """
    if not is_summarised(gaps):
        return render_gap_list(gaps, translator, today)

    missing = sum(missing_of(gap) for gap in gaps if gap.rule == ViolationRule.STAFFING_MINIMUM)
    lines = [
        translator.ngettext(
            "Coverage: %(count)s gap below the minimum staffing, %(missing)s shifts missing "
            "in all. Missing by week and shift:",
            "Coverage: %(count)s gaps below the minimum staffing, %(missing)s shifts missing "
            "in all. Missing by week and shift:",
            len(gaps),
            missing=missing,
        )
    ]
    weeks = _missing_by_week(gaps, shift_order)
    for (year, week), counts in list(weeks.items())[:MAX_SUMMARY_WEEKS]:
        lines.append(
            "  "
            + translator.gettext(
                N_("week %(week)s (%(start)s–%(end)s): %(counts)s"),
                week=week,
                start=translator.day_month(dt.date.fromisocalendar(year, week, 1)),
                end=translator.day_month(dt.date.fromisocalendar(year, week, 7)),
                counts=", ".join(f"{label} {count}" for label, count in counts.items()),
            )
        )
    if len(weeks) > MAX_SUMMARY_WEEKS:
        lines.append(
            "  "
            + translator.ngettext(
                "… and %(count)s more week.",
                "… and %(count)s more weeks.",
                len(weeks) - MAX_SUMMARY_WEEKS,
            )
        )
    return "\n".join(lines)


def _missing_by_week(
    gaps: Iterable[Violation], shift_order: tuple[str, ...]
) -> dict[tuple[int, int], dict[str, int]]:
    """Return the missing people per ISO week and shift label, weeks and labels in order.

    Labels follow `shift_order`, a shift's headcount before its competences, and
    labels of other shifts follow in the order they first appear.
    """
    weeks: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    label_order: dict[str, tuple[int, int]] = {}
    for gap in gaps:
        if gap.day is None:
            continue
        year, week, _ = gap.day.isocalendar()
        label = gap.shift_code or "?"
        if gap.rule == ViolationRule.COMPETENCE_MINIMUM:
            label += f" ({gap.details.get('competence', '?')})"
        shift_rank = (
            shift_order.index(gap.shift_code)
            if gap.shift_code in shift_order
            else len(shift_order) + len(label_order)
        )
        label_order.setdefault(label, (shift_rank, len(label_order)))
        weeks[(year, week)][label] += missing_of(gap)
    return {
        week: dict(sorted(counts.items(), key=lambda item: label_order[item[0]]))
        for week, counts in sorted(weeks.items())
    }


def write_gaps_csv(gaps: Iterable[Violation], csv_file: TextIO) -> None:
    """Write one row per gap: the day, the shift, the competence if any, and the headcounts."""
    writer = csv.writer(csv_file, lineterminator="\n")
    writer.writerow(GAP_CSV_COLUMNS)
    for gap in sorted(gaps, key=lambda gap: (gap.day or dt.date.min, gap.shift_code or "")):
        writer.writerow(
            [
                gap.day.isoformat() if gap.day else "",
                gap.shift_code or "",
                gap.details.get("competence", ""),
                gap.details.get("staffed", ""),
                gap.details.get("minimum", ""),
                missing_of(gap),
            ]
        )
