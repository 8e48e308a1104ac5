"""Swaps, offers and takes: from the request through the colleague to the manager's decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from core.actions.shift_requests import rejection_reason
from core.employees import Role
from core.messages import ButtonAction, Outcome, Reply, ReplyKind
from core.rosters import RosterDifference
from core.shift_requests import (
    InvalidTransition,
    RequestEvent,
    RequestKind,
    RequestState,
    ShiftRequest,
)
from core.units import StaffingPlan
from tests.core.test_repairs import set_published_shift, stored_repair
from tests.core.ward_cast import (
    SeededWard,
    confirmed_request,
    own_replies,
    staffing_plan,
    texts,
)

THURSDAY = dt.date(2027, 1, 7)
FRIDAY = dt.date(2027, 1, 8)
SATURDAY = dt.date(2027, 1, 9)


def replies_to(ward: SeededWard, outcome: Outcome, name: str) -> list[Reply]:
    employee_id = ward.staff[name].id
    return [reply for reply in outcome.replies if reply.recipient_employee_id == employee_id]


def request_state(ward: SeededWard, request_id: int) -> RequestState:
    with ward.database.store() as store:
        request = store.shift_requests.get(request_id)
        assert request is not None
        return request.state


def request_swap(ward: SeededWard) -> int:
    """Kari asks Per to swap her day shift on Thursday for his on Saturday; returns its id."""
    return confirmed_request(
        ward, "Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag"
    )


@pytest.mark.parametrize(
    ("state", "event", "expected"),
    [
        (RequestState.PENDING, RequestEvent.ACCEPT, RequestState.ACCEPTED),
        (RequestState.PENDING, RequestEvent.DECLINE, RequestState.DECLINED),
        (RequestState.PENDING, RequestEvent.CANCEL, RequestState.CANCELLED),
        (RequestState.ACCEPTED, RequestEvent.APPROVE, RequestState.APPROVED),
        (RequestState.ACCEPTED, RequestEvent.REJECT, RequestState.REJECTED),
        (RequestState.ACCEPTED, RequestEvent.CANCEL, RequestState.CANCELLED),
        (RequestState.PENDING, RequestEvent.OUTDATE, RequestState.OUTDATED),
        (RequestState.ACCEPTED, RequestEvent.OUTDATE, RequestState.OUTDATED),
    ],
)
def test_state_machine_allows(
    state: RequestState, event: RequestEvent, expected: RequestState
) -> None:
    """Each allowed event moves a request to its next state."""
    request = ShiftRequest(1, 1, RequestKind.SWAP, state, 1, THURSDAY, "D", counterpart_id=2)

    assert request.after(event).state == expected


@pytest.mark.parametrize(
    ("state", "event"),
    [
        (RequestState.PENDING, RequestEvent.APPROVE),
        (RequestState.ACCEPTED, RequestEvent.ACCEPT),
        (RequestState.APPROVED, RequestEvent.CANCEL),
        (RequestState.REJECTED, RequestEvent.APPROVE),
        (RequestState.CANCELLED, RequestEvent.ACCEPT),
        (RequestState.APPROVED, RequestEvent.OUTDATE),
        (RequestState.OUTDATED, RequestEvent.APPROVE),
    ],
)
def test_state_machine_refuses(state: RequestState, event: RequestEvent) -> None:
    """An event that does not fit the state raises, so no request skips a step."""
    request = ShiftRequest(1, 1, RequestKind.SWAP, state, 1, THURSDAY, "D", counterpart_id=2)

    with pytest.raises(InvalidTransition):
        request.after(event)


def test_swap_request_is_read_back_and_sent_to_the_colleague(test_ward: SeededWard) -> None:
    """The swap is read back first; on «ja» the colleague gets an invitation with buttons."""
    read_back = test_ward.say(
        "Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag"
    )
    outcome = test_ward.say("Kari Nordmann", "ja")

    (question,) = own_replies(read_back)
    assert question.kind == ReplyKind.CONFIRMATION
    assert "torsdag 7. januar" in question.text
    assert "lørdag 9. januar" in question.text
    (invitation,) = replies_to(test_ward, outcome, "Per Hansen")
    assert invitation.kind == ReplyKind.INVITATION
    assert [button.label for button in invitation.buttons] == ["Godta", "Avslå"]


def test_swap_goes_from_colleague_to_manager_to_roster(test_ward: SeededWard) -> None:
    """Per accepts, Marit approves with the button, and the roster has the shifts swapped."""
    request_id = request_swap(test_ward)

    accepted = test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(request_id))
    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    (approval_card,) = replies_to(test_ward, accepted, "Marit Solberg")
    assert approval_card.kind == ReplyKind.APPROVAL
    assert [button.label for button in approval_card.buttons] == ["Godkjenn", "Avslå"]
    (decision,) = own_replies(approved)
    assert decision.replace_original is True
    assert "Marit Solberg" in decision.text
    assert len(replies_to(test_ward, approved, "Kari Nordmann")) == 1
    assert len(replies_to(test_ward, approved, "Per Hansen")) == 1
    assert request_state(test_ward, request_id) == RequestState.APPROVED
    assert test_ward.published_shift("Kari Nordmann", SATURDAY) == "D"
    assert test_ward.published_shift("Kari Nordmann", THURSDAY) is None
    assert test_ward.published_shift("Per Hansen", THURSDAY) == "D"


def test_manager_approval_before_the_colleague_is_refused(test_ward: SeededWard) -> None:
    """A manager cannot approve a swap the colleague has not accepted yet."""
    request_id = request_swap(test_ward)

    (reply,) = texts(test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id)))

    assert f"#{request_id}" in reply
    assert request_state(test_ward, request_id) == RequestState.PENDING


def test_only_a_manager_approves(test_ward: SeededWard) -> None:
    """The requester pressing «Godkjenn» learns that a manager decides, and nothing changes."""
    request_id = request_swap(test_ward)
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(request_id))

    (reply,) = texts(test_ward.press("Kari Nordmann", ButtonAction.APPROVE, str(request_id)))

    assert reply == (
        f"Forespørsel #{request_id} venter på en leder. Bare en leder kan godkjenne "
        "eller avslå den, så du trenger ikke gjøre noe mer."
    )
    assert request_state(test_ward, request_id) == RequestState.ACCEPTED


def test_second_yes_after_accepting_explains(test_ward: SeededWard) -> None:
    """A second «ja til bytte N» after accepting explains that the swap waits for a manager."""
    request_id = request_swap(test_ward)
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(request_id))

    replies = texts(test_ward.say("Per Hansen", f"ja til bytte {request_id}"))

    assert replies[0].startswith(f"Forespørsel #{request_id} venter på en leder.")
    assert request_state(test_ward, request_id) == RequestState.ACCEPTED


def test_colleague_accepts_by_typing(test_ward: SeededWard) -> None:
    """«ja til bytte N» from the colleague accepts the swap after a read-back."""
    request_id = request_swap(test_ward)

    test_ward.say("Per Hansen", f"ja til bytte {request_id}")
    test_ward.say("Per Hansen", "ja")

    assert request_state(test_ward, request_id) == RequestState.ACCEPTED


def test_requester_cancels(test_ward: SeededWard) -> None:
    """«Trekk tilbake N» from the requester cancels the request."""
    request_id = request_swap(test_ward)

    test_ward.say("Kari Nordmann", f"Trekk tilbake {request_id}")
    test_ward.say("Kari Nordmann", "ja")

    assert request_state(test_ward, request_id) == RequestState.CANCELLED


def test_illegal_swap_is_refused_with_the_rule(test_ward: SeededWard) -> None:
    """A swap that leaves too little rest is refused before anyone is asked, naming the rule."""
    outcome = test_ward.say(
        "Ola Nordmann", "Vil bytte aftenvakt torsdag mot Per sin dagvakt lørdag"
    )

    (reply,) = texts(outcome)
    assert reply.startswith("Endringen bryter en regel:")
    with test_ward.database.store() as store:
        assert store.shift_requests.list_open(test_ward.unit.id) == []


def test_swap_onto_a_day_already_worked_is_refused(test_ward: SeededWard) -> None:
    """Ola and Ingrid both work A on Wednesday and Thursday: swapping them would lose a shift."""
    outcome = test_ward.say(
        "Ola Nordmann",
        "Vil bytte aftenvakt onsdag 13. januar mot Ingrid sin aftenvakt torsdag 14. januar",
    )

    (reply,) = texts(outcome)
    assert reply.startswith("Endringen bryter en regel:")
    assert reply.endswith("Ola Nordmann har allerede en vakt torsdag 14. januar.")
    assert test_ward.published_shift("Ola Nordmann", dt.date(2027, 1, 14)) == "A"
    with test_ward.database.store() as store:
        assert store.shift_requests.list_open(test_ward.unit.id) == []


def test_swap_without_a_shift_that_day_is_refused(test_ward: SeededWard) -> None:
    """Asking to swap a day you do not work says so."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Vil bytte vakt fredag med Per"))

    assert "fredag 8. januar" in reply


