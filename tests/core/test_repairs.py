"""Repair proposals after an absence: the message a manager gets, and deciding it by number."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from core.absences import Absence, Unavailability
from core.commands import AbsenceKind, DateRange
from core.employees import Role
from core.messages import ButtonAction, Outcome, Reply, ReplyKind
from core.planning import build_problem
from core.repairs import (
    PROPOSAL_PREFIX,
    RepairProposal,
    add_repair_request,
    differences_between,
    hours_pushed_outside_band,
    notify_proposal,
    with_changes,
    with_waiting_repairs,
)
from core.rosters import Assignment, Roster, RosterDifference, RosterStatus
from core.shift_requests import RequestState, ShiftRequest
from tests.core.ward_cast import SeededWard, confirmed_request, own_replies, texts

# Per Hansen (60 %) is free on Monday to Wednesday of week 2. Three more day shifts
# give him 72 h 30 min in the two weeks against 42 h 36 min, past the 8 h allowed.
PER_EXTRA_DAYS = (dt.date(2027, 1, 11), dt.date(2027, 1, 12), dt.date(2027, 1, 13))


def proposal_with_extra_shifts(ward: SeededWard) -> tuple[Roster, tuple[Assignment, ...]]:
    """Return the published roster and a proposal that gives Per three more day shifts."""
    per = ward.staff["Per Hansen"].id
    extra = tuple(Assignment(per, day, "D") for day in PER_EXTRA_DAYS)
    return ward.roster, ward.roster.assignments + extra


def test_repair_names_person_pushed_outside_band(test_ward: SeededWard) -> None:
    """Only the person the repair moves further outside the band is named."""
    current, proposed = proposal_with_extra_shifts(test_ward)

    with test_ward.database.store() as store:
        outside = hours_pushed_outside_band(store, test_ward.unit, current, proposed)

    # Ola Nordmann is outside the band already, and the repair leaves his shifts alone.
    assert [line.employee.name for line in outside] == ["Per Hansen"]
    assert outside[0].planned_minutes == 72 * 60 + 30
    assert outside[0].target_minutes == 42 * 60 + 36


def test_manager_reads_the_hours_note(test_ward: SeededWard) -> None:
    """The manager's proposal has the hours note, in Norwegian, before how to decide it."""
    current, proposed = proposal_with_extra_shifts(test_ward)
    with test_ward.database.store() as store:
        stored = store.rosters.add(
            Roster(
                0, test_ward.unit.id, current.start, current.end, RosterStatus.PROPOSED, proposed
            ),
            actor_id=None,
        )
        differences = differences_between(current.assignments, proposed)
        per = test_ward.staff["Per Hansen"].id
        request = add_repair_request(store, stored, per, differences, actor_id=None)
        outside = hours_pushed_outside_band(store, test_ward.unit, current, proposed)
        repair = RepairProposal(stored, request, differences, outside)
        staff = store.employees.list_for_unit(test_ward.unit.id)
        (reply,) = notify_proposal(store, repair, staff, dt.date(2027, 1, 6))

    assert reply.kind == ReplyKind.APPROVAL
    assert reply.recipient_employee_id == test_ward.staff["Marit Solberg"].id
    assert reply.request_id == request.id
    assert reply.text.splitlines()[-2:] == [
        "Merk: reparasjonen gjør at 1 person havner utenfor målet ± 8 t som avdelingen tillater: "
        "Per Hansen er satt opp med 72 t 30 min (36 t 15 min i uka) mot forventet 42 t 36 min "
        "(21 t 18 min i uka). Godkjenn bare hvis det er meningen.",
        f"Skriv «godkjenn {request.id}» for å gjennomføre den, eller «avslå {request.id}» for å "
        "avslå den. Avslår du den, forblir turnusen som den er, og jeg ser etter en annen "
        "endring av turnusen for vaktene den dekker.",
    ]


def test_repair_within_band_has_no_note(test_ward: SeededWard) -> None:
    """A sick day covered by a colleague with room in their hours gives no hours note."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")
    outcome = test_ward.say("Kari Nordmann", "ja")

    (proposal,) = [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL]
    assert "→" in proposal.text
    assert "Merk" not in proposal.text


# --- deciding a repair by its number ------------------------------------------------------

MONDAY = dt.date(2027, 1, 11)
TUESDAY = dt.date(2027, 1, 12)
THURSDAY = dt.date(2027, 1, 7)


def stored_repair(ward: SeededWard, *changes: RosterDifference) -> ShiftRequest:
    """Store a repair of the published roster after Kari's absence, as the repair job does."""
    with ward.database.store() as store:
        published = store.rosters.covering(ward.unit.id, MONDAY)
        assert published is not None
        proposal = store.rosters.add(
            Roster(
                0,
                ward.unit.id,
                published.start,
                published.end,
                RosterStatus.PROPOSED,
                tuple(with_changes(published, changes)),
            ),
            actor_id=None,
        )
        absent = ward.staff["Kari Nordmann"].id
        return add_repair_request(store, proposal, absent, changes, actor_id=None)


