"""Fixtures for the Teams tests: a network guard, the token issuer and the running endpoint.

Every test here runs inside the network guard: a connection to any host but
loopback fails the call and, at teardown, the test.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from storage.crypto import FieldCipher, generate_key
from storage.database import Database
from tests.bots.teams.teams_fakes import NetworkGuard, TokenIssuer, guarded_network
from tests.bots.teams.teams_harness import TeamsHarness, start_harness
from tests.bots.teams.teams_ward import TeamsWard, seed_teams_ward


@pytest.fixture(autouse=True)
def network_guard() -> Iterator[NetworkGuard]:
    with guarded_network() as guard:
        yield guard
    assert guard.blocked == [], f"a test reached beyond loopback: {guard.blocked}"


@pytest.fixture(scope="session")
def token_issuer() -> TokenIssuer:
    """One RSA key for the session: generating it takes longer than most tests."""
    return TokenIssuer()


@pytest.fixture(scope="session")
def teams_cipher() -> FieldCipher:
    """One key for the session, so that every test can copy the same seeded database."""
    return FieldCipher({"teams": generate_key()}, "teams")


@pytest.fixture(scope="session")
def seeded_teams_template(
    tmp_path_factory: pytest.TempPathFactory,
    migrated_sqlite_template: Path,
    teams_cipher: FieldCipher,
) -> tuple[Path, TeamsWard]:
    """Seed the ward once; each test copies the file, which is faster than seeding."""
    template = tmp_path_factory.mktemp("teams-template") / "teams.db"
    shutil.copyfile(migrated_sqlite_template, template)
    database = Database(f"sqlite:///{template}", teams_cipher)
    try:
        return template, seed_teams_ward(database)
    finally:
        database.dispose()


@pytest.fixture
def teams_database(
    tmp_path: Path, teams_cipher: FieldCipher, seeded_teams_template: tuple[Path, TeamsWard]
) -> Iterator[tuple[Database, TeamsWard]]:
    template, ward = seeded_teams_template
    database_file = tmp_path / "teams.db"
    shutil.copyfile(template, database_file)
    database = Database(f"sqlite:///{database_file}", teams_cipher)
    yield database, ward
    database.dispose()


@pytest.fixture
async def teams(
    teams_database: tuple[Database, TeamsWard], tmp_path: Path, token_issuer: TokenIssuer
) -> AsyncIterator[TeamsHarness]:
    """The endpoint with token validation on, as in production."""
    harness = await start_harness(*teams_database, tmp_path, token_issuer)
    yield harness
    await harness.settle()
    await harness.close()


@pytest.fixture
async def teams_on_each_backend(
    database: Database, tmp_path: Path, token_issuer: TokenIssuer
) -> AsyncIterator[TeamsHarness]:
    """The endpoint on SQLite and on the session's PostgreSQL server, for concurrency tests."""
    harness = await start_harness(database, seed_teams_ward(database), tmp_path, token_issuer)
    yield harness
    await harness.settle()
    await harness.close()


@pytest.fixture
async def anonymous_teams(
    teams_database: tuple[Database, TeamsWard], tmp_path: Path, token_issuer: TokenIssuer
) -> AsyncIterator[TeamsHarness]:
    """The endpoint in anonymous mode (TEAMS_ALLOW_ANONYMOUS=1), for local development."""
    harness = await start_harness(*teams_database, tmp_path, token_issuer, anonymous=True)
    yield harness
    await harness.settle()
    await harness.close()
