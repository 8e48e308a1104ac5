"""Rendering the core's replies and home overview as Slack Block Kit.

Every message carries a plain `text` as well as its blocks: Slack shows the text
in notifications and to clients that cannot show blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bots.slack.payloads import LANGUAGE_ACTION_ID, button_action_id
from core.messages import Button, ButtonStyle, Reply, ReplyKind
from core.overview import HomeOverview, OverviewSection

# Block Kit limits (Slack's reference for section, header and button elements).
SECTION_TEXT_LIMIT = 3000
HEADER_TEXT_LIMIT = 150
BUTTON_TEXT_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
BLOCKS_PER_MESSAGE_LIMIT = 50
BLOCKS_PER_VIEW_LIMIT = 100
# chat.postMessage truncates longer text; a notification needs far less.
FALLBACK_TEXT_LIMIT = 4000

KIND_EMOJI = {
    ReplyKind.PROGRESS: ":hourglass_flowing_sand: ",
    ReplyKind.ERROR: ":warning: ",
}

# The languages the home tab offers, each named in its own language.
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """The `text` and `blocks` arguments of chat.postMessage and chat.update."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)

    def arguments(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def escape(text: str) -> str:
    """Escape the three characters that Slack's mrkdwn and plain text reserve."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_reply(reply: Reply) -> SlackMessage:
    blocks: list[dict[str, Any]] = []
    if reply.title:
        blocks.append(header_block(reply.title))
    blocks.extend(text_blocks(KIND_EMOJI.get(reply.kind, "") + escape(reply.text)))
    if reply.table:
        blocks.extend(text_blocks(table_text(reply.table), code=True))
    if reply.buttons:
        blocks.append(actions_block(reply.buttons))
    blocks = _within_message_limit(blocks)
    return SlackMessage(text=_fallback_text(reply), blocks=blocks)


def _fallback_text(reply: Reply) -> str:
    text = f"{reply.title}\n{reply.text}" if reply.title else reply.text
    return escape(text)[:FALLBACK_TEXT_LIMIT]


def _within_message_limit(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep the first blocks and the buttons, which must stay clickable, within the limit."""
    if len(blocks) <= BLOCKS_PER_MESSAGE_LIMIT:
        return blocks
    actions = [block for block in blocks if block["type"] == "actions"]
    others = [block for block in blocks if block["type"] != "actions"]
    return others[: BLOCKS_PER_MESSAGE_LIMIT - len(actions)] + actions


def header_block(text: str) -> dict[str, Any]:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": text[:HEADER_TEXT_LIMIT], "emoji": True},
    }


def text_blocks(text: str, *, code: bool = False) -> list[dict[str, Any]]:
    """Return mrkdwn sections for `text`, split at line breaks to fit the section limit."""
    fence = "```" if code else ""
    room = SECTION_TEXT_LIMIT - 2 * len(fence)
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"{fence}{chunk}{fence}"}}
        for chunk in split_lines(text, room)
    ]


def split_lines(text: str, limit: int) -> list[str]:
    """Split `text` into chunks of at most `limit` characters, at line breaks where possible."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            candidate = line
        current = candidate
    if current or not chunks:
        chunks.append(current or " ")
    return chunks


def table_text(rows: tuple[tuple[str, ...], ...]) -> str:
    """Lay out `rows` as aligned columns for a monospace code block."""
    widths = [
        max(len(row[column]) for row in rows if column < len(row))
        for column in range(max(len(row) for row in rows))
    ]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    return escape("\n".join(lines))


def actions_block(buttons: tuple[Button, ...]) -> dict[str, Any]:
    return {"type": "actions", "elements": [button_element(button) for button in buttons]}


def button_element(button: Button) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "action_id": button_action_id(button.press.action),
        "text": {"type": "plain_text", "text": button.label[:BUTTON_TEXT_LIMIT], "emoji": True},
        "value": button.press.value[:BUTTON_VALUE_LIMIT],
    }
    if button.style != ButtonStyle.DEFAULT:
        element["style"] = button.style.value
    return element


def without_actions(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return a clicked message's blocks without its buttons, so nobody clicks them twice."""
    return [block for block in blocks if block.get("type") != "actions"]


# --- App Home --------------------------------------------------------------------------------


def home_view(overview: HomeOverview) -> dict[str, Any]:
    """Return the App Home tab for `overview`, with a menu to choose the reply language."""
    blocks: list[dict[str, Any]] = [header_block(overview.title)]
    if overview.notice is not None:
        blocks.extend(text_blocks(escape(overview.notice)))
    for section in overview.sections:
        blocks.extend(section_blocks(section))
    blocks.append({"type": "divider"})
    blocks.append(language_menu(overview))
    return {"type": "home", "blocks": blocks[:BLOCKS_PER_VIEW_LIMIT]}


def section_blocks(section: OverviewSection) -> list[dict[str, Any]]:
    body = "\n".join(f"• {escape(line)}" for line in section.lines) or escape(section.empty_text)
    return [{"type": "divider"}, *text_blocks(f"*{escape(section.title)}*\n{body}")]


def language_menu(overview: HomeOverview) -> dict[str, Any]:
    options = [
        {"text": {"type": "plain_text", "text": name}, "value": locale}
        for locale, name in LANGUAGE_NAMES.items()
    ]
    menu: dict[str, Any] = {
        "type": "static_select",
        "action_id": LANGUAGE_ACTION_ID,
        "options": options,
    }
    current = next((option for option in options if option["value"] == overview.locale), None)
    if current is not None:
        menu["initial_option"] = current
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": escape(overview.language_label)},
        "accessory": menu,
    }
