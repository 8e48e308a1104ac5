"""The planner's report on a roster, section by section."""

from __future__ import annotations

import datetime as dt

import pytest

from core.absences import Wish
from core.commands import DateRange, Preference
from core.compliance.model import (
    BlockedPeriod,
    BlockReason,
    ComplianceContext,
    EmployeeFacts,
    Violation,
    ViolationRule,
)
from core.employees import Employee, Position
from core.i18n import Translator
from core.roster_facts import employee_key
from core.roster_report import (
    HoursLine,
    RosterReport,
    WishOutcome,
    hours_band_note,
    hours_lines,
    render_rule_check,
    render_summary,
    render_wishes,
)
from core.rules import RuleSettings
from core.units import StaffingPlan
from solver.problem import SolverResult, SolveStatus, WishDenialCause
from tests.core.compliance_cast import SHIFT_TYPES

TODAY = dt.date(2027, 1, 6)
FRIDAY = dt.date(2027, 1, 8)
KARI = Employee(1, 1, "Kari Nordmann", Position.NURSE, 80)


def report_of_denied_wish(days: int) -> RosterReport:
    """A report where Kari wished to be off `days` days from Friday and got none of them."""
    period = DateRange(FRIDAY, FRIDAY + dt.timedelta(days=days - 1))
    wish = Wish(1, KARI.id, period, Preference.OFF)
    outcomes = tuple(
        WishOutcome(wish, KARI, day, Preference.OFF, None, granted=False) for day in period.days()
    )
    return RosterReport(period, None, (), (KARI,), (), outcomes, ())


@pytest.mark.parametrize(
    ("locale", "days", "expected"),
    [
        pytest.param("nb", 1, "innfridd 0 av 1 dag.", id="nb-one-day"),
        pytest.param("nb", 2, "innfridd 0 av 2 dager.", id="nb-two-days"),
        pytest.param("nn", 1, "innfridd 0 av 1 dag.", id="nn-one-day"),
        pytest.param("nn", 2, "innfridd 0 av 2 dagar.", id="nn-two-days"),
        pytest.param("en", 1, "granted on 0 of 1 day.", id="en-one-day"),
        pytest.param("en", 2, "granted on 0 of 2 days.", id="en-two-days"),
    ],
)
def test_denied_wish_counts_days_in_plural(locale: str, days: int, expected: str) -> None:
    """A denied wish counts its days with the plural form the number takes."""
    text = render_wishes(report_of_denied_wish(days), Translator(locale), TODAY)

    denied_line = text.splitlines()[1]
    assert denied_line.endswith(expected)


def summary_heading(result: SolverResult, locale: str = "nb") -> str:
    report = RosterReport(DateRange(FRIDAY, FRIDAY), result, (), (KARI,), (), (), ())
    return render_summary(report, Translator(locale), TODAY).splitlines()[0]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        pytest.param("nb", "planlagt på 29,5 s (beste funnet innen tidsgrensen).", id="nb"),
        pytest.param("en", "planned in 29.5 s (best found within the time limit).", id="en"),
    ],
)
def test_summary_of_timed_search(locale: str, expected: str) -> None:
    """A search that ran until its time limit is summarised with its wall time."""
    result = SolverResult(SolveStatus.FEASIBLE, wall_seconds=29.5)

    assert summary_heading(result, locale).endswith(expected)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        pytest.param(SolveStatus.FEASIBLE, "(beste funnet innen søkeinnsatsen).", id="feasible"),
        pytest.param(SolveStatus.OPTIMAL, "(bevist best).", id="optimal"),
    ],
)
def test_summary_of_work_limited_search(status: SolveStatus, expected: str) -> None:
    """A search that stopped on its work limit leaves out the wall time, which varies."""
    result = SolverResult(status, wall_seconds=29.5, work_limited=True)

    heading = summary_heading(result)

    assert "planlagt med en fast søkeinnsats" in heading
    assert heading.endswith(expected)
    assert "29,5" not in heading


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        pytest.param("nb", "Ønsker: ingen har registrert ønsker for disse dagene.", id="nb"),
        pytest.param("nn", "Ønske: ingen har registrert ønske for desse dagane.", id="nn"),
        pytest.param("en", "Wishes: nobody registered a wish for these days.", id="en"),
    ],
)
def test_no_wishes_are_named_as_none(locale: str, expected: str) -> None:
    """A period without wishes says so instead of «0 av 0 innfridd»."""
    period = DateRange(FRIDAY, FRIDAY)
    report = RosterReport(period, None, (), (KARI,), (), (), ())

    assert render_wishes(report, Translator(locale), TODAY) == expected


