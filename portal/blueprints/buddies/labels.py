"""How buddy facts read on a page and in mail: pairing states, next steps and sectors, in the reader's language."""

from flask_babel import lazy_gettext as _l

from portal.core.sbi import SECTIONS
from portal.models.buddies import NextStep, PairingState

STATE_LABELS = {
    PairingState.PLANNED: _l('Planned'),
    PairingState.MET: _l('Met'),
    PairingState.CLOSED: _l('Closed'),
    PairingState.STOPPED: _l('Stopped'),
}

#: the Utrecht status badge modifier per state
STATE_BADGES = {
    PairingState.PLANNED: 'warning',
    PairingState.MET: 'success',
    PairingState.CLOSED: 'neutral',
    PairingState.STOPPED: 'danger',
}

NEXT_STEP_LABELS = {
    NextStep.JOB_SHADOWING: _l('A job-shadowing day (meeloopdag)'),
    NextStep.WORKSHOP: _l('A workshop'),
    NextStep.PRACTICE_INTERVIEW: _l('A practice job interview'),
    NextStep.TRAINING: _l('A course or training'),
    NextStep.APPLY: _l('Apply for a job'),
    NextStep.NONE: _l('No next step yet'),
}


def sector_labels(letters) -> list[str]:
    """The SBI sections' names, in the order of the classification."""
    return [str(SECTIONS[letter].label) for letter in sorted(letters or []) if letter in SECTIONS]


def template_labels() -> dict:
    return {'pairing_state_labels': STATE_LABELS, 'pairing_state_badges': STATE_BADGES,
            'next_step_labels': NEXT_STEP_LABELS, 'sector_labels': sector_labels}
