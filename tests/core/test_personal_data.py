"""Requests about one's own data: the summary and its counts, deletion, and other people.

Today is Wednesday 6 January 2027. Kari has seven day shifts in the published roster
of 4–17 January.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

import pytest

from core.messages import ButtonAction, Outcome, ReplyKind
from core.rosters import Assignment, RosterStatus
from core.shift_requests import RequestKind, RequestState, ShiftRequest
from tests.core.test_repairs import make_turid_manager
from tests.core.ward_cast import SeededWard, own_replies, texts

KARI_SHIFTS = 7


def add_roster_copy(ward: SeededWard, status: RosterStatus, start: dt.date) -> None:
    """Store a roster of `status` with Kari's day shifts of the published one, moved to `start`."""
    kari_id = ward.staff["Kari Nordmann"].id
    offset = start - ward.roster.start
    shifts = tuple(
        Assignment(a.employee_id, a.day + offset, a.shift_code)
        for a in ward.roster.assignments
        if a.employee_id == kari_id
    )
    copy = dataclasses.replace(
        ward.roster,
        id=0,
        start=start,
        end=ward.roster.end + offset,
        status=status,
        assignments=shifts,
    )
    with ward.database.store() as store:
        store.rosters.add(copy, actor_id=None)


def summary_of(ward: SeededWard, name: str) -> str:
    (reply,) = own_replies(ward.say(name, "Hvilke opplysninger har dere om meg?"))
    return reply.text


def test_part_day_unavailability_counts_once(test_ward: SeededWard) -> None:
    """«etter kl 15», stored for evening and night, is one registration in the summary."""
    test_ward.say("Kari Nordmann", "kan ikke jobbe etter kl 15 på fredag 22. januar")
    test_ward.say("Kari Nordmann", "ja")

    summary = summary_of(test_ward, "Kari Nordmann")

    assert "dager du ikke kan jobbe (1)" in summary


def test_summary_names_removed_shifts_only_when_any(test_ward: SeededWard) -> None:
    """A shift a sick report took out is counted, and the line is left out before that."""
    before = summary_of(test_ward, "Kari Nordmann")
    test_ward.say("Kari Nordmann", "Jeg er syk 12. januar")
    test_ward.say("Kari Nordmann", "ja")

    after = summary_of(test_ward, "Kari Nordmann")

    assert "vakter et fravær tok ut av turnusen" not in before
    assert "vakter et fravær tok ut av turnusen (1)" in after


def test_english_summary_counts_in_brackets(test_ward: SeededWard) -> None:
    """English names each section with its count after it, so one entry reads right too."""
    test_ward.say_in("en", "Kari Nordmann", "I am sick on 12 January")
    test_ward.say("Kari Nordmann", "yes")

    (reply,) = own_replies(test_ward.say("Kari Nordmann", "what do you know about me"))

    assert "absences (1)" in reply.text
    assert "1 absences" not in reply.text


def test_shift_count_leaves_out_drafts_and_old_rosters(test_ward: SeededWard) -> None:
    """Only shifts of published rosters in force or ahead count, not drafts or replaced ones."""
    add_roster_copy(test_ward, RosterStatus.DRAFT, dt.date(2027, 1, 18))
    add_roster_copy(test_ward, RosterStatus.SUPERSEDED, dt.date(2027, 1, 4))
    add_roster_copy(test_ward, RosterStatus.PUBLISHED, dt.date(2026, 12, 7))

    summary = summary_of(test_ward, "Kari Nordmann")

    assert f"vakter i publiserte turnuser som gjelder nå eller senere ({KARI_SHIFTS})" in summary


def test_export_keeps_every_roster(test_ward: SeededWard) -> None:
    """The attached file still lists the shifts of drafts and replaced rosters."""
    add_roster_copy(test_ward, RosterStatus.DRAFT, dt.date(2027, 1, 18))

    (reply,) = own_replies(test_ward.say("Kari Nordmann", "Hvilke opplysninger har dere om meg?"))

    assert reply.attachment is not None
    assert reply.attachment.read_text(encoding="utf-8").count('"roster_status": "draft"') == (
        KARI_SHIFTS
    )


def test_cast_gives_kari_seven_shifts(test_ward: SeededWard) -> None:
    """Kari has seven shifts in the published roster, which the expected counts rely on."""
    kari_id = test_ward.staff["Kari Nordmann"].id

    shifts = [a for a in test_ward.roster.assignments if a.employee_id == kari_id]

    assert len(shifts) == KARI_SHIFTS


