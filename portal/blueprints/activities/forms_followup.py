"""Forms after a date: the host's feedback on a job seeker (general, or the practice interview's competence form),
an attendee's rating, and staff's mail to the attendees or the no-shows."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.blueprints.activities.followup import COMPETENCE_KEYS
from portal.blueprints.activities.labels import (
    COMPETENCES,
    GENERAL_QUESTIONS,
    NEXT_STEP_LABELS,
    RATING_LABELS,
    SCORE_LABELS,
)
from portal.blueprints.organisations.fields import MAX_CHARACTERS, strip
from portal.core.forms import PortalForm
from portal.models.buddies import NextStep

TEXT_MAX = 2000


def _text(label, description=None) -> TextAreaField:
    return TextAreaField(label, filters=[strip], description=description, render_kw={'rows': 4},
                         validators=[Optional(), Length(max=TEXT_MAX, message=MAX_CHARACTERS)])


def _score(label) -> RadioField:
    return RadioField(label, coerce=int, choices=list(SCORE_LABELS.items()),
                      validators=[InputRequired(message=_l('Choose a score from 1 to 5.'))])


class GeneralFeedbackForm(PortalForm):
    how_it_went = _text(GENERAL_QUESTIONS['how_it_went'])
    strengths = _text(GENERAL_QUESTIONS['strengths'], _l('What this person did well.'))
    points_to_work_on = _text(GENERAL_QUESTIONS['points_to_work_on'],
                              _l('Concrete and kind: the accountmanager discusses them with the job seeker.'))
    next_step = RadioField(_l('A suggested next step'), choices=[(s.value, NEXT_STEP_LABELS[s]) for s in NextStep],
                           validators=[InputRequired(message=_l('Choose a suggested next step.'))])

    def answers(self) -> dict:
        return {'how_it_went': self.how_it_went.data, 'strengths': self.strengths.data,
                'points_to_work_on': self.points_to_work_on.data, 'next_step': self.next_step.data}


class InterviewFeedbackForm(PortalForm):
    """The practice interview's competence form."""

    preparation = _score(COMPETENCES['preparation'])
    presentation = _score(COMPETENCES['presentation'])
    motivation = _score(COMPETENCES['motivation'])
    questions_asked = _score(COMPETENCES['questions_asked'])
    points_to_work_on = _text(GENERAL_QUESTIONS['points_to_work_on'],
                              _l('Concrete and kind: the accountmanager discusses them with the job seeker.'))
    would_invite = RadioField(_l('Would you invite this person for a real job interview?'),
                              choices=[('yes', _l('Yes')), ('no', _l('No'))],
                              validators=[InputRequired(message=_l('Choose yes or no.'))])

    def answers(self) -> dict:
        answers = {key: getattr(self, key).data for key in COMPETENCE_KEYS}
        answers['points_to_work_on'] = self.points_to_work_on.data
        answers['would_invite'] = self.would_invite.data == 'yes'
        return answers


def feedback_form_data(answers: dict, practice_interview: bool) -> dict:
    """Stored answers as the form shows them again."""
    data = dict(answers or {})
    if practice_interview and 'would_invite' in data:
        data['would_invite'] = 'yes' if data['would_invite'] else 'no'
    return data


class RatingForm(PortalForm):
    rating = RadioField(_l('Your rating'), coerce=int, choices=list(RATING_LABELS.items()),
                        validators=[InputRequired(message=_l('Choose a rating from 1 to 5.'))])
    comment = TextAreaField(_l('Comment'), filters=[strip], render_kw={'rows': 3},
                            validators=[Optional(), Length(max=TEXT_MAX, message=MAX_CHARACTERS)],
                            description=_l('The host and the municipality read it.'))


class MailParticipantsForm(PortalForm):
    group = RadioField(_l('To'), choices=[('attended', _l('Everyone who attended')),
                                          ('no_show', _l('Everyone who did not come'))],
                       validators=[InputRequired(message=_l('Choose whom to mail.'))])
    subject = StringField(_l('Subject'), filters=[strip], validators=[
        DataRequired(message=_l('Fill in a subject.')), Length(max=150, message=MAX_CHARACTERS)])
    message = TextAreaField(_l('Message'), filters=[strip], render_kw={'rows': 8}, validators=[
        DataRequired(message=_l('Write a message.')), Length(max=5000, message=MAX_CHARACTERS)])
