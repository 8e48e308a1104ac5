"""Specification of `solver.weekend_plan`: which whole weekends each person works in the greedy."""

from __future__ import annotations

import itertools
from collections import defaultdict

from core.rules import RuleSettings
from solver import BlockedDay, CoverDemand, HistoryShift, WishPreference, WishSpec
from solver.roster import build_roster_model
from solver.weekend_plan import plan_weekends
from tests.solver.problem_builders import demand, person, problem

SIX_WEEKS = 42
# Saturdays of a period starting on Monday 2 March 2026.
SATURDAYS = tuple(range(5, SIX_WEEKS, 7))


def weekend_demands(minimum: int = 1, code: str = "D") -> list[CoverDemand]:
    return [demand(day, code, minimum) for s in SATURDAYS for day in (s, s + 1)]


def weekends_by_person(plan: dict[str, dict[int, str]]) -> dict[str, list[int]]:
    return {token: sorted(weekends) for token, weekends in plan.items()}


def test_weekends_staffed_in_rotation_of_three() -> None:
    """Three people, one head a weekend: each works every third weekend on one code."""
    ward = problem([person(f"P{n}") for n in range(3)], weekend_demands(), days=SIX_WEEKS)

    plan = plan_weekends(build_roster_model(ward, complete_hint=False))

    staffed = defaultdict(list)
    for token, weekends in plan.items():
        for saturday, code in weekends.items():
            staffed[saturday].append(token)
            assert code == "D"
    assert sorted(staffed) == list(SATURDAYS)
    assert all(len(crew) == 1 for crew in staffed.values())
    for saturdays in weekends_by_person(plan).values():
        assert all(later - earlier >= 21 for earlier, later in itertools.pairwise(saturdays))


def test_history_weekend_counts() -> None:
    """A weekend worked just before the period rules out the period's first two weekends."""
    history = (HistoryShift("P0", -2, "D"), HistoryShift("P0", -1, "D"))
    ward = problem(
        [person(f"P{n}") for n in range(3)], weekend_demands(), days=SIX_WEEKS, history=history
    )

    plan = plan_weekends(build_roster_model(ward, complete_hint=False))

    assert all(saturday >= 14 + 5 for saturday in plan.get("P0", {}))


def test_blocked_days_and_other_codes_never_planned() -> None:
    blocked = tuple(BlockedDay("P0", day) for day in (5, 6))
    staff = [person("P0"), person("P1"), person("P2", codes=("N",))]
    ward = problem(staff, weekend_demands(), days=SIX_WEEKS, blocked=blocked)

    plan = plan_weekends(build_roster_model(ward, complete_hint=False))

    assert 5 not in plan.get("P0", {})
    assert all(code == "N" for code in plan.get("P2", {}).values())


def test_off_wish_moves_weekend_to_colleague() -> None:
    wish = WishSpec("W1", "P0", 5, WishPreference.OFF, weight=10)
    staff = [person(f"P{n}") for n in range(3)]
    ward = problem(staff, weekend_demands(), days=SIX_WEEKS, wishes=(wish,))

    plan = plan_weekends(build_roster_model(ward, complete_hint=False))

    assert 5 not in plan.get("P0", {})
    assert any(5 in weekends for weekends in plan.values())


def test_nurse_minimum_planned_with_nurse() -> None:
    """The plan puts no price on heads above `wanted`, so only the nurse is certain."""
    staff = [person("P0"), person("P1"), person("P2", competences={"sykepleier"})]
    demands = [demand(day, "D", 1, sykepleier=1) for day in (5, 6)]
    ward = problem(staff, demands, days=7, rules=RuleSettings(hours_tolerance_minutes=100_000))

    plan = plan_weekends(build_roster_model(ward, complete_hint=False))

    assert plan["P2"] == {5: "D"}


def test_nurse_night_staffed_before_another_shift() -> None:
    """Two helpers, no nurse: a helper works the nurse nights, even against a wish."""
    night = [demand(day, "N", sykepleier=1) for day in (5, 6)]
    days_and_evenings = [demand(day, code) for day in (5, 6) for code in ("D", "A")]
    wishes = tuple(
        WishSpec(f"W{token}{day}", token, day, WishPreference.OFF, shift_code="N")
        for token in ("P1", "P2")
        for day in (5, 6)
    )
    ward = problem([person("P1"), person("P2")], night + days_and_evenings, days=7, wishes=wishes)

    plan = plan_weekends(build_roster_model(ward, complete_hint=False))

    planned_codes = sorted(weekends[5] for weekends in plan.values())
    assert "N" in planned_codes
    assert len(planned_codes) == 2
