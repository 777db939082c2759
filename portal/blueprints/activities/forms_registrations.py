"""Forms of registrations: a job seeker to register, a reason to cancel or decline, present or absent."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.core.forms import PortalForm

REASON_MAX = 1000


class CandidateRegistrationForm(PortalForm):
    """Staff choose a job seeker of their region who consented to activities (shown by code)."""

    candidate_id = SelectField(_l('Job seeker'), coerce=int,
                               validators=[InputRequired(message=_l('Choose a job seeker.'))],
                               description=_l('Only job seekers who are active and consented to activities.'))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate_id.choices = [(c.id, c.code) for c in candidates]


class CancelRegistrationForm(PortalForm):
    reason = TextAreaField(_l('Reason'), validators=[Optional(), Length(max=REASON_MAX)],
                           description=_l('Needed when you cancel someone else’s registration: they read it.'))


class DeclineRegistrationForm(PortalForm):
    reason = TextAreaField(_l('Reason'), validators=[
        DataRequired(message=_l('Give a reason: the participant reads it.')), Length(max=REASON_MAX)])


class AttendanceForm(PortalForm):
    present = RadioField(_l('Attendance'), choices=[('1', _l('Present')), ('0', _l('Absent'))],
                         validators=[InputRequired(message=_l('Choose present or absent.'))])