DELETION_READ_BACK = (
    "Sender Marit Solberg en forespørsel om å slette personopplysningene dine. Når den er "
    "godkjent, slettes ønskene dine og dagene du har sagt at du kan eller ikke kan jobbe, og "
    "et døgn senere koblingene til chatbrukerne dine, slik at svaret når deg først. Etter det "
    "kjenner jeg deg ikke igjen i chatten før du blir koblet på nytt. Vaktene, fraværet og "
    "endringsloggen din blir tatt vare på, fordi arbeidsgiveren skal ha oversikt over hvor "
    "mye hver ansatt har arbeidet (arbeidsmiljøloven § 10-7). Stemmer det?"
)


def deletion_requests_of(ward: SeededWard, name: str) -> list[ShiftRequest]:
    with ward.database.store() as store:
        requests = store.shift_requests.list_for_employee(ward.staff[name].id)
    return [request for request in requests if request.kind == RequestKind.DATA_DELETION]


def ask_to_delete(ward: SeededWard) -> tuple[int, Outcome]:
    """Send «Slett dataene mine» as Kari and confirm; return the request id and the outcome."""
    ward.say("Kari Nordmann", "Slett dataene mine")
    outcome = ward.say("Kari Nordmann", "ja")
    (request,) = deletion_requests_of(ward, "Kari Nordmann")
    return request.id, outcome


def test_delete_request_is_read_back(test_ward: SeededWard) -> None:
    """«Slett dataene mine» says what a deletion removes and keeps, and stores nothing yet."""
    (reply,) = own_replies(test_ward.say("Kari Nordmann", "Slett dataene mine"))

    assert reply.text == DELETION_READ_BACK
    assert reply.kind == ReplyKind.CONFIRMATION
    assert deletion_requests_of(test_ward, "Kari Nordmann") == []


def test_yes_sends_deletion_request_to_manager(
    test_ward: SeededWard, caplog: pytest.LogCaptureFixture
) -> None:
    """A yes stores a request that waits for the manager, who gets a card and sees it listed."""
    caplog.set_level(logging.INFO)
    request_id, outcome = ask_to_delete(test_ward)
    marit_id = test_ward.staff["Marit Solberg"].id
    (card,) = [reply for reply in outcome.replies if reply.recipient_employee_id == marit_id]
    (listing,) = texts(test_ward.say("Marit Solberg", "Vis ventende forespørsler"))
    with test_ward.database.store() as store:
        audit = store.audit.list("shift_request", request_id)

    assert texts(outcome) == [
        f"Forespørsel #{request_id} om å slette personopplysningene dine er sendt til Marit "
        "Solberg. Ingenting blir slettet før den er godkjent."
    ]
    assert card.kind == ReplyKind.APPROVAL
    assert card.text.startswith(
        f"Venter på avgjørelsen din: #{request_id} sletting av personopplysninger: Kari Nordmann"
    )
    assert card.text.endswith(
        "Godkjenning sletter ønskene til Kari Nordmann og registreringene av dager vedkommende "
        "kan eller ikke kan jobbe, og et døgn senere koblingene til chatbrukerne. "
        "Vakter, fravær og endringsloggen blir tatt vare på (arbeidsmiljøloven § 10-7)."
    )
    assert f"#{request_id} sletting av personopplysninger: Kari Nordmann" in listing
    assert deletion_requests_of(test_ward, "Kari Nordmann")[0].state == RequestState.ACCEPTED
    assert [entry.details for entry in audit] == [{"kind": "data_deletion", "state": "accepted"}]
    assert "Kari" not in caplog.text


def test_second_deletion_request_is_refused(test_ward: SeededWard) -> None:
    """While one deletion request waits, another «slett dataene mine» names it."""
    request_id, _ = ask_to_delete(test_ward)

    (reply,) = own_replies(test_ward.say("Kari Nordmann", "slett dataene mine"))

    assert reply.text == (
        f"Forespørselen din #{request_id} om å slette personopplysningene dine venter allerede "
        f"på en leder. For å trekke den tilbake, skriv «trekk tilbake {request_id}»."
    )
    assert len(deletion_requests_of(test_ward, "Kari Nordmann")) == 1