def test_offer_is_announced_to_legal_takers_only(test_ward: SeededWard) -> None:
    """Per's Saturday day shift is offered only to those who could take it legally.

    Ola is free that day, but after his Thursday evening shift a Saturday day shift
    leaves less than 35 hours of unbroken rest in the week; Ingrid and Turid work then.
    """
    test_ward.say("Per Hansen", "Kan noen ta dagvakta mi lørdag?")
    outcome = test_ward.say("Per Hansen", "ja")

    invited = {
        reply.recipient_employee_id
        for reply in outcome.replies
        if reply.kind == ReplyKind.INVITATION
    }
    names = {name for name, employee in test_ward.staff.items() if employee.id in invited}
    assert names == {"Kari Nordmann"}


def test_offer_taken_and_approved(test_ward: SeededWard) -> None:
    """Kari takes the offered shift with «jeg tar N», and the manager's approval moves it."""
    test_ward.say("Per Hansen", "Kan noen ta dagvakta mi lørdag?")
    outcome = test_ward.say("Per Hansen", "ja")
    (request_id,) = {r.request_id for r in outcome.replies if r.request_id is not None}

    test_ward.say("Kari Nordmann", f"jeg tar {request_id}")
    test_ward.say("Kari Nordmann", "ja")
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    assert test_ward.published_shift("Kari Nordmann", SATURDAY) == "D"
    assert test_ward.published_shift("Per Hansen", SATURDAY) is None


def test_open_shift_taken_by_date(test_ward: SeededWard) -> None:
    """Friday's day shift has nobody; Kari asks to take it and the manager approves."""
    test_ward.say("Kari Nordmann", "Jeg tar den ledige vakta fredag")
    outcome = test_ward.say("Kari Nordmann", "ja")
    (request_id,) = {r.request_id for r in outcome.replies if r.request_id is not None}

    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    assert test_ward.published_shift("Kari Nordmann", FRIDAY) == "D"


def test_offered_shift_taken_by_date(test_ward: SeededWard) -> None:
    """«Jeg tar den ledige vakta 7. januar» finds Kari's offered Thursday shift.

    Thursday is fully staffed, so the offer is the only shift to take that day.
    """
    request_id = confirmed_request(test_ward, "Kari Nordmann", "Kan noen ta vakta mi torsdag?")

    (read_back,) = texts(test_ward.say("Per Hansen", "Jeg tar den ledige vakta 7. januar"))
    test_ward.say("Per Hansen", "ja")
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    assert read_back.startswith(f"Tar over #{request_id} ")
    assert "Kari Nordmann D torsdag 7. januar" in read_back
    assert request_state(test_ward, request_id) == RequestState.APPROVED
    assert test_ward.published_shift("Per Hansen", THURSDAY) == "D"
    assert test_ward.published_shift("Kari Nordmann", THURSDAY) is None


def test_day_without_offered_or_open_shift(test_ward: SeededWard) -> None:
    """A fully staffed day with no offer says so, and where to see what can be taken."""
    (reply,) = texts(test_ward.say("Per Hansen", "Jeg tar den ledige vakta 7. januar"))

    assert reply == (
        "Ingen kollega har lagt ut en vakt torsdag 7. januar, og ingen vakt er ledig da. "
        "Skriv «vis ventende bytter» for å se vaktene du kan ta."
    )


def test_day_with_several_shifts_lists_each(test_ward: SeededWard) -> None:
    """Saturday has Per's offered day shift and an open night shift; the reply names both."""
    request_id = confirmed_request(test_ward, "Per Hansen", "Kan noen ta dagvakta mi lørdag?")

    (reply,) = texts(test_ward.say("Kari Nordmann", "Jeg tar den ledige vakta lørdag"))

    assert reply.splitlines() == [
        "Det er flere vakter å ta lørdag 9. januar. Skriv hvilken:",
        f"  • D lagt ut av Per Hansen: skriv «jeg tar {request_id}»",
        "  • N, ledig: skriv «jeg tar den ledige N-vakta lør. 9.1.»",
    ]


def test_choice_written_as_suggested_is_understood(test_ward: SeededWard) -> None:
    """Writing the suggested «jeg tar den ledige N-vakta …» reads back the open night shift."""
    confirmed_request(test_ward, "Per Hansen", "Kan noen ta dagvakta mi lørdag?")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "jeg tar den ledige N-vakta lør. 9.1."))

    assert read_back.startswith("Ber om å få ta den ledige N-vakta lørdag 9. januar.")


def test_offer_chosen_by_colleague_name(test_ward: SeededWard) -> None:
    """Naming the colleague picks their offer even when the day also has an open shift."""
    request_id = confirmed_request(test_ward, "Per Hansen", "Kan noen ta dagvakta mi lørdag?")

    (read_back,) = texts(test_ward.say("Kari Nordmann", "Jeg tar vakta til Per lørdag"))

    assert read_back.startswith(f"Tar over #{request_id} ")


def test_offer_taken_against_a_rule_is_refused(test_ward: SeededWard) -> None:
    """Ola taking the offered Saturday shift would break the weekly rest, so he is told why."""
    test_ward.say("Per Hansen", "Kan noen ta dagvakta mi lørdag?")
    outcome = test_ward.say("Per Hansen", "ja")
    (request_id,) = {r.request_id for r in outcome.replies if r.request_id is not None}

    (reply,) = texts(test_ward.say("Ola Nordmann", f"jeg tar {request_id}"))

    assert "arbeidsmiljøloven § 10-8 (2)" in reply
    assert request_state(test_ward, request_id) == RequestState.PENDING


def test_open_shift_that_breaks_rest_is_refused(test_ward: SeededWard) -> None:
    """Ola works Thursday evening, so Friday's day shift would leave 9.5 hours of rest."""
    (reply,) = texts(test_ward.say("Ola Nordmann", "Jeg tar den ledige vakta fredag"))

    assert "hvile" in reply


def test_manager_lists_waiting_requests(test_ward: SeededWard) -> None:
    """«Vis ventende bytter» lists the unit's open requests for a manager."""
    request_id = request_swap(test_ward)

    (reply,) = texts(test_ward.say("Marit Solberg", "Vis ventende bytter"))

    assert f"#{request_id}" in reply
    assert "Kari Nordmann" in reply


def test_colleague_is_invited_in_their_own_language(test_ward: SeededWard) -> None:
    """Per chose nynorsk, so Kari's invitation reaches him in nynorsk while she reads bokmål."""
    with test_ward.database.store() as store:
        store.languages.choose(test_ward.staff["Per Hansen"].id, "nn", actor_id=None)

    test_ward.say("Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag")
    outcome = test_ward.say("Kari Nordmann", "ja")

    (invitation,) = replies_to(test_ward, outcome, "Per Hansen")
    assert "Godtek du?" in invitation.text
    assert [button.label for button in invitation.buttons] == ["Godta", "Avslå"]
    assert all("Godtek" not in reply.text for reply in own_replies(outcome))


def test_swap_without_a_name_suggests_legal_partners(test_ward: SeededWard) -> None:
    """Asking to swap without naming anyone gets a question that names who could take it."""
    (reply,) = texts(test_ward.say("Per Hansen", "Kan jeg bytte dagvakta mi lørdag?"))

    assert "Kari Nordmann" in reply
    assert "Ola Nordmann" not in reply


def test_refused_swap_suggests_legal_partners(test_ward: SeededWard) -> None:
    """A same-day swap that breaks a rule gives the rule and names colleagues who may take it.

    Ingrid works an evening shift on Friday, so Per's Saturday day shift would
    leave her 9 h 30 min of rest.
    """
    (reply,) = texts(test_ward.say("Per Hansen", "Kan jeg bytte dagvakta mi lørdag med Ingrid?"))

    assert reply.startswith(
        "Endringen bryter en regel: Ingrid Hansen får bare 9 t 30 min hvile før D lørdag 9. januar."
    )
    assert "Kari Nordmann har fri lørdag 9. januar og kan ta vakta di" in reply


def remove_shift(ward: SeededWard, name: str, day: dt.date) -> None:
    """Take `name`'s shift on `day` out of the published roster."""
    with ward.database.store() as store:
        roster = store.rosters.covering(ward.unit.id, day)
        assert roster is not None
        kept = [
            assignment
            for assignment in roster.assignments
            if (assignment.employee_id, assignment.day) != (ward.staff[name].id, day)
        ]
        store.rosters.replace_assignments(roster.id, kept, actor_id=None)


WEDNESDAY_NEXT_WEEK = dt.date(2027, 1, 13)


def test_swap_with_colleague_working_that_day_swaps_both_shifts(test_ward: SeededWard) -> None:
    """«bytte med Turid» on a day Turid works gives Kari Turid's night and Turid Kari's day.

    Turid's Tuesday night is taken out first, so that a day shift on Wednesday
    leaves her enough rest.
    """
    remove_shift(test_ward, "Turid Lie", dt.date(2027, 1, 12))

    (read_back,) = texts(
        test_ward.say("Kari Nordmann", "Kan jeg bytte dagvakta mi onsdag 13. januar med Turid?")
    )
    outcome = test_ward.say("Kari Nordmann", "ja")
    (request_id,) = {reply.request_id for reply in outcome.replies if reply.request_id}
    test_ward.press("Turid Lie", ButtonAction.ACCEPT, str(request_id))
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    assert read_back == (
        "Spør Turid Lie om å bytte D-vakta di onsdag 13. januar mot N-vakta onsdag 13. januar. "
        "Stemmer det?"
    )
    assert test_ward.published_shift("Kari Nordmann", WEDNESDAY_NEXT_WEEK) == "N"
    assert test_ward.published_shift("Turid Lie", WEDNESDAY_NEXT_WEEK) == "D"