def per_on_monday(ward: SeededWard) -> ShiftRequest:
    """Store a repair that gives Per Hansen, who is off, a day shift on Monday 11 January."""
    return stored_repair(ward, RosterDifference(ward.staff["Per Hansen"].id, MONDAY, None, "D"))


def stored_request(ward: SeededWard, request_id: int) -> ShiftRequest:
    with ward.database.store() as store:
        request = store.shift_requests.get(request_id)
        assert request is not None
        return request


def roster_status(ward: SeededWard, roster_id: int | None) -> RosterStatus:
    with ward.database.store() as store:
        roster = store.rosters.get(roster_id or 0)
        assert roster is not None
        return roster.status


def set_published_shift(ward: SeededWard, name: str, day: dt.date, code: str | None) -> None:
    """Change one person-day of the published roster, as an approved swap would."""
    employee_id = ward.staff[name].id
    with ward.database.store() as store:
        published = store.rosters.covering(ward.unit.id, day)
        assert published is not None
        change = RosterDifference(employee_id, day, published.shift_of(employee_id, day), code)
        store.rosters.replace_assignments(
            published.id, with_changes(published, (change,)), actor_id=None
        )


def approve_typed(ward: SeededWard, request_id: int) -> Outcome:
    ward.say("Marit Solberg", f"godkjenn {request_id}")
    return ward.say("Marit Solberg", "ja")


def test_waiting_repair_is_listed_for_managers(test_ward: SeededWard) -> None:
    """«Vis ventende bytter» shows the manager the repair with its number and changes."""
    request = per_on_monday(test_ward)

    outcome = test_ward.say("Marit Solberg", "Vis ventende bytter")

    assert texts(outcome)[0].split("\n\n")[0] == (
        "Ventende forespørsler:\n"
        f"#{request.id} endringsforslag etter fraværet til Kari Nordmann: Per Hansen: fri → D "
        "mandag 11. januar (venter på leder)"
    )


def test_repair_is_not_listed_for_employees(test_ward: SeededWard) -> None:
    """Kari, whose absence led to the repair, does not get it among her requests."""
    per_on_monday(test_ward)

    outcome = test_ward.say("Kari Nordmann", "Vis ventende bytter")

    assert "endringsforslag" not in texts(outcome)[0]


def test_long_repair_is_shortened_in_the_list(test_ward: SeededWard) -> None:
    """A repair of five changes lists three of them and counts the other two."""
    per = test_ward.staff["Per Hansen"].id
    days = [MONDAY, TUESDAY, dt.date(2027, 1, 13), dt.date(2027, 1, 16), dt.date(2027, 1, 17)]
    request = stored_repair(test_ward, *(RosterDifference(per, day, None, "D") for day in days))

    outcome = test_ward.say("Marit Solberg", "Vis ventende bytter")

    assert texts(outcome)[0].splitlines()[1] == (
        f"#{request.id} endringsforslag etter fraværet til Kari Nordmann: "
        "Per Hansen: fri → D mandag 11. januar; Per Hansen: fri → D tirsdag 12. januar; "
        "Per Hansen: fri → D onsdag 13. januar; og 2 endringer til (venter på leder)"
    )


def test_typed_approval_applies_the_changes(test_ward: SeededWard) -> None:
    """«Godkjenn N» reads the changes back; «ja» puts them in the roster and tells Per."""
    request = per_on_monday(test_ward)

    read_back = test_ward.say("Marit Solberg", f"godkjenn {request.id}")
    decided = test_ward.say("Marit Solberg", "ja")

    assert texts(read_back) == [
        f"Godkjenner endringsforslag #{request.id}, med disse endringene i den publiserte "
        "turnusen:\nPer Hansen: fri → D mandag 11. januar\nAlle som får endrede vakter, får "
        "beskjed. Stemmer det?"
    ]
    assert texts(decided) == [
        f"Endringsforslag #{request.id} ble godkjent av Marit Solberg, og turnusen er oppdatert."
    ]
    (notice,) = [r for r in decided.replies if r.recipient_employee_id is not None]
    assert notice.recipient_employee_id == test_ward.staff["Per Hansen"].id
    assert notice.text == "Turnusen din er endret:\nPer Hansen: fri → D mandag 11. januar"
    assert test_ward.published_shift("Per Hansen", MONDAY) == "D"


def test_approval_is_stored_and_audited(test_ward: SeededWard) -> None:
    """The approval records who decided, closes the proposal and audits the roster change."""
    request = per_on_monday(test_ward)
    marit = test_ward.staff["Marit Solberg"].id

    approve_typed(test_ward, request.id)

    decided = stored_request(test_ward, request.id)
    assert decided.state == RequestState.APPROVED
    assert decided.decided_by_id == marit
    assert roster_status(test_ward, request.roster_id) == RosterStatus.SUPERSEDED
    with test_ward.database.store() as store:
        changes = [
            entry
            for entry in store.audit.list("roster", test_ward.roster.id)
            if entry.action == "replace_assignments"
        ]
    assert changes[-1].actor_id == marit
    assert changes[-1].details["added"] == [
        {"employee_id": test_ward.staff["Per Hansen"].id, "day": "2027-01-11", "shift_code": "D"}
    ]
    assert changes[-1].details["removed"] == []


