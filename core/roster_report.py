"""The planner's report on a roster: gaps, hours, wishes and an independent rule check."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from core.absences import Wish
from core.calendar import days_between
from core.capacity import Capacity, capacity_of, render_capacity_cause
from core.commands import DateRange, Preference
from core.compliance import check_roster
from core.compliance.checker import checked_rules
from core.compliance.model import (
    COVERAGE_RULES,
    BlockReason,
    ComplianceContext,
    EmployeeFacts,
    Severity,
    Violation,
    ViolationRule,
)
from core.coverage import render_gap_list, render_gap_summary
from core.employees import NURSE_POSITIONS, Employee
from core.hours import HoursBand, minutes_per_week, target_minutes
from core.i18n import N_, Translator
from core.planning import PlanningInput, solver_shifts
from core.roster_facts import employee_key, planned_shifts
from core.rosters import Assignment
from core.violation_texts import RULE_TITLES, describe_violation, hours_text
from solver.problem import SolverResult, SolveStatus, WishDenialCause


@dataclass(frozen=True, slots=True)
class HoursLine:
    employee: Employee
    planned_minutes: int
    target_minutes: int
    # The unit's allowed difference from the target over the period.
    tolerance_minutes: int
    # Days outside any absence on which the person cannot work any of their shifts.
    # They do not lower the target, because unavailability is not paid absence.
    unavailable_days: int = 0
    # Days outside any absence on which unavailability rules out some of their shifts
    # («kan ikke jobbe etter kl 15»), but not all.
    partly_unavailable_days: int = 0
    # The target's worth of those days, at the person's pace over their present days.
    # A day in part counts by how much it shortens the longest shift the person can
    # work that day, so a day without the 10-hour night but with a 7.5-hour day shift
    # counts a quarter.
    unavailable_minutes: int = 0

    @property
    def deviation_minutes(self) -> int:
        return self.planned_minutes - self.target_minutes

    @property
    def outside_band(self) -> bool:
        return not HoursBand(self.target_minutes, self.tolerance_minutes).contains(
            self.planned_minutes
        )

    @property
    def below_band_only_by_unavailability(self) -> bool:
        """Return whether the unavailable days' worth would bring the hours into the band."""
        band = HoursBand(self.target_minutes, self.tolerance_minutes)
        return self.planned_minutes + self.unavailable_minutes >= band.lower_minutes


@dataclass(frozen=True, slots=True)
class WishOutcome:
    """The outcome of one day of a wish in the roster."""

    wish: Wish
    employee: Employee
    day: dt.date
    preference: Preference
    shift_code: str | None
    granted: bool
    # What granting a denied day would cost, when the solver could tell.
    cause: WishDenialCause | None = None


@dataclass(frozen=True)
class RosterReport:
    period: DateRange
    # The solve that made the roster; None for a roster read back from storage.
    result: SolverResult | None
    assignments: tuple[Assignment, ...]
    employees: tuple[Employee, ...]
    hours: tuple[HoursLine, ...]
    wishes: tuple[WishOutcome, ...]
    violations: tuple[Violation, ...]  # from the independent checker
    # The staff's hours and headcount against the minimum staffing, or None when unknown.
    capacity: Capacity | None = None
    # The unit's shift codes in its own order (D, A, N), for listing gaps by shift.
    shift_codes: tuple[str, ...] = ()
    # The rules the checker ran on this roster, coverage rules included.
    checked_rules: tuple[ViolationRule, ...] = ()

    @property
    def coverage_gaps(self) -> list[Violation]:
        return [v for v in self.violations if v.is_coverage]

    @property
    def rule_breaches(self) -> list[Violation]:
        """The checker's errors, less gaps and the hours deviations that days off explain.

        Someone planned below the hours target because they cannot work breaks no rule,
        so those deviations are counted apart, in `explained_hours_deviations`.
        """
        return [
            v
            for v in self.violations
            if not v.is_coverage
            and v.severity == Severity.ERROR
            and not self._is_explained_hours_deviation(v)
        ]

    @property
    def explained_hours_deviations(self) -> list[Violation]:
        return [v for v in self.violations if self._is_explained_hours_deviation(v)]

    def _is_explained_hours_deviation(self, violation: Violation) -> bool:
        if violation.rule != ViolationRule.HOURS_OUTSIDE_TOLERANCE:
            return False
        return any(
            employee_key(line.employee.id) == violation.employee_key
            and explained_by_unavailability(line)
            for line in self.hours
        )

    @property
    def hours_outside_band(self) -> list[HoursLine]:
        return sorted(
            (line for line in self.hours if line.outside_band),
            key=lambda line: _employee_order(line.employee),
        )

    @property
    def max_hours_deviation_minutes(self) -> int:
        return max((abs(line.deviation_minutes) for line in self.hours), default=0)

    @property
    def mean_hours_deviation_minutes(self) -> float:
        if not self.hours:
            return 0.0
        return sum(abs(line.deviation_minutes) for line in self.hours) / len(self.hours)


