"""A registration written about a colleague is refused, never stored as the sender's own.

Today is Wednesday 6 January 2027. In the published roster Kari Nordmann has a day
shift and Ola Nordmann an evening shift on Thursday 7 January.
"""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from tests.core.ward_cast import SeededWard, texts

THURSDAY = dt.date(2027, 1, 7)

EMPLOYEE_REFUSAL = (
    "Du kan bare registrere ditt eget fravær, så jeg har ikke registrert noe for Kari "
    "Nordmann eller for deg. Kari Nordmann kan selv skrive det til meg, for eksempel «syk "
    "7. januar», eller si fra til lederen din. Gjelder det deg, skriv det uten navnet, for "
    "eksempel «syk 7. januar»."
)


def registrations_of(ward: SeededWard, name: str) -> list[object]:
    """Return everything stored for `name`: absences, requests, wishes and (un)availability."""
    employee_id = ward.staff[name].id
    with ward.database.store() as store:
        return [
            *store.absences.list_absences(employee_id=employee_id),
            *store.shift_requests.list_for_employee(employee_id),
            *store.absences.list_wishes(employee_id=employee_id),
            *store.absences.list_unavailability(employee_id=employee_id),
            *store.absences.list_availability(employee_id=employee_id),
        ]


def test_colleague_sick_is_not_the_senders(test_ward: SeededWard) -> None:
    """Ola's «Kari Nordmann er syk i morgen» stores nothing, and a yes finds nothing to confirm."""
    refused = test_ward.say("Ola Nordmann", "Kari Nordmann er syk i morgen")
    confirmed = test_ward.say("Ola Nordmann", "ja")

    assert texts(refused) == [EMPLOYEE_REFUSAL]
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert registrations_of(test_ward, "Ola Nordmann") == []
    assert registrations_of(test_ward, "Kari Nordmann") == []
    assert test_ward.published_shift("Ola Nordmann", THURSDAY) == "A"
    assert test_ward.published_shift("Kari Nordmann", THURSDAY) == "D"


@pytest.mark.parametrize(
    ("sender", "text", "expected"),
    [
        pytest.param(
            "Kari Nordmann",
            "Ola er syk i morgen",
            "Du kan bare registrere ditt eget fravær, så jeg har ikke registrert noe for Ola "
            "Nordmann eller for deg. Ola Nordmann kan selv skrive det til meg, for eksempel «syk "
            "7. januar», eller si fra til lederen din. Gjelder det deg, skriv det uten navnet, "
            "for eksempel «syk 7. januar».",
            id="first name only",
        ),
        pytest.param(
            "Kari Nordmann",
            "Registrer ferie for Ola Nordmann 1. mars",
            "Du kan bare registrere ditt eget fravær, så jeg har ikke registrert noe for Ola "
            "Nordmann eller for deg. Ola Nordmann kan selv skrive det til meg, for eksempel "
            "«ferie 1. mars», eller si fra til lederen din. Gjelder det deg, skriv det uten "
            "navnet, for eksempel «ferie 1. mars».",
            id="vacation for a named person",
        ),
        pytest.param(
            "Kari Nordmann",
            "Ola kan ikke jobbe fredag",
            "Du kan bare registrere dager du selv ikke kan jobbe, så jeg har ikke registrert "
            "noe for Ola Nordmann eller for deg. Ola Nordmann kan selv skrive det til meg, for "
            "eksempel «kan ikke jobbe 8. januar», eller si fra til lederen din. Gjelder det "
            "deg, skriv det uten navnet, for eksempel «kan ikke jobbe 8. januar».",
            id="unavailability",
        ),
        pytest.param(
            "Ola Nordmann",
            "Per ønsker fri 10. mai",
            "Du kan bare registrere dine egne ønsker, så jeg har ikke registrert noe for Per "
            "Hansen eller for deg. Per Hansen kan selv skrive det til meg, for eksempel «ønsker "
            "fri 10. mai», eller si fra til lederen din. Gjelder det deg, skriv det uten "
            "navnet, for eksempel «ønsker fri 10. mai».",
            id="wish",
        ),
        pytest.param(
            "Marit Solberg",
            "Kari Nordmann er syk i morgen",
            "Du kan bare registrere ditt eget fravær, så jeg har ikke registrert noe for Kari "
            "Nordmann eller for deg. vaktbot har ingen kommando som registrerer dette for en "
            "kollega. Be Kari Nordmann selv skrive det til meg, for eksempel «syk 7. januar». "
            "Gjelder det deg, skriv det uten navnet, for eksempel «syk 7. januar».",
            id="manager",
        ),
        pytest.param(
            "Turid Lie",
            "Ola vil jobbe natt 20. januar",
            "Du kan bare registrere dine egne ønsker, så jeg har ikke registrert noe for Ola "
            "Nordmann eller for deg. vaktbot har ingen kommando som registrerer dette for en "
            "kollega. Be Ola Nordmann selv skrive det til meg, for eksempel «ønsker å jobbe 20. "
            "januar». Gjelder det deg, skriv det uten navnet, for eksempel «ønsker å jobbe 20. "
            "januar».",
            id="planner",
        ),
    ],
)
def test_registration_about_colleague_is_refused(
    test_ward: SeededWard, sender: str, text: str, expected: str
) -> None:
    """Each kind of registration that names a colleague is refused and stores nothing."""
    refused = test_ward.say(sender, text)
    test_ward.say(sender, "ja")

    assert texts(refused) == [expected]
    assert all(registrations_of(test_ward, name) == [] for name in test_ward.staff)


