"""The port between the core and a chat platform.

An adapter turns a platform payload into a `core.messages.IncomingMessage`,
hands it to `Assistant.handle`, and renders each reply of the outcome in the
platform's own form. Adapters only translate: no business rule and no database
call lives in `bots/`.
"""

from __future__ import annotations

from typing import Protocol

from core.messages import Reply


class ReplyRenderer(Protocol):
    """Renders core replies in one platform's form (text, Block Kit, Adaptive Card)."""

    def render(self, reply: Reply) -> object: ...
