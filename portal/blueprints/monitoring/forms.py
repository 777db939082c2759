"""The period above the outcomes, and the subsidy calculator: GET forms, so no CSRF token."""

from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, ValidationError
from wtforms.validators import InputRequired, NumberRange, StopValidation

from portal.blueprints.monitoring.outcomes import Period
from portal.core.dbtypes import today as dutch_today
from portal.core.forms import PortalForm
from portal.matching.subsidy import MINIMUM_WAGE_PER_HOUR

THIS_YEAR = 'dit-jaar'


class PeriodForm(PortalForm):
    """Which proposals count: by the day they were sent to the employer, one calendar year at a time.

    The periods never overlap (this year so far, then each earlier year), so no figure hidden as
    too small in one period can be worked out by subtracting one period's figure from another's.
    """

    class Meta:
        csrf = False

    periode = SelectField(_l('Proposals sent in'), default=THIS_YEAR, validate_choice=False)

    def __init__(self, *args, years: list[int], today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.periode.choices = [(THIS_YEAR, _l('This year so far (%(year)s)', year=today.year)),
                                *((str(year), str(year)) for year in sorted(years, reverse=True)
                                  if year < today.year)]

    def validate_periode(self, field) -> None:
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l('Choose a period from the list.'))

    def period(self) -> Period:
        """The chosen period; this year when the choice is not valid (and the list then says so)."""
        if self.periode.errors:
            self.periode.data = THIS_YEAR
        value = self.periode.data
        if value != THIS_YEAR and value.isdigit():
            return Period.year(int(value))
        return Period.this_year(self.today)


class _WholeNumberField(IntegerField):
    """A number input whose parse error says what to fill in (WTForms' own message is terse and English)."""

    def __init__(self, *args, invalid_message, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid_message

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist and valuelist[0] else ''
        if not text:
            self.data = None
            return
        try:
            self.data = int(text)
        except ValueError:
            self.data = None
            raise ValueError(str(self.invalid_message)) from None

    def pre_validate(self, form) -> None:
        if self.process_errors:  # one message is enough: the range check would repeat it
            raise StopValidation()


class _MarkedRequired:
    """Marks a field as required (the label shows no "optional") where a parse error already covers empty input,
    and a missing parameter takes the field's default."""

    field_flags = {'required': True}

    def __call__(self, form, field) -> None:
        pass


PERCENT_MESSAGE = _l('Fill in the loonwaarde as a whole percentage from 0 to 100, like 50.')
HOURS_MESSAGE = _l('Fill in a whole number of hours per week from 1 to 60, like 32.')


class SubsidyForm(PortalForm):
    """Loonwaarde, hours and the first day of work: what the indicative calculation needs."""

    class Meta:
        csrf = False

    loonwaarde = _WholeNumberField(
        _l('Loonwaarde (%)'), invalid_message=PERCENT_MESSAGE,
        validators=[InputRequired(message=PERCENT_MESSAGE), NumberRange(min=0, max=100, message=PERCENT_MESSAGE)],
        description=_l('The share of the normal output for the job the person delivers, in whole percent. '
                       'The municipality measures it on the workplace.'),
        render_kw={'inputmode': 'numeric', 'min': 0, 'max': 100})
    uren = _WholeNumberField(
        _l('Hours per week'), default=36, invalid_message=HOURS_MESSAGE,
        validators=[InputRequired(message=HOURS_MESSAGE), NumberRange(min=1, max=60, message=HOURS_MESSAGE)],
        render_kw={'inputmode': 'numeric', 'min': 1, 'max': 60})
    startdatum = DateField(_l('First day of work'), format=['%Y-%m-%d', '%d-%m-%Y'], default=dutch_today,
                           invalid_value_message=_l('Fill in a date, like 22-11-2026.'),
                           validators=[_MarkedRequired()], description=_l('The amounts in force on this day are used.'))

    def validate_startdatum(self, field) -> None:
        first = MINIMUM_WAGE_PER_HOUR[0][0]
        if field.data is not None and field.data < first:
            raise ValidationError(_('The calculator knows the minimum wage from %(date)s: choose that day or later.',
                                    date=format_date(first, 'long')))
