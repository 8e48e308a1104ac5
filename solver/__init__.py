"""The CP-SAT roster solver: pseudonymised problem in, roster, gaps and penalties out."""

from __future__ import annotations

from solver.engine import EngineRun, Progress, run_model
from solver.explain import (
    ChangeCheck,
    Explanation,
    ShiftMove,
    SwapSuggestion,
    broken_rules,
    check_change,
    explain_infeasibility,
    suggest_swap_partners,
    swap_moves,
)
from solver.hours import HoursBand
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
    WishDenialCause,
    WishPreference,
    WishSpec,
)
from solver.repair import RepairResult, RosterChange, repair
from solver.roster import solve
from solver.validation import InvalidProblemError
from solver.wish_denials import explain_denied_wishes
from solver.worker import JobOutcome, JobStatus, SolveJob

__all__ = [
    "AssignedShift",
    "BlockedDay",
    "ChangeCheck",
    "CoverDemand",
    "CoverageGap",
    "EngineRun",
    "Explanation",
    "FixedShift",
    "HistoryShift",
    "HoursBand",
    "InvalidProblemError",
    "JobOutcome",
    "JobStatus",
    "Penalty",
    "Progress",
    "RepairResult",
    "RosterChange",
    "ShiftMove",
    "ShiftSpec",
    "SolveJob",
    "SolveStatus",
    "SolverProblem",
    "SolverResult",
    "StaffMember",
    "SwapSuggestion",
    "WishDenialCause",
    "WishPreference",
    "WishSpec",
    "broken_rules",
    "check_change",
    "explain_denied_wishes",
    "explain_infeasibility",
    "repair",
    "run_model",
    "solve",
    "suggest_swap_partners",
    "swap_moves",
]
