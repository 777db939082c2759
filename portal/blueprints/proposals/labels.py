"""How proposal facts read on a page and in mail, in the reader's language.

The card an employer sees is stored as codes (states, levels, bands), so a Dutch and an
English reader each read it in their own language; these tables put the codes into words.
"""

from flask_babel import lazy_gettext as _l

from portal.blueprints.demand.labels import CONTRACT_LABELS, DAY_PART_LABELS, OPENNESS_LABELS
from portal.matching import rules
from portal.models.caseload import CefrLevel, EducationLevel, SkillLevel, SupportNeed
from portal.models.matching import DeclineReason, EndReason, Instrument, ProposalState

S = ProposalState

STATE_LABELS = {
    S.DRAFT: _l('Draft'),
    S.SENT: _l('Sent, waiting for the employer'),
    S.INTERESTED: _l('Employer interested'),
    S.DECLINED: _l('Declined by the employer'),
    S.INTRODUCED: _l('Introduced'),
    S.INTAKE: _l('Intake'),
    S.TRIAL: _l('Trial placement'),
    S.HIRED: _l('Hired'),
    S.ENDED: _l('Ended'),
    S.WITHDRAWN: _l('Withdrawn'),
}

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

DECLINE_LABELS = {
    DeclineReason.SKILLS: _l('The skills do not fit the work'),
    DeclineReason.HOURS: _l('The hours do not fit'),
    DeclineReason.LOCATION: _l('The distance to the work is too great'),
    DeclineReason.POSITION_FILLED: _l('The position has been filled'),
    DeclineReason.NO_CAPACITY_TO_GUIDE: _l('We cannot give the guidance needed right now'),
    DeclineReason.OTHER: _l('Another reason'),
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

SKILL_LEVEL_LABELS = {
    SkillLevel.BASIC: _l('basic'),
    SkillLevel.GOOD: _l('good'),
    SkillLevel.EXPERT: _l('expert'),
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

DUTCH_LABELS = {
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

#: why a profile is not in the matching pool, in words
MISSING_FIELD_LABELS = {
    'postcode_area': _l('postcode area'),
    'skills': _l('skills'),
    'day_parts': _l('working times'),
    'dutch': _l('level of Dutch'),
}


def template_labels() -> dict:
    return {'state_labels': STATE_LABELS, 'employer_state_labels': EMPLOYER_STATE_LABELS,
            'state_badges': STATE_BADGES, 'decline_labels': DECLINE_LABELS, 'end_labels': END_LABELS,
            'instrument_labels': INSTRUMENT_LABELS, 'skill_level_labels': SKILL_LEVEL_LABELS,
            'education_labels': EDUCATION_LABELS, 'dutch_labels': DUTCH_LABELS, 'support_labels': SUPPORT_LABELS,
            'travel_bands': TRAVEL_BANDS, 'contract_labels': CONTRACT_LABELS,
            'day_part_labels': DAY_PART_LABELS, 'openness_labels': OPENNESS_LABELS}
