"""All models, imported here so Alembic and the app see the whole schema."""

from portal.models.accounts import RecoveryCode, StaffKind, StaffRole, User
from portal.models.audit import AuditEvent
from portal.models.jobs import JobLease
from portal.models.organisations import (
    Invitation,
    MemberRole,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
    SizeClass,
)
from portal.models.outbox import OutboxMessage, OutboxStatus
from portal.models.tenancy import Municipality, Region

__all__ = ['AuditEvent', 'Invitation', 'JobLease', 'MemberRole', 'Membership', 'MembershipStatus', 'Municipality',
           'Organisation', 'OrganisationKind', 'OrganisationStatus', 'OutboxMessage', 'OutboxStatus', 'RecoveryCode',
           'Region', 'SizeClass', 'StaffKind', 'StaffRole', 'User']
