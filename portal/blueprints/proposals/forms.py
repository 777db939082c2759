"""Forms of the proposal pages: the motivation, each step's facts, the employer's answer, and the staff filter.

Several step forms can share a page, so each has its own prefix and its ids never collide.
Today's date and the choices come in through the constructor.
"""

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, Form, RadioField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from portal.blueprints.demand.forms import CheckboxesField, WholeNumberField, day_field
from portal.blueprints.organisations.fields import MAX_CHARACTERS, strip
from portal.blueprints.proposals.labels import (
    CONTRACT_LABELS,
    DECLINE_LABELS,
    END_LABELS,
    INSTRUMENT_LABELS,
    STATE_LABELS,
)
from portal.blueprints.proposals.operations import MOTIVATION_MIN
from portal.blueprints.proposals.operations_steps import TRIAL_MONTHS
from portal.core.dbtypes import add_months
from portal.core.forms import PortalForm
from portal.models.matching import DeclineReason, EndReason

YES_NO = [('yes', _l('Yes')), ('no', _l('No'))]
PHONE = re.compile(r'^\+?[0-9][0-9 ()-]{7,20}$')


def yes_no(value: str | None) -> bool | None:
    return {'yes': True, 'no': False}.get(value or '')


def _text(label, *, required_message=None, max_length=1000, rows=4, description=None) -> TextAreaField:
    # no Optional() for an optional text: it would stop the chain before a validate_<field> that may require it
    validators = [DataRequired(message=required_message)] if required_message else []
    return TextAreaField(label, filters=[strip], description=description,
                         validators=[*validators, Length(max=max_length, message=MAX_CHARACTERS)],
                         render_kw={'rows': rows, 'maxlength': max_length})


class ProposalForm(PortalForm):
    motivation = TextAreaField(
        _l('Your motivation'), filters=[strip],
        description=_l('In your own words: why this person and this work fit, and what you know that the score '
                       'does not. The employer reads it.'),
        validators=[DataRequired(message=_l('Write your motivation.')),
                    Length(min=MOTIVATION_MIN, max=5000,
                           message=_l('Use between %(min)d and %(max)d characters.'))],
        render_kw={'rows': 6, 'maxlength': 5000})


class WithdrawForm(PortalForm):
    reason = _text(_l('Why you withdraw it'), required_message=_l('Give the reason for withdrawing it.'),
                   description=_l('Kept in the proposal’s history for your colleagues.'))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix='withdraw', **kwargs)


class IntroduceForm(PortalForm):
    """The job seeker's consent to share who they are with this employer, and what is shared."""

    consent_on = day_field(_l('Day the job seeker gave consent'),
                           InputRequired(message=_l('Fill in the day the job seeker gave consent.')))
    has_consent = BooleanField(
        _l('The job seeker has given consent to share their name and contact details with this employer'),
        validators=[DataRequired(message=_l('Only introduce someone who has given consent.'))])
    name = StringField(_l('Name to share'), filters=[strip],
                       validators=[DataRequired(message=_l('Fill in the name to share.')),
                                   Length(max=120, message=MAX_CHARACTERS)],
                       render_kw={'autocomplete': 'off'})
    phone = StringField(_l('Phone number to share'), filters=[strip],
                        validators=[Length(max=30, message=MAX_CHARACTERS)],
                        render_kw={'autocomplete': 'off', 'inputmode': 'tel'})
    email = EmailField(_l('Email address to share'), filters=[strip],
                       validators=[Optional(), Length(max=254, message=MAX_CHARACTERS),
                                   Email(message=_l('Fill in a valid email address, like naam@bedrijf.nl.'))],
                       render_kw={'autocomplete': 'off', 'spellcheck': 'false'})

    def __init__(self, *args, today, **kwargs) -> None:
        super().__init__(*args, prefix='introduce', **kwargs)
        self.today = today

    def validate_consent_on(self, field) -> None:
        if field.data and field.data > self.today:
            raise ValidationError(_l('The day of consent cannot be in the future.'))

    def validate_phone(self, field) -> None:
        if field.data and not PHONE.match(field.data):
            raise ValidationError(_l('Fill in a phone number, like 06 12345678.'))
        if not field.data and not self.email.data:
            raise ValidationError(_l('Share a phone number or an email address, or both.'))


class IntakeForm(PortalForm):
    intake_on = day_field(_l('Date of the intake'), InputRequired(message=_l('Fill in the date of the intake.')))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix='intake', **kwargs)


