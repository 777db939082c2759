"""Shared form pieces: the base form every form uses, the empty form for bare POST buttons, shared fields."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, FieldList, FormField, PasswordField, StringField
from wtforms.form import BaseForm
from wtforms.validators import DataRequired, Email, Length

from portal.core.bsn import contains_bsn

BSN_MESSAGE = _l('This looks like a citizen service number (BSN). Kansenkamer never stores a BSN: leave it out.')


class PortalForm(FlaskForm):
    """Every form of the portal: no free-text field accepts a BSN, whatever the form is for."""

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return refuse_bsn(self) and valid


def refuse_bsn(form: BaseForm) -> bool:
    """Add an error to each text field (in subforms too) whose value holds a BSN; False if any did."""
    clean = True
    for field in form:
        if isinstance(field, FormField):
            clean = refuse_bsn(field.form) and clean
        elif isinstance(field, FieldList):
            for entry in field.entries:
                if isinstance(entry, FormField):
                    clean = refuse_bsn(entry.form) and clean
                elif _holds_bsn(entry):
                    entry.errors = [*entry.errors, BSN_MESSAGE]
                    clean = False
        elif _holds_bsn(field):
            field.errors = [*field.errors, BSN_MESSAGE]
            clean = False
    return clean


def _holds_bsn(field) -> bool:
    # a password is hashed, never stored or shown: nothing to refuse there
    return (isinstance(field, StringField) and not isinstance(field, PasswordField)
            and isinstance(field.data, str) and contains_bsn(field.data))


class EmptyForm(PortalForm):
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
