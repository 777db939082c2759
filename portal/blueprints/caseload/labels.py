"""How caseload facts read on a page, in the reader's language: status, education, levels, support, consent.

The tables the proposals, matching and monitoring areas show too (education, levels, support,
target groups, missing fields, proposal states) come from portal/core/labels.py.
"""

from flask_babel import lazy_gettext as _l

from portal.blueprints.demand.labels import DAY_PART_LABELS
from portal.core.labels import (
    CEFR_LABELS,
    EDUCATION_LABELS,
    MISSING_FIELD_LABELS,
    PROPOSAL_STATE_LABELS,
    SKILL_LEVEL_LABELS,
    SUPPORT_LABELS,
    TARGET_GROUP_LABELS,
    missing_text,
)
from portal.models.caseload import CandidateStatus, ConsentScope

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


def template_labels() -> dict:
    return {'status_labels': STATUS_LABELS, 'status_badges': STATUS_BADGES, 'education_labels': EDUCATION_LABELS,
            'skill_level_labels': SKILL_LEVEL_LABELS, 'cefr_labels': CEFR_LABELS, 'support_labels': SUPPORT_LABELS,
            'target_group_labels': TARGET_GROUP_LABELS, 'consent_labels': CONSENT_LABELS,
            'leave_reasons': LEAVE_REASONS, 'missing_field_labels': MISSING_FIELD_LABELS,
            'proposal_state_labels': PROPOSAL_STATE_LABELS, 'day_part_labels': DAY_PART_LABELS,
            'action_labels': ACTION_LABELS, 'field_labels': FIELD_LABELS,
            'missing_text': missing_text}
