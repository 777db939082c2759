"""Forms of registrations: a job seeker to register, a reason to cancel or decline, present or absent."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.blueprints.organisations.fields import MAX_CHARACTERS
from portal.core.forms import PortalForm

REASON_MAX = 1000


def _code(value):
    return value.strip().upper() if isinstance(value, str) else value


class CandidateRegistrationForm(PortalForm):
    """Staff type the code of a job seeker of their region: an activity's page never lists job seekers."""

    candidate_code = StringField(_l('Code of the job seeker'), filters=[_code],
                                 description=_l('The code in the caseload, like KB-7H3M-Q9.'),
                                 validators=[DataRequired(message=_l('Fill in the code of the job seeker.')),
                                             Length(max=12, message=MAX_CHARACTERS)],
                                 render_kw={'autocomplete': 'off', 'spellcheck': 'false'})


class CancelRegistrationForm(PortalForm):
    reason = TextAreaField(_l('Reason'), validators=[Optional(), Length(max=REASON_MAX)],
                           description=_l('Needed when you cancel someone else’s registration: they read it.'))


class DeclineRegistrationForm(PortalForm):
    reason = TextAreaField(_l('Reason'), validators=[
        DataRequired(message=_l('Give a reason: the participant reads it.')), Length(max=REASON_MAX)])


class AttendanceForm(PortalForm):
    present = RadioField(_l('Attendance'), choices=[('1', _l('Present')), ('0', _l('Absent'))],
                         validators=[InputRequired(message=_l('Choose present or absent.'))])
