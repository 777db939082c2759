"""Forms of the buddy pages: the buddy's offer, meeting and feedback; staff's pairing, identity and stop forms.

Dumb forms: fields and field checks only. Whether a job seeker may be paired, and whether the
buddy has room, is decided by the operations, whose refusals the views show with the form.
"""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, RadioField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from portal.blueprints.buddies.labels import NEXT_STEP_LABELS
from portal.blueprints.buddies.operations import MAX_CAPACITY, MIN_CAPACITY
from portal.blueprints.buddies.operations_staff import MAX_MONTHS
from portal.blueprints.demand.forms import CheckboxesField, WholeNumberField, day_field
from portal.blueprints.organisations.fields import MAX_CHARACTERS, strip
from portal.core.forms import PortalForm
from portal.core.sbi import SECTIONS
from portal.models.buddies import NextStep

#: what staff and the buddy agree to; shown on the sign-up form and the pairing form
AGREEMENT = _l('A buddy pairing is one orientation talk between an entrepreneur and a job seeker: to get to know '
               'the work and the sector, ask questions and think about a next step. It is not a job interview and '
               'there is no job guarantee. The job seeker stays anonymous (a code) until they agree to share their '
               'name.')


class OfferForm(PortalForm):
    capacity = WholeNumberField(_l('How many job seekers at the same time'), default=1,
                                validators=[InputRequired(message=_l('Fill in how many pairings at the same time.')),
                                            NumberRange(min=MIN_CAPACITY, max=MAX_CAPACITY,
                                                        message=_l('Fill in a number from 1 to 10.'))])
    sectors = CheckboxesField(_l('Sectors you can tell about'),
                              choices=[(letter, section.label) for letter, section in SECTIONS.items()],
                              validators=[DataRequired(message=_l('Choose at least one sector.'))])
    availability = StringField(_l('When you are available'), filters=[strip],
                               description=_l('For example “Tuesday and Thursday afternoons, not in July”.'),
                               validators=[DataRequired(message=_l('Say when you are available.')),
                                           Length(max=500, message=MAX_CHARACTERS)])
    note = TextAreaField(_l('A short note for the municipality'), filters=[strip],
                         description=_l('What you would like to show or tell a job seeker, or anything to take into '
                                        'account.'),
                         validators=[Optional(), Length(max=1000, message=MAX_CHARACTERS)])
    agreed = BooleanField(_l('I understand that a pairing is an orientation talk without a job guarantee.'),
                          validators=[DataRequired(message=_l('Agree to this to sign up as a buddy.'))])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sectors.invalid_choice_message = _l('Choose from the list.')


