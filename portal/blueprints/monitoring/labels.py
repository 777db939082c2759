"""How the outcome figures read on the page and in the CSV, in the reader's language.

Decline reasons and target groups use the same English texts as the proposals and caseload
areas, so one translation serves all three.
"""

from flask_babel import lazy_gettext as _l

from portal.models.caseload import TargetGroup
from portal.models.matching import DeclineReason

STEP_LABELS = {
    'sent': _l('Sent to the employer'),
    'interested': _l('Employer interested'),
    'introduced': _l('Introduced'),
    'intake': _l('Intake'),
    'trial': _l('Trial placement'),
    'hired': _l('Hired'),
}

EMPLOYED_LABELS = {
    3: _l('Still employed after 3 months'),
    6: _l('Still employed after 6 months'),
    12: _l('Still employed after 12 months'),
}

DECLINE_LABELS = {
    DeclineReason.SKILLS: _l('The skills do not fit the work'),
    DeclineReason.HOURS: _l('The hours do not fit'),
    DeclineReason.LOCATION: _l('The distance to the work is too great'),
    DeclineReason.POSITION_FILLED: _l('The position has been filled'),
    DeclineReason.NO_CAPACITY_TO_GUIDE: _l('We cannot give the guidance needed right now'),
    DeclineReason.OTHER: _l('Another reason'),
}

TARGET_GROUP_LABELS = {
    TargetGroup.PARTICIPATIEWET: _l('Social assistance (Participatiewet)'),
    TargetGroup.DOELGROEPREGISTER: _l('In the target-group register (banenafspraak)'),
    TargetGroup.NUGGER: _l('No benefit, registered as a job seeker (nugger)'),
}
NO_TARGET_GROUP = _l('No target group recorded')
NO_ACCOUNTMANAGER = _l('No account manager')
UNKNOWN = _l('Unknown')