def build_report(
    planning: PlanningInput,
    result: SolverResult | None,
    assignments: list[Assignment],
    checker_context: ComplianceContext,
) -> RosterReport:
    shift_types = dict(checker_context.shift_types)
    employees = tuple(planning.employees_by_token.values())
    shifts = planned_shifts(assignments, shift_types)
    return RosterReport(
        period=planning.period,
        result=result,
        assignments=tuple(assignments),
        employees=employees,
        hours=hours_lines(assignments, employees, checker_context),
        wishes=tuple(_explained(_wish_outcomes(planning, assignments), planning, assignments)),
        violations=tuple(check_roster(shifts, checker_context)),
        capacity=capacity_of(planning),
        shift_codes=tuple(shift_types),
        checked_rules=checked_rules(checker_context),
    )


def hours_lines(
    assignments: Iterable[Assignment],
    employees: Iterable[Employee],
    checker_context: ComplianceContext,
) -> tuple[HoursLine, ...]:
    """Return each rostered employee's planned minutes against the target, as the checker counts.

    The target is the one the solver plans towards (core.hours.target_minutes, less
    absences). Employees the checker context does not list, because they are not
    rostered, are left out.
    """
    worked: Counter[int] = Counter()
    for assignment in assignments:
        shift_type = checker_context.shift_types.get(assignment.shift_code)
        if shift_type is not None:
            worked[assignment.employee_id] += shift_type.worked_minutes
    rules = checker_context.rules
    lines = []
    for employee in employees:
        facts = checker_context.employees.get(employee_key(employee.id))
        if facts is None:
            continue
        target = target_minutes(
            facts.position_percent,
            checker_context.period,
            rules,
            facts.absent_days,
            facts.credited_minutes,
        )
        unavailable = _unavailability(facts, checker_context)
        absent_days = facts.absent_days + facts.credited_days
        present_days = max(1, len(checker_context.period.days()) - absent_days)
        lines.append(
            HoursLine(
                employee,
                worked[employee.id],
                target,
                rules.hours_tolerance_minutes,
                unavailable_days=unavailable.whole_days,
                partly_unavailable_days=unavailable.partial_days,
                unavailable_minutes=round(target * unavailable.lost_days / present_days),
            )
        )
    return tuple(lines)


@dataclass(frozen=True, slots=True)
class UnavailableDays:
    """The period's days without absence that unavailability limits, for one person."""

    whole_days: int
    partial_days: int
    # The whole days plus, for each partial day, the share of the longest shift lost.
    lost_days: float


def _unavailability(facts: EmployeeFacts, checker_context: ComplianceContext) -> UnavailableDays:
    """Count the days on which unavailability blocks every shift, and those it blocks some.

    A day counts whole when the person registered that they cannot work at all, or
    cannot work any of the shift codes they may work (nights, for a night-only
    nurse). A day that leaves some of those codes counts in part, as the share of
    their longest shift that the longest one left falls short by.
    """
    shift_types = checker_context.shift_types
    codes = facts.allowed_shift_codes or frozenset(shift_types)
    longest = max((shift_types[code].worked_minutes for code in codes), default=0)
    whole = partial = 0
    lost = 0.0
    for day in checker_context.period.days():
        day_blocks = [period for period in facts.blocked if day in period.days]
        if any(period.reason is BlockReason.ABSENCE for period in day_blocks):
            continue
        blocked_codes = {period.shift_code for period in day_blocks}
        if None in blocked_codes or codes <= blocked_codes:
            whole += 1
            lost += 1
        elif codes & blocked_codes and longest > 0:
            partial += 1
            left = max(shift_types[code].worked_minutes for code in codes - blocked_codes)
            lost += 1 - left / longest
    return UnavailableDays(whole, partial, lost)


