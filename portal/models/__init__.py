"""All models, imported here so Alembic and the app see the whole schema."""

from portal.models.accounts import RecoveryCode, StaffKind, StaffRole, User
from portal.models.activities import (
    Activity,
    ActivityFeedback,
    ActivityKind,
    ActivitySlot,
    Audience,
    FeedbackForm,
    Registration,
    RegistrationState,
)
from portal.models.audit import AuditEvent
from portal.models.buddies import BuddyOffer, BuddyPairing, NextStep, PairingState
from portal.models.caseload import (
    Candidate,
    CandidateConsent,
    CandidateExperience,
    CandidateImport,
    CandidateLanguage,
    CandidateSkill,
    CandidateStatus,
    CefrLevel,
    ConsentScope,
    EducationLevel,
    ImportState,
    SkillLevel,
    SupportNeed,
    TargetGroup,
)
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
from portal.models.matching import (
    DeclineReason,
    EndReason,
    FollowUp,
    Instrument,
    MatchWeights,
    Proposal,
    ProposalEvent,
    ProposalState,
)
from portal.models.moderation import PostingKind, PostingState, Review, ReviewState
from portal.models.network import Network, NetworkMembership, NetworkMemberStatus, NetworkPledge
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
from portal.models.places import PostcodeArea
from portal.models.taxonomy import Occupation, Skill
from portal.models.tenancy import Municipality, Region

__all__ = ['Activity', 'ActivityFeedback', 'ActivityKind', 'ActivitySlot', 'Audience', 'AuditEvent', 'BuddyOffer',
           'BuddyPairing', 'Candidate', 'CandidateConsent', 'CandidateExperience', 'CandidateImport',
           'CandidateLanguage', 'CandidateSkill', 'CandidateStatus', 'CefrLevel', 'ConsentScope', 'ContractType',
           'DayPart', 'DeclineReason', 'EducationLevel', 'EffectDirection', 'EndReason', 'FeedbackForm', 'FollowUp',
           'Horizon', 'ImportState', 'InnovationEffect', 'InnovationPlan', 'Instrument', 'Invitation', 'JobLease',
           'LanguageLevel', 'MatchWeights', 'MemberRole', 'Membership', 'MembershipStatus', 'Municipality',
           'NeedSkill', 'Network', 'NetworkMemberStatus', 'NetworkMembership', 'NetworkPledge', 'NextStep',
           'Occupation', 'Organisation', 'OrganisationKind', 'OrganisationStatus', 'OutboxMessage', 'OutboxStatus',
           'PairingState', 'PlanTheme', 'PlanVisibility', 'PostcodeArea', 'PostingKind', 'PostingState', 'Proposal',
           'ProposalEvent', 'ProposalState', 'RecoveryCode', 'Region', 'Registration', 'RegistrationState',
           'Review', 'ReviewState', 'SizeClass', 'Skill', 'SkillLevel', 'StaffKind', 'StaffRole', 'StaffingNeed',
           'SupportNeed', 'TargetGroup', 'User']
