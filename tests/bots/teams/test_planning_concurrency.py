"""Other users' messages are answered while a roster is being planned or the database is locked.

The solver is held at its start until the test lets it go, which stands in for
a search of a minute on a large ward. Without that, the race would depend on
the machine's speed.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import solver
import storage.database
from core.rosters import RosterStatus
from tests.bots.teams.teams_fakes import TeamsUser, message_activity
from tests.bots.teams.teams_harness import SIGNED, TeamsHarness
from tests.bots.teams.teams_ward import KAARE, TORRIS
from tests.sqlite_locks import write_lock_held

# Long enough for a loaded machine, short enough to end a test that went wrong.
WAIT_SECONDS = 30.0


class HeldSolver:
    """The real solver, held at the start of each search until `release` is set."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self._solve = solver.solve

    def __call__(self, *arguments: Any, **options: Any) -> Any:
        self.started.set()
        self.release.wait(timeout=WAIT_SECONDS)
        return self._solve(*arguments, **options)


@pytest.fixture(autouse=True)
def held_solver(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSolver]:
    """Hold the solver of the harness, which reads `solver.solve` when it starts."""
    held = HeldSolver()
    monkeypatch.setattr(solver, "solve", held)
    yield held
    held.release.set()


def has_draft(teams: TeamsHarness) -> bool:
    with teams.database.store() as store:
        return store.rosters.latest(teams.ward.unit.id, status=RosterStatus.DRAFT) is not None


def absences_count(teams: TeamsHarness) -> int:
    with teams.database.store() as store:
        return len(store.absences.list_absences(employee_id=teams.ward.employee_id(KAARE)))


async def say(teams: TeamsHarness, user: TeamsUser, text: str, token: str | None) -> None:
    response = await teams.post(message_activity(user, teams.service_url, text=text), token=token)
    assert response.status == 202


async def start_planning(teams: TeamsHarness, held: HeldSolver, token: str | None) -> None:
    """Let Tørris confirm «Lag turnus for uke 3» and wait until the search has begun."""
    await say(teams, TORRIS, "Lag turnus for uke 3", token)
    await say(teams, TORRIS, "ja", token)
    started = await asyncio.to_thread(held.started.wait, WAIT_SECONDS)
    assert started, "the planning job did not reach the solver"


async def register_sick_day(teams: TeamsHarness, token: str | None) -> list[str]:
    """Let Kåre register a sick day and return the texts he was sent."""
    await say(teams, KAARE, "Jeg er syk i morgen", token)
    await say(teams, KAARE, "ja", token)
    return [call.shown_text for call in teams.sent_to(KAARE)]


async def test_message_during_planning_is_answered(
    anonymous_teams: TeamsHarness, held_solver: HeldSolver
) -> None:
    """Kåre registers a sick day while Tørris's roster is planned, and both are stored."""
    teams = anonymous_teams
    await start_planning(teams, held_solver, token=None)

    texts = await register_sick_day(teams, token=None)
    registered_during_search = absences_count(teams)
    held_solver.release.set()
    await teams.settle()

    assert "Registrert: sykefravær torsdag 7. januar." in texts
    assert registered_during_search == 1
    assert has_draft(teams)


async def test_message_during_planning_on_each_backend(
    teams_on_each_backend: TeamsHarness, held_solver: HeldSolver
) -> None:
    """On SQLite and PostgreSQL alike, a search holds no transaction that blocks a message."""
    teams = teams_on_each_backend
    await start_planning(teams, held_solver, token=SIGNED)

    texts = await register_sick_day(teams, token=SIGNED)
    held_solver.release.set()
    await teams.settle()

    assert [text for text in texts if "Beklager" in text or "opptatt" in text] == []
    assert absences_count(teams) == 1
    assert has_draft(teams)


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give up on the lock after a fifth of a second, so the test does not wait ten."""
    monkeypatch.setattr(storage.database, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.2)


async def test_locked_database_gets_busy_reply(
    short_busy_timeout: None, anonymous_teams: TeamsHarness
) -> None:
    """A message that cannot get the lock is answered «prøv igjen om litt», not left silent."""
    teams = anonymous_teams
    database_file = Path(str(teams.database.url.database))

    with write_lock_held(database_file):
        await say(teams, KAARE, "Jeg er syk i morgen", token=None)
    texts = [call.shown_text for call in teams.sent_to(KAARE)]

    assert len(texts) == 1
    assert texts[0].endswith("Prøv igjen om litt.")
    assert absences_count(teams) == 0
