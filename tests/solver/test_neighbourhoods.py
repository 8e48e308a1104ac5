"""Specification of `solver.neighbourhoods`: which people and days an LNS step re-plans."""

from __future__ import annotations

import random
from collections.abc import Iterable

import pytest

from solver.model import RosterModel, ShiftKey
from solver.neighbourhoods import Neighbourhood, NeighbourhoodKind, NeighbourhoodPicker
from solver.problem import WishPreference, WishSpec
from solver.roster import build_roster_model
from tests.solver.problem_builders import demand, person, problem

WEEK = range(7)


def day_shift_ward() -> RosterModel:
    """P1–P4 over a week; one day shift a day, two wanted. P3 works nights only.

    P2 wishes to have Thursday (day 3) off.
    """
    ward = problem(
        [
            person("P1", target_minutes=960),
            person("P2", target_minutes=960),
            person("P3", codes=("N",), target_minutes=960),
            person("P4", target_minutes=960),
        ],
        [demand(day, "D", minimum=1, wanted=2) for day in WEEK],
        wishes=(WishSpec("W1", "P2", 3, WishPreference.OFF),),
    )
    return build_roster_model(ward, complete_hint=False)


def incumbent_values(
    roster: RosterModel,
    *,
    working: Iterable[ShiftKey] = (),
    below_wanted: dict[tuple[int, str], int] | None = None,
    hours_off_target: dict[str, int] | None = None,
    denied_wishes: Iterable[str] = (),
) -> list[int]:
    """Return variable values of an incumbent with the given shifts, shortfalls and deviations.

    Only the variables the picker reads are set; the rest stay 0.
    """
    values = [0] * len(roster.model.proto.variables)
    for key in working:
        values[roster.assigned[key].index] = 1
    shortfalls = below_wanted or {}
    deviations = hours_off_target or {}
    for term in roster.soft_terms:
        if term.name == "staffing_below_wanted" and term.day is not None and term.shift_code:
            values[term.variable.index] = shortfalls.get((term.day, term.shift_code), 0)
        elif term.name == "hours_above_target" and term.token is not None:
            values[term.variable.index] = max(0, deviations.get(term.token, 0))
        elif term.name == "hours_below_target" and term.token is not None:
            values[term.variable.index] = max(0, -deviations.get(term.token, 0))
        elif term.name == "wish_denied":
            values[term.variable.index] = int(term.wish_id in denied_wishes)
    return values


def picker(roster: RosterModel, seed: int = 0, **sizes: float) -> NeighbourhoodPicker:
    return NeighbourhoodPicker(roster, random.Random(seed), **sizes)


def test_short_shift_people_could_take_it() -> None:
    """Day 3's day shift lacks a wanted head: P1 and P2 are freed, not night-only P3 or P4 on it."""
    roster = day_shift_ward()
    values = incumbent_values(roster, working={("P4", 3, "D")}, below_wanted={(3, "D"): 1})

    neighbourhood = picker(roster, people=3).short_shift_people(values)

    assert neighbourhood == Neighbourhood(
        NeighbourhoodKind.SHORT_SHIFT_PEOPLE, frozenset({"P1", "P2"}), WEEK
    )


@pytest.mark.parametrize("seed", range(5), ids=lambda seed: f"seed-{seed}")
def test_short_shift_people_below_target_come_first(seed: int) -> None:
    """With room for one person, it is P2, the only one who could take the shift below target."""
    roster = day_shift_ward()
    values = incumbent_values(
        roster, below_wanted={(3, "D"): 1}, hours_off_target={"P1": 120, "P2": -480, "P4": 0}
    )

    neighbourhood = picker(roster, seed, people=1).short_shift_people(values)

    assert neighbourhood is not None
    assert neighbourhood.tokens == {"P2"}


@pytest.mark.parametrize("short_day", [0, 3, 6], ids=["first-day", "mid-week", "last-day"])
def test_short_shift_days_window_contains_the_shift(short_day: int) -> None:
    """The window frees everyone, lies inside the period and covers the short day."""
    roster = day_shift_ward()
    values = incumbent_values(roster, below_wanted={(short_day, "D"): 1})

    for seed in range(10):
        neighbourhood = picker(roster, seed, window_days=3).short_shift_days(values)

        assert neighbourhood is not None
        assert neighbourhood.kind is NeighbourhoodKind.SHORT_SHIFT_DAYS
        assert neighbourhood.tokens == {"P1", "P2", "P3", "P4"}
        assert len(neighbourhood.days) == 3
        assert short_day in neighbourhood.days
        assert neighbourhood.days.start >= 0
        assert neighbourhood.days.stop <= 7


