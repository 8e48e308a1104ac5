"""Two people deciding one request at the same moment, on PostgreSQL: the first decision counts.

Each test holds a row lock on the request from a third session while two chats act on
it in their own threads, and releases it once both sessions wait for a lock. Both
deciders have then read the request as undecided, which is the race two managers
pressing «Godkjenn» at once run into. The second decider must find the request
decided and change nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pytest
from sqlalchemy import Connection, text

from core.commands import AbsenceKind
from core.employees import Role
from core.messages import ButtonAction, Outcome
from core.repairs import PROPOSAL_PREFIX
from core.rosters import RosterDifference
from core.shift_requests import RequestState
from tests.core.test_repairs import stored_repair, stored_request
from tests.core.ward_cast import SeededWard, confirmed_request, texts

pytestmark = pytest.mark.postgres

# How long the test waits for both deciders to block on the lock.
WAIT_SECONDS = 20.0

THURSDAY = dt.date(2027, 1, 7)
FRIDAY = dt.date(2027, 1, 8)
SATURDAY = dt.date(2027, 1, 9)
MONDAY = dt.date(2027, 1, 11)
MANAGERS = ("Marit Solberg", "Turid Lie")


@pytest.fixture
def ward(postgres_ward: SeededWard) -> SeededWard:
    """The ward with Turid as a second manager beside Marit."""
    turid = postgres_ward.staff["Turid Lie"]
    with postgres_ward.database.store() as store:
        store.employees.update_roles(
            turid.id, frozenset({Role.EMPLOYEE, Role.PLANNER, Role.MANAGER}), actor_id=None
        )
    return postgres_ward


def accepted_swap(ward: SeededWard) -> int:
    """Kari's day shift on Thursday for Per's on Saturday, accepted by Per."""
    request_id = confirmed_request(
        ward, "Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag"
    )
    ward.press("Per Hansen", ButtonAction.ACCEPT, str(request_id))
    return request_id


def taken_open_shift(ward: SeededWard) -> int:
    """Kari asks for the open day shift on Friday."""
    return confirmed_request(ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")


def taken_offer(ward: SeededWard) -> int:
    """Ola offers his evening shift on Monday 11 January, and Per takes it."""
    request_id = confirmed_request(ward, "Ola Nordmann", "Kan noen ta kveldsvakta mi 11. januar?")
    ward.say("Per Hansen", f"jeg tar {request_id}")
    ward.say("Per Hansen", "ja")
    return request_id


def requested_vacation(ward: SeededWard) -> int:
    """Kari asks for vacation 1–3 February."""
    return confirmed_request(ward, "Kari Nordmann", "Ferie 1.–3. februar")


@dataclass(frozen=True)
class Race:
    """The outcomes of two chats that acted on one request at once, in the order of `names`."""

    names: tuple[str, str]
    outcomes: tuple[Outcome, Outcome]

    def reply_of(self, name: str) -> str:
        (reply,) = texts(self.outcomes[self.names.index(name)])
        return reply


def waiting_for_locks(connection: Connection) -> int:
    """Count the other sessions on this database that wait for a lock."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    return int(connection.execute(query).scalar_one())


# The statements a third session holds locks with, until both chats wait for them.
REQUEST_LOCK = "SELECT id FROM shift_requests WHERE id = :id FOR UPDATE"
ROSTER_LOCK = "SELECT id FROM rosters WHERE id = :id FOR UPDATE"


