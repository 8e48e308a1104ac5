"""Checking a roster CSV file against a unit's rules, for `vaktbot check`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from core.commands import DateRange
from core.compliance import PlannedShift, Severity, Violation, check_roster
from core.i18n import N_, Translator
from core.people import fold
from core.roster_csv import RosterCsvError, RosterCsvProblem, read_roster_csv
from core.roster_facts import compliance_context, employee_key
from core.units import Unit
from core.violation_texts import describe_violation

if TYPE_CHECKING:
    from storage.store import Store

CSV_PROBLEM_TEXTS = {
    RosterCsvProblem.INVALID_ENCODING: N_("the file is not UTF-8 text (%(value)s)."),
    RosterCsvProblem.MALFORMED_CSV: N_("the line is not valid CSV (%(value)s)."),
    RosterCsvProblem.MISSING_HEADER: N_(
        "the header is missing; it must be employee,date,shift_code,start,end."),
    RosterCsvProblem.NO_ROWS: N_("the file has no rows under the header; write one row per "
                                 "shift."),
    RosterCsvProblem.MISSING_COLUMN: N_("the column %(value)s is missing from the header."),
    RosterCsvProblem.UNEXPECTED_COLUMN: N_("the column %(value)s is not part of the format."),
    RosterCsvProblem.WRONG_FIELD_COUNT: N_("the line has %(value)s fields instead of five."),
    RosterCsvProblem.MISSING_VALUE: N_("the %(value)s is empty."),
    RosterCsvProblem.INVALID_DATE: N_("«%(value)s» is not a date like 2027-01-08."),
    RosterCsvProblem.INVALID_TIME: N_(
        "«%(value)s» is not a time like 2027-01-08T07:30:00+01:00."),
    RosterCsvProblem.MISSING_OFFSET: N_(
        "«%(value)s» has no UTC offset; write it like 2027-01-08T07:30:00+01:00."),
    RosterCsvProblem.OFFSET_NOT_OSLO: N_("«%(value)s» does not have Oslo's UTC offset."),
    RosterCsvProblem.START_NOT_ON_DATE: N_("the start %(value)s is not on the row's date."),
    RosterCsvProblem.END_NOT_AFTER_START: N_("the end %(value)s is not after the start."),
}


@dataclass(frozen=True)
class FileCheck:
    """The verdict on one roster file: its period and every violation found."""

    period: DateRange
    violations: list[Violation]
    names: dict[str, str]  # employee key → name, for messages

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == Severity.ERROR]


def describe_csv_problems(error: RosterCsvError, translator: Translator) -> list[str]:
    return [
        translator.gettext(N_("Line %(line)s: %(problem)s"), line=line,
                           problem=translator.gettext(CSV_PROBLEM_TEXTS[problem], value=value))
        for line, problem, value in error.problems
    ]


def check_roster_file(store: Store, unit: Unit, path: Path) -> FileCheck:
    """Check the roster in `path` against the unit's rules; raise RosterCsvError if unreadable.

    Employees are matched by name, ignoring case and accents; a name the unit
    does not know is reported as an unknown employee by the checker.
    """
    shifts = read_roster_csv(path)
    if not shifts:
        raise RosterCsvError([(1, RosterCsvProblem.NO_ROWS, "")])
    staff = store.employees.list_for_unit(unit.id, active_only=False)
    keys = {fold(employee.name): employee_key(employee.id) for employee in staff}
    keyed = [replace(shift, employee_key=keys.get(fold(shift.employee_key), shift.employee_key))
             for shift in shifts]
    period = DateRange(min(s.day for s in shifts), max(s.day for s in shifts))
    context = compliance_context(store, unit, period)
    names = {employee_key(employee.id): employee.name for employee in staff}
    return FileCheck(period, check_roster(_within(keyed), context), names)


def _within(shifts: list[PlannedShift]) -> list[PlannedShift]:
    return sorted(shifts, key=lambda shift: (shift.day, shift.start, shift.employee_key))


def render_file_check(result: FileCheck, translator: Translator) -> list[str]:
    """Return one line per violation, then a summary line."""
    labels = {Severity.ERROR: translator.gettext(N_("ERROR")),
              Severity.WARNING: translator.gettext(N_("WARNING"))}
    lines = [
        f"{labels[v.severity]}: {describe_violation(translator, v, result.names)}"
        for v in result.violations
    ]
    lines.append(translator.ngettext(
        "%(count)s error in the roster from %(start)s to %(end)s.",
        "%(count)s errors in the roster from %(start)s to %(end)s.",
        len(result.errors), start=translator.date(result.period.start),
        end=translator.date(result.period.end)))
    return lines
