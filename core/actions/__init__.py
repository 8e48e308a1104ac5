"""Every command the core can carry out, by intent."""

from __future__ import annotations

from typing import Protocol

from core.actions.absence_requests import RegisterAbsenceOrRequest
from core.actions.base import MutatingAction
from core.actions.help import Help, Unknown
from core.actions.partial_unavailability import RegisterWholeOrPartDayUnavailability
from core.actions.personal_data import DeleteMyData, MyData
from core.actions.registrations import RegisterAvailability, RegisterWish
from core.actions.roster_exports import ExportRoster
from core.actions.rosters import GenerateRoster, PublishRoster, ShowSchedule, WhoWorks
from core.actions.shift_requests import (
    DecideRequest,
    ListRequests,
    OfferShift,
    RequestSwap,
    TakeShift,
    decide_by_button,
)
from core.actions.unavailability_withdrawals import WithdrawUnavailability
from core.actions.withdrawals import WithdrawAbsence
from core.commands import Intent, ParsedCommand
from core.context import Context
from core.messages import ButtonPress, Outcome


class ReadOnlyAction(Protocol):
    def answer(self, context: Context, command: ParsedCommand) -> Outcome: ...


MUTATING_ACTIONS: dict[Intent, MutatingAction] = {
    Intent.REGISTER_ABSENCE: RegisterAbsenceOrRequest(),
    Intent.REGISTER_UNAVAILABILITY: RegisterWholeOrPartDayUnavailability(),
    Intent.REGISTER_AVAILABILITY: RegisterAvailability(),
    Intent.REGISTER_WISH: RegisterWish(),
    Intent.WITHDRAW_ABSENCE: WithdrawAbsence(),
    Intent.WITHDRAW_UNAVAILABILITY: WithdrawUnavailability(),
    Intent.REQUEST_SWAP: RequestSwap(),
    Intent.OFFER_SHIFT: OfferShift(),
    Intent.TAKE_SHIFT: TakeShift(),
    Intent.APPROVE_REQUEST: DecideRequest(Intent.APPROVE_REQUEST),
    Intent.REJECT_REQUEST: DecideRequest(Intent.REJECT_REQUEST),
    Intent.CANCEL_REQUEST: DecideRequest(Intent.CANCEL_REQUEST),
    Intent.GENERATE_ROSTER: GenerateRoster(),
    Intent.PUBLISH_ROSTER: PublishRoster(),
    Intent.DELETE_MY_DATA: DeleteMyData(),
}

READ_ONLY_ACTIONS: dict[Intent, ReadOnlyAction] = {
    Intent.LIST_REQUESTS: ListRequests(),
    Intent.SHOW_SCHEDULE: ShowSchedule(),
    Intent.WHO_WORKS: WhoWorks(),
    Intent.MY_DATA: MyData(),
    Intent.EXPORT_ROSTER: ExportRoster(),
    Intent.HELP: Help(),
}


def mutating(intent: Intent) -> MutatingAction | None:
    return MUTATING_ACTIONS.get(intent)


def answer(context: Context, command: ParsedCommand) -> Outcome:
    action = READ_ONLY_ACTIONS.get(command.intent, Unknown())
    return action.answer(context, command)


def decide_request(context: Context, press: ButtonPress) -> Outcome:
    return decide_by_button(context, press)
