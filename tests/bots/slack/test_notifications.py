"""Direct messages to employees who did not write: a published roster, a stale channel."""

from __future__ import annotations

import datetime as dt

from core.rosters import Assignment, Roster, RosterStatus
from tests.bots.slack.slack_harness import SlackHarness, buttons

CONFIRM = "vaktbot:button:confirm"
WEEK_THREE = dt.date(2027, 1, 18)


def add_draft_roster(slack: SlackHarness) -> None:
    """Store a draft for week 3 with shifts for Kari, Per, Ola and Åse."""
    staff = slack.ward.staff
    assignments = tuple(
        Assignment(staff[name].id, WEEK_THREE + dt.timedelta(days=offset), code)
        for name, code, offsets in (
            ("Kari Nordmann", "D", (0, 1)),
            ("Per Hansen", "N", (0,)),
            ("Ola Nordmann", "A", (0, 1, 2)),
            ("Åse Ødegård", "A", (3,)),
        )
        for offset in offsets
    )
    with slack.ward.database.store() as store:
        store.rosters.add(
            Roster(
                0,
                slack.ward.unit.id,
                WEEK_THREE,
                WEEK_THREE + dt.timedelta(days=6),
                RosterStatus.DRAFT,
                assignments,
            ),
            actor_id=None,
        )


async def test_published_roster_reaches_everyone_on_slack(slack: SlackHarness) -> None:
    """Publishing a roster DMs each person on it who uses Slack, with their shift count."""
    add_draft_roster(slack)

    await slack.direct_message("Turid Lie", "publiser turnusen")
    await slack.settle(1)
    readback = slack.mock.named("chat.postMessage")[-1]
    await slack.click("Turid Lie", readback, CONFIRM)
    await slack.settle(2)

    by_channel = {
        call.arguments["channel"]: call.arguments["text"]
        for call in slack.mock.named("chat.postMessage")
    }
    assert by_channel["DUKARI"].startswith("Ny turnus fra mandag 18. januar")
    assert "2 vakter" in by_channel["DUKARI"]
    assert "1 vakt." in by_channel["DUPER"]
    assert "1 vakt." in by_channel["DUASE"]
    assert "DUBJORN" not in by_channel
    assert set(buttons(readback)) == {CONFIRM, "vaktbot:button:cancel"}


async def test_stale_direct_channel_reopened(slack: SlackHarness) -> None:
    """A stored direct channel that is gone is opened again, and the new one is stored."""
    with slack.ward.database.store() as store:
        store.identities.save_conversation_reference(
            "slack", "T0FJORD", "UBJORN", {"channel": "DGAMMEL"}
        )
    slack.mock.deleted_channels.add("DGAMMEL")

    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(1)
    await slack.direct_message("Kari Nordmann", "ja")
    await slack.settle(2)

    to_manager = [
        call.arguments["channel"]
        for call in slack.mock.named("chat.postMessage")
        if call.arguments["channel"] in ("DGAMMEL", "DUBJORN")
    ]
    assert to_manager == ["DGAMMEL", "DUBJORN"]
    with slack.ward.database.store() as store:
        reference = store.identities.conversation_reference("slack", "T0FJORD", "UBJORN")
    assert reference == {"channel": "DUBJORN"}


async def test_direct_channel_remembered(slack: SlackHarness) -> None:
    """Writing to the bot stores the direct channel, so later messages need no lookup."""
    await slack.direct_message("Per Hansen", "hjelp")
    await slack.settle(1)

    with slack.ward.database.store() as store:
        reference = store.identities.conversation_reference("slack", "T0FJORD", "UPER")
    assert reference == {"channel": "DUPER"}
