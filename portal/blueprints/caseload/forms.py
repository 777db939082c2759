"""The candidate profile form: the person, the work that fits, skills by level, experience and languages as rows.

Rows work without JavaScript: the page shows the existing rows plus an empty one, and "Add another
row" posts the form back with one more (everything typed is kept). Empty rows are ignored.
Skills are chosen with the taxonomy's picker, one picker per level.
"""

import re

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, Form, FormField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from portal.blueprints.demand.forms import CHOOSE_ONE, CheckboxesField, WholeNumberField, day_field
from portal.blueprints.demand.labels import DAY_PART_LABELS
from portal.blueprints.organisations.fields import MAX_CHARACTERS, optional_int, strip
from portal.blueprints.taxonomy.fields import OccupationField, SkillsField
from portal.core.bsn import find_bsn
from portal.core.forms import BSN_MESSAGE, PortalForm
from portal.core.labels import CEFR_LABELS, EDUCATION_LABELS, SUPPORT_LABELS, TARGET_GROUP_LABELS
from portal.models.caseload import CefrLevel, EducationLevel, SkillLevel, SupportNeed, TargetGroup
from portal.models.demand import DayPart

EMPTY_ROWS = 1
MAX_ROWS = 30
#: languages offered in the rows (ISO 639 codes), besides Dutch, which has its own field
LANGUAGES = ('en', 'de', 'fr', 'es', 'pt', 'it', 'pl', 'ro', 'bg', 'hu', 'lt', 'lv', 'uk', 'ru', 'tr', 'ar', 'fa',
             'ps', 'ku', 'ti', 'am', 'so', 'ur', 'hi', 'zh', 'vi', 'th', 'id', 'pap', 'srn', 'fy')
POSTCODE_AREA = re.compile(r'[1-9][0-9]{3}')


def _filled(field) -> bool:
    """Whether anything was typed or chosen in this field (or it held something before)."""
    values = field.raw_data if field.raw_data is not None else field.data
    if values is None:
        return False
    if not isinstance(values, list | tuple):
        values = [values]
    return any(str(value).strip() for value in values if value is not None)


def language_name(code: str, locale=None) -> str:
    """The language's name in the reader's language (Babel's list), or the code itself."""
    from babel import Locale

    return Locale.parse(str(locale or get_locale() or 'nl')).languages.get(code, code)