def test_approving_twice_changes_nothing(test_ward: SeededWard) -> None:
    """A second «godkjenn N» says the repair is approved already, with no read-back."""
    request = per_on_monday(test_ward)
    approve_typed(test_ward, request.id)

    again = test_ward.say("Marit Solberg", f"godkjenn {request.id}")

    assert texts(again) == [
        f"Du har allerede godkjent endringsforslag #{request.id}, og turnusen har endringene. "
        "Ingenting mer ble endret."
    ]
    assert test_ward.say("Marit Solberg", "ja").replies[0].text == (
        "Ingenting venter på svar fra deg nå."
    )


def make_turid_manager(ward: SeededWard) -> None:
    with ward.database.store() as store:
        store.employees.update_roles(
            ward.staff["Turid Lie"].id,
            frozenset({Role.EMPLOYEE, Role.PLANNER, Role.MANAGER}),
            actor_id=None,
        )


def test_approved_repair_names_the_decider(test_ward: SeededWard) -> None:
    """A second manager's «godkjenn N» names the manager who approved the repair, and the role."""
    make_turid_manager(test_ward)
    request = per_on_monday(test_ward)
    approve_typed(test_ward, request.id)

    again = test_ward.say("Turid Lie", f"godkjenn {request.id}")

    assert texts(again) == [
        f"Endringsforslag #{request.id} er allerede godkjent av leder Marit Solberg, og "
        "turnusen har endringene. Ingenting mer ble endret."
    ]


def test_rejected_repair_names_the_decider(test_ward: SeededWard) -> None:
    """Pressing «Godkjenn» on a repair another manager rejected names who rejected it."""
    make_turid_manager(test_ward)
    request = per_on_monday(test_ward)
    test_ward.say("Marit Solberg", f"avslå {request.id}")
    test_ward.say("Marit Solberg", "ja")

    pressed = test_ward.press(
        "Turid Lie", ButtonAction.APPROVE, f"{PROPOSAL_PREFIX}{request.roster_id}"
    )

    assert texts(pressed) == [
        f"Endringsforslag #{request.id} er allerede avslått av leder Marit Solberg, så "
        "turnusen er som før. Ingenting ble endret."
    ]
    assert test_ward.published_shift("Per Hansen", MONDAY) is None


def test_applied_repair_cannot_be_rejected(test_ward: SeededWard) -> None:
    """«Avslå N» after the approval is refused, and the roster keeps the changes."""
    request = per_on_monday(test_ward)
    approve_typed(test_ward, request.id)

    rejected = test_ward.say("Marit Solberg", f"avslå {request.id}")

    assert texts(rejected)[0].startswith(f"Du har allerede godkjent endringsforslag #{request.id}")
    assert stored_request(test_ward, request.id).state == RequestState.APPROVED
    assert test_ward.published_shift("Per Hansen", MONDAY) == "D"


def test_typed_rejection_keeps_the_roster(test_ward: SeededWard) -> None:
    """«Avslå N fordi …» closes the repair with the reason; the roster stays as it was."""
    request = per_on_monday(test_ward)

    read_back = test_ward.say("Marit Solberg", f"avslå {request.id} fordi vi leier inn vikar")
    decided = test_ward.say("Marit Solberg", "ja")

    assert texts(read_back) == [
        f"Avslår endringsforslag #{request.id}. Den publiserte turnusen forblir som den er. Er "
        "vaktene det skulle ha dekket, fortsatt ledige, ser jeg etter en annen endring av "
        "turnusen for dem, eller sier fra at ingen kan ta dem. Stemmer det?"
    ]
    assert texts(decided) == [
        f"Endringsforslag #{request.id} ble avslått av Marit Solberg. Turnusen er uendret."
    ]
    rejected = stored_request(test_ward, request.id)
    assert rejected.state == RequestState.REJECTED
    assert rejected.note == "vi leier inn vikar"
    assert roster_status(test_ward, request.roster_id) == RosterStatus.SUPERSEDED
    assert test_ward.published_shift("Per Hansen", MONDAY) is None


def test_employee_cannot_approve_a_repair(test_ward: SeededWard) -> None:
    """Per, who is no manager, is told the request is not his to answer; nothing changes."""
    request = per_on_monday(test_ward)

    outcome = test_ward.say("Per Hansen", f"godkjenn {request.id}")

    assert texts(outcome) == [
        f"Det finnes ingen forespørsel #{request.id} til deg. «Vis ventende bytter» viser "
        "forespørslene du kan svare på, med numrene deres. Andre forespørsler godkjennes av "
        "lederen for Nordvik sykehjem."
    ]
    assert stored_request(test_ward, request.id).state == RequestState.ACCEPTED
    assert test_ward.published_shift("Per Hansen", MONDAY) is None


def test_unknown_number_is_not_found(test_ward: SeededWard) -> None:
    """«Godkjenn 99» names a request that does not exist."""
    per_on_monday(test_ward)

    outcome = test_ward.say("Marit Solberg", "godkjenn 99")

    assert texts(outcome) == [
        "Jeg fant ikke forespørsel #99. «Vis ventende bytter» viser forespørslene du kan se, "
        "med numrene deres."
    ]


