"""Forms for getting in: registration, sign-in, password reset, two-step codes and invitations."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from portal.blueprints.organisations.fields import (
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
from portal.core import identifiers
from portal.core.forms import PortalForm, email_field, password_field
from portal.core.passwords import password_problem

#: the msgids portal.core.passwords.password_problem returns, marked here so they are translated
PASSWORD_PROBLEMS = {
    'Use at least 12 characters.': _l('Use at least 12 characters.'),
    'Your password may not be your email address.': _l('Your password may not be your email address.'),
}

def new_password_field() -> PasswordField:
    return PasswordField(_l('Password'), validators=[DataRequired(message=_l('Choose a password.')), Length(max=200)],
                         description=_l('At least 12 characters. A short sentence is easy to remember.'),
                         render_kw={'autocomplete': 'new-password'})


def password_repeat_field() -> PasswordField:
    return PasswordField(_l('Repeat the password'),
                         validators=[DataRequired(message=_l('Repeat the password.')),
                                     EqualTo('password', message=_l('The two passwords are not the same.'))],
                         render_kw={'autocomplete': 'new-password'})


class NewPasswordMixin:
    """Checks the `password` field against the rules (not the email address)."""

    def email_for_rules(self) -> str | None:
        return getattr(self, 'rules_email', None)

    def validate_password(self, field) -> None:
        problem = password_problem(field.data or '', self.email_for_rules())
        if problem:
            raise ValidationError(PASSWORD_PROBLEMS.get(problem, problem))


class RegisterForm(NewPasswordMixin, OrganisationFieldsMixin, PortalForm):
    """One page, two fieldsets: the person, and the organisation they register."""

    name = StringField(_l('Your name'), filters=[strip],
                       validators=[DataRequired(message=_l('Fill in your name.')), Length(max=120)],
                       render_kw={'autocomplete': 'name'})
    email = email_field()
    password = new_password_field()
    password_repeat = password_repeat_field()

    organisation_name = organisation_name_field()
    kvk_number = StringField(_l('KvK number'), filters=[strip],
                             validators=[DataRequired(message=_l('Fill in the KvK number.'))],
                             description=_l('8 digits, as on your extract from the Chamber of Commerce (KvK).'),
                             render_kw={'inputmode': 'numeric', 'autocomplete': 'off'})
    vestigingsnummer = vestigingsnummer_field()
    sbi_section = sbi_section_field()
    sbi_code = sbi_code_field()
    size_class = size_class_field()
    municipality = municipality_field()
    postcode = postcode_field()
    website = website_field()
    municipality_field_name = 'municipality'

    def __init__(self, *args, municipalities=(), **kwargs) -> None:
        """`municipalities`: every municipality the portal serves, with its region loaded."""
        super().__init__(*args, **kwargs)
        self.set_organisation_choices(municipalities)

    def email_for_rules(self) -> str | None:
        return self.email.data

    def validate_kvk_number(self, field) -> None:
        normalised = identifiers.normalise_kvk(field.data)
        if normalised is None:
            raise ValidationError(_l('A KvK number has exactly 8 digits, like 69599084.'))
        field.data = normalised


class SignInForm(PortalForm):
    email = email_field()
    password = password_field()
    remember = BooleanField(_l('Stay signed in on this device'),
                            description=_l('Only on a device that you alone use.'))


class ForgotPasswordForm(PortalForm):
    email = email_field()


class ResetPasswordForm(NewPasswordMixin, PortalForm):
    password = new_password_field()
    password_repeat = password_repeat_field()

    def __init__(self, *args, email: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rules_email = email


class InvitationAccountForm(NewPasswordMixin, PortalForm):
    """A new account for an invited colleague: the email comes from the invitation."""

    name = StringField(_l('Your name'), filters=[strip],
                       validators=[DataRequired(message=_l('Fill in your name.')), Length(max=120)],
                       render_kw={'autocomplete': 'name'})
    password = new_password_field()
    password_repeat = password_repeat_field()

    def __init__(self, *args, email: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rules_email = email


class TwoStepCodeForm(PortalForm):
    """The second step of sign-in: a code from the app, or one recovery code."""

    code = StringField(_l('Code'), filters=[strip],
                       validators=[DataRequired(message=_l('Fill in the code.')), Length(max=40)],
                       description=_l('The 6 digits your authenticator app shows now, or one of your recovery '
                                      'codes.'),
                       render_kw={'autocomplete': 'one-time-code', 'spellcheck': 'false'})


class TwoStepSetupForm(PortalForm):
    code = StringField(_l('Code from the app'), filters=[strip],
                       validators=[DataRequired(message=_l('Fill in the code.')), Length(max=10)],
                       description=_l('The 6 digits the app shows after you scanned the QR code.'),
                       render_kw={'autocomplete': 'one-time-code', 'inputmode': 'numeric'})


class ConfirmPasswordForm(PortalForm):
    """Ask the current password again before a sensitive change (turning two-step sign-in off)."""

    password = password_field(_l('Your current password'))
