"""The App Home tab «Mine vakter», and choosing the reply language there."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from tests.bots.slack.slack_harness import FORM, SlackHarness
from tests.bots.slack.slack_ward import STRANGER, TEAM


def home_opened(user_id: str) -> dict[str, Any]:
    return {
        "type": "app_home_opened",
        "user": user_id,
        "channel": "D" + user_id,
        "tab": "home",
        "event_ts": "1767686400.000500",
    }


def view_text(view: dict[str, Any]) -> str:
    """Return the visible text of a view's header and section blocks, one block a line."""
    lines = []
    for block in view["blocks"]:
        if block["type"] in ("header", "section"):
            lines.append(block["text"]["text"])
    return "\n".join(lines)


def language_choice(user_id: str, locale: str) -> str:
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": user_id},
        "api_app_id": "A0VAKTBOT",
        "trigger_id": "trigger-språk",
        "container": {"type": "view", "view_id": "V1"},
        "view": {"id": "V1", "type": "home"},
        "actions": [
            {
                "action_id": "vaktbot:language",
                "block_id": "b9",
                "type": "static_select",
                "selected_option": {
                    "value": locale,
                    "text": {"type": "plain_text", "text": locale},
                },
                "action_ts": "1767000009.000001",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload, ensure_ascii=False)})


async def test_home_shows_shifts_and_requests(slack: SlackHarness) -> None:
    """Kari's home tab lists her next 14 days of shifts and her open requests."""
    await slack.event(home_opened("UKARI"))
    await slack.settle(1)

    (published,) = slack.mock.named("views.publish")
    view = published.arguments["view"]
    assert published.arguments["user_id"] == "UKARI"
    assert view["type"] == "home"
    assert view_text(view).splitlines()[:2] == ["Mine vakter", "*De neste 14 dagene*"]
    assert "• onsdag 6. januar: D 07:30–15:00 (Dagvakt)" in view_text(view)
    assert "• onsdag 13. januar: D 07:30–15:00 (Dagvakt)" in view_text(view)
    assert "Du har ingen åpne forespørsler." in view_text(view)
    menu = view["blocks"][-1]["accessory"]
    assert menu["action_id"] == "vaktbot:language"
    assert menu["initial_option"]["value"] == "nb"


async def test_home_lists_pending_swap(slack: SlackHarness) -> None:
    """After Kari asks Per for a swap, the request shows on Per's home tab."""
    await slack.direct_message(
        "Kari Nordmann", "Vil bytte dagvakt torsdag mot Per sin dagvakt lørdag"
    )
    await slack.settle(1)
    await slack.direct_message("Kari Nordmann", "ja")
    await slack.settle(2)

    await slack.event(home_opened("UPER"))
    await slack.settle(3)

    view = slack.mock.named("views.publish")[-1].arguments["view"]
    assert "*Dine åpne forespørsler*\n• #" in view_text(view)
    assert "Kari Nordmann D torsdag 7. januar ↔ Per Hansen D lørdag 9. januar" in view_text(view)


async def test_home_of_unlinked_user(slack: SlackHarness) -> None:
    """A member nobody linked sees whom to ask, and no shifts."""
    await slack.event(home_opened(STRANGER))
    await slack.settle(1)

    view = slack.mock.named("views.publish")[0].arguments["view"]
    assert view_text(view).splitlines()[1].startswith("Jeg vet ikke hvem du er ennå.")
    assert "De neste 14 dagene" not in view_text(view)


async def test_language_choice_changes_replies(slack: SlackHarness) -> None:
    """Choosing nynorsk in the home tab republishes it and the next replies are in nynorsk."""
    response = await slack.post(language_choice("UKARI", "nn"), content_type=FORM)
    await slack.settle(1)

    assert response.status == 200
    view = slack.mock.named("views.publish")[-1].arguments["view"]
    assert view_text(view).splitlines()[0] == "Vaktene mine"
    assert view["blocks"][-1]["accessory"]["initial_option"]["value"] == "nn"

    await slack.direct_message("Kari Nordmann", "Jeg er syk i morgen")
    await slack.settle(2)

    readback = slack.mock.named("chat.postMessage")[-1]
    assert readback.arguments["text"] == (
        "Registrerer sjukefråvær torsdag 7. januar. Vakta D torsdag 7. januar "
        "blir teken ut av turnusen din. Er det rett?"
    )
