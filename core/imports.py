"""Importing staff from an HR export (CSV): every row checked, nothing stored if one is bad.

The file has a header row with at least `navn`, `stillingsprosent`, `stilling` and
`kompetanse`; optional columns are `epost`, `kun_natt` (ja/nei) and `rolle`
(leder, turnusansvarlig, admin or ansatt; several separated by «;» or «,» inside the
cell; an empty cell or «ansatt» gives no role beyond employee).
An update (`--update`) keeps the stored value of an empty kompetanse, epost, kun_natt
or rolle cell; the value «-» clears it instead.
Excel in Norway writes «;» as the delimiter and often Windows-1252; both that
and UTF-8 with «,» are read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.employees import Employee, Position, Role
from core.i18n import N_, Translator, ngettext_noop
from core.text_files import UndecodableText, decode_text_file
from core.units import DayType, day_type_name

REQUIRED_COLUMNS = ("navn", "stillingsprosent", "stilling", "kompetanse")
OPTIONAL_COLUMNS = ("epost", "kun_natt", "rolle")
# More rows than any unit has is a sign of the wrong file.
MAX_ROWS = 2000

POSITION_WORDS = {position.value: position for position in Position} | {
    "sjukepleiar": Position.NURSE,
    "sykepleiar": Position.NURSE,
    "helsefagarbeidar": Position.HEALTHCARE_WORKER,
    "hjelpepleiar": Position.AUXILIARY_NURSE,
    "vernepleiar": Position.SOCIAL_EDUCATOR,
}
ROLE_WORDS = {
    "leder": Role.MANAGER,
    "leiar": Role.MANAGER,
    "avdelingsleder": Role.MANAGER,
    "planlegger": Role.PLANNER,
    "turnusansvarlig": Role.PLANNER,
    "planleggar": Role.PLANNER,
    "admin": Role.ADMIN,
    "administrator": Role.ADMIN,
    "ansatt": Role.EMPLOYEE,
    "tilsett": Role.EMPLOYEE,
}
# The word each role is written with in an HR file and on the command line.
ROLE_FILE_WORDS = {
    Role.MANAGER: "leder",
    Role.PLANNER: "turnusansvarlig",
    Role.ADMIN: "admin",
    Role.EMPLOYEE: "ansatt",
}
YES_WORDS = {"ja", "j", "yes", "x", "1", "sant"}
NO_WORDS = {"", "nei", "n", "no", "0", "usant"}
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LIST_SEPARATORS = re.compile(r"[;,/]")
# The cell value that clears a stored field in an update, where an empty cell keeps it.
CLEAR_VALUE = "-"


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # line number in the file, the header being line 1
    message: str  # English msgid, the singular one when `plural` is set
    params: tuple[tuple[str, str], ...] = ()
    plural: str | None = None  # English plural msgid, chosen by `count`
    count: int = 1
    # Parameters naming staffing plan days, rendered as day names in the reader's language.
    day_params: tuple[tuple[str, tuple[DayType, ...]], ...] = ()

    def render(self, translator: Translator) -> str:
        params = dict(self.params)
        for name, day_types in self.day_params:
            params[name] = translator.join([day_type_name(day, translator) for day in day_types])
        if self.plural is None:
            text = translator.gettext(self.message, **params)
        else:
            text = translator.ngettext(self.message, self.plural, self.count, **params)
        return translator.gettext(N_("Line %(line)s: %(problem)s"), line=self.line, problem=text)


def missing_columns_error(missing: Sequence[str], expected_header: str) -> RowError:
    """Return the header error naming the missing columns and the header to write."""
    singular, plural = ngettext_noop(
        "the header lacks the column %(columns)s. The header must be: %(header)s",
        "the header lacks the columns %(columns)s. The header must be: %(header)s",
    )
    return RowError(
        1,
        singular,
        (("columns", ", ".join(missing)), ("header", expected_header)),
        plural=plural,
        count=len(missing),
    )


@dataclass(frozen=True, slots=True)
class ImportedRow:
    """An employee read from one row, with the kompetanse and optional columns left empty."""

    employee: Employee
    blank_columns: frozenset[str]


class ImportFailed(Exception):
    """The file had errors, so nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} errors in the import file")
        self.errors = errors