SIX_WEEKS = DateRange(dt.date(2027, 1, 11), dt.date(2027, 2, 21))
TURID = Employee(2, 1, "Turid Lie", Position.NURSE, 100)
PER = Employee(3, 1, "Per Hansen", Position.NURSE, 60)


def summary_with_hours(*lines: HoursLine) -> list[str]:
    employees = tuple(line.employee for line in lines)
    report = RosterReport(SIX_WEEKS, None, (), employees, lines, (), ())
    return render_summary(report, Translator("nb"), TODAY).splitlines()


def test_summary_names_people_outside_hours_band() -> None:
    """20 h a week against a 35.5 h norm is named with planned and expected hours."""
    lines = summary_with_hours(
        HoursLine(TURID, 120 * 60, 213 * 60, 8 * 60),
        HoursLine(PER, 130 * 60, 127 * 60 + 48, 8 * 60),
    )

    band = lines.index("1 person er satt opp utenfor målet ± 8 t som avdelingen tillater:")
    assert lines[band + 1] == (
        "  Turid Lie er satt opp med 120 t (20 t i uka) mot forventet 213 t (35 t 30 min i uka)"
    )
    assert not any("Per Hansen" in line for line in lines)


def test_summary_within_hours_band_names_nobody() -> None:
    """Planned hours at the edge of the band are inside it, so no one is named."""
    lines = summary_with_hours(HoursLine(TURID, 205 * 60, 213 * 60, 8 * 60))

    assert not any("utenfor målet" in line for line in lines)


def hours_breach(employee: Employee, worked_hours: int, target_hours: int) -> Violation:
    details: dict[str, int | str] = {
        "worked_minutes": worked_hours * 60,
        "target_minutes": target_hours * 60,
        "difference_minutes": (worked_hours - target_hours) * 60,
        "tolerance_minutes": 8 * 60,
    }
    return Violation.for_employee(
        ViolationRule.HOURS_OUTSIDE_TOLERANCE, employee_key(employee.id), None, details
    )


def test_summary_names_an_hours_breach_once() -> None:
    """A person outside the hours band is named in the hours list, and counted in the rule check."""
    short_rest = Violation.for_employee(
        ViolationRule.DAILY_REST,
        employee_key(PER.id),
        dt.date(2027, 1, 12),
        {"rest_minutes": 9 * 60, "required_minutes": 11 * 60},
    )
    report = RosterReport(
        SIX_WEEKS,
        None,
        (),
        (TURID, PER),
        (HoursLine(TURID, 120 * 60, 213 * 60, 8 * 60),),
        (),
        (hours_breach(TURID, 120, 213), short_rest),
    )

    lines = render_summary(report, Translator("nb"), TODAY).splitlines()

    assert sum("Turid Lie" in line for line in lines) == 1
    assert "  timer mot mål: 1, navngitt over" in lines
    assert any(line.startswith("  Per Hansen") for line in lines)


def test_rule_check_alone_names_the_hours_breach() -> None:
    """The printed rule check, without an hours list above it, still names the person."""
    report = RosterReport(SIX_WEEKS, None, (), (TURID,), (), (), (hours_breach(TURID, 120, 213),))

    lines = render_rule_check(report, Translator("nb"), TODAY).splitlines()

    assert lines[1] == "  timer mot mål: 1"
    assert lines[2].startswith("  Turid Lie er satt opp med 120 t mot et mål på 213 t")


def test_rule_check_counts_the_rules_checked() -> None:
    """«no breach of N rules» counts the checked rules, leaving out the coverage rules."""
    checked = (
        ViolationRule.DAILY_REST,
        ViolationRule.WEEKLY_REST,
        ViolationRule.STAFFING_MINIMUM,
        ViolationRule.COMPETENCE_MINIMUM,
    )
    report = RosterReport(SIX_WEEKS, None, (), (TURID,), (), (), (), checked_rules=checked)

    text = render_rule_check(report, Translator("nb"), TODAY)

    assert text == "Regelsjekk (kontrollert uavhengig av planleggingen): ingen brudd på 2 regler."


TWO_WEEKS = DateRange(dt.date(2027, 3, 8), dt.date(2027, 3, 21))


