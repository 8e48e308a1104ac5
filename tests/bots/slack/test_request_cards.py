"""Request cards outlive the server: a restarted or second server edits every manager's copy.

Each test runs the real Slack platform on loopback against the Slack mock, and
replaces the server with a new one on the same database file, as a restart or a
second server process would.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.employees import Role
from core.shift_requests import RequestState
from storage.crypto import FieldCipher
from storage.database import Database
from storage.request_cards import RequestCardRow
from tests.bots.slack.slack_harness import SlackHarness, buttons, slack_settings, start_harness
from tests.bots.slack.slack_mock import SlackCall, SlackMock
from tests.bots.slack.slack_ward import SlackWard, seed_ward

CONFIRM = "vaktbot:button:confirm"
ACCEPT = "vaktbot:button:accept"
APPROVE = "vaktbot:button:approve"


class Servers:
    """Slack servers on loopback for one workspace, each with its own Database object."""

    def __init__(
        self, url: str, cipher: FieldCipher, ward: SlackWard, mock: SlackMock, folder: Path
    ) -> None:
        self.url = url
        self.cipher = cipher
        self.ward = ward
        self.mock = mock
        self.folder = folder
        self.settings = slack_settings(
            secrets.token_hex(16), mock, bot_token="xoxb-" + secrets.token_hex(8)
        )
        self.running: list[tuple[SlackHarness, Database]] = []

    async def start(self) -> SlackHarness:
        database = Database(self.url, self.cipher)
        harness = await start_harness(
            database, self.ward, self.mock, self.settings, self.folder / "filer"
        )
        self.running.append((harness, database))
        return harness

    async def stop(self, harness: SlackHarness) -> None:
        for entry in [entry for entry in self.running if entry[0] is harness]:
            await harness.client.close()
            entry[1].dispose()
            self.running.remove(entry)

    async def stop_all(self) -> None:
        for harness, _database in list(self.running):
            await self.stop(harness)


@pytest.fixture
async def servers(
    tmp_path: Path, cipher: FieldCipher, slack_mock: SlackMock
) -> AsyncIterator[Servers]:
    url = f"sqlite:///{tmp_path / 'vaktbot.db'}"
    seeding = Database(url, cipher)
    seeding.upgrade()
    ward = seed_ward(seeding)
    with seeding.store() as store:
        turid = ward.staff["Turid Lie"]
        store.employees.update_roles(
            turid.id, frozenset({Role.EMPLOYEE, Role.PLANNER, Role.MANAGER}), actor_id=None
        )
    running = Servers(url, cipher, ward, slack_mock, tmp_path)
    yield running
    await running.stop_all()
    seeding.dispose()


def last_post(mock: SlackMock, channel: str) -> SlackCall:
    return [
        call for call in mock.named("chat.postMessage") if call.arguments["channel"] == channel
    ][-1]


async def swap_waiting_for_managers(slack: SlackHarness) -> tuple[SlackCall, SlackCall]:
    """Kari asks Per for a swap and Per accepts; return Bjørn's and Turid's approval cards."""
    await slack.direct_message(
        "Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag"
    )
    await slack.settle(1)
    await slack.click("Kari Nordmann", last_post(slack.mock, "DUKARI"), CONFIRM)
    await slack.settle(2)
    await slack.click("Per Hansen", last_post(slack.mock, "DUPER"), ACCEPT)
    await slack.settle(3)
    bjorns_card = last_post(slack.mock, "DUBJORN")
    turids_card = last_post(slack.mock, "DUTURID")
    assert APPROVE in buttons(bjorns_card)
    assert APPROVE in buttons(turids_card)
    return bjorns_card, turids_card


def updates_of(mock: SlackMock, card: SlackCall) -> list[SlackCall]:
    return [
        call
        for call in mock.named("chat.update")
        if call.arguments["channel"] == card.arguments["channel"]
        and call.arguments["ts"] == card.result["ts"]
    ]


def stored_cards(ward: SlackWard) -> int:
    with ward.database.engine.connect() as connection:
        return int(
            connection.execute(select(func.count()).select_from(RequestCardRow)).scalar_one()
        )


def request_states(ward: SlackWard) -> list[RequestState]:
    with ward.database.store() as store:
        kari = ward.staff["Kari Nordmann"]
        return [request.state for request in store.shift_requests.list_for_employee(kari.id)]


async def test_card_updated_after_restart(servers: Servers) -> None:
    """Cards posted before a restart show Bjørn's decision after it, with no button left."""
    before = await servers.start()
    bjorns_card, turids_card = await swap_waiting_for_managers(before)
    assert stored_cards(servers.ward) == 2
    await servers.stop(before)

    after = await servers.start()
    await after.click("Bjørn Skjærvø", bjorns_card, APPROVE)
    await after.settle(1)

    assert request_states(servers.ward) == [RequestState.APPROVED]
    (update,) = updates_of(servers.mock, turids_card)
    assert update.arguments["text"].endswith("godkjent av Bjørn Skjærvø.")
    assert buttons(update) == {}
    replaced = [
        response for response in servers.mock.responses if response.get("replace_original")
    ][-1]
    assert replaced["text"].endswith("godkjent av Bjørn Skjærvø.")
    assert updates_of(servers.mock, bjorns_card) == []
    assert stored_cards(servers.ward) == 0


async def test_second_server_updates_cards_of_the_first(servers: Servers) -> None:
    """With two servers on one database, the one that gets the click edits the other's cards."""
    first = await servers.start()
    second = await servers.start()
    bjorns_card, turids_card = await swap_waiting_for_managers(first)

    await second.click("Bjørn Skjærvø", bjorns_card, APPROVE)
    await second.settle(1)

    (update,) = updates_of(servers.mock, turids_card)
    assert update.arguments["text"].endswith("godkjent av Bjørn Skjærvø.")
    assert buttons(update) == {}
    assert stored_cards(servers.ward) == 0
    assert first.platform.conversations.finished_count == 3


async def test_late_press_on_updated_card_changes_nothing(servers: Servers) -> None:
    """Should Turid press her old card anyway, she is told Bjørn has already decided it."""
    first = await servers.start()
    bjorns_card, turids_card = await swap_waiting_for_managers(first)
    await servers.stop(first)
    second = await servers.start()
    await second.click("Bjørn Skjærvø", bjorns_card, APPROVE)
    await second.settle(1)

    await second.click("Turid Lie", turids_card, APPROVE)
    await second.settle(2)

    assert request_states(servers.ward) == [RequestState.APPROVED]
    assert len(updates_of(servers.mock, turids_card)) == 1
    assert last_post(servers.mock, "DUTURID").arguments["text"] == (
        "Forespørsel #1 er allerede godkjent av leder Bjørn Skjærvø. Ingenting mer ble endret."
    )
