"""The failures a user is told about, each with a translated, specific message.

Anything else that goes wrong is a bug: the user gets a short apology with an
error id to quote, and the exception is logged with that id.
"""

from __future__ import annotations

from typing import Any

from core.i18n import N_, Translator


class UserError(Exception):
    """A failure the user can act on; `message` is an English msgid with %(name)s fields."""

    message = N_("Something in the message is not valid.")

    def __init__(self, message: str | None = None, **params: Any) -> None:
        if message is not None:
            self.message = message
        self.params = params
        # Sentences already in the user's language that follow the message, such as
        # a warning that a date's weekday is not the one written.
        self.notes: list[str] = []
        super().__init__(self.message)

    def render(self, translator: Translator) -> str:
        return " ".join([translator.gettext(self.message, **self.params), *self.notes])


class NotLinked(UserError):
    """The chat user is not linked to an employee; says whom to ask and nothing else."""

    message = N_(
        "I don't know who you are yet. Ask your manager or the vaktbot administrator "
        "to link your chat user to your employee profile."
    )


class AmbiguousPerson(UserError):
    """A written name fits several colleagues; the dialogue asks which one is meant."""

    message = N_("More than one colleague fits «%(name)s»: %(names)s. Which one do you mean?")

    def __init__(self, written: str, candidates: list[str], names: str) -> None:
        super().__init__(name=written, names=names)
        self.candidates = candidates


class PermissionDenied(UserError):
    message = N_("Only %(role)s can do that.")


class AwaitingManager(UserError):
    """Someone in an accepted request tries to decide it, which only a manager may."""

    message = N_(
        "Request #%(request_id)s is waiting for a manager. Only a manager can "
        "approve or reject it, so you do not need to do anything more."
    )


class ManagerIsParty(UserError):
    """A manager tries to decide a request she is a party to; the message names who decides."""


class NotFound(UserError):
    message = N_("I could not find %(what)s.")


class InvalidRequestState(UserError):
    message = N_("Request #%(request_id)s is %(state)s, so it cannot be %(action)s now.")


class RuleViolation(UserError):
    """A change that would break a working-time rule or a staffing minimum."""

    message = N_("That change breaks a rule: %(reason)s")


class RequestOutOfDate(UserError):
    """The published roster no longer has the shifts a swap, offer or take request moves."""

    message = N_("The roster has changed since the request was made: %(reason)s")


class UnknownButton(UserError):
    """A press of a button whose action is unknown, for example one from an older card."""

    message = N_(
        "I do not know that button, or it has expired, so nothing was changed. Write what you "
        "want instead, for example «vis ventende bytter», or «hjelp» to see what I can do."
    )


class OperatorError(Exception):
    """A set-up mistake that the operator of an installation can fix.

    `message` is an English msgid with %(name)s fields. `str()` gives the English text
    for logs and tests, and `render` translates it. A parameter that is itself an
    OperatorError is rendered in the same language.
    """

    def __init__(self, message: str, **params: Any) -> None:
        self.message = message
        self.params = params
        english = {name: str(value) for name, value in params.items()}
        super().__init__(message % english if params else message)

    def render(self, translator: Translator) -> str:
        translated = {
            name: value.render(translator) if isinstance(value, OperatorError) else value
            for name, value in self.params.items()
        }
        return translator.gettext(self.message, **translated)
