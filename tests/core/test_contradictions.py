"""Registrations that contradict each other: the newer stays, except over an absence.

Today is Wednesday 6 January 2027. No roster covers week 4 (25–31 January), so
every registration there is read back without a note about published shifts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands import DateRange
from core.messages import ButtonAction
from tests.core.ward_cast import SeededWard, confirmed_request, texts

MONDAY = dt.date(2027, 1, 25)
TUESDAY = dt.date(2027, 1, 26)
WEDNESDAY = dt.date(2027, 1, 27)


def registered(ward: SeededWard, name: str) -> None:
    """Send `name`'s registration and confirm its read-back."""
    ward.say("Kari Nordmann", name)
    ward.say("Kari Nordmann", "ja")


def days_of(ward: SeededWard, kind: str) -> list[DateRange]:
    """Return the days of Kari's registrations of `kind`, in date order."""
    employee_id = ward.staff["Kari Nordmann"].id
    with ward.database.store() as store:
        listing = {
            "absence": store.absences.list_absences,
            "unavailability": store.absences.list_unavailability,
            "availability": store.absences.list_availability,
            "wish": store.absences.list_wishes,
        }[kind]
        return [registration.days for registration in listing(employee_id=employee_id)]


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("Kan jobbe 25. januar", id="availability"),
        pytest.param("Ønsker å jobbe 25. januar", id="wish-to-work"),
    ],
)
def test_work_on_a_sick_day_is_refused(test_ward: SeededWard, message: str) -> None:
    """An offer or a wish to work on a registered sick day says how to withdraw the sickness."""
    registered(test_ward, "Jeg er syk 25. januar")

    outcome = test_ward.say("Kari Nordmann", message)
    confirmed = test_ward.say("Kari Nordmann", "ja")

    assert texts(outcome) == [
        "Du har registrert sykefravær mandag 25. januar, så du kan ikke jobbe da, og jeg har "
        "ikke registrert noe. Hvis det har endret seg, trekk det tilbake først, for eksempel "
        "«ikke syk 25. januar», og skriv så meldingen på nytt."
    ]
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert days_of(test_ward, "availability") == []
    assert days_of(test_ward, "wish") == []


def test_suggested_withdrawal_is_understood(test_ward: SeededWard) -> None:
    """The suggested «ikke syk 25. januar» reads back the withdrawal of that sick day."""
    registered(test_ward, "Jeg er syk 25. januar")
    test_ward.say("Kari Nordmann", "Kan jobbe 25. januar")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "ikke syk 25. januar"))

    assert read_back == ("Trekker tilbake registrert sykefravær mandag 25. januar. Stemmer det?")


def test_offer_leaves_out_the_absent_days(test_ward: SeededWard) -> None:
    """An offer over a course day is read back and registered for the other days only."""
    registered(test_ward, "Kurs 26. januar")

    outcome = test_ward.say("Kari Nordmann", "Kan jobbe 25.1-27.1")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(outcome) == [
        "Registrerer at du kan ta ekstra vakter mandag 25. januar og onsdag 27. januar. Du har "
        "registrert kurs tirsdag 26. januar, så det gjelder bare de andre dagene. Stemmer det?"
    ]
    assert days_of(test_ward, "availability") == [
        DateRange(MONDAY, MONDAY),
        DateRange(WEDNESDAY, WEDNESDAY),
    ]


def test_absence_replaces_the_offer_on_its_days(test_ward: SeededWard) -> None:
    """A course registered over an offer to work replaces the offer on that day only."""
    registered(test_ward, "Kan jobbe 25.1-27.1")

    read_back = test_ward.say("Kari Nordmann", "Kurs 26. januar")
    confirmed = test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Registrerer kurs tirsdag 26. januar. Dette erstatter det du registrerte før: tilbudet "
        "ditt om å jobbe ekstra tirsdag 26. januar. Stemmer det?"
    ]
    assert texts(confirmed) == [
        "Registrert: kurs tirsdag 26. januar. Erstattet det du registrerte før: tilbudet ditt "
        "om å jobbe ekstra tirsdag 26. januar."
    ]
    assert days_of(test_ward, "absence") == [DateRange(TUESDAY, TUESDAY)]
    assert days_of(test_ward, "availability") == [
        DateRange(MONDAY, MONDAY),
        DateRange(WEDNESDAY, WEDNESDAY),
    ]


