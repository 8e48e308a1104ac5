"""`Store`: the repositories of one transaction, each returning core values."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from storage.absences import AbsenceRepository
from storage.audit import AuditLog
from storage.chat_origins import ChatOriginRepository
from storage.crypto import FieldCipher
from storage.dialogues import DialogueRepository
from storage.employees import EmployeeRepository
from storage.events import EventLog
from storage.file_offers import FileOfferRepository
from storage.identities import IdentityRepository
from storage.languages import LanguageChoiceRepository
from storage.organisations import OrganisationRepository
from storage.personal_data import export_personal_data
from storage.request_cards import RequestCardRepository
from storage.rosters import RosterRepository
from storage.shift_requests import ShiftRequestRepository
from storage.workspaces import WorkspaceRepository


class Store:
    """All repositories on one session; `Database.store()` commits or rolls it back.

    Every method that changes a domain record takes a keyword `actor_id` (the employee
    acting, or None for the system) and records an audit entry in the same transaction.
    Technical state is exempt and takes no `actor_id`: pending dialogues, processed
    event keys, conversation references, posted request cards and chat origins.
    """

    def __init__(self, session: Session, cipher: FieldCipher) -> None:
        self._session = session
        self.audit = AuditLog(session)
        self.organisations = OrganisationRepository(session, self.audit)
        self.employees = EmployeeRepository(session, cipher, self.audit)
        self.identities = IdentityRepository(session, cipher, self.audit, self.employees)
        self.workspaces = WorkspaceRepository(session, self.audit)
        self.languages = LanguageChoiceRepository(session, self.audit)
        self.absences = AbsenceRepository(session, cipher, self.audit)
        self.shift_requests = ShiftRequestRepository(session, cipher, self.audit)
        self.rosters = RosterRepository(session, self.audit)
        self.dialogues = DialogueRepository(session, cipher)
        self.events = EventLog(session, cipher)
        self.request_cards = RequestCardRepository(session, cipher)
        self.chat_origins = ChatOriginRepository(session)
        self.file_offers = FileOfferRepository(session, cipher, self.audit)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Undo only the changes made inside the block when it raises; the transaction goes on."""
        with self._session.begin_nested():
            yield

    def personal_data(self, employee_id: int) -> dict[str, Any]:
        """Return everything stored about the employee, decrypted and JSON-serialisable.

        See `storage.personal_data.export_personal_data` for the sections.
        """
        return export_personal_data(self, employee_id)