def register_planning_data(ward: SeededWard) -> None:
    """Register a wish, an unavailable day and an available day for Kari, and a course."""
    for message in (
        "ønsker fri 22. januar",
        "kan ikke jobbe 25. januar",
        "kan jobbe natt 27. januar",
        "Kurs fredag",
    ):
        ward.say("Kari Nordmann", message)
        ward.say("Kari Nordmann", "ja")


def test_approval_deletes_planning_data_only(test_ward: SeededWard) -> None:
    """An approval deletes wishes and availability, and keeps shifts and absences (AML § 10-7)."""
    register_planning_data(test_ward)
    request_id, _ = ask_to_delete(test_ward)
    kari_id = test_ward.staff["Kari Nordmann"].id

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))
    to_kari = [r.text for r in approved.replies if r.recipient_employee_id == kari_id]

    with test_ward.database.store() as store:
        assert store.absences.list_wishes(employee_id=kari_id) == []
        assert store.absences.list_unavailability(employee_id=kari_id) == []
        assert store.absences.list_availability(employee_id=kari_id) == []
        assert len(store.absences.list_absences(employee_id=kari_id)) == 1
    assert test_ward.published_shift("Kari Nordmann", dt.date(2027, 1, 4)) == "D"
    assert texts(approved)[-1] == (
        "3 ønsker og registreringer av dager Kari Nordmann kan eller ikke kan jobbe er slettet, "
        "og koblingene til chatbrukerne blir slettet innen et døgn."
    )
    assert to_kari[-1] == (
        f"Forespørsel #{request_id} er godkjent, og 3 av ønskene dine og registreringene av "
        "dager du kan eller ikke kan jobbe er slettet. Koblingene til chatbrukerne dine blir "
        "slettet innen et døgn. Vaktene, fraværet og endringsloggen din blir tatt vare på "
        "(arbeidsmiljøloven § 10-7)."
    )
    assert deletion_requests_of(test_ward, "Kari Nordmann")[0].state == RequestState.APPROVED


def test_approval_keeps_shifts_removed_by_sickness(test_ward: SeededWard) -> None:
    """The shift a sick report removed stays recorded, as working-time data (AML § 10-7)."""
    test_ward.say("Kari Nordmann", "Jeg er syk 12. januar")
    test_ward.say("Kari Nordmann", "ja")
    request_id, _ = ask_to_delete(test_ward)
    kari_id = test_ward.staff["Kari Nordmann"].id

    test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))

    with test_ward.database.store() as store:
        removed = store.absences.list_removed_shifts(employee_id=kari_id)
    assert [(shift.shift_day, shift.shift_code) for shift in removed] == [
        (dt.date(2027, 1, 12), "D")
    ]


def test_approval_counts_a_part_day_registration_once(test_ward: SeededWard) -> None:
    """«Kan ikke jobbe etter kl 15» is one registration, though it rules out evening and night."""
    test_ward.say("Kari Nordmann", "kan ikke jobbe etter kl 15 på fredag 22. januar")
    test_ward.say("Kari Nordmann", "ja")
    request_id, _ = ask_to_delete(test_ward)
    kari_id = test_ward.staff["Kari Nordmann"].id

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))
    to_kari = [r.text for r in approved.replies if r.recipient_employee_id == kari_id]

    assert to_kari[-1].startswith(
        f"Forespørsel #{request_id} er godkjent, og 1 av ønskene dine og registreringene av "
        "dager du kan eller ikke kan jobbe er slettet."
    )


def test_one_deleted_registration_is_singular(test_ward: SeededWard) -> None:
    """A deletion of one registration names it in the singular, to the manager and to Kari."""
    test_ward.say("Kari Nordmann", "ønsker fri 22. januar")
    test_ward.say("Kari Nordmann", "ja")
    request_id, _ = ask_to_delete(test_ward)
    kari_id = test_ward.staff["Kari Nordmann"].id

    approved = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request_id))
    to_kari = [r.text for r in approved.replies if r.recipient_employee_id == kari_id]

    assert texts(approved)[-1] == (
        "1 ønske eller registrering av dager Kari Nordmann kan eller ikke kan jobbe er slettet, "
        "og koblingene til chatbrukerne blir slettet innen et døgn."
    )
    assert to_kari[-1].startswith(
        f"Forespørsel #{request_id} er godkjent, og 1 av ønskene dine og registreringene av "
        "dager du kan eller ikke kan jobbe er slettet."
    )