def test_hours_people_take_both_sides_of_target() -> None:
    """Two people freed: one above target and one below, so that they can trade a shift."""
    roster = day_shift_ward()
    values = incumbent_values(roster, hours_off_target={"P1": 480, "P2": 30, "P4": -450})

    for seed in range(10):
        neighbourhood = picker(roster, seed, people=2).hours_people(values)

        assert neighbourhood is not None
        assert neighbourhood.kind is NeighbourhoodKind.HOURS_PEOPLE
        assert len(neighbourhood.tokens) == 2
        assert "P4" in neighbourhood.tokens
        assert neighbourhood.days == WEEK


def test_hours_people_leave_out_those_on_target() -> None:
    roster = day_shift_ward()
    values = incumbent_values(roster, hours_off_target={"P1": 480, "P4": -450})

    neighbourhood = picker(roster, people=4).hours_people(values)

    assert neighbourhood is not None
    assert neighbourhood.tokens == {"P1", "P4"}


def test_targeted_neighbourhoods_need_a_target() -> None:
    """With every shift at `wanted` and everyone on target, no targeted neighbourhood exists."""
    roster = day_shift_ward()
    values = incumbent_values(roster)
    chooser = picker(roster)

    assert chooser.short_shift_people(values) is None
    assert chooser.short_shift_days(values) is None
    assert chooser.hours_people(values) is None


def test_pick_without_targets_is_random() -> None:
    roster = day_shift_ward()
    values = incumbent_values(roster)
    chooser = picker(roster)

    kinds = {chooser.pick(values).kind for _ in range(50)}

    assert kinds == {NeighbourhoodKind.PEOPLE, NeighbourhoodKind.DAYS}


def test_pick_mixes_targeted_and_random() -> None:
    roster = day_shift_ward()
    values = incumbent_values(
        roster,
        below_wanted={(2, "D"): 1},
        hours_off_target={"P1": 480, "P4": -450},
        denied_wishes=("W1",),
    )
    chooser = picker(roster)

    kinds = {chooser.pick(values).kind for _ in range(200)}

    assert kinds == set(NeighbourhoodKind)


def test_sizes_grow_after_optimal_and_shrink_after_timeout() -> None:
    """Five optimal people steps take 2 people to 4; five timeouts bring them back to 2."""
    roster = day_shift_ward()
    chooser = picker(roster, people=2)
    people_step = chooser.random_people()

    for _ in range(5):
        chooser.record(people_step, solved=True)
    grown = len(chooser.random_people().tokens)
    for _ in range(5):
        chooser.record(people_step, solved=False)
    shrunk = len(chooser.random_people().tokens)

    assert grown == 4
    assert shrunk == 2


def test_day_window_never_exceeds_period() -> None:
    roster = day_shift_ward()
    chooser = picker(roster, window_days=5)
    days_step = chooser.random_days()

    for _ in range(20):
        chooser.record(days_step, solved=True)

    assert chooser.random_days().days == WEEK


def test_wish_people_frees_day_crew() -> None:
    """P2 works Thursday against a wish, beside P1: both are freed for the whole week."""
    roster = day_shift_ward()
    values = incumbent_values(
        roster, working=[("P2", 3, "D"), ("P1", 3, "D"), ("P4", 4, "D")], denied_wishes=("W1",)
    )

    neighbourhood = picker(roster, people=2).wish_people(values)

    assert neighbourhood == Neighbourhood(
        NeighbourhoodKind.WISH_PEOPLE, frozenset({"P1", "P2"}), range(7), wish_index(roster, "W1")
    )


def test_wish_people_without_denied_wishes_is_none() -> None:
    roster = day_shift_ward()
    values = incumbent_values(roster, working=[("P1", 3, "D")])

    assert picker(roster).wish_people(values) is None


def test_wish_settled_by_optimal_step() -> None:
    """A wish still denied after an optimal step around it is not targeted again."""
    roster = day_shift_ward()
    values = incumbent_values(roster, working=[("P2", 3, "D")], denied_wishes=("W1",))
    chooser = picker(roster)
    step = chooser.wish_people(values)
    assert step is not None

    chooser.record(step, solved=True)

    assert chooser.wish_people(values) is None


def wish_index(roster: RosterModel, wish_id: str) -> int:
    return next(
        term.variable.index
        for term in roster.soft_terms
        if term.name == "wish_denied" and term.wish_id == wish_id
    )
