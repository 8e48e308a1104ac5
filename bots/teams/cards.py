"""Core replies rendered as Teams messages: plain text, or an Adaptive Card.

A reply with buttons, a title or a table becomes an Adaptive Card; its buttons
are Action.Submit actions whose data `activities.button_press` reads back, so a
press arrives as an ordinary message activity and needs no invoke response.
Plain replies are sent as plain text, so that «» and asterisks in the core's
texts are not read as Markdown.
"""

from __future__ import annotations

from typing import Any

from microsoft_agents.activity import Activity, ActivityTypes, Attachment

from bots.teams.activities import button_data
from core.messages import Button, ButtonStyle, Reply, ReplyKind

ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
ADAPTIVE_CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
# Teams renders Adaptive Cards up to schema 1.5 on desktop, web and mobile.
ADAPTIVE_CARD_VERSION = "1.5"
PLAIN_TEXT = "plain"
CARD_KINDS = frozenset(
    {
        ReplyKind.CONFIRMATION,
        ReplyKind.APPROVAL,
        ReplyKind.INVITATION,
        ReplyKind.DECISION,
        ReplyKind.ROSTER,
    }
)
ACTION_STYLES = {
    ButtonStyle.PRIMARY: "positive",
    ButtonStyle.DANGER: "destructive",
    ButtonStyle.DEFAULT: "default",
}


class TeamsRenderer:
    """Renders replies as Teams activities (the `bots.port.ReplyRenderer` of Teams)."""

    def render(self, reply: Reply) -> Activity:
        return render_reply(reply)


def render_reply(reply: Reply, *, as_card: bool = False) -> Activity:
    """Return the message activity for `reply`; `as_card` forces a card, as updates need."""
    # `reply.attachment` is not part of the message: the agent offers the file on a
    # file-consent card of its own (`bots.teams.file_delivery`).
    if as_card or needs_card(reply):
        return card_message(adaptive_card(reply), summary=reply.text)
    return Activity(type=ActivityTypes.message, text=reply.text, text_format=PLAIN_TEXT)


def needs_card(reply: Reply) -> bool:
    return bool(reply.buttons or reply.table or reply.title) or reply.kind in CARD_KINDS


def card_message(card: dict[str, Any], *, summary: str) -> Activity:
    attachment = Attachment(content_type=ADAPTIVE_CARD_CONTENT_TYPE, content=card)
    # The summary is what notifications and the chat list show for a card.
    return Activity(
        type=ActivityTypes.message, attachments=[attachment], summary=_first_line(summary)
    )


def adaptive_card(reply: Reply) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if reply.title:
        body.append(_text_block(reply.title, weight="Bolder", size="Medium"))
    body.extend(_text_block(paragraph) for paragraph in _paragraphs(reply.text))
    if reply.table:
        body.append(_table(reply.table))
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": ADAPTIVE_CARD_SCHEMA,
        "version": ADAPTIVE_CARD_VERSION,
        "body": body,
        "fallbackText": reply.text,
    }
    if reply.buttons:
        card["actions"] = [_submit_action(button) for button in reply.buttons]
    if reply.kind == ReplyKind.ROSTER or reply.table:
        card["msteams"] = {"width": "Full"}
    return card


def _text_block(text: str, **style: str) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _paragraphs(text: str) -> list[str]:
    """Split on blank lines; single line breaks stay inside one TextBlock."""
    return [part.strip("\n") for part in text.split("\n\n") if part.strip()]


def _submit_action(button: Button) -> dict[str, Any]:
    return {
        "type": "Action.Submit",
        "title": button.label,
        "style": ACTION_STYLES[button.style],
        "data": button_data(button.press),
    }


def _table(rows: tuple[tuple[str, ...], ...]) -> dict[str, Any]:
    header, *data_rows = rows
    column_count = max(len(row) for row in rows)
    return {
        "type": "Table",
        "gridStyle": "default",
        "firstRowAsHeader": True,
        "columns": [{"width": 1} for _ in range(column_count)],
        "rows": [_table_row(header), *(_table_row(row) for row in data_rows)],
    }


def _table_row(cells: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "TableRow",
        "cells": [{"type": "TableCell", "items": [_text_block(cell)]} for cell in cells],
    }


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text
