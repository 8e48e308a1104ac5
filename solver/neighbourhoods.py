"""Choose the people and days that each LNS step of the ward search re-plans.

Random neighbourhoods free a few people for the whole period, or everyone for a
window of days. Targeted ones start from the incumbent's own costs: a shift
staffed below `wanted`, people far from their hours target, or a denied wish. A random
neighbourhood that happens to contain such a cost is rare once only a few are
left, and those few are what separate a roster from the bound.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from solver.model import RosterModel

# Penalty names given by `coverage.add_staffing` and `hours.add_hours_deviation`.
BELOW_WANTED = "staffing_below_wanted"
ABOVE_TARGET = "hours_above_target"
BELOW_TARGET = "hours_below_target"
# Penalty name given by `wishes.add_wishes`.
WISH_DENIED = "wish_denied"

# Share of steps that try a targeted neighbourhood; the rest are random.
TARGETED_SHARE = 0.5
# Share of random steps that free a few people for the whole period; the rest
# free everyone for a window of days.
PEOPLE_SHARE = 2 / 3
# Neighbourhood sizes grow after a sub-model solved to optimality and shrink
# after one that ran out of time, as in the benchmark solver's LNS.
GROWTH_AFTER_OPTIMAL = 1.15
SHRINK_AFTER_TIMEOUT = 0.85
INITIAL_PEOPLE = 2.0
INITIAL_WINDOW_DAYS = 5.0
MIN_WINDOW_DAYS = 2.0


class NeighbourhoodKind(StrEnum):
    """The rule that chose a neighbourhood; whole-period kinds share one adaptive size."""

    PEOPLE = "people"
    DAYS = "days"
    SHORT_SHIFT_PEOPLE = "short-shift people"
    SHORT_SHIFT_DAYS = "short-shift days"
    HOURS_PEOPLE = "hours people"
    WISH_PEOPLE = "wish people"

    @property
    def frees_whole_period(self) -> bool:
        return self in (
            self.PEOPLE,
            self.SHORT_SHIFT_PEOPLE,
            self.HOURS_PEOPLE,
            self.WISH_PEOPLE,
        )


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """People whose shifts on `days` are re-planned; everything else keeps its value."""

    kind: NeighbourhoodKind
    tokens: frozenset[str]
    days: range
    # For a neighbourhood around a denied wish, the index of its `wish_denied` literal.
    wish_index: int | None = None


@dataclass(frozen=True, slots=True)
class _ShortShiftTerm:
    """The slack variable counting heads below `wanted` on one (day, shift)."""

    day: int
    shift_code: str
    index: int


@dataclass(frozen=True, slots=True)
class _WishTerm:
    """The literal that is true while one wish is denied, and who wished it for which day."""

    token: str
    day: int
    index: int


class NeighbourhoodPicker:
    """Pick random or targeted neighbourhoods and adapt their size to the sub-model results.

    `people` is how many people a whole-period neighbourhood frees, and
    `window_days` how many days a window of everyone spans, before adapting.
    """

    def __init__(
        self,
        roster: RosterModel,
        rng: random.Random,
        *,
        people: float = INITIAL_PEOPLE,
        window_days: float = INITIAL_WINDOW_DAYS,
    ) -> None:
        self._rng = rng
        self._days = roster.problem.days
        self._tokens = [member.token for member in roster.staff]
        self._short_shift_terms = _short_shift_terms(roster)
        self._hours_terms = _hours_terms(roster)
        self._wish_terms = _wish_terms(roster)
        # Wishes whose neighbourhood was solved to optimality. One still denied after
        # that cannot be granted more cheaply by such a step, so it is not targeted again.
        self._settled_wishes: set[int] = set()
        # (day, shift code) → (token, variable index) of everyone who could work that shift.
        self._crews: dict[tuple[int, str], list[tuple[str, int]]] = defaultdict(list)
        for (token, day, shift_code), variable in roster.assigned.items():
            self._crews[(day, shift_code)].append((token, variable.index))
        self._people = people
        self._window_days = window_days

    def pick(self, values: Sequence[int]) -> Neighbourhood:
        """Return the next neighbourhood to re-plan around the incumbent `values`.

        A targeted pick with nothing to target (no shift below `wanted`, or
        everyone on their hours target) falls back to a random one. A neighbourhood
        around a denied wish is among the targeted kinds only while some denied
        wish is not settled.
        """
        if self._rng.random() < TARGETED_SHARE:
            kinds = [self.short_shift_people, self.short_shift_days, self.hours_people]
            if self._open_wishes(values):
                kinds.append(self.wish_people)
            targeted = self._rng.choice(kinds)(values)
            if targeted is not None:
                return targeted
        if self._rng.random() < PEOPLE_SHARE:
            return self.random_people()
        return self.random_days()

    def record(self, neighbourhood: Neighbourhood, *, solved: bool) -> None:
        """Grow the neighbourhood's size after an optimal sub-model, shrink it after a timeout."""
        if solved and neighbourhood.wish_index is not None:
            self._settled_wishes.add(neighbourhood.wish_index)
        factor = GROWTH_AFTER_OPTIMAL if solved else SHRINK_AFTER_TIMEOUT
        if neighbourhood.kind.frees_whole_period:
            self._people = min(float(len(self._tokens)), max(1.0, self._people * factor))
        else:
            days = float(self._days)
            self._window_days = min(days, max(MIN_WINDOW_DAYS, self._window_days * factor))

    def random_people(self) -> Neighbourhood:
        """Return a few people drawn at random, freed for the whole period."""
        tokens = frozenset(self._rng.sample(self._tokens, self._people_count()))
        return Neighbourhood(NeighbourhoodKind.PEOPLE, tokens, range(self._days))

    def random_days(self) -> Neighbourhood:
        """Return everyone, freed for a window of days placed at random."""
        length = self._window_length()
        first = self._rng.randrange(self._days - length + 1)
        days = range(first, first + length)
        return Neighbourhood(NeighbourhoodKind.DAYS, frozenset(self._tokens), days)

    def short_shift_people(self, values: Sequence[int]) -> Neighbourhood | None:
        """Return people who could work a shift below `wanted` but do not, for the whole period.

        Half of them, where there are enough, are below their hours target,
        because taking the shift also brings them closer to it. Filling the
        head usually means moving some of their other shifts, which the whole
        period leaves room for. Returns None when no shift is below `wanted`.
        """
        term = self._short_shift(values)
        if term is None:
            return None
        crew = self._crews[(term.day, term.shift_code)]
        off_shift = [token for token, index in crew if not values[index]]
        deviations = self._hours_deviations(values)
        count = self._people_count()
        below_target = [token for token in off_shift if deviations.get(token, 0) < 0]
        tokens = set(self._rng.sample(below_target, min(len(below_target), max(1, count // 2))))
        others = [token for token in off_shift if token not in tokens]
        tokens.update(self._rng.sample(others, min(len(others), count - len(tokens))))
        if not tokens:
            return None  # everyone who could work the shift already does
        return Neighbourhood(
            NeighbourhoodKind.SHORT_SHIFT_PEOPLE, frozenset(tokens), range(self._days)
        )

    def short_shift_days(self, values: Sequence[int]) -> Neighbourhood | None:
        """Return everyone, freed for a window of days that contains a shift below `wanted`.

        Returns None when no shift is below `wanted`.
        """
        term = self._short_shift(values)
        if term is None:
            return None
        length = self._window_length()
        earliest = max(0, term.day - length + 1)
        latest = min(term.day, self._days - length)
        first = self._rng.randint(earliest, latest)
        days = range(first, first + length)
        return Neighbourhood(NeighbourhoodKind.SHORT_SHIFT_DAYS, frozenset(self._tokens), days)

    def hours_people(self, values: Sequence[int]) -> Neighbourhood | None:
        """Return people far from their hours target, freed for the whole period.

        People are drawn with a chance that grows with their deviation, taking
        turns between those above and below target, so that the freed people
        can trade shifts among themselves. Returns None when everyone is on
        target.
        """
        deviations = self._hours_deviations(values)
        above = {token: minutes for token, minutes in deviations.items() if minutes > 0}
        below = {token: -minutes for token, minutes in deviations.items() if minutes < 0}
        count = max(2, self._people_count())
        tokens: set[str] = set()
        while len(tokens) < count and (above or below):
            side = above if (len(tokens) % 2 == 0 and above) or not below else below
            token = self._rng.choices(list(side), weights=list(side.values()))[0]
            tokens.add(token)
            del side[token]
        if not tokens:
            return None
        return Neighbourhood(NeighbourhoodKind.HOURS_PEOPLE, frozenset(tokens), range(self._days))

    def wish_people(self, values: Sequence[int]) -> Neighbourhood | None:
        """Return the person of a denied wish and people who work beside them that day.

        Granting a wish usually moves a shift between people: an evening off is
        worked by someone else, and a wished night is taken from whoever works it.
        A neighbourhood of the wisher alone cannot do that, and one drawn at random
        rarely frees the right colleague. The colleagues are drawn from those who
        work any shift on the wish's day, and everyone is freed for the whole
        period, so the hours they trade can be made up on other days. Returns None
        when every wish is granted or settled by an earlier optimal step.
        """
        denied = self._open_wishes(values)
        if not denied:
            return None
        wish = self._rng.choice(denied)
        working = sorted(
            {
                token
                for (day, _), crew in self._crews.items()
                if day == wish.day
                for token, index in crew
                if values[index] and token != wish.token
            }
        )
        count = max(1, self._people_count() - 1)
        tokens = {wish.token, *self._rng.sample(working, min(len(working), count))}
        return Neighbourhood(
            NeighbourhoodKind.WISH_PEOPLE, frozenset(tokens), range(self._days), wish.index
        )

    def _open_wishes(self, values: Sequence[int]) -> list[_WishTerm]:
        """Return the wishes the incumbent denies that no optimal step has settled."""
        return [
            term
            for term in self._wish_terms
            if values[term.index] > 0 and term.index not in self._settled_wishes
        ]

    def _people_count(self) -> int:
        return min(len(self._tokens), max(1, round(self._people)))

    def _window_length(self) -> int:
        return min(self._days, max(1, round(self._window_days)))

    def _short_shift(self, values: Sequence[int]) -> _ShortShiftTerm | None:
        """Return a shift below `wanted`, drawn with a chance that grows with the heads missing."""
        short_shifts = [term for term in self._short_shift_terms if values[term.index] > 0]
        if not short_shifts:
            return None
        missing = [values[term.index] for term in short_shifts]
        return self._rng.choices(short_shifts, weights=missing)[0]

    def _hours_deviations(self, values: Sequence[int]) -> dict[str, int]:
        """Return minutes above (positive) or below (negative) target of each person off it."""
        deviations = {}
        for token, above_index, below_index in self._hours_terms:
            deviation = values[above_index] - values[below_index]
            if deviation != 0:
                deviations[token] = deviation
        return deviations


def _short_shift_terms(roster: RosterModel) -> list[_ShortShiftTerm]:
    return [
        _ShortShiftTerm(term.day, term.shift_code, term.variable.index)
        for term in roster.soft_terms
        if term.name == BELOW_WANTED and term.day is not None and term.shift_code is not None
    ]


def _wish_terms(roster: RosterModel) -> list[_WishTerm]:
    return [
        _WishTerm(term.token, term.day, term.variable.index)
        for term in roster.soft_terms
        if term.name == WISH_DENIED and term.token is not None and term.day is not None
    ]


def _hours_terms(roster: RosterModel) -> list[tuple[str, int, int]]:
    """Return (token, index of minutes above target, index of minutes below) for each person."""
    above: dict[str, int] = {}
    below: dict[str, int] = {}
    for term in roster.soft_terms:
        if term.token is None:
            continue
        if term.name == ABOVE_TARGET:
            above[term.token] = term.variable.index
        elif term.name == BELOW_TARGET:
            below[term.token] = term.variable.index
    return [(token, above[token], below[token]) for token in above if token in below]