def nurse_context(*blocked: BlockedPeriod, absent_days: int = 0) -> ComplianceContext:
    """Kari, a night-only nurse at 100 %, with the given blocked periods in two weeks."""
    facts = EmployeeFacts(
        employee_key(KARI.id),
        100,
        allowed_shift_codes=frozenset({"N"}),
        blocked=blocked,
        absent_days=absent_days,
    )
    return ComplianceContext(
        period=TWO_WEEKS,
        rules=RuleSettings(),
        employees={facts.key: facts},
        shift_types=SHIFT_TYPES,
        staffing=StaffingPlan(()),
    )


def days(first: int, last: int) -> DateRange:
    """Return the days from 8 + `first` to 8 + `last` March 2027."""
    return DateRange(dt.date(2027, 3, 8 + first), dt.date(2027, 3, 8 + last))


@pytest.mark.parametrize(
    ("blocked", "absent_days", "expected"),
    [
        pytest.param(
            (BlockedPeriod(days(1, 5), None, BlockReason.UNAVAILABILITY),),
            0,
            5,
            id="whole-days",
        ),
        pytest.param(
            (BlockedPeriod(days(1, 2), "N", BlockReason.UNAVAILABILITY),),
            0,
            2,
            id="her-only-shift",
        ),
        pytest.param(
            (BlockedPeriod(days(1, 2), "D", BlockReason.UNAVAILABILITY),),
            0,
            0,
            id="a-shift-she-never-works",
        ),
        pytest.param(
            (
                BlockedPeriod(days(1, 5), None, BlockReason.UNAVAILABILITY),
                BlockedPeriod(days(4, 5), None, BlockReason.ABSENCE),
            ),
            2,
            3,
            id="absence-counted-once",
        ),
    ],
)
def test_hours_line_counts_unavailable_days(
    blocked: tuple[BlockedPeriod, ...], absent_days: int, expected: int
) -> None:
    """Days on which unavailability blocks every shift she may work, outside absence."""
    (line,) = hours_lines((), (KARI,), nurse_context(*blocked, absent_days=absent_days))

    assert line.unavailable_days == expected


def test_unavailability_keeps_the_target() -> None:
    """Unavailability is not paid absence: the target stays, and the days get a worth."""
    unavailable = BlockedPeriod(days(1, 5), None, BlockReason.UNAVAILABILITY)

    (line,) = hours_lines((), (KARI,), nurse_context(unavailable))

    assert line.target_minutes == 71 * 60
    assert line.unavailable_minutes == 25 * 60 + 21


@pytest.mark.parametrize(
    ("planned_hours", "expected"),
    [
        pytest.param(
            50,
            "  Kari Nordmann er satt opp med 50 t (25 t i uka) mot forventet 71 t (35 t 30 min "
            "i uka), men kan ikke jobbe 5 dager i perioden, som forklarer avviket",
            id="explained",
        ),
        pytest.param(
            30,
            "  Kari Nordmann er satt opp med 30 t (15 t i uka) mot forventet 71 t (35 t 30 min "
            "i uka), og kan ikke jobbe 5 dager i perioden, verdt 25 t 21 min av målet",
            id="partly-explained",
        ),
    ],
)
def test_hours_line_names_unavailable_days(planned_hours: int, expected: str) -> None:
    """Below the band, the unavailable days are named, with whether they explain the gap."""
    line = HoursLine(
        KARI, planned_hours * 60, 71 * 60, 8 * 60, unavailable_days=5, unavailable_minutes=1521
    )
    report = RosterReport(TWO_WEEKS, None, (), (KARI,), (line,), (), ())

    lines = render_summary(report, Translator("nb"), TODAY).splitlines()

    assert expected in lines


def test_hours_above_band_ignore_unavailable_days() -> None:
    """Hours planned above the band get no note about unavailable days."""
    line = HoursLine(KARI, 90 * 60, 71 * 60, 8 * 60, unavailable_days=5, unavailable_minutes=1521)
    report = RosterReport(TWO_WEEKS, None, (), (KARI,), (line,), (), ())

    text = render_summary(report, Translator("nb"), TODAY)

    assert "Kari Nordmann er satt opp med 90 t" in text
    assert "kan ikke jobbe" not in text


def all_shifts_context(*blocked: BlockedPeriod) -> ComplianceContext:
    """Kari at 100 %, allowed every shift, with the given blocked periods in two weeks."""
    facts = EmployeeFacts(employee_key(KARI.id), 100, blocked=blocked)
    return ComplianceContext(
        period=TWO_WEEKS,
        rules=RuleSettings(),
        employees={facts.key: facts},
        shift_types=SHIFT_TYPES,
        staffing=StaffingPlan(()),
    )