def decode(content: bytes) -> str:
    """Return the file's text as the roster check reads it, or raise ImportFailed.

    The error names the line and the bytes of a file in no accepted encoding, for
    example a byte that Windows-1252 leaves undefined (0x81) or a binary file.
    """
    try:
        return decode_text_file(content)
    except UndecodableText as error:
        raise ImportFailed(
            [
                RowError(
                    error.line,
                    N_(
                        "the file is neither UTF-8, UTF-16 nor Windows-1252 text (byte "
                        "%(value)s). Save it as UTF-8, in Excel as «CSV UTF-8», and try again."
                    ),
                    (("value", error.bad_bytes),),
                )
            ]
        ) from None


def read_employees(
    content: bytes,
    unit_id: int,
    existing_names: frozenset[str] = frozenset(),
    existing_emails: frozenset[str] = frozenset(),
) -> list[Employee]:
    """Return the employees of an HR export, or raise ImportFailed listing every bad row.

    The checks are those of `read_employee_rows`.
    """
    rows = read_employee_rows(content, unit_id, existing_names, existing_emails)
    return [row.employee for row in rows]


def read_employee_rows(
    content: bytes,
    unit_id: int,
    existing_names: frozenset[str] = frozenset(),
    existing_emails: frozenset[str] = frozenset(),
) -> list[ImportedRow]:
    """Return the rows of an HR export, or raise ImportFailed listing every bad row.

    A name in `existing_names` (case-folded) is already on the unit, which is an
    error too, so that importing the same file twice cannot create duplicates. An
    e-mail address must be unique across the organisation, because chat users are
    linked by it.
    """
    text = decode(content)
    if not text.strip():
        raise ImportFailed([RowError(1, N_("the file is empty."))])
    dialect = _dialect(text)
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header_errors = _check_header(reader.fieldnames)
    if header_errors:
        raise ImportFailed(header_errors)

    employees, errors = [], []
    seen_names: dict[str, int] = {}
    seen_emails: dict[str, int] = {email: 0 for email in existing_emails}
    for row in reader:
        line = reader.line_num
        if line > MAX_ROWS + 1:
            errors.append(RowError(line, N_("the file has more than 2000 rows.")))
            break
        if not any((value or "").strip() for value in row.values()):
            continue
        imported, row_errors = _employee_from_row(row, line, unit_id)
        errors.extend(row_errors)
        if imported is not None:
            employee = imported.employee
            errors.extend(_duplicate_error(employee, line, seen_names))
            errors.extend(_existing_error(employee, line, existing_names))
            errors.extend(_email_error(employee, line, seen_emails))
            employees.append(imported)
    if errors:
        raise ImportFailed(errors)
    if not employees:
        raise ImportFailed([RowError(2, N_("the file has no employees under the header."))])
    return employees


def read_columns(content: bytes) -> frozenset[str]:
    """Return the column names in the header of an HR export, in lower case."""
    text = decode(content)
    if not text.strip():
        return frozenset()
    reader = csv.reader(io.StringIO(text), dialect=_dialect(text))
    return frozenset(name.strip().lower() for name in next(reader, []))


def _dialect(text: str) -> type[csv.Dialect]:
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","

    class HrExport(csv.excel):
        pass

    HrExport.delimiter = delimiter
    return HrExport


