"""Vacation, leave and time off in lieu are requests that a manager approves or rejects.

Sick leave is registered at once, and so is a course, unless it covers published shifts.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from core.absences import Absence
from core.actions.absence_requests import APPROVAL_REASONS
from core.actions.rosters import WaitingAbsence, waiting_absence_note, waiting_absence_requests
from core.calendar import OSLO
from core.commands import AbsenceKind, DateRange
from core.employees import Role
from core.i18n import Translator
from core.messages import ButtonAction, Outcome, Reply, ReplyKind
from core.planning import build_problem
from core.rosters import Assignment, Roster, RosterStatus
from core.shift_requests import RequestKind, RequestState, ShiftRequest, absence_request_kind
from solver.problem import BlockedDay
from tests.core.ward_cast import TODAY, SeededWard, confirmed_request, own_replies, texts

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


def test_vacation_over_approved_vacation_names_left_out_days(test_ward: SeededWard) -> None:
    """A request over approved vacation says which days are left out and asks for the rest."""
    request_id, _ = ask_for_vacation(test_ward)
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    read_back = test_ward.say("Kari Nordmann", "Ferie 2. februar til 5. februar")
    sent = test_ward.say("Kari Nordmann", "ja")

    assert texts(read_back) == [
        "Søker lederen din om ferie fra torsdag 4. februar til fredag 5. februar. Du har "
        "allerede ferie fra tirsdag 2. februar til onsdag 3. februar, så de dagene er ikke "
        "med. Arbeidsgiveren fastsetter tidspunktet for ferien etter å ha drøftet det med deg, "
        "så ferien gjelder først når en leder har godkjent den. Stemmer det?"
    ]
    (new_request_id,) = {r.request_id for r in sent.replies if r.request_id is not None}
    assert stored_request(test_ward, new_request_id).requested_ranges == (
        DateRange(dt.date(2027, 2, 4), dt.date(2027, 2, 5)),
    )


def test_two_periods_become_two_requests(test_ward: SeededWard) -> None:
    """Vacation in two separate periods is one request each, decided one by one."""
    test_ward.say("Kari Nordmann", "Ferie 1. februar og 8. februar")
    outcome = test_ward.say("Kari Nordmann", "ja")

    cards = replies_to(test_ward, outcome, "Marit Solberg")
    assert len(cards) == 2
    assert all(card.kind == ReplyKind.APPROVAL for card in cards)


def test_english_day_list_is_read_back_whole(test_ward: SeededWard) -> None:
    """«vacation July 1 and 14» asks for both days, the second taking the first's month."""
    (reply,) = texts(test_ward.say_in("en", "Kari Nordmann", "vacation July 1 and 14"))

    assert reply == (
        "Asking your manager for vacation Thursday 1 July and Wednesday 14 July. The employer "
        "sets the time of vacation after talking with you, so it counts once a manager "
        "approves it. Is that right?"
    )


def requests_of(ward: SeededWard, name: str) -> list[ShiftRequest]:
    with ward.database.store() as store:
        return store.shift_requests.list_for_employee(ward.staff[name].id)


def test_sole_manager_vacation_is_refused_at_once(test_ward: SeededWard) -> None:
    """Marit, the only leader, is told before any yes that nobody else can decide her vacation."""
    (reply,) = texts(test_ward.say("Marit Solberg", "Ferie 1. mars til 5. mars"))
    confirmed = test_ward.say("Marit Solberg", "ja")

    assert reply == (
        "Ingen avgjør sin egen forespørsel, og avdelingen din har ingen annen leder eller "
        "administrator som kan avgjøre en forespørsel om ferie fra mandag 1. mars til fredag "
        "5. mars, så jeg har ikke sendt noen forespørsel eller registrert noe. Avtal det med "
        "din egen leder utenfor vaktbot, eller be en administrator gi en annen ansatt i "
        'avdelingen rollen leder med «vaktbot employee role NAVN leder --unit "Nordvik '
        'sykehjem"» og skriv det på nytt.'
    )
    assert texts(confirmed) == ["Ingenting venter på svar fra deg nå."]
    assert requests_of(test_ward, "Marit Solberg") == []
    assert absences_of(test_ward, "Marit Solberg") == []


def test_vacation_without_any_manager_is_refused(test_ward: SeededWard) -> None:
    """An employee of a unit with no manager or administrator is sent to the administrator."""
    with test_ward.database.store() as store:
        marit = test_ward.staff["Marit Solberg"].id
        store.employees.update_roles(marit, {Role.EMPLOYEE}, actor_id=None)

    (reply,) = texts(test_ward.say("Kari Nordmann", "Ferie 1.–3. februar"))

    assert reply == (
        "Avdelingen din har ingen leder eller administrator som kan avgjøre en forespørsel om "
        "ferie fra mandag 1. februar til onsdag 3. februar, så jeg har ikke sendt noen "
        "forespørsel eller registrert noe. Be vaktbot-administratoren i Nordvik kommune gi "
        "lederen din rollen leder i vaktbot, og skriv det på nytt."
    )
    assert requests_of(test_ward, "Kari Nordmann") == []