def _wish_outcomes(planning: PlanningInput, assignments: list[Assignment]) -> list[WishOutcome]:
    """Judge each wish from the roster itself, not from the solver's own account."""
    worked = {(a.employee_id, a.day): a.shift_code for a in assignments}
    outcomes = []
    for spec in planning.problem.wishes:
        wish, day = planning.wishes_by_id[spec.wish_id]
        employee = planning.employees_by_token[spec.token]
        code = worked.get((employee.id, day))
        if wish.preference == Preference.OFF:
            granted = code is None or (spec.shift_code is not None and code != spec.shift_code)
        else:
            granted = code is not None and (spec.shift_code is None or code == spec.shift_code)
        outcomes.append(WishOutcome(wish, employee, day, wish.preference, spec.shift_code, granted))
    return outcomes


def _explained(
    outcomes: list[WishOutcome], planning: PlanningInput, assignments: list[Assignment]
) -> list[WishOutcome]:
    """Return the outcomes with the cause of each denied day, from short solves of the roster."""
    if all(outcome.granted for outcome in outcomes):
        return outcomes
    # Imported here, so that commands which never report a roster do not load OR-Tools.
    from solver.wish_denials import explain_denied_wishes

    causes = explain_denied_wishes(planning.problem, solver_shifts(planning, assignments))
    # `_wish_outcomes` returns one outcome per wish spec, in the problem's order.
    specs = planning.problem.wishes
    return [
        outcome if outcome.granted else replace(outcome, cause=causes.get(spec.wish_id))
        for outcome, spec in zip(outcomes, specs, strict=True)
    ]


# --- rendering -------------------------------------------------------------------------

SOLVE_STATUS_NAMES = {
    SolveStatus.OPTIMAL: N_("proven best"),
    SolveStatus.FEASIBLE: N_("best found within the time limit"),
    SolveStatus.INFEASIBLE: N_("no legal roster exists"),
    SolveStatus.NO_SOLUTION_IN_TIME: N_("no roster within the time limit"),
    SolveStatus.INVALID_MODEL: N_("invalid planning problem"),
}

FREE_CELL = "·"


def _employee_order(employee: Employee) -> tuple[int, str]:
    return (0 if employee.position in NURSE_POSITIONS else 1, employee.name)


def render_grid(report: RosterReport, translator: Translator) -> str:
    """Draw the roster as people × days with shift codes, a week per block of seven columns."""
    days = days_between(report.period.start, report.period.end)
    by_cell = {(a.employee_id, a.day): a.shift_code for a in report.assignments}
    name_width = max((len(e.name) for e in report.employees), default=10) + 1
    weekday_letters = [str(translator.short_date(day))[:2] for day in days]

    header = " " * name_width + _cells([f"{day.day:>2}" for day in days], days)
    weekdays = " " * name_width + _cells([f"{w:>2}" for w in weekday_letters], days)
    lines = [header, weekdays]
    for employee in sorted(report.employees, key=_employee_order):
        cells = [f"{by_cell.get((employee.id, day), FREE_CELL):>2}" for day in days]
        lines.append(employee.name.ljust(name_width) + _cells(cells, days))
    return "\n".join(lines)


def _cells(cells: list[str], days: list[dt.date]) -> str:
    """Join cells with a wider gap before each Monday, so weeks stand apart."""
    parts: list[str] = []
    for cell, day in zip(cells, days, strict=True):
        parts.append(("  " if day.weekday() == 0 and parts else " ") + cell)
    return "".join(parts)


def render_gaps(report: RosterReport, translator: Translator, today: dt.date) -> str:
    """List every coverage gap, a line each, for the printed report, while chat gets a summary."""
    return render_gap_list(report.coverage_gaps, translator, today)


