"""Waiting offers and swaps of a shift its holder loses: closed at once, with the reason."""

from __future__ import annotations

import datetime as dt

from core.messages import Outcome, Reply, ReplyKind
from core.rosters import Assignment, RosterDifference
from core.shift_requests import RequestState
from tests.core.test_repairs import approve_typed, stored_repair, stored_request
from tests.core.ward_cast import SeededWard, confirmed_request, texts

THURSDAY = dt.date(2027, 1, 7)
MONDAY = dt.date(2027, 1, 11)


def replies_on(outcome: Outcome, request_id: int) -> list[Reply]:
    return [reply for reply in outcome.replies if reply.request_id == request_id]


def test_approved_leave_closes_the_offer(test_ward: SeededWard) -> None:
    """Kari's offer of Monday's day shift is closed when her leave that day is approved."""
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi 11. januar?")
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon mandag 11. januar")

    outcome = approve_typed(test_ward, leave)

    expected = (
        f"#{offer} vakt lagt ut: Kari Nordmann D mandag 11. januar → ingen ennå (utdatert): "
        "Kari Nordmann har ikke lenger D-vakta mandag 11. januar. Vakta ble ledig da "
        f"forespørsel #{leave} om permisjon ble godkjent av leder Marit Solberg. Denne "
        "forespørselen er derfor lukket, og ingenting i turnusen ble endret."
    )
    card, to_kari, _to_invited_per = replies_on(outcome, offer)
    assert stored_request(test_ward, offer).state == RequestState.OUTDATED
    assert card.kind == ReplyKind.DECISION
    assert card.replace_original is False
    assert card.text == expected
    assert to_kari.recipient_employee_id == test_ward.staff["Kari Nordmann"].id
    assert to_kari.text == expected


def test_closed_offer_is_gone_for_colleagues(test_ward: SeededWard) -> None:
    """After the leave, Per no longer sees the offer, and «jeg tar N» says it is closed."""
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi 11. januar?")
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon mandag 11. januar")
    approve_typed(test_ward, leave)

    listed = test_ward.say("Per Hansen", "vis ventende bytter")
    taken = test_ward.say("Per Hansen", f"jeg tar {offer}")

    assert f"#{offer} " not in texts(listed)[0]
    assert texts(taken) == [
        f"Forespørsel #{offer} er allerede lukket: Kari Nordmann har ikke lenger D-vakta mandag "
        f"11. januar. Vakta ble ledig da forespørsel #{leave} om permisjon ble godkjent av leder "
        "Marit Solberg. Ingenting ble endret."
    ]


def test_offer_of_another_day_stays(test_ward: SeededWard) -> None:
    """An offer of a shift the leave does not cover keeps waiting for a colleague."""
    other = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi 12. januar?")
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon mandag 11. januar")

    outcome = approve_typed(test_ward, leave)

    assert stored_request(test_ward, other).state == RequestState.PENDING
    assert replies_on(outcome, other) == []


def test_sick_report_closes_a_taken_offer(test_ward: SeededWard) -> None:
    """Per took Kari's Thursday shift; Kari's sick report closes it and tells them both."""
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi torsdag?")
    test_ward.say("Per Hansen", f"jeg tar {offer}")
    test_ward.say("Per Hansen", "ja")
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    outcome = test_ward.say("Kari Nordmann", "ja")

    closed = replies_on(outcome, offer)
    assert stored_request(test_ward, offer).state == RequestState.OUTDATED
    assert {reply.recipient_employee_id for reply in closed} == {
        None,
        test_ward.staff["Per Hansen"].id,
    }
    assert closed[0].text.startswith(
        f"#{offer} vakt lagt ut: Kari Nordmann D torsdag 7. januar → Per Hansen (utdatert): "
        "Kari Nordmann har ikke lenger D-vakta torsdag 7. januar."
    )
    assert test_ward.published_shift("Per Hansen", THURSDAY) is None