def test_hours_line_counts_part_days() -> None:
    """«Etter kl 15» on three days leaves the 8-hour day shift of her 12-hour longest.

    Each of those days counts a third of a day towards the worth, and none as a whole day.
    """
    after_three = [
        BlockedPeriod(days(1, 3), code, BlockReason.UNAVAILABILITY) for code in ("A", "N", "L")
    ]

    (line,) = hours_lines((), (KARI,), all_shifts_context(*after_three))

    assert line.unavailable_days == 0
    assert line.partly_unavailable_days == 3
    # 71 h over 14 present days, for one day's worth.
    assert line.unavailable_minutes == round(71 * 60 / 14)


def test_hours_line_names_part_days() -> None:
    """Below the band, days in part are named beside the whole ones, with their worth."""
    line = HoursLine(
        KARI,
        30 * 60,
        71 * 60,
        8 * 60,
        unavailable_days=1,
        partly_unavailable_days=2,
        unavailable_minutes=609,
    )
    report = RosterReport(TWO_WEEKS, None, (), (KARI,), (line,), (), ())

    lines = render_summary(report, Translator("nb"), TODAY).splitlines()

    assert (
        "  Kari Nordmann er satt opp med 30 t (15 t i uka) mot forventet 71 t (35 t 30 min "
        "i uka), og kan ikke jobbe alle vaktene 3 dager i perioden (2 av dem delvis), verdt "
        "10 t 9 min av målet"
    ) in lines


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        pytest.param(
            "nb",
            [
                "Ønsker: 0 av 1 innfridd, 1 til delvis.",
                "  Kari Nordmann ønsket fri fredag 8. januar til lørdag 9. januar: innfridd 1 av "
                "2 dager. Å innfri det ville gitt en vakt under minstebemanningen.",
            ],
            id="nb",
        ),
        pytest.param(
            "nn",
            [
                "Ønske: 0 av 1 innfridde, 1 til delvis.",
                "  Kari Nordmann ønskte fri fredag 8. januar til laurdag 9. januar: innfridd 1 "
                "av 2 dagar. Å innfri det ville gitt ei vakt under minstebemanninga.",
            ],
            id="nn",
        ),
        pytest.param(
            "en",
            [
                "Wishes: 0 of 1 granted, 1 more in part.",
                "  Kari Nordmann wished off Friday 8 January to Saturday 9 January: granted on "
                "1 of 2 days. Granting it would leave a shift below its minimum staffing.",
            ],
            id="en",
        ),
    ],
)
def test_denied_day_names_its_cause(locale: str, expected: list[str]) -> None:
    """A wish granted on one of two days counts in part and names what the other would cost."""
    period = DateRange(FRIDAY, FRIDAY + dt.timedelta(days=1))
    wish = Wish(1, KARI.id, period, Preference.OFF)
    outcomes = (
        WishOutcome(wish, KARI, FRIDAY, Preference.OFF, None, granted=True),
        WishOutcome(
            wish,
            KARI,
            period.end,
            Preference.OFF,
            None,
            granted=False,
            cause=WishDenialCause.COVERAGE,
        ),
    )
    report = RosterReport(period, None, (), (KARI,), (), outcomes, ())

    assert render_wishes(report, Translator(locale), TODAY).splitlines() == expected


def test_only_wish_names_no_other_wish() -> None:
    """The only wish in the period, denied for the cost of other wishes, names its own other day."""
    period = DateRange(FRIDAY, FRIDAY + dt.timedelta(days=1))
    wish = Wish(1, KARI.id, period, Preference.OFF)
    outcomes = (
        WishOutcome(
            wish, KARI, FRIDAY, Preference.OFF, None, granted=False, cause=WishDenialCause.RULES
        ),
        WishOutcome(
            wish,
            KARI,
            period.end,
            Preference.OFF,
            None,
            granted=False,
            cause=WishDenialCause.OTHER_WISHES,
        ),
    )
    report = RosterReport(period, None, (), (KARI,), (), outcomes, ())

    assert render_wishes(report, Translator("nb"), TODAY).splitlines() == [
        "Ønsker: 0 av 1 innfridd.",
        "  Kari Nordmann ønsket fri fredag 8. januar til lørdag 9. januar: innfridd 0 av 2 "
        "dager. En arbeidstidsregel hindrer det: hviletid, netter på rad eller helger. Å "
        "innfri det ville gått ut over en annen dag av det samme ønsket.",
    ]


def staff_member(number: int) -> Employee:
    return Employee(100 + number, 1, f"Ansatt {number:02d}", Position.ASSISTANT, 100)


