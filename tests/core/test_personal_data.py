"""Requests about one's own data: the summary and its counts, deletion, and other people.

Today is Wednesday 6 January 2027. Kari has seven day shifts in the published roster
of 4–17 January.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.rosters import Assignment, RosterStatus
from tests.core.ward_cast import SeededWard, own_replies

KARI_SHIFTS = 7


def add_roster_copy(ward: SeededWard, status: RosterStatus, start: dt.date) -> None:
    """Store a roster of `status` with Kari's day shifts of the published one, moved to `start`."""
    kari_id = ward.staff["Kari Nordmann"].id
    offset = start - ward.roster.start
    shifts = tuple(
        Assignment(a.employee_id, a.day + offset, a.shift_code)
        for a in ward.roster.assignments
        if a.employee_id == kari_id
    )
    copy = dataclasses.replace(
        ward.roster,
        id=0,
        start=start,
        end=ward.roster.end + offset,
        status=status,
        assignments=shifts,
    )
    with ward.database.store() as store:
        store.rosters.add(copy, actor_id=None)


def summary_of(ward: SeededWard, name: str) -> str:
    (reply,) = own_replies(ward.say(name, "Hvilke opplysninger har dere om meg?"))
    return reply.text


def test_part_day_unavailability_counts_once(test_ward: SeededWard) -> None:
    """«etter kl 15», stored for evening and night, is one registration in the summary."""
    test_ward.say("Kari Nordmann", "kan ikke jobbe etter kl 15 på fredag 22. januar")
    test_ward.say("Kari Nordmann", "ja")

    summary = summary_of(test_ward, "Kari Nordmann")

    assert "dager du ikke kan jobbe (1)" in summary


def test_shift_count_leaves_out_drafts_and_old_rosters(test_ward: SeededWard) -> None:
    """Only shifts of published rosters in force or ahead count, not drafts or replaced ones."""
    add_roster_copy(test_ward, RosterStatus.DRAFT, dt.date(2027, 1, 18))
    add_roster_copy(test_ward, RosterStatus.SUPERSEDED, dt.date(2027, 1, 4))
    add_roster_copy(test_ward, RosterStatus.PUBLISHED, dt.date(2026, 12, 7))

    summary = summary_of(test_ward, "Kari Nordmann")

    assert f"vakter i publiserte turnuser som gjelder nå eller senere ({KARI_SHIFTS})" in summary


def test_export_keeps_every_roster(test_ward: SeededWard) -> None:
    """The attached file still lists the shifts of drafts and replaced rosters."""
    add_roster_copy(test_ward, RosterStatus.DRAFT, dt.date(2027, 1, 18))

    (reply,) = own_replies(test_ward.say("Kari Nordmann", "Hvilke opplysninger har dere om meg?"))

    assert reply.attachment is not None
    assert reply.attachment.read_text(encoding="utf-8").count('"roster_status": "draft"') == (
        KARI_SHIFTS
    )


def test_cast_gives_kari_seven_shifts(test_ward: SeededWard) -> None:
    """Kari has seven shifts in the published roster, which the expected counts rely on."""
    kari_id = test_ward.staff["Kari Nordmann"].id

    shifts = [a for a in test_ward.roster.assignments if a.employee_id == kari_id]

    assert len(shifts) == KARI_SHIFTS


DELETION_REPLY = (
    "Jeg kan ikke slette personopplysninger fra chatten, så ingenting ble slettet. Vaktene, "
    "fraværet og endringsloggen din må tas vare på, fordi arbeidsgiveren skal ha oversikt "
    "over hvor mye hver ansatt har arbeidet (arbeidsmiljøloven § 10-7). For å få andre "
    "opplysninger rettet eller slettet, for eksempel når du slutter, spør Marit Solberg, som "
    "tar imot henvendelser om personopplysninger for Nordvik kommune. For å se hva som er "
    "lagret om deg, skriv «hvilke opplysninger har dere om meg?»."
)


def test_delete_request_names_whom_to_ask(test_ward: SeededWard) -> None:
    """«Slett dataene mine» says what is kept and why, names the manager, and deletes nothing."""
    test_ward.say("Kari Nordmann", "Kurs fredag")
    test_ward.say("Kari Nordmann", "ja")

    (reply,) = own_replies(test_ward.say("Kari Nordmann", "Slett dataene mine"))

    assert reply.text == DELETION_REPLY
    assert reply.attachment is None
    with test_ward.database.store() as store:
        kari_id = test_ward.staff["Kari Nordmann"].id
        assert len(store.absences.list_absences(employee_id=kari_id)) == 1


