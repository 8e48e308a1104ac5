"""«Publiser turnusen»: the read-back counts and names the gaps and the requests still waiting.

Today is Wednesday 6 January 2027, and the published roster covers weeks 1 and 2.
The drafts here cover Monday 18 and Tuesday 19 January, with Monday staffed.
Turid is the planner, Marit the manager.
"""

from __future__ import annotations

import datetime as dt

from core.employees import Role
from core.rosters import Assignment, Roster, RosterStatus
from tests.core.ward_cast import SeededWard, texts

MONDAY = dt.date(2027, 1, 18)
TUESDAY = dt.date(2027, 1, 19)

HEADLINE = (
    "Publiserer turnusen fra mandag 18. januar til tirsdag 19. januar og gir beskjed til alle "
    "som har vakter i den."
)
TUESDAY_GAPS = (
    "D tirsdag 19. januar har 0 på vakt, men trenger minst 1. D tirsdag 19. januar har 0 med "
    "sykepleier, men trenger minst 1. A tirsdag 19. januar har 0 på vakt, men trenger minst 1. "
    "Skriv «eksporter turnusen fra 18.1.2027» for å få utkastet og de 2 andre hullene som filer."
)
CONFIRM = "Svar «ja» bare hvis det er meningen. Stemmer det?"


def store_draft(ward: SeededWard, *, tuesday_staffed: bool) -> Roster:
    """Store a draft of Monday and Tuesday with Monday's shifts staffed, and Tuesday's if asked."""
    staff = ward.staff
    days = (MONDAY, TUESDAY) if tuesday_staffed else (MONDAY,)
    assignments = tuple(
        Assignment(staff[name].id, day, code)
        for day in days
        for name, code in (("Kari Nordmann", "D"), ("Ola Nordmann", "A"), ("Turid Lie", "N"))
    )
    with ward.database.store() as store:
        draft = Roster(0, ward.unit.id, MONDAY, TUESDAY, RosterStatus.DRAFT, assignments)
        return store.rosters.add(draft, actor_id=staff["Turid Lie"].id)


def request_vacation(ward: SeededWard, name: str) -> None:
    ward.say(name, "Ferie 18. januar")
    ward.say(name, "ja")


def publish_read_back(ward: SeededWard, name: str = "Turid Lie") -> str:
    (read_back,) = texts(ward.say(name, "Publiser turnusen"))
    return read_back


def test_staffed_draft_gets_no_note(test_ward: SeededWard) -> None:
    """A draft with every shift staffed and no request waiting is read back as before."""
    store_draft(test_ward, tuesday_staffed=True)

    read_back = publish_read_back(test_ward)

    assert read_back.startswith(f"{HEADLINE} ")
    assert "hull under minstebemanningen" not in read_back
    assert "fraværssøknad" not in read_back


def test_gaps_are_counted_and_listed(test_ward: SeededWard) -> None:
    """Tuesday's five gaps are counted, the first three written out, and the rest pointed to."""
    store_draft(test_ward, tuesday_staffed=False)

    read_back = publish_read_back(test_ward)

    assert read_back == (
        f"{HEADLINE} Merk: turnusen har 5 hull under minstebemanningen. {TUESDAY_GAPS} {CONFIRM}"
    )


def test_waiting_request_is_named(test_ward: SeededWard) -> None:
    """Per's vacation on Monday waits for Marit, so publishing names it and its effect first."""
    store_draft(test_ward, tuesday_staffed=True)
    request_vacation(test_ward, "Per Hansen")

    read_back = publish_read_back(test_ward)

    assert read_back.startswith(
        f"{HEADLINE} Merk: 1 fraværssøknad i perioden venter på en leder. Godkjenner en leder "
        "den etter publiseringen, blir vaktene de dagene ledige: #1 Per Hansen, ferie mandag "
        "18. januar. "
    )


def test_gaps_and_request_share_one_note(test_ward: SeededWard) -> None:
    """With both, one sentence counts them, then the gaps and the request follow."""
    store_draft(test_ward, tuesday_staffed=False)
    request_vacation(test_ward, "Per Hansen")

    read_back = publish_read_back(test_ward)

    assert read_back == (
        f"{HEADLINE} Merk: turnusen har 5 hull under minstebemanningen, og 1 fraværssøknad i "
        f"perioden venter på en leder. {TUESDAY_GAPS} Godkjenner en leder den etter "
        "publiseringen, blir vaktene de dagene ledige: #1 Per Hansen, ferie mandag 18. januar. "
        f"{CONFIRM}"
    )


def test_many_requests_point_the_planner_to_the_manager(test_ward: SeededWard) -> None:
    """Four waiting requests: three are named, and the planner learns who sees the fourth."""
    store_draft(test_ward, tuesday_staffed=True)
    for name in ("Per Hansen", "Ingrid Hansen", "Kari Hansen", "Kari Nordmann"):
        request_vacation(test_ward, name)

    read_back = publish_read_back(test_ward)

    assert "Merk: 4 fraværssøknader i perioden venter på en leder." in read_back
    assert "#1 Per Hansen, ferie mandag 18. januar; #2 Ingrid Hansen" in read_back
    assert "#4" not in read_back
    assert "Lederen ser den siste med «vis ventende bytter»." in read_back


def test_many_requests_point_a_manager_to_the_list(test_ward: SeededWard) -> None:
    """A planner who is also a manager is told to write «vis ventende bytter» instead."""
    store_draft(test_ward, tuesday_staffed=True)
    for name in ("Per Hansen", "Ingrid Hansen", "Kari Hansen", "Kari Nordmann"):
        request_vacation(test_ward, name)
    with test_ward.database.store() as store:
        roles = frozenset({Role.EMPLOYEE, Role.PLANNER, Role.MANAGER})
        store.employees.update_roles(test_ward.staff["Turid Lie"].id, roles, actor_id=None)

    read_back = publish_read_back(test_ward)

    assert "Skriv «vis ventende bytter» for å se den siste." in read_back


def test_yes_publishes_despite_the_gaps(test_ward: SeededWard) -> None:
    """«Ja» after the note publishes the draft with its gaps."""
    draft = store_draft(test_ward, tuesday_staffed=False)
    publish_read_back(test_ward)

    outcome = test_ward.say("Turid Lie", "ja")

    assert texts(outcome)[0] == (
        "Turnusen fra mandag 18. januar til tirsdag 19. januar er publisert."
    )
    with test_ward.database.store() as store:
        published = store.rosters.get(draft.id)
    assert published is not None
    assert published.status == RosterStatus.PUBLISHED


def test_no_keeps_the_draft(test_ward: SeededWard) -> None:
    """«Nei» after the note leaves the draft unpublished."""
    draft = store_draft(test_ward, tuesday_staffed=False)
    publish_read_back(test_ward)

    outcome = test_ward.say("Turid Lie", "nei")

    assert texts(outcome) == ["OK, jeg har ikke endret noe."]
    with test_ward.database.store() as store:
        kept = store.rosters.get(draft.id)
    assert kept is not None
    assert kept.status == RosterStatus.DRAFT
