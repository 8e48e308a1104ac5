"""«Eksporter turnusen»: a draft or published roster's CSV file, sent again on request.

Today is Wednesday 6 January 2027, and the published roster covers weeks 1 and 2.
Turid is the planner, Marit the manager, Kari an employee. Like `vaktbot export
roster`, the chat sends the roster in force today unless a day or weeks are named.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.actions.roster_exports import rosters_for_day
from core.rosters import Assignment, Roster, RosterStatus
from tests.core.ward_cast import SeededWard, own_replies, texts

WEEK_3_MONDAY = dt.date(2027, 1, 18)
WEEK_4_SUNDAY = dt.date(2027, 1, 31)
CSV_HEADER = "employee,date,shift_code,start,end"


def store_draft(ward: SeededWard, start: dt.date, end: dt.date) -> Roster:
    """Store a draft with Kari on the first day's day shift, as an earlier «lag turnus» would."""
    with ward.database.store() as store:
        kari = ward.staff["Kari Nordmann"].id
        draft = Roster(
            0, ward.unit.id, start, end, RosterStatus.DRAFT, (Assignment(kari, start, "D"),)
        )
        return store.rosters.add(draft, actor_id=ward.staff["Turid Lie"].id)


def test_published_roster_is_sent_as_csv(test_ward: SeededWard) -> None:
    """Without a draft, the planner gets the roster in force today, named as published."""
    outcome = test_ward.say("Turid Lie", "Eksporter turnusen")

    (reply,) = own_replies(outcome)
    assert reply.text == (
        "Her er den publiserte turnusen som gjelder i dag, fra mandag 4. januar til søndag "
        "17. januar, som CSV-fil, med byttene og endringene som er gjort siden den ble publisert."
    )
    assert reply.title == "Publisert turnus"
    assert reply.attachment is not None
    assert reply.attachment.name == "turnus-1-2027-01-04.csv"
    lines = reply.attachment.read_text(encoding="utf-8").splitlines()
    assert lines[0] == CSV_HEADER
    assert lines[1].startswith("Kari Nordmann,2027-01-04,D,2027-01-04T07:30:00+01:00")
    assert reply.attachment.stat().st_mode & 0o777 == 0o600


def test_repair_proposal_is_never_sent(test_ward: SeededWard) -> None:
    """A newer repair proposal waiting for a manager is passed over for the published roster."""
    with test_ward.database.store() as store:
        per = test_ward.staff["Per Hansen"].id
        proposed = (*test_ward.roster.assignments, Assignment(per, dt.date(2027, 1, 11), "D"))
        store.rosters.add(
            Roster(
                0,
                test_ward.unit.id,
                test_ward.roster.start,
                test_ward.roster.end,
                RosterStatus.PROPOSED,
                proposed,
            ),
            actor_id=None,
        )

    outcome = test_ward.say("Marit Solberg", "Eksporter turnusen")

    (reply,) = own_replies(outcome)
    assert reply.title == "Publisert turnus"
    assert reply.attachment is not None
    lines = reply.attachment.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(test_ward.roster.assignments) + 1
    assert not any(line.startswith("Per Hansen,2027-01-11,") for line in lines)


