"""Forms for keeping the list of occupations and skills, and for searching it."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.blueprints.organisations.fields import MAX_CHARACTERS
from portal.blueprints.taxonomy.operations import ESCO_SKILL_URI, ISCO_CODE
from portal.blueprints.taxonomy.queries import esco_uri_taken, label_taken
from portal.core.forms import PortalForm
from portal.models.taxonomy import Occupation, Skill


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _label_field(label, message) -> StringField:
    return StringField(label, filters=[_strip],
                       validators=[DataRequired(message=message), Length(max=160, message=MAX_CHARACTERS)])


class SearchForm(PortalForm):
    """The search box and filter above a list (GET, so no CSRF token)."""

    class Meta:
        csrf = False

    zoek = StringField(_l('Search'), filters=[_strip], validators=[Optional(), Length(max=100)],
                       description=_l('A word from the Dutch or English name, or an ISCO code.'))
    status = SelectField(_l('Show'), validators=[Optional()],
                         choices=[SelectChoice('', _l('Everything')), SelectChoice('actief', _l('Offered in forms')),
                                  SelectChoice('uit', _l('Switched off'))])


class _LabelsForm(PortalForm):
    """The Dutch and English names, unique in their language; `current` is the entry being edited."""

    model: type[Occupation] | type[Skill]

    label_nl = _label_field(_l('Name in Dutch'), _l('Fill in the name in Dutch.'))
    label_en = _label_field(_l('Name in English'), _l('Fill in the name in English.'))

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_id = current.id if current is not None else None

    def validate_label_nl(self, field) -> None:
        if label_taken(self.model, 'label_nl', field.data, exclude_id=self.current_id):
            raise ValidationError(_l('There is already an entry with this Dutch name.'))

    def validate_label_en(self, field) -> None:
        if label_taken(self.model, 'label_en', field.data, exclude_id=self.current_id):
            raise ValidationError(_l('There is already an entry with this English name.'))


class OccupationForm(_LabelsForm):
    model = Occupation

    isco_code = StringField(_l('ISCO-08 code'), filters=[_strip],
                            validators=[DataRequired(message=_l('Fill in the ISCO-08 code.'))],
                            description=_l('The 4 digits of the ISCO-08 unit group, like 9333 for order pickers. '
                                           'When in doubt, choose the broader group that surely fits.'),
                            render_kw={'inputmode': 'numeric', 'autocomplete': 'off', 'maxlength': 4})

    def validate_isco_code(self, field) -> None:
        if not ISCO_CODE.match(field.data or ''):
            raise ValidationError(_l('The ISCO-08 code has 4 digits, like 9333.'))


class SkillForm(_LabelsForm):
    model = Skill

    esco_uri = StringField(_l('ESCO address'), filters=[_strip], validators=[Optional(), Length(max=255)],
                           description=_l('Only if you are sure which ESCO skill this is, like '
                                          'http://data.europa.eu/esco/skill/ followed by its code.'),
                           render_kw={'spellcheck': 'false', 'autocomplete': 'off', 'inputmode': 'url'})

    def validate_esco_uri(self, field) -> None:
        if not field.data:
            return
        if not ESCO_SKILL_URI.match(field.data):
            raise ValidationError(_l('An ESCO address starts with http://data.europa.eu/esco/skill/.'))
        if esco_uri_taken(field.data, exclude_id=self.current_id):
            raise ValidationError(_l('Another skill already has this ESCO address.'))


def _active_field() -> BooleanField:
    return BooleanField(_l('Offer it in forms'),
                        description=_l('Switch it off to stop offering it. Needs and plans that use it keep it.'))


class OccupationEditForm(OccupationForm):
    is_active = _active_field()


class SkillEditForm(SkillForm):
    is_active = _active_field()
