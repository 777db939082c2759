"""Forms for getting in: registration, sign-in, password reset, two-step codes and invitations."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from portal.core import identifiers, sbi
from portal.core.forms import email_field, password_field
from portal.core.passwords import password_problem
from portal.models.organisations import SizeClass

#: the msgids portal.core.passwords.password_problem returns, marked here so they are translated
PASSWORD_PROBLEMS = {
    'Use at least 12 characters.': _l('Use at least 12 characters.'),
    'Your password may not be your email address.': _l('Your password may not be your email address.'),
}

SIZE_LABELS = {
    SizeClass.ONE: _l('Just me'),
    SizeClass.SMALL: _l('2 to 9 people'),
    SizeClass.MEDIUM_SMALL: _l('10 to 49 people'),
    SizeClass.MEDIUM: _l('50 to 249 people'),
    SizeClass.LARGE: _l('250 people or more'),
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _optional_int(value):
    return int(value) if value not in ('', None) else None


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


class RegisterForm(NewPasswordMixin, FlaskForm):
    """One page, two fieldsets: the person, and the organisation they register."""

    name = StringField(_l('Your name'), filters=[_strip],
                       validators=[DataRequired(message=_l('Fill in your name.')), Length(max=120)],
                       render_kw={'autocomplete': 'name'})
    email = email_field()
    password = new_password_field()
    password_repeat = password_repeat_field()

    organisation_name = StringField(_l('Name of the organisation'), filters=[_strip],
                                    validators=[DataRequired(message=_l('Fill in the name of the organisation.')),
                                                Length(max=160)],
                                    render_kw={'autocomplete': 'organization'})
    kvk_number = StringField(_l('KvK number'), filters=[_strip],
                             validators=[DataRequired(message=_l('Fill in the KvK number.'))],
                             description=_l('8 digits, as on your extract from the Chamber of Commerce (KvK).'),
                             render_kw={'inputmode': 'numeric', 'autocomplete': 'off'})
    vestigingsnummer = StringField(_l('Branch number (vestigingsnummer)'), filters=[_strip],
                                   validators=[Optional()], description=_l('12 digits; only if you have one.'),
                                   render_kw={'inputmode': 'numeric', 'autocomplete': 'off'})
    sbi_section = SelectField(_l('Sector'), validators=[DataRequired(message=_l('Choose a sector.'))],
                              validate_choice=True)
    sbi_code = StringField(_l('SBI code'), filters=[_strip], validators=[Optional()],
                           description=_l('For example 49.41; you find it on your KvK extract.'),
                           render_kw={'inputmode': 'decimal', 'autocomplete': 'off'})
    size_class = SelectField(_l('Number of people working there'),
                             validators=[DataRequired(message=_l('Choose how many people work there.'))])
    municipality = SelectField(_l('Municipality'), coerce=_optional_int,
                               validators=[DataRequired(message=_l('Choose the municipality.'))],
                               description=_l('Where the organisation is based. This decides which account '
                                              'managers help you.'))
    postcode = StringField(_l('Postcode of the visiting address'), filters=[_strip],
                           validators=[DataRequired(message=_l('Fill in the postcode.'))],
                           render_kw={'autocomplete': 'postal-code'})
    website = StringField(_l('Website'), filters=[_strip], validators=[Optional(), Length(max=255)],
                          render_kw={'inputmode': 'url', 'autocomplete': 'url', 'spellcheck': 'false'})

    def __init__(self, *args, municipalities=(), **kwargs) -> None:
        """`municipalities`: every municipality the portal serves, with its region loaded."""
        super().__init__(*args, **kwargs)
        self.sbi_section.choices = [('', _('Choose a sector'))] + [
            (s.letter, f'{s.letter} – {s.label}') for s in sbi.SECTIONS.values()]
        self.size_class.choices = [('', _('Choose a number'))] + [(c.value, str(SIZE_LABELS[c])) for c in SizeClass]
        groups: dict[str | None, list] = {None: [('', _('Choose a municipality'))]}
        for municipality in sorted(municipalities, key=lambda m: (m.region.name, m.name)):
            groups.setdefault(municipality.region.name, []).append((municipality.id, municipality.name))
        self.municipality.choices = groups
        self.sbi_section.invalid_choice_message = self.municipality.invalid_choice_message = _l(
            'Choose one of the options.')

    def email_for_rules(self) -> str | None:
        return self.email.data

    def validate_kvk_number(self, field) -> None:
        normalised = identifiers.normalise_kvk(field.data)
        if normalised is None:
            raise ValidationError(_l('A KvK number has exactly 8 digits, like 69599084.'))
        field.data = normalised

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

    def validate_postcode(self, field) -> None:
        normalised = identifiers.normalise_postcode(field.data)
        if normalised is None:
            raise ValidationError(_l('Fill in a Dutch postcode, like 7772 AB.'))
        field.data = normalised

    def validate_website(self, field) -> None:
        normalised = identifiers.normalise_website(field.data)
        if normalised is None:
            raise ValidationError(_l('Fill in a web address, like www.uwbedrijf.nl.'))
        field.data = normalised


class SignInForm(FlaskForm):
    email = email_field()
    password = password_field()
    remember = BooleanField(_l('Stay signed in on this device'),
                            description=_l('Only on a device that you alone use.'))


class ForgotPasswordForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(NewPasswordMixin, FlaskForm):
    password = new_password_field()
    password_repeat = password_repeat_field()

    def __init__(self, *args, email: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rules_email = email


class InvitationAccountForm(NewPasswordMixin, FlaskForm):
    """A new account for an invited colleague: the email comes from the invitation."""

    name = StringField(_l('Your name'), filters=[_strip],
                       validators=[DataRequired(message=_l('Fill in your name.')), Length(max=120)],
                       render_kw={'autocomplete': 'name'})
    password = new_password_field()
    password_repeat = password_repeat_field()

    def __init__(self, *args, email: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rules_email = email


class TwoStepCodeForm(FlaskForm):
    """The second step of sign-in: a code from the app, or one recovery code."""

    code = StringField(_l('Code'), filters=[_strip],
                       validators=[DataRequired(message=_l('Fill in the code.')), Length(max=40)],
                       description=_l('The 6 digits your authenticator app shows now, or one of your recovery '
                                      'codes.'),
                       render_kw={'autocomplete': 'one-time-code', 'spellcheck': 'false'})


class TwoStepSetupForm(FlaskForm):
    code = StringField(_l('Code from the app'), filters=[_strip],
                       validators=[DataRequired(message=_l('Fill in the code.')), Length(max=10)],
                       description=_l('The 6 digits the app shows after you scanned the QR code.'),
                       render_kw={'autocomplete': 'one-time-code', 'inputmode': 'numeric'})


class ConfirmPasswordForm(FlaskForm):
    """Ask the current password again before a sensitive change (turning two-step sign-in off)."""

    password = password_field(_l('Your current password'))
