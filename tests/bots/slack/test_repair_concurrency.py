"""Other users' messages are answered while a repair is searched, and the repair still fits.

The repair search is held at its start until the test lets it go, which stands in
for a search of up to five seconds on a large ward. The busy timeout is short, so a
transaction left open around the search would show at once as «prøv igjen om litt».
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import solver
import storage.database
from core.absences import Absence
from core.commands import AbsenceKind, DateRange
from core.repairs import REPAIR_ATTEMPTS
from core.rosters import Roster, RosterStatus
from core.shift_requests import RequestKind
from solver.problem import SolverProblem
from storage.database import Database
from tests.bots.slack.slack_harness import SlackHarness, slack_settings, start_harness
from tests.bots.slack.slack_mock import SlackMock
from tests.bots.slack.slack_ward import seed_ward
from tests.bots.slack.test_repairs import CONFIRM, THURSDAY, last_post

# Long enough for a loaded machine, short enough to end a test that went wrong.
WAIT_SECONDS = 30.0
PROPOSAL_START = "Et fravær har gjort vakter ledige. Jeg foreslår denne endringen av turnusen"


class HeldRepair:
    """The real repair search, held at the start of each search until `release` is set."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.problems: list[SolverProblem] = []
        # Called on the solver's thread at the start of each search, with its number.
        self.on_search: Callable[[int], None] | None = None
        self._repair = solver.repair

    def __call__(self, problem: SolverProblem, *arguments: Any, **options: Any) -> Any:
        self.problems.append(problem)
        if self.on_search is not None:
            self.on_search(len(self.problems))
        self.started.set()
        self.release.wait(timeout=WAIT_SECONDS)
        return self._repair(problem, *arguments, **options)


@pytest.fixture
def held_repair(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldRepair]:
    """Hold the repair search of the harness, which reads `solver.repair` when it starts."""
    held = HeldRepair()
    monkeypatch.setattr(solver, "repair", held)
    yield held
    held.release.set()


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give up on the lock after a fifth of a second, before the ward's engine is created."""
    monkeypatch.setattr(storage.database, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.2)


@pytest.fixture
async def slack_repairing(
    short_busy_timeout: None,
    held_repair: HeldRepair,
    ward_database: Database,
    slack_mock: SlackMock,
    tmp_path: Path,
) -> AsyncIterator[SlackHarness]:
    """The Slack server with repair proposals on and the repair search held."""
    secret = secrets.token_hex(16)
    settings = slack_settings(secret, slack_mock, bot_token="xoxb-" + secrets.token_hex(8))
    ward = seed_ward(ward_database)
    harness = await start_harness(
        ward_database, ward, slack_mock, settings, tmp_path / "filer", repair=True
    )
    yield harness
    held_repair.release.set()
    await harness.client.close()


async def listeners_finished(slack: SlackHarness, count: int) -> None:
    """Wait for `count` listener runs without waiting for the held background job."""
    conversations = slack.platform.conversations
    await slack.mock.wait_for(lambda: conversations.finished_count >= count)


async def start_repair(slack: SlackHarness, held: HeldRepair) -> None:
    """Let Kari confirm a sick day tomorrow and wait until the repair search has begun."""
    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await listeners_finished(slack, 1)
    await slack.click("Kari Nordmann", last_post(slack, "DUKARI"), CONFIRM)
    await listeners_finished(slack, 2)
    started = await asyncio.to_thread(held.started.wait, WAIT_SECONDS)
    assert started, "the repair job did not reach the solver"


def published_roster(slack: SlackHarness) -> Roster:
    with slack.ward.database.store() as store:
        roster = store.rosters.covering(slack.ward.unit.id, THURSDAY)
    assert roster is not None
    assert roster.status == RosterStatus.PUBLISHED
    return roster