def test_swap_with_free_colleague_asks_for_their_shift(test_ward: SeededWard) -> None:
    """«bytte med Kari» on a day Kari is free asks which of Kari's shifts Per gets back."""
    (reply,) = texts(
        test_ward.say("Per Hansen", "Kan jeg bytte dagvakta mi lørdag med Kari Nordmann?")
    )

    assert reply == (
        "Kari Nordmann har ingen vakt lørdag 9. januar, så dere kan ikke bytte vakter den "
        "dagen. Hvilken vakt vil du ha tilbake for D-vakta di? "
        "Kari Nordmann jobber D torsdag 7. januar, D mandag 11. januar, D tirsdag 12. januar "
        "og D onsdag 13. januar. Skriv for eksempel «Vil bytte D-vakt 9. januar mot Kari "
        "Nordmann sin D-vakt 7. januar»."
    )
    with test_ward.database.store() as store:
        assert store.shift_requests.list_open(test_ward.unit.id) == []


def test_suggested_swap_passes_the_rule_check(test_ward: SeededWard) -> None:
    """The swap the question suggests is read back, and a shift that breaks a rule is not named.

    Kari's day shift on Wednesday 6 January would overlap Per's night from Tuesday, so
    the question leaves it out, as the swap itself would be refused.
    """
    (question,) = texts(
        test_ward.say("Per Hansen", "Kan jeg bytte dagvakta mi lørdag med Kari Nordmann?")
    )
    suggested = question.split("Skriv for eksempel «")[1].removesuffix("».")

    (read_back,) = texts(test_ward.say("Per Hansen", suggested))
    test_ward.say("Per Hansen", "nei")
    (refusal,) = texts(
        test_ward.say(
            "Per Hansen", "Vil bytte D-vakt 9. januar mot Kari Nordmann sin D-vakt 6. januar"
        )
    )

    assert "onsdag 6. januar" not in question
    assert read_back == (
        "Spør Kari Nordmann om å bytte D-vakta di lørdag 9. januar mot D-vakta torsdag "
        "7. januar. Stemmer det?"
    )
    assert refusal.startswith("Endringen bryter en regel: Per Hansen har N tirsdag 5. januar")


def test_swap_question_when_every_shift_breaks_a_rule(test_ward: SeededWard) -> None:
    """With no shift of Per's that Kari could take in return legally, the reply says so.

    Kari cannot work on any day that Per works near Monday 11 January.
    """
    for message in ("Kan ikke jobbe 8. januar til 10. januar", "Kan ikke jobbe 14.–17. januar"):
        test_ward.say("Kari Nordmann", message)
        test_ward.say("Kari Nordmann", "ja")

    (reply,) = texts(
        test_ward.say(
            "Kari Nordmann", "Kan jeg bytte dagvakta mi mandag 11. januar med Per Hansen?"
        )
    )

    assert reply == (
        "Per Hansen har ingen vakt mandag 11. januar, og ethvert bytte mot en av vaktene uka "
        "før eller etter ville brutt en regel. Vil du gi bort D-vakta di, skriv «Kan noen ta "
        "vakta mi 11. januar?»."
    )


SWAP_WITH_FREE_KARI = "Kan jeg bytte dagvakta mi lørdag med Kari Nordmann?"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        pytest.param(
            "nn",
            "Kari Nordmann har inga vakt laurdag 9. januar, så de kan ikkje byte vakter den "
            "dagen. Kva for ei vakt vil du ha att for D-vakta di?",
            id="nn",
        ),
        pytest.param(
            "en",
            "Kari Nordmann has no shift on Saturday 9 January, so you cannot swap shifts that "
            "day. Which of their shifts do you want in return for your D shift?",
            id="en",
        ),
    ],
)
def test_swap_question_in_each_language(test_ward: SeededWard, locale: str, expected: str) -> None:
    """The question about the shift in return is asked in the user's language."""
    (reply,) = texts(test_ward.say_in(locale, "Per Hansen", SWAP_WITH_FREE_KARI))

    assert reply.startswith(expected)


def test_swap_with_colleague_without_shifts_points_to_offer(test_ward: SeededWard) -> None:
    """A colleague with no shift near the day cannot swap; the reply says how to offer it."""
    (reply,) = texts(
        test_ward.say("Kari Nordmann", "Vil bytte dagvakta mi onsdag 13. januar med Kari Hansen")
    )

    assert reply == (
        "Kari Hansen har ingen vakt onsdag 13. januar eller uka før eller etter, så det er "
        "ingen vakt å bytte med. Vil du gi bort D-vakta di, skriv «Kan noen ta vakta mi "
        "13. januar?»."
    )


def test_open_shifts_are_listed(test_ward: SeededWard) -> None:
    """«Vis ledige vakter» lists the understaffed shifts of the next two weeks."""
    (reply,) = texts(test_ward.say("Ola Nordmann", "Vis ledige vakter"))

    assert "D fredag 8. januar" in reply


def test_open_shift_list_counts_vacancies(test_ward: SeededWard) -> None:
    """A shift that lacks two people is listed once with the count, one that lacks one plainly.

    With two wanted on every day shift, Friday 8 January's D lacks two and Monday
    11 January's D, which Kari works, lacks one.
    """
    two_on_day_shifts = StaffingPlan(
        tuple(
            replace(demand, wanted=2) if demand.shift_code == "D" else demand
            for demand in staffing_plan().demands
        )
    )
    with test_ward.database.store() as store:
        store.organisations.set_staffing(test_ward.unit.id, two_on_day_shifts, actor_id=None)

    (reply,) = texts(test_ward.say("Ola Nordmann", "Ledige vakter"))
    lines = reply.splitlines()

    assert "D fredag 8. januar (2 ledige)" in lines
    assert "D mandag 11. januar" in lines
    assert "D fredag 8. januar" not in lines


# The number of a request that does not exist, for comparing replies.
MISSING_REQUEST_ID = 999

NOT_FOUND_REPLY = (
    "Jeg fant ikke forespørsel #{id}. «Vis ventende bytter» viser forespørslene du kan se, "
    "med numrene deres."
)
APPROVE_REFUSAL = (
    "Det finnes ingen forespørsel #{id} til deg. «Vis ventende bytter» viser forespørslene du "
    "kan svare på, med numrene deres. Andre forespørsler godkjennes av lederen for Nordvik "
    "sykehjem."
)
REJECT_REFUSAL = (
    "Det finnes ingen forespørsel #{id} til deg. «Vis ventende bytter» viser forespørslene du "
    "kan svare på, med numrene deres. Andre forespørsler avslås av lederen for Nordvik "
    "sykehjem."
)
WITHDRAW_REFUSAL = (
    "Du har ingen forespørsel #{id} å trekke tilbake. Du har ingen ventende forespørsler i det "
    "hele tatt. Vil du trekke tilbake et registrert fravær, skriv typen og dagen, for eksempel "
    "«ikke kurs 7. januar»."
)
# Each message an outsider may send about a request, with the reply he gets whether
# the request exists or not.
OUTSIDER_MESSAGES = [
    pytest.param("ja til bytte {id}", APPROVE_REFUSAL, id="yes-to-swap"),
    pytest.param("godkjenn {id}", APPROVE_REFUSAL, id="approve"),
    pytest.param("avslå {id}", REJECT_REFUSAL, id="reject"),
    pytest.param("trekk tilbake {id}", WITHDRAW_REFUSAL, id="cancel"),
    pytest.param("jeg tar {id}", NOT_FOUND_REPLY, id="take"),
]


def reply_to(ward: SeededWard, name: str, message: str, request_id: int) -> str:
    (reply,) = texts(ward.say(name, message.format(id=request_id)))
    return reply


@pytest.mark.parametrize(("message", "expected"), OUTSIDER_MESSAGES)
@pytest.mark.parametrize(
    "accepted", [pytest.param(False, id="pending"), pytest.param(True, id="accepted")]
)
def test_outsider_cannot_tell_request_exists(
    test_ward: SeededWard, message: str, expected: str, accepted: bool
) -> None:
    """Ola, with no part in Kari's swap, gets the reply he gets for a number that does not exist."""
    request_id = request_swap(test_ward)
    if accepted:
        test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(request_id))
    state = request_state(test_ward, request_id)

    existing = reply_to(test_ward, "Ola Nordmann", message, request_id)
    missing = reply_to(test_ward, "Ola Nordmann", message, MISSING_REQUEST_ID)

    assert existing == expected.format(id=request_id)
    assert missing == expected.format(id=MISSING_REQUEST_ID)
    assert request_state(test_ward, request_id) == state


@pytest.mark.parametrize(
    "action", [ButtonAction.APPROVE, ButtonAction.REJECT, ButtonAction.ACCEPT, ButtonAction.DECLINE]
)
def test_outsider_button_cannot_tell_request_exists(
    test_ward: SeededWard, action: ButtonAction
) -> None:
    """A forged button press on Kari's swap gets the reply of one for a missing request."""
    request_id = request_swap(test_ward)

    (existing,) = texts(test_ward.press("Ola Nordmann", action, str(request_id)))
    (missing,) = texts(test_ward.press("Ola Nordmann", action, str(MISSING_REQUEST_ID)))

    assert existing == NOT_FOUND_REPLY.format(id=request_id)
    assert missing == NOT_FOUND_REPLY.format(id=MISSING_REQUEST_ID)
    assert request_state(test_ward, request_id) == RequestState.PENDING


