"""An employee's own data: what is stored about them, and an export of it (GDPR art. 15, 20)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from core.absences import AbsenceRequestStatus
from core.actions.phrases import POSITION_NAMES
from core.commands import ParsedCommand
from core.context import Context
from core.i18n import N_
from core.messages import Outcome, Reply

# Sections of the export and how each is named in the summary.
SECTION_NAMES = {
    "absences": N_("absences"),
    "unavailability": N_("unavailable days"),
    "availability": N_("available days"),
    "wishes": N_("wishes"),
    "requests": N_("shift requests"),
    "absence_requests": N_("absence requests"),
    "assignments": N_("planned shifts"),
    "chat_links": N_("chat links"),
    "audit": N_("logged changes"),
}

# An absence request's status, as the export writes it out in the employee's language.
ABSENCE_REQUEST_STATUS_NAMES = {
    AbsenceRequestStatus.WAITING: N_("waiting for a manager"),
    AbsenceRequestStatus.APPROVED: N_("approved"),
    AbsenceRequestStatus.REJECTED: N_("rejected"),
    AbsenceRequestStatus.WITHDRAWN: N_("withdrawn"),
}


def count_entries(value: Any) -> int:
    return len(value) if isinstance(value, list | dict) else 0


def with_status_texts(context: Context, data: dict[str, Any]) -> dict[str, Any]:
    """Return the export with each absence request's status written out as state_text."""
    absence_requests = [
        {
            **request,
            "state_text": context._(
                ABSENCE_REQUEST_STATUS_NAMES[AbsenceRequestStatus(request["state"])]
            ),
        }
        for request in data["absence_requests"]
    ]
    return {**data, "absence_requests": absence_requests}


class MyData:
    def answer(self, context: Context, command: ParsedCommand) -> Outcome:
        data = with_status_texts(context, context.store.personal_data(context.actor.id))
        counts = [
            context._(
                N_("%(count)s %(what)s"),
                count=count_entries(data.get(section)),
                what=context._(name),
            )
            for section, name in SECTION_NAMES.items()
        ]
        attachment = self._export(context, data)
        text = context._(
            N_(
                "I store this about you: your name, e-mail, position (%(position)s, "
                "%(percent)s %%), competences and roles, and %(counts)s. Ask your manager if "
                "something is wrong."
            ),
            position=context._(POSITION_NAMES[context.actor.position]),
            percent=context.actor.position_percent,
            counts=context.translator.join(counts),
        )
        if attachment is not None:
            text += " " + context._(N_("The attached file contains all of it."))
        return Outcome((Reply(text, attachment=attachment, title=context._(N_("Your data"))),))

    def _export(self, context: Context, data: dict[str, Any]) -> Path | None:
        folder = context.services.export_folder
        if folder is None:
            return None
        path = Path(folder) / f"mine-data-{context.actor.id}-{context.today.isoformat()}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
        path.chmod(0o600)
        return path
