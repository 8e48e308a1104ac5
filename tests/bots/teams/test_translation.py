"""Activities in, replies out: the pure translation between Teams and the core."""

from __future__ import annotations

import json

import pytest
from microsoft_agents.activity import Activity

from bots.teams.activities import (
    MalformedActivity,
    button_data,
    button_press,
    incoming_message,
    parse_activity,
    sender_of,
)
from bots.teams.cards import render_reply
from core.messages import Button, ButtonAction, ButtonPress, ButtonStyle, Reply, ReplyKind
from tests.bots.teams.teams_fakes import (
    TENANT_ID,
    group_conversation,
    mention_of_bot,
    message_activity,
)
from tests.bots.teams.teams_ward import KAARE

SERVICE_URL = "http://127.0.0.1:9/bf/"


def activity(**options: object) -> Activity:
    return parse_activity(message_activity(KAARE, SERVICE_URL, **options))  # type: ignore[arg-type]


def test_sender_is_entra_user_in_tenant() -> None:
    """The sender is the AAD object id in the tenant, with the activity's locale."""
    sender = sender_of(activity(text="Hei", locale="nn-NO"))

    assert sender is not None
    assert (sender.platform, sender.workspace_id, sender.user_id, sender.locale) == (
        "teams",
        TENANT_ID,
        KAARE.aad_object_id,
        "nn-NO",
    )


def test_mention_is_removed_from_text() -> None:
    message = incoming_message(
        activity(
            text="<at>vaktbot</at> Jeg er syk på fredag, æøå",
            conversation=group_conversation(),
            entities=[mention_of_bot()],
        )
    )

    assert message is not None
    assert message.text == "Jeg er syk på fredag, æøå"


def test_dialogue_key_is_the_person_not_the_chat() -> None:
    """A read-back asked for in a group chat is answered in the 1:1 chat, so both share a key."""
    in_group = incoming_message(activity(text="Hei", conversation=group_conversation()))
    in_private = incoming_message(activity(text="ja"))

    assert in_group is not None
    assert in_private is not None
    assert in_group.conversation_key == in_private.conversation_key
    assert in_group.conversation_key == f"teams:{TENANT_ID}:{KAARE.aad_object_id}"


def test_event_id_joins_conversation_and_activity() -> None:
    message = incoming_message(activity(text="Hei", activity_id="1767686400777"))

    assert message is not None
    assert message.event_id == f"{KAARE.personal_conversation_id}|1767686400777"


def test_received_at_is_the_activity_timestamp() -> None:
    message = incoming_message(activity(text="Hei"))

    assert message is not None
    assert message.received_at is not None
    assert message.received_at.isoformat() == "2027-01-06T08:00:00+00:00"


def test_empty_message_goes_on_as_empty_text() -> None:
    """The core replies to empty text with a hint, so the message is not dropped."""
    message = incoming_message(activity(text="   "))

    assert message is not None
    assert message.text == ""
    assert message.button is None


@pytest.mark.parametrize(
    "value",
    [
        pytest.param({"vaktbot": {"action": "explode", "value": "1"}}, id="unknown action"),
        pytest.param({"vaktbot": {"action": "approve"}}, id="no value"),
        pytest.param({"annet": 1}, id="foreign card"),
        pytest.param("approve", id="not an object"),
    ],
)
def test_foreign_card_data_is_no_button(value: object) -> None:
    assert button_press(value) is None


def test_button_data_survives_json_with_norwegian_letters() -> None:
    """A button's value makes the round trip through the card's JSON unchanged."""
    press = ButtonPress(ButtonAction.CONFIRM, "tøkn-æøå")

    returned = button_press(json.loads(json.dumps(button_data(press))))

    assert returned == press


def test_invoke_without_user_is_malformed() -> None:
    body = message_activity(KAARE, SERVICE_URL, text="Hei")
    body["type"] = "invoke"
    del body["from"]

    with pytest.raises(MalformedActivity, match=r"from\.aadObjectId"):
        parse_activity(body)


def test_plain_reply_is_plain_text() -> None:
    """A reply without buttons is plain text, so «» and * are not read as Markdown."""
    rendered = render_reply(Reply("Registrert: *kurs* «fredag»."))

    assert rendered.text == "Registrert: *kurs* «fredag»."
    assert rendered.text_format == "plain"
    assert not rendered.attachments


def test_reply_with_buttons_is_a_card() -> None:
    reply = Reply(
        "Stemmer det?",
        kind=ReplyKind.CONFIRMATION,
        buttons=(
            Button("Bekreft", ButtonPress(ButtonAction.CONFIRM, "t1"), ButtonStyle.PRIMARY),
            Button("Avbryt", ButtonPress(ButtonAction.CANCEL, "t1"), ButtonStyle.DANGER),
        ),
    )

    (attachment,) = render_reply(reply).attachments
    card = attachment.content

    assert attachment.content_type == "application/vnd.microsoft.card.adaptive"
    assert [action["style"] for action in card["actions"]] == ["positive", "destructive"]
    assert card["actions"][0]["data"] == {"vaktbot": {"action": "confirm", "value": "t1"}}
    assert card["fallbackText"] == "Stemmer det?"


def test_roster_table_becomes_a_card_table() -> None:
    """A reply's table is rendered as an Adaptive Card table with a header row."""
    reply = Reply(
        "Turnus uke 3",
        kind=ReplyKind.ROSTER,
        title="Ny turnus",
        table=(("Navn", "man", "tir"), ("Kåre Ødegård", "D", "A")),
    )

    (attachment,) = render_reply(reply).attachments
    card = attachment.content
    table = card["body"][-1]

    assert card["body"][0]["text"] == "Ny turnus"
    assert table["type"] == "Table"
    assert table["rows"][1]["cells"][0]["items"][0]["text"] == "Kåre Ødegård"
    assert card["msteams"] == {"width": "Full"}
