"""How caseload facts read on a page, in the reader's language: status, education, levels, support, consent.

The English texts match those of the proposals area where both show the same fact, so one
translation serves both.
"""

from flask_babel import lazy_gettext as _l

from portal.blueprints.demand.labels import DAY_PART_LABELS
from portal.models.caseload import (
    CandidateStatus,
    CefrLevel,
    ConsentScope,
    EducationLevel,
    SkillLevel,
    SupportNeed,
    TargetGroup,
)
from portal.models.matching import ProposalState

STATUS_LABELS = {
    CandidateStatus.ACTIVE: _l('Active'),
    CandidateStatus.PAUSED: _l('Paused'),
    CandidateStatus.LEFT: _l('Left the caseload'),
}

STATUS_BADGES = {
    CandidateStatus.ACTIVE: 'success',
    CandidateStatus.PAUSED: 'warning',
    CandidateStatus.LEFT: 'neutral',
}

EDUCATION_LABELS = {
    EducationLevel.PRIMARY: _l('Primary school or none'),
    EducationLevel.VMBO: _l('VMBO, practical education or entry level (mbo 1)'),
    EducationLevel.MBO2: _l('MBO level 2'),
    EducationLevel.MBO3: _l('MBO level 3'),
    EducationLevel.MBO4: _l('MBO level 4'),
    EducationLevel.HAVO_VWO: _l('HAVO or VWO'),
    EducationLevel.HBO: _l('HBO (university of applied sciences)'),
    EducationLevel.WO: _l('WO (university)'),
}

SKILL_LEVEL_LABELS = {
    SkillLevel.BASIC: _l('basic'),
    SkillLevel.GOOD: _l('good'),
    SkillLevel.EXPERT: _l('expert'),
}

CEFR_LABELS = {
    CefrLevel.A1: _l('A1: a few words'),
    CefrLevel.A2: _l('A2: simple conversations'),
    CefrLevel.B1: _l('B1: everyday Dutch at work'),
    CefrLevel.B2: _l('B2: fluent, also in writing'),
    CefrLevel.C1: _l('C1: very good'),
    CefrLevel.C2: _l('C2: excellent'),
    CefrLevel.NATIVE: _l('Native speaker'),
}

SUPPORT_LABELS = {
    SupportNeed.JOB_COACH: _l('A job coach'),
    SupportNeed.ADAPTED_WORK: _l('Adapted work'),
    SupportNeed.WAGE_SUBSIDY: _l('Wage-cost subsidy'),
    SupportNeed.PART_TIME: _l('Part-time work'),
}

TARGET_GROUP_LABELS = {
    TargetGroup.PARTICIPATIEWET: _l('Social assistance (Participatiewet)'),
    TargetGroup.DOELGROEPREGISTER: _l('In the target-group register (banenafspraak)'),
    TargetGroup.NUGGER: _l('No benefit, registered as a job seeker (nugger)'),
}

CONSENT_LABELS = {
    ConsentScope.PROPOSALS: _l('To be proposed to employers as an anonymous profile'),
    ConsentScope.ACTIVITIES: _l('To be registered for activities (job-shadowing days, workshops)'),
}

#: why someone leaves the caseload; stored in Candidate.left_reason
LEAVE_REASONS = {
    'found_work': _l('Found work'),
    'moved': _l('Moved away'),
    'benefit_ended': _l('Benefit ended'),
    'other': _l('Another reason'),
}

#: the minimum profile fields (Candidate.missing_fields) in words
MISSING_FIELD_LABELS = {
    'postcode_area': _l('postcode area'),
    'skills': _l('skills'),
    'day_parts': _l('working times'),
    'dutch': _l('level of Dutch'),
}

PROPOSAL_STATE_LABELS = {
    ProposalState.DRAFT: _l('Draft'),
    ProposalState.SENT: _l('Sent, waiting for the employer'),
    ProposalState.INTERESTED: _l('Employer interested'),
    ProposalState.DECLINED: _l('Declined by the employer'),
    ProposalState.INTRODUCED: _l('Introduced'),
    ProposalState.INTAKE: _l('Intake'),
    ProposalState.TRIAL: _l('Trial placement'),
    ProposalState.HIRED: _l('Hired'),
    ProposalState.ENDED: _l('Ended'),
    ProposalState.WITHDRAWN: _l('Withdrawn'),
}

#: how the history on a candidate's page names each audit action
ACTION_LABELS = {
    'candidate.created': _l('Added the profile'),
    'candidate.updated': _l('Changed the profile'),
    'candidate.imported': _l('Imported the profile from a file'),
    'candidate.availability_confirmed': _l('Confirmed availability'),
    'candidate.consent_recorded': _l('Recorded consent'),
    'candidate.consent_withdrawn': _l('Withdrew consent'),
    'candidate.paused': _l('Paused'),
    'candidate.reactivated': _l('Made active again'),
    'candidate.left': _l('Left the caseload'),
    'candidate.anonymised': _l('Anonymised'),
}

#: how the history names the profile fields that changed
FIELD_LABELS = {
    'municipality_id': _l('Municipality'),
    'postcode_area': _l('Postcode area'),
    'first_name': _l('First name'),
    'reference': _l('Reference'),
    'education_level': _l('Education'),
    'has_driving_licence': _l('Driving licence'),
    'hours_min': _l('Hours per week, at least'),
    'hours_max': _l('Hours per week, at most'),
    'max_travel_km': _l('Travel distance'),
    'available_from': _l('Available from'),
    'day_parts': _l('Working times'),
    'support_needs': _l('Support needed'),
    'target_groups': _l('Target groups'),
    'loonwaarde': _l('Loonwaarde'),
    'accountmanager_id': _l('Account manager'),
    'notes': _l('Notes'),
    'skills': _l('Skills'),
    'experience': _l('Work experience'),
    'languages': _l('Languages'),
}


def missing_text(names) -> str:
    """The missing minimum fields in words, as one phrase: 'skills, level of Dutch'."""
    return ', '.join(str(MISSING_FIELD_LABELS[name]) for name in names)


def template_labels() -> dict:
    return {'status_labels': STATUS_LABELS, 'status_badges': STATUS_BADGES, 'education_labels': EDUCATION_LABELS,
            'skill_level_labels': SKILL_LEVEL_LABELS, 'cefr_labels': CEFR_LABELS, 'support_labels': SUPPORT_LABELS,
            'target_group_labels': TARGET_GROUP_LABELS, 'consent_labels': CONSENT_LABELS,
            'leave_reasons': LEAVE_REASONS, 'missing_field_labels': MISSING_FIELD_LABELS,
            'proposal_state_labels': PROPOSAL_STATE_LABELS, 'day_part_labels': DAY_PART_LABELS,
            'action_labels': ACTION_LABELS, 'field_labels': FIELD_LABELS,
            'missing_text': missing_text}