def test_manager_role_removed_before_yes(test_ward: SeededWard) -> None:
    """A yes after the only manager lost the role sends no request that nobody can decide."""
    test_ward.say("Kari Nordmann", "Ferie 1.–3. februar")
    with test_ward.database.store() as store:
        marit = test_ward.staff["Marit Solberg"].id
        store.employees.update_roles(marit, {Role.EMPLOYEE}, actor_id=None)

    (reply,) = texts(test_ward.say("Kari Nordmann", "ja"))

    assert reply.startswith("Avdelingen din har ingen leder eller administrator")
    assert requests_of(test_ward, "Kari Nordmann") == []


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
        f"Du er tatt av vakta D mandag 1. februar, fordi forespørsel #{request_id} om "
        "ferie er godkjent."
    )
    assert texts(approved)[-1] == (
        "Kari Nordmann har fått godkjent ferie og går ikke disse vaktene: D mandag "
        "1. februar. Den er nå en ledig vakt, med lavere bemanning enn planen. Hvis "
        "bemanningen faller under minstebemanningen, kommer et forslag til endring av "
        "turnusen."
    )


def test_sick_leave_needs_no_approval(test_ward: SeededWard) -> None:
    """Sick leave (egenmelding) is registered at once; only the repair waits for a manager."""
    test_ward.say("Ola Nordmann", "Jeg er syk i morgen")
    outcome = test_ward.say("Ola Nordmann", "ja")

    (absence,) = absences_of(test_ward, "Ola Nordmann")
    assert absence.kind == AbsenceKind.SICK
    assert texts(outcome)[0] == "Registrert: sykefravær torsdag 7. januar."
    with test_ward.database.store() as store:
        waiting = store.shift_requests.list_open(test_ward.unit.id)
    assert [request.kind for request in waiting if request.kind != RequestKind.REPAIR] == []


def test_withdrawing_waiting_vacation_names_request(test_ward: SeededWard) -> None:
    """«ikke ferie likevel» before approval says how to withdraw the request instead."""
    request_id, _ = ask_for_vacation(test_ward)

    outcome = test_ward.say("Kari Nordmann", "Jeg skal ikke ha ferie likevel 2. februar")

    assert texts(outcome) == [
        "Forespørselen din om ferie fra mandag 1. februar til onsdag 3. februar er ikke "
        f"godkjent ennå, så ingenting er registrert. Skriv «trekk tilbake {request_id}» for å "
        f"trekke tilbake forespørsel #{request_id}."
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


# --- leave and time off in lieu ---------------------------------------------------------

PLANNED_ABSENCES = [
    pytest.param(
        "Permisjon",
        AbsenceKind.LEAVE,
        "permisjon",
        "Permisjon innvilges av arbeidsgiveren, så permisjonen gjelder først når en leder har "
        "godkjent den.",
        id="leave",
    ),
    pytest.param(
        "Avspasering",
        AbsenceKind.TIME_OFF_IN_LIEU,
        "avspasering",
        "Avspasering tas ut når du og arbeidsgiveren har avtalt det, så avspaseringen gjelder "
        "først når en leder har godkjent den.",
        id="time-off-in-lieu",
    ),
]


@pytest.mark.parametrize(("word", "kind", "name", "reason"), PLANNED_ABSENCES)
def test_planned_absence_is_read_back_as_request(
    test_ward: SeededWard, word: str, kind: AbsenceKind, name: str, reason: str
) -> None:
    """The read-back names the request to the manager and why the employer decides."""
    outcome = test_ward.say("Kari Nordmann", f"{word} 1.–3. februar")

    assert texts(outcome) == [
        f"Søker lederen din om {name} fra mandag 1. februar til onsdag 3. februar. {reason} "
        "Stemmer det?"
    ]


@pytest.mark.parametrize(("word", "kind", "name", "reason"), PLANNED_ABSENCES)
def test_planned_absence_waits_then_registers(
    test_ward: SeededWard, word: str, kind: AbsenceKind, name: str, reason: str
) -> None:
    """A confirmed request gives Marit a card, and her approval registers the absence."""
    test_ward.say("Kari Nordmann", f"{word} 1.–3. februar")
    outcome = test_ward.say("Kari Nordmann", "ja")
    (request_id,) = {r.request_id for r in outcome.replies if r.request_id is not None}
    assert request_id is not None
    waiting = absences_of(test_ward, "Kari Nordmann")

    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    (card,) = replies_to(test_ward, outcome, "Marit Solberg")
    assert card.text == (
        f"Venter på avgjørelsen din: #{request_id} {name}: Kari Nordmann fra mandag "
        "1. februar til onsdag 3. februar (venter på leder)"
    )
    assert stored_request(test_ward, request_id).kind == RequestKind(kind.value)
    assert waiting == []
    (absence,) = absences_of(test_ward, "Kari Nordmann")
    assert (absence.kind, absence.days) == (kind, VACATION)
    assert blocked_days_of(test_ward, "Kari Nordmann") == [0, 1, 2]


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        pytest.param("Barnet er sykt i morgen", AbsenceKind.CHILD_SICK, id="sick-child"),
        pytest.param("Kurs 2. februar", AbsenceKind.COURSE, id="course"),
    ],
)
def test_sick_child_and_course_are_registered_at_once(
    test_ward: SeededWard, message: str, kind: AbsenceKind
) -> None:
    """Sick child needs nobody's approval, and a course is arranged with the employer already.

    An opened shift may still lead to a repair, which waits for a manager.
    """
    test_ward.say("Ola Nordmann", message)
    test_ward.say("Ola Nordmann", "ja")

    (absence,) = absences_of(test_ward, "Ola Nordmann")
    assert absence.kind == kind
    with test_ward.database.store() as store:
        waiting = store.shift_requests.list_open(test_ward.unit.id)
    assert [request.kind for request in waiting if request.kind != RequestKind.REPAIR] == []