def test_outsider_sees_no_decided_request(test_ward: SeededWard) -> None:
    """An approved swap stays hidden from Ola too: its state is not revealed."""
    request_id = request_swap(test_ward)
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(request_id))
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    outcome = test_ward.say("Ola Nordmann", f"ja til bytte {request_id}")

    assert texts(outcome) == [APPROVE_REFUSAL.format(id=request_id)]
    assert request_state(test_ward, request_id) == RequestState.APPROVED


def test_colleague_may_see_an_offer(test_ward: SeededWard) -> None:
    """An offer is for every colleague, so Kari may take it, and «godkjenn» says how to."""
    request_id = confirmed_request(test_ward, "Per Hansen", "Kan noen ta dagvakta mi lørdag?")

    (take,) = texts(test_ward.say("Kari Nordmann", f"jeg tar {request_id}"))
    test_ward.say("Kari Nordmann", "nei")
    (approve,) = texts(test_ward.say("Kari Nordmann", f"godkjenn {request_id}"))

    assert take.startswith(f"Tar over #{request_id} vakt lagt ut: Per Hansen D lørdag 9. januar")
    assert approve == (
        f"Forespørsel #{request_id} er ikke et bytte: Per Hansen gir bort D-vakta lørdag "
        f"9. januar. Vil du ta den, skriv «jeg tar {request_id}»."
    )


def test_colleagues_open_request_is_not_described(test_ward: SeededWard) -> None:
    """Ola, asking for Per's Saturday that Kari's swap already moves, learns no number or name."""
    request_swap(test_ward)

    (reply,) = texts(
        test_ward.say("Ola Nordmann", "Vil bytte kveldsvakt torsdag mot Per sin dagvakt lørdag")
    )

    assert reply == (
        "Vakta er allerede med i en åpen forespørsel fra en kollega. Vent til den er avgjort."
    )


DECIDED_REPLIES = [
    pytest.param(
        "Per Hansen",
        "Forespørsel #{id} er allerede godkjent av leder Marit Solberg. Ingenting mer ble endret.",
        id="colleague",
    ),
    pytest.param(
        "Marit Solberg",
        "Du har allerede godkjent forespørsel #{id}. Ingenting mer ble endret.",
        id="manager",
    ),
]


@pytest.mark.parametrize(("name", "expected"), DECIDED_REPLIES)
def test_decided_request_says_it_is_decided(
    test_ward: SeededWard, name: str, expected: str
) -> None:
    """«ja til bytte N» on an approved swap names the decision and who made it."""
    request_id = request_swap(test_ward)
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(request_id))
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    outcome = test_ward.say(name, f"ja til bytte {request_id}")

    assert texts(outcome) == [expected.format(id=request_id)]
    assert request_state(test_ward, request_id) == RequestState.APPROVED


def stored_duplicate(ward: SeededWard, request_id: int) -> int:
    """Store a copy of a request as a new one, as two requests made before the check did."""
    with ward.database.store() as store:
        original = store.shift_requests.get(request_id)
        assert original is not None
        copy = ShiftRequest(
            0,
            original.unit_id,
            original.kind,
            RequestState.PENDING,
            original.requester_id,
            original.day,
            original.shift_code,
            counterpart_id=original.counterpart_id,
            counterpart_day=original.counterpart_day,
            counterpart_shift_code=original.counterpart_shift_code,
        )
        return store.shift_requests.add(copy, actor_id=None).id


def open_request_ids(ward: SeededWard) -> list[int]:
    with ward.database.store() as store:
        return [request.id for request in store.shift_requests.list_open(ward.unit.id)]


def test_second_request_for_the_same_swap_is_refused(test_ward: SeededWard) -> None:
    """Asking for the same swap again names the open request instead of making another."""
    request_id = request_swap(test_ward)

    (reply,) = texts(
        test_ward.say("Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag")
    )

    assert reply.startswith(
        "Du har allerede en åpen forespørsel for denne vakta: "
        f"#{request_id} bytte: Kari Nordmann D torsdag 7. januar"
    )
    assert reply.endswith(f"eller trekk den tilbake med «trekk tilbake {request_id}».")
    assert open_request_ids(test_ward) == [request_id]


def test_shift_in_a_colleagues_open_request_is_refused(test_ward: SeededWard) -> None:
    """Per cannot offer his Saturday shift while Kari's swap for it waits for him."""
    request_id = request_swap(test_ward)

    (reply,) = texts(test_ward.say("Per Hansen", "Kan noen ta dagvakta mi lørdag?"))

    assert reply.startswith(f"Vakta er allerede med i en åpen forespørsel: #{request_id} bytte:")
    assert reply.endswith("Vent til den er avgjort.")
    assert open_request_ids(test_ward) == [request_id]


def test_second_request_for_the_same_open_shift_is_refused(test_ward: SeededWard) -> None:
    """Kari asking twice to take Friday's open day shift gets the first request's number."""
    test_ward.say("Kari Nordmann", "Jeg tar den ledige vakta fredag")
    (request_id,) = {
        r.request_id
        for r in test_ward.say("Kari Nordmann", "ja").replies
        if r.request_id is not None
    }

    (reply,) = texts(test_ward.say("Kari Nordmann", "Jeg tar den ledige vakta fredag"))

    assert f"#{request_id}" in reply
    assert open_request_ids(test_ward) == [request_id]


def test_approving_an_outdated_swap_changes_nothing(test_ward: SeededWard) -> None:
    """Once one of two equal swaps is approved, approving the other says it is out of date."""
    first = request_swap(test_ward)
    second = stored_duplicate(test_ward, first)
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(first))
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(second))
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(first))

    outcome = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(second))

    (decision,) = own_replies(outcome)
    assert decision.text == (
        f"#{second} bytte: Kari Nordmann D torsdag 7. januar ↔ Per Hansen D lørdag 9. januar "
        "(utdatert): Kari Nordmann har ikke lenger D-vakta torsdag 7. januar. Vakta ble "
        f"flyttet av forespørsel #{first}, som leder Marit Solberg godkjente. Denne "
        "forespørselen er derfor lukket, og ingenting i turnusen ble endret."
    )
    assert decision.replace_original is True
    assert all("(godkjent)" not in reply.text for reply in outcome.replies)
    assert len(replies_to(test_ward, outcome, "Kari Nordmann")) == 1
    assert len(replies_to(test_ward, outcome, "Per Hansen")) == 1
    assert request_state(test_ward, second) == RequestState.OUTDATED
    assert test_ward.published_shift("Kari Nordmann", SATURDAY) == "D"
    assert test_ward.published_shift("Per Hansen", THURSDAY) == "D"


def test_accepting_an_outdated_swap_reaches_no_manager(test_ward: SeededWard) -> None:
    """Kari's sick leave closed the swap of her released shift, so Per's «Godta» changes nothing."""
    request_id = request_swap(test_ward)
    test_ward.say("Kari Nordmann", "Jeg er syk torsdag")
    registered = test_ward.say("Kari Nordmann", "ja")

    outcome = test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(request_id))

    (to_per,) = replies_to(test_ward, registered, "Per Hansen")
    assert "(utdatert): Kari Nordmann har ikke lenger D-vakta torsdag 7. januar." in to_per.text
    assert texts(outcome) == [
        f"Forespørsel #{request_id} er allerede lukket: Kari Nordmann har ikke lenger D-vakta "
        "torsdag 7. januar. Vakta ble ledig da Kari Nordmann registrerte fravær. Ingenting ble "
        "endret."
    ]
    assert replies_to(test_ward, outcome, "Marit Solberg") == []
    assert request_state(test_ward, request_id) == RequestState.OUTDATED
    assert test_ward.published_shift("Per Hansen", THURSDAY) is None


def closing_reply(outcome: Outcome, request_id: int) -> str:
    """Return the actor's reply in `outcome` that closes request `request_id`."""
    (reply,) = [r for r in own_replies(outcome) if r.request_id == request_id]
    return reply.text


def test_swap_after_approved_vacation_names_it(test_ward: SeededWard) -> None:
    """Approving Kari's vacation closes her accepted swap of a shift it opens, naming it."""
    swap = request_swap(test_ward)
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(swap))
    vacation = confirmed_request(test_ward, "Kari Nordmann", "Ferie torsdag")

    outcome = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(vacation))

    assert closing_reply(outcome, swap).endswith(
        "(utdatert): Kari Nordmann har ikke lenger D-vakta torsdag 7. januar. Vakta ble ledig "
        f"da forespørsel #{vacation} om ferie ble godkjent av leder Marit Solberg. Denne "
        "forespørselen er derfor lukket, og ingenting i turnusen ble endret."
    )
    assert request_state(test_ward, swap) == RequestState.OUTDATED
    assert test_ward.published_shift("Per Hansen", THURSDAY) is None


