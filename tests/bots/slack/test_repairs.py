"""Repair proposals over Slack: the managers' cards, one decision, and the typed number."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from core.employees import Role
from core.rosters import RosterStatus
from core.shift_requests import RequestState
from storage.database import Database
from tests.bots.slack.slack_harness import SlackHarness, buttons, slack_settings, start_harness
from tests.bots.slack.slack_mock import SlackCall, SlackMock
from tests.bots.slack.slack_ward import seed_ward

CONFIRM = "vaktbot:button:confirm"
APPROVE = "vaktbot:button:approve"
REJECT = "vaktbot:button:reject"
THURSDAY = dt.date(2027, 1, 7)


@pytest.fixture
async def slack_with_repairs(
    ward_database: Database, slack_mock: SlackMock, tmp_path: Path
) -> AsyncIterator[SlackHarness]:
    """The Slack server with repair proposals on, and Turid Lie as a second manager."""
    secret = secrets.token_hex(16)
    settings = slack_settings(secret, slack_mock, bot_token="xoxb-" + secrets.token_hex(8))
    ward = seed_ward(ward_database)
    with ward_database.store() as store:
        store.employees.update_roles(
            ward.staff["Turid Lie"].id,
            frozenset({Role.EMPLOYEE, Role.PLANNER, Role.MANAGER}),
            actor_id=None,
        )
    harness = await start_harness(
        ward_database, ward, slack_mock, settings, tmp_path / "filer", repair=True
    )
    yield harness
    await harness.client.close()


def last_post(slack: SlackHarness, channel: str) -> SlackCall:
    return [
        call
        for call in slack.mock.named("chat.postMessage")
        if call.arguments["channel"] == channel
    ][-1]


async def proposal_cards(slack: SlackHarness) -> tuple[SlackCall, SlackCall]:
    """Let Kari report sick tomorrow, and return Bjørn's and Turid's repair proposal cards."""
    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(1)
    await slack.click("Kari Nordmann", last_post(slack, "DUKARI"), CONFIRM)
    await slack.settle(2)
    return last_post(slack, "DUBJORN"), last_post(slack, "DUTURID")


def repair_id(slack: SlackHarness) -> int:
    with slack.ward.database.store() as store:
        (request,) = store.shift_requests.list_for_employee(slack.ward.staff["Kari Nordmann"].id)
        return request.id


def repair_state(slack: SlackHarness) -> tuple[RequestState, RosterStatus]:
    """Return the state of the first repair request and the status of its proposed roster.

    A rejection plans the shifts again, so a second repair request may follow the first.
    """
    with slack.ward.database.store() as store:
        requests = store.shift_requests.list_for_employee(slack.ward.staff["Kari Nordmann"].id)
        request = min(requests, key=lambda request: request.id)
        assert request.roster_id is not None
        proposal = store.rosters.get(request.roster_id)
        assert proposal is not None
        return request.state, proposal.status


def card_updates(slack: SlackHarness, card: SlackCall) -> list[SlackCall]:
    return [
        call
        for call in slack.mock.named("chat.update")
        if call.arguments["channel"] == card.arguments["channel"]
        and call.arguments["ts"] == card.result["ts"]
    ]


async def test_proposal_card_has_number_and_buttons(slack_with_repairs: SlackHarness) -> None:
    """Each manager's card names the repair's number and has «Godkjenn» and «Avslå»."""
    bjorns_card, turids_card = await proposal_cards(slack_with_repairs)

    for card in (bjorns_card, turids_card):
        text = card.arguments["text"]
        assert text.startswith(
            "Et fravær har gjort vakter ledige. Jeg foreslår denne endringen av turnusen, "
            f"#{repair_id(slack_with_repairs)}, med så få endringer som mulig:"
        )
        assert "→" in text
        assert set(buttons(card)) == {APPROVE, REJECT}
        assert buttons(card)[APPROVE].startswith("roster:")
    assert repair_state(slack_with_repairs) == (RequestState.ACCEPTED, RosterStatus.PROPOSED)


async def test_approval_updates_the_other_card(slack_with_repairs: SlackHarness) -> None:
    """Bjørn approves; Turid's card shows the decision without buttons, and cannot decide again."""
    slack = slack_with_repairs
    bjorns_card, turids_card = await proposal_cards(slack)

    await slack.click("Bjørn Skjærvø", bjorns_card, APPROVE)
    await slack.settle(3)
    decided = slack.mock.responses[-1]
    await slack.click("Turid Lie", turids_card, REJECT)
    await slack.settle(4)

    assert decided["replace_original"] is True
    assert decided["text"].endswith("ble godkjent av Bjørn Skjærvø, og turnusen er oppdatert.")
    (update,) = card_updates(slack, turids_card)
    assert update.arguments["text"] == decided["text"]
    assert buttons(update) == {}
    request_id = repair_id(slack)
    assert last_post(slack, "DUTURID").arguments["text"] == (
        f"Endringsforslag #{request_id} er allerede godkjent av leder Bjørn Skjærvø, og "
        "turnusen har endringene. Ingenting mer ble endret."
    )
    assert repair_state(slack) == (RequestState.APPROVED, RosterStatus.SUPERSEDED)
    covering = [
        name for name in slack.ward.staff if slack.ward.published_shift(name, THURSDAY) == "D"
    ]
    assert "Kari Nordmann" not in covering


async def test_typed_rejection_closes_the_cards(slack_with_repairs: SlackHarness) -> None:
    """Turid writes «avslå N» and «ja»: Bjørn's card shows it, and the roster stays."""
    slack = slack_with_repairs
    bjorns_card, _ = await proposal_cards(slack)
    request_id = repair_id(slack)
    before = {name: slack.ward.published_shift(name, THURSDAY) for name in slack.ward.staff}

    await slack.direct_message("Turid Lie", f"avslå {request_id}")
    await slack.settle(3)
    await slack.direct_message("Turid Lie", "ja")
    await slack.settle(4)

    (update,) = card_updates(slack, bjorns_card)
    assert update.arguments["text"] == (
        f"Endringsforslag #{request_id} ble avslått av Turid Lie. Turnusen er uendret. Jeg ser "
        "etter en annen endring av turnusen for vaktene det skulle ha dekket, og sender den, "
        "eller sier fra hvis ingen kan ta dem."
    )
    assert buttons(update) == {}
    assert repair_state(slack) == (RequestState.REJECTED, RosterStatus.SUPERSEDED)
    after = {name: slack.ward.published_shift(name, THURSDAY) for name in slack.ward.staff}
    assert after == before