def test_approval_reasons_match_request_kinds() -> None:
    """Every absence kind with a reason for approval has a request kind, and so does a course."""
    requested = {kind for kind in AbsenceKind if absence_request_kind(kind) is not None}

    assert requested == set(APPROVAL_REASONS) | {AbsenceKind.COURSE}
    assert set(APPROVAL_REASONS) == {
        AbsenceKind.VACATION,
        AbsenceKind.LEAVE,
        AbsenceKind.TIME_OFF_IN_LIEU,
    }


def test_leave_over_waiting_vacation_is_rejected(test_ward: SeededWard) -> None:
    """A leave request over days of a waiting vacation request names that request."""
    request_id, _ = ask_for_vacation(test_ward)

    outcome = test_ward.say("Kari Nordmann", "Permisjon 3. februar")

    assert texts(outcome) == [
        "Du har allerede søkt om ferie fra mandag 1. februar til onsdag 3. februar, og "
        f"forespørsel #{request_id} venter på en leder. Vil du ha andre dager, skriv «trekk "
        f"tilbake {request_id}» for å trekke den tilbake først."
    ]


def test_withdrawing_waiting_leave_names_request(test_ward: SeededWard) -> None:
    """«Jeg har ikke permisjon likevel» before approval names the request to withdraw."""
    test_ward.say("Kari Nordmann", "Permisjon 1.–3. februar")
    (request_id,) = {
        r.request_id for r in test_ward.say("Kari Nordmann", "ja").replies if r.request_id
    }

    outcome = test_ward.say("Kari Nordmann", "Jeg har ikke permisjon 2. februar likevel")

    assert texts(outcome) == [
        "Forespørselen din om permisjon fra mandag 1. februar til onsdag 3. februar er ikke "
        f"godkjent ennå, så ingenting er registrert. Skriv «trekk tilbake {request_id}» for å "
        f"trekke tilbake forespørsel #{request_id}."
    ]


# --- requests over published shifts -------------------------------------------------------

JANUARY_11 = dt.date(2027, 1, 11)
PUBLISHED_SHIFTS = "D mandag 11. januar, D tirsdag 12. januar og D onsdag 13. januar"


def ask_over_published_shifts(ward: SeededWard) -> tuple[int, Outcome, Outcome]:
    """Ask for vacation 11.–13. January, where Kari has published day shifts.

    Returns the request id, the read-back and the outcome of «ja».
    """
    read_back = ward.say("Kari Nordmann", "Ferie 11.–13. januar")
    sent = ward.say("Kari Nordmann", "ja")
    (request_id,) = {r.request_id for r in sent.replies if r.request_id is not None}
    assert request_id is not None
    return request_id, read_back, sent


def test_request_over_published_shifts_names_them(test_ward: SeededWard) -> None:
    """The read-back names the published shifts and says they stay Kari's until approval."""
    _, read_back, _ = ask_over_published_shifts(test_ward)

    assert texts(read_back) == [
        "Søker lederen din om ferie fra mandag 11. januar til onsdag 13. januar. "
        "Arbeidsgiveren fastsetter tidspunktet for ferien etter å ha drøftet det med deg, så "
        "ferien gjelder først når en leder har godkjent den. Du har publiserte vakter da: "
        f"{PUBLISHED_SHIFTS}. Lederen din ser dem i forespørselen, og de blir ledige vakter "
        "hvis den blir godkjent. Til da er de dine. Stemmer det?"
    ]


def test_card_names_shifts_approval_opens(test_ward: SeededWard) -> None:
    """Marit's card names the shifts her approval opens, and the shifts stay until then."""
    request_id, _, sent = ask_over_published_shifts(test_ward)

    (card,) = replies_to(test_ward, sent, "Marit Solberg")
    assert card.text == (
        f"Venter på avgjørelsen din: #{request_id} ferie: Kari Nordmann fra mandag 11. januar "
        "til onsdag 13. januar (venter på leder). Kari Nordmann har publiserte vakter de "
        f"dagene, og godkjenner du, blir de ledige: {PUBLISHED_SHIFTS}."
    )
    assert test_ward.published_shift("Kari Nordmann", JANUARY_11) == "D"