def race(
    ward: SeededWard,
    locked_id: int,
    actions: dict[str, Callable[[], Outcome]],
    *,
    lock: str = REQUEST_LOCK,
) -> Race:
    """Run both actions while a third session locks a row, then let them go at once.

    By default the locked row is the request `locked_id`. With ROSTER_LOCK it is the
    roster `locked_id`, which two approvals of different requests both change.
    """
    names = tuple(actions)
    assert len(names) == 2
    for name in names:
        ward.chat(name)
    outcomes: dict[str, Outcome] = {}

    def act(name: str) -> None:
        outcomes[name] = actions[name]()

    engine = ward.database.engine
    with engine.connect() as holder, engine.connect() as observer:
        holder.execute(text(lock), {"id": locked_id})
        threads = [threading.Thread(target=act, args=(name,)) for name in names]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + WAIT_SECONDS
        observer.execution_options(isolation_level="AUTOCOMMIT")
        while waiting_for_locks(observer) < len(threads) and time.monotonic() < deadline:
            time.sleep(0.05)
        both_waited = waiting_for_locks(observer) == len(threads)
        holder.rollback()
        for thread in threads:
            thread.join(timeout=WAIT_SECONDS)

    assert both_waited
    assert set(outcomes) == set(names)
    return Race((names[0], names[1]), (outcomes[names[0]], outcomes[names[1]]))


def approved_by_both(ward: SeededWard, request_id: int) -> Race:
    press = {
        manager: partial(ward.press, manager, ButtonAction.APPROVE, str(request_id))
        for manager in MANAGERS
    }
    return race(ward, request_id, press)


def approvals_stored(ward: SeededWard, request_id: int) -> int:
    with ward.database.store() as store:
        entries = store.audit.list("shift_request", request_id)
    return sum(1 for entry in entries if entry.details.get("state") == RequestState.APPROVED.value)


def decided(ward: SeededWard, request_id: int) -> tuple[RequestState, str]:
    """Return the request's state and the name of the manager who decided it."""
    with ward.database.store() as store:
        request = store.shift_requests.get(request_id)
        assert request is not None
        decider = store.employees.get(request.decided_by_id or 0)
    assert decider is not None
    return request.state, decider.name


def check_one_approval(ward: SeededWard, request_id: int, outcome: Race) -> None:
    """Assert that the first manager's approval is kept and the second gets the refusal."""
    state, winner = decided(ward, request_id)
    (loser,) = set(MANAGERS) - {winner}

    assert state == RequestState.APPROVED
    assert approvals_stored(ward, request_id) == 1
    assert outcome.reply_of(winner).endswith(f"godkjent av {winner}.")
    assert outcome.reply_of(loser) == (
        f"Forespørsel #{request_id} er allerede godkjent av leder {winner}. Ingenting mer ble "
        "endret."
    )


def test_swap_approved_twice_at_once(ward: SeededWard, caplog: pytest.LogCaptureFixture) -> None:
    """Of two managers approving a swap at once, one swaps the shifts and the other is told."""
    request_id = accepted_swap(ward)

    with caplog.at_level(logging.INFO, logger="core.actions.shift_requests"):
        outcome = approved_by_both(ward, request_id)

    check_one_approval(ward, request_id, outcome)
    (logged,) = [r.getMessage() for r in caplog.records if r.name == "core.actions.shift_requests"]
    assert logged.startswith(f"request {request_id} became approved, decided by employee ")
    assert not any(name in logged for name in ward.staff)
    assert ward.published_shift("Kari Nordmann", SATURDAY) == "D"
    assert ward.published_shift("Kari Nordmann", THURSDAY) is None
    assert ward.published_shift("Per Hansen", THURSDAY) == "D"
    assert ward.published_shift("Per Hansen", SATURDAY) is None


def test_open_shift_take_approved_twice_at_once(ward: SeededWard) -> None:
    """Of two managers approving a take of an open shift at once, only one gives it to Kari."""
    request_id = taken_open_shift(ward)

    outcome = approved_by_both(ward, request_id)

    check_one_approval(ward, request_id, outcome)
    assert ward.published_shift("Kari Nordmann", FRIDAY) == "D"


def test_offer_approved_twice_at_once(ward: SeededWard) -> None:
    """Of two managers approving a taken offer at once, one moves the shift to Per."""
    request_id = taken_offer(ward)

    outcome = approved_by_both(ward, request_id)

    check_one_approval(ward, request_id, outcome)
    assert ward.published_shift("Per Hansen", MONDAY) == "A"
    assert ward.published_shift("Ola Nordmann", MONDAY) is None