def test_sick_report_closes_a_swap(test_ward: SeededWard) -> None:
    """Kari's swap of her Thursday day shift is closed when she reports sick that day."""
    swap = confirmed_request(
        test_ward, "Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag"
    )
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    outcome = test_ward.say("Kari Nordmann", "ja")

    assert stored_request(test_ward, swap).state == RequestState.OUTDATED
    assert {reply.recipient_employee_id for reply in replies_on(outcome, swap)} == {
        None,
        test_ward.staff["Per Hansen"].id,
    }


def test_approved_repair_closes_the_offer(test_ward: SeededWard) -> None:
    """A repair that takes Ola off Monday's evening shift closes his offer of it."""
    offer = confirmed_request(test_ward, "Ola Nordmann", "Kan noen ta kveldsvakta mi 11. januar?")
    ola = test_ward.staff["Ola Nordmann"].id
    repair = stored_repair(test_ward, RosterDifference(ola, MONDAY, "A", None))

    outcome = approve_typed(test_ward, repair.id)

    (card, to_ola, _to_invited_per) = replies_on(outcome, offer)
    assert stored_request(test_ward, offer).state == RequestState.OUTDATED
    assert to_ola.recipient_employee_id == ola
    assert to_ola.text == (
        f"#{offer} vakt lagt ut: Ola Nordmann A mandag 11. januar → ingen ennå (utdatert): "
        "Ola Nordmann har ikke lenger A-vakta mandag 11. januar. Vakta ble flyttet av "
        f"endringsforslag #{repair.id}, som leder Marit Solberg godkjente. Denne forespørselen "
        "er derfor lukket, og ingenting i turnusen ble endret."
    )
    assert card.replace_original is False


def test_invited_colleague_hears_the_offer_closed(test_ward: SeededWard) -> None:
    """Per, invited to take Kari's Monday shift, is told it closed when her leave was approved."""
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi 11. januar?")
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon mandag 11. januar")

    outcome = approve_typed(test_ward, leave)

    per = test_ward.staff["Per Hansen"].id
    (to_per,) = [reply for reply in outcome.replies if reply.recipient_employee_id == per]
    assert to_per.request_id == offer
    assert to_per.text == (
        f"Tilbudet fra Kari Nordmann om D-vakta mandag 11. januar, forespørsel #{offer}, er "
        "lukket: Kari Nordmann har fravær den dagen og har ikke lenger vakta. Vakta trenger nå "
        "dekning. Vil du ta den, skriv «Jeg tar den ledige vakta 11. januar»."
    )


def move_turid_monday_night_to_per(ward: SeededWard) -> None:
    """Give Per Turid's Monday night, as a planner's edit would, so Turid is free that day."""
    per, turid = ward.staff["Per Hansen"].id, ward.staff["Turid Lie"].id
    with ward.database.store() as store:
        roster = store.rosters.covering(ward.unit.id, MONDAY)
        assert roster is not None
        assignments = [
            Assignment(per, MONDAY, "N") if (a.employee_id, a.day) == (turid, MONDAY) else a
            for a in roster.assignments
        ]
        store.rosters.replace_assignments(roster.id, assignments, actor_id=None)


def test_closed_offer_reaches_invitees_only(test_ward: SeededWard) -> None:
    """Per, invited before the roster changed, hears that the offer closed; Turid does not.

    Turid is free on Monday only since the change, so the offer was never sent to her.
    """
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi 11. januar?")
    move_turid_monday_night_to_per(test_ward)
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon mandag 11. januar")

    outcome = approve_typed(test_ward, leave)

    told = {reply.recipient_employee_id for reply in replies_on(outcome, offer)}
    assert test_ward.staff["Per Hansen"].id in told
    assert test_ward.staff["Turid Lie"].id not in told


def test_sick_report_is_no_news_to_colleagues(test_ward: SeededWard) -> None:
    """Kari's sick report closes her offer: Per is told she is absent, never that she is sick."""
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi torsdag?")
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    outcome = test_ward.say("Kari Nordmann", "ja")

    per = test_ward.staff["Per Hansen"].id
    (to_per,) = [reply for reply in outcome.replies if reply.recipient_employee_id == per]
    (card,) = [reply for reply in replies_on(outcome, offer) if reply.kind == ReplyKind.DECISION]
    assert "Kari Nordmann har fravær den dagen" in to_per.text
    assert "syk" not in to_per.text
    # The card is edited for everyone who has a card of the offer, Per included.
    assert "Vakta ble ledig da Kari Nordmann registrerte fravær." in card.text
    assert "syk" not in card.text