def test_english_first_name_of_two(test_ward: SeededWard) -> None:
    """«Kari is sick tomorrow» fits Kari Nordmann and Kari Hansen, so the reply names «Kari»."""
    (reply,) = texts(test_ward.say_in("en", "Ola Nordmann", "Kari is sick tomorrow"))

    assert reply.startswith(
        "You can only register your own absence, so I have registered nothing for Kari or for "
        "you. Kari can write it to me themselves"
    )
    assert registrations_of(test_ward, "Ola Nordmann") == []


def test_question_for_the_day_is_not_asked(test_ward: SeededWard) -> None:
    """«Per er syk» is refused before the question for a day, so «fredag» registers nothing."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Per er syk"))
    test_ward.say("Kari Nordmann", "fredag")

    assert reply.startswith("Du kan bare registrere ditt eget fravær")
    assert registrations_of(test_ward, "Kari Nordmann") == []


def test_taking_back_for_colleague_is_refused(test_ward: SeededWard) -> None:
    """«Ola er ikke syk likevel» withdraws nothing of the sender's."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Ola er ikke syk likevel"))

    assert reply.startswith(
        "Du kan bare endre dine egne registreringer, så jeg har ikke endret noe for Ola "
        "Nordmann eller for deg."
    )


def test_refusal_sets_aside_open_read_back(test_ward: SeededWard) -> None:
    """A registration about a colleague ends the sender's open read-back, as a new command does."""
    test_ward.say("Kari Nordmann", "Kan ikke jobbe 20. januar")

    refused = test_ward.say("Kari Nordmann", "Ola kan ikke jobbe 21. januar")
    confirmed = test_ward.say("Kari Nordmann", "ja")

    assert texts(refused)[0].startswith("Jeg la bort «Registrerer at du ikke kan jobbe")
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert registrations_of(test_ward, "Kari Nordmann") == []


@pytest.mark.parametrize(
    ("sender", "text", "expected_part"),
    [
        pytest.param("Kari Nordmann", "jeg er syk i morgen", "Registrerer sykefravær", id="own"),
        pytest.param("Kari Nordmann", "syk i dag", "Registrerer sykefravær", id="no pronoun"),
        pytest.param(
            "Kari Nordmann",
            "Kari er syk i morgen",
            "Registrerer sykefravær",
            id="own first name",
        ),
        pytest.param(
            "Kari Nordmann",
            "Kari Nordmann er syk i morgen",
            "Registrerer sykefravær",
            id="own full name",
        ),
        pytest.param(
            "Kari Nordmann",
            "Ønsker fri en dag per uke i februar",
            "Registrerer ønsket ditt om fri",
            id="per as each",
        ),
        pytest.param(
            "Kari Nordmann",
            "Jeg kan jobbe for Ola 20. januar",
            "Registrerer at du kan ta ekstra vakter",
            id="offer to cover",
        ),
        pytest.param(
            "Kari Nordmann",
            "Kan jeg bytte torsdag med Ola?",
            "Ola Nordmann får bare 9 t 30 min hvile",
            id="swap",
        ),
        pytest.param(
            "Kari Nordmann", "Når jobber Ola neste uke?", "Vakter for Ola Nordmann", id="question"
        ),
    ],
)
def test_own_registrations_and_colleague_mentions_still_work(
    test_ward: SeededWard, sender: str, text: str, expected_part: str
) -> None:
    """The sender's own registrations, swaps and questions about colleagues are not refused."""
    (reply, *_) = texts(test_ward.say(sender, text))

    assert expected_part in reply


def test_refusal_logs_no_names(test_ward: SeededWard, caplog: pytest.LogCaptureFixture) -> None:
    """The log of a refusal above debug carries ids, never the names in the message."""
    caplog.set_level(logging.INFO)

    test_ward.say("Ola Nordmann", "Kari Nordmann er syk i morgen")

    logged = [record.getMessage() for record in caplog.records if record.levelno >= logging.INFO]
    assert any("rejected a registration" in message for message in logged)
    assert not any("Kari" in message or "Ola" in message for message in logged)