def test_vacation_approved_twice_at_once(ward: SeededWard) -> None:
    """Of two managers approving a vacation at once, one registers it, once."""
    request_id = requested_vacation(ward)

    outcome = approved_by_both(ward, request_id)

    check_one_approval(ward, request_id, outcome)
    with ward.database.store() as store:
        absences = store.absences.list_absences(employee_id=ward.staff["Kari Nordmann"].id)
    assert [absence.kind for absence in absences] == [AbsenceKind.VACATION]


def test_offer_taken_twice_at_once(ward: SeededWard) -> None:
    """Of two nurses taking Per's offered day shift at once, the second learns someone was first."""
    request_id = confirmed_request(ward, "Per Hansen", "Kan noen ta dagvakta mi 15. januar?")
    takers = ("Kari Nordmann", "Turid Lie")
    for taker in takers:
        ward.say(taker, f"jeg tar {request_id}")

    outcome = race(ward, request_id, {taker: partial(ward.say, taker, "ja") for taker in takers})

    with ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    assert request.state == RequestState.ACCEPTED
    winner = next(name for name in takers if ward.staff[name].id == request.counterpart_id)
    (loser,) = set(takers) - {winner}
    assert outcome.reply_of(loser) == (
        f"Forespørsel #{request_id} er allerede tatt av en kollega, og nå avgjør en leder den. "
        "«Vis ventende bytter» viser vaktene du fortsatt kan ta."
    )
    assert "er allerede" not in outcome.reply_of(winner)


def test_withdrawal_during_approval(ward: SeededWard) -> None:
    """Kari withdrawing her swap while Marit approves it: whoever is second changes nothing."""
    request_id = accepted_swap(ward)
    ward.say("Kari Nordmann", f"trekk tilbake {request_id}")

    outcome = race(
        ward,
        request_id,
        {
            "Marit Solberg": partial(
                ward.press, "Marit Solberg", ButtonAction.APPROVE, str(request_id)
            ),
            "Kari Nordmann": partial(ward.say, "Kari Nordmann", "ja"),
        },
    )

    with ward.database.store() as store:
        request = store.shift_requests.get(request_id)
    assert request is not None
    if request.state == RequestState.APPROVED:
        assert outcome.reply_of("Kari Nordmann").startswith(
            f"Forespørsel #{request_id} er allerede godkjent, så vaktene er byttet i turnusen."
        )
        assert ward.published_shift("Kari Nordmann", SATURDAY) == "D"
    else:
        assert request.state == RequestState.CANCELLED
        assert outcome.reply_of("Marit Solberg") == (
            f"Forespørsel #{request_id} er allerede trukket tilbake av den som spurte. "
            "Ingenting ble endret."
        )
        assert ward.published_shift("Kari Nordmann", THURSDAY) == "D"


def test_two_takes_of_one_shift_at_once(ward: SeededWard) -> None:
    """Two managers approving Kari's and Per's takes of Friday's open day shift: one gets it.

    The requests are different, so their row locks do not keep the approvals apart.
    Both managers have read the roster with the shift still open, and the second
    approval must find it taken, close its request and name the decision that took it.
    """
    karis = confirmed_request(ward, "Kari Nordmann", "Jeg tar den ledige vakta fredag")
    pers = confirmed_request(ward, "Per Hansen", "Jeg tar den ledige vakta fredag")
    decisions = {"Marit Solberg": karis, "Turid Lie": pers}

    outcome = race(
        ward,
        ward.roster.id,
        {
            manager: partial(ward.press, manager, ButtonAction.APPROVE, str(request_id))
            for manager, request_id in decisions.items()
        },
        lock=ROSTER_LOCK,
    )

    with ward.database.store() as store:
        states = {
            manager: stored.state
            for manager, request_id in decisions.items()
            if (stored := store.shift_requests.get(request_id)) is not None
        }
    (winner,) = [manager for manager, state in states.items() if state == RequestState.APPROVED]
    (loser,) = set(MANAGERS) - {winner}
    taker = "Kari Nordmann" if winner == "Marit Solberg" else "Per Hansen"
    other_taker = "Per Hansen" if taker == "Kari Nordmann" else "Kari Nordmann"
    assert states[loser] == RequestState.OUTDATED
    assert ward.published_shift(taker, FRIDAY) == "D"
    assert ward.published_shift(other_taker, FRIDAY) is None
    assert outcome.reply_of(loser) == (
        f"#{decisions[loser]} ledig vakt D fredag 8. januar → {other_taker} (utdatert): "
        "D-vakta fredag 8. januar er ikke ledig lenger. Vakta ble flyttet av forespørsel "
        f"#{decisions[winner]}, som leder {winner} godkjente. Denne forespørselen er derfor "
        "lukket, og ingenting i turnusen ble endret."
    )


