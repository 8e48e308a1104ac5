"""A greedy first roster, handed to CP-SAT as a solution hint.

CP-SAT alone is slow to find a gap-free roster for a tight ward, because the
weekend rotation leaves few people for each weekend. This builder fills the
weekends first, a whole weekend per person, then the weekdays, then tops up
hours. It keeps the hard rules it checks (rest, weekly rest, weekends, runs,
Sundays and holidays, upper hours edge), but it is only a hint: CP-SAT
repairs whatever it misses, such as a lower hours edge, and the model alone
decides legality.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from core.rules import SundayRule
from solver.model import RosterModel
from solver.problem import CoverDemand, ShiftSpec, StaffMember, WishPreference
from solver.sundays import HISTORY_LOOKBACK_DAYS, ends_in_period, red_windows
from solver.timeline import (
    DAYS_PER_WEEK,
    FRIDAY,
    MINUTES_PER_DAY,
    SATURDAY,
    Interval,
    saturdays_of,
    shift_interval,
    weekday_of,
)
from solver.weekend_plan import WeekendPlan, plan_weekends

NIGHT_KIND = "N"
# Codes are tried nights first: a night is the hardest shift to fill and to place.
KIND_ORDER = {"N": 0, "D": 1, "L": 2, "A": 3}


@dataclass
class _Draft:
    """The roster under construction: worked shifts (history included) and minutes."""

    roster: RosterModel
    shifts: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    minutes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    crews: dict[tuple[int, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    weekends: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    targets: dict[str, int] = field(default_factory=dict)
    # A Saturday on the rotation of each person without a weekend in the history.
    rotation_anchors: dict[str, int] = field(default_factory=dict)
    # Saturdays of the weekends each person worked before the period.
    history_weekends: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # Sunday and holiday windows from the history's start to the period's end.
    red_windows: list[Interval] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.targets = {member.token: member.target_minutes for member in self.roster.staff}
        self.red_windows = red_windows(
            self.roster, first_day=-HISTORY_LOOKBACK_DAYS, last_day=self.roster.problem.days
        )

    def staffed(self, day: int, shift_code: str) -> list[str]:
        return self.crews[(day, shift_code)]

    def assign(self, token: str, day: int, shift_code: str) -> None:
        shift = self.roster.shifts_by_code[shift_code]
        self.shifts[token][day] = shift_code
        self.minutes[token] += shift.worked_minutes
        self.crews[(day, shift_code)].append(token)
        saturday = _weekend_of(self, day, shift)
        if saturday is not None:
            self.weekends[token].add(saturday)

    def unassign(self, token: str, day: int) -> None:
        shift_code = self.shifts[token].pop(day)
        shift = self.roster.shifts_by_code[shift_code]
        self.minutes[token] -= shift.worked_minutes
        self.crews[(day, shift_code)].remove(token)
        saturday = _weekend_of(self, day, shift)
        still_worked = any(
            _weekend_of(self, other, self.roster.shifts_by_code[code]) == saturday
            for other, code in self.shifts[token].items()
        )
        if (
            saturday is not None
            and not still_worked
            and saturday not in self.history_weekends[token]
        ):
            self.weekends[token].discard(saturday)

    def assign_all_or_none(self, token: str, days: list[int], shift_code: str) -> bool:
        """Assign `shift_code` on every day of `days`, each checked after the ones before it.

        Checking each day against the draft without the others would miss a
        rule that the days break only together, such as a run that grows too long.
        """
        assigned: list[int] = []
        for day in days:
            if not _can_work(self, token, day, shift_code):
                for done in assigned:
                    self.unassign(token, done)
                return False
            self.assign(token, day, shift_code)
            assigned.append(day)
        return True


def build_hint(roster: RosterModel) -> dict[tuple[str, int, str], int]:
    """Return 0 or 1 for every shift variable of `roster`, from a greedy roster."""
    draft = _Draft(roster)
    for past in roster.problem.history:
        draft.shifts[past.token][past.day] = past.shift_code
        saturday = _weekend_of(draft, past.day, roster.shifts_by_code[past.shift_code])
        if saturday is not None:
            draft.weekends[past.token].add(saturday)
            draft.history_weekends[past.token].add(saturday)
    _anchor_rotations(draft)
    _fill_weekends(draft)
    _fill_weekdays(draft, wanted=False)
    _fill_weekdays(draft, wanted=True)
    _top_up_hours(draft)
    return {key: int(draft.shifts[key[0]].get(key[1]) == key[2]) for key in roster.assigned}


def _fill_weekends(draft: _Draft) -> None:
    """Staff each weekend's shifts with people who take both days on the same code.

    Minimums come first, from anyone. Heads up to `wanted` come only from people
    whose rotation has this weekend, because each weekend worked off the
    rotation costs one later weekend, and the weekend rule leaves no spare ones.
    """
    problem = draft.roster.problem
    demands = _demands_by_day(draft)
    plan = plan_weekends(draft.roster)
    for saturday in saturdays_of(problem, first_day=0, last_day=problem.days - 1):
        days = [day for day in (saturday, saturday + 1) if 0 <= day < problem.days]
        _take_planned_weekend(draft, plan, saturday, days)
        first_day_demands = sorted(demands.get(days[0], []), key=_demand_order)
        for demand in first_day_demands:
            _fill_demand(draft, demand, demand.minimum, days=days)
        if plan:
            continue
        for demand in first_day_demands:
            _fill_demand(draft, demand, demand.wanted, days=days, on_rotation_only=True)
        for day in days:
            for demand in sorted(demands.get(day, []), key=_demand_order):
                _fill_demand(draft, demand, demand.minimum, days=[day])


def _take_planned_weekend(draft: _Draft, plan: WeekendPlan, saturday: int, days: list[int]) -> None:
    for member in draft.roster.staff:
        code = plan.get(member.token, {}).get(saturday)
        if code is not None:
            draft.assign_all_or_none(member.token, days, code)


def _fill_weekdays(draft: _Draft, *, wanted: bool) -> None:
    for day, demands in sorted(_demands_by_day(draft).items()):
        for demand in sorted(demands, key=_demand_order):
            _fill_demand(draft, demand, demand.wanted if wanted else demand.minimum, days=[day])


def _fill_demand(
    draft: _Draft,
    demand: CoverDemand,
    heads: int,
    *,
    days: list[int],
    on_rotation_only: bool = False,
) -> None:
    """Add people, each for all of `days`, until the shift has `heads` and its competences.

    Competence minimums are filled first. Plain heads go to people with the fewest
    competences, which keeps scarce competences free for later shifts. With
    `on_rotation_only`, plain heads come only from people whose weekend rotation
    has the first of `days`.
    """
    competences = {member.token: member.competences for member in draft.roster.staff}
    code = demand.shift_code

    def add_if_possible(token: str) -> None:
        draft.assign_all_or_none(token, days, code)

    for competence, minimum in demand.competence_minimums:
        for token in _ranked(draft, demand.day, code, save_competences=False):
            crew = draft.staffed(demand.day, code)
            if sum(1 for member in crew if competence in competences[member]) >= minimum:
                break
            if competence in competences[token]:
                add_if_possible(token)
    members = {member.token: member for member in draft.roster.staff}
    saturday = _weekend_of(draft, days[0], draft.roster.shifts_by_code[code])
    for token in _ranked(draft, demand.day, code, save_competences=True):
        if len(draft.staffed(demand.day, code)) >= heads:
            break
        off_rotation = saturday is not None and not _on_rotation(draft, members[token], saturday)
        if on_rotation_only and off_rotation:
            continue
        add_if_possible(token)


def _top_up_hours(draft: _Draft) -> None:
    """Give people below their target extra shifts, on the least staffed shifts first."""
    problem = draft.roster.problem
    shifts = draft.roster.shifts_by_code
    lower_edge = problem.rules.hours_tolerance_minutes
    for member in sorted(problem.staff, key=lambda member: len(member.allowed_shift_codes)):
        while draft.minutes[member.token] < member.target_minutes:
            missing = member.target_minutes - draft.minutes[member.token]
            # A shift must bring the person closer to target, unless they are below the band.
            options = [
                demand
                for demand in problem.demands
                if (shifts[demand.shift_code].worked_minutes < 2 * missing or missing > lower_edge)
                and _can_work(draft, member.token, demand.day, demand.shift_code)
            ]
            if not options:
                break
            emptiest = min(options, key=lambda demand: _staffing_ratio(draft, demand))
            draft.assign(member.token, emptiest.day, emptiest.shift_code)


def _staffing_ratio(draft: _Draft, demand: CoverDemand) -> float:
    return len(draft.staffed(demand.day, demand.shift_code)) / max(1, demand.wanted)


def _demands_by_day(draft: _Draft) -> dict[int, list[CoverDemand]]:
    by_day: dict[int, list[CoverDemand]] = defaultdict(list)
    for demand in draft.roster.problem.demands:
        by_day[demand.day].append(demand)
    return by_day


def _demand_order(demand: CoverDemand) -> int:
    return KIND_ORDER.get(demand.shift_code[:1], 9)


def _ranked(draft: _Draft, day: int, shift_code: str, *, save_competences: bool) -> list[str]:
    """Return the staff in the order to try: most hours missing first, wishes respected."""
    wishes_off = {
        wish.token
        for wish in draft.roster.problem.wishes
        if wish.day == day and wish.preference is WishPreference.OFF
    }

    saturday = _weekend_of(draft, day, draft.roster.shifts_by_code[shift_code])

    def score(member: StaffMember) -> tuple[int, int, int, int, float]:
        off_rotation = 0 if saturday is None else int(not _on_rotation(draft, member, saturday))
        specialist = len(member.allowed_shift_codes) == 1
        missing_share = (member.target_minutes - draft.minutes[member.token]) / max(
            1, member.target_minutes
        )
        continues = draft.shifts[member.token].get(day - 1) == shift_code
        spared = len(member.competences) if save_competences else 0
        return (
            int(member.token in wishes_off),
            off_rotation,
            -int(specialist or continues),
            spared,
            -missing_share,
        )

    return [member.token for member in sorted(draft.roster.staff, key=score)]


def _anchor_rotations(draft: _Draft) -> None:
    """Give each person without a weekend in the history the least crowded rotation group.

    The history fixes the rotation group of everyone who worked a recent
    weekend. Filling the other groups first evens out the heads per weekend,
    so that no weekend is left with fewer people than the rest.
    """
    problem = draft.roster.problem
    frequency = problem.rules.weekend_frequency
    # The Saturday of the week the period starts in; it may lie outside the period.
    first_saturday = saturdays_of(problem, first_day=0, last_day=DAYS_PER_WEEK)[0]
    group_sizes = [0] * frequency
    for member in problem.staff:
        worked = draft.weekends[member.token]
        if worked:
            group_sizes[_rotation_group(max(worked), first_saturday, frequency)] += 1
    for member in problem.staff:
        if draft.weekends[member.token]:
            continue
        group = min(range(frequency), key=lambda index: group_sizes[index])
        group_sizes[group] += 1
        draft.rotation_anchors[member.token] = first_saturday + group * DAYS_PER_WEEK


def _rotation_group(saturday: int, first_saturday: int, frequency: int) -> int:
    return ((saturday - first_saturday) // DAYS_PER_WEEK) % frequency


def _on_rotation(draft: _Draft, member: StaffMember, saturday: int) -> bool:
    """Return True when `saturday` falls on the person's every-k-th-weekend rotation.

    The rotation continues from the last weekend worked (history included), or
    from the anchor `_anchor_rotations` chose for a person with none.
    """
    frequency = draft.roster.problem.rules.weekend_frequency
    worked = draft.weekends[member.token]
    anchor = max(worked) if worked else draft.rotation_anchors[member.token]
    return ((saturday - anchor) // DAYS_PER_WEEK) % frequency == 0


def _can_work(draft: _Draft, token: str, day: int, shift_code: str) -> bool:
    roster = draft.roster
    if (token, day, shift_code) not in roster.assigned or day in draft.shifts[token]:
        return False
    shift = roster.shifts_by_code[shift_code]
    return (
        _hours_fit(draft, token, shift)
        and _rest_fits(draft, token, day, shift)
        and _runs_fit(draft, token, day, shift)
        and _weekend_fits(draft, token, day, shift)
        and _weekly_rest_fits(draft, token, day, shift)
        and _night_run_rest_fits(draft, token, day, shift)
        and _week_minutes_fit(draft, token, day, shift)
        and _sunday_rule_fits(draft, token, day, shift)
    )


def _hours_fit(draft: _Draft, token: str, shift: ShiftSpec) -> bool:
    upper = draft.targets[token] + draft.roster.problem.rules.hours_tolerance_minutes
    return draft.minutes[token] + shift.worked_minutes <= upper


def _rest_fits(draft: _Draft, token: str, day: int, shift: ShiftSpec) -> bool:
    shifts = draft.roster.shifts_by_code
    min_rest = draft.roster.problem.rules.min_daily_rest_minutes
    new = shift_interval(day, shift)
    for other_day in range(day - 2, day + 3):
        other_code = draft.shifts[token].get(other_day)
        if other_code is None or other_day == day:
            continue
        other = shift_interval(other_day, shifts[other_code])
        rest = new.start - other.end if other_day < day else other.start - new.end
        if rest < min_rest:
            return False
    return True


def _sunday_rule_fits(draft: _Draft, token: str, day: int, shift: ShiftSpec) -> bool:
    """Check the Sunday and holiday rule (AML §10-8 (4)) as `solver.sundays` models it.

    Under `SundayRule.NEXT_OFF` a shift in a red-day window needs the windows
    before and after it free. Under `SundayRule.AVERAGED` at most half of the
    period's windows, rounded up, may be worked.
    """
    windows = draft.red_windows
    touched = {
        index for index, window in enumerate(windows) if window.overlaps(shift_interval(day, shift))
    }
    if not touched:
        return True
    worked = _red_windows_worked(draft, token)
    if draft.roster.problem.rules.sunday_rule is SundayRule.NEXT_OFF:
        neighbours = {index + step for index in touched for step in (-1, 1)} - touched
        return not neighbours & worked
    problem = draft.roster.problem
    in_period = {index for index, window in enumerate(windows) if ends_in_period(problem, window)}
    return len((worked | touched) & in_period) <= (len(in_period) + 1) // 2


def _red_windows_worked(draft: _Draft, token: str) -> set[int]:
    """Return the indexes of the red-day windows the person works, history included."""
    shifts = draft.roster.shifts_by_code
    intervals = [shift_interval(day, shifts[code]) for day, code in draft.shifts[token].items()]
    intervals += [
        shift_interval(past.day, shifts[past.shift_code])
        for past in draft.roster.problem.history
        if past.token == token
    ]
    return {
        index
        for index, window in enumerate(draft.red_windows)
        if any(window.overlaps(interval) for interval in intervals)
    }


def _night_run_rest_fits(draft: _Draft, token: str, day: int, shift: ShiftSpec) -> bool:
    """Check the rest after a night run, both for a run ending before and one ending here."""
    shifts = draft.roster.shifts_by_code
    min_rest = draft.roster.problem.rules.min_rest_after_night_run_minutes
    worked = draft.shifts[token]

    def is_night(other_day: int) -> bool:
        return other_day in worked and shifts[worked[other_day]].kind == NIGHT_KIND

    new = shift_interval(day, shift)
    for night_day in range(day - 3, day):
        if not is_night(night_day) or is_night(night_day + 1):
            continue
        if night_day + 1 == day and shift.kind == NIGHT_KIND:
            continue  # the new night continues the run
        night_end = shift_interval(night_day, shifts[worked[night_day]]).end
        if new.start - night_end < min_rest:
            return False
    if shift.kind == NIGHT_KIND and not is_night(day + 1):
        for later_day in range(day + 1, day + 4):
            if later_day in worked and not (later_day == day + 1 and is_night(later_day)):
                later = shift_interval(later_day, shifts[worked[later_day]])
                if later.start - new.end < min_rest:
                    return False
    return True


def _week_minutes_fit(draft: _Draft, token: str, day: int, shift: ShiftSpec) -> bool:
    shifts = draft.roster.shifts_by_code
    monday = day - weekday_of(draft.roster.problem, day)
    week_minutes = sum(
        shifts[code].worked_minutes
        for other_day, code in draft.shifts[token].items()
        if monday <= other_day < monday + DAYS_PER_WEEK
    )
    return week_minutes + shift.worked_minutes <= draft.roster.problem.rules.max_week_minutes


def _runs_fit(draft: _Draft, token: str, day: int, shift: ShiftSpec) -> bool:
    rules = draft.roster.problem.rules
    shifts = draft.roster.shifts_by_code
    worked = draft.shifts[token]
    if _run_length(day, lambda other: other in worked) > rules.max_consecutive_days:
        return False
    if shift.kind != NIGHT_KIND:
        return True

    def is_night(other: int) -> bool:
        return other in worked and shifts[worked[other]].kind == NIGHT_KIND

    return _run_length(day, is_night) <= rules.max_consecutive_nights


def _run_length(day: int, counts: Callable[[int], bool]) -> int:
    """Return the length of the run through `day` if `day` were counted too."""
    before = 0
    while counts(day - before - 1):
        before += 1
    after = 0
    while counts(day + after + 1):
        after += 1
    return before + 1 + after


def _weekend_fits(draft: _Draft, token: str, day: int, shift: ShiftSpec) -> bool:
    saturday = _weekend_of(draft, day, shift)
    if saturday is None:
        return True
    worked = draft.weekends[token]
    if saturday in worked:
        return True
    reach = DAYS_PER_WEEK * draft.roster.problem.rules.weekend_frequency
    return not any(abs(other - saturday) < reach for other in worked)


def _weekend_of(draft: _Draft, day: int, shift: ShiftSpec) -> int | None:
    """Return the Saturday of the weekend this shift works, or None for a weekday shift."""
    weekday = weekday_of(draft.roster.problem, day)
    if weekday >= SATURDAY:
        return day - (weekday - SATURDAY)
    crosses = shift_interval(day, shift).end > (day + 1) * MINUTES_PER_DAY
    if weekday == FRIDAY and crosses and draft.roster.problem.rules.friday_night_counts_as_weekend:
        return day + 1
    return None


def _weekly_rest_fits(draft: _Draft, token: str, day: int, shift: ShiftSpec) -> bool:
    """Check that every week the new shift touches keeps a long enough free window."""
    problem = draft.roster.problem
    new = shift_interval(day, shift)
    monday = day - weekday_of(problem, day)
    for week_monday in (monday, monday + DAYS_PER_WEEK):
        week = Interval(week_monday * MINUTES_PER_DAY, (week_monday + 7) * MINUTES_PER_DAY)
        if not new.overlaps(week):
            continue
        busy = [new, *_intervals_near(draft, token, week_monday)]
        if _longest_free(week, busy) < problem.rules.min_weekly_rest_minutes:
            return False
    return True


def _intervals_near(draft: _Draft, token: str, week_monday: int) -> list[Interval]:
    shifts = draft.roster.shifts_by_code
    return [
        shift_interval(day, shifts[code])
        for day, code in draft.shifts[token].items()
        if week_monday - 1 <= day < week_monday + DAYS_PER_WEEK
    ]


def _longest_free(week: Interval, busy: list[Interval]) -> int:
    longest = 0
    free_from = week.start
    for interval in sorted(busy, key=lambda interval: interval.start):
        longest = max(longest, min(interval.start, week.end) - free_from)
        free_from = max(free_from, min(interval.end, week.end))
    return max(longest, week.end - free_from)
