"""Withdrawing unavailability: «kan jobbe fredag likevel» takes back «kan ikke jobbe fredag».

Kari has no published shifts in week 3, so she registers freely there. Today is
Wednesday 6 January 2027.
"""

from __future__ import annotations

import datetime as dt

from core.commands import DateRange
from tests.core.ward_cast import SeededWard, texts

FRIDAY_22 = DateRange(dt.date(2027, 1, 22), dt.date(2027, 1, 22))


def unavailability_of(ward: SeededWard) -> list[DateRange]:
    with ward.database.store() as store:
        found = store.absences.list_unavailability(employee_id=ward.staff["Kari Nordmann"].id)
    return sorted((item.days for item in found), key=lambda days: days.start)


def offers_of(ward: SeededWard) -> list[DateRange]:
    with ward.database.store() as store:
        found = store.absences.list_availability(employee_id=ward.staff["Kari Nordmann"].id)
    return [item.days for item in found]


def registered(ward: SeededWard, text: str) -> None:
    """Send `text` as Kari and confirm it."""
    ward.say("Kari Nordmann", text)
    (reply,) = texts(ward.say("Kari Nordmann", "ja"))
    assert reply.startswith("Registrert")


def test_after_all_withdraws_the_day(test_ward: SeededWard) -> None:
    """«Kan jobbe fredag likevel» withdraws Friday's unavailability and offers no extra work."""
    registered(test_ward, "Kan ikke jobbe fredag 22. januar")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "Kan jobbe fredag 22. januar likevel"))
    (done,) = texts(test_ward.say("Kari Nordmann", "ja"))

    assert read_back == ("Trekker tilbake at du ikke kan jobbe fredag 22. januar. Stemmer det?")
    assert done == "Trukket tilbake. Du kan få vakter fredag 22. januar igjen."
    assert unavailability_of(test_ward) == []
    assert offers_of(test_ward) == []


def test_after_all_keeps_the_other_days(test_ward: SeededWard) -> None:
    """Withdrawing one day of a longer unavailability keeps the days before and after it."""
    registered(test_ward, "Kan ikke jobbe 21.–23. januar")

    test_ward.say("Kari Nordmann", "Kan jobbe fredag 22. januar likevel")
    test_ward.say("Kari Nordmann", "ja")

    assert unavailability_of(test_ward) == [
        DateRange(dt.date(2027, 1, 21), dt.date(2027, 1, 21)),
        DateRange(dt.date(2027, 1, 23), dt.date(2027, 1, 23)),
    ]


def test_after_all_without_unavailability(test_ward: SeededWard) -> None:
    """With nothing registered, the reply says there is nothing to withdraw, and offers nothing."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Kan jobbe fredag 22. januar likevel"))

    assert reply == (
        "Du har ikke registrert at du ikke kan jobbe fredag 22. januar, så det er ingenting å "
        "trekke tilbake. Vil du tilby deg å jobbe ekstra, skriv for eksempel «Kan jobbe ekstra "
        "22. januar»."
    )
    assert offers_of(test_ward) == []


def test_after_all_without_day_asks(test_ward: SeededWard) -> None:
    """«Kan jobbe likevel» asks which day, and the answer withdraws that day."""
    registered(test_ward, "Kan ikke jobbe fredag 22. januar")

    (question,) = texts(test_ward.say("Kari Nordmann", "Kan jobbe likevel"))
    (read_back,) = texts(test_ward.say("Kari Nordmann", "fredag 22. januar"))

    assert question.startswith("Hvilken dag?")
    assert read_back.startswith("Trekker tilbake at du ikke kan jobbe fredag 22. januar.")


def test_offer_without_after_all_stays_an_offer(test_ward: SeededWard) -> None:
    """«Kan jobbe ekstra fredag» without «likevel» is still an offer to work extra."""
    registered(test_ward, "Kan jobbe ekstra fredag 22. januar")

    assert offers_of(test_ward) == [FRIDAY_22]