def render_hours(report: RosterReport, translator: Translator) -> str:
    lines = [translator.gettext(N_("Hours against target (planned / target / deviation):"))]
    name_width = max((len(line.employee.name) for line in report.hours), default=10)
    for line in sorted(report.hours, key=lambda h: _employee_order(h.employee)):
        planned = hours_text(line.planned_minutes, translator)
        target = hours_text(line.target_minutes, translator)
        deviation = hours_text(line.deviation_minutes, translator)
        lines.append(
            f"  {line.employee.name:<{name_width}}  {planned:>12} / {target:>12} / {deviation:>12}"
        )
    lines.append(
        translator.gettext(
            N_("Largest deviation %(largest)s, mean deviation %(mean)s."),
            largest=hours_text(report.max_hours_deviation_minutes, translator),
            mean=hours_text(round(report.mean_hours_deviation_minutes), translator),
        )
    )
    return "\n".join(lines)


def render_hours_outside_band(report: RosterReport, translator: Translator) -> str:
    """List the people planned outside the unit's hours band, or return "" if there are none."""
    outside = report.hours_outside_band
    if not outside:
        return ""
    lines = [
        translator.ngettext(
            "%(count)s person is planned outside the target ± %(tolerance)s that the unit allows:",
            "%(count)s people are planned outside the target ± %(tolerance)s that the unit allows:",
            len(outside),
            tolerance=hours_text(outside[0].tolerance_minutes, translator),
        )
    ]
    lines += ["  " + hours_band_text(line, report.period, translator) for line in outside]
    return "\n".join(lines)


# The publish read-back names this many people outside the hours band each with their
# hours; more are summed up, and the planning summary lists them all.
MAX_LISTED_HOURS = 3


def hours_band_note(lines: list[HoursLine], period: DateRange, translator: Translator) -> str:
    """Return a read-back note on everyone outside the hours band, or "".

    Up to MAX_LISTED_HOURS people are each named with their hours. More are summed up,
    so that the note stays short: how many there are, how many of them days they
    cannot work explain, and the first few of the others. The read-back asks for
    confirmation once after all its notes, see `core.actions.rosters.confirmation_notes`.
    """
    if not lines:
        return ""
    if len(lines) > MAX_LISTED_HOURS:
        return _hours_band_summary(lines, period, translator)
    return translator.ngettext(
        "Note: %(count)s person is planned outside the target ± %(tolerance)s that the unit "
        "allows: %(people)s.",
        "Note: %(count)s people are planned outside the target ± %(tolerance)s that the unit "
        "allows: %(people)s.",
        len(lines),
        tolerance=hours_text(lines[0].tolerance_minutes, translator),
        people="; ".join(hours_band_text(line, period, translator) for line in lines),
    )


def _hours_band_summary(lines: list[HoursLine], period: DateRange, translator: Translator) -> str:
    explained = [line for line in lines if explained_by_unavailability(line)]
    unexplained = [line for line in lines if not explained_by_unavailability(line)]
    sentences = [
        translator.ngettext(
            "Note: %(count)s person is planned outside the target ± %(tolerance)s that the "
            "unit allows.",
            "Note: %(count)s people are planned outside the target ± %(tolerance)s that the "
            "unit allows.",
            len(lines),
            tolerance=hours_text(lines[0].tolerance_minutes, translator),
        )
    ]
    if explained:
        sentences.append(
            translator.ngettext(
                "For %(count)s of them, the days they cannot work explain the difference.",
                "For %(count)s of them, the days they cannot work explain the difference.",
                len(explained),
            )
        )
    listed = unexplained[:MAX_LISTED_HOURS]
    if listed:
        sentences.append(
            translator.gettext(
                N_("Without such an explanation: %(people)s."),
                people="; ".join(hours_band_text(line, period, translator) for line in listed),
            )
        )
    if len(unexplained) > len(listed):
        sentences.append(
            translator.ngettext(
                "%(count)s more has no such explanation.",
                "%(count)s more have no such explanation.",
                len(unexplained) - len(listed),
            )
        )
    sentences.append(
        translator.gettext(
            N_("The summary sent when the roster was made lists everyone with their hours.")
        )
    )
    return " ".join(sentences)


def explained_by_unavailability(line: HoursLine) -> bool:
    """Tell whether days the person cannot work explain why they are planned below the band."""
    limited_days = line.unavailable_days + line.partly_unavailable_days
    return (
        line.deviation_minutes < 0 and limited_days > 0 and line.below_band_only_by_unavailability
    )


