"""Working-time rules a unit plans under, with the legal defaults.

Every field carries the Working Environment Act (arbeidsmiljøloven, AML) paragraph
or tariff rule it comes from. A value stricter than the default is always allowed.
A value looser than the law's default (shorter rest, more frequent weekends) is
valid only when the unit has recorded the local agreement that permits it, which
`validate` enforces.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class WeeklyRestWindow(StrEnum):
    """Where the 35 hours of weekly rest must fit (AML §10-8 (2))."""

    CALENDAR_WEEK = "calendar_week"
    ROLLING_SEVEN_DAYS = "rolling_seven_days"


class SundayRule(StrEnum):
    """Which variant of the Sunday and holiday rule a unit plans under (AML §10-8 (4))."""

    # Work on a Sunday or public holiday means the next Sunday or holiday is off.
    NEXT_OFF = "next_off"
    # By written agreement: every other Sunday or holiday off on average over 26 weeks.
    AVERAGED = "averaged"


class RotationType(StrEnum):
    """Tariff rotation types and their full-time weekly norm (KS HTA §4.2)."""

    DAY_WORK = "day_work"  # 37.5 h, HTA §4.2.1
    TWO_SHIFT_OR_SUNDAYS = "two_shift_or_sundays"  # 35.5 h, HTA §4.2.2
    ROUND_THE_CLOCK = "round_the_clock"  # 33.6 h, HTA §4.2.3 (helkontinuerlig)


WEEKLY_NORM_MINUTES = {
    RotationType.DAY_WORK: 37 * 60 + 30,
    RotationType.TWO_SHIFT_OR_SUNDAYS: 35 * 60 + 30,
    RotationType.ROUND_THE_CLOCK: 33 * 60 + 36,
}

# AML §10-8 (1): 11 hours of unbroken rest between two main work periods.
LEGAL_DAILY_REST_MINUTES = 11 * 60
# AML §10-8 (3): a written agreement with the tillitsvalgte may shorten it, never below 8 hours.
AGREED_DAILY_REST_FLOOR_MINUTES = 8 * 60
# AML §10-8 (2): 35 hours of unbroken rest within seven days.
LEGAL_WEEKLY_REST_MINUTES = 35 * 60
# AML §10-8 (3): an agreement may shorten it to 28 hours.
AGREED_WEEKLY_REST_FLOOR_MINUTES = 28 * 60
# NSF / tariff norm: work at most every third weekend unless the tillitsvalgt agrees.
DEFAULT_WEEKEND_FREQUENCY = 3
# The length of a rotation period (turnusperiode) unless the unit sets its own.
DEFAULT_ROTATION_WEEKS = 6
# A roster longer than half a year is almost certainly a typo, and would take the solver long.
MAX_ROTATION_WEEKS = 26


class RuleAgreementError(ValueError):
    """A rule value looser than the law's default, without the agreement that allows it."""