def explained_line(number: int) -> HoursLine:
    """A person planned for nothing who cannot work on any day of the two weeks."""
    return HoursLine(
        staff_member(number), 0, 71 * 60, 8 * 60, unavailable_days=14, unavailable_minutes=71 * 60
    )


def unexplained_line(number: int) -> HoursLine:
    return HoursLine(staff_member(number), 30 * 60, 71 * 60, 8 * 60)


def test_hours_note_sums_up_many_people() -> None:
    """Over three people outside the band are counted, and only unexplained ones are named."""
    lines = [explained_line(number) for number in range(1, 19)]
    lines += [unexplained_line(number) for number in range(19, 23)]

    note = hours_band_note(lines, TWO_WEEKS, Translator("nb"))

    assert note == (
        "Merk: 22 personer er satt opp utenfor målet ± 8 t som avdelingen tillater. For 18 av "
        "dem forklarer dagene de ikke kan jobbe, avviket. Uten en slik forklaring: Ansatt 19 er "
        "satt opp med 30 t (15 t i uka) mot forventet 71 t (35 t 30 min i uka); Ansatt 20 er "
        "satt opp med 30 t (15 t i uka) mot forventet 71 t (35 t 30 min i uka); Ansatt 21 er "
        "satt opp med 30 t (15 t i uka) mot forventet 71 t (35 t 30 min i uka). 1 til har "
        "ingen slik forklaring. Oppsummeringen som kom da turnusen ble laget, viser alle med "
        "timene deres."
    )


def test_hours_note_of_explained_people_only_in_nynorsk() -> None:
    """When days off explain every deviation, the nynorsk note counts them and names nobody."""
    lines = [explained_line(number) for number in range(1, 5)]

    note = hours_band_note(lines, TWO_WEEKS, Translator("nn"))

    assert note == (
        "Merk: 4 personar er sette opp utanfor målet ± 8 t som avdelinga tillèt. For 4 av dei "
        "forklarer dagane dei ikkje kan jobbe, avviket. Oppsummeringa som kom då turnusen vart "
        "laga, viser alle med timane deira."
    )


def test_hours_note_names_up_to_three_people() -> None:
    """Three people outside the band are each named with their hours, as before."""
    lines = [unexplained_line(number) for number in range(1, 4)]

    note = hours_band_note(lines, TWO_WEEKS, Translator("nb"))

    assert note.startswith(
        "Merk: 3 personer er satt opp utenfor målet ± 8 t som avdelingen tillater: Ansatt 01 er "
        "satt opp med 30 t"
    )
    assert "Oppsummeringen" not in note


def test_rule_check_does_not_count_explained_hours_as_breaches() -> None:
    """Hours below target that days off explain are no breach; an unexplained deviation is."""
    explained = HoursLine(
        TURID, 0, 213 * 60, 8 * 60, unavailable_days=42, unavailable_minutes=213 * 60
    )
    unexplained = HoursLine(PER, 100 * 60, 127 * 60, 8 * 60)
    report = RosterReport(
        SIX_WEEKS,
        None,
        (),
        (TURID, PER),
        (explained, unexplained),
        (),
        (hours_breach(TURID, 0, 213), hours_breach(PER, 100, 127)),
    )

    lines = render_rule_check(report, Translator("nb"), TODAY).splitlines()

    assert lines[0] == (
        "Regelsjekk (kontrollert uavhengig av planleggingen): 1 brudd. 1 person under "
        "timemålet er ikke et brudd, fordi dagene vedkommende ikke kan jobbe, forklarer det."
    )
    assert lines[1] == "  timer mot mål: 1"
    assert lines[2].startswith("  Per Hansen er satt opp med 100 t mot et mål på 127 t")


def test_rule_check_with_only_explained_hours_finds_no_breach() -> None:
    """When days off explain every hours deviation, the rule check finds no breach."""
    explained = HoursLine(
        TURID, 0, 213 * 60, 8 * 60, unavailable_days=42, unavailable_minutes=213 * 60
    )
    report = RosterReport(
        SIX_WEEKS,
        None,
        (),
        (TURID,),
        (explained,),
        (),
        (hours_breach(TURID, 0, 213),),
        checked_rules=(ViolationRule.DAILY_REST, ViolationRule.HOURS_OUTSIDE_TOLERANCE),
    )

    text = render_rule_check(report, Translator("nb"), TODAY)

    assert text == (
        "Regelsjekk (kontrollert uavhengig av planleggingen): ingen brudd på 2 regler. 1 "
        "person under timemålet er ikke et brudd, fordi dagene vedkommende ikke kan jobbe, "
        "forklarer det."
    )
