"""The independent roster checker: every working-time rule a roster can break.

`check_roster` lists each violation with the numbers its message needs. It
shares no code with the solver, so that it can prove the solver's rosters legal.
"""

from __future__ import annotations

from core.compliance.checker import check_roster, summarise
from core.compliance.model import (
    BlockedPeriod,
    BlockReason,
    ComplianceContext,
    EmployeeFacts,
    PlannedShift,
    Severity,
    ShiftRestriction,
    Violation,
    ViolationRule,
)

__all__ = [
    "BlockReason",
    "BlockedPeriod",
    "ComplianceContext",
    "EmployeeFacts",
    "PlannedShift",
    "Severity",
    "ShiftRestriction",
    "Violation",
    "ViolationRule",
    "check_roster",
    "summarise",
]
