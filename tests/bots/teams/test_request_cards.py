"""Open cards and tenant origins outlive the server: a restart or a second process loses nothing.

The connector and token issuer keep running while the bot server is replaced by a
new `TeamsPlatform` on its own `Database` object for the same database, as after a
restart or in a second server process. Every activity is signed, as Teams sends it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from bots.server import build_app
from bots.teams import TeamsPlatform
from core.assistant import Assistant
from core.contacts import Contacts
from core.languages import LanguageChoices
from core.messages import Reply
from core.shift_requests import RequestState
from storage.chat_origins import ChatOriginRow
from storage.database import Database
from storage.request_cards import RequestCardRow
from tests.bots.teams.teams_fakes import (
    TENANT_ID,
    StubTokenProvider,
    bot_account,
    message_activity,
)
from tests.bots.teams.teams_harness import (
    TeamsHarness,
    nine_today,
    services_for,
    settings_for,
    start_server,
)
from tests.bots.teams.teams_ward import AASE, KAARE
from tests.bots.teams.test_swaps import DEPUTY, approval_cards_out


async def another_server(teams: TeamsHarness, folder: Path) -> TeamsHarness:
    """Start a second bot server on the same database, connector and token issuer."""
    database = Database(teams.database.url, teams.database.cipher)
    platform = TeamsPlatform(
        settings_for(teams.issuer),
        Assistant(database, services_for(folder), clock=nine_today),
        Contacts(database),
        LanguageChoices(database),
        token_provider_factory=StubTokenProvider,
    )
    server = await start_server(build_app([platform]))
    teams.servers.append(server)
    return TeamsHarness(
        client=teams.client,
        bot_url=str(server.make_url("/api/messages")),
        service_url=teams.service_url,
        connector=teams.connector,
        issuer=teams.issuer,
        platform=platform,
        database=database,
        ward=teams.ward,
    )


async def stop_bot_server(teams: TeamsHarness) -> None:
    """Stop the first bot server, as a restart does; the connector and issuer keep running."""
    await teams.settle()
    bot_server = teams.servers.pop()
    await bot_server.close()


def count(database: Database, row: type[RequestCardRow] | type[ChatOriginRow]) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(row)).scalar_one())


def request_states(teams: TeamsHarness) -> list[RequestState]:
    with teams.database.store() as store:
        kaare = teams.ward.employee_id(KAARE)
        return [request.state for request in store.shift_requests.list_for_employee(kaare)]


async def test_cards_updated_after_restart(teams: TeamsHarness, tmp_path: Path) -> None:
    """Åse approves on a restarted server; Ørjan's card from before shows it, without buttons."""
    await approval_cards_out(teams)
    deputy_card, aase_card = teams.last_to(DEPUTY), teams.last_to(AASE)
    assert deputy_card.card is not None and "actions" in deputy_card.card
    assert count(teams.database, RequestCardRow) == 2
    await stop_bot_server(teams)

    restarted = await another_server(teams, tmp_path)
    response = await restarted.press(AASE, aase_card, "Godkjenn")
    await restarted.settle()

    assert response.status == 202
    assert request_states(restarted) == [RequestState.APPROVED]
    update = restarted.last_to(DEPUTY)
    assert update.kind == "update"
    assert update.activity_id == deputy_card.new_id
    assert "godkjent av Åse Sæther" in update.card_text
    assert "actions" not in update.card
    pressed = restarted.last_to(AASE)
    assert (pressed.kind, pressed.activity_id) == ("update", aase_card.new_id)
    assert "actions" not in pressed.card
    assert count(teams.database, RequestCardRow) == 0
    restarted.database.dispose()


async def test_second_server_updates_cards_of_the_first(
    teams: TeamsHarness, tmp_path: Path
) -> None:
    """With two servers on one database, the one that gets the press updates the other's cards."""
    second = await another_server(teams, tmp_path)
    await approval_cards_out(teams)
    deputy_card = teams.last_to(DEPUTY)

    await second.press(AASE, teams.last_to(AASE), "Godkjenn")
    await second.settle()

    update = teams.last_to(DEPUTY)
    assert (update.kind, update.activity_id) == ("update", deputy_card.new_id)
    assert "godkjent av Åse Sæther" in update.card_text
    assert "actions" not in update.card
    second.database.dispose()


async def test_new_chat_opened_after_restart(teams: TeamsHarness, tmp_path: Path) -> None:
    """After a restart, a notice to Åse, who has no stored chat, opens one at once.

    The notice comes through the platform's `deliver`, as the outbox sends one
    that began on Slack, so no Teams activity reaches the new server first.
    """
    await teams.say(KAARE, "hei")
    assert count(teams.database, ChatOriginRow) == 1
    await stop_bot_server(teams)

    restarted = await another_server(teams, tmp_path)
    delivered = await restarted.platform.deliver(
        teams.ward.employee_id(AASE), Reply("Kåre Ødegård har meldt fravær.")
    )

    assert delivered is True
    (create,) = [call for call in teams.connector.calls if call.kind == "create"]
    assert create.body["tenantId"] == TENANT_ID
    assert create.body["members"] == [{"id": AASE.aad_object_id}]
    notice = restarted.last_to(AASE)
    assert (notice.kind, notice.conversation_id) == ("send", create.new_id)
    assert "Kåre Ødegård har meldt fravær." in notice.shown_text
    restarted.database.dispose()


async def test_no_chat_without_any_activity_from_the_tenant(teams: TeamsHarness) -> None:
    """Before anyone in the tenant has written, no chat can be opened, and deliver returns False."""
    delivered = await teams.platform.deliver(
        teams.ward.employee_id(AASE), Reply("Kåre Ødegård har meldt fravær.")
    )

    assert delivered is False
    assert teams.connector.calls == []


async def test_anonymous_server_stores_no_origin(anonymous_teams: TeamsHarness) -> None:
    """Without credentials any request is accepted, so its serviceUrl is not stored."""
    activity = message_activity(KAARE, anonymous_teams.service_url, text="hei")
    response = await anonymous_teams.post(activity, token=None)

    assert response.status == 202
    assert count(anonymous_teams.database, ChatOriginRow) == 0


async def test_repeated_activities_store_the_origin_once(teams: TeamsHarness) -> None:
    """The tenant's origin is written when it changes, not on every message."""
    await teams.say(KAARE, "hei")
    with teams.database.store() as store:
        first = store.chat_origins.get("teams", TENANT_ID)

    await teams.say(KAARE, "hei igjen")
    with teams.database.store() as store:
        second = store.chat_origins.get("teams", TENANT_ID)

    assert first is not None
    assert second is not None
    assert second.noted_at == first.noted_at
    assert first.service_url == teams.service_url
    assert first.bot_account == bot_account()


async def test_two_servers_on_each_backend(
    teams_on_each_backend: TeamsHarness, tmp_path: Path
) -> None:
    """On SQLite and on PostgreSQL, a second server takes the first one's cards exactly once."""
    teams = teams_on_each_backend
    second = await another_server(teams, tmp_path)
    await approval_cards_out(teams)
    deputy_card = teams.last_to(DEPUTY)

    await second.press(AASE, teams.last_to(AASE), "Godkjenn")
    await second.settle()

    updates = [call for call in teams.sent_to(DEPUTY) if call.kind == "update"]
    assert [call.activity_id for call in updates] == [deputy_card.new_id]
    assert count(teams.database, RequestCardRow) == 0
    second.database.dispose()