def test_typed_approval_names_shifts_it_opens(test_ward: SeededWard) -> None:
    """«Godkjenn N» reads back the published shifts the approval opens."""
    request_id, _, _ = ask_over_published_shifts(test_ward)

    read_back = test_ward.say("Marit Solberg", f"Godkjenn {request_id}")

    assert texts(read_back) == [
        f"Markerer forespørsel #{request_id} ferie: Kari Nordmann fra mandag 11. januar til "
        "onsdag 13. januar (venter på leder) som godkjent. Kari Nordmann har publiserte vakter "
        f"de dagene, og godkjenner du, blir de ledige: {PUBLISHED_SHIFTS}. Stemmer det?"
    ]


def test_approval_opens_the_named_shifts(test_ward: SeededWard) -> None:
    """Approving opens Kari's published shifts, and Kari and Marit are told which."""
    request_id, _, _ = ask_over_published_shifts(test_ward)

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    for offset in range(3):
        day = JANUARY_11 + dt.timedelta(days=offset)
        assert test_ward.published_shift("Kari Nordmann", day) is None, day
    assert test_ward.published_shift("Ola Nordmann", JANUARY_11) == "A"
    assert (
        f"Du er tatt av vaktene {PUBLISHED_SHIFTS}, fordi forespørsel #{request_id} om "
        "ferie er godkjent."
    ) in [reply.text for reply in replies_to(test_ward, approved, "Kari Nordmann")]
    assert (
        f"Kari Nordmann har fått godkjent ferie og går ikke disse vaktene: {PUBLISHED_SHIFTS}. "
        "Alle er nå ledige vakter, med lavere bemanning enn planen. Hvis bemanningen faller "
        "under minstebemanningen, kommer et forslag til endring av turnusen."
    ) in texts(approved)


def test_rejection_keeps_the_published_shifts(test_ward: SeededWard) -> None:
    """A rejected request over published shifts leaves them with Kari."""
    request_id, _, _ = ask_over_published_shifts(test_ward)

    test_ward.press("Marit Solberg", ButtonAction.REJECT, str(request_id))

    assert test_ward.published_shift("Kari Nordmann", JANUARY_11) == "D"
    assert absences_of(test_ward, "Kari Nordmann") == []


