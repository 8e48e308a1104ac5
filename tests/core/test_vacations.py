"""Vacation is a request that a manager approves or rejects; sick leave is registered at once."""

from __future__ import annotations

import datetime as dt

from core.absences import Absence
from core.commands import AbsenceKind, DateRange
from core.employees import Role
from core.messages import ButtonAction, Outcome, Reply, ReplyKind
from core.planning import build_problem
from core.rosters import Assignment, Roster, RosterStatus
from core.shift_requests import RequestKind, RequestState, ShiftRequest
from solver.problem import BlockedDay
from tests.core.ward_cast import SeededWard, texts

FEBRUARY_1 = dt.date(2027, 2, 1)
FEBRUARY_3 = dt.date(2027, 2, 3)
VACATION = DateRange(FEBRUARY_1, FEBRUARY_3)
PERIOD = DateRange(FEBRUARY_1, dt.date(2027, 2, 7))
READ_BACK = (
    "Søker lederen din om ferie fra mandag 1. februar til onsdag 3. februar. Arbeidsgiveren "
    "fastsetter tidspunktet for ferien etter å ha drøftet det med deg, så ferien gjelder "
    "først når en leder har godkjent den. Stemmer det?"
)


def replies_to(ward: SeededWard, outcome: Outcome, name: str) -> list[Reply]:
    employee_id = ward.staff[name].id
    return [reply for reply in outcome.replies if reply.recipient_employee_id == employee_id]


def absences_of(ward: SeededWard, name: str) -> list[Absence]:
    with ward.database.store() as store:
        return store.absences.list_absences(employee_id=ward.staff[name].id)


def stored_request(ward: SeededWard, request_id: int) -> ShiftRequest:
    with ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    return request


def ask_for_vacation(ward: SeededWard, name: str = "Kari Nordmann") -> tuple[int, Outcome]:
    """Send «Ferie 1.–3. februar» as `name` and confirm; return the request id and the outcome."""
    ward.say(name, "Ferie 1.–3. februar")
    outcome = ward.say(name, "ja")
    (request_id,) = {r.request_id for r in outcome.replies if r.request_id is not None}
    assert request_id is not None
    return request_id, outcome


def blocked_days_of(ward: SeededWard, name: str) -> list[int]:
    """Return the day indexes of February's first week that planning blocks for `name`."""
    with ward.database.store() as store:
        planning = build_problem(store, ward.unit, PERIOD)
    token = planning.token_of(ward.staff[name].id)
    return [block.day for block in planning.problem.blocked if block.token == token]


def test_vacation_is_read_back_as_a_request(test_ward: SeededWard) -> None:
    """The read-back says that a manager decides, because the employer sets the time."""
    outcome = test_ward.say("Kari Nordmann", "Ferie 1.–3. februar")

    assert texts(outcome) == [READ_BACK]


def test_vacation_request_waits_for_manager(test_ward: SeededWard) -> None:
    """A confirmed vacation is a request with buttons for Marit, and nothing is registered."""
    request_id, outcome = ask_for_vacation(test_ward)

    assert texts(outcome) == [
        f"Forespørsel #{request_id} om ferie fra mandag 1. februar til onsdag 3. februar er "
        "sendt til lederen din. Jeg sier fra når den er godkjent eller avslått."
    ]
    (card,) = replies_to(test_ward, outcome, "Marit Solberg")
    assert card.kind == ReplyKind.APPROVAL
    assert card.text == (
        f"Venter på avgjørelsen din: #{request_id} ferie: Kari Nordmann fra mandag 1. februar "
        "til onsdag 3. februar (venter på leder)"
    )
    assert [button.label for button in card.buttons] == ["Godkjenn", "Avslå"]
    request = stored_request(test_ward, request_id)
    assert (request.kind, request.state) == (RequestKind.VACATION, RequestState.ACCEPTED)
    assert (request.day, request.last_day) == (FEBRUARY_1, FEBRUARY_3)
    assert absences_of(test_ward, "Kari Nordmann") == []