def test_manager_cannot_withdraw_a_repair(test_ward: SeededWard) -> None:
    """«Trekk tilbake N» on a repair says how a manager decides it instead."""
    request = per_on_monday(test_ward)

    outcome = test_ward.say("Marit Solberg", f"trekk tilbake {request.id}")

    assert texts(outcome) == [
        f"Endringsforslag #{request.id} kommer fra vaktbot, så ingen trekker det tilbake. En "
        f"leder godkjenner det med «godkjenn {request.id}» eller avslår det med «avslå "
        f"{request.id}»."
    ]


# What an employee who is not a manager gets for «trekk tilbake N» on a request that is
# not theirs, with no waiting request of their own.
NOT_YOURS_REPLY = (
    "Du har ingen forespørsel #{id} å trekke tilbake. Du har ingen ventende forespørsler i det "
    "hele tatt. Vil du trekke tilbake et registrert fravær, skriv typen og dagen, for eksempel "
    "«ikke kurs 7. januar»."
)


@pytest.mark.parametrize("name", ["Kari Nordmann", "Ola Nordmann"])
def test_employee_cannot_withdraw_a_repair(test_ward: SeededWard, name: str) -> None:
    """«Trekk tilbake N» on a repair gets the reply of a number that is not theirs, nothing more."""
    request = per_on_monday(test_ward)

    (existing,) = texts(test_ward.say(name, f"trekk tilbake {request.id}"))
    (missing,) = texts(test_ward.say(name, "trekk tilbake 999"))

    assert existing == NOT_YOURS_REPLY.format(id=request.id)
    assert missing == NOT_YOURS_REPLY.format(id=999)
    assert stored_request(test_ward, request.id).state == RequestState.ACCEPTED


def test_repair_withdrawal_names_own_requests(test_ward: SeededWard) -> None:
    """Kari, with a vacation request waiting, is told to withdraw that one instead."""
    request = per_on_monday(test_ward)
    test_ward.say("Kari Nordmann", "Ferie 1.–3. februar")
    (vacation_id,) = {
        reply.request_id
        for reply in test_ward.say("Kari Nordmann", "ja").replies
        if reply.request_id is not None
    }

    outcome = test_ward.say("Kari Nordmann", f"trekk tilbake {request.id}")

    assert texts(outcome) == [
        f"Du har ingen forespørsel #{request.id} å trekke tilbake. Du kan trekke tilbake din "
        f"egen ventende forespørsel #{vacation_id}: skriv «trekk tilbake {vacation_id}»."
    ]


def test_button_decision_closes_the_typed_one(test_ward: SeededWard) -> None:
    """After «Godkjenn» on the card, a typed «avslå N» is refused: one decision only."""
    request = per_on_monday(test_ward)
    button = f"{PROPOSAL_PREFIX}{request.roster_id}"

    pressed = test_ward.press("Marit Solberg", ButtonAction.APPROVE, button)
    typed = test_ward.say("Marit Solberg", f"avslå {request.id}")
    pressed_again = test_ward.press("Marit Solberg", ButtonAction.REJECT, button)

    (decision,) = own_replies(pressed)
    assert decision.kind == ReplyKind.DECISION
    assert decision.request_id == request.id
    assert decision.replace_original is True
    assert texts(typed)[0].startswith(f"Du har allerede godkjent endringsforslag #{request.id}")
    assert texts(pressed_again)[0].startswith(
        f"Du har allerede godkjent endringsforslag #{request.id}"
    )
    assert test_ward.published_shift("Per Hansen", MONDAY) == "D"


def test_approval_keeps_a_later_change(test_ward: SeededWard) -> None:
    """A change made after the proposal, on another day, stays when the repair is applied."""
    request = per_on_monday(test_ward)
    set_published_shift(test_ward, "Ola Nordmann", TUESDAY, None)

    approve_typed(test_ward, request.id)

    assert test_ward.published_shift("Per Hansen", MONDAY) == "D"
    assert test_ward.published_shift("Ola Nordmann", TUESDAY) is None


def test_changed_day_outdates_the_repair(test_ward: SeededWard) -> None:
    """Per got an evening shift on Monday since: the repair is closed and changes nothing."""
    request = per_on_monday(test_ward)
    set_published_shift(test_ward, "Per Hansen", MONDAY, "A")

    outcome = approve_typed(test_ward, request.id)

    assert texts(outcome) == [
        f"Endringsforslag #{request.id} passer ikke lenger til turnusen: Per Hansen har nå A "
        "mandag 11. januar, mens forslaget bygde på fri. Ingenting ble endret, og forslaget er "
        "lukket. Skriv «vis ventende bytter» for å se de ledige vaktene."
    ]
    assert stored_request(test_ward, request.id).state == RequestState.OUTDATED
    assert roster_status(test_ward, request.roster_id) == RosterStatus.SUPERSEDED
    assert test_ward.published_shift("Per Hansen", MONDAY) == "A"


