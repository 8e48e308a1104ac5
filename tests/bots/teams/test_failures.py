"""Failures stay on our side: the user gets a short apology, the log gets ids, never a crash."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from tests.bots.teams.teams_fakes import installation_activity, message_activity
from tests.bots.teams.teams_harness import TeamsHarness
from tests.bots.teams.teams_ward import AASE, BJORN, KAARE, TORRIS

NAMES_AND_TEXTS = ("Kåre", "Ødegård", "Bjørn", "Åse", "syk", "bytte")


def break_service(teams: TeamsHarness, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"{name} is broken")

    assistant = teams.platform._agent._assistant
    monkeypatch.setattr(assistant, "services",
                        dataclasses.replace(assistant.services, **{name: broken}))


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

    response = await teams.post(message_activity(KAARE, teams.service_url, text="Hei",
                                                 activity_id="1767686400888"))

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