def test_pending_vacation_is_listed_as_pending(test_ward: SeededWard) -> None:
    """Kari and Marit both see the request as waiting for a manager."""
    request_id, _ = ask_for_vacation(test_ward)
    pending = (
        f"#{request_id} ferie: Kari Nordmann fra mandag 1. februar til onsdag 3. februar "
        "(venter på leder)"
    )

    for name in ("Kari Nordmann", "Marit Solberg"):
        (listing,) = texts(test_ward.say(name, "Vis ventende bytter"))
        assert pending in listing.splitlines(), name


def test_pending_vacation_does_not_block_planning(test_ward: SeededWard) -> None:
    """Until a manager approves it, the planner may still give Kari shifts those days."""
    ask_for_vacation(test_ward)

    assert blocked_days_of(test_ward, "Kari Nordmann") == []


def test_approved_vacation_blocks_like_an_absence(test_ward: SeededWard) -> None:
    """Marit's approval registers the vacation, so planning blocks its days as before."""
    request_id, _ = ask_for_vacation(test_ward)

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    (absence,) = absences_of(test_ward, "Kari Nordmann")
    assert (absence.kind, absence.days) == (AbsenceKind.VACATION, VACATION)
    assert blocked_days_of(test_ward, "Kari Nordmann") == [0, 1, 2]
    (to_kari,) = replies_to(test_ward, approved, "Kari Nordmann")
    assert to_kari.text == (
        f"#{request_id} ferie: Kari Nordmann fra mandag 1. februar til onsdag 3. februar "
        "(godkjent) — godkjent av Marit Solberg."
    )
    request = stored_request(test_ward, request_id)
    assert request.state == RequestState.APPROVED
    assert request.decided_by_id == test_ward.staff["Marit Solberg"].id


def test_approved_vacation_equals_registered_absence(test_ward: SeededWard) -> None:
    """The problem the planner gets is the same as with the vacation registered directly."""
    request_id, _ = ask_for_vacation(test_ward)
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))
    kari = test_ward.staff["Kari Nordmann"].id
    with test_ward.database.store() as store:
        approved = build_problem(store, test_ward.unit, PERIOD)
        (absence,) = store.absences.list_absences(employee_id=kari)
        store.absences.delete_absence(absence.id, actor_id=None)
        registered = Absence(0, kari, AbsenceKind.VACATION, VACATION)
        store.absences.add_absence(registered, actor_id=None)
        directly = build_problem(store, test_ward.unit, PERIOD)

    assert approved.problem == directly.problem
    token = approved.token_of(kari)
    expected = [BlockedDay(token, day) for day in (0, 1, 2)]
    assert [block for block in approved.problem.blocked if block.token == token] == expected


def test_rejection_reason_reaches_the_employee(test_ward: SeededWard) -> None:
    """«Avslå N fordi …» tells Kari the reason, and nothing is registered."""
    request_id, _ = ask_for_vacation(test_ward)
    test_ward.say("Marit Solberg", f"Avslå {request_id} fordi to andre har ferie da")

    rejected = test_ward.say("Marit Solberg", "ja")

    (to_kari,) = replies_to(test_ward, rejected, "Kari Nordmann")
    assert to_kari.text == (
        f"#{request_id} ferie: Kari Nordmann fra mandag 1. februar til onsdag 3. februar "
        "(avslått) — avslått av Marit Solberg. Begrunnelse: «to andre har ferie da»"
    )
    assert stored_request(test_ward, request_id).state == RequestState.REJECTED
    assert absences_of(test_ward, "Kari Nordmann") == []
    assert blocked_days_of(test_ward, "Kari Nordmann") == []