def test_unavailability_on_published_shifts_stays_refused(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe» is no request, so over a published shift it is still refused."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "Kan ikke jobbe 11. januar"))

    assert reply.startswith("Du har publiserte vakter da: D mandag 11. januar.")


# --- the planner and the data export ----------------------------------------------------------


def test_waiting_requests_in_the_period_are_listed(test_ward: SeededWard) -> None:
    """Only open absence requests with days in the planned period are named to the planner."""
    request_id, _ = ask_for_vacation(test_ward)
    test_ward.say("Ola Nordmann", "Permisjon 8. februar")
    test_ward.say("Ola Nordmann", "ja")
    cancelled, _ = ask_for_vacation(test_ward, "Per Hansen")
    test_ward.say("Per Hansen", f"trekk tilbake {cancelled}")
    test_ward.say("Per Hansen", "ja")

    with test_ward.database.store() as store:
        waiting = waiting_absence_requests(store, test_ward.unit.id, PERIOD)

    assert waiting == [WaitingAbsence(request_id, "Kari Nordmann", AbsenceKind.VACATION, VACATION)]


def test_waiting_requests_note_for_planner() -> None:
    """The note names who, which days and the request number, and what approval does later."""
    waiting = [
        WaitingAbsence(7, "Kari Nordmann", AbsenceKind.VACATION, VACATION),
        WaitingAbsence(9, "Ola Nordmann", AbsenceKind.LEAVE, DateRange(FEBRUARY_3, FEBRUARY_3)),
    ]

    note = waiting_absence_note(waiting, Translator("nb"), dt.date(2027, 1, 6))

    assert note.splitlines() == [
        "",
        "Fraværsforespørsler som venter på en leder, så denne turnusen kan gi vakter på "
        "dagene deres:",
        "#7 Kari Nordmann, ferie fra mandag 1. februar til onsdag 3. februar",
        "#9 Ola Nordmann, permisjon onsdag 3. februar",
        "Blir en av dem godkjent etter at turnusen er publisert, blir vaktene de dagene "
        "ledige. Be lederen avgjøre dem før du publiserer.",
    ]
    assert waiting_absence_note([], Translator("nb"), dt.date(2027, 1, 6)) == ""


@pytest.mark.slow
def test_roster_summary_names_waiting_requests(test_ward: SeededWard) -> None:
    """A roster generated over a waiting vacation request names it in the summary."""
    request_id, _ = ask_for_vacation(test_ward)
    test_ward.say("Turid Lie", "Lag turnus for uke 5")

    generated = test_ward.say("Turid Lie", "ja")

    (summary,) = [r for r in own_replies(generated) if r.kind == ReplyKind.ROSTER]
    assert (
        f"#{request_id} Kari Nordmann, ferie fra mandag 1. februar til onsdag 3. februar"
        in summary.text.splitlines()
    )


def test_my_data_counts_absence_requests_apart(test_ward: SeededWard) -> None:
    """«Hvilke opplysninger har dere om meg?» counts a vacation request as an absence request."""
    ask_for_vacation(test_ward)

    (reply,) = own_replies(test_ward.say("Kari Nordmann", "Hvilke opplysninger har dere om meg?"))

    assert "vaktforespørsler (0)" in reply.text
    assert "fraværsforespørsler (1)" in reply.text
    assert reply.attachment is not None
    exported = json.loads(reply.attachment.read_text(encoding="utf-8"))
    assert exported["requests"] == []
    assert [request["absence"] for request in exported["absence_requests"]] == ["vacation"]


@pytest.mark.parametrize(
    ("decision", "state", "state_text"),
    [
        pytest.param((), "waiting", "venter på leder", id="waiting"),
        pytest.param((("Marit Solberg", "Godkjenn {id}"),), "approved", "godkjent", id="approved"),
        pytest.param((("Marit Solberg", "Avslå {id}"),), "rejected", "avslått", id="rejected"),
        pytest.param(
            (("Kari Nordmann", "Trekk tilbake {id}"),),
            "withdrawn",
            "trukket tilbake",
            id="withdrawn",
        ),
    ],
)
def test_my_data_shows_request_status(
    test_ward: SeededWard, decision: tuple[tuple[str, str], ...], state: str, state_text: str
) -> None:
    """The export gives an absence request's real status, and writes it out in Norwegian."""
    request_id, _ = ask_for_vacation(test_ward)
    for name, message in decision:
        test_ward.say(name, message.format(id=request_id))
        test_ward.say(name, "ja")

    (reply,) = own_replies(test_ward.say("Kari Nordmann", "Eksporter dataene mine"))

    assert reply.attachment is not None
    exported = json.loads(reply.attachment.read_text(encoding="utf-8"))
    (request,) = exported["absence_requests"]
    assert request["id"] == request_id
    assert request["state"] == state
    assert request["state_text"] == state_text
    assert exported["format_version"] == 2


def test_approval_opens_night_before(test_ward: SeededWard) -> None:
    """Vacation from Thursday 14 January opens Turid's night from Wednesday evening."""
    test_ward.say("Turid Lie", "Ferie 14.–15. januar")
    sent = test_ward.say("Turid Lie", "ja")
    (request_id,) = {r.request_id for r in sent.replies if r.request_id is not None}
    (card,) = replies_to(test_ward, sent, "Marit Solberg")

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    assert "N onsdag 13. januar" in card.text
    assert test_ward.published_shift("Turid Lie", dt.date(2027, 1, 13)) is None
    assert test_ward.published_shift("Turid Lie", dt.date(2027, 1, 12)) == "N"
    assert (
        f"Du er tatt av vakta N onsdag 13. januar, fordi forespørsel #{request_id} om "
        "ferie er godkjent."
    ) in [reply.text for reply in replies_to(test_ward, approved, "Turid Lie")]


def test_approval_records_removed_night(test_ward: SeededWard) -> None:
    """The night an approved vacation removed is kept with its 10 h for Turid's hours target."""
    request_id = confirmed_request(test_ward, "Turid Lie", "Ferie 14.–15. januar")

    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    with test_ward.database.store() as store:
        (absence,) = store.absences.list_absences(employee_id=test_ward.staff["Turid Lie"].id)
        removed = store.absences.list_removed_shifts(employee_id=test_ward.staff["Turid Lie"].id)
    assert [
        (shift.absence_id, shift.shift_day, shift.shift_code, shift.absent_day) for shift in removed
    ] == [(absence.id, dt.date(2027, 1, 13), "N", dt.date(2027, 1, 14))]
    assert [shift.worked_minutes for shift in removed] == [600]


# --- a course over published shifts --------------------------------------------------------

COURSE_READ_BACKS = [
    pytest.param(
        "nb",
        "Søker lederen din om kurs fra mandag 11. januar til onsdag 13. januar. Kurs blir "
        "registrert med en gang på dager uten vakter, men du har publiserte vakter disse dagene, "
        "så en leder må godkjenne det først. Du har publiserte vakter da: "
        f"{PUBLISHED_SHIFTS}. Lederen din ser dem i forespørselen, og de blir ledige vakter "
        "hvis den blir godkjent. Til da er de dine. Stemmer det?",
        id="nb",
    ),
    pytest.param(
        "nn",
        "Søkjer leiaren din om kurs frå måndag 11. januar til onsdag 13. januar. Kurs blir "
        "registrert med ein gong på dagar utan vakter, men du har publiserte vakter desse "
        "dagane, så ein leiar må godkjenne det først. Du har publiserte vakter då: D måndag "
        "11. januar, D tysdag 12. januar og D onsdag 13. januar. Leiaren din ser dei i "
        "førespurnaden, og dei blir ledige vakter viss han blir godkjend. Til då er dei dine. "
        "Er det rett?",
        id="nn",
    ),
]


def ask_for_course_over_shifts(ward: SeededWard) -> tuple[int, Outcome]:
    """Ask for a course 11.–13. January, where Kari has published day shifts, and confirm."""
    ward.say("Kari Nordmann", "Kurs 11.–13. januar")
    sent = ward.say("Kari Nordmann", "ja")
    (request_id,) = {r.request_id for r in sent.replies if r.request_id is not None}
    assert request_id is not None
    return request_id, sent


@pytest.mark.parametrize(("locale", "expected"), COURSE_READ_BACKS)
def test_course_over_shifts_is_read_back_as_request(
    test_ward: SeededWard, locale: str, expected: str
) -> None:
    """The read-back says the course covers published shifts and that a manager must approve."""
    outcome = test_ward.say_in(locale, "Kari Nordmann", "Kurs 11.–13. januar")

    assert texts(outcome) == [expected]


def test_course_over_shifts_waits_for_manager(test_ward: SeededWard) -> None:
    """A confirmed course over shifts is a waiting request; the shifts stay Kari's meanwhile."""
    request_id, sent = ask_for_course_over_shifts(test_ward)

    (card,) = replies_to(test_ward, sent, "Marit Solberg")
    assert card.text == (
        f"Venter på avgjørelsen din: #{request_id} kurs: Kari Nordmann fra mandag 11. januar "
        "til onsdag 13. januar (venter på leder). Kari Nordmann har publiserte vakter de "
        f"dagene, og godkjenner du, blir de ledige: {PUBLISHED_SHIFTS}."
    )
    request = stored_request(test_ward, request_id)
    assert (request.kind, request.state) == (RequestKind.COURSE, RequestState.ACCEPTED)
    assert absences_of(test_ward, "Kari Nordmann") == []
    assert test_ward.published_shift("Kari Nordmann", JANUARY_11) == "D"


def test_approved_course_opens_shifts_and_proposes_repair(test_ward: SeededWard) -> None:
    """Approval registers the course, opens Kari's shifts and sends Marit a numbered repair."""
    request_id, _ = ask_for_course_over_shifts(test_ward)

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    (absence,) = absences_of(test_ward, "Kari Nordmann")
    assert (absence.kind, absence.days) == (
        AbsenceKind.COURSE,
        DateRange(JANUARY_11, dt.date(2027, 1, 13)),
    )
    assert test_ward.published_shift("Kari Nordmann", JANUARY_11) is None
    with test_ward.database.store() as store:
        (repair,) = [
            request
            for request in store.shift_requests.list_open(test_ward.unit.id)
            if request.kind == RequestKind.REPAIR
        ]
        changes = store.shift_requests.repair_changes(repair.id)
    assert repair.requester_id == test_ward.staff["Kari Nordmann"].id
    assert any((change.day, change.new_shift_code) == (JANUARY_11, "D") for change in changes)
    (proposal,) = [reply for reply in approved.replies if reply.kind == ReplyKind.APPROVAL]
    assert proposal.recipient_employee_id == test_ward.staff["Marit Solberg"].id
    assert proposal.text.endswith(
        f"Skriv «godkjenn {repair.id}» for å gjennomføre den, eller «avslå {repair.id}» for å "
        "avslå den. Avslår du den, forblir turnusen som den er, og jeg ser etter en annen "
        "endring av turnusen for vaktene den dekker."
    )


def test_repair_after_course_is_decided_by_number(test_ward: SeededWard) -> None:
    """«Godkjenn N» on the repair after an approved course puts someone on Kari's day shift."""
    request_id, _ = ask_for_course_over_shifts(test_ward)
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))
    with test_ward.database.store() as store:
        (repair,) = [
            request
            for request in store.shift_requests.list_open(test_ward.unit.id)
            if request.kind == RequestKind.REPAIR
        ]

    test_ward.say("Marit Solberg", f"godkjenn {repair.id}")
    test_ward.say("Marit Solberg", "ja")

    assert stored_request(test_ward, repair.id).state == RequestState.APPROVED
    with test_ward.database.store() as store:
        roster = store.rosters.covering(test_ward.unit.id, JANUARY_11)
    assert roster is not None
    assert [a.shift_code for a in roster.assignments if a.day == JANUARY_11].count("D") == 1