def test_forget_me_is_a_delete_request(test_ward: SeededWard) -> None:
    """«glem meg», the wish to be forgotten, gets the reply to «slett dataene mine»."""
    (reply,) = own_replies(test_ward.say("Kari Nordmann", "glem meg"))

    assert reply.text == DELETION_REPLY


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("Marit Solberg", "slett dataene mine", id="manager-deletes"),
        pytest.param("Marit Solberg", "hva vet dere om meg", id="manager-asks"),
        pytest.param("Turid Lie", "slett dataene mine", id="planner-deletes"),
        pytest.param("Turid Lie", "hva vet dere om meg", id="planner-asks"),
    ],
)
def test_managers_sent_to_data_protection_officer(
    test_ward: SeededWard, name: str, message: str
) -> None:
    """A manager or planner is sent to the employer's data protection officer, not a colleague."""
    (reply,) = own_replies(test_ward.say(name, message))

    assert (
        "personvernombudet i Nordvik kommune, som er behandlingsansvarlig for opplysningene dine."
        in reply.text
    )
    assert "lederen din" not in reply.text
    assert "Marit Solberg" not in reply.text


def test_delete_request_in_nynorsk(test_ward: SeededWard) -> None:
    """The reply to «slett dataa mine» is written in nynorsk for a nynorsk chat."""
    (reply,) = own_replies(test_ward.say_in("nn", "Kari Nordmann", "slett dataa mine"))

    assert reply.text.startswith("Eg kan ikkje slette personopplysningar frå chatten")


@pytest.mark.parametrize(
    ("message", "name"),
    [
        pytest.param("Hvilke opplysninger har dere om Ola Nordmann?", "Ola Nordmann", id="om"),
        pytest.param("eksporter dataene til Ola", "Ola", id="til"),
        pytest.param("vis dataene til Ola", "Ola", id="vis"),
    ],
)
def test_data_of_another_person_is_not_shown(
    test_ward: SeededWard, message: str, name: str
) -> None:
    """A request for a colleague's data says that only one's own data is shown, and how."""
    (reply,) = own_replies(test_ward.say("Kari Nordmann", message))

    assert reply.text == (
        f"Jeg kan bare vise deg dine egne opplysninger, så jeg har ikke vist noe om {name}. "
        "For å se dine, skriv «hvilke opplysninger har dere om meg?». "
        f"{name} kan be om sine på samme måte, og lederen din kan svare på spørsmål om "
        "avdelingens opplysninger."
    )
    assert reply.attachment is None


def test_own_name_shows_own_data(test_ward: SeededWard) -> None:
    """Asking about oneself by name gets one's own summary and file."""
    (reply,) = own_replies(
        test_ward.say("Kari Nordmann", "Hvilke opplysninger har dere om Kari Nordmann?")
    )

    assert reply.text.startswith("Dette lagrer jeg om deg")
    assert reply.attachment is not None


def test_colleague_deletion_rejected(test_ward: SeededWard) -> None:
    """An employee asking to delete a colleague's data is told that only one's own can go."""
    (reply,) = own_replies(test_ward.say("Kari Nordmann", "slett dataene til Ola"))

    assert reply.text == (
        "Du kan bare be om å få slettet dine egne opplysninger, så ingenting om Ola ble "
        "slettet. Ola kan be om det selv ved å skrive «slett dataene mine»."
    )


MANAGER_ASKS_FOR_OLA = (
    "Ola kan se sine opplysninger ved å skrive «hva vet dere om meg?» og be om å få dem "
    "slettet ved å skrive «slett dataene mine». vaktbot har ingen kommando som eksporterer "
    "eller sletter opplysningene til en ansatt, så for alt annet, spør personvernombudet i "
    "Nordvik kommune."
)


@pytest.mark.parametrize(
    ("message", "refusal"),
    [
        pytest.param(
            "vis dataene til Ola",
            "Jeg viser hver person bare deres egne opplysninger, så jeg har ikke vist noe om Ola.",
            id="show",
        ),
        pytest.param(
            "slett dataene til Ola",
            "Jeg tar bare imot en sletteforespørsel fra den det gjelder, så ingenting om Ola "
            "ble slettet.",
            id="delete",
        ),
    ],
)
def test_manager_request_for_colleague_data(
    test_ward: SeededWard, message: str, refusal: str
) -> None:
    """A manager gets no data of Ola, but how Ola asks and whom to ask for anything else."""
    (reply,) = own_replies(test_ward.say("Marit Solberg", message))

    assert reply.text == f"{refusal} {MANAGER_ASKS_FOR_OLA}"
    assert reply.attachment is None
