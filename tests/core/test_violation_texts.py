"""Rule violations written out for a planner: the cause, the numbers and the dates."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import DateRange
from core.compliance import (
    BlockReason,
    EmployeeFacts,
    Severity,
    ShiftRestriction,
    Violation,
    ViolationRule,
    check_roster,
)
from core.i18n import Translator
from core.rules import LocalAgreements, RuleSettings, SundayRule
from core.violation_texts import VARIANT_TEXTS, VIOLATION_TEXTS, describe_violation, hours_text
from tests.core.compliance_cast import INGRID, MONDAY, context, day_of, planned

NAMES = {INGRID: "Ingrid Bakken"}
BOKMAL = Translator.for_locale("nb")
AVERAGED_SUNDAYS = RuleSettings(
    sunday_rule=SundayRule.AVERAGED, agreements=LocalAgreements(sunday_averaging=True)
)


def described(violations: list[Violation], rule: ViolationRule) -> list[str]:
    return [describe_violation(BOKMAL, v, NAMES) for v in violations if v.rule == rule]


def test_night_only_reason_named() -> None:
    """A night-only worker on a day shift is reported as such, with the allowed shifts."""
    night_only = EmployeeFacts(
        INGRID, 100, allowed_shift_codes=frozenset({"N"}), restriction=ShiftRestriction.NIGHT_ONLY
    )
    shifts = [planned(INGRID, MONDAY, "A")]

    actual = described(
        check_roster(shifts, context(employees=[night_only])), ViolationRule.NOT_QUALIFIED
    )

    assert actual == [
        "Ingrid Bakken jobber bare natt og kan ikke settes på A (mandag 11. januar). "
        "Tillatte vakter: N."
    ]


def test_run_of_days_dates() -> None:
    """Eight days in a row after a day off are dated from the run's own first day."""
    worked_offsets = [0, *range(2, 10)]
    shifts = [planned(INGRID, day_of(offset), "D") for offset in worked_offsets]

    two_weeks = context(DateRange(MONDAY, day_of(13)))

    actual = described(check_roster(shifts, two_weeks), ViolationRule.CONSECUTIVE_DAYS)

    assert actual == [
        "Ingrid Bakken jobber 8 dager på rad fra onsdag 13. januar til onsdag 20. januar. "
        "Avdelingen tillater høyst 6."
    ]


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        pytest.param(
            BlockReason.ABSENCE,
            "Ingrid Bakken er registrert med fravær mandag 11. januar, men har D.",
            id="absence",
        ),
        pytest.param(
            BlockReason.UNAVAILABILITY,
            "Ingrid Bakken har meldt at hen ikke kan jobbe mandag 11. januar, men har D.",
            id="unavailability",
        ),
    ],
)
def test_blocked_day_names_absence_or_unavailability(reason: BlockReason, expected: str) -> None:
    """A shift on a blocked day names absence or a registered unavailability as the cause."""
    violation = Violation.for_shift(
        ViolationRule.BLOCKED_DAY, planned(INGRID, MONDAY, "D"), {"reason": str(reason)}
    )

    assert describe_violation(BOKMAL, violation, NAMES) == expected


def test_night_into_unavailable_day_names_both_days() -> None:
    """A night shift that lasts into a day the employee cannot work names that day and its own."""
    details: dict[str, int | str] = {
        "reason": "unavailable_next_day",
        "blocked_day": day_of(1).isoformat(),
    }
    night = planned(INGRID, MONDAY, "N")
    violation = Violation.for_shift(ViolationRule.BLOCKED_DAY, night, details)

    assert describe_violation(BOKMAL, violation, NAMES) == (
        "Ingrid Bakken har meldt at hen ikke kan jobbe tirsdag 12. januar, men N fra mandag "
        "11. januar varer inn i den dagen."
    )


def test_rolling_rest_warning_explained() -> None:
    """Under the calendar-week reading the seven-day warning explains why it is only a warning."""
    details: dict[str, int | str] = {
        "longest_rest_minutes": 31 * 60,
        "required_minutes": 35 * 60,
        "window_days": 7,
        "failing_windows": 6,
    }
    violation = Violation.for_employee(
        ViolationRule.WEEKLY_REST_ROLLING, INGRID, day_of(1), details, Severity.WARNING
    )

    assert describe_violation(BOKMAL, violation, NAMES) == (
        "Ingrid Bakken får høyst 31 t sammenhengende fri i de sju dagene fra tirsdag 12. januar. "
        "Avdelingen regner ukehvilen på 35 t per kalenderuke, så dette er bare en advarsel."
    )