def test_offer_taker_is_not_told_of_sickness(test_ward: SeededWard) -> None:
    """Per took Kari's offer: the notice that her sick report closed it says only «fravær»."""
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi torsdag?")
    test_ward.say("Per Hansen", f"jeg tar {offer}")
    test_ward.say("Per Hansen", "ja")
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")

    outcome = test_ward.say("Kari Nordmann", "ja")

    per = test_ward.staff["Per Hansen"].id
    to_per, how_to_ask = [reply for reply in outcome.replies if reply.recipient_employee_id == per]
    assert to_per.text.endswith(
        "Vakta ble ledig da Kari Nordmann registrerte fravær. Denne forespørselen er derfor "
        "lukket, og ingenting i turnusen ble endret."
    )
    assert "syk" not in how_to_ask.text


def test_offer_taker_learns_how_to_ask(test_ward: SeededWard) -> None:
    """Per took Kari's offer before her leave was approved: he learns how to ask for the shift.

    The leave closes the offer and leaves Monday's day shift unstaffed, so it needs cover,
    and Per's «jeg tar den ledige vakta 11. januar» asks for it.
    """
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi 11. januar?")
    test_ward.say("Per Hansen", f"jeg tar {offer}")
    test_ward.say("Per Hansen", "ja")
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon mandag 11. januar")

    outcome = approve_typed(test_ward, leave)

    per = test_ward.staff["Per Hansen"].id
    to_per = [reply.text for reply in outcome.replies if reply.recipient_employee_id == per]
    assert stored_request(test_ward, offer).state == RequestState.OUTDATED
    assert to_per[-1] == (
        "Vakta trenger nå dekning. Vil du ta den, skriv «Jeg tar den ledige vakta 11. januar»."
    )
    assert texts(test_ward.say("Per Hansen", "jeg tar den ledige vakta 11. januar")) == [
        "Ber om å få ta den ledige D-vakta mandag 11. januar. Stemmer det?"
    ]


def test_leave_read_back_names_offer(test_ward: SeededWard) -> None:
    """Before approving Kari's leave, Marit reads that Per's take of her offer closes."""
    offer = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta dagvakta mi 11. januar?")
    test_ward.say("Per Hansen", f"jeg tar {offer}")
    test_ward.say("Per Hansen", "ja")
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon mandag 11. januar")

    (read_back,) = texts(test_ward.say("Marit Solberg", f"godkjenn {leave}"))

    assert (
        "Godkjenning lukker også denne ventende forespørselen om en av dem: "
        f"#{offer} vakt lagt ut: Kari Nordmann D mandag 11. januar → Per Hansen"
    ) in read_back


def test_invited_colleague_hears_no_cover_is_needed(test_ward: SeededWard) -> None:
    """Ola works Tuesday's evening too, so Per is told Ingrid's closed offer needs no cover."""
    offer = confirmed_request(test_ward, "Ingrid Hansen", "Kan noen ta kveldsvakta mi 12. januar?")
    leave = confirmed_request(test_ward, "Ingrid Hansen", "Permisjon tirsdag 12. januar")

    outcome = approve_typed(test_ward, leave)

    per = test_ward.staff["Per Hansen"].id
    (to_per,) = [
        reply for reply in replies_on(outcome, offer) if reply.recipient_employee_id == per
    ]
    assert to_per.text == (
        f"Tilbudet fra Ingrid Hansen om A-vakta tirsdag 12. januar, forespørsel #{offer}, er "
        "lukket: Ingrid Hansen har fravær den dagen og har ikke lenger vakta. Dagen er "
        "fortsatt bemannet slik planen vil, så vakta trenger ikke dekning."
    )


