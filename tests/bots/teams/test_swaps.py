"""A swap from request to approval, driven by card buttons in three people's chats."""

from __future__ import annotations

import datetime as dt

from core.employees import Employee, Position, Role
from tests.bots.teams.teams_fakes import TENANT_ID, TeamsUser, installation_activity
from tests.bots.teams.teams_harness import TeamsHarness
from tests.bots.teams.teams_ward import AASE, BJORN, KAARE

THURSDAY = dt.date(2027, 1, 7)
SATURDAY = dt.date(2027, 1, 9)


def published_shift(teams: TeamsHarness, name: str, day: dt.date) -> str | None:
    with teams.database.store() as store:
        roster = store.rosters.covering(teams.ward.unit.id, day)
        assert roster is not None
        return roster.shift_of(teams.ward.staff[name].id, day)


async def install_for(teams: TeamsHarness, *users: TeamsUser) -> None:
    for user in users:
        response = await teams.post(installation_activity(user, teams.service_url))
        assert response.status == 202


async def test_swap_from_request_to_approval(teams: TeamsHarness) -> None:
    """Kåre asks, Bjørn accepts on his card, Åse approves on hers, and the roster changes."""
    await install_for(teams, BJORN, AASE)

    await teams.say(KAARE, "Vil bytte dagvakt torsdag mot Bjørn sin dagvakt lørdag")
    await teams.press(KAARE, teams.last_to(KAARE), "Bekreft")
    await teams.settle()
    invitation = teams.last_to(BJORN)
    assert invitation.kind == "send"
    assert "Kåre Ødegård" in invitation.card_text

    await teams.press(BJORN, invitation, "Godta")
    await teams.settle()
    approval = teams.last_to(AASE)
    assert approval.kind == "send"
    assert [a["title"] for a in approval.card["actions"]] == ["Godkjenn", "Avslå"]

    response = await teams.press(AASE, approval, "Godkjenn")
    await teams.settle()

    assert response.status == 202
    decision = teams.last_to(AASE)
    assert decision.kind == "update"
    assert decision.activity_id == approval.new_id
    assert "godkjent av Åse Sæther" in decision.card_text
    assert "actions" not in decision.card
    assert published_shift(teams, KAARE.name, THURSDAY) is None
    assert published_shift(teams, KAARE.name, SATURDAY) == "D"
    assert published_shift(teams, BJORN.name, THURSDAY) == "D"
    assert "godkjent av Åse Sæther" in teams.last_to(KAARE).shown_text
    assert "godkjent av Åse Sæther" in teams.last_to(BJORN).shown_text


DEPUTY = TeamsUser("Ørjan Vik", "0b1c2d3e-0000-4000-8000-00000000c0a7")


def add_deputy_manager(teams: TeamsHarness) -> None:
    """Add a second manager, Ørjan, linked to Teams, so approval cards go to two people."""
    manager = frozenset({Role.EMPLOYEE, Role.MANAGER})
    with teams.database.store() as store:
        (deputy,) = store.employees.add_many(
            [
                Employee(
                    0, teams.ward.unit.id, DEPUTY.name, Position.WARD_MANAGER, 100, roles=manager
                )
            ],
            actor_id=None,
        )
        store.identities.link("teams", TENANT_ID, DEPUTY.aad_object_id, deputy.id, actor_id=None)


async def approval_cards_out(teams: TeamsHarness) -> None:
    """Kåre asks Bjørn for a swap and Bjørn accepts; Åse and Ørjan get approval cards."""
    add_deputy_manager(teams)
    await install_for(teams, BJORN, AASE, DEPUTY)
    await teams.say(KAARE, "Vil bytte dagvakt torsdag mot Bjørn sin dagvakt lørdag")
    await teams.press(KAARE, teams.last_to(KAARE), "Bekreft")
    await teams.settle()
    await teams.press(BJORN, teams.last_to(BJORN), "Godta")
    await teams.settle()


async def test_decision_updates_every_managers_card(teams: TeamsHarness) -> None:
    """When Åse approves, Ørjan's copy of the approval card shows her decision too."""
    await approval_cards_out(teams)
    deputy_card = teams.last_to(DEPUTY)
    assert deputy_card.card is not None

    await teams.press(AASE, teams.last_to(AASE), "Godkjenn")
    await teams.settle()

    update = teams.last_to(DEPUTY)
    assert update.kind == "update"
    assert update.activity_id == deputy_card.new_id
    assert "godkjent av Åse Sæther" in update.card_text
    assert "actions" not in update.card
