"""Block Kit for every kind of reply, and the App Home view."""

from __future__ import annotations

from pathlib import Path

import pytest

from bots.slack.blocks import (
    SECTION_TEXT_LIMIT,
    escape,
    home_view,
    render_reply,
    split_lines,
    table_text,
    without_actions,
)
from core.messages import Button, ButtonAction, ButtonPress, ButtonStyle, Reply, ReplyKind
from core.overview import HomeOverview, OverviewSection


def confirm_buttons(token: str) -> tuple[Button, ...]:
    return (
        Button("Bekreft", ButtonPress(ButtonAction.CONFIRM, token), ButtonStyle.PRIMARY),
        Button("Avbryt", ButtonPress(ButtonAction.CANCEL, token), ButtonStyle.DANGER),
    )


@pytest.mark.parametrize(
    ("kind", "first", "second", "labels"),
    [
        (ReplyKind.CONFIRMATION, ButtonAction.CONFIRM, ButtonAction.CANCEL, ("Bekreft", "Avbryt")),
        (ReplyKind.APPROVAL, ButtonAction.APPROVE, ButtonAction.REJECT, ("Godkjenn", "Avslå")),
        (ReplyKind.INVITATION, ButtonAction.ACCEPT, ButtonAction.DECLINE, ("Godta", "Avslå")),
    ],
    ids=["confirmation", "approval", "invitation"],
)
def test_reply_with_two_buttons(
    kind: ReplyKind, first: ButtonAction, second: ButtonAction, labels: tuple[str, str]
) -> None:
    """A reply waiting for a choice has a section and one actions block with both buttons."""
    reply = Reply(
        "Ola spør deg: #12 bytte",
        kind=kind,
        buttons=(
            Button(labels[0], ButtonPress(first, "12"), ButtonStyle.PRIMARY),
            Button(labels[1], ButtonPress(second, "12"), ButtonStyle.DANGER),
        ),
    )

    message = render_reply(reply)

    section, actions = message.blocks
    assert section["text"] == {"type": "mrkdwn", "text": "Ola spør deg: #12 bytte"}
    assert [element["action_id"] for element in actions["elements"]] == [
        f"vaktbot:button:{first.value}",
        f"vaktbot:button:{second.value}",
    ]
    assert [element["text"]["text"] for element in actions["elements"]] == list(labels)
    assert [element["value"] for element in actions["elements"]] == ["12", "12"]
    assert [element["style"] for element in actions["elements"]] == ["primary", "danger"]
    assert message.text == "Ola spør deg: #12 bytte"


def test_default_button_has_no_style() -> None:
    """Slack rejects a "default" style, so a plain button carries none."""
    reply = Reply("Velg", buttons=(Button("Vis", ButtonPress(ButtonAction.ACCEPT, "3")),))

    (element,) = render_reply(reply).blocks[1]["elements"]

    assert "style" not in element


def test_decision_is_plain_text() -> None:
    """A decision replaces the card with text only, so nothing can be clicked again."""
    reply = Reply(
        "#12 bytte — godkjent av Bjørn Skjærvø.", kind=ReplyKind.DECISION, replace_original=True
    )

    message = render_reply(reply)

    assert [block["type"] for block in message.blocks] == ["section"]
    assert message.text == "#12 bytte — godkjent av Bjørn Skjærvø."


def test_roster_summary_has_title_and_table() -> None:
    """A roster summary has a header, its text, and the table as a monospace block."""
    reply = Reply(
        "21 vakter, ingen hull.",
        kind=ReplyKind.ROSTER,
        title="Ny turnus",
        table=(("Navn", "Timer"), ("Åse Ødegård", "26,5")),
        attachment=Path("/tmp/turnus.csv"),
    )

    message = render_reply(reply)

    header, text, table = message.blocks
    assert header == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Ny turnus", "emoji": True},
    }
    assert text["text"]["text"] == "21 vakter, ingen hull."
    assert table["text"]["text"] == "```Navn         Timer\nÅse Ødegård  26,5```"
    assert message.text == "Ny turnus\n21 vakter, ingen hull."


