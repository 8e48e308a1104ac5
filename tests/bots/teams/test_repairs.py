"""Repair proposals in Teams: cards to both managers, one decision, and every card updated."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from core.rosters import RosterStatus
from core.shift_requests import RequestState
from storage.database import Database
from tests.bots.teams.teams_fakes import ConnectorCall, TokenIssuer
from tests.bots.teams.teams_harness import TeamsHarness, start_harness
from tests.bots.teams.teams_ward import AASE, KAARE, TeamsWard
from tests.bots.teams.test_swaps import DEPUTY, add_deputy_manager, install_for

THURSDAY = dt.date(2027, 1, 7)


@pytest.fixture
async def teams_with_repairs(
    teams_database: tuple[Database, TeamsWard], tmp_path: Path, token_issuer: TokenIssuer
) -> AsyncIterator[TeamsHarness]:
    """The endpoint with repair proposals on, and Ørjan as a second manager."""
    harness = await start_harness(*teams_database, tmp_path, token_issuer, repair=True)
    add_deputy_manager(harness)
    await install_for(harness, AASE, DEPUTY)
    yield harness
    await harness.settle()
    await harness.close()


async def proposal_cards(teams: TeamsHarness) -> tuple[ConnectorCall, ConnectorCall]:
    """Let Kåre report sick tomorrow, and return Åse's and Ørjan's repair proposal cards."""
    await teams.say(KAARE, "Jeg er syk i morgen")
    await teams.press(KAARE, teams.last_to(KAARE), "Bekreft")
    await teams.settle()
    return teams.last_to(AASE), teams.last_to(DEPUTY)


def repair_state(teams: TeamsHarness) -> tuple[int, RequestState, RosterStatus]:
    """Return the id and state of the one repair request, and its proposed roster's status."""
    with teams.database.store() as store:
        (request,) = store.shift_requests.list_for_employee(teams.ward.staff[KAARE.name].id)
        assert request.roster_id is not None
        proposal = store.rosters.get(request.roster_id)
        assert proposal is not None
        return request.id, request.state, proposal.status


async def test_managers_get_numbered_proposal_cards(teams_with_repairs: TeamsHarness) -> None:
    """Åse and Ørjan each get a card with the repair's number, «Godkjenn» and «Avslå»."""
    aases_card, deputys_card = await proposal_cards(teams_with_repairs)
    request_id, state, status = repair_state(teams_with_repairs)

    for card in (aases_card, deputys_card):
        assert card.kind == "send"
        assert f"endringen av turnusen, #{request_id}," in card.card_text
        assert [action["title"] for action in card.card["actions"]] == ["Godkjenn", "Avslå"]
    assert (state, status) == (RequestState.ACCEPTED, RosterStatus.PROPOSED)


async def test_approval_updates_every_card_once(teams_with_repairs: TeamsHarness) -> None:
    """Åse approves; Ørjan's card shows it, and his late «Avslå» changes nothing."""
    teams = teams_with_repairs
    aases_card, deputys_card = await proposal_cards(teams)

    await teams.press(AASE, aases_card, "Godkjenn")
    await teams.settle()
    deputys_update = teams.last_to(DEPUTY)
    await teams.press(DEPUTY, deputys_card, "Avslå")
    await teams.settle()

    decision = teams.last_to(AASE)
    assert decision.kind == "update"
    assert decision.activity_id == aases_card.new_id
    assert "godkjent av Åse Sæther" in decision.card_text
    assert "actions" not in decision.card
    assert deputys_update.kind == "update"
    assert deputys_update.activity_id == deputys_card.new_id
    assert "godkjent av Åse Sæther" in deputys_update.card_text
    assert "er allerede godkjent av leder Åse Sæther" in teams.last_to(DEPUTY).shown_text
    _, state, status = repair_state(teams)
    assert (state, status) == (RequestState.APPROVED, RosterStatus.SUPERSEDED)
    with teams.database.store() as store:
        roster = store.rosters.covering(teams.ward.unit.id, THURSDAY)
        assert roster is not None
    assert roster.shift_of(teams.ward.staff[KAARE.name].id, THURSDAY) is None
