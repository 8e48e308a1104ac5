"""Slack requests that meet a locked database in the adapter get «prøv igjen om litt».

The adapter reads the database before the core (the chosen language) and for the
home tab. Another connection holds SQLite's write lock, as a second process would.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import storage.database
from tests.bots.slack.slack_harness import FORM, SlackHarness
from tests.bots.slack.test_home import home_opened, language_choice, view_text
from tests.sqlite_locks import write_lock_held

BUSY_TEXT = (
    "Jeg er opptatt med annet arbeid akkurat nå, så meldingen din ble ikke behandlet, "
    "og ingenting ble endret. Prøv igjen om litt."
)
BUSY_TEXT_ENGLISH = (
    "I am busy with other work right now, so your message was not handled and nothing was "
    "changed. Please try again in a moment."
)


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give up on the lock after a fifth of a second, so the test does not wait ten."""
    monkeypatch.setattr(storage.database, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.2)


def database_file(slack: SlackHarness) -> Path:
    return Path(str(slack.platform.backend.database.url.database))


def chosen_language(slack: SlackHarness, name: str) -> str | None:
    with slack.platform.backend.database.store() as store:
        return store.languages.chosen(slack.ward.staff[name].id)


def error_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


async def test_locked_message_gets_busy_reply(
    short_busy_timeout: None, slack: SlackHarness
) -> None:
    """A direct message that cannot read the chosen language gets a reply, not silence."""
    with write_lock_held(database_file(slack)):
        await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
        await slack.settle(1)

    assert slack.mock.texts("chat.postMessage") == [BUSY_TEXT]


async def test_busy_reply_in_slack_language(short_busy_timeout: None, slack: SlackHarness) -> None:
    """Without the chosen language, the busy reply follows the locale of Slack."""
    slack.mock.users["UKARI"]["locale"] = "en-US"

    with write_lock_held(database_file(slack)):
        await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
        await slack.settle(1)

    assert slack.mock.texts("chat.postMessage") == [BUSY_TEXT_ENGLISH]


async def test_message_after_lock_is_handled(short_busy_timeout: None, slack: SlackHarness) -> None:
    """Sending the message again once the lock is gone gets the usual read-back."""
    with write_lock_held(database_file(slack)):
        await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
        await slack.settle(1)

    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(2)

    texts = slack.mock.texts("chat.postMessage")
    assert len(texts) == 2
    assert texts[1].startswith("Registrerer sykefravær torsdag 7. januar.")


async def test_busy_log_has_ids_only(
    short_busy_timeout: None, slack: SlackHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """The one error line names the Slack event, and neither the text nor the user."""
    with write_lock_held(database_file(slack)):
        await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen", event_id="EvLOCKED")
        await slack.settle(1)

    (logged,) = error_lines(caplog)
    assert "stayed locked" in logged
    assert "event:EvLOCKED" in logged
    assert "syk" not in logged
    assert "UKARI" not in logged


async def test_locked_home_tab_shows_busy(short_busy_timeout: None, slack: SlackHarness) -> None:
    """Opening the home tab while the database is locked shows the busy text there."""
    with write_lock_held(database_file(slack)):
        await slack.event(home_opened("UKARI"))
        await slack.settle(1)

    (published,) = slack.mock.named("views.publish")
    view = published.arguments["view"]
    assert published.arguments["user_id"] == "UKARI"
    assert view_text(view).splitlines()[:2] == ["Mine vakter", BUSY_TEXT]


async def test_locked_language_choice_shows_busy(
    short_busy_timeout: None, slack: SlackHarness
) -> None:
    """A language choice that cannot be stored shows the busy text, and choosing again stores it."""
    with write_lock_held(database_file(slack)):
        await slack.post(language_choice("UKARI", "nn"), content_type=FORM)
        await slack.settle(1)
    choice_during_lock = chosen_language(slack, "Kari Nordmann")

    await slack.post(language_choice("UKARI", "nn"), content_type=FORM)
    await slack.settle(2)

    first, second = slack.mock.named("views.publish")
    assert view_text(first.arguments["view"]).splitlines()[:2] == ["Mine vakter", BUSY_TEXT]
    assert choice_during_lock is None
    assert view_text(second.arguments["view"]).splitlines()[0] == "Vaktene mine"
    assert chosen_language(slack, "Kari Nordmann") == "nn"
