"""`Store`: the repositories of one transaction, each returning core values."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.audit import AuditLog
from storage.crypto import FieldCipher
from storage.employees import EmployeeRepository
from storage.organisations import OrganisationRepository


class Store:
    """All repositories on one session; `Database.store()` commits or rolls it back.

    Every method that changes data takes a keyword `actor_id` (the employee acting, or
    None for the system) and records an audit entry in the same transaction.
    """

    def __init__(self, session: Session, cipher: FieldCipher) -> None:
        self.audit = AuditLog(session)
        self.organisations = OrganisationRepository(session, self.audit)
        self.employees = EmployeeRepository(session, cipher, self.audit)
