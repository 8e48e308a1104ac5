"""Whether the staff can cover the minimum staffing at all: the figures and the stated cause."""

from __future__ import annotations

import datetime as dt

import pytest

from core.absences import Absence, Unavailability
from core.capacity import (
    Capacity,
    CompetenceCapacity,
    DayShortfall,
    capacity_of,
    render_capacity_cause,
)
from core.commands import AbsenceKind, DateRange, ShiftKind
from core.employees import Employee, Position
from core.i18n import Translator
from core.messages import ReplyKind
from core.planning import build_problem
from core.units import DayType, StaffingDemand, Unit
from core.weekend_capacity import WeekendShortfall
from tests.core.capacity_cast import add_night_nurse_unit, add_understaffed_unit, add_unit
from tests.core.ward_cast import TODAY, SeededWard, own_replies

NB = Translator("nb")
WEEK_3 = DateRange(dt.date(2027, 1, 18), dt.date(2027, 1, 24))
WEDNESDAY = dt.date(2027, 1, 20)
NORA = Employee(0, 0, "Nora Vik", Position.NURSE, 100, night_only=True)
SIGRID = Employee(0, 0, "Sigrid Holm", Position.NURSE, 100)
# 35.5 h a week for a full position, and 8 h of allowed difference over the period.
FULL_WEEK_WITH_TOLERANCE = 2130 + 480
NIGHT = 600


def capacity_in_week_3(ward: SeededWard, unit: Unit) -> Capacity:
    with ward.database.store() as store:
        return capacity_of(build_problem(store, unit, WEEK_3))


def test_capacity_of_three_people_for_six_shifts(test_ward: SeededWard) -> None:
    """Three people with 280 % of positions have too few hands and hours for six shifts a day."""
    unit = add_understaffed_unit(test_ward)

    capacity = capacity_in_week_3(test_ward, unit)

    assert capacity.staff_count == 3
    assert capacity.position_percent_total == 280
    assert capacity.max_daily_shifts == 6
    assert capacity.short_day == DayShortfall(WEEK_3.start, needed=6, free=3)
    assert capacity.required_shifts == 42
    # 7 days × (2 × 7.5 h + 2 × 7.5 h + 2 × 10 h) = 350 h.
    assert capacity.required_minutes == 350 * 60
    # 35.5 h + 35.5 h + 28.4 h, and 8 h of allowed difference each.
    assert capacity.available_minutes == 5964 + 3 * 480
    assert capacity.too_few_people
    assert capacity.too_few_hours


def test_one_night_nurse_for_every_night(test_ward: SeededWard) -> None:
    """One nurse cannot work seven nights a week, though the whole staff has hours to spare."""
    unit, _ = add_night_nurse_unit(test_ward, [NORA])

    capacity = capacity_in_week_3(test_ward, unit)

    assert not capacity.too_few_people
    assert not capacity.too_few_hours
    assert capacity.competences == (
        CompetenceCapacity(
            competence="sykepleier",
            staff_count=1,
            position_percent_total=100,
            available_minutes=FULL_WEEK_WITH_TOLERANCE,
            required_minutes=7 * NIGHT,
            required_shifts=7,
            short_day=None,
        ),
    )
    assert capacity.is_short


def test_two_nurses_cover_every_night(test_ward: SeededWard) -> None:
    """Two full-time nurses have the hours for seven nights, so nothing is short."""
    unit, _ = add_night_nurse_unit(test_ward, [NORA, SIGRID])

    capacity = capacity_in_week_3(test_ward, unit)

    (nurses,) = capacity.competences
    assert nurses.available_minutes == 2 * FULL_WEEK_WITH_TOLERANCE
    assert not capacity.is_short
    assert render_capacity_cause(capacity, NB, TODAY) == ""


