"""Forms of the employer's organisation pages: inviting a colleague, editing details, switching organisation."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField
from wtforms.validators import DataRequired, Email, Length, ValidationError

from portal.blueprints.organisations.fields import (
    MAX_CHARACTERS,
    OrganisationFieldsMixin,
    municipality_field,
    organisation_name_field,
    postcode_field,
    sbi_code_field,
    sbi_section_field,
    size_class_field,
    strip,
    vestigingsnummer_field,
    website_field,
)
from portal.core.forms import PortalForm
from portal.models.accounts import normalise_email


class InviteForm(PortalForm):
    """The owner invites a colleague by email address."""

    email = EmailField(_l('Your colleague’s email address'), filters=[strip],
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


class OrganisationForm(OrganisationFieldsMixin, PortalForm):
    """The details the owner keeps up to date; the KvK number is not among them."""

    name = organisation_name_field()
    vestigingsnummer = vestigingsnummer_field()
    sbi_section = sbi_section_field()
    sbi_code = sbi_code_field()
    size_class = size_class_field()
    municipality_id = municipality_field()
    visiting_postcode = postcode_field()
    website = website_field()

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_organisation_choices(municipalities)


class SwitchOrganisationForm(PortalForm):
    """Someone who works for several organisations chooses which one they work for now."""

    organisation_id = SelectField(_l('Work for'), coerce=int,
                                  validators=[DataRequired(message=_l('Choose an organisation.'))])

    def __init__(self, *args, organisations: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id.choices = list(organisations)