class TrialForm(PortalForm):
    starts_on = day_field(_l('Trial placement starts on'), InputRequired(message=_l('Fill in the start.')))
    ends_on = day_field(_l('Planned end'), InputRequired(message=_l('Fill in the planned end.')),
                        description=_l('At most 6 months after the start.'))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix='trial', **kwargs)

    def validate_ends_on(self, field) -> None:
        start = self.starts_on.data
        if start is None or field.data is None:
            return
        if field.data <= start:
            raise ValidationError(_l('The planned end must come after the start.'))
        if field.data > add_months(start, TRIAL_MONTHS):
            raise ValidationError(_l('A trial placement lasts at most 6 months.'))


class HireForm(PortalForm):
    contract_type = SelectField(_l('Contract'), choices=list(CONTRACT_LABELS.items()),
                                validators=[DataRequired(message=_l('Choose the kind of contract.'))])
    hours_per_week = WholeNumberField(
        _l('Hours per week'),
        validators=[InputRequired(message=_l('Fill in the hours per week.')),
                    NumberRange(min=1, max=60, message=_l('Fill in a number of hours from 1 to 60.'))])
    starts_on = day_field(_l('First working day'), InputRequired(message=_l('Fill in the first working day.')))
    instruments = CheckboxesField(_l('Instruments used'), choices=list(INSTRUMENT_LABELS.items()))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix='hire', **kwargs)


class FollowUpForm(PortalForm):
    still_employed = RadioField(_l('Does the person still work there?'), choices=YES_NO,
                                validators=[InputRequired(message=_l('Choose yes or no.'))])
    note = _text(_l('Note'), description=_l('For your colleagues: how it goes, what is needed.'))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix='followup', **kwargs)


class EndForm(PortalForm):
    reason = SelectField(_l('Reason'), validators=[DataRequired(message=_l('Choose the reason it ended.'))])
    returned_to_benefits = RadioField(_l('Did the person return to benefits?'), choices=YES_NO,
                                      validators=[InputRequired(message=_l('Choose yes or no.'))])
    text = _text(_l('Explanation'), description=_l('Required when you choose “Another reason”.'))

    def __init__(self, *args, retained_possible: bool, **kwargs) -> None:
        super().__init__(*args, prefix='end', **kwargs)
        reasons = [reason for reason in EndReason if retained_possible or reason != EndReason.RETAINED]
        self.reason.choices = [('', _l('Choose a reason'))] + [(r.value, END_LABELS[r]) for r in reasons]

    def validate_text(self, field) -> None:
        if self.reason.data == EndReason.OTHER and not field.data:
            raise ValidationError(_l('Describe the reason in a few words.'))


class RespondForm(PortalForm):
    """The employer's answer to a proposal."""

    answer = RadioField(_l('Your answer'), choices=[('interested', _l('Yes, we would like to meet this person')),
                                                    ('declined', _l('No, thank you'))],
                        validators=[InputRequired(message=_l('Choose your answer.'))])
    reason = SelectField(_l('Why not?'), choices=[('', _l('Choose a reason'))] + list(DECLINE_LABELS.items()),
                         description=_l('Only when you answer no.'), validate_choice=False)
    text = _text(_l('Anything you want to add'),
                 description=_l('Required when you choose “Another reason”. Do not write anything about the '
                                'person’s health or private life.'))

    def validate_reason(self, field) -> None:
        if self.answer.data == 'declined' and field.data not in {reason.value for reason in DeclineReason}:
            raise ValidationError(_l('Choose the reason you decline.'))

    def validate_text(self, field) -> None:
        if self.answer.data == 'declined' and self.reason.data == DeclineReason.OTHER and not field.data:
            raise ValidationError(_l('Tell us the reason in a few words.'))


#: the staff list's filter: who and which states (query values)
SCOPES = {'mijn': _l('My proposals'), 'alle': _l('All proposals of the region')}


class StaffFilterForm(Form):
    """A GET form (nothing changes, so no CSRF token); field names are the Dutch query parameters."""

    wie = SelectField(_l('Whose'), choices=list(SCOPES.items()), default='alle', validate_choice=False)
    status = SelectField(_l('State'), default='', validate_choice=False)
    werkgever = SelectField(_l('Employer'), default='', validate_choice=False)
    behoefte = SelectField(_l('Staffing need'), default='', validate_choice=False)

    def __init__(self, *args, organisations: list[tuple[int, str]], needs: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = [('', _l('Every state'))] + [(s.value, label) for s, label in STATE_LABELS.items()]
        self.werkgever.choices = [('', _l('All employers'))] + [(str(i), name) for i, name in organisations]
        self.behoefte.choices = [('', _l('All needs'))] + [(str(i), title) for i, title in needs]

    def value(self, field) -> str:
        """The field's value when it is one of its choices, else '' (an unknown value does not filter)."""
        return field.data if field.data in {str(key) for key, _ in field.choices} else ''
