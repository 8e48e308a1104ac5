"""Time the independent roster checker on a 40-person, six-week rotating roster.

    .venv/bin/python benchmarks/checker_speed.py

Prints the median of several runs; the figure goes into docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import platform
import statistics
import time

from core.commands import DateRange, ShiftKind
from core.compliance import ComplianceContext, EmployeeFacts, PlannedShift, check_roster
from core.rules import RuleSettings
from core.units import ShiftType, StaffingPlan

SHIFT_TYPES = {
    "D": ShiftType("D", "Dag", ShiftKind.DAY, dt.time(7, 30), dt.time(15, 0)),
    "A": ShiftType("A", "Aften", ShiftKind.EVENING, dt.time(14, 30), dt.time(22, 0)),
    "N": ShiftType("N", "Natt", ShiftKind.NIGHT, dt.time(21, 45), dt.time(7, 45)),
}
ROTATION = ["D", "D", "A", "", "", "N", "N", "", "", "D", "A", "", "D", ""]
MONDAY = dt.date(2027, 1, 4)
RUNS = 15


def ward_roster(people: int, period: DateRange) -> list[PlannedShift]:
    shifts = []
    for person in range(people):
        for day in period.days():
            code = ROTATION[((day - period.start).days + person) % len(ROTATION)]
            if code:
                shift_type = SHIFT_TYPES[code]
                shifts.append(
                    PlannedShift(
                        f"P{person:02d}",
                        day,
                        code,
                        shift_type.starts_at(day),
                        shift_type.ends_at(day),
                    )
                )
    return shifts


def main() -> None:
    period = DateRange(MONDAY, MONDAY + dt.timedelta(days=41))
    shifts = ward_roster(40, period)
    context = ComplianceContext(
        period=period,
        rules=RuleSettings(),
        employees={f"P{p:02d}": EmployeeFacts(f"P{p:02d}", 80) for p in range(40)},
        shift_types=SHIFT_TYPES,
        staffing=StaffingPlan(()),
    )
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        check_roster(shifts, context)
        timings.append(time.perf_counter() - started)
    print(
        f"checker, 40 people x 42 days, {len(shifts)} shifts: "
        f"median {statistics.median(timings) * 1000:.0f} ms over {RUNS} runs "
        f"({platform.processor() or platform.machine()}, Python {platform.python_version()})"
    )


if __name__ == "__main__":
    main()