@dataclass(frozen=True, slots=True)
class LocalAgreements:
    """Deviations a unit has agreed in writing with its tillitsvalgte."""

    shorter_daily_rest: bool = False  # AML §10-8 (3)
    shorter_weekly_rest: bool = False  # AML §10-8 (3)
    more_frequent_weekends: bool = False  # tariff norm, agreed with the tillitsvalgt
    sunday_averaging: bool = False  # AML §10-8 (4), second sentence
    night_work_derogation: bool = False  # AML §10-11 (9): tariff derogation from (6)
    reference: str = ""  # where the agreement is filed, e.g. "Lokal avtale 2026-03"


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """The rule parameters of one unit; the defaults are the legal and tariff defaults."""

    rotation_type: RotationType = RotationType.TWO_SHIFT_OR_SUNDAYS
    # AML §10-8 (1) and (3).
    min_daily_rest_minutes: int = LEGAL_DAILY_REST_MINUTES
    # AML §10-8 (2) and (3).
    min_weekly_rest_minutes: int = LEGAL_WEEKLY_REST_MINUTES
    weekly_rest_window: WeeklyRestWindow = WeeklyRestWindow.CALENDAR_WEEK
    # Tariff norm: one weekend in `weekend_frequency` at most.
    weekend_frequency: int = DEFAULT_WEEKEND_FREQUENCY
    # Local rule: whether a Friday shift running past midnight makes the weekend a worked one.
    friday_night_counts_as_weekend: bool = False
    # Planned hours may differ from stillingsprosent × weekly norm × weeks by this much
    # over the planning period (a local timebank rule; no central default exists).
    hours_tolerance_minutes: int = 8 * 60
    # AML §10-5 (2): at most 12.5 hours of work in 24 hours under a tariff agreement.
    max_shift_minutes: int = 12 * 60 + 30
    # AML §10-5 (2): no single week above 54 hours; 48 hours averaged over 8 weeks.
    max_week_minutes: int = 54 * 60
    max_average_week_minutes: int = 48 * 60
    # AML §10-2 (1) soundness; Arbeidstilsynet rarely allows more than 2–3 nights in a row.
    max_consecutive_nights: int = 3
    max_consecutive_days: int = 6
    # Soundness (AML §10-2 (1)), no statutory value: the rest after the last night of a run.
    # 35 hours keeps an evening off the day after the run; 0 turns the rule off.
    min_rest_after_night_run_minutes: int = 35 * 60
    # AML §10-8 (4) and §10-10 (1).
    sunday_rule: SundayRule = SundayRule.NEXT_OFF
    # AML §10-11 (6): a night worker works at most 8 hours per 24 on average over 4 weeks.
    max_night_worker_average_minutes: int = 8 * 60
    # The weeks «lag turnus» plans when the planner names none: one rotation period.
    rotation_weeks: int = DEFAULT_ROTATION_WEEKS
    agreements: LocalAgreements = field(default_factory=LocalAgreements)

    @property
    def weekly_norm_minutes(self) -> int:
        return WEEKLY_NORM_MINUTES[self.rotation_type]

    def validate(self) -> RuleSettings:
        """Return self, or raise RuleAgreementError for a looser value without its agreement.

        A rotation period outside 1 to `MAX_ROTATION_WEEKS` weeks raises ValueError.
        """
        if not 1 <= self.rotation_weeks <= MAX_ROTATION_WEEKS:
            raise ValueError(
                f"rotation_weeks must be 1 to {MAX_ROTATION_WEEKS}, got {self.rotation_weeks}"
            )
        self._check_daily_rest()
        self._check_weekly_rest()
        self._check_weekend_frequency()
        self._check_sunday_rule()
        self._check_night_work()
        return self

    def _check_daily_rest(self) -> None:
        if self.min_daily_rest_minutes < AGREED_DAILY_REST_FLOOR_MINUTES:
            raise RuleAgreementError("daily rest below 8 hours is never allowed (AML §10-8 (3))")
        shorter = self.min_daily_rest_minutes < LEGAL_DAILY_REST_MINUTES
        if shorter and not self.agreements.shorter_daily_rest:
            raise RuleAgreementError(
                "daily rest below 11 hours needs a recorded agreement (AML §10-8 (3))"
            )

    def _check_weekly_rest(self) -> None:
        if self.min_weekly_rest_minutes < AGREED_WEEKLY_REST_FLOOR_MINUTES:
            raise RuleAgreementError("weekly rest below 28 hours is never allowed (AML §10-8 (3))")
        shorter = self.min_weekly_rest_minutes < LEGAL_WEEKLY_REST_MINUTES
        if shorter and not self.agreements.shorter_weekly_rest:
            raise RuleAgreementError(
                "weekly rest below 35 hours needs a recorded agreement (AML §10-8 (3))"
            )

    def _check_weekend_frequency(self) -> None:
        if self.weekend_frequency < 2:
            raise RuleAgreementError("weekend frequency must be at least every second weekend")
        more_often = self.weekend_frequency < DEFAULT_WEEKEND_FREQUENCY
        if more_often and not self.agreements.more_frequent_weekends:
            raise RuleAgreementError(
                "weekends more often than every third need a recorded agreement with the "
                "tillitsvalgt"
            )

    def _check_sunday_rule(self) -> None:
        averaged = self.sunday_rule == SundayRule.AVERAGED
        if averaged and not self.agreements.sunday_averaging:
            raise RuleAgreementError(
                "averaging Sundays and holidays off needs a written agreement (AML §10-8 (4))"
            )

    def _check_night_work(self) -> None:
        longer = self.max_night_worker_average_minutes > 8 * 60
        if longer and not self.agreements.night_work_derogation:
            raise RuleAgreementError(
                "night workers above 8 hours per 24 on average need a tariff derogation "
                "(AML §10-11 (9))"
            )

    def with_changes(self, **changes: object) -> RuleSettings:
        return replace(self, **changes).validate()  # type: ignore[arg-type]
