"""Failures stay on our side: the user gets a short apology, the log gets ids, never a crash."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import socket

import pytest

from core.contacts import Contacts
from core.rosters import RosterStatus
from tests.bots.teams.teams_fakes import (
    TENANT_ID,
    ConnectorCall,
    TeamsUser,
    installation_activity,
    message_activity,
)
from tests.bots.teams.teams_harness import TeamsHarness
from tests.bots.teams.teams_ward import AASE, BJORN, KAARE, TORRIS

NAMES_AND_TEXTS = ("Kåre", "Ødegård", "Bjørn", "Åse", "syk", "bytte")


def break_service(teams: TeamsHarness, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"{name} is broken")

    assistant = teams.platform._agent._assistant
    monkeypatch.setattr(
        assistant, "services", dataclasses.replace(assistant.services, **{name: broken})
    )


async def test_core_bug_gives_an_apology_with_an_id(
    teams: TeamsHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in the parser reaches the user as an apology with an error id, no traceback."""
    break_service(teams, monkeypatch, "parse")

    response = await teams.say(KAARE, "Jeg er syk i dag")

    assert response.status == 202
    (call,) = teams.sent_to(KAARE)
    assert call.text.startswith("Beklager")
    assert "Traceback" not in call.text
    assert "parse is broken" not in call.text


