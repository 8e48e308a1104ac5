"""Specification of the well-formedness check that runs before any model is built."""

from __future__ import annotations

import pytest

from solver.problem import BlockedDay, FixedShift, HistoryShift, WishPreference, WishSpec
from solver.validation import InvalidProblemError, check_problem
from tests.solver.problem_builders import demand, person, problem


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"days": 0}, "days must be at least 1", id="no-days"),
        pytest.param(
            {"blocked": (BlockedDay("P1", 9),)}, "outside the period", id="blocked-out-of-range"
        ),
        pytest.param(
            {"blocked": (BlockedDay("P1", 0, "X"),)}, "unknown shift code 'X'", id="blocked-code"
        ),
        pytest.param(
            {"wishes": (WishSpec("W1", "P1", 0, WishPreference.OFF, weight=-1),)},
            "negative weight",
            id="negative-wish-weight",
        ),
        pytest.param(
            {"fixed": (FixedShift("P1", 0, "D"), FixedShift("P1", 0, None))},
            "appears 2 times",
            id="fixed-twice",
        ),
        pytest.param(
            {"history": (HistoryShift("P1", 0, "D"),)}, "before the period", id="history-in-period"
        ),
        pytest.param(
            {"public_holidays": frozenset({9})},
            "public holiday day 9 is outside -14..8",
            id="holiday-after-range",
        ),
        pytest.param(
            {"public_holidays": frozenset({-15})},
            "public holiday day -15 is outside -14..8",
            id="holiday-before-range",
        ),
        pytest.param(
            {"afternoon_eve_days": frozenset({9})},
            "afternoon eve day 9 is outside -14..8",
            id="afternoon-eve-after-range",
        ),
        pytest.param(
            {"late_eve_days": frozenset({-15})},
            "late eve day -15 is outside -14..8",
            id="late-eve-before-range",
        ),
        pytest.param(
            {"late_eve_days": frozenset({0})},
            "late eve day 0 is neither a Sunday nor in public_holidays",
            id="late-eve-on-a-monday",
        ),
        pytest.param(
            {"public_holidays": frozenset({1}), "afternoon_eve_days": frozenset({2})},
            "List only red days in afternoon_eve_days",
            id="afternoon-eve-on-a-workday",
        ),
        pytest.param(
            {
                "public_holidays": frozenset({1}),
                "afternoon_eve_days": frozenset({1}),
                "late_eve_days": frozenset({1}),
            },
            "day 1 is in both afternoon_eve_days",
            id="eve-in-both-fields",
        ),
    ],
)
def test_malformed_problem_raises(changes: dict[str, object], message: str) -> None:
    """Each malformed part is named in the error."""
    options: dict[str, object] = {"days": 2, **changes}
    ward = problem([person("P1")], [demand(0, "D")], **options)  # type: ignore[arg-type]

    with pytest.raises(InvalidProblemError, match=message):
        check_problem(ward)


@pytest.mark.parametrize(
    "eve_days",
    [
        pytest.param({"afternoon_eve_days": frozenset({6})}, id="sunday-in-period"),
        pytest.param({"afternoon_eve_days": frozenset({-1})}, id="sunday-before-period"),
        pytest.param({"late_eve_days": frozenset({1})}, id="public-holiday"),
    ],
)
def test_eve_on_a_red_day_is_accepted(eve_days: dict[str, frozenset[int]]) -> None:
    """An eve day on a Sunday or a listed public holiday within the calendar's range is valid."""
    ward = problem(
        [person("P1")],
        [demand(0, "D")],
        days=2,
        public_holidays=frozenset({1}),
        **eve_days,
    )

    check_problem(ward)


def test_demand_with_minimum_above_wanted_raises() -> None:
    """A demand whose minimum exceeds wanted is refused."""
    ward = problem([person("P1")], [demand(0, "D", minimum=2, wanted=1)], days=1)

    with pytest.raises(InvalidProblemError, match="minimum ≤ wanted"):
        check_problem(ward)


def test_duplicate_tokens_raise() -> None:
    """Two staff members with one token would merge two people."""
    ward = problem([person("P1"), person("P1")], [], days=1)

    with pytest.raises(InvalidProblemError, match="staff token 'P1' appears 2 times"):
        check_problem(ward)


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("Kari Nordmann", id="name"),
        pytest.param("kari@example.no", id="e-mail"),
        pytest.param("", id="empty"),
    ],
)
def test_personal_looking_tokens_raise(token: str) -> None:
    """Spaces and @ mark a name or e-mail that slipped through pseudonymisation."""
    ward = problem([person(token)], [], days=1)

    with pytest.raises(InvalidProblemError, match="not an opaque id"):
        check_problem(ward)


def test_all_problems_listed_at_once() -> None:
    """The error lists every problem, so one round trip fixes them all."""
    ward = problem(
        [person("P1")],
        [demand(5, "D")],
        days=1,
        wishes=(WishSpec("W1", "P2", 0, WishPreference.OFF),),
    )

    with pytest.raises(InvalidProblemError) as raised:
        check_problem(ward)

    assert len(raised.value.problems) == 2
