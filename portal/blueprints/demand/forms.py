"""Forms of the employer's demand pages: a staffing need, and the small pieces both posting forms share.

Forms are dumb: fields, validators and cross-field checks; choices and today's date come in
through the constructor. The innovation plan form is in forms_plan.py.
"""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.blueprints.demand.labels import (
    CONTRACT_LABELS,
    DAY_PART_LABELS,
    HORIZON_LABELS,
    LANGUAGE_LABELS,
    OPENNESS_LABELS,
)
from portal.blueprints.organisations.fields import MAX_CHARACTERS, optional_int, strip
from portal.blueprints.taxonomy.fields import OccupationField, SkillsField
from portal.core import identifiers
from portal.core.forms import PortalForm
from portal.models.demand import ContractType, DayPart, Horizon, LanguageLevel

CHOOSE_ONE = _l('Choose one of the options.')


class WholeNumberField(IntegerField):
    """A number input whose parse error speaks the portal's language (WTForms' own is terse)."""

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist and valuelist[0] else ''
        if not text:
            self.data = None
            return
        try:
            self.data = int(text)
        except ValueError:
            self.data = None
            raise ValueError(_('Fill in a whole number, like 3.')) from None


def day_field(label, *validators, **kwargs) -> DateField:
    """A date; the browser's date picker sends 2026-11-22, and 22-11-2026 typed by hand is understood too."""
    return DateField(label, validators=list(validators), format=['%Y-%m-%d', '%d-%m-%Y'],
                     invalid_value_message=_l('Fill in a date, like 22-11-2026.'), **kwargs)


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (templates render them in a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def horizon_field(label, description=None) -> RadioField:
    return RadioField(label, choices=[(h.value, HORIZON_LABELS[h]) for h in Horizon], description=description,
                      validators=[InputRequired(message=_l('Choose when.'))])


def _postcode_or_refuse(form, field) -> None:
    normalised = identifiers.normalise_postcode(field.data)
    if normalised is None:
        raise ValidationError(_l('Fill in a Dutch postcode, like 7772 AB.'))
    field.data = normalised


class SaveButtonsMixin:
    """Save as a draft, or save and send to the municipality for approval."""

    save_and_submit = SubmitField(_l('Save and submit for approval'))
    save_draft = SubmitField(_l('Save as draft'))

    @property
    def wants_submit(self) -> bool:
        return bool(self.save_and_submit.data)


class NeedForm(SaveButtonsMixin, PortalForm):
    """A staffing need (personeelsbehoefte); `today` and `latest_end` bound the dates."""

    title = StringField(_l('Title'), filters=[strip],
                        validators=[DataRequired(message=_l('Fill in a title.')),
                                    Length(max=160, message=MAX_CHARACTERS)],
                        description=_l('A short name for the work, like “Orderpicker in the evening shift”.'))
    occupation_id = OccupationField(_l('Occupation'), validators=[DataRequired(message=_l('Choose an occupation.'))])
    required_skill_ids = SkillsField(_l('Skills people must have'), validators=[Optional()])
    wished_skill_ids = SkillsField(_l('Skills that are nice to have'), validators=[Optional()],
                                   description=_l('A skill can be either required or nice to have, not both.'))
    positions = WholeNumberField(_l('Number of people'), default=1,
                                 validators=[InputRequired(message=_l('Fill in how many people you need.')),
                                             NumberRange(min=1, max=999,
                                                         message=_l('Fill in a number from 1 to 999.'))])
    hours_min = WholeNumberField(_l('Hours per week, at least'),
                                 validators=[InputRequired(message=_l('Fill in the fewest hours per week.')),
                                             NumberRange(min=1, max=60,
                                                         message=_l('Fill in a number of hours from 1 to 60.'))])
    hours_max = WholeNumberField(_l('Hours per week, at most'),
                                 validators=[InputRequired(message=_l('Fill in the most hours per week.')),
                                             NumberRange(min=1, max=60,
                                                         message=_l('Fill in a number of hours from 1 to 60.'))])
    contract_type = SelectField(_l('Contract'), validators=[DataRequired(message=_l('Choose a kind of contract.'))])
    municipality_id = SelectField(_l('Municipality where the work is'), coerce=optional_int,
                                  validators=[DataRequired(message=_l('Choose the municipality.'))])
    postcode = StringField(_l('Postcode where the work is'), filters=[strip],
                           validators=[Optional(), _postcode_or_refuse],
                           description=_l('Only if it differs from your visiting address, like 7772 AB.'),
                           render_kw={'autocomplete': 'postal-code'})
    day_parts = CheckboxesField(_l('When the work is done'), choices=[(d.value, DAY_PART_LABELS[d]) for d in DayPart],
                                validators=[Optional()])
    language_level = RadioField(_l('Dutch needed for the work'), default=LanguageLevel.B1.value,
                                choices=[(level.value, LANGUAGE_LABELS[level]) for level in LanguageLevel],
                                validators=[InputRequired(message=_l('Choose how much Dutch is needed.'))])
    horizon = horizon_field(_l('When you need them'))
    start_on = day_field(_l('Start date'), Optional(),
                         description=_l('Only if you know it already.'))
    open_to_wage_subsidy = BooleanField(OPENNESS_LABELS['open_to_wage_subsidy'])
    open_to_job_coach = BooleanField(OPENNESS_LABELS['open_to_job_coach'])
    open_to_trial_placement = BooleanField(OPENNESS_LABELS['open_to_trial_placement'])
    open_to_learn_work = BooleanField(OPENNESS_LABELS['open_to_learn_work'])
    open_to_part_time = BooleanField(OPENNESS_LABELS['open_to_part_time'])
    open_to_adapted_work = BooleanField(OPENNESS_LABELS['open_to_adapted_work'])
    ends_on = day_field(_l('Show it until'), InputRequired(message=_l('Fill in until when it is shown.')),
                        description=_l('At most a year ahead. We remind you two weeks before, and you can renew it '
                                       'with one click.'))
    description = TextAreaField(_l('Description'), filters=[strip],
                                validators=[Optional(), Length(max=5000, message=MAX_CHARACTERS)],
                                description=_l('The work, the team, what someone learns, and what makes it a good '
                                               'place to start.'))

    openness_fields = tuple(OPENNESS_LABELS)

    def __init__(self, *args, municipalities=(), today: date, latest_end: date, saved_start_on: date | None = None,
                 **kwargs):
        """`municipalities`: every municipality with its region loaded; they are grouped by region.
        `saved_start_on`: the start date saved before, which may have passed since and stays acceptable."""
        super().__init__(*args, **kwargs)
        self.today = today
        self.latest_end = latest_end
        self.saved_start_on = saved_start_on
        self.contract_type.choices = [('', _('Choose a contract'))] + [
            (c.value, CONTRACT_LABELS[c]) for c in ContractType]
        groups: dict[str | None, list] = {None: [('', _('Choose a municipality'))]}
        for municipality in sorted(municipalities, key=lambda m: (m.region.name, m.name)):
            groups.setdefault(municipality.region.name, []).append((municipality.id, municipality.name))
        self.municipality_id.choices = groups
        for field in (self.contract_type, self.municipality_id, self.day_parts, self.language_level, self.horizon):
            field.invalid_choice_message = CHOOSE_ONE

    def validate_hours_max(self, field) -> None:
        if field.data is not None and self.hours_min.data is not None and self.hours_min.data > field.data:
            raise ValidationError(_l('The most hours per week cannot be fewer than the fewest.'))

    def validate_wished_skill_ids(self, field) -> None:
        if set(field.data or ()) & set(self.required_skill_ids.data or ()):
            raise ValidationError(_l('A skill cannot be both required and nice to have: choose one of the two.'))

    def validate_start_on(self, field) -> None:
        if field.data is not None and field.data < self.today and field.data != self.saved_start_on:
            raise ValidationError(_l('The start date cannot be in the past.'))

    def validate_ends_on(self, field) -> None:
        if field.data is None:
            return
        if field.data < self.today:
            raise ValidationError(_l('The end date cannot be in the past.'))
        if field.data > self.latest_end:
            raise ValidationError(_l('Choose an end date at most a year from now.'))

    def need_fields(self) -> dict:
        """What the operations take: every field but the buttons and the token."""
        data = dict(self.data)
        for name in ('csrf_token', 'save_and_submit', 'save_draft'):
            data.pop(name, None)
        return data
