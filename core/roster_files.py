"""Checking a roster CSV file against a unit's rules, for `vaktbot check`.

A file is checked in two steps. Its lines are read first, and every line that
cannot be read, names someone the unit cannot roster, or names a shift the unit
does not have is listed with its line number. A file with unreadable lines is
not checked further. Otherwise the readable rows go to the independent roster
checker, and the lines it could not use are listed as errors beside its verdict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from core.commands import DateRange
from core.compliance import PlannedShift, Severity, Violation, check_roster
from core.employees import Employee, Position
from core.i18n import N_, Translator
from core.people import fold, matching_staff
from core.roster_csv import RosterCsvError, RosterCsvProblem, RowProblem, read_roster_rows
from core.roster_facts import compliance_context, employee_key
from core.units import Unit
from core.violation_texts import describe_violation

if TYPE_CHECKING:
    from storage.store import Store

CSV_PROBLEM_TEXTS = {
    RosterCsvProblem.INVALID_ENCODING: N_(
        "the file is neither UTF-8, UTF-16 nor Windows-1252 text (byte %(value)s). Save it as "
        "UTF-8, in Excel as «CSV UTF-8», and try again."
    ),
    RosterCsvProblem.MALFORMED_CSV: N_("the line is not valid CSV: %(reason)s"),
    RosterCsvProblem.MISSING_HEADER: N_(
        "the header is missing. The first line must be employee,date,shift_code,start,end."
    ),
    RosterCsvProblem.NO_ROWS: N_("the file has no rows under the header; write one row per shift."),
    RosterCsvProblem.WRONG_FIELD_COUNT: N_("the line has %(value)s fields instead of five."),
    RosterCsvProblem.MISSING_VALUE: N_("the %(value)s is empty."),
    RosterCsvProblem.INVALID_DATE: N_(
        "«%(value)s» is not a valid date. Write it like 2027-01-08 or 08.01.2027."
    ),
    RosterCsvProblem.INVALID_TIME: N_("«%(value)s» is not a time like 2027-01-08T07:30:00+01:00."),
    RosterCsvProblem.MISSING_OFFSET: N_(
        "«%(value)s» has no UTC offset; write it like 2027-01-08T07:30:00+01:00."
    ),
    RosterCsvProblem.OFFSET_NOT_OSLO: N_(
        "«%(value)s» does not have Oslo's UTC offset (+01:00 in winter, +02:00 in summer)."
    ),
    RosterCsvProblem.START_NOT_ON_DATE: N_("the start %(value)s is not on the row's date."),
    RosterCsvProblem.END_NOT_AFTER_START: N_("the end %(value)s is not after the start."),
}

# A header with wrong column names, by whether columns are missing and whether others are there.
HEADER_TEXTS = {
    (True, False): N_(
        "the header lacks %(missing)s. It must be employee,date,shift_code,start,end («;» "
        "between the names works too)."
    ),
    (False, True): N_(
        "the header has %(unexpected)s, which is not part of the format. It must be "
        "employee,date,shift_code,start,end («;» between the names works too)."
    ),
    (True, True): N_(
        "the header lacks %(missing)s and has %(unexpected)s instead. It must be "
        "employee,date,shift_code,start,end («;» between the names works too)."
    ),
}
REPEATED_ROW_TEXT = N_("the line repeats line %(other)s; delete one of them.")
WRONG_UNIT_TEXT = N_(
    "no name in the file is on the staff list of %(unit)s; check that --unit names the right unit."
)

# An untranslated message and its parameters, or ("", {}) when the row has no such problem.
RowMessage = tuple[str, dict[str, str]]

# The positions the roster does not plan (core.employees.UNROSTERED_POSITIONS), by name. The
# names are kept here, not taken from core.actions, so that the file check loads no solver code.
UNROSTERED_POSITION_NAMES = {Position.WARD_MANAGER: N_("ward manager")}

# The reason Python's csv module rejected a line, by a phrase of its English error text (CPython
# Modules/_csv.c), so that the user reads the reason in their own language.
MALFORMED_CSV_REASONS = (
    (
        "unexpected end of data",
        N_(
            'a field starts with a quote mark «"» that is never closed. Close it, for example '
            '"Nordmann, Kari".'
        ),
    ),
    (
        "expected after",
        N_(
            'a quote mark «"» inside a field must be written twice, for example '
            '"Kari ""K"" Nordmann", or the field must have no quote marks.'
        ),
    ),
    (
        "new-line character",
        N_("a line break stands inside a field without quote marks. Save the file again as CSV."),
    ),
    (
        "field larger than field limit",
        N_('a field is too long, most often because a quote mark «"» is never closed.'),
    ),
)
UNKNOWN_MALFORMED_CSV_REASON = N_(
    'the line cannot be split into fields. Check its commas and quote marks «"».'
)

# Parameters that contain an untranslated word, translated with the message.
TRANSLATED_PARAMS = ("position", "reason")

# At most this many line numbers are listed for one problem; the rest are counted.
MAX_LISTED_LINES = 12


@dataclass(frozen=True)
class LineProblem:
    """One problem of a roster file: its message, and the lines it occurs on (none for the file).

    `text` is an untranslated message and `params` fills its placeholders.
    """

    lines: tuple[int, ...]
    text: str
    params: Mapping[str, str] = field(default_factory=dict)


class RosterFileError(ValueError):
    """A roster file that cannot be checked, with every problem found in it."""

    def __init__(self, problems: list[LineProblem]) -> None:
        self.problems = problems
        super().__init__(f"roster file with {len(problems)} problems")


@dataclass(frozen=True)
class FileCheck:
    """The verdict on one roster file: its period, the lines left out, and every violation."""

    period: DateRange
    violations: list[Violation]
    names: dict[str, str]  # employee key → name, for messages
    problems: list[LineProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == Severity.ERROR]

    @property
    def error_count(self) -> int:
        """Return the errors of the rule check plus the lines left out of it."""
        return len(self.errors) + len(self.problems)


def check_roster_file(store: Store, unit: Unit, path: Path) -> FileCheck:
    """Check the roster in `path` against the unit's rules.

    Employees are matched by name, ignoring case and accents. Raise
    RosterFileError listing every problem when a line cannot be read or no row
    is left to check.
    """
    try:
        rows = read_roster_rows(path)
    except RosterCsvError as error:
        raise RosterFileError(_csv_problems(error.problems)) from None
    if not rows.shifts and not rows.problems:
        raise RosterFileError(_csv_problems([(1, RosterCsvProblem.NO_ROWS, "")]))
    staff = store.employees.list_for_unit(unit.id, active_only=False)
    shift_codes = sorted(t.code for t in store.organisations.shift_types(unit.id))
    usable, unit_problems = _match_rows(rows.shifts, staff, shift_codes)
    if rows.problems or not usable:
        problems = _csv_problems(rows.problems) + unit_problems
        if rows.shifts and not any(_is_rostered(s.employee_key, staff) for _, s in rows.shifts):
            problems.append(LineProblem((), WRONG_UNIT_TEXT, {"unit": unit.name}))
        raise RosterFileError(sorted(problems, key=_first_line))
    period = DateRange(min(s.day for _, s in rows.shifts), max(s.day for _, s in rows.shifts))
    context = compliance_context(store, unit, period)
    names = {employee_key(employee.id): employee.name for employee in staff}
    violations = check_roster(_in_roster_order(usable), context)
    return FileCheck(period, violations, names, unit_problems)


def _match_rows(
    rows: Sequence[tuple[int, PlannedShift]], staff: list[Employee], shift_codes: list[str]
) -> tuple[list[PlannedShift], list[LineProblem]]:
    """Return the rows keyed by employee id, and the problems of the rows that cannot be used.

    A row cannot be used when its name fits no employee the unit rosters, when its
    shift code is not one of the unit's, or when it repeats an earlier row.
    """
    usable: list[PlannedShift] = []
    lines_by_problem: dict[tuple[str, tuple[tuple[str, str], ...]], list[int]] = defaultdict(list)
    first_line_of: dict[PlannedShift, int] = {}
    for line, shift in rows:
        found = [
            message
            for message in (
                _name_problem(shift.employee_key, staff),
                _shift_code_problem(shift.shift_code, shift_codes),
            )
            if message[0]
        ]
        keyed = None if found else _keyed(shift, staff)
        if keyed in first_line_of:
            found.append((REPEATED_ROW_TEXT, {"other": str(first_line_of[keyed])}))
        for text, params in found:
            lines_by_problem[(text, tuple(sorted(params.items())))].append(line)
        if keyed is not None and not found:
            first_line_of[keyed] = line
            usable.append(keyed)
    problems = [
        LineProblem(tuple(lines), text, dict(params))
        for (text, params), lines in lines_by_problem.items()
    ]
    return usable, sorted(problems, key=_first_line)


def _name_problem(written: str, staff: list[Employee]) -> RowMessage:
    """Return the message for a name that fits no employee the unit rosters.

    The HR import keeps names unique within a unit, so a name fits at most one
    rostered employee.
    """
    same_name = [e for e in staff if fold(e.name) == fold(written)]
    if any(e.rostered for e in same_name):
        return "", {}
    active = [e for e in same_name if e.active]
    if active:
        return (
            N_("%(name)s is %(position)s, a position the roster does not plan."),
            {
                "name": active[0].name,
                "position": UNROSTERED_POSITION_NAMES.get(active[0].position, active[0].position),
            },
        )
    if same_name:
        return (
            N_("%(name)s no longer works on the unit and cannot be on the roster."),
            {"name": same_name[0].name},
        )
    return _unknown_name_problem(written, [e for e in staff if e.rostered])


def _unknown_name_problem(written: str, rostered: list[Employee]) -> RowMessage:
    close = [e.name for e in matching_staff(rostered, written)]
    if close:
        return (
            N_("«%(name)s» is not on the unit's staff list. Did you mean «%(suggestion)s»?"),
            {"name": written, "suggestion": "», «".join(sorted(close))},
        )
    example = rostered[0].name if rostered else "Kari Nordmann"
    return (
        N_(
            "«%(name)s» is not on the unit's staff list. Write the full name as it was "
            "imported, for example «%(example)s»."
        ),
        {"name": written, "example": example},
    )


def _shift_code_problem(code: str, shift_codes: list[str]) -> RowMessage:
    if code in shift_codes:
        return "", {}
    return (
        N_("«%(code)s» is not a shift of the unit; its shifts are %(codes)s."),
        {"code": code, "codes": ", ".join(shift_codes)},
    )


def _is_rostered(written: str, staff: list[Employee]) -> bool:
    return any(e.rostered and fold(e.name) == fold(written) for e in staff)


def _keyed(shift: PlannedShift, staff: list[Employee]) -> PlannedShift:
    """Return the shift under the employee key of the rostered employee its name fits."""
    written = fold(shift.employee_key)
    key = next(employee_key(e.id) for e in staff if e.rostered and fold(e.name) == written)
    return replace(shift, employee_key=key)


def _problem_params(problem: RosterCsvProblem, value: str) -> dict[str, str]:
    if problem != RosterCsvProblem.MALFORMED_CSV:
        return {"value": value}
    return {"reason": malformed_csv_reason(value)}


def malformed_csv_reason(error_text: str) -> str:
    """Return the msgid that explains a csv.Error with English text `error_text`."""
    for phrase, reason in MALFORMED_CSV_REASONS:
        if phrase in error_text.lower():
            return reason
    return UNKNOWN_MALFORMED_CSV_REASON


def _csv_problems(problems: Sequence[RowProblem]) -> list[LineProblem]:
    """Return one problem per kind and value with all its lines, and one for a wrong header.

    A problem repeated on many lines, such as an empty start column, is one problem that
    lists its lines, so the output stays short.
    """
    header_columns: dict[RosterCsvProblem, list[str]] = {
        RosterCsvProblem.MISSING_COLUMN: [],
        RosterCsvProblem.UNEXPECTED_COLUMN: [],
    }
    lines_by_problem: dict[tuple[RosterCsvProblem, str], list[int]] = {}
    for line, problem, value in problems:
        if problem in header_columns:
            header_columns[problem].append(value)
        else:
            lines_by_problem.setdefault((problem, value), []).append(line)
    line_problems = [
        LineProblem(tuple(lines), CSV_PROBLEM_TEXTS[problem], _problem_params(problem, value))
        for (problem, value), lines in lines_by_problem.items()
    ]
    missing = ", ".join(header_columns[RosterCsvProblem.MISSING_COLUMN])
    unexpected = ", ".join(header_columns[RosterCsvProblem.UNEXPECTED_COLUMN])
    if missing or unexpected:
        text = HEADER_TEXTS[(bool(missing), bool(unexpected))]
        line_problems.insert(
            0, LineProblem((1,), text, {"missing": missing, "unexpected": unexpected})
        )
    return line_problems


def _first_line(problem: LineProblem) -> int:
    return problem.lines[0] if problem.lines else 0


def _in_roster_order(shifts: list[PlannedShift]) -> list[PlannedShift]:
    return sorted(shifts, key=lambda shift: (shift.day, shift.start, shift.employee_key))


def describe_line_problem(problem: LineProblem, translator: Translator) -> str:
    """Write the problem with its line numbers, such as «Linje 3 og 7: …»."""
    params = {
        name: translator.gettext(value) if name in TRANSLATED_PARAMS else value
        for name, value in problem.params.items()
    }
    text = translator.gettext(problem.text, **params)
    if not problem.lines:
        return text[:1].upper() + text[1:]
    listed = [str(line) for line in problem.lines[:MAX_LISTED_LINES]]
    hidden = len(problem.lines) - len(listed)
    if hidden:
        listed.append(translator.ngettext("%(count)s more", "%(count)s more", hidden))
    return translator.ngettext(
        "Line %(lines)s: %(problem)s",
        "Lines %(lines)s: %(problem)s",
        len(problem.lines),
        lines=translator.join(listed),
        problem=text,
    )


def describe_file_problems(error: RosterFileError, translator: Translator) -> list[str]:
    """Return one line per problem, then what to do about them."""
    lines = [describe_line_problem(problem, translator) for problem in error.problems]
    lines.append(
        translator.gettext(
            N_("The roster was not checked. Correct these lines and run the check again.")
        )
    )
    return lines


class ExpectedFile(Enum):
    """The kind of file a command expects, for the message when it is given a folder."""

    ROSTER = "roster"
    STAFF = "staff"
    BENCHMARK_INSTANCE = "benchmark_instance"


# For each kind: the file name pattern to look for, the message naming an example, and
# the message for a folder without a matching file.
FOLDER_GIVEN_MESSAGES = {
    ExpectedFile.ROSTER: (
        "*.csv",
        N_(
            "%(path)s is a folder, not a file. Give the roster CSV file instead, for example "
            "%(example)s."
        ),
        N_(
            "%(path)s is a folder, not a file, and it has no CSV file. Give the roster CSV file "
            "instead; «vaktbot export roster» writes one."
        ),
    ),
    ExpectedFile.STAFF: (
        "*.csv",
        N_(
            "%(path)s is a folder, not a file. Give the staff CSV file instead, for example "
            "%(example)s."
        ),
        N_(
            "%(path)s is a folder, not a file, and it has no CSV file. Give the staff list from "
            "the HR system as a CSV file instead."
        ),
    ),
    ExpectedFile.BENCHMARK_INSTANCE: (
        "*.txt",
        N_(
            "%(path)s is a folder, not a file. Give one instance file instead, for example "
            "%(example)s."
        ),
        N_(
            "%(path)s is a folder, not a file, and it has no .txt file. Give one instance file "
            "of the Curtois benchmark instead, for example Instance1.txt."
        ),
    ),
}


def describe_folder_given(
    folder: Path, translator: Translator, expected: ExpectedFile = ExpectedFile.ROSTER
) -> str:
    """Say that `folder` is a folder, and name a file in it that could be meant."""
    pattern, with_example, without_example = FOLDER_GIVEN_MESSAGES[expected]
    candidates = sorted(str(path) for path in folder.glob(pattern) if path.is_file())
    if candidates:
        return translator.gettext(with_example, path=folder, example=candidates[0])
    return translator.gettext(without_example, path=folder)


def render_file_check(result: FileCheck, translator: Translator) -> list[str]:
    """Return one line per unusable line and per violation, then a summary line."""
    labels = {
        Severity.ERROR: translator.gettext(N_("ERROR")),
        Severity.WARNING: translator.gettext(N_("WARNING")),
    }
    lines = [
        f"{labels[Severity.ERROR]}: {describe_line_problem(problem, translator)}"
        for problem in result.problems
    ]
    lines += [
        f"{labels[v.severity]}: {describe_violation(translator, v, result.names)}"
        for v in result.violations
    ]
    summary = translator.ngettext(
        "%(count)s error in the roster from %(start)s to %(end)s.",
        "%(count)s errors in the roster from %(start)s to %(end)s.",
        result.error_count,
        start=translator.date(result.period.start, with_year=True),
        end=translator.date(result.period.end, with_year=True),
    )
    warning_count = len(result.violations) - len(result.errors)
    if warning_count:
        summary += " " + translator.ngettext(
            "%(count)s warning.", "%(count)s warnings.", warning_count
        )
    lines.append(summary)
    return lines