def test_swap_after_approved_repair_names_it(test_ward: SeededWard) -> None:
    """Approving a repair that moves a shift of an accepted swap closes the swap, naming it."""
    swap = request_swap(test_ward)
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(swap))
    repair = stored_repair(
        test_ward,
        RosterDifference(test_ward.staff["Kari Nordmann"].id, THURSDAY, "D", None),
        RosterDifference(test_ward.staff["Ingrid Hansen"].id, THURSDAY, None, "D"),
    ).id

    outcome = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(repair))

    assert closing_reply(outcome, swap).endswith(
        "(utdatert): Kari Nordmann har ikke lenger D-vakta torsdag 7. januar. Vakta ble "
        f"flyttet av endringsforslag #{repair}, som leder Marit Solberg godkjente. Denne "
        "forespørselen er derfor lukket, og ingenting i turnusen ble endret."
    )
    assert request_state(test_ward, swap) == RequestState.OUTDATED
    assert test_ward.published_shift("Ingrid Hansen", THURSDAY) == "D"
    assert test_ward.published_shift("Per Hansen", THURSDAY) is None


def test_take_after_approved_repair_names_it(test_ward: SeededWard) -> None:
    """Approving a take of an open shift that an approved repair filled names the repair."""
    take = confirmed_request(test_ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")
    repair = stored_repair(
        test_ward, RosterDifference(test_ward.staff["Per Hansen"].id, FRIDAY, None, "D")
    ).id
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(repair))

    (decision,) = texts(test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(take)))

    assert decision.endswith(
        "(utdatert): D-vakta fredag 8. januar er ikke ledig lenger. Vakta ble flyttet av "
        f"endringsforslag #{repair}, som leder Marit Solberg godkjente. Denne forespørselen "
        "er derfor lukket, og ingenting i turnusen ble endret."
    )
    assert request_state(test_ward, take) == RequestState.OUTDATED
    assert test_ward.published_shift("Kari Nordmann", FRIDAY) is None


def test_swap_after_planner_edit_says_so(test_ward: SeededWard) -> None:
    """Approving a swap of a shift the planner took out of the roster says the planner did it."""
    swap = request_swap(test_ward)
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(swap))
    set_published_shift(test_ward, "Kari Nordmann", THURSDAY, None)

    (decision,) = texts(test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(swap)))

    assert decision.endswith(
        "(utdatert): Kari Nordmann har ikke lenger D-vakta torsdag 7. januar. Planleggeren har "
        "endret turnusen etter at forespørselen ble sendt. Denne forespørselen er derfor "
        "lukket, og ingenting i turnusen ble endret."
    )
    assert request_state(test_ward, swap) == RequestState.OUTDATED
    assert test_ward.published_shift("Per Hansen", THURSDAY) is None
    assert test_ward.published_shift("Kari Nordmann", SATURDAY) is None


def test_swap_after_sick_report_names_it(test_ward: SeededWard) -> None:
    """Kari's sick report closes her accepted swap, naming an absence but no health detail."""
    swap = request_swap(test_ward)
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(swap))
    test_ward.say("Kari Nordmann", "syk i morgen")

    outcome = test_ward.say("Kari Nordmann", "ja")

    assert closing_reply(outcome, swap).endswith(
        "(utdatert): Kari Nordmann har ikke lenger D-vakta torsdag 7. januar. Vakta ble ledig "
        "da Kari Nordmann registrerte fravær. Denne forespørselen er derfor lukket, og "
        "ingenting i turnusen ble endret."
    )
    assert request_state(test_ward, swap) == RequestState.OUTDATED


def test_swap_after_planner_edit_in_english(test_ward: SeededWard) -> None:
    """The English reply on a swap the planner's edit outdated says the planner changed it."""
    swap = request_swap(test_ward)
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(swap))
    set_published_shift(test_ward, "Kari Nordmann", THURSDAY, None)
    test_ward.chat("Marit Solberg").locale = "en"

    (decision,) = texts(test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(swap)))

    assert "The planner has changed the roster since the request was made." in decision
    assert decision.endswith("nothing in the roster was changed.")


def test_request_moves_only_shifts_it_names() -> None:
    """A swap moves both named shifts, an offer one, a take of an open shift none."""
    swap = ShiftRequest(
        1,
        1,
        RequestKind.SWAP,
        RequestState.PENDING,
        3,
        THURSDAY,
        "D",
        counterpart_id=4,
        counterpart_day=SATURDAY,
        counterpart_shift_code="D",
    )
    offer = ShiftRequest(2, 1, RequestKind.OFFER, RequestState.PENDING, 4, SATURDAY, "D")
    take = ShiftRequest(3, 1, RequestKind.TAKE, RequestState.ACCEPTED, 3, FRIDAY, "D")

    assert swap.moved_shifts() == {(3, THURSDAY, "D"), (4, SATURDAY, "D")}
    assert swap.overlaps(offer)
    assert not offer.overlaps(take)
    assert take.overlaps(take)


def test_open_shift_taken_by_another_is_outdated(test_ward: SeededWard) -> None:
    """Kari and Per both ask for Friday's open day shift; the second approval finds it filled."""
    take_ids = []
    for name in ("Kari Nordmann", "Per Hansen"):
        test_ward.say(name, "Jeg tar den ledige vakta fredag")
        take_ids += [
            r.request_id for r in own_replies(test_ward.say(name, "ja")) if r.request_id is not None
        ]
    first, second = take_ids
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(first))

    (decision,) = texts(test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(second)))

    assert decision.endswith(
        "(utdatert): D-vakta fredag 8. januar er ikke ledig lenger. Vakta ble flyttet av "
        f"forespørsel #{first}, som leder Marit Solberg godkjente. Denne forespørselen er "
        "derfor lukket, og ingenting i turnusen ble endret."
    )
    assert request_state(test_ward, second) == RequestState.OUTDATED
    assert test_ward.published_shift("Kari Nordmann", FRIDAY) == "D"
    assert test_ward.published_shift("Per Hansen", FRIDAY) is None


def set_roles(ward: SeededWard, name: str, *roles: Role) -> None:
    with ward.database.store() as store:
        store.employees.update_roles(ward.staff[name].id, {Role.EMPLOYEE, *roles}, actor_id=None)


def offer_taken_by_per(ward: SeededWard) -> tuple[int, Outcome]:
    """Kari offers her Thursday day shift and Per takes it; returns its id and Per's «ja»."""
    request_id = confirmed_request(ward, "Kari Nordmann", "Kan noen ta dagvakta mi torsdag?")
    ward.say("Per Hansen", f"jeg tar {request_id}")
    return request_id, ward.say("Per Hansen", "ja")


def test_manager_party_gets_no_approval_card(test_ward: SeededWard) -> None:
    """When Kari, a manager, gives her shift away, only Marit is asked to decide."""
    set_roles(test_ward, "Kari Nordmann", Role.MANAGER)

    _, taken = offer_taken_by_per(test_ward)

    (card,) = replies_to(test_ward, taken, "Marit Solberg")
    assert card.kind == ReplyKind.APPROVAL
    kari_replies = replies_to(test_ward, taken, "Kari Nordmann")
    assert [reply.kind for reply in kari_replies] != [ReplyKind.APPROVAL]
    assert all(not reply.buttons for reply in kari_replies)


@pytest.mark.parametrize("how", ["typed", "button"])
def test_manager_cannot_approve_own_request(test_ward: SeededWard, how: str) -> None:
    """Kari, a manager, is told that Marit decides the offer Kari herself made."""
    set_roles(test_ward, "Kari Nordmann", Role.MANAGER)
    request_id, _ = offer_taken_by_per(test_ward)

    if how == "typed":
        outcome = test_ward.say("Kari Nordmann", f"Godkjenn {request_id}")
    else:
        outcome = test_ward.press("Kari Nordmann", ButtonAction.APPROVE, str(request_id))

    assert texts(outcome) == [
        f"Du er selv part i forespørsel #{request_id}, så du kan ikke avgjøre den. "
        "Den venter på Marit Solberg."
    ]
    assert request_state(test_ward, request_id) == RequestState.ACCEPTED
    assert test_ward.published_shift("Per Hansen", THURSDAY) is None


def test_manager_who_takes_a_shift_cannot_reject_it(test_ward: SeededWard) -> None:
    """Per, a manager, takes Kari's offer, and may not reject the request he is part of."""
    set_roles(test_ward, "Per Hansen", Role.MANAGER)
    request_id, _ = offer_taken_by_per(test_ward)

    outcome = test_ward.say("Per Hansen", f"Avslå {request_id}")

    assert "Du er selv part i forespørsel" in texts(outcome)[0]
    assert request_state(test_ward, request_id) == RequestState.ACCEPTED


def test_other_manager_approves_and_is_recorded(test_ward: SeededWard) -> None:
    """Marit approves Kari's offer; the decision names her and the audit log has it."""
    set_roles(test_ward, "Kari Nordmann", Role.MANAGER)
    request_id, _ = offer_taken_by_per(test_ward)

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    assert "Marit Solberg" in texts(approved)[0]
    assert test_ward.published_shift("Per Hansen", THURSDAY) == "D"
    with test_ward.database.store() as store:
        request = store.shift_requests.get(request_id)
        entries = store.audit.list("shift_request", request_id)
    assert request is not None
    assert request.decided_by_id == test_ward.staff["Marit Solberg"].id
    assert entries[-1].actor_id == test_ward.staff["Marit Solberg"].id
    assert entries[-1].details["state"] == "approved"