class MeetingForm(PortalForm):
    met_on = day_field(_l('The day you met'), InputRequired(message=_l('Fill in the day you met.')))

    def __init__(self, *args, today, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_met_on(self, field) -> None:
        if field.data is not None and field.data > self.today:
            raise ValidationError(_l('The day you met cannot be in the future.'))


class FeedbackForm(PortalForm):
    strengths = TextAreaField(_l('What went well: the job seeker’s strengths'), filters=[strip],
                              validators=[DataRequired(message=_l('Write what went well.')),
                                          Length(max=5000, message=MAX_CHARACTERS)])
    to_work_on = TextAreaField(_l('What to work on'), filters=[strip],
                               validators=[DataRequired(message=_l('Write what the job seeker could work on.')),
                                           Length(max=5000, message=MAX_CHARACTERS)])
    next_step = RadioField(_l('A suggested next step'), choices=[(s.value, NEXT_STEP_LABELS[s]) for s in NextStep],
                           validators=[InputRequired(message=_l('Choose a next step.'))])
    next_step_note = TextAreaField(_l('About the next step'), filters=[strip],
                                   description=_l('For example which company or which kind of work.'),
                                   validators=[Optional(), Length(max=1000, message=MAX_CHARACTERS)])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.next_step.invalid_choice_message = _l('Choose one of the options.')


def _code(value):
    return value.strip().upper() if isinstance(value, str) else value


class PairForm(PortalForm):
    candidate_code = StringField(_l('Code of the job seeker'), filters=[_code],
                                 description=_l('The code in the caseload, like KB-7H3M-Q9.'),
                                 validators=[DataRequired(message=_l('Fill in the code of the job seeker.')),
                                             Length(max=12, message=MAX_CHARACTERS)],
                                 render_kw={'autocomplete': 'off', 'spellcheck': 'false'})
    meeting_on = day_field(_l('Day of the meeting'), InputRequired(message=_l('Fill in the day of the meeting.')))
    meeting_time = TimeField(_l('Time of the meeting'), format=['%H:%M', '%H.%M'],
                             invalid_value_message=_l('Fill in a time, like 14:30.'),
                             validators=[InputRequired(message=_l('Fill in the time of the meeting, like 14:30.'))])
    meeting_place = StringField(_l('Place of the meeting'), filters=[strip],
                                description=_l('A neutral place or the company, with the address.'),
                                validators=[DataRequired(message=_l('Fill in where they meet.')),
                                            Length(max=255, message=MAX_CHARACTERS)])
    ends_on = day_field(_l('The pairing ends on'), InputRequired(message=_l('Fill in when the pairing ends.')),
                        description=_l('Usually two months from now.'))
    agreed = BooleanField(_l('The job seeker knows this is an orientation talk without a job guarantee, and agrees '
                             'to it.'),
                          validators=[DataRequired(message=_l('Confirm the agreement with the job seeker.'))])

    def __init__(self, *args, today, latest_end, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today, self.latest_end = today, latest_end

    def validate_meeting_on(self, field) -> None:
        if field.data is not None and field.data < self.today:
            raise ValidationError(_l('The meeting must be in the future.'))

    def validate_ends_on(self, field) -> None:
        if field.data is None:
            return
        if self.meeting_on.data is not None and field.data < self.meeting_on.data:
            raise ValidationError(_l('The pairing must end on or after the day of the meeting.'))
        if field.data > self.latest_end:
            raise ValidationError(_l('A pairing lasts at most %(months)d months.', months=MAX_MONTHS))


class IdentityForm(PortalForm):
    has_consent = BooleanField(_l('The job seeker agrees to share their name and contact with the buddy'),
                               validators=[DataRequired(message=_l('Record that the job seeker agrees.'))])
    consent_on = day_field(_l('Day of consent'), InputRequired(message=_l('Fill in the day of consent.')))
    name = StringField(_l('Name to share'), filters=[strip],
                       validators=[DataRequired(message=_l('Fill in the name to share.')),
                                   Length(max=120, message=MAX_CHARACTERS)])
    phone = StringField(_l('Phone number to share'), filters=[strip],
                        validators=[Optional(), Length(max=30, message=MAX_CHARACTERS)],
                        render_kw={'autocomplete': 'off', 'inputmode': 'tel'})
    email = EmailField(_l('Email address to share'), filters=[strip],
                       validators=[Optional(),
                                   Email(message=_l('Fill in a valid email address, like naam@bedrijf.nl.')),
                                   Length(max=254, message=MAX_CHARACTERS)],
                       render_kw={'autocomplete': 'off', 'spellcheck': 'false'})

    def __init__(self, *args, today, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def validate_consent_on(self, field) -> None:
        if field.data is not None and field.data > self.today:
            raise ValidationError(_l('The day of consent cannot be in the future.'))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # both fields are optional on their own, so their validators stop before a check across the two
        if not self.phone.data and not self.email.data and not self.email.errors:
            self.email.errors.append(_l('Share a phone number or an email address.'))
            return False
        return valid


class StopForm(PortalForm):
    reason = TextAreaField(_l('Why the pairing stops'), filters=[strip],
                           description=_l('The buddy reads this in a mail. Do not write personal details of the job '
                                          'seeker.'),
                           validators=[DataRequired(message=_l('Say why the pairing stops.')),
                                       Length(max=1000, message=MAX_CHARACTERS)])