def test_new_absence_outdates_the_repair(test_ward: SeededWard) -> None:
    """Per is sick on Monday since the proposal: approving it would break a rule."""
    request = per_on_monday(test_ward)
    with test_ward.database.store() as store:
        per = test_ward.staff["Per Hansen"].id
        absence = Absence(0, per, AbsenceKind.SICK, DateRange(MONDAY, MONDAY))
        store.absences.add_absence(absence, actor_id=per)

    outcome = approve_typed(test_ward, request.id)

    (text,) = texts(outcome)
    assert text.startswith(
        f"Endringsforslag #{request.id} passer ikke lenger til turnusen: Med endringene ville "
        "turnusen bryte en regel: "
    )
    assert "Per Hansen" in text
    assert stored_request(test_ward, request.id).state == RequestState.OUTDATED
    assert test_ward.published_shift("Per Hansen", MONDAY) is None


def test_sick_report_repair_is_decided_by_number(test_ward: SeededWard) -> None:
    """Kari's sick day gives Marit a numbered repair, which «godkjenn N» applies."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")
    outcome = test_ward.say("Kari Nordmann", "ja")
    (proposal,) = [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL]
    request_id = proposal.request_id
    assert request_id is not None

    listed = test_ward.say("Marit Solberg", "Vis ventende bytter")
    approve_typed(test_ward, request_id)

    assert f"#{request_id}," in proposal.text.splitlines()[0]
    assert f"Skriv «godkjenn {request_id}»" in proposal.text.splitlines()[-1]
    assert f"#{request_id} endringsforslag etter fraværet til Kari Nordmann" in texts(listed)[0]
    covering = [
        name for name in test_ward.staff if test_ward.published_shift(name, THURSDAY) == "D"
    ]
    assert covering
    assert "Kari Nordmann" not in covering


def test_repair_never_returns_a_released_night(test_ward: SeededWard) -> None:
    """Turid is sick on Friday: Thursday's night runs into it, so she does not get it back."""
    test_ward.say("Turid Lie", "Jeg er syk fredag")
    outcome = test_ward.say("Turid Lie", "ja")

    opened = [reply.text for reply in own_replies(outcome) if "tatt av" in reply.text]
    (proposal,) = [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL]
    changes = proposal.text.splitlines()[1:-1]
    assert opened == [
        "Du er tatt av vaktene N torsdag 7. januar og N fredag 8. januar. Lederen din har "
        "fått beskjed."
    ]
    assert changes
    assert "Turid Lie: fri → N torsdag 7. januar" not in changes
    assert "Turid Lie: fri → N fredag 8. januar" not in changes


def test_card_of_unnumbered_proposal_is_refused(test_ward: SeededWard) -> None:
    """A card whose proposal the upgrade closed, and a card of no proposal, change nothing."""
    with test_ward.database.store() as store:
        old = store.rosters.add(
            Roster(
                0,
                test_ward.unit.id,
                test_ward.roster.start,
                test_ward.roster.end,
                RosterStatus.SUPERSEDED,
                test_ward.roster.assignments,
            ),
            actor_id=None,
        )

    pressed = test_ward.press("Marit Solberg", ButtonAction.APPROVE, f"{PROPOSAL_PREFIX}{old.id}")
    unknown = test_ward.press("Marit Solberg", ButtonAction.APPROVE, f"{PROPOSAL_PREFIX}999")

    assert texts(pressed) == ["Det forslaget er allerede avgjort."]
    assert texts(unknown) == ["Jeg fant ikke det turnusforslaget."]


# --- two repairs of one roster ------------------------------------------------------------

FRIDAY = dt.date(2027, 1, 8)


def approved_absence_repair(ward: SeededWard, request_id: int) -> ShiftRequest:
    """Approve an absence request as Marit, and return the repair proposal that follows."""
    ward.say("Marit Solberg", f"godkjenn {request_id}")
    outcome = ward.say("Marit Solberg", "ja")
    (proposal,) = [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL]
    assert proposal.request_id is not None
    return stored_request(ward, proposal.request_id)


def added_shifts(ward: SeededWard, request: ShiftRequest) -> set[tuple[dt.date, str]]:
    """Return the shifts, as (day, shift code), that a repair gives someone."""
    with ward.database.store() as store:
        changes = store.shift_requests.repair_changes(request.id)
    return {(change.day, change.new_shift_code) for change in changes if change.new_shift_code}


def test_second_repair_counts_the_waiting_one(test_ward: SeededWard) -> None:
    """Leave on Monday 11, then a course on Thursday 7: the second repair covers Thursday only."""
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon mandag 11. januar")
    course = confirmed_request(test_ward, "Kari Nordmann", "Kurs torsdag 7. januar")
    first = approved_absence_repair(test_ward, leave)

    second = approved_absence_repair(test_ward, course)

    assert (MONDAY, "D") in added_shifts(test_ward, first)
    assert (THURSDAY, "D") in added_shifts(test_ward, second)
    assert added_shifts(test_ward, first) & added_shifts(test_ward, second) == set()
    approve_typed(test_ward, first.id)
    approve_typed(test_ward, second.id)
    assert stored_request(test_ward, first.id).state == RequestState.APPROVED
    assert stored_request(test_ward, second.id).state == RequestState.APPROVED
    with test_ward.database.store() as store:
        published = store.rosters.covering(test_ward.unit.id, MONDAY)
        assert published is not None
        headcounts = Counter((a.day, a.shift_code) for a in published.assignments)
    assert max(headcounts.values()) == 1