@pytest.mark.parametrize(
    ("kind", "prefix"),
    [
        (ReplyKind.PROGRESS, ":hourglass_flowing_sand: "),
        (ReplyKind.ERROR, ":warning: "),
        (ReplyKind.TEXT, ""),
    ],
    ids=["progress", "error", "text"],
)
def test_kind_marks_the_section(kind: ReplyKind, prefix: str) -> None:
    """Progress and errors get an emoji in the message, not in the notification text."""
    message = render_reply(Reply("Planlegger … 3 s", kind=kind))

    assert message.blocks[0]["text"]["text"] == prefix + "Planlegger … 3 s"
    assert message.text == "Planlegger … 3 s"


def test_reserved_characters_escaped() -> None:
    """&, < and > are escaped so that text cannot become a mention or a link."""
    message = render_reply(Reply("<@U123> & <!channel> > alle"))

    assert message.blocks[0]["text"]["text"] == "&lt;@U123&gt; &amp; &lt;!channel&gt; &gt; alle"
    assert escape("æøå") == "æøå"


def test_long_text_split_into_sections() -> None:
    """Text longer than a section allows is split at line breaks into several sections."""
    lines = [f"Linje {number}: dagvakt på Blåbær" for number in range(400)]

    message = render_reply(Reply("\n".join(lines)))

    assert len(message.blocks) > 1
    assert all(len(block["text"]["text"]) <= SECTION_TEXT_LIMIT for block in message.blocks)
    rejoined = "\n".join(block["text"]["text"] for block in message.blocks)
    assert rejoined == "\n".join(lines)


def test_split_lines_cuts_overlong_line() -> None:
    """A single line over the limit is cut into pieces of the limit."""
    assert split_lines("å" * 7, 3) == ["ååå", "ååå", "å"]
    assert split_lines("", 3) == [" "]


def test_buttons_kept_when_blocks_overflow() -> None:
    """A huge reply keeps its buttons within Slack's 50-block limit."""
    text = "\n".join("x" * 2900 for _ in range(60))

    message = render_reply(Reply(text, buttons=confirm_buttons("t")))

    assert len(message.blocks) == 50
    assert message.blocks[-1]["type"] == "actions"


def test_without_actions_drops_buttons() -> None:
    """Removing the buttons keeps every other block of a clicked message."""
    blocks = render_reply(Reply("Stemmer det?", buttons=confirm_buttons("t"))).blocks

    assert [block["type"] for block in without_actions(blocks)] == ["section"]


def test_table_text_pads_ragged_rows() -> None:
    """Rows of different lengths are aligned column by column."""
    assert table_text((("a", "bb"), ("ccc",))) == "a    bb\nccc"


def test_home_view_sections_and_language_menu() -> None:
    """The home view has the title, each section with bullets or its empty text, and the menu."""
    overview = HomeOverview(
        title="Mine vakter",
        locale="nn",
        language_label="Språk",
        sections=(
            OverviewSection("De neste 14 dagene", ("onsdag 6. januar: D",), "Ingen"),
            OverviewSection("Dine åpne forespørsler", (), "Ingen åpne forespørsler."),
        ),
    )

    view = home_view(overview)

    texts = [block["text"]["text"] for block in view["blocks"] if "text" in block]
    assert texts == [
        "Mine vakter",
        "*De neste 14 dagene*\n• onsdag 6. januar: D",
        "*Dine åpne forespørsler*\nIngen åpne forespørsler.",
        "Språk",
    ]
    menu = view["blocks"][-1]["accessory"]
    assert [option["value"] for option in menu["options"]] == ["nb", "nn", "en"]
    assert menu["initial_option"]["value"] == "nn"


def test_home_view_with_notice() -> None:
    """An unlinked user's view shows the notice instead of sections."""
    overview = HomeOverview(
        title="Mine vakter", locale="nb", notice="Jeg vet ikke hvem du er.", language_label="Språk"
    )

    view = home_view(overview)

    assert view["blocks"][1]["text"]["text"] == "Jeg vet ikke hvem du er."
