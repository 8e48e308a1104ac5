"""Acting on an out-of-date request: the reply says it is closed and what took its shift."""

from __future__ import annotations

import datetime as dt

from core.rosters import RosterDifference
from tests.core.test_repairs import approve_typed, stored_repair
from tests.core.ward_cast import SeededWard, confirmed_request, texts

MONDAY = dt.date(2027, 1, 11)


def test_withdrawn_offer_names_the_leave(test_ward: SeededWard) -> None:
    """Kari's «trekk tilbake N» of an offer her approved leave closed names the leave request."""
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi 11. januar?")
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon mandag 11. januar")
    approve_typed(test_ward, leave)

    outcome = test_ward.say("Kari Nordmann", f"trekk tilbake {offer}")

    assert texts(outcome) == [
        f"Forespørsel #{offer} er allerede lukket: Kari Nordmann har ikke lenger D-vakta mandag "
        f"11. januar. Vakta ble ledig da forespørsel #{leave} om permisjon ble godkjent av leder "
        "Marit Solberg. Ingenting ble endret."
    ]


def test_taking_offer_after_sick_report(test_ward: SeededWard) -> None:
    """Per's «jeg tar N» of an offer Kari's sick report closed names an absence, not sickness."""
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi torsdag?")
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")
    test_ward.say("Kari Nordmann", "ja")

    outcome = test_ward.say("Per Hansen", f"jeg tar {offer}")

    assert texts(outcome) == [
        f"Forespørsel #{offer} er allerede lukket: Kari Nordmann har ikke lenger D-vakta torsdag "
        "7. januar. Vakta ble ledig da Kari Nordmann registrerte fravær. Ingenting ble endret."
    ]


def test_withdrawn_offer_names_the_repair(test_ward: SeededWard) -> None:
    """Ola's «trekk tilbake N» of an offer an approved repair closed names the repair."""
    offer = confirmed_request(test_ward, "Ola Nordmann", "Kan noen ta kveldsvakta mi 11. januar?")
    ola = test_ward.staff["Ola Nordmann"].id
    repair = stored_repair(test_ward, RosterDifference(ola, MONDAY, "A", None))
    approve_typed(test_ward, repair.id)

    outcome = test_ward.say("Ola Nordmann", f"trekk tilbake {offer}")

    assert texts(outcome) == [
        f"Forespørsel #{offer} er allerede lukket: Ola Nordmann har ikke lenger A-vakta mandag "
        f"11. januar. Vakta ble flyttet av endringsforslag #{repair.id}, som leder Marit Solberg "
        "godkjente. Ingenting ble endret."
    ]


def test_closed_offer_in_english(test_ward: SeededWard) -> None:
    """The English reply names the leave request that opened the shift."""
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi 11. januar?")
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon mandag 11. januar")
    approve_typed(test_ward, leave)

    outcome = test_ward.say_in("en", "Kari Nordmann", f"trekk tilbake {offer}")

    (text,) = texts(outcome)
    assert text.startswith(f"Request #{offer} is already closed: ")
    assert f"The shift was opened by request #{leave} for leave" in text