class PercentField(WholeNumberField):
    """A whole percentage; a fraction or a word gets a clear message instead of WTForms' own."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(_l('Fill in a whole percentage from 0 to 100, like 60.')) from None


class ExperienceForm(Form):
    """One occupation the person worked in, with whole years."""

    occupation_id = OccupationField(_l('Occupation'), validators=[DataRequired(message=_l('Choose an occupation.'))])
    years = WholeNumberField(_l('Years of experience'),
                             validators=[InputRequired(message=_l('Fill in the number of years (0 for less than a '
                                                                  'year).')),
                                         NumberRange(min=0, max=60, message=_l('Fill in a number from 0 to 60.'))],
                             description=_l('Whole years; 0 for less than a year.'))

    @property
    def is_empty(self) -> bool:
        return not any(_filled(field) for field in self)

    def validate(self, extra_validators=None) -> bool:
        if self.is_empty:
            return True
        return super().validate(extra_validators)


class LanguageForm(Form):
    """A language other than Dutch, with its level."""

    language = SelectField(_l('Language'), validators=[DataRequired(message=_l('Choose a language.'))])
    level = SelectField(_l('Level'), validators=[DataRequired(message=_l('Choose a level.'))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = [('', _l('Choose a language'))] + sorted(
            ((code, language_name(code)) for code in LANGUAGES), key=lambda choice: choice[1].casefold())
        self.level.choices = [('', _l('Choose a level'))] + [(level.value, CEFR_LABELS[level]) for level in CefrLevel]
        self.language.invalid_choice_message = CHOOSE_ONE
        self.level.invalid_choice_message = CHOOSE_ONE

    def process(self, formdata=None, obj=None, data=None, extra_filters=None, **kwargs):
        super().process(formdata, obj, data, extra_filters, **kwargs)
        # a language saved before that is not in today's list stays a choice
        current = self.language.data
        if current and current not in LANGUAGES:
            self.language.choices.append((current, language_name(current)))

    @property
    def is_empty(self) -> bool:
        return not any(_filled(field) for field in self)

    def validate(self, extra_validators=None) -> bool:
        if self.is_empty:
            return True
        return super().validate(extra_validators)


class CandidateForm(PortalForm):
    """A job seeker's profile; the region's municipalities and staff come in through the constructor."""

    first_name = StringField(_l('First name'), filters=[strip], validators=[Optional(), Length(max=60,
                                                                                              message=MAX_CHARACTERS)],
                             description=_l('Only staff of the municipality see it; employers see the code.'))
    reference = StringField(_l('Reference in the municipality’s own system'), filters=[strip],
                            validators=[Optional(), Length(max=40, message=MAX_CHARACTERS)],
                            description=_l('The client number of your own system, to find the person there. Never '
                                           'a citizen service number (BSN).'))
    municipality_id = SelectField(_l('Municipality'), coerce=optional_int,
                                  validators=[DataRequired(message=_l('Choose the municipality.'))])
    postcode_area = StringField(_l('Postcode area'), filters=[strip], validators=[Optional()],
                                description=_l('Only the four digits of the postcode, like 7772: enough to work out '
                                               'travel distances, not an address.'),
                                render_kw={'inputmode': 'numeric', 'maxlength': 4})
    education_level = SelectField(_l('Highest education'),
                                  validators=[DataRequired(message=_l('Choose the highest education.'))])
    has_driving_licence = BooleanField(_l('Has a driving licence (B)'))
    hours_min = WholeNumberField(_l('Hours per week, at least'),
                                 validators=[InputRequired(message=_l('Fill in the fewest hours per week.')),
                                             NumberRange(min=1, max=60,
                                                         message=_l('Fill in a number of hours from 1 to 60.'))])
    hours_max = WholeNumberField(_l('Hours per week, at most'),
                                 validators=[InputRequired(message=_l('Fill in the most hours per week.')),
                                             NumberRange(min=1, max=60,
                                                         message=_l('Fill in a number of hours from 1 to 60.'))])
    max_travel_km = WholeNumberField(_l('Travels at most (km)'),
                                     validators=[InputRequired(message=_l('Fill in how far the person can travel.')),
                                                 NumberRange(min=0, max=200,
                                                             message=_l('Fill in a distance from 0 to 200 km.'))],
                                     description=_l('One way, in kilometres.'))
    available_from = day_field(_l('Available from'), InputRequired(message=_l('Fill in from when the person is '
                                                                             'available.')))
    day_parts = CheckboxesField(_l('Working times that fit'),
                                choices=[(d.value, DAY_PART_LABELS[d]) for d in DayPart], validators=[Optional()])
    support_needs = CheckboxesField(_l('Support needed to work'),
                                    choices=[(s.value, SUPPORT_LABELS[s]) for s in SupportNeed],
                                    validators=[Optional()],
                                    description=_l('Only support without which the person cannot work: a need '
                                                   'is proposed only to employers who offer it.'))
    target_groups = CheckboxesField(_l('Target groups'), choices=[(t.value, TARGET_GROUP_LABELS[t])
                                                                 for t in TargetGroup], validators=[Optional()])
    loonwaarde = PercentField(_l('Estimated loonwaarde (%)'),
                              validators=[Optional(), NumberRange(min=0, max=100, message=_l(
                                  'Fill in a whole percentage from 0 to 100, like 60.'))],
                              description=_l('The productivity as a percentage of the normal output for the work. '
                                             'An estimate: the municipality’s own measurement decides.'))
    accountmanager_id = SelectField(_l('Account manager'), coerce=optional_int, validators=[Optional()])
    basic_skill_ids = SkillsField(_l('Skills at a basic level'), validators=[Optional()])
    good_skill_ids = SkillsField(_l('Skills at a good level'), validators=[Optional()])
    expert_skill_ids = SkillsField(_l('Skills at an expert level'), validators=[Optional()],
                                   description=_l('A skill has one level: choose it in one of the three lists.'))
    experience = FieldList(FormField(ExperienceForm), min_entries=0, max_entries=MAX_ROWS)
    dutch_level = SelectField(_l('Level of Dutch'), validators=[Optional()],
                              description=_l('Needed for a complete profile.'))
    languages = FieldList(FormField(LanguageForm), min_entries=0, max_entries=MAX_ROWS)
    notes = TextAreaField(_l('Notes for staff'), filters=[strip],
                          validators=[Optional(), Length(max=5000, message=MAX_CHARACTERS)],
                          description=_l('Only staff of the municipality see them. Write only what matching and '
                                         'guidance need.'))
    add_experience = SubmitField(_l('Add another occupation'))
    add_language = SubmitField(_l('Add another language'))

    def __init__(self, *args, municipalities=(), staff=(), reference_taken=None, **kwargs):
        """`reference_taken(reference)`: whether another profile of the region has that reference."""
        super().__init__(*args, **kwargs)
        self.reference_taken = reference_taken
        self.municipality_id.choices = [('', _l('Choose a municipality'))] + [(m.id, m.name) for m in municipalities]
        self.education_level.choices = [('', _l('Choose the highest education'))] + [
            (level.value, EDUCATION_LABELS[level]) for level in EducationLevel]
        self.accountmanager_id.choices = [('', _l('Nobody yet'))] + [(user.id, user.display_name) for user in staff]
        self.dutch_level.choices = [('', _l('Not known yet'))] + [(level.value, CEFR_LABELS[level])
                                                                  for level in CefrLevel]
        for field in (self.municipality_id, self.education_level, self.accountmanager_id, self.day_parts,
                      self.support_needs, self.target_groups, self.dutch_level):
            field.invalid_choice_message = CHOOSE_ONE
        if not self.is_submitted():
            self.add_empty_rows()

    def add_empty_rows(self, which: tuple[str, ...] = ('experience', 'languages')) -> None:
        for name in which:
            rows = self[name]
            for _ in range(EMPTY_ROWS):
                if len(rows) < MAX_ROWS:
                    rows.append_entry()

    @property
    def wants_more_rows(self) -> bool:
        return bool(self.add_experience.data or self.add_language.data)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # the explicit reference check and PortalForm's BSN guard may say the same thing: say it once
        self.reference.errors = list({str(error): error for error in self.reference.errors}.values())
        return valid

    def validate_reference(self, field) -> None:
        if not field.data:
            return
        if find_bsn(field.data) is not None:
            raise ValidationError(BSN_MESSAGE)
        if self.reference_taken is not None and self.reference_taken(field.data):
            raise ValidationError(_l('Another job seeker in your region already has this reference.'))

    def validate_postcode_area(self, field) -> None:
        if field.data and not POSTCODE_AREA.fullmatch(field.data):
            raise ValidationError(_l('Fill in the four digits of the postcode, from 1000 to 9999, like 7772.'))

    def validate_hours_max(self, field) -> None:
        if field.data is not None and self.hours_min.data is not None and self.hours_min.data > field.data:
            raise ValidationError(_l('The most hours per week cannot be fewer than the fewest.'))

    def validate_expert_skill_ids(self, field) -> None:
        chosen = [*(self.basic_skill_ids.data or ()), *(self.good_skill_ids.data or ()), *(field.data or ())]
        if len(chosen) != len(set(chosen)):
            raise ValidationError(_l('A skill has one level: choose it in only one of the three lists.'))

    def validate_experience(self, field) -> None:
        ids = [entry.form.occupation_id.data for entry in field if not entry.form.is_empty]
        if len(ids) != len(set(ids)):
            raise ValidationError(_l('Each occupation once, please: add up the years in one row.'))

    def validate_languages(self, field) -> None:
        codes = [entry.form.language.data for entry in field if not entry.form.is_empty]
        if len(codes) != len(set(codes)):
            raise ValidationError(_l('Each language once, please.'))

    def profile_fields(self) -> dict:
        """What the operations take: the profile's columns and its rows."""
        skills = [(skill_id, level.value) for level, field in ((SkillLevel.BASIC, self.basic_skill_ids),
                                                                (SkillLevel.GOOD, self.good_skill_ids),
                                                                (SkillLevel.EXPERT, self.expert_skill_ids))
                  for skill_id in (field.data or ())]
        languages = [(entry.form.language.data, entry.form.level.data) for entry in self.languages
                     if not entry.form.is_empty]
        if self.dutch_level.data:
            languages.append(('nl', self.dutch_level.data))
        return {
            'municipality_id': self.municipality_id.data, 'postcode_area': self.postcode_area.data or None,
            'first_name': self.first_name.data or None, 'reference': self.reference.data or None,
            'education_level': self.education_level.data, 'has_driving_licence': self.has_driving_licence.data,
            'hours_min': self.hours_min.data, 'hours_max': self.hours_max.data,
            'max_travel_km': self.max_travel_km.data, 'available_from': self.available_from.data,
            'day_parts': list(self.day_parts.data or ()), 'support_needs': list(self.support_needs.data or ()),
            'target_groups': list(self.target_groups.data or ()), 'loonwaarde': self.loonwaarde.data,
            'accountmanager_id': self.accountmanager_id.data, 'notes': self.notes.data or None,
            'skills': skills, 'languages': languages,
            'experience': [(entry.form.occupation_id.data, entry.form.years.data) for entry in self.experience
                           if not entry.form.is_empty],
        }


def initial_data(candidate) -> dict:
    """The form's data for an existing profile."""
    data = {name: getattr(candidate, name) for name in (
        'first_name', 'reference', 'municipality_id', 'postcode_area', 'has_driving_licence', 'hours_min',
        'hours_max', 'max_travel_km', 'available_from', 'loonwaarde', 'accountmanager_id', 'notes')}
    data.update(education_level=candidate.education_level.value, day_parts=list(candidate.day_parts or ()),
                support_needs=list(candidate.support_needs or ()), target_groups=list(candidate.target_groups or ()),
                dutch_level=candidate.dutch_level.value if candidate.dutch_level else '')
    for level in SkillLevel:
        data[f'{level.value}_skill_ids'] = [link.skill_id for link in candidate.skill_links if link.level == level]
    data['experience'] = [{'occupation_id': row.occupation_id, 'years': row.years} for row in candidate.experience]
    data['languages'] = [{'language': row.language, 'level': row.level.value} for row in candidate.languages
                         if row.language != 'nl']
    return data