def test_later_draft_is_listed_not_sent(test_ward: SeededWard) -> None:
    """With a draft of weeks 3–4, the file is the roster in force, and the draft is listed."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_4_SUNDAY)

    outcome = test_ward.say("Turid Lie", "send turnusfila")

    in_force, later = own_replies(outcome)
    assert in_force.title == "Publisert turnus"
    assert in_force.attachment is not None
    assert in_force.attachment.name == "turnus-1-2027-01-04.csv"
    assert later.text == (
        "Nordvik sykehjem har også senere turnuser. Skriv dette for å få en av dem:\n"
        "  • utkastet til turnus fra mandag 18. januar til søndag 31. januar: «eksporter "
        "turnusen fra 18.1.2027»"
    )
    assert later.attachment is None


def test_named_day_sends_the_draft(test_ward: SeededWard) -> None:
    """«Eksporter turnusen fra 18.1.2027», as the list says, sends the draft that starts then."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_4_SUNDAY)

    outcome = test_ward.say("Turid Lie", "eksporter turnusen fra 18.1.2027")

    reply, _ = own_replies(outcome)
    assert reply.text == (
        "Her er utkastet til turnus fra mandag 18. januar til søndag 31. januar som CSV-fil. "
        "Det er ikke publisert ennå: skriv «publiser turnusen» for å publisere det."
    )
    assert reply.title == "Utkast til turnus"
    assert reply.attachment is not None
    assert reply.attachment.name == "turnusutkast-2-2027-01-18.csv"
    assert reply.attachment.read_text(encoding="utf-8").splitlines()[1:] == [
        "Kari Nordmann,2027-01-18,D,2027-01-18T07:30:00+01:00,2027-01-18T15:00:00+01:00"
    ]


def test_day_inside_a_roster_chooses_it(test_ward: SeededWard) -> None:
    """A day in the middle of the published roster sends it, though it is not its first day."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_4_SUNDAY)

    outcome = test_ward.say("Marit Solberg", "eksporter turnusen for 12.1.2027")

    (reply,) = own_replies(outcome)
    assert reply.text == (
        "Her er den publiserte turnusen fra mandag 4. januar til søndag 17. januar som "
        "CSV-fil, med byttene og endringene som er gjort siden den ble publisert."
    )


def test_day_without_roster_lists_them(test_ward: SeededWard) -> None:
    """A yearless past day means next year's, which no roster has, so the reply lists them."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_4_SUNDAY)

    outcome = test_ward.say("Turid Lie", "eksporter turnusen fra 4. januar")

    assert texts(outcome) == [
        "Verken et utkast eller en publisert turnus for Nordvik sykehjem omfatter tirsdag "
        "4. januar 2028, så det er ingen fil å sende. Skriv dette for å få en av turnusene:\n"
        "  • den publiserte turnusen fra mandag 4. januar til søndag 17. januar: «eksporter "
        "turnusen fra 4.1.2027»\n"
        "  • utkastet til turnus fra mandag 18. januar til søndag 31. januar: «eksporter "
        "turnusen fra 18.1.2027»"
    ]
    assert own_replies(outcome)[0].attachment is None


def test_no_roster_in_force_lists_them(test_ward: SeededWard) -> None:
    """When no roster includes today and there are several, the reply lists them to choose."""
    with test_ward.database.store() as store:
        store.rosters.set_status(test_ward.roster.id, RosterStatus.SUPERSEDED, actor_id=None)
        later = Roster(
            0, test_ward.unit.id, WEEK_3_MONDAY, WEEK_4_SUNDAY, RosterStatus.PUBLISHED, ()
        )
        store.rosters.add(later, actor_id=None)
    store_draft(test_ward, dt.date(2027, 2, 1), dt.date(2027, 2, 14))

    outcome = test_ward.say("Turid Lie", "eksporter turnusen")

    assert texts(outcome) == [
        "Ingen turnus for Nordvik sykehjem gjelder i dag, onsdag 6. januar, og det finnes "
        "flere. Skriv dette for å få en av dem:\n"
        "  • den publiserte turnusen fra mandag 18. januar til søndag 31. januar: «eksporter "
        "turnusen fra 18.1.2027»\n"
        "  • utkastet til turnus fra mandag 1. februar til søndag 14. februar: «eksporter "
        "turnusen fra 1.2.2027»"
    ]