def test_rejected_course_keeps_the_shifts(test_ward: SeededWard) -> None:
    """A rejected course over shifts registers nothing and leaves the shifts with Kari."""
    request_id, _ = ask_for_course_over_shifts(test_ward)

    test_ward.press("Marit Solberg", ButtonAction.REJECT, str(request_id))

    assert absences_of(test_ward, "Kari Nordmann") == []
    assert test_ward.published_shift("Kari Nordmann", JANUARY_11) == "D"


def test_course_after_published_night_goes_to_manager(test_ward: SeededWard) -> None:
    """A course the day after Turid's night is a request, and approval opens that night."""
    (read_back,) = texts(test_ward.say("Turid Lie", "Kurs 14. januar"))
    sent = test_ward.say("Turid Lie", "ja")
    (request_id,) = {r.request_id for r in sent.replies if r.request_id is not None}

    waiting = test_ward.published_shift("Turid Lie", dt.date(2027, 1, 13))
    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    assert "Du har publiserte vakter da: N onsdag 13. januar." in read_back
    assert waiting == "N"
    assert test_ward.published_shift("Turid Lie", dt.date(2027, 1, 13)) is None
    assert test_ward.published_shift("Turid Lie", dt.date(2027, 1, 12)) == "N"


def test_waiting_course_is_named_on_withdrawal(test_ward: SeededWard) -> None:
    """«Ikke kurs 12. januar» before approval names the request to withdraw instead."""
    request_id, _ = ask_for_course_over_shifts(test_ward)

    outcome = test_ward.say("Kari Nordmann", "Ikke kurs 12. januar likevel")

    assert texts(outcome) == [
        "Forespørselen din om kurs fra mandag 11. januar til onsdag 13. januar er ikke "
        f"godkjent ennå, så ingenting er registrert. Skriv «trekk tilbake {request_id}» for å "
        f"trekke tilbake forespørsel #{request_id}."
    ]


