"""Fixtures for the Teams tests: a network guard, the token issuer and the running endpoint.

Every test here runs inside the network guard: a connection to any host but
loopback fails the call and, at teardown, the test.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from storage.crypto import FieldCipher
from storage.database import Database
from tests.bots.teams.teams_fakes import NetworkGuard, TokenIssuer, guarded_network
from tests.bots.teams.teams_harness import TeamsHarness, start_harness


@pytest.fixture(autouse=True)
def network_guard() -> Iterator[NetworkGuard]:
    with guarded_network() as guard:
        yield guard
    assert guard.blocked == [], f"a test reached beyond loopback: {guard.blocked}"


@pytest.fixture(scope="session")
def token_issuer() -> TokenIssuer:
    """One RSA key for the session: generating it takes longer than most tests."""
    return TokenIssuer()


@pytest.fixture
def teams_database(
    tmp_path: Path, cipher: FieldCipher, migrated_sqlite_template: Path
) -> Iterator[Database]:
    """A SQLite database copied from the session's migrated one, which is faster than migrating."""
    database_file = tmp_path / "teams.db"
    shutil.copyfile(migrated_sqlite_template, database_file)
    database = Database(f"sqlite:///{database_file}", cipher)
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture
async def teams(
    teams_database: Database, tmp_path: Path, token_issuer: TokenIssuer
) -> AsyncIterator[TeamsHarness]:
    """The endpoint with token validation on, as in production."""
    harness = await start_harness(teams_database, tmp_path, token_issuer)
    yield harness
    await harness.settle()
    await harness.close()


@pytest.fixture
async def teams_on_each_backend(
    database: Database, tmp_path: Path, token_issuer: TokenIssuer
) -> AsyncIterator[TeamsHarness]:
    """The endpoint on SQLite and on the session's PostgreSQL server, for concurrency tests."""
    harness = await start_harness(database, tmp_path, token_issuer)
    yield harness
    await harness.settle()
    await harness.close()


@pytest.fixture
async def anonymous_teams(
    teams_database: Database, tmp_path: Path, token_issuer: TokenIssuer
) -> AsyncIterator[TeamsHarness]:
    """The endpoint in anonymous mode (TEAMS_ALLOW_ANONYMOUS=1), for local development."""
    harness = await start_harness(teams_database, tmp_path, token_issuer, anonymous=True)
    yield harness
    await harness.settle()
    await harness.close()
