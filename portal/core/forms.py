"""Shared form pieces: the empty form for bare POST buttons, and field types used in several areas."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, Length


class EmptyForm(FlaskForm):
    """A POST-only button (approve, remove, sign out): nothing but the CSRF token."""


def email_field(label=None, **kwargs) -> EmailField:
    return EmailField(label or _l('Email address'),
                      validators=[DataRequired(message=_l('Fill in your email address.')),
                                  Email(message=_l('Fill in a valid email address, like naam@bedrijf.nl.')),
                                  Length(max=254)],
                      render_kw={'autocomplete': 'email', 'spellcheck': 'false'}, **kwargs)


def password_field(label=None, autocomplete: str = 'current-password', **kwargs) -> PasswordField:
    return PasswordField(label or _l('Password'),
                         validators=[DataRequired(message=_l('Fill in your password.')), Length(max=200)],
                         render_kw={'autocomplete': autocomplete}, **kwargs)
