"""Forms for My account. Forms that change something sensitive ask for the current password."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from portal.blueprints.auth.forms import NewPasswordMixin, password_repeat_field
from portal.core.forms import PortalForm, email_field, password_field
from portal.core.passwords import verify_password

LOCALE_CHOICES = [('nl', 'Nederlands'), ('en', 'English')]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ProfileForm(PortalForm):
    name = StringField(_l('Your name'), filters=[_strip],
                       validators=[DataRequired(message=_l('Fill in your name.')), Length(max=120)],
                       render_kw={'autocomplete': 'name'})
    locale = RadioField(_l('Language'), choices=LOCALE_CHOICES,
                        validators=[DataRequired(message=_l('Choose a language.'))],
                        description=_l('The language of the pages and of the mail we send you.'))


class CurrentPasswordMixin:
    """`current_password` must be the signed-in user's password (given as `user`)."""

    def validate_current_password(self, field) -> None:
        if not verify_password(self.user.password_hash, field.data or ''):
            raise ValidationError(_l('This is not your current password.'))


def current_password_field() -> object:
    return password_field(_l('Your current password'))


class ChangePasswordForm(CurrentPasswordMixin, NewPasswordMixin, PortalForm):
    current_password = current_password_field()
    password = PasswordField(_l('New password'),
                             validators=[DataRequired(message=_l('Choose a password.')), Length(max=200)],
                             description=_l('At least 12 characters. A short sentence is easy to remember.'),
                             render_kw={'autocomplete': 'new-password'})
    password_repeat = password_repeat_field()

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.rules_email = user.email


class ChangeEmailForm(CurrentPasswordMixin, PortalForm):
    email = email_field(_l('New email address'))
    current_password = current_password_field()

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_email(self, field) -> None:
        if field.data and field.data.strip().lower() == self.user.email:
            raise ValidationError(_l('This is already your email address.'))


class DeleteAccountForm(CurrentPasswordMixin, PortalForm):
    current_password = current_password_field()

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
