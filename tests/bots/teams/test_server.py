"""Teams on the shared web server: mounted from the environment, delivering across platforms."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest.mock import MagicMock

import pytest
from aiohttp import web

from bots.platforms import Outbox
from bots.server import ServerConfigurationError, configured_platforms, teams_from_environment
from core.messages import Reply
from storage.database import Database
from tests.bots.teams.teams_fakes import APP_ID, TokenIssuer
from tests.bots.teams.teams_harness import TeamsHarness, start_harness
from tests.bots.teams.teams_ward import AASE, KAARE, TeamsWard


@dataclass
class RecordingPlatform:
    """Another chat platform on the server, which records what it is asked to deliver."""

    name: str = "opptak"
    delivered: list[tuple[int, Reply]] = field(default_factory=list)

    def mount(self, app: web.Application, outbox: Outbox) -> None:
        pass

    async def deliver(self, employee_id: int, reply: Reply) -> bool:
        self.delivered.append((employee_id, reply))
        return True


@pytest.fixture
def other_platform() -> RecordingPlatform:
    return RecordingPlatform()


@pytest.fixture
async def teams_beside_another(
    teams_database: tuple[Database, TeamsWard],
    tmp_path: Path,
    token_issuer: TokenIssuer,
    other_platform: RecordingPlatform,
) -> AsyncIterator[TeamsHarness]:
    harness = await start_harness(
        *teams_database, tmp_path, token_issuer, other_platforms=[other_platform]
    )
    yield harness
    await harness.settle()
    await harness.close()


async def test_healthz_lists_teams(teams: TeamsHarness) -> None:
    """The shared server's health check names the mounted Teams platform."""
    async with teams.client.get(teams.bot_url.replace("/api/messages", "/healthz")) as response:
        body = await response.json()

    assert response.status == 200
    assert body == {"status": "ok", "platforms": ["teams"]}


async def test_notice_goes_to_every_platform(
    teams_beside_another: TeamsHarness, other_platform: RecordingPlatform
) -> None:
    """A Teams user's sick leave reaches the manager on Teams and on the other platform."""
    teams = teams_beside_another
    await teams.say(KAARE, "Jeg er syk i morgen")
    await teams.press(KAARE, teams.last_to(KAARE), "Bekreft")
    await teams.settle()

    manager_id = teams.ward.employee_id(AASE)
    assert [employee_id for employee_id, _reply in other_platform.delivered] == [manager_id]
    assert "Kåre Ødegård" in other_platform.delivered[0][1].text
    assert "Kåre Ødegård" in teams.last_to(AASE).shown_text


def test_factory_mounts_teams_when_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    """With TEAMS_APP_ID and a secret in the environment, the server mounts Teams."""
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID)
    monkeypatch.setenv("TEAMS_APP_PASSWORD", "hemmelig")

    (platform,) = configured_platforms(MagicMock(), [teams_from_environment])

    assert platform.name == "teams"


def test_factory_skips_teams_when_unconfigured(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("TEAMS_APP_ID", "TEAMS_ALLOW_ANONYMOUS"):
        monkeypatch.delenv(variable, raising=False)

    assert configured_platforms(MagicMock(), [teams_from_environment]) == []


def test_factory_reports_contradicting_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """An app id together with anonymous mode stops the server with the fix in the message."""
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID)
    monkeypatch.setenv("TEAMS_APP_PASSWORD", "hemmelig")
    monkeypatch.setenv("TEAMS_ALLOW_ANONYMOUS", "1")

    with pytest.raises(ServerConfigurationError, match="Teams: TEAMS_ALLOW_ANONYMOUS"):
        configured_platforms(MagicMock(), [teams_from_environment])
