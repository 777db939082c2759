"""All models, imported here so Alembic and the app see the whole schema."""

from portal.models.accounts import RecoveryCode, StaffKind, StaffRole, User
from portal.models.audit import AuditEvent
from portal.models.demand import (
    ContractType,
    DayPart,
    EffectDirection,
    Horizon,
    InnovationEffect,
    InnovationPlan,
    LanguageLevel,
    NeedSkill,
    PlanTheme,
    PlanVisibility,
    StaffingNeed,
)
from portal.models.jobs import JobLease
from portal.models.moderation import PostingKind, PostingState, Review, ReviewState
from portal.models.network import Network, NetworkMembership, NetworkMemberStatus
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
from portal.models.taxonomy import Occupation, Skill
from portal.models.tenancy import Municipality, Region

__all__ = ['AuditEvent', 'ContractType', 'DayPart', 'EffectDirection', 'Horizon', 'InnovationEffect',
           'InnovationPlan', 'Invitation', 'JobLease', 'LanguageLevel', 'MemberRole', 'Membership', 'MembershipStatus',
           'Municipality', 'NeedSkill', 'Network', 'NetworkMemberStatus', 'NetworkMembership', 'Occupation',
           'Organisation', 'OrganisationKind', 'OrganisationStatus', 'OutboxMessage', 'OutboxStatus', 'PlanTheme',
           'PlanVisibility', 'PostingKind', 'PostingState', 'RecoveryCode', 'Region', 'Review', 'ReviewState',
           'Skill', 'SizeClass', 'StaffKind', 'StaffRole', 'StaffingNeed', 'User']