def test_replaced_offer_stays_in_the_audit_log(test_ward: SeededWard) -> None:
    """The audit log keeps the replaced offer's days and records its deletion."""
    registered(test_ward, "Kan jobbe 25.1-27.1")
    registered(test_ward, "Kurs 26. januar")

    with test_ward.database.store() as store:
        entries = store.audit.list(entity="availability")
    changes = [
        (entry.action, entry.details["first_day"], entry.details["last_day"]) for entry in entries
    ]

    assert changes == [
        ("add", "2027-01-25", "2027-01-27"),
        ("delete", "2027-01-25", "2027-01-27"),
        ("add", "2027-01-25", "2027-01-25"),
        ("add", "2027-01-27", "2027-01-27"),
    ]


def test_sickness_replaces_a_wish_to_work(test_ward: SeededWard) -> None:
    """Sick leave over a wish to work removes the wish and says so."""
    registered(test_ward, "Ønsker å jobbe 25. januar")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "Jeg er syk 25. januar"))
    test_ward.say("Kari Nordmann", "ja")

    assert read_back == (
        "Registrerer sykefravær mandag 25. januar. Dette erstatter det du registrerte før: "
        "ønsket ditt om å jobbe mandag 25. januar. Stemmer det?"
    )
    assert days_of(test_ward, "wish") == []
    assert days_of(test_ward, "absence") == [DateRange(MONDAY, MONDAY)]


@pytest.mark.parametrize(
    ("first", "second", "replaced", "kept", "gone"),
    [
        pytest.param(
            "Kan ikke jobbe 25. januar",
            "Kan jobbe 25. januar",
            "at du ikke kan jobbe mandag 25. januar",
            "availability",
            "unavailability",
            id="offer-replaces-unavailable",
        ),
        pytest.param(
            "Kan jobbe 25. januar",
            "Kan ikke jobbe 25. januar",
            "tilbudet ditt om å jobbe ekstra mandag 25. januar",
            "unavailability",
            "availability",
            id="unavailable-replaces-offer",
        ),
        pytest.param(
            "Ønsker fri 25. januar",
            "Kan jobbe 25. januar",
            "ønsket ditt om fri mandag 25. januar",
            "availability",
            "wish",
            id="offer-replaces-wish-off",
        ),
        pytest.param(
            "Kan ta nattevakter 25. januar",
            "Kan ikke jobbe 25. januar",
            "tilbudet ditt om å ta ekstra nattevakter mandag 25. januar",
            "unavailability",
            "availability",
            id="unavailable-replaces-night-offer",
        ),
    ],
)
def test_newer_statement_replaces_the_older(
    test_ward: SeededWard, first: str, second: str, replaced: str, kept: str, gone: str
) -> None:
    """Of two registrations that contradict each other on a day, the newer one stays."""
    registered(test_ward, first)

    (read_back,) = texts(test_ward.say("Kari Nordmann", second))
    (done,) = texts(test_ward.say("Kari Nordmann", "ja"))

    assert read_back.endswith(f" Dette erstatter det du registrerte før: {replaced}. Stemmer det?")
    assert done.endswith(f" Erstattet det du registrerte før: {replaced}.")
    assert days_of(test_ward, kept) == [DateRange(MONDAY, MONDAY)]
    assert days_of(test_ward, gone) == []


def test_other_shift_kinds_do_not_contradict(test_ward: SeededWard) -> None:
    """No nights on Monday and an offer of day shifts that day are both kept."""
    registered(test_ward, "Kan ikke ta nattevakter 25. januar")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "Kan ta dagvakter 25. januar"))
    test_ward.say("Kari Nordmann", "ja")

    assert "erstatter" not in read_back
    assert days_of(test_ward, "unavailability") == [DateRange(MONDAY, MONDAY)]
    assert days_of(test_ward, "availability") == [DateRange(MONDAY, MONDAY)]


def test_unavailability_on_vacation_names_it(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe» on a day of approved vacation says that the vacation already frees it."""
    request_id = confirmed_request(test_ward, "Kari Nordmann", "Ferie 25. januar til 26. januar")
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    read_back = test_ward.say("Kari Nordmann", "Kan ikke jobbe 26. januar til 27. januar")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Registrerer at du ikke kan jobbe fra tirsdag 26. januar til onsdag 27. januar. Du har "
        "allerede ferie tirsdag 26. januar, så da får du ingen vakter uansett. Stemmer det?"
    ]
    assert days_of(test_ward, "unavailability") == [DateRange(TUESDAY, WEDNESDAY)]