def _check_header(fieldnames: Sequence[str] | None) -> list[RowError]:
    names = [name.strip().lower() for name in fieldnames or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        return [missing_columns_error(missing, ";".join(REQUIRED_COLUMNS))]
    return []


def _cell(row: dict[str | None, str | None], column: str) -> str:
    for key, value in row.items():
        if key is not None and key.strip().lower() == column:
            return (value or "").strip()
    return ""


def _blankable_cell(row: dict[str | None, str | None], column: str, blank: set[str]) -> str:
    """Return the cell's value, adding `column` to `blank` when it is empty; «-» reads as ""."""
    value = _cell(row, column)
    if not value:
        blank.add(column)
    return "" if value == CLEAR_VALUE else value


def _employee_from_row(
    row: dict[str | None, str | None], line: int, unit_id: int
) -> tuple[ImportedRow | None, list[RowError]]:
    too_few = _too_few_fields_error(row, line)
    if too_few is not None:
        return None, [too_few]
    errors: list[RowError] = []
    if None in row:
        errors.append(RowError(line, N_("the row has more columns than the header.")))
    name = " ".join(_cell(row, "navn").split())
    if not name:
        errors.append(RowError(line, N_("the name (navn) is missing.")))
    elif len(name) > 200 or any(ord(c) < 32 for c in name):
        errors.append(RowError(line, N_("the name (navn) is not a valid name.")))
    percent = _percent(_cell(row, "stillingsprosent"), line, errors)
    position = _position(_cell(row, "stilling"), line, errors)
    blank: set[str] = set()
    email = _email(_blankable_cell(row, "epost", blank), line, errors)
    night_only = _yes_no(_blankable_cell(row, "kun_natt", blank), "kun_natt", line, errors)
    roles = _roles(_blankable_cell(row, "rolle", blank), line, errors)
    competences = frozenset(
        word.strip().lower()
        for word in LIST_SEPARATORS.split(_blankable_cell(row, "kompetanse", blank))
        if word.strip()
    )
    if errors or percent is None or position is None:
        return None, errors
    employee = Employee(
        0,
        unit_id,
        name,
        position,
        percent,
        competences,
        email=email,
        roles=roles,
        night_only=night_only,
    )
    return ImportedRow(employee, frozenset(blank)), errors


def _too_few_fields_error(row: dict[str | None, str | None], line: int) -> RowError | None:
    """Return the error of a row that ends before a required column, or None.

    `csv.DictReader` fills the cells a short row lacks with None. Trailing optional
    columns may be left out, because they read as empty.
    """
    fields = {key.strip().lower(): value for key, value in row.items() if key is not None}
    if all(fields.get(column) is not None for column in REQUIRED_COLUMNS):
        return None
    found = sum(1 for value in fields.values() if value is not None)
    return RowError(
        line,
        N_(
            "the row has too few fields: %(found)s of %(expected)s. Check "
            "that it has a delimiter between every column."
        ),
        (("found", str(found)), ("expected", str(len(fields)))),
    )


def _percent(value: str, line: int, errors: list[RowError]) -> int | None:
    cleaned = value.replace("%", "").replace(",", ".").strip()
    try:
        percent = float(cleaned)
    except ValueError:
        errors.append(
            RowError(
                line,
                N_("stillingsprosent «%(value)s» is not a number; write for example 75."),
                (("value", value),),
            )
        )
        return None
    if not 0 < percent <= 100 or percent != round(percent):
        errors.append(
            RowError(
                line,
                N_("stillingsprosent «%(value)s» must be a whole number from 1 to 100."),
                (("value", value),),
            )
        )
        return None
    return int(percent)


def _position(value: str, line: int, errors: list[RowError]) -> Position | None:
    position = POSITION_WORDS.get(value.lower())
    if position is None:
        known = ", ".join(p.value for p in Position)
        errors.append(
            RowError(
                line,
                N_("stilling «%(value)s» is unknown; use one of %(known)s."),
                (("value", value), ("known", known)),
            )
        )
    return position


def _email(value: str, line: int, errors: list[RowError]) -> str | None:
    if not value:
        return None
    if not EMAIL_PATTERN.match(value):
        errors.append(
            RowError(line, N_("epost «%(value)s» is not an e-mail address."), (("value", value),))
        )
        return None
    return value.lower()


def _yes_no(value: str, column: str, line: int, errors: list[RowError]) -> bool:
    if value.lower() in YES_WORDS:
        return True
    if value.lower() not in NO_WORDS:
        errors.append(
            RowError(
                line,
                N_("%(column)s «%(value)s» must be «ja» or «nei»."),
                (("column", column), ("value", value)),
            )
        )
    return False


def parse_roles(value: str) -> tuple[frozenset[Role], list[str]]:
    """Return the roles a rolle cell names, with the employee role, and the unknown words.

    Several roles are separated by «;», «,» or «/»; an empty cell is the employee role only.
    """
    roles = {Role.EMPLOYEE}
    unknown = []
    for word in LIST_SEPARATORS.split(value):
        word = word.strip().lower()
        if not word:
            continue
        if word in ROLE_WORDS:
            roles.add(ROLE_WORDS[word])
        else:
            unknown.append(word)
    return frozenset(roles), unknown


def contradicting_role_words(value: str) -> tuple[str, str] | None:
    """Return «ansatt» and the first other role word when a rolle cell names both, else None.

    «ansatt» means no role beyond employee, so it contradicts every other role. Every
    leder, turnusansvarlig and admin is an employee too, so the other word alone is the
    likely meaning, but the caller reports the contradiction instead of guessing.
    """
    words = [word.strip().lower() for word in LIST_SEPARATORS.split(value) if word.strip()]
    plain = [word for word in words if ROLE_WORDS.get(word) == Role.EMPLOYEE]
    others = [word for word in words if word in ROLE_WORDS and ROLE_WORDS[word] != Role.EMPLOYEE]
    if plain and others:
        return plain[0], others[0]
    return None


def describe_roles(roles: frozenset[Role]) -> str:
    """Return the roles as an HR file writes them, e.g. «leder, turnusansvarlig», or «ansatt»."""
    extra = [ROLE_FILE_WORDS[role] for role in Role if role in roles and role != Role.EMPLOYEE]
    return ", ".join(extra) or ROLE_FILE_WORDS[Role.EMPLOYEE]


UNKNOWN_ROLE = N_("rolle «%(value)s» is unknown; use leder, turnusansvarlig, admin or ansatt.")


CONTRADICTING_ROLES = N_(
    "rolle «%(value)s» names both %(plain)s, which means no role beyond employee, and "
    "%(other)s. A %(other)s is an employee too, so write only %(other)s."
)


def _roles(value: str, line: int, errors: list[RowError]) -> frozenset[Role]:
    roles, unknown = parse_roles(value)
    errors.extend(RowError(line, UNKNOWN_ROLE, (("value", word),)) for word in unknown)
    contradiction = contradicting_role_words(value)
    if contradiction is not None:
        plain, other = contradiction
        parameters = (("value", value), ("plain", plain), ("other", other))
        errors.append(RowError(line, CONTRADICTING_ROLES, parameters))
    return roles


def _duplicate_error(employee: Employee, line: int, seen: dict[str, int]) -> list[RowError]:
    key = employee.name.casefold()
    if key in seen:
        return [
            RowError(
                line,
                N_("%(name)s is listed twice (also on line %(other)s)."),
                (("name", employee.name), ("other", str(seen[key]))),
            )
        ]
    seen[key] = line
    return []


ALREADY_ON_UNIT = N_("%(name)s is already on the unit.")


def _existing_error(employee: Employee, line: int, existing: frozenset[str]) -> list[RowError]:
    if employee.name.casefold() in existing:
        return [RowError(line, ALREADY_ON_UNIT, (("name", employee.name),))]
    return []


def _email_error(employee: Employee, line: int, seen: dict[str, int]) -> list[RowError]:
    """Report an e-mail address used before, in this file (its line) or by existing staff (0)."""
    if employee.email is None:
        return []
    if employee.email in seen:
        other = seen[employee.email]
        if other == 0:
            return [
                RowError(
                    line,
                    N_("epost «%(value)s» already belongs to an employee."),
                    (("value", employee.email),),
                )
            ]
        return [
            RowError(
                line,
                N_("epost «%(value)s» is also on line %(other)s."),
                (("value", employee.email), ("other", str(other))),
            )
        ]
    seen[employee.email] = line
    return []
