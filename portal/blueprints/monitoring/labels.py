"""How the outcome figures read on the page and in the CSV, in the reader's language.

Decline reasons and target groups are the shared tables of portal/core/labels.py, the same the
proposals and caseload areas show.
"""

from flask_babel import lazy_gettext as _l

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

NO_TARGET_GROUP = _l('No target group recorded')
NO_ACCOUNTMANAGER = _l('No account manager')
UNKNOWN = _l('Unknown')
