"""The innovation plan form: the plan, and its effects on staff as rows, without JavaScript.

The rows are a FieldList of FormFields. Each page shows the existing rows plus empty ones;
"Add another row" posts the form back and it comes back with one more empty row, keeping
everything typed. Empty rows are ignored.
"""

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, Form, FormField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.blueprints.demand.forms import CHOOSE_ONE, SaveButtonsMixin, WholeNumberField, horizon_field
from portal.blueprints.demand.labels import DIRECTION_LABELS, HORIZON_LABELS, THEME_LABELS, VISIBILITY_LABELS
from portal.blueprints.organisations.fields import MAX_CHARACTERS, strip
from portal.blueprints.taxonomy.fields import OccupationField, SkillsField
from portal.core.forms import PortalForm
from portal.models.demand import EffectDirection, Horizon, PlanTheme, PlanVisibility

#: empty rows shown below the existing ones
EMPTY_ROWS = 2
MAX_ROWS = 40


def _filled(field) -> bool:
    """Whether the person put anything in this field (what they typed, or what the row held before)."""
    values = field.raw_data if field.raw_data is not None else field.data
    if values is None:
        return False
    if not isinstance(values, list | tuple):
        values = [values]
    return any(str(value).strip() for value in values if value is not None)


class EffectForm(Form):
    """One expected effect on staff. A row left empty is not an effect, so it is not checked either."""

    occupation_id = OccupationField(_l('Occupation'), validators=[DataRequired(message=_l('Choose an occupation.'))])
    direction = SelectField(_l('Grows, shrinks or new'),
                            choices=[('', _l('Choose'))] + [(d.value, DIRECTION_LABELS[d]) for d in EffectDirection],
                            validators=[DataRequired(message=_l('Choose whether it grows, shrinks or is new.'))])
    headcount = WholeNumberField(_l('How many people'),
                                 validators=[InputRequired(message=_l('Fill in how many people.')),
                                             NumberRange(min=1, max=9999,
                                                         message=_l('Fill in a number from 1 to 9999.'))])
    by_when = SelectField(_l('By when'),
                          choices=[('', _l('Choose'))] + [(h.value, HORIZON_LABELS[h]) for h in Horizon],
                          validators=[DataRequired(message=_l('Choose by when.'))])
    skill_ids = SkillsField(_l('Skills needed'), validators=[Optional()])
    training_need = StringField(_l('Training need'), filters=[strip],
                                validators=[Optional(), Length(max=1000, message=MAX_CHARACTERS)],
                                description=_l('What people would need to learn, like “forklift certificate”.'))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in (self.direction, self.by_when):
            field.invalid_choice_message = CHOOSE_ONE

    @property
    def is_empty(self) -> bool:
        return not any(_filled(field) for field in self)

    def validate(self, extra_validators=None) -> bool:
        if self.is_empty:
            for field in self:
                field.errors = []
            return True
        return super().validate(extra_validators)

    def effect(self) -> dict:
        return {'occupation_id': self.occupation_id.data, 'direction': self.direction.data,
                'headcount': self.headcount.data, 'by_when': self.by_when.data, 'skill_ids': self.skill_ids.data,
                'training_need': self.training_need.data or None}


class PlanForm(SaveButtonsMixin, PortalForm):
    """An innovation plan (innovatieagenda). A plan goes for approval with at least one effect row: when
    "Save and submit" is pressed, and on every save of a published plan (`is_published`)."""

    title = StringField(_l('Title'), filters=[strip],
                        validators=[DataRequired(message=_l('Fill in a title.')),
                                    Length(max=160, message=MAX_CHARACTERS)],
                        description=_l('For example “Robots in the warehouse”.'))
    theme = RadioField(_l('Theme'), choices=[(t.value, THEME_LABELS[t]) for t in PlanTheme],
                       validators=[InputRequired(message=_l('Choose a theme.'))])
    timeframe = horizon_field(_l('When it happens'))
    description = TextAreaField(_l('Description'), filters=[strip],
                                validators=[DataRequired(message=_l('Describe the plan.')),
                                            Length(max=5000, message=MAX_CHARACTERS)],
                                description=_l('What changes, why, and what it means for the work.'))
    visibility = RadioField(_l('Who may see it'), default=PlanVisibility.STAFF.value,
                            choices=[(v.value, VISIBILITY_LABELS[v]) for v in PlanVisibility],
                            validators=[InputRequired(message=_l('Choose who may see it.'))],
                            description=_l('The account managers of the municipality always see it once approved. '
                                           'Members of the regional network (entrepreneurs, education and '
                                           'government) only see it if you choose so.'))
    effects = FieldList(FormField(EffectForm), min_entries=0, max_entries=MAX_ROWS)
    add_row = SubmitField(_l('Add another row'))

    def __init__(self, *args, is_published: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_published = is_published
        self.effects_error: str | None = None
        for field in (self.theme, self.timeframe, self.visibility):
            field.invalid_choice_message = CHOOSE_ONE
        if not self.is_submitted():
            for _ in range(EMPTY_ROWS):
                self.add_empty_row()

    def add_empty_row(self) -> bool:
        if len(self.effects) >= MAX_ROWS:
            return False
        self.effects.append_entry()
        return True

    def filled_effects(self) -> list[dict]:
        return [entry.form.effect() for entry in self.effects if not entry.form.is_empty]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if (self.wants_submit or self.is_published) and not self.filled_effects():
            self.effects_error = str(_l('Add at least one effect on your staff before you submit the plan.'))
            valid = False
        return valid

    def plan_fields(self) -> dict:
        """What the operations take: the plan's fields and its filled-in rows."""
        return {'title': self.title.data, 'theme': self.theme.data, 'timeframe': self.timeframe.data,
                'description': self.description.data, 'visibility': self.visibility.data,
                'effects': self.filled_effects()}