def test_second_proposal_names_the_waiting_one(test_ward: SeededWard) -> None:
    """The manager reads that the second proposal builds on the first, which still waits."""
    leave = confirmed_request(test_ward, "Kari Nordmann", "Permisjon mandag 11. januar")
    course = confirmed_request(test_ward, "Kari Nordmann", "Kurs torsdag 7. januar")
    first = approved_absence_repair(test_ward, leave)
    test_ward.say("Marit Solberg", f"godkjenn {course}")

    outcome = test_ward.say("Marit Solberg", "ja")

    (proposal,) = [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL]
    assert (
        f"Det regner endringene i endringsforslag #{first.id}, som fortsatt venter, som gjort. "
        "Avslår du det, ser jeg etter en annen endring av turnusen for vaktene det dekker."
    ) in proposal.text.splitlines()


def test_repair_of_covered_shift_is_refused(test_ward: SeededWard) -> None:
    """Two repairs fill Friday's open day shift: the second approval names the first one."""
    per = test_ward.staff["Per Hansen"].id
    kari = test_ward.staff["Kari Nordmann"].id
    first = stored_repair(test_ward, RosterDifference(per, FRIDAY, None, "D"))
    second = stored_repair(test_ward, RosterDifference(kari, FRIDAY, None, "D"))
    approve_typed(test_ward, first.id)

    outcome = approve_typed(test_ward, second.id)

    assert texts(outcome) == [
        f"Endringsforslag #{second.id} passer ikke lenger til turnusen: Kari Nordmann ville fått "
        "D fredag 8. januar, men den vakta har allerede så mange som planlagt: 1. Per Hansen "
        f"har den gjennom endringsforslag #{first.id}, som leder Marit Solberg godkjente. "
        "Ingenting ble endret, og forslaget er lukket. Skriv «vis ventende bytter» for å se de "
        "ledige vaktene."
    ]
    assert stored_request(test_ward, second.id).state == RequestState.OUTDATED
    assert test_ward.published_shift("Per Hansen", FRIDAY) == "D"
    assert test_ward.published_shift("Kari Nordmann", FRIDAY) is None


def test_change_already_made_keeps_the_repair(test_ward: SeededWard) -> None:
    """Per already got Monday's day shift another way: the repair still applies, once."""
    request = per_on_monday(test_ward)
    set_published_shift(test_ward, "Per Hansen", MONDAY, "D")

    approve_typed(test_ward, request.id)

    assert stored_request(test_ward, request.id).state == RequestState.APPROVED
    assert test_ward.published_shift("Per Hansen", MONDAY) == "D"


# --- a repair that no longer fits ---------------------------------------------------------

SUNDAY = dt.date(2027, 1, 10)


def kari_on_leave_monday(ward: SeededWard) -> None:
    """Register Kari's leave on Monday 11 January and open her day shift, as its approval does."""
    kari = ward.staff["Kari Nordmann"].id
    with ward.database.store() as store:
        leave = Absence(0, kari, AbsenceKind.LEAVE, DateRange(MONDAY, MONDAY))
        store.absences.add_absence(leave, actor_id=None)
    set_published_shift(ward, "Kari Nordmann", MONDAY, None)


def register_absence(ward: SeededWard, name: str, day: dt.date) -> None:
    employee_id = ward.staff[name].id
    with ward.database.store() as store:
        absence = Absence(0, employee_id, AbsenceKind.SICK, DateRange(day, day))
        store.absences.add_absence(absence, actor_id=employee_id)


def test_refused_repair_is_planned_again(test_ward: SeededWard) -> None:
    """Per, whom the repair puts on Kari's shift, is sick: the approval proposes a new repair."""
    kari_on_leave_monday(test_ward)
    refused = per_on_monday(test_ward)
    register_absence(test_ward, "Per Hansen", MONDAY)

    outcome = approve_typed(test_ward, refused.id)

    (card,) = [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL]
    assert card.request_id is not None
    replacement = stored_request(test_ward, card.request_id)
    assert stored_request(test_ward, refused.id).state == RequestState.OUTDATED
    assert card.recipient_employee_id == test_ward.staff["Marit Solberg"].id
    assert card.text.splitlines()[0] == (
        f"Endringsforslag #{refused.id} passer ikke lenger, så vaktene det skulle ha dekket, er "
        f"ledige igjen. Jeg foreslår denne endringen av turnusen i stedet, #{replacement.id}, "
        "med så få endringer som mulig:"
    )
    assert replacement.requester_id == test_ward.staff["Kari Nordmann"].id
    assert (MONDAY, "D") in added_shifts(test_ward, replacement)
    approve_typed(test_ward, replacement.id)
    covering = [name for name in test_ward.staff if test_ward.published_shift(name, MONDAY) == "D"]
    assert len(covering) == 1
    assert covering[0] not in ("Per Hansen", "Kari Nordmann")