def test_unavailability_takes_away_nights(test_ward: SeededWard) -> None:
    """A nurse unavailable Monday to Friday can work only the weekend nights, 20 h."""
    unit, staff = add_night_nurse_unit(test_ward, [NORA, SIGRID])
    weekdays = DateRange(WEEK_3.start, WEEK_3.start + dt.timedelta(days=4))
    with test_ward.database.store() as store:
        store.absences.add_unavailability(
            Unavailability(0, staff["Sigrid Holm"].id, weekdays), actor_id=None
        )

    capacity = capacity_in_week_3(test_ward, unit)

    (nurses,) = capacity.competences
    assert nurses.available_minutes == FULL_WEEK_WITH_TOLERANCE + 2 * NIGHT
    assert nurses.too_few_hours
    assert capacity.blocked_person_days == 5
    assert render_capacity_cause(capacity, NB, TODAY) == (
        "Årsak: bare 2 ansatte har kompetansen sykepleier (til sammen 200 % av en full "
        "stilling på 35 t 30 min i uka) og kan jobbe høyst 63 t 30 min på vaktene som krever "
        "den uten å gå over målet pluss avviket avdelingen tillater, mens minstebemanningen "
        "krever sykepleier på 7 vakter (70 t). Planleggingen kan likevel sette folk opp litt "
        "over dette for å dekke et hull, så timene er ingen absolutt grense. Tallene har "
        "allerede trukket fra 5 dagsverk med fravær og utilgjengelighet."
    )


def test_both_nurses_sick_on_one_day(test_ward: SeededWard) -> None:
    """Both nurses sick on Wednesday leave the nights into and of Wednesday without one.

    Tuesday's night runs into Wednesday morning, so it is the first short day.
    """
    unit, staff = add_night_nurse_unit(test_ward, [NORA, SIGRID])
    with test_ward.database.store() as store:
        for name in ("Nora Vik", "Sigrid Holm"):
            sick = Absence(0, staff[name].id, AbsenceKind.SICK, DateRange(WEDNESDAY, WEDNESDAY))
            store.absences.add_absence(sick, actor_id=None)

    capacity = capacity_in_week_3(test_ward, unit)

    (nurses,) = capacity.competences
    assert nurses.short_day == DayShortfall(WEDNESDAY - dt.timedelta(days=1), needed=1, free=0)
    assert not nurses.too_few_hours
    assert not capacity.too_few_people
    assert render_capacity_cause(capacity, NB, TODAY) == (
        "Årsak: tirsdag 19. januar kan bare 0 av de 2 ansatte med kompetansen sykepleier "
        "jobbe, mens minstebemanningen trenger 1 av dem. Tallene har allerede trukket fra 2 "
        "dagsverk med fravær og utilgjengelighet, og vaktene som fravær eller "
        "utilgjengelighet utelukker på 2 dagsverk til."
    )


def test_nobody_has_the_competence(test_ward: SeededWard) -> None:
    """A staff without a nurse gets a cause that counts the nights needing one."""
    unit, _ = add_night_nurse_unit(test_ward, [])

    capacity = capacity_in_week_3(test_ward, unit)

    assert render_capacity_cause(capacity, NB, TODAY) == (
        "Årsak: ingen av de ansatte har kompetansen sykepleier, som minstebemanningen krever "
        "på 7 vakter."
    )


def capacity(staff: int, max_daily: int, available_hours: int, required_hours: int) -> Capacity:
    """A six-week capacity whose busiest day, the first, needs `max_daily` people."""
    short_day = DayShortfall(WEEK_3.start, max_daily, staff) if max_daily > staff else None
    return Capacity(
        staff_count=staff,
        position_percent_total=staff * 100,
        weekly_norm_minutes=35 * 60 + 30,
        available_minutes=available_hours * 60,
        required_minutes=required_hours * 60,
        required_shifts=required_hours // 7,
        days=42,
        max_daily_shifts=max_daily,
        short_day=short_day,
    )