def test_shifts_published_after_course_read_back(test_ward: SeededWard) -> None:
    """A course read back as a registration is not registered once shifts are published then."""
    friday_15 = dt.date(2027, 1, 15)
    (read_back,) = texts(test_ward.say("Ola Nordmann", "Kurs 15. januar"))
    with test_ward.database.store() as store:
        roster = store.rosters.covering(test_ward.unit.id, friday_15)
        assert roster is not None
        shift = Assignment(test_ward.staff["Ola Nordmann"].id, friday_15, "A")
        store.rosters.replace_assignments(roster.id, [*roster.assignments, shift], actor_id=None)

    outcome = test_ward.say("Ola Nordmann", "ja")

    assert read_back == "Registrerer kurs fredag 15. januar. Stemmer det?"
    assert texts(outcome) == [
        "Etter at jeg leste opp kurset, er det publisert en turnus med vakter for deg de "
        "dagene: A fredag 15. januar. Ingenting er registrert. Skriv «kurs 15. januar» på "
        "nytt, så går det til lederen din som en forespørsel."
    ]
    assert absences_of(test_ward, "Ola Nordmann") == []


# Turid's night shift of Friday 8 January runs 21:45 to 07:45 into Saturday 9 January.
FRIDAY_8 = dt.date(2027, 1, 8)
FRIDAY_NIGHT_UNDER_WAY = dt.datetime(2027, 1, 8, 23, 0, tzinfo=OSLO)


def set_clock(ward: SeededWard, moment: dt.datetime) -> None:
    """Move the ward's time to `moment` for the assistant and every chat."""
    for name in ward.staff:
        ward.chat(name).clock = lambda: moment
    ward.assistant.clock = lambda: moment


@pytest.mark.parametrize(
    ("request_text", "absence"),
    [
        pytest.param("Kurs 9. januar", "kurs", id="course"),
        pytest.param("Ferie 9. januar", "ferie", id="vacation"),
    ],
)
def test_approval_keeps_night_under_way(
    test_ward: SeededWard, request_text: str, absence: str
) -> None:
    """An absence approved while the night before it is under way leaves that night to Turid.

    The card named the night when Turid asked on Wednesday. By the approval on Friday
    at 23:00 she is at work, so a course is treated as a sick report and a vacation are:
    the night stays hers, and the manager and Turid are told why it was not opened.
    """
    request_id = confirmed_request(test_ward, "Turid Lie", request_text)
    set_clock(test_ward, FRIDAY_NIGHT_UNDER_WAY)

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    notice = (
        f"Vakta N fredag 8. januar hadde allerede begynt da forespørsel #{request_id} ble "
        "godkjent, så Turid Lie har jobbet en del av den. Den blir stående i turnusen og blir "
        "ikke ledig."
    )
    assert texts(approved)[-1] == notice
    assert [reply.text for reply in replies_to(test_ward, approved, "Turid Lie")][-1] == notice
    assert test_ward.published_shift("Turid Lie", FRIDAY_8) == "N"
    (registered,) = absences_of(test_ward, "Turid Lie")
    assert registered.days == DateRange(dt.date(2027, 1, 9), dt.date(2027, 1, 9))
    assert absence in texts(approved)[0]


def test_course_after_night_under_way_is_registered(test_ward: SeededWard) -> None:
    """A course the morning after a night Turid is working needs no approval: nothing opens."""
    set_clock(test_ward, FRIDAY_NIGHT_UNDER_WAY)

    (read_back,) = texts(test_ward.say("Turid Lie", "Kurs 9. januar"))
    (done, *_) = texts(test_ward.say("Turid Lie", "ja"))

    night_stays = (
        "Vakta di N fredag 8. januar har allerede begynt, så du har jobbet en del av den. Den "
        "blir stående på deg i turnusen og blir ikke ledig."
    )
    assert read_back == f"Registrerer kurs lørdag 9. januar. {night_stays} Stemmer det?"
    assert done == f"Registrert: kurs lørdag 9. januar. {night_stays}"
    assert test_ward.published_shift("Turid Lie", FRIDAY_8) == "N"
    assert [absence.kind for absence in absences_of(test_ward, "Turid Lie")] == [AbsenceKind.COURSE]


JANUARY_13 = dt.date(2027, 1, 13)
COURSE_DAYS = (DateRange(JANUARY_11, JANUARY_11), DateRange(JANUARY_13, JANUARY_13))