def test_shift_times_are_written_as_clock_times() -> None:
    """A shift edited by hand shows its planned and the unit's times as hours and minutes."""
    details: dict[str, int | str] = {
        "planned_start": "2027-01-11T07:30",
        "planned_end": "2027-01-11T16:00",
        "expected_start": "2027-01-11T07:00",
        "expected_end": "2027-01-11T15:00",
    }
    violation = Violation.for_shift(
        ViolationRule.SHIFT_TIMES_MISMATCH, planned(INGRID, MONDAY, "D"), details, Severity.WARNING
    )

    assert describe_violation(BOKMAL, violation, NAMES) == (
        "Ingrid Bakken: D mandag 11. januar er satt opp 07:30–16:00, men avdelingens D er "
        "07:00–15:00. Reglene er sjekket med tidene i filen."
    )


@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
def test_found_rules_fully_written(locale: str) -> None:
    """A roster that breaks many rules is described with no «?» where a number belongs."""
    translator = Translator.for_locale(locale)
    night_only = EmployeeFacts(
        INGRID, 50, allowed_shift_codes=frozenset({"N"}), restriction=ShiftRestriction.NIGHT_ONLY
    )
    shifts = [planned(INGRID, day_of(offset), "N") for offset in range(5)]
    shifts += [planned(INGRID, day_of(offset), "D") for offset in range(5, 9)]
    shifts += [planned(INGRID, day_of(8), "A")]
    period = DateRange(MONDAY, day_of(13))

    violations = check_roster(shifts, context(period, employees=[night_only]))
    texts = [describe_violation(translator, v, NAMES) for v in violations]

    assert len({v.rule for v in violations}) >= 6
    assert [text for text in texts if "?" in text] == []


def test_variants_have_general_texts() -> None:
    """A cause-specific text falls back to the rule's general text when the cause is unknown."""
    assert {rule for rule, _ in VARIANT_TEXTS} <= set(VIOLATION_TEXTS)


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        pytest.param(
            BlockReason.ABSENCE,
            "Du er registrert med fravær mandag 11. januar, men har D.",
            id="absence",
        ),
        pytest.param(
            BlockReason.UNAVAILABILITY,
            "Du har meldt at du ikke kan jobbe mandag 11. januar, men har D.",
            id="unavailability",
        ),
    ],
)
def test_own_blocked_day_is_in_second_person(reason: BlockReason, expected: str) -> None:
    """Ingrid reads about her own blocked day as «du», not by her name."""
    violation = Violation.for_shift(
        ViolationRule.BLOCKED_DAY, planned(INGRID, MONDAY, "D"), {"reason": str(reason)}
    )

    text = describe_violation(BOKMAL, violation, NAMES, reader_key=violation.employee_key)

    assert text == expected


def test_night_into_absent_day_names_the_absence() -> None:
    """A night shift that lasts into the first day of an absence says the person is absent then."""
    details: dict[str, int | str] = {
        "reason": "absent_next_day",
        "blocked_day": day_of(1).isoformat(),
    }
    night = planned(INGRID, MONDAY, "N")
    violation = Violation.for_shift(ViolationRule.BLOCKED_DAY, night, details)

    own = describe_violation(BOKMAL, violation, NAMES, reader_key=violation.employee_key)

    assert describe_violation(BOKMAL, violation, NAMES) == (
        "Ingrid Bakken er registrert med fravær tirsdag 12. januar, men N fra mandag "
        "11. januar varer inn i den dagen."
    )
    assert own == (
        "Du er registrert med fravær tirsdag 12. januar, men N fra mandag 11. januar varer inn "
        "i den dagen."
    )


def test_own_night_into_unavailable_day_is_in_second_person() -> None:
    """The night before a day Ingrid cannot work is described to her as «du»."""
    details: dict[str, int | str] = {
        "reason": "unavailable_next_day",
        "blocked_day": day_of(1).isoformat(),
    }
    violation = Violation.for_shift(
        ViolationRule.BLOCKED_DAY, planned(INGRID, MONDAY, "N"), details
    )

    text = describe_violation(BOKMAL, violation, NAMES, reader_key=violation.employee_key)

    assert text == (
        "Du har meldt at du ikke kan jobbe tirsdag 12. januar, men N fra mandag "
        "11. januar varer inn i den dagen."
    )