NO_OTHER_DECIDER = (
    "Du er selv part i forespørsel #{id}, så du kan ikke avgjøre den, og avdelingen har ingen "
    "annen leder eller administrator som kan. Be en administrator gi en annen ansatt i "
    'avdelingen rollen leder med «vaktbot employee role NAVN leder --unit "Nordvik '
    'sykehjem"». Den personen kan da godkjenne eller avslå den.'
)


def test_sole_manager_is_told_who_must_decide(test_ward: SeededWard) -> None:
    """With Kari the only manager, her own offer goes to nobody, and she is told why."""
    set_roles(test_ward, "Kari Nordmann", Role.MANAGER)
    set_roles(test_ward, "Marit Solberg")

    request_id, taken = offer_taken_by_per(test_ward)
    refused = test_ward.say("Kari Nordmann", f"Godkjenn {request_id}")

    assert [reply.text for reply in replies_to(test_ward, taken, "Kari Nordmann")][-1] == (
        NO_OTHER_DECIDER.format(id=request_id)
    )
    assert not any(reply.kind == ReplyKind.APPROVAL for reply in taken.replies)
    assert texts(refused) == [NO_OTHER_DECIDER.format(id=request_id)]
    assert request_state(test_ward, request_id) == RequestState.ACCEPTED


def test_administrator_decides_when_the_manager_is_party(test_ward: SeededWard) -> None:
    """With Kari the only manager, the unit's administrator Turid gets the card."""
    set_roles(test_ward, "Kari Nordmann", Role.MANAGER)
    set_roles(test_ward, "Marit Solberg")
    set_roles(test_ward, "Turid Lie", Role.PLANNER, Role.ADMIN)

    request_id, taken = offer_taken_by_per(test_ward)
    approved = test_ward.press("Turid Lie", ButtonAction.APPROVE, str(request_id))

    (card,) = replies_to(test_ward, taken, "Turid Lie")
    assert card.kind == ReplyKind.APPROVAL
    assert request_state(test_ward, request_id) == RequestState.APPROVED
    assert "Turid Lie" in texts(approved)[0]


def accepted_swap(ward: SeededWard) -> int:
    request_id = request_swap(ward)
    ward.press("Per Hansen", ButtonAction.ACCEPT, str(request_id))
    return request_id


def test_rejection_reason_reaches_the_parties(test_ward: SeededWard) -> None:
    """«Avslå N fordi …» reads the reason back, stores it and tells both parties."""
    request_id = accepted_swap(test_ward)

    read_back = test_ward.say(
        "Marit Solberg", f"Avslå {request_id} fordi bemanningen blir for svak"
    )
    rejected = test_ward.say("Marit Solberg", "ja")

    assert "med begrunnelsen «bemanningen blir for svak»" in texts(read_back)[0]
    for name in ("Kari Nordmann", "Per Hansen"):
        (notice,) = replies_to(test_ward, rejected, name)
        assert notice.text.endswith(
            "avslått av Marit Solberg. Begrunnelse: «bemanningen blir for svak»"
        )
    with test_ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    assert request.state == RequestState.REJECTED
    assert request.note == "bemanningen blir for svak"


def test_rejection_without_reason_says_none(test_ward: SeededWard) -> None:
    """A rejection with no reason stores an empty note and adds no «Begrunnelse»."""
    request_id = accepted_swap(test_ward)

    test_ward.say("Marit Solberg", f"Avslå {request_id}")
    rejected = test_ward.say("Marit Solberg", "ja")

    (notice,) = replies_to(test_ward, rejected, "Kari Nordmann")
    assert notice.text.endswith("avslått av Marit Solberg.")
    with test_ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    assert request.note == ""


def test_colleague_declines_with_reason(test_ward: SeededWard) -> None:
    """Per says no to Kari's swap with a reason, and Kari gets it."""
    request_id = request_swap(test_ward)

    test_ward.say("Per Hansen", f"nei til bytte {request_id} fordi jeg skal i bryllup")
    declined = test_ward.say("Per Hansen", "ja")

    (notice,) = replies_to(test_ward, declined, "Kari Nordmann")
    assert notice.text.endswith("avslått av Per Hansen. Begrunnelse: «jeg skal i bryllup»")
    assert request_state(test_ward, request_id) == RequestState.DECLINED


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        pytest.param(
            "Avslå 3 fordi bemanningen blir for svak", "bemanningen blir for svak", id="fordi"
        ),
        pytest.param(
            "avslå 3: for få sykepleiere på natt", "for få sykepleiere på natt", id="colon"
        ),
        pytest.param("Avslå 3 – for få på jobb", "for få på jobb", id="dash"),
        pytest.param("Avslå 3 pga. for lav bemanning", "for lav bemanning", id="pga"),
        pytest.param("Avslå 3, grunnen er at vi mangler folk", "vi mangler folk", id="grunnen"),
        pytest.param("Avslå #3 fordi Ola er syk fredag", "Ola er syk fredag", id="date-in-reason"),
        pytest.param("reject 3 because we are short", "we are short", id="english"),
        pytest.param("Avslå 3", "", id="none"),
        pytest.param("nei til bytte 12", "", id="no-reason"),
    ],
)
def test_rejection_reason_is_read_from_the_message(message: str, expected: str) -> None:
    """The reason is the text after «fordi», «pga.», «grunnen er», a colon or a dash."""
    assert rejection_reason(message) == expected


def test_swap_suggestions_leave_out_managers(test_ward: SeededWard) -> None:
    """Kari, the only legal partner, is not suggested once she is a manager."""
    set_roles(test_ward, "Kari Nordmann", Role.MANAGER)

    (reply,) = texts(test_ward.say("Per Hansen", "Kan jeg bytte dagvakta mi lørdag med Ingrid?"))

    assert reply.startswith("Endringen bryter en regel:")
    assert "Kari Nordmann" not in reply


def test_swap_suggestions_say_without_breaking_rules(test_ward: SeededWard) -> None:
    """The suggestion of legal takers says they take the shift without breaking rules."""
    (reply,) = texts(test_ward.say("Per Hansen", "Kan jeg bytte dagvakta mi lørdag med Ingrid?"))

    assert reply.endswith(
        "Kari Nordmann har fri lørdag 9. januar og kan ta vakta di uten å bryte en regel, men "
        "kan ikke bytte med deg den dagen. Vil du gi bort vakta, skriv «Kan noen ta vakta mi "
        "9. januar?», så går tilbudet til alle som kan ta den."
    )


def test_manager_offer_without_takers_asks_no_manager(test_ward: SeededWard) -> None:
    """A manager whose offered shift nobody can take is not told to ask her manager."""
    set_roles(test_ward, "Turid Lie", Role.PLANNER, Role.MANAGER)
    test_ward.say("Turid Lie", "Kan noen ta nattevakta mi onsdag 13. januar?")

    (reply,) = texts(test_ward.say("Turid Lie", "ja"))

    assert "lederen din" not in reply
    assert reply.endswith(
        "Akkurat nå kan ingen kollega ta den uten å bryte en regel, så vakta "
        "kan trenge annen dekning, for eksempel en ekstravakt."
    )


REJECTED_REPLIES = [
    pytest.param(
        "Marit Solberg",
        "Godkjenn",
        "Du har allerede avslått forespørsel #{id}. Ingenting ble endret.",
        id="approve",
    ),
    pytest.param(
        "Marit Solberg",
        "Avslå",
        "Du har allerede avslått forespørsel #{id}. Ingenting ble endret.",
        id="reject",
    ),
    pytest.param(
        "Kari Nordmann",
        "Trekk tilbake",
        "Forespørsel #{id} er allerede avslått av leder Marit Solberg. Ingenting ble endret.",
        id="cancel",
    ),
]


@pytest.mark.parametrize(("name", "verb", "expected"), REJECTED_REPLIES)
def test_decided_request_is_named_as_decided(
    test_ward: SeededWard, name: str, verb: str, expected: str
) -> None:
    """Acting again on a rejected request says it is already rejected, and by whom."""
    request_id = request_swap(test_ward)
    test_ward.press("Per Hansen", ButtonAction.ACCEPT, str(request_id))
    test_ward.press("Marit Solberg", ButtonAction.REJECT, str(request_id))

    outcome = test_ward.say(name, f"{verb} {request_id}")

    assert texts(outcome) == [expected.format(id=request_id)]


def test_own_rule_break_is_told_as_du(test_ward: SeededWard) -> None:
    """Kari, who cannot work Saturday, reads that she («du») said so, not her own name."""
    test_ward.say("Kari Nordmann", "Kan ikke jobbe lørdag")
    test_ward.say("Kari Nordmann", "ja")

    (reply,) = texts(
        test_ward.say("Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag")
    )

    assert reply.startswith(
        "Endringen bryter en regel: Du har meldt at du ikke kan jobbe lørdag 9. januar, men har D."
    )
    assert "Kari Nordmann har meldt" not in reply


