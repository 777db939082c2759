"""How proposal facts read on a page and in mail, in the reader's language.

The card an employer sees is stored as codes (states, levels, bands), so a Dutch and an
English reader each read it in their own language; these tables put the codes into words.
"""

from flask_babel import lazy_gettext as _l

from portal.blueprints.demand.labels import CONTRACT_LABELS, DAY_PART_LABELS, OPENNESS_LABELS
from portal.core.labels import (
    CEFR_LABELS,
    DECLINE_LABELS,
    EDUCATION_LABELS,
    PROPOSAL_STATE_LABELS,
    SKILL_LEVEL_LABELS,
    SUPPORT_LABELS,
)
from portal.core.labels import MISSING_FIELD_LABELS as MISSING_FIELD_LABELS  # checks.py reads it here
from portal.matching import rules
from portal.models.matching import EndReason, Instrument, ProposalState

S = ProposalState
#: the tables other areas show too are the shared ones of portal/core/labels.py
STATE_LABELS = PROPOSAL_STATE_LABELS
DUTCH_LABELS = CEFR_LABELS

#: what the employer reads for each state (their side of the story)
EMPLOYER_STATE_LABELS = {
    **STATE_LABELS,
    S.SENT: _l('Waiting for your answer'),
    S.INTERESTED: _l('You are interested'),
    S.DECLINED: _l('You declined'),
    S.WITHDRAWN: _l('Withdrawn by the municipality'),
}

STATE_BADGES = {
    S.DRAFT: 'neutral', S.SENT: 'warning', S.INTERESTED: 'success', S.DECLINED: 'danger',
    S.INTRODUCED: 'success', S.INTAKE: 'success', S.TRIAL: 'success', S.HIRED: 'success',
    S.ENDED: 'neutral', S.WITHDRAWN: 'neutral',
}

END_LABELS = {
    EndReason.RETAINED: _l('Still employed after 12 months'),
    EndReason.INTRODUCTION_NOT_CONTINUED: _l('The introduction did not lead further'),
    EndReason.TRIAL_NOT_CONTINUED: _l('The trial placement did not lead to a job'),
    EndReason.CONTRACT_NOT_EXTENDED: _l('The contract was not extended'),
    EndReason.DISMISSED: _l('Dismissed'),
    EndReason.RESIGNED: _l('Resigned'),
    EndReason.CANDIDATE_WITHDREW: _l('The job seeker withdrew'),
    EndReason.OTHER: _l('Another reason'),
}

INSTRUMENT_LABELS = {
    Instrument.WAGE_SUBSIDY: _l('Wage-cost subsidy (loonkostensubsidie)'),
    Instrument.JOB_COACH: _l('A job coach'),
    Instrument.NO_RISK_POLICY: _l('No-risk policy (no-riskpolis)'),
}

#: how far the person lives from the work, never where
TRAVEL_BANDS = {
    'within_10': _l('within 10 km'),
    '10_25': _l('10–25 km'),
    'over_25': _l('further than 25 km'),
    'unknown': _l('not known'),
}

#: a hard condition that rules a pair out, in words
EXCLUSION_LABELS = {
    rules.NO_CONSENT: _l('The job seeker has not consented to being proposed to employers.'),
    rules.HOURS: _l('The hours the job seeker can work do not fit the hours of the work.'),
    rules.DISTANCE: _l('The work is further away than the job seeker can travel.'),
    rules.DAY_PARTS: _l('The job seeker cannot work at the times of day the work asks for.'),
    rules.AVAILABILITY: _l('The job seeker is available only after the need ends.'),
    rules.SUPPORT: _l('The job seeker needs support the employer does not offer.'),
}


def template_labels() -> dict:
    return {'state_labels': STATE_LABELS, 'employer_state_labels': EMPLOYER_STATE_LABELS,
            'state_badges': STATE_BADGES, 'decline_labels': DECLINE_LABELS, 'end_labels': END_LABELS,
            'instrument_labels': INSTRUMENT_LABELS, 'skill_level_labels': SKILL_LEVEL_LABELS,
            'education_labels': EDUCATION_LABELS, 'dutch_labels': DUTCH_LABELS, 'support_labels': SUPPORT_LABELS,
            'travel_bands': TRAVEL_BANDS, 'contract_labels': CONTRACT_LABELS,
            'day_part_labels': DAY_PART_LABELS, 'openness_labels': OPENNESS_LABELS}
