"""Form fields that choose occupations and skills from the shared list.

The interface the demand forms use: `OccupationField` holds one occupation id (None when
nothing is chosen), `SkillsField` a list of skill ids; both offer the active entries in the
user's language, sorted by that language. Without JavaScript they render as a native <select>
and a <select multiple>; portal/static/js/picker.js turns them into an accessible combobox that
searches both languages (and the ISCO code). Render them with the `field` macro of _form.html, or
with the macros of taxonomy/_pickers.html.

An entry a coordinator has switched off is no longer offered, but a form opened for a posting
that already uses it keeps it as a choice, so saving that posting again does not fail.
"""

import unicodedata

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value

from portal.extensions import db
from portal.models.taxonomy import Occupation, Skill

#: how many rows the <select multiple> shows without JavaScript
SKILLS_LIST_SIZE = 8


def _id(value):
    """An id from a form value ('12'), an id, or a model instance; None for an empty value."""
    if value in ('', None):
        return None
    return int(getattr(value, 'id', value))


def sort_key(text: str) -> str:
    """Sort labels as a reader expects: ignoring case and accents (Coördinator next to Coordinator)."""
    decomposed = unicodedata.normalize('NFKD', text)
    return ''.join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _locale() -> str:
    return str(get_locale() or 'nl')


def _other(locale: str) -> str:
    return 'nl' if locale.startswith('en') else 'en'


def occupation_choice(occupation: Occupation, locale: str, *, label=None) -> SelectChoice:
    search = f'{occupation.label(_other(locale))} {occupation.isco_code}'
    return SelectChoice(value=str(occupation.id), label=label or occupation.label(locale),
                        render_kw={'data-search': search, 'data-hint': f'ISCO {occupation.isco_code}'})


def skill_choice(skill: Skill, locale: str, *, label=None) -> SelectChoice:
    return SelectChoice(value=str(skill.id), label=label or skill.label(locale),
                        render_kw={'data-search': skill.label(_other(locale))})


def _switched_off(model, ids: set[int]) -> list:
    """The entries among `ids` that are not active (any that are already offered are skipped by the caller)."""
    if not ids:
        return []
    return list(db.session.scalars(select(model).where(model.id.in_(ids), model.is_active.is_(False))))


class OccupationField(SelectField):
    """One occupation, as its id."""

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {'data-picker': 'occupation', **(kwargs.pop('render_kw', None) or {})}
        super().__init__(label, validators, coerce=_id, render_kw=render_kw, **kwargs)
        self.locale = _locale()
        occupations = sorted(Occupation.active(), key=lambda o: sort_key(o.label(self.locale)))
        self.choices = [SelectChoice(value='', label=_l('Choose an occupation'))] + \
            [occupation_choice(o, self.locale) for o in occupations]
        self.invalid_choice_message = _l('Choose an occupation from the list.')
        self.invalid_value_message = _l('Choose an occupation from the list.')

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        try:
            current = _id(self.object_data)
        except (TypeError, ValueError):
            current = None
        for occupation in _switched_off(Occupation, {current} - {None}):
            self.choices.append(occupation_choice(occupation, self.locale, label=_l(
                '%(label)s (no longer in the list)', label=occupation.label(self.locale))))


class SkillsField(SelectMultipleField):
    """Any number of skills, as a list of ids."""

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {'data-picker': 'skills', 'size': SKILLS_LIST_SIZE, **(kwargs.pop('render_kw', None) or {})}
        super().__init__(label, validators, coerce=_id, render_kw=render_kw, **kwargs)
        self.locale = _locale()
        skills = sorted(Skill.active(), key=lambda s: sort_key(s.label(self.locale)))
        self.choices = [skill_choice(s, self.locale) for s in skills]
        self.invalid_choice_message = _l('Choose skills from the list.')
        self.invalid_value_message = _l('Choose skills from the list.')

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        try:
            current = {_id(value) for value in (self.object_data or ())} - {None}
        except (TypeError, ValueError):
            current = set()
        for skill in _switched_off(Skill, current):
            self.choices.append(skill_choice(skill, self.locale, label=_l(
                '%(label)s (no longer in the list)', label=skill.label(self.locale))))
