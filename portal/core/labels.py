"""Label tables that the caseload, matching, proposals and monitoring areas all show: one English text per code,
so one translation serves every page and mail that names the same fact.

Tables only one area uses stay in that area's labels module.
"""

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l

from portal.models.caseload import CefrLevel, EducationLevel, SkillLevel, SupportNeed, TargetGroup
from portal.models.matching import DeclineReason, ProposalState

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

#: language levels; for Dutch the proposals area calls the same table DUTCH_LABELS
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

#: the minimum profile fields (`Candidate.missing_fields()`): why a profile is not in the matching pool
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

DECLINE_LABELS = {
    DeclineReason.SKILLS: _l('The skills do not fit the work'),
    DeclineReason.HOURS: _l('The hours do not fit'),
    DeclineReason.LOCATION: _l('The distance to the work is too great'),
    DeclineReason.POSITION_FILLED: _l('The position has been filled'),
    DeclineReason.NO_CAPACITY_TO_GUIDE: _l('We cannot give the guidance needed right now'),
    DeclineReason.OTHER: _l('Another reason'),
}


def missing_text(names: Iterable[str]) -> str:
    """The missing minimum fields in words, as one phrase: 'skills, level of Dutch'."""
    return ', '.join(str(MISSING_FIELD_LABELS[name]) for name in names)
