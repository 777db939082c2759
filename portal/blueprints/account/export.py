"""Everything the portal holds about one person, as plain data for the "download my data" file (AVG art. 15 and 20).

Secrets (password hash, two-step secret, recovery codes) are never part of it: they are not
information about the person, and a leaked export must not open the account.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from portal.core.dbtypes import utcnow
from portal.extensions import db
from portal.models.accounts import User
from portal.models.audit import AuditEvent
from portal.models.organisations import Invitation
from portal.models.outbox import OutboxMessage


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def collect_user_data(user: User) -> dict[str, Any]:
    role = user.staff_role
    return {
        'exported_at': _time(utcnow()),
        'profile': {
            'id': user.id,
            'name': user.name,
            'email': user.email,
            'email_verified_at': _time(user.email_verified_at),
            'language': user.locale,
            'is_admin': user.is_admin,
            'two_step_sign_in': user.has_two_step,
            'two_step_enabled_at': _time(user.totp_enabled_at),
            'created_at': _time(user.created_at),
            'updated_at': _time(user.updated_at),
            'last_sign_in_at': _time(user.last_sign_in_at),
        },
        'organisations': [
            {'organisation': membership.organisation.name, 'kvk_number': membership.organisation.kvk_number,
             'role': str(membership.role), 'status': str(membership.status),
             'member_since': _time(membership.created_at)}
            for membership in sorted(user.memberships, key=lambda m: m.created_at)
        ],
        'staff_role': None if role is None else {
            'region': role.region.name, 'kind': str(role.kind), 'since': _time(role.created_at)},
        'invitations_sent': [
            {'organisation': invitation.organisation.name, 'email': invitation.email,
             'sent_at': _time(invitation.created_at), 'expires_at': _time(invitation.expires_at),
             'accepted_at': _time(invitation.accepted_at), 'revoked_at': _time(invitation.revoked_at)}
            for invitation in db.session.scalars(select(Invitation).where(Invitation.invited_by_id == user.id)
                                                 .order_by(Invitation.created_at))
        ],
        'your_actions': [
            {'action': event.action, 'at': _time(event.occurred_at), 'object_type': event.object_type,
             'object_id': event.object_id}
            for event in db.session.scalars(select(AuditEvent).where(AuditEvent.actor_id == user.id)
                                            .order_by(AuditEvent.occurred_at, AuditEvent.id))
        ],
        # what others (staff, admins, the system) did to this account; who did it is theirs to keep
        'actions_on_your_account': [
            {'action': event.action, 'at': _time(event.occurred_at)}
            for event in db.session.scalars(
                select(AuditEvent).where(AuditEvent.object_type == 'User', AuditEvent.object_id == str(user.id),
                                         or_(AuditEvent.actor_id.is_(None), AuditEvent.actor_id != user.id))
                .order_by(AuditEvent.occurred_at, AuditEvent.id))
        ],
        'mail_sent_to_you': [
            {'subject': message.subject, 'queued_at': _time(message.created_at), 'status': str(message.status),
             'sent_at': _time(message.sent_at)}
            for message in db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == user.email)
                                              .order_by(OutboxMessage.created_at, OutboxMessage.id))
        ],
    }
