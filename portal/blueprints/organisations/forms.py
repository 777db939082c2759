"""Forms of the employer's organisation pages: inviting a colleague, editing details, switching organisation."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from portal.blueprints.organisations.labels import SIZE_LABELS
from portal.core import identifiers, sbi
from portal.models.accounts import normalise_email
from portal.models.organisations import SizeClass

MAX_CHARACTERS = _l('Use at most %(max)d characters.')


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class InviteForm(FlaskForm):
    """The owner invites a colleague by email address."""

    email = EmailField(_l('Your colleague’s email address'), filters=[_strip],
                       validators=[DataRequired(message=_l('Fill in your colleague’s email address.')),
                                   Email(message=_l('Fill in a valid email address, like naam@bedrijf.nl.')),
                                   Length(max=254, message=MAX_CHARACTERS)],
                       render_kw={'autocomplete': 'off', 'spellcheck': 'false'})

    def __init__(self, *args, member_emails: set[str] = frozenset(), **kwargs):
        """`member_emails`: the addresses of the organisation's active members, who need no invitation."""
        super().__init__(*args, **kwargs)
        self.member_emails = {normalise_email(e) for e in member_emails}

    def validate_email(self, field) -> None:
        if field.data and normalise_email(field.data) in self.member_emails:
            raise ValidationError(_l('This person already works for your organisation here.'))


class OrganisationForm(FlaskForm):
    """The details the owner keeps up to date; the KvK number is not among them."""

    name = StringField(_l('Name of the organisation'), filters=[_strip],
                       validators=[DataRequired(message=_l('Fill in the name of the organisation.')),
                                   Length(max=160, message=MAX_CHARACTERS)],
                       render_kw={'autocomplete': 'organization'})
    vestigingsnummer = StringField(_l('Branch number (vestigingsnummer)'), filters=[_strip], validators=[Optional()],
                                   description=_l('12 digits; only if you have one.'),
                                   render_kw={'inputmode': 'numeric', 'autocomplete': 'off'})
    sbi_section = SelectField(_l('Sector'), validators=[DataRequired(message=_l('Choose a sector.'))])
    sbi_code = StringField(_l('SBI code'), filters=[_strip], validators=[Optional()],
                           description=_l('For example 49.41; you find it on your KvK extract.'),
                           render_kw={'inputmode': 'decimal', 'autocomplete': 'off'})
    size_class = SelectField(_l('Number of people working there'),
                             validators=[DataRequired(message=_l('Choose how many people work there.'))])
    municipality_id = SelectField(_l('Municipality'), coerce=int,
                                  validators=[DataRequired(message=_l('Choose the municipality.'))],
                                  description=_l('Where the organisation is based. This decides which account '
                                                 'managers help you.'))
    visiting_postcode = StringField(_l('Postcode of the visiting address'), filters=[_strip],
                                    validators=[DataRequired(message=_l('Fill in the postcode.'))],
                                    render_kw={'autocomplete': 'postal-code'})
    website = StringField(_l('Website'), filters=[_strip], validators=[Optional(), Length(max=255,
                                                                                      message=MAX_CHARACTERS)],
                          render_kw={'inputmode': 'url', 'autocomplete': 'url', 'spellcheck': 'false'})

    def __init__(self, *args, municipalities=(), **kwargs):
        """`municipalities`: every municipality the portal serves, with its region loaded."""
        super().__init__(*args, **kwargs)
        self.sbi_section.choices = [(s.letter, f'{s.letter} – {s.label}') for s in sbi.SECTIONS.values()]
        self.size_class.choices = [(c.value, SIZE_LABELS[c]) for c in SizeClass]
        groups: dict[str, list] = {}
        for municipality in sorted(municipalities, key=lambda m: (m.region.name, m.name)):
            groups.setdefault(municipality.region.name, []).append((municipality.id, municipality.name))
        self.municipality_id.choices = groups
        self.sbi_section.invalid_choice_message = self.size_class.invalid_choice_message = \
            self.municipality_id.invalid_choice_message = _l('Choose one of the options.')

    def validate_vestigingsnummer(self, field) -> None:
        normalised = identifiers.normalise_vestigingsnummer(field.data)
        if normalised is None:
            raise ValidationError(_l('A branch number has exactly 12 digits.'))
        field.data = normalised

    def validate_sbi_code(self, field) -> None:
        code = sbi.normalise_code(field.data)
        if self.sbi_section.data in sbi.SECTIONS:
            problem = sbi.code_problem(self.sbi_section.data, code)
            if problem:
                raise ValidationError(problem)
        field.data = code

    def validate_visiting_postcode(self, field) -> None:
        normalised = identifiers.normalise_postcode(field.data)
        if normalised is None:
            raise ValidationError(_l('Fill in a Dutch postcode, like 7772 AB.'))
        field.data = normalised

    def validate_website(self, field) -> None:
        normalised = identifiers.normalise_website(field.data)
        if normalised is None:
            raise ValidationError(_l('Fill in a web address, like www.uwbedrijf.nl.'))
        field.data = normalised


class SwitchOrganisationForm(FlaskForm):
    """Someone who works for several organisations chooses which one they work for now."""

    organisation_id = SelectField(_l('Work for'), coerce=int,
                                  validators=[DataRequired(message=_l('Choose an organisation.'))])

    def __init__(self, *args, organisations: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id.choices = list(organisations)
