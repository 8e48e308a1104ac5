"""Fixtures of the Slack tests: the mock Slack, the seeded ward, and the running server.

`slack` starts the mock Web API, seeds the ward in a migrated SQLite database, and
serves the Slack platform on loopback. Tests talk to it only with signed HTTP
requests, as Slack would.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from storage.crypto import FieldCipher
from storage.database import Database
from tests.bots.slack.slack_harness import SlackHarness, slack_settings, start_harness
from tests.bots.slack.slack_mock import SlackMock
from tests.bots.slack.slack_ward import seed_ward, users_info


@pytest.fixture
async def slack_mock() -> AsyncIterator[SlackMock]:
    mock = SlackMock(users=users_info())
    mock.server = TestServer(mock.application(), host="127.0.0.1")
    await mock.server.start_server()
    yield mock
    await mock.server.close()


@pytest.fixture
def ward_database(tmp_path: Path, cipher: FieldCipher) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'vaktbot.db'}", cipher)
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture
async def slack(
    ward_database: Database, slack_mock: SlackMock, tmp_path: Path
) -> AsyncIterator[SlackHarness]:
    """The server with the Slack platform for one workspace (a bot token, no OAuth)."""
    secret = secrets.token_hex(16)
    settings = slack_settings(secret, slack_mock, bot_token="xoxb-" + secrets.token_hex(8))
    harness = await start_harness(
        ward_database, seed_ward(ward_database), slack_mock, settings, tmp_path / "filer"
    )
    yield harness
    await harness.client.close()