def test_summary_counts_a_deletion_request_on_its_own(test_ward: SeededWard) -> None:
    """A waiting deletion request is no shift request: «hva vet dere om meg» names it apart."""
    ask_to_delete(test_ward)

    (reply,) = texts(test_ward.say("Kari Nordmann", "hva vet dere om meg"))

    assert "vaktforespørsler (0)" in reply
    assert "forespørsler om å slette opplysningene dine (1)" in reply


def test_rejection_deletes_nothing(test_ward: SeededWard) -> None:
    """A rejected deletion request leaves the wishes, and Kari is told."""
    register_planning_data(test_ward)
    request_id, _ = ask_to_delete(test_ward)
    kari_id = test_ward.staff["Kari Nordmann"].id

    rejected = test_ward.press("Marit Solberg", ButtonAction.REJECT, str(request_id))

    with test_ward.database.store() as store:
        assert len(store.absences.list_wishes(employee_id=kari_id)) == 1
    assert any(r.recipient_employee_id == kari_id for r in rejected.replies)
    assert deletion_requests_of(test_ward, "Kari Nordmann")[0].state == RequestState.REJECTED


def test_withdrawn_deletion_request_deletes_nothing(test_ward: SeededWard) -> None:
    """«trekk tilbake N» withdraws a waiting deletion request."""
    request_id, _ = ask_to_delete(test_ward)

    test_ward.say("Kari Nordmann", f"trekk tilbake {request_id}")
    test_ward.say("Kari Nordmann", "ja")

    assert deletion_requests_of(test_ward, "Kari Nordmann")[0].state == RequestState.CANCELLED


ONLY_MANAGER_DELETION_REPLY = (
    "Ingen avgjør sin egen forespørsel, og avdelingen din har ingen annen leder eller "
    "administrator som kan avgjøre en sletteforespørsel, så ingenting ble slettet. Vaktene, "
    "fraværet og endringsloggen din må tas vare på, fordi arbeidsgiveren skal ha oversikt "
    "over hvor mye hver ansatt har arbeidet (arbeidsmiljøloven § 10-7). For å få andre "
    "opplysninger rettet eller slettet, for eksempel når du slutter, spør personvernombudet "
    "i Nordvik kommune, som er behandlingsansvarlig for opplysningene dine. For å se hva "
    "som er lagret om deg, skriv «hvilke opplysninger har dere om meg?»."
)


def test_only_manager_deletion_names_reason(test_ward: SeededWard) -> None:
    """Marit is the only manager and cannot decide her own request, so it goes nowhere."""
    (reply,) = texts(test_ward.say("Marit Solberg", "slett dataene mine"))

    assert reply == ONLY_MANAGER_DELETION_REPLY
    assert deletion_requests_of(test_ward, "Marit Solberg") == []


def test_manager_deletion_goes_to_other_manager(test_ward: SeededWard) -> None:
    """Marit's own deletion request is read back and sent to Turid, the other manager."""
    make_turid_manager(test_ward)

    (read_back,) = own_replies(test_ward.say("Marit Solberg", "slett dataene mine"))
    sent = test_ward.say("Marit Solberg", "ja")

    turid_id = test_ward.staff["Turid Lie"].id
    (request,) = deletion_requests_of(test_ward, "Marit Solberg")
    cards = [reply for reply in sent.replies if reply.kind == ReplyKind.APPROVAL]
    assert read_back.text.startswith(
        "Sender Turid Lie en forespørsel om å slette personopplysningene dine."
    )
    assert texts(sent) == [
        f"Forespørsel #{request.id} om å slette personopplysningene dine er sendt til Turid "
        "Lie. Ingenting blir slettet før den er godkjent."
    ]
    assert [card.recipient_employee_id for card in cards] == [turid_id]


def test_manager_cannot_approve_own_deletion(test_ward: SeededWard) -> None:
    """Marit's «godkjenn N» of her own deletion request is rejected and names Turid."""
    make_turid_manager(test_ward)
    test_ward.say("Marit Solberg", "slett dataene mine")
    test_ward.say("Marit Solberg", "ja")
    (request,) = deletion_requests_of(test_ward, "Marit Solberg")

    (typed,) = texts(test_ward.say("Marit Solberg", f"godkjenn {request.id}"))
    pressed = test_ward.press("Marit Solberg", ButtonAction.APPROVE, str(request.id))

    expected = (
        f"Du er selv part i forespørsel #{request.id}, så du kan ikke avgjøre den. Den venter "
        "på Turid Lie."
    )
    assert typed == expected
    assert texts(pressed) == [expected]
    assert deletion_requests_of(test_ward, "Marit Solberg")[0].state == RequestState.ACCEPTED