def test_employee_cannot_approve_own_vacation(test_ward: SeededWard) -> None:
    """Kari's «Godkjenn N» is not a manager's decision and changes nothing."""
    request_id, _ = ask_for_vacation(test_ward)

    outcome = test_ward.say("Kari Nordmann", f"Godkjenn {request_id}")

    assert texts(outcome) == [
        f"Forespørsel #{request_id} venter på en leder. Bare en leder kan godkjenne eller "
        "avslå den, så du trenger ikke gjøre noe mer."
    ]
    assert absences_of(test_ward, "Kari Nordmann") == []


def test_withdrawn_request_is_cancelled(test_ward: SeededWard) -> None:
    """«trekk tilbake N» cancels a waiting vacation request, so Kari may ask for other days."""
    request_id, _ = ask_for_vacation(test_ward)
    test_ward.say("Kari Nordmann", f"trekk tilbake {request_id}")
    test_ward.say("Kari Nordmann", "ja")

    assert stored_request(test_ward, request_id).state == RequestState.CANCELLED
    assert texts(test_ward.say("Kari Nordmann", "Ferie 2. februar")) == [
        "Søker lederen din om ferie tirsdag 2. februar. Arbeidsgiveren fastsetter tidspunktet "
        "for ferien etter å ha drøftet det med deg, så ferien gjelder først når en leder har "
        "godkjent den. Stemmer det?"
    ]


def test_overlapping_request_is_rejected(test_ward: SeededWard) -> None:
    """A second request over days already asked for names the waiting request."""
    request_id, _ = ask_for_vacation(test_ward)

    outcome = test_ward.say("Kari Nordmann", "Ferie 3.–5. februar")

    assert texts(outcome) == [
        "Du har allerede søkt om ferie fra mandag 1. februar til onsdag 3. februar, og "
        f"forespørsel #{request_id} venter på en leder. Vil du ha andre dager, skriv «trekk "
        f"tilbake {request_id}» for å trekke den tilbake først."
    ]


def test_two_periods_become_two_requests(test_ward: SeededWard) -> None:
    """Vacation in two separate periods is one request each, decided one by one."""
    test_ward.say("Kari Nordmann", "Ferie 1. februar og 8. februar")
    outcome = test_ward.say("Kari Nordmann", "ja")

    cards = replies_to(test_ward, outcome, "Marit Solberg")
    assert len(cards) == 2
    assert all(card.kind == ReplyKind.APPROVAL for card in cards)


def test_sole_manager_vacation_names_the_role_command(test_ward: SeededWard) -> None:
    """Marit, the only leader, asks for vacation and is told how to get another leader."""
    request_id, outcome = ask_for_vacation(test_ward, "Marit Solberg")

    assert texts(outcome)[-1] == (
        f"Du er selv part i forespørsel #{request_id}, så du kan ikke avgjøre den, og "
        "avdelingen har ingen annen leder eller administrator som kan. Be en administrator gi "
        "en annen ansatt i avdelingen rollen leder med «vaktbot employee role NAVN leder "
        '--unit "Nordvik sykehjem"». Den personen kan da godkjenne eller avslå den.'
    )
    assert not any(reply.kind == ReplyKind.APPROVAL for reply in outcome.replies)


def test_manager_vacation_goes_to_administrator(test_ward: SeededWard) -> None:
    """With Turid an administrator, Marit's vacation request is Turid's to decide."""
    with test_ward.database.store() as store:
        turid = test_ward.staff["Turid Lie"].id
        store.employees.update_roles(
            turid, {Role.EMPLOYEE, Role.PLANNER, Role.ADMIN}, actor_id=None
        )
    request_id, outcome = ask_for_vacation(test_ward, "Marit Solberg")

    test_ward.press("Turid Lie", ButtonAction.APPROVE, str(request_id))

    (card,) = replies_to(test_ward, outcome, "Turid Lie")
    assert card.kind == ReplyKind.APPROVAL
    (absence,) = absences_of(test_ward, "Marit Solberg")
    assert absence.days == VACATION