def test_colleagues_violation_keeps_the_name() -> None:
    """Another reader sees Ingrid's violation with her name."""
    violation = Violation.for_shift(
        ViolationRule.BLOCKED_DAY,
        planned(INGRID, MONDAY, "D"),
        {"reason": str(BlockReason.ABSENCE)},
    )

    text = describe_violation(BOKMAL, violation, NAMES, reader_key="another")

    assert text.startswith("Ingrid Bakken er registrert med fravær")


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        pytest.param(0, "0 t", id="zero"),
        pytest.param(45, "45 min", id="minutes-only"),
        pytest.param(9 * 60, "9 t", id="whole-hours"),
        pytest.param(-(9 * 60 + 15), "−9 t 15 min", id="negative"),
        pytest.param(2100 * 60, "2\N{NO-BREAK SPACE}100 t", id="thousands"),
        pytest.param(-(1234 * 60 + 5), "−1\N{NO-BREAK SPACE}234 t 5 min", id="negative-thousands"),
    ],
)
def test_hours_text(minutes: int, expected: str) -> None:
    """Minutes are written as hours and minutes, and no time at all as «0 t»."""
    assert hours_text(minutes, BOKMAL) == expected


def test_hours_text_groups_hours_in_english() -> None:
    """English groups thousands with a comma and keeps the t and min abbreviations."""
    assert hours_text(2100 * 60 + 30, Translator("en")) == "2,100 t 30 min"


def test_sunday_rule_names_the_worked_days() -> None:
    """A Sunday breach names the shift's own day and the day worked before, not the windows."""
    easter = DateRange(dt.date(2027, 3, 22), dt.date(2027, 4, 4))
    shifts = [
        planned(INGRID, dt.date(2027, 3, 26), "A"),
        planned(INGRID, dt.date(2027, 3, 29), "D"),
    ]

    actual = described(check_roster(shifts, context(easter)), ViolationRule.SUNDAY_AFTER_SUNDAY)

    assert actual == [
        "Ingrid Bakken jobber D mandag 29. mars etter å ha jobbet fredag 26. mars. Begge er "
        "søn- og helligdagsarbeid (arbeidsmiljøloven § 10-10), og den som jobber en søn- eller "
        "helligdag, skal ha fri den neste (arbeidsmiljøloven § 10-8 (4))."
    ]


def test_sunday_rule_names_the_earlier_roster() -> None:
    """Sunday work in the roster before the period is named as being there."""
    week_13 = DateRange(dt.date(2027, 3, 29), dt.date(2027, 4, 4))
    history = [planned(INGRID, dt.date(2027, 3, 26), "A")]
    shifts = [planned(INGRID, dt.date(2027, 3, 29), "D")]

    actual = described(
        check_roster(shifts, context(week_13, history=history)),
        ViolationRule.SUNDAY_AFTER_SUNDAY,
    )

    assert actual == [
        "Ingrid Bakken jobber D mandag 29. mars etter å ha jobbet fredag 26. mars i turnusen "
        "før denne. Begge er søn- og helligdagsarbeid (arbeidsmiljøloven § 10-10), og den som "
        "jobber en søn- eller helligdag, skal ha fri den neste (arbeidsmiljøloven § 10-8 (4))."
    ]


def test_sunday_average_lists_the_worked_days() -> None:
    """Under the averaging agreement the breach lists the Sundays and holidays worked."""
    four_sundays = DateRange(MONDAY, day_of(27))
    shifts = [planned(INGRID, day_of(offset), "D") for offset in (6, 13, 27)]

    actual = described(
        check_roster(shifts, context(four_sundays, rules=AVERAGED_SUNDAYS)),
        ViolationRule.SUNDAY_AVERAGE,
    )

    assert actual == [
        "Ingrid Bakken jobber 3 av de 4 søn- og helligdagene fra søndag 17. januar til søndag "
        "7. februar (helligdager på rad regnes som én): søndag 17. januar, søndag 24. januar "
        "og søndag 7. februar. Den lokale avtalen tillater arbeid hver andre av dem i "
        "gjennomsnitt, altså høyst 2 (arbeidsmiljøloven § 10-8 (4))."
    ]


def test_red_day_rest_names_the_weeks() -> None:
    """Under the averaging agreement, four weeks without a rested Sunday are named by number."""
    four_weeks = DateRange(MONDAY, day_of(27))
    shifts = [planned(INGRID, day_of(offset), "N") for offset in (6, 13, 20, 27)]

    actual = described(
        check_roster(shifts, context(four_weeks, rules=AVERAGED_SUNDAYS)),
        ViolationRule.RED_DAY_REST,
    )

    assert actual == [
        "Ingrid Bakken har ingen sammenhengende fri på minst 35 t som dekker en hel søn- eller "
        "helligdag i uke 2–5 (mandag 11. januar til søndag 7. februar). Den lokale avtalen om "
        "fri annenhver søn- og helligdag i gjennomsnitt krever at den ukentlige arbeidsfrien "
        "dekker en søn- eller helligdag minst hver fjerde uke (arbeidsmiljøloven § 10-8 (4))."
    ]
