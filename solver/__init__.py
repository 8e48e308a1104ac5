"""The CP-SAT roster solver: pseudonymised problem in, roster, gaps and penalties out."""

from __future__ import annotations

from solver.engine import Progress
from solver.problem import (
    AssignedShift,
    BlockedDay,
    CoverageGap,
    CoverDemand,
    FixedShift,
    HistoryShift,
    Penalty,
    ShiftSpec,
    SolverProblem,
    SolverResult,
    SolveStatus,
    StaffMember,
    WishPreference,
    WishSpec,
)
from solver.roster import solve
from solver.validation import InvalidProblemError

__all__ = [
    "AssignedShift",
    "BlockedDay",
    "CoverDemand",
    "CoverageGap",
    "FixedShift",
    "HistoryShift",
    "InvalidProblemError",
    "Penalty",
    "Progress",
    "ShiftSpec",
    "SolveStatus",
    "SolverProblem",
    "SolverResult",
    "StaffMember",
    "WishPreference",
    "WishSpec",
    "solve",
]
