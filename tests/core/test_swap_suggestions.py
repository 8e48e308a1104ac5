"""Colleagues named when a swap breaks a rule or names nobody: only those who could take it.

Per asks to swap his day shift on Saturday 9 January with Ingrid, who works the
evening that day, which would give Ingrid two shifts. Of the others, Ola's Thursday
evening leaves too little weekly rest before a Saturday day shift, Turid's Friday
night runs into Saturday morning, Kari Hansen works nights only and Marit is not
rostered. So Kari Nordmann, off on Saturday, is the one colleague who could take it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.rosters import Assignment
from tests.core.ward_cast import SeededWard, texts

SWAP_WITH_INGRID = "Kan jeg bytte dagvakta mi lørdag med Ingrid?"
KARI_MAY_TAKE = (
    "Kari Nordmann har fri lørdag 9. januar og kan ta vakta di uten å bryte en regel, men "
    "kan ikke bytte med deg den dagen. Vil du gi bort vakta, skriv «Kan noen ta vakta mi "
    "9. januar?», så går tilbudet til alle som kan ta den."
)


def registered(ward: SeededWard, name: str, text: str) -> None:
    """Send `text` as `name` and confirm the read-back."""
    ward.say(name, text)
    ward.say(name, "ja")


def swap_reply(ward: SeededWard) -> str:
    (reply,) = texts(ward.say("Per Hansen", SWAP_WITH_INGRID))
    return reply


def test_refused_swap_names_who_could_take_it(test_ward: SeededWard) -> None:
    """The refusal names Kari as one who could take the shift, and how to give it to her."""
    reply = swap_reply(test_ward)

    assert reply.startswith("Endringen bryter en regel:")
    assert reply.endswith(KARI_MAY_TAKE)


def test_partner_question_names_takers(test_ward: SeededWard) -> None:
    """«Kan jeg bytte dagvakta mi lørdag?» asks with whom, and names Kari as able to take it."""
    (reply,) = texts(test_ward.say("Per Hansen", "Kan jeg bytte dagvakta mi lørdag?"))

    assert reply.endswith(KARI_MAY_TAKE)


@pytest.mark.parametrize(
    "registration",
    [
        pytest.param("Kurs lørdag 9. januar", id="course"),
        pytest.param("Kan ikke jobbe lørdag 9. januar", id="unavailable"),
        pytest.param("Kan ikke ta dagvakter lørdag 9. januar", id="unavailable-for-day-shifts"),
        pytest.param("Kan ikke jobbe før kl 12 lørdag 9. januar", id="unavailable-morning"),
        pytest.param("Ferie lørdag 9. januar", id="waiting-vacation-request"),
        pytest.param("Permisjon lørdag 9. januar", id="waiting-leave-request"),
    ],
)
def test_colleague_who_cannot_work_is_not_named(test_ward: SeededWard, registration: str) -> None:
    """Kari is not named once she is absent, unavailable for the shift, or has asked for leave."""
    registered(test_ward, "Kari Nordmann", registration)

    reply = swap_reply(test_ward)

    assert reply.startswith("Endringen bryter en regel:")
    assert "Kari Nordmann" not in reply


def test_unavailable_evening_still_allows_day_shift(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe etter kl 16» leaves the day shift to 15:00, so Kari is still named."""
    registered(test_ward, "Kari Nordmann", "Kan ikke jobbe etter kl 16 lørdag 9. januar")

    assert swap_reply(test_ward).endswith(KARI_MAY_TAKE)


def test_refusal_without_a_taker_names_nobody(test_ward: SeededWard) -> None:
    """With Kari unavailable that day, the refusal gives the broken rule and names nobody."""
    registered(test_ward, "Kari Nordmann", "Kan ikke jobbe lørdag 9. januar")

    reply = swap_reply(test_ward)

    assert reply.startswith("Endringen bryter en regel:")
    assert "har fri" not in reply
    assert "Kan noen ta vakta mi" not in reply


def test_offer_skips_colleague_awaiting_leave(test_ward: SeededWard) -> None:
    """Per's offered Saturday shift is not announced to Kari, whose leave request waits."""
    registered(test_ward, "Kari Nordmann", "Permisjon lørdag 9. januar")
    test_ward.say("Per Hansen", "Kan noen ta dagvakta mi lørdag?")

    outcome = test_ward.say("Per Hansen", "ja")

    kari = test_ward.staff["Kari Nordmann"].id
    assert [reply for reply in outcome.replies if reply.recipient_employee_id == kari] == []


def test_english_suggestion_example_is_english(test_ward: SeededWard) -> None:
    """In English the sentence names Kari and an offer the parser reads in English."""
    (reply,) = texts(test_ward.say_in("en", "Per Hansen", "Can I swap my day shift on Saturday?"))

    assert reply.endswith(
        "Kari Nordmann is off on Saturday 9 January and can take your shift without breaking "
        "a rule, but cannot swap with you that day. To give the shift away, write «Can someone "
        "take my shift on 9 January?», and the offer goes to everyone who can take it."
    )


FRIDAY_15 = dt.date(2027, 1, 15)


def with_turid_on_evening_friday_15(ward: SeededWard) -> None:
    """Put Turid, a nurse off since Thursday morning, on the evening shift of Friday 15 January.

    Per, also a nurse, has the day shift that Friday, so each could work the other's.
    """
    with ward.database.store() as store:
        roster = store.rosters.covering(ward.unit.id, FRIDAY_15)
        assert roster is not None
        evening = Assignment(ward.staff["Turid Lie"].id, FRIDAY_15, "A")
        store.rosters.replace_assignments(roster.id, [*roster.assignments, evening], actor_id=None)


def test_partner_question_names_same_day_partner(test_ward: SeededWard) -> None:
    """Turid works the evening of Per's day shift and could swap, so she is named first."""
    with_turid_on_evening_friday_15(test_ward)

    (reply,) = texts(test_ward.say("Per Hansen", "Kan jeg bytte dagvakta mi 15. januar?"))

    assert reply.startswith(
        "Hvem vil du bytte med? Skriv navnet på kollegaen. Turid Lie (A) har en annen vakt "
        "fredag 15. januar og kan bytte med deg uten å bryte en regel. Vil du spørre, skriv "
        "«bytte 15. januar med Turid»."
    )
    assert "Kari Nordmann har fri fredag 15. januar" in reply


def test_suggested_same_day_swap_is_read_back(test_ward: SeededWard) -> None:
    """Writing the suggested «bytte 15. januar med Turid» reads back the same-day swap."""
    with_turid_on_evening_friday_15(test_ward)
    test_ward.say("Per Hansen", "Kan jeg bytte dagvakta mi 15. januar?")

    (read_back,) = texts(test_ward.say("Per Hansen", "bytte 15. januar med Turid"))

    assert read_back == (
        "Spør Turid Lie om å bytte D-vakta di fredag 15. januar mot A-vakta fredag 15. januar. "
        "Stemmer det?"
    )


def test_illegal_same_day_partner_is_not_named(test_ward: SeededWard) -> None:
    """Ingrid works the evening of Per's Saturday, but cannot take a nurse's day shift."""
    (reply,) = texts(test_ward.say("Per Hansen", "Kan jeg bytte dagvakta mi lørdag?"))

    assert "Ingrid Hansen" not in reply
    assert "kan bytte med deg" not in reply