def test_other_manager_approves_deletion(test_ward: SeededWard) -> None:
    """Turid's approval deletes Marit's wishes and tells Marit."""
    make_turid_manager(test_ward)
    test_ward.say("Marit Solberg", "ønsker fri 22. januar")
    test_ward.say("Marit Solberg", "ja")
    test_ward.say("Marit Solberg", "slett dataene mine")
    test_ward.say("Marit Solberg", "ja")
    (request,) = deletion_requests_of(test_ward, "Marit Solberg")
    marit_id = test_ward.staff["Marit Solberg"].id

    approved = test_ward.press("Turid Lie", ButtonAction.APPROVE, str(request.id))

    to_marit = [r.text for r in approved.replies if r.recipient_employee_id == marit_id]
    with test_ward.database.store() as store:
        assert store.absences.list_wishes(employee_id=marit_id) == []
    assert deletion_requests_of(test_ward, "Marit Solberg")[0].state == RequestState.APPROVED
    assert to_marit[-1].startswith(f"Forespørsel #{request.id} er godkjent, og 1 av ønskene")


def test_planner_deletion_goes_to_manager(test_ward: SeededWard) -> None:
    """Turid, a planner, can ask to have her data deleted, and Marit decides it."""
    (read_back,) = own_replies(test_ward.say("Turid Lie", "slett dataene mine"))
    sent = test_ward.say("Turid Lie", "ja")

    marit_id = test_ward.staff["Marit Solberg"].id
    cards = [reply for reply in sent.replies if reply.kind == ReplyKind.APPROVAL]
    assert read_back.text.startswith("Sender Marit Solberg en forespørsel om å slette")
    assert len(deletion_requests_of(test_ward, "Turid Lie")) == 1
    assert [card.recipient_employee_id for card in cards] == [marit_id]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("Marit Solberg", "slett dataene mine", id="only-manager-deletes"),
        pytest.param("Marit Solberg", "hva vet dere om meg", id="manager-asks"),
        pytest.param("Turid Lie", "hva vet dere om meg", id="planner-asks"),
    ],
)
def test_managers_sent_to_data_protection_officer(
    test_ward: SeededWard, name: str, message: str
) -> None:
    """A manager or planner is sent to the employer's data protection officer, not a colleague."""
    (reply,) = own_replies(test_ward.say(name, message))

    assert (
        "personvernombudet i Nordvik kommune, som er behandlingsansvarlig for opplysningene dine."
        in reply.text
    )
    assert "lederen din" not in reply.text
    assert "Marit Solberg" not in reply.text


def set_data_protection_officer(ward: SeededWard, contact: str) -> None:
    with ward.database.store() as store:
        store.organisations.set_data_protection_officer(ward.unit.id, contact, actor_id=None)


OFFICER_CONTACT = "Du når personvernombudet på personvern@nordvik.example."


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("Marit Solberg", "slett dataene mine", id="only-manager-deletes"),
        pytest.param("Marit Solberg", "hva vet dere om meg", id="manager-asks"),
        pytest.param("Turid Lie", "hva vet dere om meg", id="planner-asks"),
        pytest.param("Marit Solberg", "vis dataene til Ola", id="manager-asks-for-ola"),
        pytest.param("Marit Solberg", "slett dataene til Ola", id="manager-deletes-ola"),
    ],
)
def test_stored_officer_contact_is_named(test_ward: SeededWard, name: str, message: str) -> None:
    """With a contact in the unit's set-up, each reply that names the officer gives it."""
    set_data_protection_officer(test_ward, "personvern@nordvik.example")

    (reply,) = own_replies(test_ward.say(name, message))

    assert OFFICER_CONTACT in reply.text