def repair_proposals(slack: SlackHarness) -> list[Roster]:
    """Return the proposed rosters of the unit's open repair requests."""
    with slack.ward.database.store() as store:
        requests = store.shift_requests.list_open(slack.ward.unit.id)
        rosters = [
            store.rosters.get(request.roster_id)
            for request in requests
            if request.kind == RequestKind.REPAIR and request.roster_id is not None
        ]
    return [roster for roster in rosters if roster is not None]


def days_off(roster: Roster, employee_id: int, after: dt.date, count: int) -> list[dt.date]:
    """Return the first `count` days after `after` on which the employee has no shift."""
    days: list[dt.date] = []
    day = after
    while len(days) < count:
        day += dt.timedelta(days=1)
        assert roster.covers(day)
        if roster.shift_of(employee_id, day) is None:
            days.append(day)
    return days


def first_day_off(roster: Roster, employee_id: int, after: dt.date) -> dt.date:
    (day,) = days_off(roster, employee_id, after, 1)
    return day


def add_day_of_vacation(slack: SlackHarness, employee_id: int, day: dt.date) -> None:
    with slack.ward.database.store() as store:
        store.absences.add_absence(
            Absence(0, employee_id, AbsenceKind.VACATION, DateRange(day, day)), actor_id=None
        )


async def test_message_during_repair_is_answered(
    slack_repairing: SlackHarness, held_repair: HeldRepair
) -> None:
    """Per gets his read-back while Kari's repair is searched, and the proposal follows."""
    slack = slack_repairing
    await start_repair(slack, held_repair)

    await slack.direct_message("Per Hansen", "Jeg er syk i morgen")
    await listeners_finished(slack, 3)
    answer_during_search = last_post(slack, "DUPER").arguments["text"]
    held_repair.release.set()
    await slack.settle(3)

    assert answer_during_search.startswith("Registrerer sykefravær torsdag 7. januar.")
    assert last_post(slack, "DUBJORN").arguments["text"].startswith(PROPOSAL_START)
    assert len(held_repair.problems) == 1
    assert len(repair_proposals(slack)) == 1


async def test_absence_during_repair_replans(
    slack_repairing: SlackHarness, held_repair: HeldRepair
) -> None:
    """An absence stored during the search makes the job search again, and the proposal keeps it."""
    slack = slack_repairing
    ola = slack.ward.staff["Ola Nordmann"].id
    absent_day = first_day_off(published_roster(slack), ola, THURSDAY)
    await start_repair(slack, held_repair)

    add_day_of_vacation(slack, ola, absent_day)
    held_repair.release.set()
    await slack.settle(2)

    first_search, second_search = held_repair.problems
    assert len(second_search.blocked) > len(first_search.blocked)
    (proposal,) = repair_proposals(slack)
    assert proposal.shift_of(ola, absent_day) is None
    assert last_post(slack, "DUBJORN").arguments["text"].startswith(PROPOSAL_START)


async def test_roster_changing_every_search(
    slack_repairing: SlackHarness, held_repair: HeldRepair
) -> None:
    """A roster that changes during each search is repaired once more inside a transaction."""
    slack = slack_repairing
    ola = slack.ward.staff["Ola Nordmann"].id
    absent_days = days_off(published_roster(slack), ola, THURSDAY, REPAIR_ATTEMPTS)

    def absence_during_search(search: int) -> None:
        # The last search runs inside the write transaction, where a write would wait.
        if search <= REPAIR_ATTEMPTS:
            add_day_of_vacation(slack, ola, absent_days[search - 1])

    held_repair.on_search = absence_during_search
    held_repair.release.set()
    await start_repair(slack, held_repair)
    await slack.settle(2)

    assert len(held_repair.problems) == REPAIR_ATTEMPTS + 1
    (proposal,) = repair_proposals(slack)
    for day in absent_days:
        assert proposal.shift_of(ola, day) is None
    assert last_post(slack, "DUBJORN").arguments["text"].startswith(PROPOSAL_START)
