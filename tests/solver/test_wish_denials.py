"""Specification of `solver.wish_denials`: what a denied wish would have cost."""

from __future__ import annotations

import pytest

from core.rules import RuleSettings
from solver import (
    AssignedShift,
    BlockedDay,
    HistoryShift,
    WishDenialCause,
    WishPreference,
    WishSpec,
    explain_denied_wishes,
)
from tests.solver.problem_builders import LOOSE_HOURS, demand, person, problem


def test_granted_wish_has_no_cause() -> None:
    ward = problem(
        [person("P1"), person("P2")],
        [demand(0, "D")],
        days=1,
        wishes=(WishSpec("W1", "P1", 0, WishPreference.OFF),),
    )

    assert explain_denied_wishes(ward, [AssignedShift("P2", 0, "D")]) == {}


@pytest.mark.parametrize(
    ("minimum", "wanted", "expected"),
    [
        pytest.param(1, 1, WishDenialCause.COVERAGE, id="below-minimum"),
        pytest.param(0, 1, WishDenialCause.WANTED, id="below-wanted"),
    ],
)
def test_day_off_nobody_can_cover(minimum: int, wanted: int, expected: WishDenialCause) -> None:
    """P1 alone can work Monday's day shift, so a day off would leave it short."""
    ward = problem(
        [person("P1"), person("P2", codes=("N",))],
        [demand(0, "D", minimum=minimum, wanted=wanted)],
        days=1,
        wishes=(WishSpec("W1", "P1", 0, WishPreference.OFF),),
    )

    causes = explain_denied_wishes(ward, [AssignedShift("P1", 0, "D")])

    assert causes == {"W1": expected}


def test_wish_for_a_blocked_day_is_unavailable() -> None:
    """P1 wishes to work Monday but is absent then."""
    ward = problem(
        [person("P1"), person("P2")],
        [demand(0, "D")],
        days=1,
        blocked=(BlockedDay("P1", 0),),
        wishes=(WishSpec("W1", "P1", 0, WishPreference.WORK),),
    )

    causes = explain_denied_wishes(ward, [AssignedShift("P2", 0, "D")])

    assert causes == {"W1": WishDenialCause.UNAVAILABLE}


def test_fourth_night_in_a_row_breaks_a_rule() -> None:
    """P1 worked the last three nights before the period and wishes the first night too."""
    rules = RuleSettings(hours_tolerance_minutes=LOOSE_HOURS.hours_tolerance_minutes)
    ward = problem(
        [person("P1"), person("P2")],
        [demand(0, "N")],
        days=1,
        rules=rules,
        history=tuple(HistoryShift("P1", day, "N") for day in (-3, -2, -1)),
        wishes=(WishSpec("W1", "P1", 0, WishPreference.WORK, "N"),),
    )

    causes = explain_denied_wishes(ward, [AssignedShift("P2", 0, "N")])

    assert rules.max_consecutive_nights == 3
    assert causes == {"W1": WishDenialCause.RULES}