def ask_for_course_on_two_days(ward: SeededWard) -> tuple[int, Outcome]:
    """Kari asks for a course on Monday 11 and Wednesday 13 January, both with day shifts."""
    ward.say("Kari Nordmann", "Kurs 11. januar og 13. januar")
    sent = ward.say("Kari Nordmann", "ja")
    (request_id,) = {r.request_id for r in sent.replies if r.request_id is not None}
    assert request_id is not None
    return request_id, sent


def test_course_of_two_ranges_is_one_request(test_ward: SeededWard) -> None:
    """One course message with two ranges is one request, on one card with both days."""
    request_id, sent = ask_for_course_on_two_days(test_ward)

    assert texts(sent) == [
        f"Forespørsel #{request_id} om kurs mandag 11. januar og onsdag 13. januar er sendt "
        "til lederen din. Jeg sier fra når den er godkjent eller avslått."
    ]
    (card,) = replies_to(test_ward, sent, "Marit Solberg")
    assert card.text == (
        f"Venter på avgjørelsen din: #{request_id} kurs: Kari Nordmann mandag 11. januar og "
        "onsdag 13. januar (venter på leder). Kari Nordmann har publiserte vakter de dagene, "
        "og godkjenner du, blir de ledige: D mandag 11. januar og D onsdag 13. januar."
    )
    assert stored_request(test_ward, request_id).requested_ranges == COURSE_DAYS


def test_course_of_two_ranges_approved_whole(test_ward: SeededWard) -> None:
    """Approval registers both ranges and opens only their shifts, not the day between."""
    request_id, _ = ask_for_course_on_two_days(test_ward)

    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    registered = absences_of(test_ward, "Kari Nordmann")
    assert [(absence.kind, absence.days) for absence in registered] == [
        (AbsenceKind.COURSE, days) for days in COURSE_DAYS
    ]
    assert test_ward.published_shift("Kari Nordmann", JANUARY_11) is None
    assert test_ward.published_shift("Kari Nordmann", dt.date(2027, 1, 12)) == "D"
    assert test_ward.published_shift("Kari Nordmann", JANUARY_13) is None


def test_course_of_two_ranges_rejected_whole(test_ward: SeededWard) -> None:
    """Rejection closes the one request, so neither range is registered or left waiting."""
    request_id, _ = ask_for_course_on_two_days(test_ward)

    test_ward.press("Marit Solberg", ButtonAction.REJECT, str(request_id))

    assert stored_request(test_ward, request_id).state == RequestState.REJECTED
    assert absences_of(test_ward, "Kari Nordmann") == []
    assert test_ward.published_shift("Kari Nordmann", JANUARY_11) == "D"
    assert test_ward.published_shift("Kari Nordmann", JANUARY_13) == "D"
    with test_ward.database.store() as store:
        waiting = store.shift_requests.list_open(test_ward.unit.id)
    assert waiting == []


@pytest.mark.parametrize(
    ("locale", "request_text", "night_stays"),
    [
        pytest.param(
            "nn",
            "Kurs 9. januar",
            "Vakta di N fredag 8. januar har alt byrja, så du har jobba ein del av ho. Ho blir "
            "ståande på deg i turnusen og blir ikkje ledig.",
            id="nynorsk",
        ),
        pytest.param(
            "en",
            "Course 9 January",
            "Your shift N Friday 8 January has already started, so you have worked part of it. "
            "It stays yours in the roster and is not opened.",
            id="english",
        ),
    ],
)
def test_course_reply_names_night_under_way(
    test_ward: SeededWard, locale: str, request_text: str, night_stays: str
) -> None:
    """The read-back and the reply of a course after a night under way say the night stays."""
    set_clock(test_ward, FRIDAY_NIGHT_UNDER_WAY)

    (read_back,) = texts(test_ward.say_in(locale, "Turid Lie", request_text))
    (done, *_) = texts(test_ward.say("Turid Lie", "ja" if locale == "nn" else "yes"))

    assert night_stays in read_back
    assert done.endswith(night_stays)
    assert test_ward.published_shift("Turid Lie", FRIDAY_8) == "N"


def test_approval_after_shift_takes_it_out(test_ward: SeededWard) -> None:
    """Leave for today, approved at 16:00 after Kari's day shift, takes the shift out.

    The approval says Kari was away, so the shift was not worked, and nobody can take
    a shift that is over.
    """

    def at_four_pm() -> dt.datetime:
        return dt.datetime.combine(TODAY, dt.time(16, 0), tzinfo=OSLO)

    test_ward.chat("Kari Nordmann").clock = at_four_pm
    test_ward.chat("Marit Solberg").clock = at_four_pm
    request_id = confirmed_request(test_ward, "Kari Nordmann", "permisjon i dag")

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    notice = (
        f"Vakten D onsdag 6. januar var over da forespørsel #{request_id} ble godkjent, så "
        "den er tatt ut av turnusen til Kari Nordmann, og ingen blir spurt om å ta den."
    )
    assert notice in texts(approved)
    assert notice in [reply.text for reply in replies_to(test_ward, approved, "Kari Nordmann")]
    assert test_ward.published_shift("Kari Nordmann", TODAY) is None