def test_new_plan_counts_waiting_repair_only(test_ward: SeededWard) -> None:
    """The new repair counts the waiting repair as made, and the refused one not."""
    kari_on_leave_monday(test_ward)
    refused = per_on_monday(test_ward)
    ola = test_ward.staff["Ola Nordmann"].id
    waiting = stored_repair(test_ward, RosterDifference(ola, dt.date(2027, 1, 14), "A", None))
    register_absence(test_ward, "Per Hansen", MONDAY)

    outcome = approve_typed(test_ward, refused.id)

    (card,) = [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL]
    assert (
        f"Det regner endringene i endringsforslag #{waiting.id}, som fortsatt venter, som gjort. "
        "Avslår du det, ser jeg etter en annen endring av turnusen for vaktene det dekker."
    ) in card.text.splitlines()
    assert f"#{refused.id}," not in card.text
    assert card.request_id is not None
    approve_typed(test_ward, waiting.id)
    approve_typed(test_ward, card.request_id)
    assert stored_request(test_ward, card.request_id).state == RequestState.APPROVED
    assert [
        name for name in test_ward.staff if test_ward.published_shift(name, MONDAY) == "D"
    ] != []


def test_manager_is_told_nobody_can_cover(test_ward: SeededWard) -> None:
    """With every nurse busy or away on Monday, Marit reads that nobody can take the shift."""
    kari_on_leave_monday(test_ward)
    refused = per_on_monday(test_ward)
    register_absence(test_ward, "Per Hansen", MONDAY)
    register_absence(test_ward, "Ingrid Hansen", MONDAY)

    outcome = approve_typed(test_ward, refused.id)

    to_marit = [
        reply.text
        for reply in outcome.replies
        if reply.recipient_employee_id == test_ward.staff["Marit Solberg"].id
    ]
    assert to_marit[-1] == (
        f"Endringsforslag #{refused.id} passer ikke lenger, og ingen i turnusen kan ta vakta det "
        "skulle ha dekket, D mandag 11. januar, uten å bryte en regel. Finn dekning på en annen "
        "måte, for eksempel en vikar."
    )
    assert test_ward.published_shift("Per Hansen", MONDAY) is None


def test_covered_shift_is_not_planned_again(test_ward: SeededWard) -> None:
    """Ingrid took Monday's day shift since: the refused repair leads to no new proposal."""
    kari_on_leave_monday(test_ward)
    refused = per_on_monday(test_ward)
    set_published_shift(test_ward, "Ingrid Hansen", MONDAY, "D")

    outcome = approve_typed(test_ward, refused.id)

    assert stored_request(test_ward, refused.id).state == RequestState.OUTDATED
    assert [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL] == []
    assert [reply for reply in outcome.replies if reply.recipient_employee_id is not None] == []


def counted_repairs(ward: SeededWard) -> list[int]:
    """Return the ids of the waiting repairs that a repair planned now counts as made."""
    with ward.database.store() as store:
        roster = store.rosters.covering(ward.unit.id, MONDAY)
        assert roster is not None
        planning = build_problem(store, ward.unit, DateRange(roster.start, roster.end))
        token_of = {employee.id: token for token, employee in planning.employees_by_token.items()}
        waiting, _ = with_waiting_repairs(store, ward.unit, roster, planning.problem, token_of)
    return [request.id for request, _ in waiting]


def per_unavailable_monday(ward: SeededWard) -> None:
    per = ward.staff["Per Hansen"].id
    with ward.database.store() as store:
        unavailable = Unavailability(0, per, DateRange(MONDAY, MONDAY))
        store.absences.add_unavailability(unavailable, actor_id=per)


CHANGES_SINCE_THE_PROPOSAL = {
    "nothing": lambda ward: None,
    "absent that day": lambda ward: register_absence(ward, "Per Hansen", MONDAY),
    "unavailable that day": per_unavailable_monday,
    "shift changed": lambda ward: set_published_shift(ward, "Per Hansen", MONDAY, "A"),
    # A night from Sunday runs into Monday's day shift.
    "rule broken": lambda ward: set_published_shift(ward, "Per Hansen", SUNDAY, "N"),
    "covered since": lambda ward: set_published_shift(ward, "Ingrid Hansen", MONDAY, "D"),
}


@pytest.mark.parametrize(
    ("change", "counted"),
    [
        ("nothing", True),
        ("absent that day", False),
        ("unavailable that day", False),
        ("shift changed", False),
        ("rule broken", False),
        ("covered since", False),
    ],
)
def test_waiting_repair_counts_while_it_fits(
    test_ward: SeededWard, change: str, counted: bool
) -> None:
    """A new repair counts a waiting one as made only while its approval would succeed."""
    kari_on_leave_monday(test_ward)
    waiting = per_on_monday(test_ward)

    CHANGES_SINCE_THE_PROPOSAL[change](test_ward)

    assert counted_repairs(test_ward) == ([waiting.id] if counted else [])
    approved = approve_typed(test_ward, waiting.id)
    assert (stored_request(test_ward, waiting.id).state == RequestState.APPROVED) == counted
    assert texts(approved)


