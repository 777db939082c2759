"""The organisation's fields, shared by the registration form (auth) and the edit form (organisations).

Field names differ between the two forms (the registration form also has the person's own
`name`), so the fields are made by factories, and the checks live in a mixin that both use.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.blueprints.organisations.labels import SIZE_LABELS
from portal.core import identifiers, sbi
from portal.models.organisations import SizeClass

MAX_CHARACTERS = _l('Use at most %(max)d characters.')


def strip(value):
    return value.strip() if isinstance(value, str) else value


def optional_int(value):
    return int(value) if value not in ('', None) else None


def _normalised(normalise, message):
    """A validator that replaces the field's data by its normal form, or refuses it with `message`."""
    def check(form, field) -> None:
        normalised = normalise(field.data)
        if normalised is None:
            raise ValidationError(message)
        field.data = normalised
    return check


def organisation_name_field() -> StringField:
    return StringField(_l('Name of the organisation'), filters=[strip],
                       validators=[DataRequired(message=_l('Fill in the name of the organisation.')),
                                   Length(max=160, message=MAX_CHARACTERS)],
                       render_kw={'autocomplete': 'organization'})


def vestigingsnummer_field() -> StringField:
    return StringField(_l('Branch number (vestigingsnummer)'), filters=[strip],
                       validators=[Optional(), _normalised(identifiers.normalise_vestigingsnummer,
                                                           _l('A branch number has exactly 12 digits.'))],
                       description=_l('12 digits; only if you have one.'),
                       render_kw={'inputmode': 'numeric', 'autocomplete': 'off'})


def sbi_section_field() -> SelectField:
    return SelectField(_l('Sector'), validators=[DataRequired(message=_l('Choose a sector.'))])


def sbi_code_field() -> StringField:
    return StringField(_l('SBI code'), filters=[strip], validators=[Optional()],
                       description=_l('For example 49.41; you find it on your KvK extract.'),
                       render_kw={'inputmode': 'decimal', 'autocomplete': 'off'})


def size_class_field() -> SelectField:
    return SelectField(_l('Number of people working there'),
                       validators=[DataRequired(message=_l('Choose how many people work there.'))])


def municipality_field() -> SelectField:
    return SelectField(_l('Municipality'), coerce=optional_int,
                       validators=[DataRequired(message=_l('Choose the municipality.'))],
                       description=_l('Where the organisation is based. This decides which account '
                                      'managers help you.'))


def postcode_field() -> StringField:
    return StringField(_l('Postcode of the visiting address'), filters=[strip],
                       validators=[DataRequired(message=_l('Fill in the postcode.')),
                                   _normalised(identifiers.normalise_postcode,
                                               _l('Fill in a Dutch postcode, like 7772 AB.'))],
                       render_kw={'autocomplete': 'postal-code'})


def website_field() -> StringField:
    return StringField(_l('Website'), filters=[strip],
                       validators=[Optional(), Length(max=255, message=MAX_CHARACTERS),
                                   _normalised(identifiers.normalise_website,
                                               _l('Fill in a web address, like www.uwbedrijf.nl.'))],
                       render_kw={'inputmode': 'url', 'autocomplete': 'url', 'spellcheck': 'false'})


class OrganisationFieldsMixin:
    """Choices and the cross-field check for the organisation fields; the form names its municipality field."""

    municipality_field_name = 'municipality_id'

    def set_organisation_choices(self, municipalities) -> None:
        """`municipalities`: every municipality the portal serves, with its region loaded; grouped by region."""
        self.sbi_section.choices = [('', _('Choose a sector'))] + [
            (s.letter, f'{s.letter} – {s.label}') for s in sbi.SECTIONS.values()]
        self.size_class.choices = [('', _('Choose a number'))] + [(c.value, str(SIZE_LABELS[c])) for c in SizeClass]
        groups: dict[str | None, list] = {None: [('', _('Choose a municipality'))]}
        for municipality in sorted(municipalities, key=lambda m: (m.region.name, m.name)):
            groups.setdefault(municipality.region.name, []).append((municipality.id, municipality.name))
        municipality_field = self[self.municipality_field_name]
        municipality_field.choices = groups
        for select in (self.sbi_section, self.size_class, municipality_field):
            select.invalid_choice_message = _l('Choose one of the options.')

    def validate_sbi_code(self, field) -> None:
        code = sbi.normalise_code(field.data)
        if self.sbi_section.data in sbi.SECTIONS:
            problem = sbi.code_problem(self.sbi_section.data, code)
            if problem:
                raise ValidationError(problem)
        field.data = code