def hours_band_text(line: HoursLine, period: DateRange, translator: Translator) -> str:
    """Say a person's planned and expected hours, in total and as a weekly average.

    For someone planned below the band, it adds the days they cannot work and
    whether those days explain the difference.
    """
    text = translator.gettext(
        N_(
            "%(name)s is planned for %(planned)s (%(planned_week)s a week) against an "
            "expected %(expected)s (%(expected_week)s a week)"
        ),
        name=line.employee.name,
        planned=hours_text(line.planned_minutes, translator),
        planned_week=hours_text(minutes_per_week(line.planned_minutes, period), translator),
        expected=hours_text(line.target_minutes, translator),
        expected_week=hours_text(minutes_per_week(line.target_minutes, period), translator),
    )
    limited_days = line.unavailable_days + line.partly_unavailable_days
    if limited_days == 0 or line.deviation_minutes >= 0:
        return text
    if line.partly_unavailable_days:
        return text + _partial_unavailability_text(line, translator)
    return text + _unavailability_text(line, translator)


def _partial_unavailability_text(line: HoursLine, translator: Translator) -> str:
    """Name the days the person cannot work all their shifts on, some of them in part."""
    count = line.unavailable_days + line.partly_unavailable_days
    if line.below_band_only_by_unavailability:
        return translator.ngettext(
            ", but can work only some of the shifts on %(count)s day of the period, which "
            "explains the difference",
            ", but cannot work all the shifts on %(count)s days of the period (%(partly)s of "
            "them in part), which explains the difference",
            count,
            partly=translator.number(line.partly_unavailable_days),
        )
    return translator.ngettext(
        ", and can work only some of the shifts on %(count)s day of the period, worth "
        "%(worth)s of the target",
        ", and cannot work all the shifts on %(count)s days of the period (%(partly)s of them "
        "in part), worth %(worth)s of the target",
        count,
        partly=translator.number(line.partly_unavailable_days),
        worth=hours_text(line.unavailable_minutes, translator),
    )


def _unavailability_text(line: HoursLine, translator: Translator) -> str:
    if line.below_band_only_by_unavailability:
        return translator.ngettext(
            ", but cannot work on %(count)s day of the period, which explains the difference",
            ", but cannot work on %(count)s days of the period, which explains the difference",
            line.unavailable_days,
        )
    return translator.ngettext(
        ", and cannot work on %(count)s day of the period, worth %(worth)s of the target",
        ", and cannot work on %(count)s days of the period, worth %(worth)s of the target",
        line.unavailable_days,
        worth=hours_text(line.unavailable_minutes, translator),
    )


# The chat summary lists this many wishes not granted; the full report lists all.
MAX_SUMMARY_DENIED_WISHES = 3

# The sentence for each cost that, as the solver found, denied a day of a wish.
WISH_DENIAL_TEXTS = {
    WishDenialCause.UNAVAILABLE: N_("The person is absent or may not work that shift then."),
    WishDenialCause.RULES: N_(
        "A working-time rule forbids it: rest time, nights in a row or weekends."
    ),
    WishDenialCause.COVERAGE: N_("Granting it would leave a shift below its minimum staffing."),
    WishDenialCause.WANTED: N_(
        "Granting it would leave a shift with fewer staff than the staffing plan wants."
    ),
    WishDenialCause.HOURS: N_("Granting it would take someone's hours further from their target."),
    WishDenialCause.OTHER_WISHES: N_("Granting it would deny another wish instead."),
    WishDenialCause.FAIRNESS: N_(
        "Granting it would give someone more evening, night or weekend shifts than their "
        "fair share."
    ),
    WishDenialCause.PATTERN: N_(
        "Granting it would leave lone working days, a lone weekend day or short rest "
        "between shifts."
    ),
}
# The cost of other wishes, when the period has no wish but the denied one: granting
# one of its days would deny another of its days, which is no other wish.
# NOTE: with other wishes in the period, the solver's cost does not tell whether the
# denied wish's own days or another wish made it, so the general text stays.
SAME_WISH_TEXT = N_("Granting it would deny another day of the same wish instead.")