# --- a rejected repair --------------------------------------------------------------------


def reject_typed(ward: SeededWard, request_id: int) -> Outcome:
    ward.say("Marit Solberg", f"avslå {request_id}")
    return ward.say("Marit Solberg", "ja")


def approval_cards(outcome: Outcome) -> list[Reply]:
    return [reply for reply in outcome.replies if reply.kind == ReplyKind.APPROVAL]


def test_rejected_repair_is_planned_again(test_ward: SeededWard) -> None:
    """Marit rejects giving Per Kari's Monday shift: a new repair covers it, without Per."""
    kari_on_leave_monday(test_ward)
    rejected = per_on_monday(test_ward)

    outcome = reject_typed(test_ward, rejected.id)

    (card,) = approval_cards(outcome)
    assert card.request_id is not None
    replacement = stored_request(test_ward, card.request_id)
    assert texts(outcome) == [
        f"Endringsforslag #{rejected.id} ble avslått av Marit Solberg. Turnusen er uendret. "
        "Jeg ser etter en annen endring av turnusen for vaktene det skulle ha dekket, og sender "
        "den, eller sier fra hvis ingen kan ta dem."
    ]
    assert stored_request(test_ward, rejected.id).state == RequestState.REJECTED
    assert card.text.splitlines()[0] == (
        f"Endringsforslag #{rejected.id} ble avslått, så vaktene det skulle ha dekket, er "
        f"fortsatt ledige. Jeg foreslår denne endringen av turnusen i stedet, #{replacement.id}, "
        f"med så få endringer som mulig, og uten å gi noen en vakt som #{rejected.id} ville ha "
        "gitt dem:"
    )
    assert replacement.requester_id == test_ward.staff["Kari Nordmann"].id
    assert (MONDAY, "D") in added_shifts(test_ward, replacement)
    assert "Per Hansen: fri → D mandag 11. januar" not in card.text.splitlines()


def test_rejected_card_is_planned_again(test_ward: SeededWard) -> None:
    """The «Avslå» button on the card leads to the same new repair as «avslå N»."""
    kari_on_leave_monday(test_ward)
    rejected = per_on_monday(test_ward)

    outcome = test_ward.press(
        "Marit Solberg", ButtonAction.REJECT, f"{PROPOSAL_PREFIX}{rejected.roster_id}"
    )

    (card,) = approval_cards(outcome)
    assert card.text.startswith(f"Endringsforslag #{rejected.id} ble avslått, så vaktene")
    assert card.request_id is not None
    assert (MONDAY, "D") in added_shifts(test_ward, stored_request(test_ward, card.request_id))


def test_manager_is_told_nobody_else_can_cover(test_ward: SeededWard) -> None:
    """With every other nurse busy or away on Monday, Marit reads that nobody else can take it."""
    kari_on_leave_monday(test_ward)
    rejected = per_on_monday(test_ward)
    register_absence(test_ward, "Turid Lie", MONDAY)
    register_absence(test_ward, "Ingrid Hansen", MONDAY)

    outcome = reject_typed(test_ward, rejected.id)

    to_marit = [
        reply.text
        for reply in outcome.replies
        if reply.recipient_employee_id == test_ward.staff["Marit Solberg"].id
    ]
    assert to_marit[-1] == (
        f"Endringsforslag #{rejected.id} ble avslått, og ingen andre i turnusen kan ta vakta det "
        "skulle ha dekket, D mandag 11. januar, uten å bryte en regel. Finn dekning på en annen "
        "måte, for eksempel en vikar."
    )
    assert test_ward.published_shift("Per Hansen", MONDAY) is None


def test_rejected_repair_of_staffed_shift_ends(test_ward: SeededWard) -> None:
    """Kari still works Monday's day shift, so rejecting the repair plans nothing again."""
    rejected = per_on_monday(test_ward)

    outcome = reject_typed(test_ward, rejected.id)

    assert approval_cards(outcome) == []
    assert texts(outcome) == [
        f"Endringsforslag #{rejected.id} ble avslått av Marit Solberg. Turnusen er uendret."
    ]


def test_refused_move_is_planned_again(test_ward: SeededWard) -> None:
    """A refused repair that moved Ola, while the absent Kari works that day, is planned again.

    The repair moved Ola from the evening to Tuesday's day shift, which Kari had left
    for an evening. Ola is sick on Tuesday since, so the approval refuses it. Both Ola
    and Kari work that day, so the shift is handed to the solver as lost by someone off then.
    """
    set_published_shift(test_ward, "Kari Nordmann", TUESDAY, "A")
    ola = test_ward.staff["Ola Nordmann"].id
    refused = stored_repair(test_ward, RosterDifference(ola, TUESDAY, "A", "D"))
    register_absence(test_ward, "Ola Nordmann", TUESDAY)

    outcome = approve_typed(test_ward, refused.id)

    (card,) = approval_cards(outcome)
    assert card.request_id is not None
    assert stored_request(test_ward, refused.id).state == RequestState.OUTDATED
    assert (TUESDAY, "D") in added_shifts(test_ward, stored_request(test_ward, card.request_id))