def test_approval_opens_shifts_published_since(test_ward: SeededWard) -> None:
    """A roster published while the request waited loses Kari's shifts on the approved days."""
    request_id, _ = ask_for_vacation(test_ward)
    kari = test_ward.staff["Kari Nordmann"].id
    with test_ward.database.store() as store:
        shifts = (Assignment(kari, FEBRUARY_1, "D"), Assignment(kari, dt.date(2027, 2, 4), "D"))
        roster = Roster(
            0, test_ward.unit.id, PERIOD.start, PERIOD.end, RosterStatus.PUBLISHED, shifts
        )
        store.rosters.add(roster, actor_id=None)

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    assert test_ward.published_shift("Kari Nordmann", FEBRUARY_1) is None
    assert test_ward.published_shift("Kari Nordmann", dt.date(2027, 2, 4)) == "D"
    assert [reply.text for reply in replies_to(test_ward, approved, "Kari Nordmann")][-1] == (
        "Vaktene dine D mandag 1. februar er nå ledige, fordi ferien din er godkjent."
    )
    assert texts(approved)[-1] == (
        "Kari Nordmann har fått godkjent ferie, så disse vaktene er ledige: D mandag "
        "1. februar. Hvis bemanningen faller under minstebemanningen, kommer et forslag til "
        "endring av turnusen."
    )


def test_sick_leave_needs_no_approval(test_ward: SeededWard) -> None:
    """Sick leave (egenmelding) is registered at once, with no request and no card."""
    test_ward.say("Ola Nordmann", "Jeg er syk i morgen")
    outcome = test_ward.say("Ola Nordmann", "ja")

    (absence,) = absences_of(test_ward, "Ola Nordmann")
    assert absence.kind == AbsenceKind.SICK
    assert texts(outcome)[0] == "Registrert: sykefravær torsdag 7. januar."
    with test_ward.database.store() as store:
        assert store.shift_requests.list_open(test_ward.unit.id) == []


def test_withdrawing_waiting_vacation_names_request(test_ward: SeededWard) -> None:
    """«ikke ferie likevel» before approval says how to withdraw the request instead."""
    request_id, _ = ask_for_vacation(test_ward)

    outcome = test_ward.say("Kari Nordmann", "Jeg skal ikke ha ferie likevel 2. februar")

    assert texts(outcome) == [
        "Ferien din fra mandag 1. februar til onsdag 3. februar er ikke godkjent ennå, så den "
        f"er ikke registrert. Skriv «trekk tilbake {request_id}» for å trekke tilbake "
        f"forespørsel #{request_id}."
    ]
    assert stored_request(test_ward, request_id).state == RequestState.ACCEPTED


def test_approved_vacation_is_withdrawn_as_before(test_ward: SeededWard) -> None:
    """Approved vacation is an absence, so «ikke ferie likevel» withdraws it as before."""
    request_id, _ = ask_for_vacation(test_ward)
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    test_ward.say("Kari Nordmann", "Jeg skal ikke ha ferie likevel 2. februar")
    test_ward.say("Kari Nordmann", "ja")

    days = [absence.days for absence in absences_of(test_ward, "Kari Nordmann")]
    assert days == [DateRange(FEBRUARY_1, FEBRUARY_1), DateRange(FEBRUARY_3, FEBRUARY_3)]


def test_approval_replaces_offer_to_work(test_ward: SeededWard) -> None:
    """Approved vacation replaces Kari's offer to work extra on its days, as an absence does."""
    test_ward.say("Kari Nordmann", "Kan ta ekstravakter 2. februar")
    test_ward.say("Kari Nordmann", "ja")
    request_id, _ = ask_for_vacation(test_ward)

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    with test_ward.database.store() as store:
        kari = test_ward.staff["Kari Nordmann"].id
        assert store.absences.list_availability(employee_id=kari) == []
    assert [reply.text for reply in replies_to(test_ward, approved, "Kari Nordmann")][-1] == (
        "Erstattet det du registrerte før: tilbudet ditt om å jobbe ekstra tirsdag 2. februar."
    )