def test_listed_command_parses_in_english(test_ward: SeededWard) -> None:
    """An English chat lists an English command, which exports the roster it names."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_4_SUNDAY)

    later = own_replies(test_ward.say_in("en", "Turid Lie", "export the roster"))[-1]
    command = later.text.split("«")[1].rstrip("»")
    (reply, _) = own_replies(test_ward.say_in("en", "Turid Lie", command))

    assert command == "export the roster from 18.1.2027"
    assert reply.attachment is not None
    assert reply.attachment.name == "turnusutkast-2-2027-01-18.csv"


def test_weeks_send_every_roster_within_them(test_ward: SeededWard) -> None:
    """Weeks 2–3 share days with the published roster and the draft: both files come."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_4_SUNDAY)

    outcome = test_ward.say("Marit Solberg", "eksporter turnusen for uke 2–3")

    published, draft, _ = own_replies(outcome)
    assert published.title == "Publisert turnus"
    assert draft.title == "Utkast til turnus"
    assert published.attachment is not None
    assert draft.attachment is not None
    assert published.attachment != draft.attachment


def test_draft_comes_with_its_gaps(test_ward: SeededWard) -> None:
    """A draft of Monday with only Kari's day shift comes with a file listing the other gaps."""
    store_draft(test_ward, WEEK_3_MONDAY, WEEK_3_MONDAY)

    outcome = test_ward.say("Turid Lie", "eksporter turnusen fra 18.1.2027")

    _, gaps = own_replies(outcome)
    assert gaps.title == "Hull i bemanningen"
    assert gaps.attachment is not None
    assert gaps.text == (
        f"Utkastet har 3 hull under minstebemanningen. Filen {gaps.attachment.name} viser dem, "
        "én rad per vakt og dag."
    )
    assert gaps.attachment.read_text(encoding="utf-8").splitlines() == [
        "date,shift_code,competence,staffed,minimum,missing",
        "2027-01-18,A,,0,1,1",
        "2027-01-18,N,,0,1,1",
        "2027-01-18,N,sykepleier,0,1,1",
    ]


def test_staffed_draft_comes_alone(test_ward: SeededWard) -> None:
    """A draft with every shift staffed comes without a gaps file."""
    staff = test_ward.staff
    shifts = (("Kari Nordmann", "D"), ("Ola Nordmann", "A"), ("Turid Lie", "N"))
    with test_ward.database.store() as store:
        draft = Roster(
            0,
            test_ward.unit.id,
            WEEK_3_MONDAY,
            WEEK_3_MONDAY,
            RosterStatus.DRAFT,
            tuple(Assignment(staff[name].id, WEEK_3_MONDAY, code) for name, code in shifts),
        )
        store.rosters.add(draft, actor_id=staff["Turid Lie"].id)

    outcome = test_ward.say("Turid Lie", "eksporter turnusen fra 18.1.2027")

    (reply,) = own_replies(outcome)
    assert reply.title == "Utkast til turnus"


def test_weeks_without_roster_get_a_message(test_ward: SeededWard) -> None:
    """Weeks that no roster covers get a message saying so and what to write instead."""
    outcome = test_ward.say("Turid Lie", "eksporter turnusen for uke 10–15")

    assert texts(outcome) == [
        "Verken et utkast eller en publisert turnus for Nordvik sykehjem dekker noen av dagene "
        "fra mandag 8. mars til søndag 18. april, så det er ingen fil å sende. Skriv dette for å "
        "få en av turnusene:\n"
        "  • den publiserte turnusen fra mandag 4. januar til søndag 17. januar: «eksporter "
        "turnusen fra 4.1.2027»"
    ]
    assert own_replies(outcome)[0].attachment is None


def test_unit_without_roster_gets_a_message(test_ward: SeededWard) -> None:
    """A unit whose only roster is superseded gets a message that there is no file."""
    with test_ward.database.store() as store:
        store.rosters.set_status(test_ward.roster.id, RosterStatus.SUPERSEDED, actor_id=None)

    outcome = test_ward.say("Turid Lie", "eksporter turnusen")

    assert texts(outcome) == [
        "Nordvik sykehjem har verken et utkast til turnus eller en publisert turnus ennå, så "
        "det er ingen fil å sende. En turnusansvarlig lager en med for eksempel «lag turnus for "
        "uke 3–8»."
    ]