OFFER_AS_SWAP_REPLIES = [
    pytest.param(
        "nb",
        "Forespørsel #{id} er ikke et bytte: Per Hansen gir bort D-vakta lørdag 9. januar. "
        "Vil du ta den, skriv «jeg tar {id}».",
        id="nb",
    ),
    pytest.param(
        "nn",
        "Førespurnad #{id} er ikkje eit byte: Per Hansen gjev bort D-vakta laurdag 9. januar. "
        "Vil du ta ho, skriv «eg tek {id}».",
        id="nn",
    ),
    pytest.param(
        "en",
        "Request #{id} is not a swap: Per Hansen gives away the D shift on Saturday 9 January. "
        "To take it, write «I take {id}».",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "expected"), OFFER_AS_SWAP_REPLIES)
def test_yes_to_swap_on_an_offer_says_how_to_take_it(
    test_ward: SeededWard, locale: str, expected: str
) -> None:
    """«ja til bytte N» on a shift given away says it is an offer, taken with «jeg tar N»."""
    request_id = confirmed_request(test_ward, "Per Hansen", "Kan noen ta dagvakta mi lørdag?")

    outcome = test_ward.say_in(locale, "Kari Nordmann", f"ja til bytte {request_id}")

    assert texts(outcome) == [expected.format(id=request_id)]
    assert request_state(test_ward, request_id) == RequestState.PENDING


def test_no_to_swap_on_an_offer_says_no_answer_is_needed(test_ward: SeededWard) -> None:
    """«nei til bytte N» on a shift given away says nobody needs to answer an offer."""
    request_id = confirmed_request(test_ward, "Per Hansen", "Kan noen ta dagvakta mi lørdag?")

    outcome = test_ward.say("Kari Nordmann", f"nei til bytte {request_id}")

    assert texts(outcome) == [
        f"Forespørsel #{request_id} er ikke et bytte: Per Hansen gir bort D-vakta lørdag "
        f"9. januar, så du trenger ikke svare på den. Vil du ta den, skriv «jeg tar "
        f"{request_id}»."
    ]
    assert request_state(test_ward, request_id) == RequestState.PENDING


def approved_swap(ward: SeededWard) -> int:
    """Kari's Thursday day shift swapped for Per's Saturday one, accepted and approved."""
    request_id = request_swap(ward)
    ward.press("Per Hansen", ButtonAction.ACCEPT, str(request_id))
    ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))
    return request_id


APPROVED_SWAP_REPLIES = [
    pytest.param(
        "nb",
        "Forespørsel #{id} er allerede godkjent, så vaktene er byttet i turnusen. Vil du bytte "
        "tilbake, be om et nytt bytte, for eksempel «bytte 9. januar med Per Hansen».",
        id="nb",
    ),
    pytest.param(
        "nn",
        "Førespurnad #{id} er allereie godkjend, så vaktene er bytte i turnusen. Vil du byte "
        "tilbake, be om eit nytt byte, til dømes «byte 9. januar med Per Hansen».",
        id="nn",
    ),
    pytest.param(
        "en",
        "Request #{id} is already approved, so the shifts are swapped in the roster. To swap "
        "back, ask for a new swap, for example «bytte 9 January med Per Hansen».",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "expected"), APPROVED_SWAP_REPLIES)
def test_withdrawing_an_approved_swap_says_how_to_swap_back(
    test_ward: SeededWard, locale: str, expected: str
) -> None:
    """«Trekk tilbake N» on an approved swap says it is approved and suggests a swap back."""
    request_id = approved_swap(test_ward)

    outcome = test_ward.say_in(locale, "Kari Nordmann", f"Trekk tilbake {request_id}")

    assert texts(outcome) == [expected.format(id=request_id)]
    assert request_state(test_ward, request_id) == RequestState.APPROVED


def test_suggested_swap_back_is_read_back(test_ward: SeededWard) -> None:
    """The swap the refusal suggests is a message the parser and the core understand."""
    approved_swap(test_ward)

    (read_back,) = texts(test_ward.say("Kari Nordmann", "bytte 9. januar med Per Hansen"))

    assert "lørdag 9. januar" in read_back
    assert "Per Hansen" in read_back


APPROVED_TAKE_REPLIES = [
    pytest.param(
        "nb",
        "Forespørsel #{id} er allerede godkjent, så D-vakta fredag 8. januar er din. Vil du gi "
        "den bort, skriv «Kan noen ta vakta mi 8. januar?».",
        id="nb",
    ),
    pytest.param(
        "nn",
        "Førespurnad #{id} er allereie godkjend, så D-vakta fredag 8. januar er di. Vil du gi "
        "ho bort, skriv «Kan nokon ta vakta mi 8. januar?».",
        id="nn",
    ),
    pytest.param(
        "en",
        "Request #{id} is already approved, so the D shift on Friday 8 January is yours. To give "
        "it away, write «Can someone take my shift on 8 January?».",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "expected"), APPROVED_TAKE_REPLIES)
