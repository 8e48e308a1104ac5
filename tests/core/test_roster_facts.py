"""What absences take off an employee's hours target: removed shifts and other absent days."""

from __future__ import annotations

import datetime as dt

import pytest

from core.absences import Absence, RemovedShift
from core.commands import AbsenceKind, DateRange
from core.roster_facts import AbsenceCredit, absence_credit

KARI = 1
PERIOD = DateRange(dt.date(2027, 1, 4), dt.date(2027, 1, 17))


def sick(first: int, last: int) -> Absence:
    """Return Kari's sick leave from January `first` to `last` 2027."""
    return Absence(
        1, KARI, AbsenceKind.SICK, DateRange(dt.date(2027, 1, first), dt.date(2027, 1, last))
    )


def removed(shift_day: int, absent_day: int, minutes: int = 600) -> RemovedShift:
    """Return Kari's shift of January `shift_day` removed by her absence on `absent_day`."""
    return RemovedShift(
        id=0,
        employee_id=KARI,
        absence_id=1,
        shift_day=dt.date(2027, 1, shift_day),
        shift_code="N",
        absent_day=dt.date(2027, 1, absent_day),
        worked_minutes=minutes,
    )


@pytest.mark.parametrize(
    ("absences", "removed_shifts", "expected"),
    [
        pytest.param([sick(8, 8)], [], AbsenceCredit(1, 0, 0), id="day without removed shift"),
        pytest.param(
            [sick(8, 8)], [removed(8, 8)], AbsenceCredit(0, 1, 600), id="day with its own shift"
        ),
        pytest.param(
            [sick(8, 8)],
            [removed(7, 8), removed(8, 8)],
            AbsenceCredit(0, 1, 1200),
            id="night before and own night",
        ),
        pytest.param(
            [sick(8, 10)], [removed(7, 8)], AbsenceCredit(2, 1, 600), id="three days, one night"
        ),
        pytest.param([], [removed(8, 8)], AbsenceCredit(0, 0, 600), id="absence deleted"),
        pytest.param(
            [sick(18, 18)],
            [removed(17, 18)],
            AbsenceCredit(0, 0, 600),
            id="night on the period's last evening",
        ),
        pytest.param(
            [sick(3, 4)], [removed(3, 4)], AbsenceCredit(0, 1, 0), id="night before the period"
        ),
    ],
)
def test_absence_credit(
    absences: list[Absence], removed_shifts: list[RemovedShift], expected: AbsenceCredit
) -> None:
    """A removed shift credits its minutes in its own period and replaces its day's seventh."""
    assert absence_credit(PERIOD, absences, removed_shifts) == expected