def test_two_repairs_of_one_shift_at_once(ward: SeededWard) -> None:
    """Two managers approving two repairs that fill Friday's open day shift: one fills it.

    Both repairs fit the roster each manager read, so only the check under the roster
    lock keeps the second from putting two people on a shift planned for one.
    """
    per = ward.staff["Per Hansen"].id
    kari = ward.staff["Kari Nordmann"].id
    repairs = {
        "Marit Solberg": stored_repair(ward, RosterDifference(per, FRIDAY, None, "D")),
        "Turid Lie": stored_repair(ward, RosterDifference(kari, FRIDAY, None, "D")),
    }

    outcome = race(
        ward,
        ward.roster.id,
        {
            manager: partial(
                ward.press, manager, ButtonAction.APPROVE, f"{PROPOSAL_PREFIX}{repair.roster_id}"
            )
            for manager, repair in repairs.items()
        },
        lock=ROSTER_LOCK,
    )

    states = {manager: stored_request(ward, repair.id).state for manager, repair in repairs.items()}
    (winner,) = [manager for manager, state in states.items() if state == RequestState.APPROVED]
    (loser,) = set(MANAGERS) - {winner}
    assert states[loser] == RequestState.OUTDATED
    assert outcome.reply_of(loser).startswith(
        f"Endringsforslag #{repairs[loser].id} passer ikke lenger til turnusen: "
    )
    assert f"endringsforslag #{repairs[winner].id}" in outcome.reply_of(loser)
    friday_day_shifts = [
        name for name in ("Per Hansen", "Kari Nordmann") if ward.published_shift(name, FRIDAY)
    ]
    assert len(friday_day_shifts) == 1


def test_offer_approved_while_leave_is_approved(ward: SeededWard) -> None:
    """Approving Kari's leave and Per's take of her offer at once: both finish, one counts.

    The leave closes the offer of the shift it opens, so both approvals lock the offer
    and the roster. They lock them in the same order, so neither waits for the other.
    """
    offer = confirmed_request(ward, "Kari Nordmann", "Kan noen ta dagvakta mi 11. januar?")
    ward.say("Per Hansen", f"jeg tar {offer}")
    ward.say("Per Hansen", "ja")
    leave = confirmed_request(ward, "Kari Nordmann", "Permisjon mandag 11. januar")

    outcome = race(
        ward,
        ward.roster.id,
        {
            "Marit Solberg": partial(ward.press, "Marit Solberg", ButtonAction.APPROVE, str(leave)),
            "Turid Lie": partial(ward.press, "Turid Lie", ButtonAction.APPROVE, str(offer)),
        },
        lock=ROSTER_LOCK,
    )

    assert stored_request(ward, leave).state == RequestState.APPROVED
    assert ward.published_shift("Kari Nordmann", MONDAY) is None
    if stored_request(ward, offer).state == RequestState.APPROVED:
        assert ward.published_shift("Per Hansen", MONDAY) == "D"
    else:
        assert stored_request(ward, offer).state == RequestState.OUTDATED
        assert ward.published_shift("Per Hansen", MONDAY) is None
        assert "(utdatert)" in outcome.reply_of("Turid Lie")