def availability_of(ward: SeededWard, name: str) -> list[DateRange]:
    with ward.database.store() as store:
        offers = store.absences.list_availability(employee_id=ward.staff[name].id)
    return [offer.days for offer in offers]


def wishes_of(ward: SeededWard, name: str) -> list[DateRange]:
    with ward.database.store() as store:
        wishes = store.absences.list_wishes(employee_id=ward.staff[name].id)
    return [wish.days for wish in wishes]


def test_offer_over_waiting_vacation_is_rejected(test_ward: SeededWard) -> None:
    """An offer to work on the days of a waiting vacation request names the withdrawal."""
    request_id, _ = ask_for_vacation(test_ward)

    rejected = test_ward.say("Kari Nordmann", "Kan ta ekstravakter 2. februar")
    confirmed = test_ward.say("Kari Nordmann", "ja")

    assert texts(rejected) == [
        "Du har bedt om ferie fra mandag 1. februar til onsdag 3. februar, og forespørsel "
        f"#{request_id} venter på en leder, så jeg har ikke registrert noe. Vil du heller "
        f"jobbe da, trekk tilbake forespørselen først med «trekk tilbake {request_id}», og "
        "skriv så meldingen på nytt."
    ]
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert availability_of(test_ward, "Kari Nordmann") == []


def test_wish_to_work_leaves_out_requested_days(test_ward: SeededWard) -> None:
    """A wish to work over part of a waiting vacation request is only for the other days."""
    request_id, _ = ask_for_vacation(test_ward)

    read_back = test_ward.say("Kari Nordmann", "Ønsker å jobbe 3.–5. februar")
    test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Registrerer ønsket ditt om å jobbe fra torsdag 4. februar til fredag 5. februar. "
        f"Du har bedt om ferie onsdag 3. februar i forespørsel #{request_id}, som venter på "
        f"en leder, så det gjelder bare de andre dagene. Skriv «trekk tilbake {request_id}» "
        "hvis du heller vil jobbe da. Stemmer det?"
    ]
    assert wishes_of(test_ward, "Kari Nordmann") == [
        DateRange(dt.date(2027, 2, 4), dt.date(2027, 2, 5))
    ]


def test_offer_after_withdrawn_request_counts(test_ward: SeededWard) -> None:
    """Once the waiting request is withdrawn, the same offer is registered."""
    request_id, _ = ask_for_vacation(test_ward)
    test_ward.say("Kari Nordmann", f"trekk tilbake {request_id}")
    test_ward.say("Kari Nordmann", "ja")

    test_ward.say("Kari Nordmann", "Kan ta ekstravakter 2. februar")
    test_ward.say("Kari Nordmann", "ja")

    assert availability_of(test_ward, "Kari Nordmann") == [
        DateRange(dt.date(2027, 2, 2), dt.date(2027, 2, 2))
    ]


def test_request_read_back_names_replaced_offer(test_ward: SeededWard) -> None:
    """The vacation read-back names the offer to work that its approval will replace."""
    test_ward.say("Kari Nordmann", "Kan ta ekstravakter 2. februar")
    test_ward.say("Kari Nordmann", "ja")

    read_back = test_ward.say("Kari Nordmann", "Ferie 1.–3. februar")

    assert texts(read_back) == [
        READ_BACK.removesuffix(" Stemmer det?")
        + " Når den er godkjent, erstatter den det du har registrert før: tilbudet ditt om å "
        "jobbe ekstra tirsdag 2. februar. Stemmer det?"
    ]
    assert availability_of(test_ward, "Kari Nordmann") == [
        DateRange(dt.date(2027, 2, 2), dt.date(2027, 2, 2))
    ]
