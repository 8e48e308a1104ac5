"""The /turnus slash command: quick acknowledgement, ephemeral replies, roster generation."""

from __future__ import annotations

import time

from tests.bots.slack.slack_harness import SlackHarness, buttons

CONFIRM = "vaktbot:button:confirm"


async def test_command_acknowledged_at_once(slack: SlackHarness) -> None:
    """The HTTP response is an empty 200 well inside Slack's three seconds."""
    started = time.monotonic()
    response = await slack.command("Kari Nordmann", "jeg er syk i morgen")
    elapsed = time.monotonic() - started
    await slack.settle(1)

    assert response.status == 200
    assert await response.text() == ""
    assert elapsed < 1.0


async def test_command_reads_back_ephemerally(slack: SlackHarness) -> None:
    """A slash command's read-back goes through the response URL, only to the sender."""
    await slack.command("Åse Ødegård", "Jeg er sjuk på fredag, hilsen Åse Ødegård (blåbær)")
    await slack.settle(1)

    (readback,) = slack.mock.responses
    assert readback["response_type"] == "ephemeral"
    assert readback["text"] == (
        "Registrerer sykefravær fredag 8. januar. Vakten A fredag 8. januar blir tatt ut av "
        "turnusen din. Stemmer det?"
    )
    assert slack.mock.named("chat.postMessage") == []


async def test_command_generates_roster_with_progress(slack: SlackHarness) -> None:
    """«lag turnus» is read back, then planned in the background: one edited message, a file."""
    await slack.command("Turid Lie", "lag turnus for uke 3")
    await slack.settle(1)
    readback = slack.mock.named("response_url")[-1]
    assert readback.arguments["text"].startswith("Lager turnus for")
    assert CONFIRM in buttons(readback)

    await slack.click("Turid Lie", readback, CONFIRM)
    await slack.settle(2)

    pointer = slack.mock.responses[-1]
    assert pointer["text"] == "Jeg svarer deg i direktemeldingen vår."
    assert pointer["replace_original"] is True
    assert "actions" not in [block["type"] for block in pointer["blocks"]]
    (progress,) = slack.mock.named("chat.postMessage")
    assert progress.arguments["channel"] == "DUTURID"
    assert progress.arguments["text"].startswith("Planleggingen er i gang.")
    edits = slack.mock.named("chat.update")
    assert edits and all(edit.arguments["channel"] == "DUTURID" for edit in edits)
    summary = edits[-1].arguments["text"]
    assert summary.startswith("Ny turnus\n")
    assert "«publiser turnusen»" in summary
    (completed,) = slack.mock.named("files.completeUploadExternal")
    assert completed.arguments["channel_id"] == "DUTURID"
    (uploaded,) = slack.mock.uploads.values()
    assert uploaded.decode("utf-8").startswith("employee,date,shift_code,start,end")


async def test_command_confirmed_by_ephemeral_button(slack: SlackHarness) -> None:
    """«Bekreft» on the ephemeral read-back registers the absence and replaces the read-back."""
    await slack.command("Kari Nordmann", "jeg er syk i morgen")
    await slack.settle(1)

    await slack.click("Kari Nordmann", slack.mock.named("response_url")[-1], CONFIRM)
    await slack.settle(2)

    replaced, freed_shifts = slack.mock.responses[1:3]
    assert replaced["replace_original"] is True
    assert replaced["text"] == "Registrert: sykefravær torsdag 7. januar."
    assert [block["type"] for block in replaced["blocks"]] == ["section"]
    assert freed_shifts["response_type"] == "ephemeral"
    assert freed_shifts["text"].startswith("Du er tatt av vakta D torsdag 7. januar")
    assert not any(response.get("delete_original") for response in slack.mock.responses)
    with slack.ward.database.store() as store:
        employee_id = slack.ward.staff["Kari Nordmann"].id
        assert len(store.absences.list_absences(employee_id=employee_id)) == 1
