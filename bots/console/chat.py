"""Chatting with vaktbot in a terminal, as one employee.

Buttons are printed with a number; typing «/1» presses the first button of the
latest message that had buttons. Messages the core addresses to other people
are printed with an arrow and the recipient's name, so a demo shows who hears
what.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from core.assistant import Assistant
from core.errors import UserError
from core.i18n import N_, Translator
from core.languages import LanguageChoices
from core.messages import (
    ButtonPress,
    IncomingMessage,
    Outcome,
    ProgressSink,
    Reply,
    Sender,
)

PLATFORM = "console"
WORKSPACE = "local"
BOT_NAME = "vaktbot"
PROGRESS_INTERVAL_SECONDS = 5.0


@dataclass
class _PrintedProgress(ProgressSink):
    """Prints progress lines and keeps the printed ones for the caller."""

    chat: ConsoleChat
    reported: list[Reply] = field(default_factory=list)
    last_printed: float = -PROGRESS_INTERVAL_SECONDS

    def report(self, reply: Reply) -> None:
        """Print at most one progress line every few seconds, as a chat edits one message."""
        now = time.monotonic()
        if now - self.last_printed < PROGRESS_INTERVAL_SECONDS:
            return
        print(
            f"{BOT_NAME} … {reply.text}",
            file=self.chat.progress_output or self.chat.output,
            flush=True,
        )
        self.reported.append(reply)
        self.last_printed = now


@dataclass
class ConsoleChat:
    assistant: Assistant
    user_name: str
    locale: str | None = None
    output: TextIO = field(default_factory=lambda: sys.stdout)
    clock: Callable[[], dt.datetime] | None = None
    recipient_name: Callable[[int], str] = str
    # Where progress lines go; None prints them with the replies. They depend on
    # timing, so a transcript meant to be compared between runs sends them elsewhere.
    progress_output: TextIO | None = None
    # The languages users chose in the chat («bytt språk til nynorsk»). A choice wins
    # over `locale`, as it wins over Slack's and Teams' own language; None: no lookup.
    languages: LanguageChoices | None = None
    _buttons: list[ButtonPress] = field(default_factory=list)
    _message_count: int = 0
    # Event ids go into the logs, so they carry this random session token, not the name.
    _session_token: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    @property
    def _translator(self) -> Translator:
        return Translator.for_locale(self.sender.locale)

    @property
    def sender(self) -> Sender:
        sender = Sender(PLATFORM, WORKSPACE, self.user_name, locale=self.locale)
        chosen = self._chosen_language(sender)
        if chosen is None:
            return sender
        return Sender(PLATFORM, WORKSPACE, self.user_name, locale=chosen)

    def _chosen_language(self, sender: Sender) -> str | None:
        if self.languages is None:
            return None
        try:
            return self.languages.chosen(sender)
        except UserError:
            # Two employees share the name: the reply to the message tells the user.
            return None

    def say(self, text: str, *, echo: bool = True) -> Outcome:
        """Send `text` as the user (or press a button for «/N») and print the replies."""
        if echo:
            self.print_line(f"{self.user_name}: {text}")
        if text.strip().startswith("/") and text.strip()[1:].isdigit():
            return self.press_number(int(text.strip()[1:]))
        return self._deliver(
            IncomingMessage(
                self.sender,
                self._conversation(),
                text=text,
                event_id=self._next_event_id(),
                received_at=self._now(),
            )
        )

    def _missing_button_text(self, number: int) -> str:
        if not self._buttons:
            return self._translator.gettext(
                N_("There is no button number %(number)s: the last reply had no buttons."),
                number=number,
            )
        if len(self._buttons) == 1:
            return self._translator.gettext(
                N_("There is no button number %(number)s. The last reply has one button: «/1»."),
                number=number,
            )
        return self._translator.gettext(
            N_("There is no button number %(number)s. Write a number from «/1» to «/%(count)s»."),
            number=number,
            count=len(self._buttons),
        )

    def press(self, press: ButtonPress) -> Outcome:
        return self._deliver(
            IncomingMessage(
                self.sender,
                self._conversation(),
                button=press,
                event_id=self._next_event_id(),
                received_at=self._now(),
            )
        )

    def press_number(self, number: int) -> Outcome:
        if not 1 <= number <= len(self._buttons):
            missing = self._missing_button_text(number)
            self.print_line(f"{BOT_NAME}: {missing}")
            return Outcome()
        return self.press(self._buttons[number - 1])

    def _deliver(self, message: IncomingMessage) -> Outcome:
        """Show the replies, then run any background job at once; return every reply."""
        outcome = self.assistant.handle(message)
        self.show(outcome)
        if outcome.job is None:
            return outcome
        progress = _PrintedProgress(self)
        finished = Outcome(outcome.job.run(progress))
        self.show(finished)
        return Outcome(outcome.replies + tuple(progress.reported) + finished.replies)

    def show(self, outcome: Outcome) -> None:
        for reply in outcome.replies:
            self._show_reply(reply)

    def _show_reply(self, reply: Reply) -> None:
        if reply.recipient_employee_id is not None:
            prefix = f"{BOT_NAME} → {self.recipient_name(reply.recipient_employee_id)}: "
        else:
            prefix = f"{BOT_NAME}: "
        self.print_line(prefix + reply.text)
        if reply.buttons and reply.recipient_employee_id is None:
            self._buttons = [button.press for button in reply.buttons]
            labels = "  ".join(f"[/{i}] {b.label}" for i, b in enumerate(reply.buttons, 1))
            self.print_line(" " * len(prefix) + labels)
        if reply.attachment is not None:
            self.print_line(" " * len(prefix) + f"📎 {reply.attachment}")

    def print_line(self, line: str) -> None:
        print(line, file=self.output, flush=True)

    def _conversation(self) -> str:
        return f"{PLATFORM}:{self.user_name}"

    def _next_event_id(self) -> str:
        self._message_count += 1
        return f"{PLATFORM}-{self._session_token}:{self._message_count}"

    def _now(self) -> dt.datetime | None:
        return self.clock() if self.clock is not None else None

    def run(self, source: TextIO) -> None:
        """Read messages from `source` until end of input or «/avslutt»."""
        greeting = self._translator.gettext(
            N_(
                "Hello, %(name)s! Write «help» to see what I can do, «/1» to press the first "
                "button, and «/quit» to quit."
            ),
            name=self.user_name,
        )
        self.print_line(f"{BOT_NAME}: {greeting}")
        for line in source:
            text = line.strip()
            if text in ("/avslutt", "/exit", "/quit"):
                break
            # An empty line is a message too, and the core replies to it with a hint.
            self.say(text, echo=not source.isatty())