def render_wishes(report: RosterReport, translator: Translator, today: dt.date) -> str:
    """Count wishes as people registered them, and list those not or only partly granted.

    Each listed wish names what granting the denied days would cost, where the
    solver found it.
    """
    by_wish: dict[int, list[WishOutcome]] = {}
    for outcome in report.wishes:
        by_wish.setdefault(outcome.wish.id, []).append(outcome)
    if not by_wish:
        return translator.gettext(N_("Wishes: nobody registered a wish for these days."))
    lines = [_wish_count(list(by_wish.values()), translator)]
    for days in by_wish.values():
        kept = sum(1 for day in days if day.granted)
        if kept < len(days):
            lines.append(
                "  " + _denied_wish_text(days, kept, translator, today, only_wish=len(by_wish) == 1)
            )
    return "\n".join(lines)


def _wish_count(wishes: list[list[WishOutcome]], translator: Translator) -> str:
    granted = sum(1 for days in wishes if all(day.granted for day in days))
    partly = sum(
        1
        for days in wishes
        if not all(day.granted for day in days) and any(day.granted for day in days)
    )
    if partly:
        return translator.gettext(
            N_("Wishes: %(granted)s of %(total)s granted, %(partly)s more in part."),
            granted=translator.number(granted),
            total=translator.number(len(wishes)),
            partly=translator.number(partly),
        )
    return translator.gettext(
        N_("Wishes: %(granted)s of %(total)s granted."),
        granted=translator.number(granted),
        total=translator.number(len(wishes)),
    )


def _denied_wish_text(
    days: list[WishOutcome], kept: int, translator: Translator, today: dt.date, *, only_wish: bool
) -> str:
    first = days[0]
    when = translator.date_range(days[0].day, days[-1].day, today=today)
    if first.preference == Preference.OFF:
        wished = translator.gettext(N_("off %(when)s"), when=when)
    else:
        shift = first.shift_code or translator.gettext(N_("any shift"))
        wished = translator.gettext(N_("%(shift)s %(when)s"), shift=shift, when=when)
    text = translator.ngettext(
        "%(name)s wished %(wished)s: granted on %(kept)s of %(count)s day.",
        "%(name)s wished %(wished)s: granted on %(kept)s of %(count)s days.",
        len(days),
        name=first.employee.name,
        wished=wished,
        kept=translator.number(kept),
    )
    causes = sorted(
        {day.cause for day in days if not day.granted and day.cause is not None},
        key=list(WishDenialCause).index,
    )
    cause_texts = [
        SAME_WISH_TEXT
        if only_wish and cause is WishDenialCause.OTHER_WISHES
        else WISH_DENIAL_TEXTS[cause]
        for cause in causes
    ]
    return " ".join([text, *(translator.gettext(cause_text) for cause_text in cause_texts)])


def render_rule_check(
    report: RosterReport, translator: Translator, today: dt.date, *, hours_listed: bool = False
) -> str:
    """Summarise the independent checker's verdict, rule by rule.

    With `hours_listed`, the people outside the hours band are already named above with
    their weekly hours, so their breaches are counted here but not written out again.
    """
    breaches = report.rule_breaches
    # The coverage rules report gaps, which the staffing lines list, not breaches.
    checked = len([rule for rule in report.checked_rules if rule not in COVERAGE_RULES])
    if not breaches:
        return (
            translator.gettext(
                N_("Rule check (independent of the solver): no breach of %(count)s rules."),
                count=checked,
            )
            + _explained_hours_note(report, translator)
            + _warnings_note(report, translator)
        )
    names = {employee_key(e.id): e.name for e in report.employees}
    counts = Counter(v.rule for v in breaches)
    lines = [
        translator.ngettext(
            "Rule check (independent of the solver): %(count)s breach.",
            "Rule check (independent of the solver): %(count)s breaches.",
            len(breaches),
        )
        + _explained_hours_note(report, translator)
    ]
    lines += [
        "  " + _rule_count_text(rule, count, translator, hours_listed=hours_listed)
        for rule, count in sorted(counts.items())
    ]
    if hours_listed:
        breaches = [v for v in breaches if v.rule != ViolationRule.HOURS_OUTSIDE_TOLERANCE]
    lines += ["  " + describe_violation(translator, v, names, today=today) for v in breaches[:10]]
    return "\n".join(lines)