def test_withdrawing_an_approved_take_says_how_to_give_it_away(
    test_ward: SeededWard, locale: str, expected: str
) -> None:
    """An approved take of an open shift is undone by offering the shift, as the reply says."""
    request_id = confirmed_request(test_ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    outcome = test_ward.say_in(locale, "Kari Nordmann", f"trekk tilbake {request_id}")

    assert texts(outcome) == [expected.format(id=request_id)]


def test_withdrawing_an_approved_offer_names_who_has_the_shift(test_ward: SeededWard) -> None:
    """An approved offer can only be given back by the colleague who has the shift now."""
    request_id = confirmed_request(test_ward, "Per Hansen", "Kan noen ta dagvakta mi lørdag?")
    test_ward.say("Kari Nordmann", f"jeg tar {request_id}")
    test_ward.say("Kari Nordmann", "ja")
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    outcome = test_ward.say("Per Hansen", f"trekk tilbake {request_id}")

    assert texts(outcome) == [
        f"Forespørsel #{request_id} er allerede godkjent, så Kari Nordmann har D-vakta di "
        "lørdag 9. januar nå. Bare Kari Nordmann kan gi den tilbake, ved å skrive «Kan noen "
        "ta vakta mi 9. januar?». Skriv så «jeg tar» og nummeret på det tilbudet."
    ]


MANAGER_ONLY_REPLIES = [
    pytest.param("nb", "Godkjenn", APPROVE_REFUSAL, id="nb-approve"),
    pytest.param("nb", "Avslå", REJECT_REFUSAL, id="nb-reject"),
    pytest.param(
        "nn",
        "Godkjenn",
        "Det finst ingen førespurnad #{id} til deg. «Vis ventande søknader» viser "
        "førespurnadene du kan svare på, med numra deira. Andre førespurnader blir godkjende "
        "av leiaren for Nordvik sykehjem.",
        id="nn-approve",
    ),
    pytest.param(
        "en",
        "Godkjenn",
        "There is no request #{id} for you to answer. «Show pending swaps» lists the requests "
        "you can answer, with their numbers. Other requests are approved by the manager of "
        "Nordvik sykehjem.",
        id="en-approve",
    ),
]


@pytest.mark.parametrize(("locale", "verb", "expected"), MANAGER_ONLY_REPLIES)
def test_decision_by_a_colleague_names_the_manager(
    test_ward: SeededWard, locale: str, verb: str, expected: str
) -> None:
    """«Godkjenn N» on another's request from a colleague says it is not theirs and who decides."""
    request_id = confirmed_request(test_ward, "Kari Nordmann", "Ferie 1.–14. juli")

    outcome = test_ward.say_in(locale, "Ola Nordmann", f"{verb} {request_id}")

    assert texts(outcome) == [expected.format(id=request_id)]


def test_decision_by_a_colleague_does_not_reveal_whether_a_request_exists(
    test_ward: SeededWard,
) -> None:
    """Another person's request and a number no request has get the same reply."""
    request_id = confirmed_request(test_ward, "Kari Nordmann", "Ferie 1.–14. juli")

    missing_id = request_id + 100

    (existing,) = texts(test_ward.say("Ola Nordmann", f"Godkjenn {request_id}"))
    (missing,) = texts(test_ward.say("Ola Nordmann", f"Godkjenn {missing_id}"))

    assert existing == APPROVE_REFUSAL.format(id=request_id)
    assert missing == APPROVE_REFUSAL.format(id=missing_id)


def test_manager_is_told_a_missing_request_is_not_found(test_ward: SeededWard) -> None:
    """A manager sees every request of the unit, so a number none has is not found."""
    outcome = test_ward.say("Marit Solberg", "Godkjenn 999")

    assert texts(outcome) == [NOT_FOUND_REPLY.format(id=999)]


WHICH_REQUEST_QUESTIONS = [
    pytest.param(
        "nb",
        "Avslå abc",
        "Hvilken forespørsel vil du avslå? Skriv nummeret, for eksempel «Avslå 42». «Vis "
        "ventende bytter» viser dem.",
        id="nb-reject",
    ),
    pytest.param(
        "nb",
        "Godkjenn den",
        "Hvilken forespørsel vil du godkjenne? Skriv nummeret, for eksempel «Godkjenn 42». "
        "«Vis ventende bytter» viser dem.",
        id="nb-approve",
    ),
    pytest.param(
        "nb",
        "Trekk tilbake forespørselen",
        "Hvilken forespørsel vil du trekke tilbake? Skriv nummeret, for eksempel «Trekk "
        "tilbake 42». «Vis ventende bytter» viser dem.",
        id="nb-cancel",
    ),
    pytest.param(
        "nn",
        "Avslå abc",
        "Kva førespurnad vil du avslå? Skriv nummeret, til dømes «Avslå 42». «Vis ventande "
        "søknader» viser dei.",
        id="nn-reject",
    ),
    pytest.param(
        "en",
        "Avslå abc",
        "Which request do you want to reject? Write its number, for example «Reject 42». "
        "«Show pending swaps» lists them.",
        id="en-reject",
    ),
]


@pytest.mark.parametrize(("locale", "text", "expected"), WHICH_REQUEST_QUESTIONS)
def test_decision_without_number_shows_the_whole_command(
    test_ward: SeededWard, locale: str, text: str, expected: str
) -> None:
    """The question for a missing number gives the decision with a number as its example."""
    outcome = test_ward.say_in(locale, "Marit Solberg", text)

    assert texts(outcome) == [expected]


SEVERAL_NUMBERS_REPLIES = [
    pytest.param(
        "nb",
        "Du skrev flere nummer (4, 5), og jeg avgjør én forespørsel om gangen, så jeg har ikke "
        "gjort noe ennå. Hvilken forespørsel vil du godkjenne? Skriv nummeret, for eksempel "
        "«Godkjenn 42». «Vis ventende bytter» viser dem.",
        id="nb",
    ),
    pytest.param(
        "nn",
        "Du skreiv fleire nummer (4, 5), og eg avgjer éin førespurnad om gongen, så eg har ikkje "
        "gjort noko enno. Kva førespurnad vil du godkjenne? Skriv nummeret, til dømes «Godkjenn "
        "42». «Vis ventande søknader» viser dei.",
        id="nn",
    ),
]


@pytest.mark.parametrize(("locale", "expected"), SEVERAL_NUMBERS_REPLIES)
def test_decision_on_two_numbers_decides_nothing(
    test_ward: SeededWard, locale: str, expected: str
) -> None:
    """«Godkjenn 4 og 5» acts on neither request, so a «ja» after it approves nothing."""
    test_ward.say("Per Hansen", "Kan noen ta dagvakta mi lørdag?")
    outcome = test_ward.say("Per Hansen", "ja")
    (request_id,) = {r.request_id for r in outcome.replies if r.request_id is not None}
    test_ward.say("Kari Nordmann", f"jeg tar {request_id}")
    test_ward.say("Kari Nordmann", "ja")
    text = f"Godkjenn {request_id} og {request_id + 1}"

    reply = texts(test_ward.say_in(locale, "Marit Solberg", text))
    test_ward.say_in(locale, "Marit Solberg", "ja")

    numbers = f"{request_id}, {request_id + 1}"
    assert reply == [expected.replace("4, 5", numbers)]
    assert test_ward.published_shift("Per Hansen", SATURDAY) == "D"
    assert test_ward.published_shift("Kari Nordmann", SATURDAY) is None


def test_offer_taken_by_two_colleagues_in_turn(test_ward: SeededWard) -> None:
    """Two nurses read back Per's offer; after Kari's «ja», Turid learns a colleague was first."""
    request_id = confirmed_request(test_ward, "Per Hansen", "Kan noen ta dagvakta mi 15. januar?")
    test_ward.say("Kari Nordmann", f"jeg tar {request_id}")
    test_ward.say("Turid Lie", f"jeg tar {request_id}")
    test_ward.say("Kari Nordmann", "ja")

    outcome = test_ward.say("Turid Lie", "ja")

    assert texts(outcome) == [
        f"Forespørsel #{request_id} er allerede tatt av en kollega, og nå avgjør en leder den. "
        "«Vis ventende bytter» viser vaktene du fortsatt kan ta."
    ]
    with test_ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    assert request.counterpart_id == test_ward.staff["Kari Nordmann"].id


def invited_to(ward: SeededWard, outcome: Outcome) -> set[str]:
    """Return the names of the colleagues an offer's outcome invited."""
    invited = {
        reply.recipient_employee_id
        for reply in outcome.replies
        if reply.kind == ReplyKind.INVITATION
    }
    return {name for name, employee in ward.staff.items() if employee.id in invited}


def offer_of_friday_15(ward: SeededWard) -> int:
    """Send Per's offer of his day shift on Friday 15 January, which Kari and Turid may take."""
    ward.say("Per Hansen", "Kan noen ta dagvakta mi 15. januar?")
    outcome = ward.say("Per Hansen", "ja")
    assert invited_to(ward, outcome) == {"Kari Nordmann", "Turid Lie"}
    (request_id,) = {r.request_id for r in outcome.replies if r.request_id is not None}
    return request_id


def test_take_tells_other_invitees(test_ward: SeededWard) -> None:
    """When Kari takes Per's offer, Turid, also invited, hears it can no longer be taken."""
    request_id = offer_of_friday_15(test_ward)
    test_ward.say("Kari Nordmann", f"jeg tar {request_id}")

    outcome = test_ward.say("Kari Nordmann", "ja")

    (to_turid,) = replies_to(test_ward, outcome, "Turid Lie")
    to_kari = replies_to(test_ward, outcome, "Kari Nordmann")
    assert to_turid.text == (
        f"D-vakta til Per Hansen fredag 15. januar, som du fikk tilbud om i forespørsel "
        f"#{request_id}, kan ikke lenger tas: en annen kollega har tatt den."
    )
    assert to_turid.request_id == request_id
    assert to_kari == []


def test_withdrawal_tells_invitees(test_ward: SeededWard) -> None:
    """Per's withdrawal of his offer tells Kari and Turid, who were invited to take it."""
    request_id = offer_of_friday_15(test_ward)
    test_ward.say("Per Hansen", f"trekk tilbake {request_id}")

    outcome = test_ward.say("Per Hansen", "ja")

    for name in ("Kari Nordmann", "Turid Lie"):
        (notice,) = replies_to(test_ward, outcome, name)
        assert notice.text == (
            f"D-vakta til Per Hansen fredag 15. januar, som du fikk tilbud om i forespørsel "
            f"#{request_id}, kan ikke lenger tas: Per Hansen har trukket tilbake tilbudet."
        )
    assert request_state(test_ward, request_id) == RequestState.CANCELLED


def test_withdrawing_taken_offer_tells_taker_only(test_ward: SeededWard) -> None:
    """After Kari took the offer, Turid already heard it closed, so Per's withdrawal skips her."""
    request_id = offer_of_friday_15(test_ward)
    test_ward.say("Kari Nordmann", f"jeg tar {request_id}")
    test_ward.say("Kari Nordmann", "ja")
    test_ward.say("Per Hansen", f"trekk tilbake {request_id}")

    outcome = test_ward.say("Per Hansen", "ja")

    assert replies_to(test_ward, outcome, "Turid Lie") == []
    assert len(replies_to(test_ward, outcome, "Kari Nordmann")) == 1


def test_colleague_cannot_withdraw_a_swap_asked_of_him(test_ward: SeededWard) -> None:
    """Per, whom Kari's swap is for, gets the refusal of a request that is not his."""
    request_id = request_swap(test_ward)

    outcome = test_ward.say("Per Hansen", f"trekk tilbake {request_id}")

    assert texts(outcome) == [WITHDRAW_REFUSAL.format(id=request_id)]
    assert request_state(test_ward, request_id) == RequestState.PENDING


def test_colleague_cannot_withdraw_an_offer(test_ward: SeededWard) -> None:
    """Kari, who sees Per's offer, is told she can withdraw only her own requests."""
    request_id = confirmed_request(test_ward, "Per Hansen", "Kan noen ta dagvakta mi 15. januar?")

    outcome = test_ward.say("Kari Nordmann", f"trekk tilbake {request_id}")

    assert texts(outcome) == [WITHDRAW_REFUSAL.format(id=request_id)]
    assert request_state(test_ward, request_id) == RequestState.PENDING


OWN_REQUESTS_REPLIES = [
    pytest.param(
        "nb",
        "Du har ingen forespørsel #{other} å trekke tilbake. Du kan trekke tilbake dine egne "
        "ventende forespørsler #{first} og #{second}: skriv for eksempel «trekk tilbake "
        "{first}».",
        id="nb",
    ),
    pytest.param(
        "nn",
        "Du har ingen førespurnad #{other} å trekkje tilbake. Du kan trekkje tilbake dine eigne "
        "ventande førespurnader #{first} og #{second}: skriv til dømes «trekk tilbake "
        "{first}».",
        id="nn",
    ),
    pytest.param(
        "en",
        "There is no request #{other} of yours to withdraw. You can withdraw your own waiting "
        "requests #{first} and #{second}: write for example «withdraw {first}».",
        id="en",
    ),
]


@pytest.mark.parametrize(("locale", "expected"), OWN_REQUESTS_REPLIES)
def test_withdrawal_refusal_names_own_requests(
    test_ward: SeededWard, locale: str, expected: str
) -> None:
    """Per, with two requests waiting, learns their numbers and how to withdraw one."""
    other = request_swap(test_ward)
    first = confirmed_request(test_ward, "Per Hansen", "Kan noen ta dagvakta mi 15. januar?")
    second = confirmed_request(test_ward, "Per Hansen", "Ferie 1.–3. februar")

    outcome = test_ward.say_in(locale, "Per Hansen", f"trekk tilbake {other}")

    assert texts(outcome) == [expected.format(other=other, first=first, second=second)]
