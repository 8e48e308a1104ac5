"""Whole days unavailable, with a waiting request that would give the sender a shift then.

Kari has no published shift on Friday 8 January 2027, whose day shift is open. A
part of a day rules out the same requests (tests.core.test_partial_unavailability).
"""

from __future__ import annotations

import datetime as dt

from core.messages import ReplyKind
from core.shift_requests import RequestState
from tests.core.ward_cast import SeededWard, confirmed_request, own_replies, texts

FRIDAY_8 = dt.date(2027, 1, 8)


def request_state(ward: SeededWard, request_id: int) -> RequestState:
    with ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    return request.state


def test_whole_day_withdraws_take(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe fredag» withdraws Kari's waiting take of that day's open day shift."""
    request_id = confirmed_request(test_ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "kan ikke jobbe fredag"))
    outcome = test_ward.say("Kari Nordmann", "ja")

    take = f"forespørsel #{request_id} om å ta den ledige D-vakta fredag 8. januar"
    assert read_back.endswith(
        f"Da blir den ventende {take} trukket tilbake, fordi du ikke kan jobbe den. Stemmer det?"
    )
    registered_reply, decision = own_replies(outcome)
    assert registered_reply.text == (
        "Registrert. Du får ikke vakter da. "
        f"Den ventende {take} er trukket tilbake, fordi du ikke kan jobbe den."
    )
    assert decision.kind == ReplyKind.DECISION
    assert decision.request_id == request_id
    assert decision.replace_original is False
    assert request_state(test_ward, request_id) == RequestState.CANCELLED
    assert test_ward.published_shift("Kari Nordmann", FRIDAY_8) is None


def test_whole_day_withdraws_night_before(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe søndag» withdraws Kari's take of Saturday's night, which ends on Sunday."""
    request_id = confirmed_request(
        test_ward, "Kari Nordmann", "Jeg tar den ledige nattevakta lørdag"
    )

    (read_back,) = texts(test_ward.say("Kari Nordmann", "kan ikke jobbe søndag"))
    test_ward.say("Kari Nordmann", "ja")

    assert read_back.endswith(
        f"Da blir den ventende forespørsel #{request_id} om å ta den ledige N-vakta lørdag "
        "9. januar trukket tilbake, fordi du ikke kan jobbe den. Stemmer det?"
    )
    assert request_state(test_ward, request_id) == RequestState.CANCELLED


def test_whole_day_keeps_evening_before(test_ward: SeededWard) -> None:
    """A take of the evening shift the day before ends that evening, so it stays waiting."""
    request_id = confirmed_request(
        test_ward, "Kari Nordmann", "Jeg tar den ledige kveldsvakta lørdag 16. januar"
    )

    (read_back,) = texts(test_ward.say("Kari Nordmann", "kan ikke jobbe søndag 17. januar"))
    test_ward.say("Kari Nordmann", "ja")

    assert f"#{request_id}" not in read_back
    assert request_state(test_ward, request_id) == RequestState.ACCEPTED


def test_other_shift_kind_keeps_take(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe natt fredag» keeps Kari's take of that day's day shift waiting."""
    request_id = confirmed_request(test_ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "kan ikke jobbe natt fredag"))
    outcome = test_ward.say("Kari Nordmann", "ja")

    assert f"#{request_id}" not in read_back
    assert len(own_replies(outcome)) == 1
    assert request_state(test_ward, request_id) == RequestState.ACCEPTED


def test_whole_day_names_colleagues_offer(test_ward: SeededWard) -> None:
    """A colleague's offer Per has taken stays, and his reply tells him to ask the manager."""
    request_id = confirmed_request(
        test_ward, "Ola Nordmann", "Kan noen ta kveldsvakta mi 11. januar?"
    )
    test_ward.say("Per Hansen", f"jeg tar {request_id}")
    test_ward.say("Per Hansen", "ja")

    test_ward.say("Per Hansen", "kan ikke jobbe 11. januar")
    (reply,) = texts(test_ward.say("Per Hansen", "ja"))

    assert reply.endswith(
        f"Forespørsel #{request_id} vakt lagt ut: Ola Nordmann A mandag 11. januar → Per "
        "Hansen (venter på leder) ville gitt deg en vakt du ikke kan jobbe, og bare en leder "
        f"kan stoppe den nå. Si fra til lederen din, som kan avslå den med «avslå {request_id}»."
    )
    assert request_state(test_ward, request_id) == RequestState.ACCEPTED


def test_english_whole_day_withdraws_take(test_ward: SeededWard) -> None:
    """«I can't work friday» in English reads back and withdraws the take in English."""
    request_id = confirmed_request(test_ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")

    (read_back,) = texts(test_ward.say_in("en", "Kari Nordmann", "I can't work friday"))
    test_ward.say("Kari Nordmann", "yes")

    assert f"Your waiting request #{request_id} to take the open D shift" in read_back
    assert request_state(test_ward, request_id) == RequestState.CANCELLED