def _rule_count_text(
    rule: ViolationRule, count: int, translator: Translator, *, hours_listed: bool
) -> str:
    title = translator.gettext(RULE_TITLES.get(rule, rule.value))
    if hours_listed and rule == ViolationRule.HOURS_OUTSIDE_TOLERANCE:
        return translator.gettext(
            N_("%(rule)s: %(count)s, named above"), rule=title, count=translator.number(count)
        )
    return f"{title}: {translator.number(count)}"


def _explained_hours_note(report: RosterReport, translator: Translator) -> str:
    """Return a sentence, led by a space, counting the hours deviations days off explain, or ""."""
    explained = len(report.explained_hours_deviations)
    if not explained:
        return ""
    return " " + translator.ngettext(
        "%(count)s person below the hours target is no breach, because the days they cannot "
        "work explain it.",
        "%(count)s people below the hours target are no breach, because the days they cannot "
        "work explain it.",
        explained,
    )


def _warnings_note(report: RosterReport, translator: Translator) -> str:
    """Name the warnings, such as weekly rest counted over any seven days, by rule and count."""
    warnings = Counter(v.rule for v in report.violations if v.severity == Severity.WARNING)
    if not warnings:
        return ""
    listed = translator.join(
        [
            f"{translator.gettext(RULE_TITLES.get(rule, rule.value))} ({count})"
            for rule, count in sorted(warnings.items())
        ]
    )
    return " " + translator.gettext(N_("Warnings: %(warnings)s."), warnings=listed)


def _summary_heading(report: RosterReport, translator: Translator, today: dt.date) -> str:
    """Name the period, the size and how the search ended: after its time, or its fixed work."""
    result = report.result
    values = {
        "start": translator.date(report.period.start, today=today),
        "end": translator.date(report.period.end, today=today),
        "shifts": translator.number(len(report.assignments)),
        "people": translator.number(len(report.employees)),
    }
    if result is not None and result.work_limited:
        # Wall time would differ between runs of the same search, so it is left out.
        status = (
            SOLVE_STATUS_NAMES[result.status]
            if result.status != SolveStatus.FEASIBLE
            else N_("best found within the work limit")
        )
        return translator.gettext(
            N_(
                "Roster %(start)s – %(end)s: %(shifts)s shifts for %(people)s people, planned "
                "with a fixed amount of search work, so the same input gives the same roster "
                "(%(status)s)."
            ),
            status=translator.gettext(status),
            **values,
        )
    return translator.gettext(
        N_(
            "Roster %(start)s – %(end)s: %(shifts)s shifts for %(people)s people, "
            "planned in %(seconds)s s (%(status)s)."
        ),
        seconds=translator.number(result.wall_seconds if result else 0.0, decimals=1),
        status=translator.gettext(SOLVE_STATUS_NAMES[result.status]) if result else "-",
        **values,
    )


def _summary_wishes(report: RosterReport, translator: Translator, today: dt.date) -> str:
    """Return the wish count and the first few wishes not granted, with their causes."""
    count, *denied = render_wishes(report, translator, today).splitlines()
    lines = [count, *denied[:MAX_SUMMARY_DENIED_WISHES]]
    unlisted = len(denied) - MAX_SUMMARY_DENIED_WISHES
    if unlisted > 0:
        lines.append(
            "  "
            + translator.gettext(
                N_("The roster report lists the other %(unlisted)s."), unlisted=unlisted
            )
        )
    return "\n".join(lines)


def render_summary(report: RosterReport, translator: Translator, today: dt.date) -> str:
    """Summarise the roster in a few chat lines: period, solve time, gaps, hours, wishes, rules."""
    hours_band = render_hours_outside_band(report, translator)
    lines = [
        _summary_heading(report, translator, today),
        render_gap_summary(report.coverage_gaps, translator, today, report.shift_codes),
        render_capacity_cause(report.capacity, translator, today)
        if report.coverage_gaps and report.capacity is not None
        else "",
        translator.gettext(
            N_("Hours: largest deviation from target %(largest)s, mean %(mean)s."),
            largest=hours_text(report.max_hours_deviation_minutes, translator),
            mean=hours_text(round(report.mean_hours_deviation_minutes), translator),
        ),
        hours_band,
        _summary_wishes(report, translator, today),
        render_rule_check(report, translator, today, hours_listed=bool(hours_band)),
    ]
    return "\n".join(line for line in lines if line)