def test_officer_contact_follows_its_sentence(test_ward: SeededWard) -> None:
    """The contact comes right after the sentence that sends Marit to the officer."""
    set_data_protection_officer(test_ward, "personvern@nordvik.example")

    (reply,) = texts(test_ward.say("Marit Solberg", "slett dataene mine"))

    assert reply == ONLY_MANAGER_DELETION_REPLY.replace(
        "opplysningene dine. For å se", f"opplysningene dine. {OFFICER_CONTACT} For å se"
    )


def test_employee_gets_no_officer_contact(test_ward: SeededWard) -> None:
    """Kari asks her manager about wrong data, so the officer's contact is not in her reply."""
    set_data_protection_officer(test_ward, "personvern@nordvik.example")

    (reply,) = own_replies(test_ward.say("Kari Nordmann", "hva vet dere om meg"))

    assert "personvern@nordvik.example" not in reply.text
    assert "Si fra til lederen din hvis noe er feil." in reply.text


def test_delete_request_in_nynorsk(test_ward: SeededWard) -> None:
    """The read-back of «slett dataa mine» is written in nynorsk for a nynorsk chat."""
    (reply,) = own_replies(test_ward.say_in("nn", "Kari Nordmann", "slett dataa mine"))

    assert reply.text.startswith(
        "Sender Marit Solberg ein førespurnad om å slette personopplysningane dine."
    )


@pytest.mark.parametrize(
    ("message", "name"),
    [
        pytest.param("Hvilke opplysninger har dere om Ola Nordmann?", "Ola Nordmann", id="om"),
        pytest.param("eksporter dataene til Ola", "Ola", id="til"),
        pytest.param("vis dataene til Ola", "Ola", id="vis"),
        pytest.param("hva vet dere om Ola", "Ola", id="vet dere om"),
    ],
)
def test_data_of_another_person_is_not_shown(
    test_ward: SeededWard, message: str, name: str
) -> None:
    """A request for a colleague's data says that only one's own data is shown, and how."""
    (reply,) = own_replies(test_ward.say("Kari Nordmann", message))

    assert reply.text == (
        f"Jeg kan bare vise deg dine egne opplysninger, så jeg har ikke vist noe om {name}. "
        "For å se dine, skriv «hvilke opplysninger har dere om meg?». "
        f"{name} kan be om sine på samme måte, og lederen din kan svare på spørsmål om "
        "avdelingens opplysninger."
    )
    assert reply.attachment is None


def test_own_name_shows_own_data(test_ward: SeededWard) -> None:
    """Asking about oneself by name gets one's own summary and file."""
    (reply,) = own_replies(
        test_ward.say("Kari Nordmann", "Hvilke opplysninger har dere om Kari Nordmann?")
    )

    assert reply.text.startswith("Dette lagrer jeg om deg")
    assert reply.attachment is not None


def test_colleague_deletion_rejected(test_ward: SeededWard) -> None:
    """An employee asking to delete a colleague's data is told that only one's own can go."""
    (reply,) = own_replies(test_ward.say("Kari Nordmann", "slett dataene til Ola"))

    assert reply.text == (
        "Du kan bare be om å få slettet dine egne opplysninger, så ingenting om Ola ble "
        "slettet. Ola kan be om det selv ved å skrive «slett dataene mine»."
    )


MANAGER_ASKS_FOR_OLA = (
    "Ola kan se sine opplysninger ved å skrive «hva vet dere om meg?» og be om å få dem "
    "slettet ved å skrive «slett dataene mine». vaktbot har ingen kommando som eksporterer "
    "eller sletter opplysningene til en ansatt, så for alt annet, spør personvernombudet i "
    "Nordvik kommune."
)


@pytest.mark.parametrize(
    ("message", "refusal"),
    [
        pytest.param(
            "vis dataene til Ola",
            "Jeg viser hver person bare deres egne opplysninger, så jeg har ikke vist noe om Ola.",
            id="show",
        ),
        pytest.param(
            "slett dataene til Ola",
            "Jeg tar bare imot en sletteforespørsel fra den det gjelder, så ingenting om Ola "
            "ble slettet.",
            id="delete",
        ),
    ],
)
def test_manager_request_for_colleague_data(
    test_ward: SeededWard, message: str, refusal: str
) -> None:
    """A manager gets no data of Ola, but how Ola asks and whom to ask for anything else."""
    (reply,) = own_replies(test_ward.say("Marit Solberg", message))

    assert reply.text == f"{refusal} {MANAGER_ASKS_FOR_OLA}"
    assert reply.attachment is None