@pytest.mark.parametrize(
    ("short", "expected"),
    [
        pytest.param(
            capacity(3, 6, 620, 2100),
            "Årsak: 3 ansatte kan ikke dekke 6 vakter om dagen: hver person kan ha høyst én "
            "vakt i døgnet, og stillingene (til sammen 300 % av en full stilling på 35 t 30 min "
            "i uka) gir høyst 620 t i perioden uten å gå over målet pluss avviket avdelingen "
            "tillater, mens minstebemanningen krever 2\N{NO-BREAK SPACE}100 t (300 vakter). "
            "Planleggingen kan likevel sette folk opp litt over dette for å dekke et hull, så "
            "timene er ingen absolutt grense.",
            id="people-and-hours",
        ),
        pytest.param(
            capacity(5, 6, 2000, 1500),
            "Årsak: 5 ansatte kan ikke dekke 6 vakter om dagen, for hver person kan ha høyst én "
            "vakt i døgnet.",
            id="people-only",
        ),
        pytest.param(
            capacity(8, 6, 1400, 1764),
            "Årsak: 8 ansatte kan ikke dekke i snitt 6 vakter om dagen: stillingene (til sammen "
            "800 % av en full stilling på 35 t 30 min i uka) gir høyst 1\N{NO-BREAK SPACE}400 t "
            "i perioden uten å gå over målet pluss avviket avdelingen tillater, mens "
            "minstebemanningen krever 1\N{NO-BREAK SPACE}764 t (252 vakter). Planleggingen kan "
            "likevel sette folk opp litt over dette for å dekke et hull, så timene er ingen "
            "absolutt grense.",
            id="hours-only",
        ),
        pytest.param(
            Capacity(
                staff_count=7,
                position_percent_total=700,
                weekly_norm_minutes=35 * 60 + 30,
                available_minutes=1500 * 60,
                required_minutes=1260 * 60,
                required_shifts=126,
                days=42,
                max_daily_shifts=3,
                short_day=DayShortfall(dt.date(2027, 3, 12), needed=3, free=2),
                blocked_person_days=40,
            ),
            "Årsak: fredag 12. mars kan bare 2 av de 7 ansatte jobbe, fordi de andre har "
            "fravær eller er utilgjengelige, mens minstebemanningen trenger 3 av dem. Tallene "
            "har allerede trukket fra 40 dagsverk med fravær og utilgjengelighet.",
            id="absent-on-one-day",
        ),
    ],
)
def test_capacity_cause_names_the_figures(short: Capacity, expected: str) -> None:
    """The cause names the limit the staff hit, with the numbers behind it."""
    assert render_capacity_cause(short, NB, TODAY) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        pytest.param(
            "nn",
            "Årsak: berre 1 tilsett har kompetansen sykepleier (til saman 100 % av ei full "
            "stilling på 35 t 30 min i veka) og kan jobbe høgst 43 t 30 min på vaktene som krev "
            "den utan å gå over målet pluss avviket avdelinga tillèt, medan minstebemanninga "
            "krev sykepleier på 7 vakter (70 t). Planlegginga kan likevel setje folk opp litt "
            "over dette for å dekkje eit hol, så timane er inga absolutt grense.",
            id="nn",
        ),
        pytest.param(
            "en",
            "Cause: only 1 employee has the competence sykepleier (100 % of a full position of "
            "35 t 30 min a week in total) and can work at most 43 t 30 min on the shifts that "
            "need it without going above the target plus the allowed difference, while the "
            "minimum staffing needs sykepleier on 7 shifts (70 t). The planner can still plan "
            "people a little above that to fill a gap, so these hours are not a hard limit.",
            id="en",
        ),
    ],
)
def test_competence_cause_in_each_language(
    test_ward: SeededWard, locale: str, expected: str
) -> None:
    """The competence cause reads the same in nynorsk and English, with the same figures."""
    unit, _ = add_night_nurse_unit(test_ward, [NORA])

    capacity = capacity_in_week_3(test_ward, unit)

    assert render_capacity_cause(capacity, Translator(locale), TODAY) == expected


def test_enough_capacity_has_no_cause() -> None:
    """A unit whose staff could cover the minimum gets no capacity sentence."""
    assert render_capacity_cause(capacity(10, 6, 2200, 2100), NB, TODAY) == ""


