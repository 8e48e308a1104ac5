"""A person's overview for a chat platform's home screen: their shifts and open requests.

Read-only, translated, and free of platform types: the Slack App Home renders it
as Block Kit, and other platforms may render it their own way.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.actions.shift_requests import describe_request
from core.calendar import OSLO, now_in_oslo
from core.context import Context, Services
from core.employees import Employee, Role
from core.errors import NotLinked, UserError
from core.i18n import N_, Translator
from core.identities import resolve_sender
from core.messages import Sender
from core.shift_requests import RequestKind, RequestState

if TYPE_CHECKING:
    from storage.database import Database
    from storage.store import Store

logger = logging.getLogger(__name__)

OVERVIEW_DAYS = 14


@dataclass(frozen=True, slots=True)
class OverviewSection:
    title: str
    lines: tuple[str, ...]
    # Shown instead of the lines when there are none.
    empty_text: str


@dataclass(frozen=True, slots=True)
class HomeOverview:
    """What a person sees on their home screen, already translated into `locale`."""

    title: str
    locale: str
    sections: tuple[OverviewSection, ...] = ()
    # A message shown instead of the sections, e.g. to a chat user who is not linked.
    notice: str | None = None
    language_label: str = ""


class Overviews:
    """Builds home overviews, each in its own read-only transaction."""

    def __init__(
        self,
        database: Database,
        services: Services,
        *,
        clock: Callable[[], dt.datetime] = now_in_oslo,
    ) -> None:
        self._database = database
        self._services = services
        self._clock = clock

    def home(self, sender: Sender) -> HomeOverview:
        """Return the sender's overview, or one with a notice saying why there is none.

        Opening the home screen may link the user by verified e-mail, like a message.
        """
        translator = Translator.for_locale(sender.locale)
        with self._database.store() as store:
            try:
                employee = resolve_sender(store, sender)
                if employee is None:
                    raise NotLinked()
                context = self._context(store, employee, translator)
                return build_home(context)
            except UserError as error:
                logger.info("no home overview: %s", type(error).__name__)
                return notice_overview(translator, error.render(translator))

    def _context(self, store: Store, employee: Employee, translator: Translator) -> Context:
        unit = store.organisations.get_unit(employee.unit_id)
        if unit is None:  # pragma: no cover - an employee's unit cannot be deleted
            raise NotLinked()
        return Context(
            store=store,
            database=self._database,
            actor=employee,
            unit=unit,
            translator=translator,
            now=self._clock().astimezone(OSLO),
            conversation_key=f"overview:{employee.id}",
            services=self._services,
        )


def notice_overview(translator: Translator, notice: str) -> HomeOverview:
    """Return a home overview that shows `notice` instead of the sections."""
    return HomeOverview(
        title=translator.gettext(N_("My shifts")),
        locale=translator.locale,
        notice=notice,
        language_label=translator.gettext(N_("Language")),
    )


def build_home(context: Context) -> HomeOverview:
    sections = [upcoming_shifts(context), open_requests(context)]
    if context.actor.has_role(Role.MANAGER):
        sections.append(awaiting_decision(context))
    return HomeOverview(
        title=context._(N_("My shifts")),
        locale=context.translator.locale,
        sections=tuple(sections),
        language_label=context._(N_("Language")),
    )


def upcoming_shifts(context: Context) -> OverviewSection:
    """List the actor's published shifts in the 14 days from today."""
    last_day = context.today + dt.timedelta(days=OVERVIEW_DAYS - 1)
    assignments = context.store.rosters.assignments_between(
        context.unit.id, context.today, last_day
    )
    shift_types = {t.code: t for t in context.store.organisations.shift_types(context.unit.id)}
    lines = []
    for assignment in assignments:
        if assignment.employee_id != context.actor.id:
            continue
        shift_type = shift_types.get(assignment.shift_code)
        hours = (
            f" {shift_type.start:%H:%M}–{shift_type.end:%H:%M} ({shift_type.name})"
            if shift_type is not None
            else ""
        )
        lines.append(f"{context.date(assignment.day)}: {assignment.shift_code}{hours}")
    return OverviewSection(
        title=context._(N_("The next %(days)s days"), days=OVERVIEW_DAYS),
        lines=tuple(lines),
        empty_text=context._(N_("You have no shifts in the published roster.")),
    )


def open_requests(context: Context) -> OverviewSection:
    """List the actor's own open requests; a repair after their absence is the managers' to see."""
    requests = [
        request
        for request in context.store.shift_requests.list_for_employee(
            context.actor.id, open_only=True
        )
        if request.kind != RequestKind.REPAIR
    ]
    return OverviewSection(
        title=context._(N_("Your open requests")),
        lines=tuple(describe_request(context, request) for request in requests),
        empty_text=context._(N_("You have no open requests.")),
    )


def awaiting_decision(context: Context) -> OverviewSection:
    requests = [
        request
        for request in context.store.shift_requests.list_open(context.unit.id)
        if request.state == RequestState.ACCEPTED
    ]
    return OverviewSection(
        title=context._(N_("Waiting for a manager's decision")),
        lines=tuple(describe_request(context, request) for request in requests),
        empty_text=context._(N_("Nothing is waiting for a decision.")),
    )