async def test_failed_roster_job_is_reported_in_the_chat(
    teams: TeamsHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A solver crash in the background ends with an apology in the planner's chat."""
    await teams.say(TORRIS, "Lag turnus for uke 3")
    read_back = teams.last_to(TORRIS)
    break_service(teams, monkeypatch, "solve")

    await teams.press(TORRIS, read_back, "Bekreft")
    await teams.settle()

    last = teams.last_to(TORRIS)
    assert last.kind == "send"
    assert last.text.startswith("Beklager")
    assert "solve is broken" not in last.text


async def test_connector_outage_is_logged_not_crashed(
    teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """When the Bot Connector fails, the request still ends cleanly and the log has its id."""
    teams.connector.out_of_service = True
    caplog.set_level(logging.ERROR, logger="bots.teams")

    response = await teams.post(
        message_activity(KAARE, teams.service_url, text="Hei", activity_id="1767686400888")
    )

    assert response.status == 202
    assert "1767686400888" in caplog.text
    assert "Hei" not in response.body


async def test_unsupported_invoke_gets_501(teams: TeamsHarness) -> None:
    """An invoke the bot does not offer (here a messaging extension query) is declined."""
    invoke = message_activity(KAARE, teams.service_url)
    invoke.update({"type": "invoke", "name": "composeExtension/query", "value": {}})

    response = await teams.post(invoke)

    assert response.status == 501
    assert teams.connector.calls == []


async def test_logs_carry_ids_not_names_or_text(
    teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """Above debug level, a whole swap leaves no name and no message text in the log."""
    caplog.set_level(logging.INFO)
    await teams.post(installation_activity(BJORN, teams.service_url))
    await teams.post(installation_activity(AASE, teams.service_url))

    await teams.say(KAARE, "Vil bytte dagvakt torsdag mot Bjørn sin dagvakt lørdag")
    await teams.press(KAARE, teams.last_to(KAARE), "Bekreft")
    await teams.settle()
    await teams.press(BJORN, teams.last_to(BJORN), "Godta")
    await teams.settle()

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged, "nothing was logged"
    for word in NAMES_AND_TEXTS:
        assert word not in logged


def unreachable_service_url() -> str:
    """Return a loopback serviceUrl on which nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/teams/"


def records_from_warning_up(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.WARNING]


async def test_unreachable_service_url_logs_one_warning(
    anonymous_teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """In anonymous mode a closed serviceUrl gives one warning with ids and no traceback."""
    caplog.set_level(logging.INFO)
    activity = message_activity(
        KAARE, unreachable_service_url(), text="Jeg er syk i morgen", activity_id="1767686400999"
    )

    response = await anonymous_teams.post(activity, token=None)

    assert response.status == 202
    (warning,) = records_from_warning_up(caplog)
    assert warning.levelno == logging.WARNING
    assert warning.exc_info is None
    assert warning.getMessage() == (
        f"reply to Teams activity 1767686400999 in conversation {KAARE.personal_conversation_id} "
        "not delivered: the serviceUrl is unreachable (ClientConnectorError)"
    )
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for word in NAMES_AND_TEXTS:
        assert word not in logged


async def test_unreachable_service_url_keeps_serving(anonymous_teams: TeamsHarness) -> None:
    """After a reply that could not be delivered, the next activity gets its reply as usual."""
    await anonymous_teams.post(
        message_activity(KAARE, unreachable_service_url(), text="hjelp"), token=None
    )

    response = await anonymous_teams.post(
        message_activity(KAARE, anonymous_teams.service_url, text="hjelp"), token=None
    )

    assert response.status == 202
    (call,) = anonymous_teams.sent_to(KAARE)
    assert call.text.startswith("Du kan skrive til meg på vanlig norsk")


async def test_unreachable_service_url_on_button_logs_one_warning(
    anonymous_teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """A pressed card that can be neither updated nor replied to gives one warning too."""
    teams = anonymous_teams
    await teams.post(
        message_activity(KAARE, teams.service_url, text="Jeg er syk i morgen"), token=None
    )
    read_back = teams.last_to(KAARE)
    caplog.set_level(logging.INFO)
    assert read_back.conversation_id is not None
    conversation = {
        "id": read_back.conversation_id,
        "conversationType": "personal",
        "tenantId": TENANT_ID,
    }
    press = message_activity(
        KAARE,
        unreachable_service_url(),
        value=read_back.button("Bekreft"),
        conversation=conversation,
        reply_to_id=read_back.new_id,
    )

    response = await teams.post(press, token=None)

    assert response.status == 202
    (warning,) = records_from_warning_up(caplog)
    assert warning.exc_info is None
    assert "serviceUrl is unreachable" in warning.getMessage()


async def test_unreachable_service_url_with_credentials_is_an_error(
    teams: TeamsHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """With credentials the same failure stays an error with an id, as any failed turn."""
    caplog.set_level(logging.INFO)
    service_url = unreachable_service_url()
    activity = message_activity(KAARE, service_url, text="hjelp", activity_id="1767686400777")

    response = await teams.post(activity, token=teams.issuer.token(service_url=service_url))

    assert response.status == 202
    (error,) = records_from_warning_up(caplog)
    assert error.levelno == logging.ERROR
    assert "1767686400777" in error.getMessage()


def stored_service_url(teams: TeamsHarness, user: TeamsUser) -> object:
    """Return the serviceUrl of the user's stored chat, or None when none is stored."""
    employee_id = teams.ward.employee_id(user)
    (contact,) = Contacts(teams.database).contacts_of(employee_id, "teams")
    reference = contact.conversation_reference
    return None if reference is None else reference["serviceUrl"]


async def press_from(
    teams: TeamsHarness, user: TeamsUser, card: ConnectorCall, label: str, service_url: str
) -> None:
    """Press `label` on `card` in an activity that names `service_url`, with a valid token."""
    assert card.conversation_id is not None
    conversation = {
        "id": card.conversation_id,
        "conversationType": "personal",
        "tenantId": TENANT_ID,
    }
    press = message_activity(
        user,
        service_url,
        value=card.button(label),
        conversation=conversation,
        reply_to_id=card.new_id,
    )
    response = await teams.post(press, token=teams.issuer.token(service_url=service_url))
    assert response.status == 202


async def test_undelivered_reply_still_notifies(teams: TeamsHarness) -> None:
    """A confirmed sick report whose reply cannot be sent still reaches the manager."""
    await teams.post(installation_activity(AASE, teams.service_url))
    await teams.say(KAARE, "Jeg er syk i morgen")

    await press_from(teams, KAARE, teams.last_to(KAARE), "Bekreft", unreachable_service_url())
    await teams.settle()

    notice = teams.last_to(AASE)
    assert notice.kind == "send"
    assert notice.conversation_id == AASE.personal_conversation_id
    assert "Kåre Ødegård" in notice.shown_text


async def test_undelivered_reply_still_runs_job(teams: TeamsHarness) -> None:
    """A confirmed roster request whose reply cannot be sent is still planned and stored."""
    await teams.say(TORRIS, "Lag turnus for uke 3")

    await press_from(teams, TORRIS, teams.last_to(TORRIS), "Bekreft", unreachable_service_url())
    await teams.settle()

    with teams.database.store() as store:
        draft = store.rosters.latest(teams.ward.unit.id, status=RosterStatus.DRAFT)
    assert draft is not None
    assert draft.start == dt.date(2027, 1, 18)


async def test_undelivered_reply_keeps_stored_chat(teams: TeamsHarness) -> None:
    """A serviceUrl that cannot be reached does not replace the stored one that works."""
    await teams.say(KAARE, "Jeg er syk i morgen")
    assert stored_service_url(teams, KAARE) == teams.service_url

    await press_from(teams, KAARE, teams.last_to(KAARE), "Bekreft", unreachable_service_url())
    await teams.settle()

    assert stored_service_url(teams, KAARE) == teams.service_url


async def test_first_undelivered_reply_stores_no_chat(teams: TeamsHarness) -> None:
    """A first message whose reply cannot be sent leaves the user without a stored chat."""
    service_url = unreachable_service_url()
    activity = message_activity(BJORN, service_url, text="hjelp")

    response = await teams.post(activity, token=teams.issuer.token(service_url=service_url))

    assert response.status == 202
    assert stored_service_url(teams, BJORN) is None


async def test_delivered_reply_stores_chat(teams: TeamsHarness) -> None:
    """A reply that got through stores the chat it was sent to."""
    await teams.say(BJORN, "hjelp")

    assert stored_service_url(teams, BJORN) == teams.service_url
