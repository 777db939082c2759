"""Form fields that choose occupations and skills from the shared list.

The interface the demand forms use: `OccupationField` holds one occupation id,
`SkillsField` a list of skill ids; both load their choices from the active entries in the
user's language. (First version: plain selects; the taxonomy area turns them into an
accessible autocomplete that still works without JavaScript.)
"""

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField

from portal.models.taxonomy import Occupation, Skill


def _optional_int(value):
    return int(value) if value not in ('', None) else None


class OccupationField(SelectField):
    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=_optional_int, **kwargs)
        locale = str(get_locale())
        self.choices = [('', _l('Choose an occupation'))] + [(o.id, o.label(locale)) for o in Occupation.active()]
        self.invalid_choice_message = _l('Choose an occupation from the list.')


class SkillsField(SelectMultipleField):
    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=int, **kwargs)
        locale = str(get_locale())
        self.choices = [(s.id, s.label(locale)) for s in Skill.active()]
        self.invalid_choice_message = _l('Choose skills from the list.')
