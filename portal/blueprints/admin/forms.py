"""Forms for platform administration."""

import re

from flask_babel import format_decimal, gettext
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, Form, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, ValidationError

from portal.blueprints.admin.operations import cbs_code_taken, slug_taken
from portal.core.colour import contrast_ratio
from portal.core.forms import PortalForm
from portal.models.accounts import StaffKind, User
from portal.models.tenancy import HEX_COLOUR, MIN_CONTRAST_WITH_WHITE

SLUG = re.compile(r'^[a-z0-9]+(?:-[a-z0-9]+)*$')
CBS_CODE = re.compile(r'^GM\d{4}$')

LOCALE_CHOICES = [('nl', 'Nederlands'), ('en', 'English')]


def kind_choices() -> list[tuple[str, str]]:
    return [(StaffKind.ACCOUNTMANAGER.value, _l('Account manager')),
            (StaffKind.COORDINATOR.value, _l('Coordinator'))]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _colour(value):
    return value.strip().lower() if isinstance(value, str) else value


def colour_field(label) -> StringField:
    return StringField(label, filters=[_colour],
                       validators=[DataRequired(message=_l('Fill in a colour.')), Length(max=7)],
                       description=_l('A hex colour code like #154273. White text must be readable on it.'),
                       render_kw={'spellcheck': 'false', 'autocomplete': 'off'})


class RegionForm(PortalForm):
    """Name and colours of a region (the slug is only chosen once, see RegionCreateForm)."""

    name = StringField(_l('Name'), filters=[_strip],
                       validators=[DataRequired(message=_l('Fill in the name of the region.')), Length(max=120)])
    primary_colour = colour_field(_l('Brand colour'))
    accent_colour = colour_field(_l('Darker shade (hover and focus)'))

    def _check_colour(self, field) -> None:
        if not HEX_COLOUR.match(field.data or ''):
            raise ValidationError(_l('Write the colour as # followed by six hex digits, like #154273.'))
        ratio = contrast_ratio(field.data, '#ffffff')
        if ratio < MIN_CONTRAST_WITH_WHITE:
            raise ValidationError(gettext(
                'This colour is too light: white text on it has a contrast of %(ratio)s to 1, and at least '
                '%(minimum)s to 1 is needed. Choose a darker colour.',
                ratio=format_decimal(int(ratio * 10) / 10, format='0.0'),
                minimum=format_decimal(MIN_CONTRAST_WITH_WHITE, format='0.0')))

    def validate_primary_colour(self, field) -> None:
        self._check_colour(field)

    def validate_accent_colour(self, field) -> None:
        self._check_colour(field)


class RegionCreateForm(RegionForm):
    slug = StringField(_l('Short name for web addresses'), filters=[_colour],
                       validators=[DataRequired(message=_l('Fill in a short name.')), Length(max=40)],
                       description=_l('Lower-case letters, digits and hyphens, like vechtdal. It cannot be '
                                      'changed later.'),
                       render_kw={'spellcheck': 'false', 'autocomplete': 'off'})

    def validate_slug(self, field) -> None:
        if not SLUG.match(field.data or ''):
            raise ValidationError(_l('Use only lower-case letters, digits and single hyphens, like west-brabant.'))
        if slug_taken(field.data):
            raise ValidationError(_l('There is already a region with this short name.'))


class MunicipalityNameForm(PortalForm):
    name = StringField(_l('Name'), filters=[_strip],
                       validators=[DataRequired(message=_l('Fill in the name of the municipality.')),
                                   Length(max=120)])


class MunicipalityForm(MunicipalityNameForm):
    cbs_code = StringField(_l('CBS code'), filters=[lambda v: v.strip().upper() if isinstance(v, str) else v],
                           validators=[DataRequired(message=_l('Fill in the CBS code.')), Length(max=6)],
                           description=_l('GM followed by four digits, like GM0160 for Hardenberg.'),
                           render_kw={'spellcheck': 'false', 'autocomplete': 'off'})

    def validate_cbs_code(self, field) -> None:
        if not CBS_CODE.match(field.data or ''):
            raise ValidationError(_l('A CBS code is GM followed by four digits, like GM0160.'))
        if cbs_code_taken(field.data):
            raise ValidationError(_l('There is already a municipality with this CBS code.'))


class StaffRoleForm(PortalForm):
    """Region and kind of a staff member; `regions` are the choices, as (id, name)."""

    region = SelectField(_l('Region'), coerce=int,
                         validators=[DataRequired(message=_l('Choose a region.'))])
    kind = RadioField(_l('Role'), choices=kind_choices(),
                      validators=[DataRequired(message=_l('Choose a role.'))])

    def __init__(self, *args, regions: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.region.choices = [(0, _l('Choose a region'))] + regions


class StaffCreateForm(StaffRoleForm):
    name = StringField(_l('Name'), filters=[_strip],
                       validators=[DataRequired(message=_l('Fill in the name.')), Length(max=120)],
                       render_kw={'autocomplete': 'off'})
    email = EmailField(_l('Email address'), filters=[_strip],
                       validators=[DataRequired(message=_l('Fill in the email address.')),
                                   Email(message=_l('Fill in a valid email address, like naam@bedrijf.nl.')),
                                   Length(max=254)],
                       render_kw={'autocomplete': 'off', 'spellcheck': 'false'})
    locale = RadioField(_l('Language for mail and pages'), choices=LOCALE_CHOICES, default='nl',
                        validators=[DataRequired(message=_l('Choose a language.'))])

    def validate_email(self, field) -> None:
        # Admins may know which addresses have an account; the public forms never say so.
        if User.email_taken(field.data):
            raise ValidationError(_l('There is already an account with this email address.'))


class StaffFilterForm(Form):
    """The region filter above the staff list (a GET form: nothing changes, so no CSRF token)."""

    regio = SelectField(_l('Region'), coerce=int, default=0, validate_choice=False)

    def __init__(self, *args, regions: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.regio.choices = [(0, _l('All regions'))] + regions