def test_draft_of_published_weeks_is_left_out(test_ward: SeededWard) -> None:
    """An old draft of weeks 1–2, which are published since, is not sent as the newest."""
    store_draft(test_ward, dt.date(2027, 1, 4), dt.date(2027, 1, 17))

    outcome = test_ward.say("Turid Lie", "eksporter turnusen")

    (reply,) = own_replies(outcome)
    assert reply.title == "Publisert turnus"


@pytest.mark.parametrize(
    "name",
    [pytest.param("Kari Nordmann", id="employee"), pytest.param("Ola Nordmann", id="other")],
)
def test_employee_is_refused(test_ward: SeededWard, name: str) -> None:
    """Someone who is neither planner nor manager learns who can, and gets no file."""
    outcome = test_ward.say(name, "eksporter turnusen")

    assert texts(outcome) == [
        "Bare en turnusansvarlig eller en leder kan få turnusen som fil. For å se dine egne "
        "vakter, skriv for eksempel «når jobber jeg neste uke?»."
    ]
    assert all(reply.attachment is None for reply in own_replies(outcome))


def test_help_lists_export_for_planner(test_ward: SeededWard) -> None:
    """The planner's and the manager's help name the export; an employee's does not."""
    planner_help = texts(test_ward.say("Turid Lie", "hjelp"))[0]
    manager_help = texts(test_ward.say("Marit Solberg", "hjelp"))[0]
    employee_help = texts(test_ward.say("Kari Nordmann", "hjelp"))[0]

    example = "«Eksporter turnusen», «Send turnusfila for uke 10–15»"
    assert example in planner_help
    assert example in manager_help
    assert example not in employee_help


def roster_of(start: dt.date, end: dt.date, status: RosterStatus, roster_id: int) -> Roster:
    return Roster(roster_id, 1, start, end, status, ())


JANUARY = roster_of(dt.date(2027, 1, 4), dt.date(2027, 1, 17), RosterStatus.PUBLISHED, 1)
LATE_JANUARY = roster_of(dt.date(2027, 1, 18), dt.date(2027, 1, 31), RosterStatus.PUBLISHED, 2)
# A draft that reaches back into the published January roster, as an older draft can.
OVERLAPPING_DRAFT = roster_of(dt.date(2027, 1, 11), dt.date(2027, 1, 24), RosterStatus.DRAFT, 3)

CHOICES = [
    pytest.param([JANUARY, LATE_JANUARY], dt.date(2027, 1, 6), False, [JANUARY], id="today"),
    pytest.param(
        [JANUARY, OVERLAPPING_DRAFT], dt.date(2027, 1, 12), False, [JANUARY], id="today-in-force"
    ),
    pytest.param(
        [JANUARY, OVERLAPPING_DRAFT],
        dt.date(2027, 1, 12),
        True,
        [JANUARY, OVERLAPPING_DRAFT],
        id="requested-day-in-both",
    ),
    pytest.param(
        [JANUARY, OVERLAPPING_DRAFT],
        dt.date(2027, 1, 11),
        True,
        [OVERLAPPING_DRAFT],
        id="requested-first-day",
    ),
    pytest.param([JANUARY, LATE_JANUARY], dt.date(2027, 3, 1), True, [], id="requested-outside"),
    pytest.param([JANUARY, LATE_JANUARY], dt.date(2027, 3, 1), False, [], id="today-outside"),
    pytest.param([LATE_JANUARY], dt.date(2027, 1, 6), False, [LATE_JANUARY], id="only-roster"),
]


@pytest.mark.parametrize(("rosters", "day", "requested", "expected"), CHOICES)
def test_rosters_for_day_choose_by_day(
    rosters: list[Roster], day: dt.date, requested: bool, expected: list[Roster]
) -> None:
    """A day chooses the roster in force, or the one it starts; an unclear choice gives several."""
    assert rosters_for_day(rosters, day, requested=requested) == expected