def test_night_nurse_unit_gets_the_competence_cause(test_ward: SeededWard) -> None:
    """The draft summary gives the competence cause and skips the search for rules."""
    add_night_nurse_unit(test_ward, [NORA])
    test_ward.say("Siri Dahl", "Lag turnus for uke 3")

    generated = own_replies(test_ward.say("Siri Dahl", "ja"))

    (summary,) = [reply for reply in generated if reply.kind == ReplyKind.ROSTER]
    assert "Årsak: bare 1 ansatt har kompetansen sykepleier" in summary.text
    assert "Hvorfor det er hull" not in summary.text


WEEKS_3_TO_5 = DateRange(dt.date(2027, 1, 18), dt.date(2027, 2, 7))
WEEKEND_CAUSE = (
    "Årsak: helgeregelen lar hver person jobbe høyst én helg av 3 (tariffnormen er hver tredje "
    "helg, og oftere krever avtale med tillitsvalgt). Derfor trenger de 3 helgene fra lørdag "
    "23. januar 9 ulike personer for å nå minstebemanningen, men 7 av de 7 ansatte kan jobbe "
    "dem."
)


def add_seven_person_unit(ward: SeededWard) -> Unit:
    """Add a unit of seven full-time nurses that needs one person on each of D, A and N."""
    demands = [
        StaffingDemand(day_type, code, 1, 1) for day_type in DayType for code in ("D", "A", "N")
    ]
    staff = [
        Employee(0, 0, name, Position.NURSE, 100)
        for name in (
            "Berit Dahl",
            "Anne Lund",
            "Jon Berg",
            "Siri Moe",
            "Ali Khan",
            "Eva Holm",
            "Tor Vik",
        )
    ]
    unit, _ = add_unit(ward, "Fjellvik bofellesskap", demands, staff)
    return unit


def test_weekend_rule_leaves_weekends_short(test_ward: SeededWard) -> None:
    """Seven people with enough hours cannot staff three weekends of three shifts each."""
    unit = add_seven_person_unit(test_ward)

    with test_ward.database.store() as store:
        capacity = capacity_of(build_problem(store, unit, WEEKS_3_TO_5))

    assert capacity.short_day is None
    assert not capacity.too_few_hours
    assert capacity.weekend_shortfall == WeekendShortfall(
        dt.date(2027, 1, 23), frequency=3, needed=9, free=7
    )
    assert render_capacity_cause(capacity, NB, TODAY) == WEEKEND_CAUSE


def test_two_weekends_within_staff(test_ward: SeededWard) -> None:
    """Two weekends need six different people, and the seven can give them."""
    unit = add_seven_person_unit(test_ward)
    two_weeks = DateRange(WEEKS_3_TO_5.start, dt.date(2027, 1, 31))

    with test_ward.database.store() as store:
        capacity = capacity_of(build_problem(store, unit, two_weeks))

    assert capacity.weekend_shortfall is None
    assert render_capacity_cause(capacity, NB, TODAY) == ""


def test_part_day_unavailability_is_left_out(test_ward: SeededWard) -> None:
    """«Etter kl 15» on Wednesday takes away the evening and night, and the cause says so."""
    unit = add_understaffed_unit(test_ward)
    with test_ward.database.store() as store:
        anne = next(
            employee
            for employee in store.employees.list_for_unit(unit.id)
            if employee.name == "Anne Lund"
        )
        for kind in (ShiftKind.EVENING, ShiftKind.NIGHT):
            store.absences.add_unavailability(
                Unavailability(0, anne.id, DateRange(WEDNESDAY, WEDNESDAY), kind), actor_id=None
            )

    capacity = capacity_in_week_3(test_ward, unit)

    assert capacity.blocked_person_days == 0
    assert capacity.partly_blocked_person_days == 1
    assert render_capacity_cause(capacity, NB, TODAY).endswith(
        " Tallene har allerede trukket fra vaktene som fravær eller utilgjengelighet utelukker "
        "på 1 dagsverk."
    )