def test_repair_tells_invited_colleague(test_ward: SeededWard) -> None:
    """Per, invited to take Ola's evening shift, is told that a repair took it from Ola."""
    offer = confirmed_request(test_ward, "Ola Nordmann", "Kan noen ta kveldsvakta mi 11. januar?")
    ola = test_ward.staff["Ola Nordmann"].id
    repair = stored_repair(test_ward, RosterDifference(ola, MONDAY, "A", None))

    outcome = approve_typed(test_ward, repair.id)

    per = test_ward.staff["Per Hansen"].id
    (to_per,) = [reply for reply in outcome.replies if reply.recipient_employee_id == per]
    assert to_per.text == (
        f"A-vakta til Ola Nordmann mandag 11. januar, som du fikk tilbud om i forespørsel "
        f"#{offer}, kan ikke lenger tas: en godkjent endring av turnusen har tatt den fra Ola "
        "Nordmann."
    )


# --- requests that would give an absent employee a shift ----------------------------------

FRIDAY = dt.date(2027, 1, 8)


def test_sick_report_closes_own_take(test_ward: SeededWard) -> None:
    """Kari's waiting take of Friday's open day shift closes when she reports sick that day."""
    take = confirmed_request(test_ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")
    test_ward.say("Kari Nordmann", "Jeg er syk fredag")

    outcome = test_ward.say("Kari Nordmann", "ja")

    (card,) = replies_on(outcome, take)
    assert stored_request(test_ward, take).state == RequestState.OUTDATED
    assert card.kind == ReplyKind.DECISION
    assert card.replace_original is False
    assert card.text == (
        f"#{take} ledig vakt D fredag 8. januar → Kari Nordmann (utdatert): Kari Nordmann har "
        "fravær fredag 8. januar og kan ikke få D-vakta. Denne forespørselen er derfor lukket, "
        "og ingenting i turnusen ble endret."
    )


def test_approved_leave_closes_own_take(test_ward: SeededWard) -> None:
    """Approving Kari's leave on Friday closes her take of that day's open shift and tells her."""
    take = confirmed_request(test_ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon fredag 8. januar")

    outcome = approve_typed(test_ward, leave)

    kari = test_ward.staff["Kari Nordmann"].id
    (card, to_kari) = replies_on(outcome, take)
    assert stored_request(test_ward, take).state == RequestState.OUTDATED
    assert card.recipient_employee_id is None
    assert to_kari.recipient_employee_id == kari
    assert "Kari Nordmann har fravær fredag 8. januar og kan ikke få D-vakta." in to_kari.text


def test_take_on_another_day_stays(test_ward: SeededWard) -> None:
    """A take of an open shift on a day the absence does not cover keeps waiting."""
    take = confirmed_request(test_ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")
    test_ward.say("Kari Nordmann", "Jeg er syk lørdag")

    outcome = test_ward.say("Kari Nordmann", "ja")

    assert stored_request(test_ward, take).state == RequestState.ACCEPTED
    assert replies_on(outcome, take) == []


def test_unanswered_swap_closes_for_absent_receiver(test_ward: SeededWard) -> None:
    """Per's sick report on Thursday closes Kari's swap that would give him her Thursday shift."""
    swap = confirmed_request(
        test_ward, "Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag"
    )
    test_ward.say("Per Hansen", "Jeg er syk torsdag")

    outcome = test_ward.say("Per Hansen", "ja")

    kari = test_ward.staff["Kari Nordmann"].id
    (card, to_kari) = replies_on(outcome, swap)
    assert stored_request(test_ward, swap).state == RequestState.OUTDATED
    assert card.kind == ReplyKind.DECISION
    assert to_kari.recipient_employee_id == kari
    assert "Per Hansen har fravær torsdag 7. januar og kan ikke få D-vakta." in to_kari.text
    assert "syk" not in to_kari.text


def test_closed_take_cannot_be_withdrawn(test_ward: SeededWard) -> None:
    """«Trekk tilbake N» of the take the sick report closed names the reason."""
    take = confirmed_request(test_ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")
    test_ward.say("Kari Nordmann", "Jeg er syk fredag")
    test_ward.say("Kari Nordmann", "ja")

    outcome = test_ward.say("Kari Nordmann", f"trekk tilbake {take}")

    assert texts(outcome) == [
        f"Forespørsel #{take} er allerede lukket: Kari Nordmann har fravær fredag 8. januar og "
        "kan ikke få D-vakta. Ingenting ble endret."
    ]
