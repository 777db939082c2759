"""The filter above the region's demand list (a GET form: nothing changes, so no CSRF token).

Field names are the Dutch query parameters a staff member sees in the address bar and can share.
"""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, SearchField, SelectField, ValidationError
from wtforms.validators import Length

from portal.blueprints.demand.labels import HORIZON_LABELS, OPENNESS_LABELS, STATE_LABELS
from portal.blueprints.regional.queries import SUBMITTED_STATES

#: the openness checkboxes: query parameter -> StaffingNeed column
OPENNESS_PARAMS = {
    'lks': 'open_to_wage_subsidy',
    'jobcoach': 'open_to_job_coach',
    'proefplaatsing': 'open_to_trial_placement',
    'bbl': 'open_to_learn_work',
    'deeltijd': 'open_to_part_time',
    'aangepast': 'open_to_adapted_work',
}

#: the state choice that shows every submitted need
ALL_SUBMITTED = 'alle'

SORT_LABELS = {
    'newest': _l('Newest first'),
    'oldest': _l('Oldest first'),
    'horizon': _l('Needed soonest first'),
    'ends_on': _l('End date, soonest first'),
    'organisation': _l('Organisation, A to Z'),
}


def _in_choices(field) -> None:
    if field.data not in ('', None) and str(field.data) not in {str(value) for value, _ in field.choices}:
        raise ValidationError(_l('Choose from the list.'))


class DemandFilterForm(Form):
    """Which of the region's needs to show; an empty field does not filter."""

    zoek = SearchField(_l('Title contains'), validators=[Length(max=100)], filters=[lambda v: (v or '').strip()])
    beroep = SelectField(_l('Occupation'), default='', validate_choice=False)
    vaardigheid = SelectField(_l('Skill'), default='', validate_choice=False)
    gemeente = SelectField(_l('Municipality of the work'), default='', validate_choice=False)
    termijn = SelectField(_l('When'), default='', validate_choice=False)
    status = SelectField(_l('State'), default='published', validate_choice=False)
    sorteer = SelectField(_l('Order'), default='newest', validate_choice=False)
    lks = BooleanField(OPENNESS_LABELS['open_to_wage_subsidy'])
    jobcoach = BooleanField(OPENNESS_LABELS['open_to_job_coach'])
    proefplaatsing = BooleanField(OPENNESS_LABELS['open_to_trial_placement'])
    bbl = BooleanField(OPENNESS_LABELS['open_to_learn_work'])
    deeltijd = BooleanField(OPENNESS_LABELS['open_to_part_time'])
    aangepast = BooleanField(OPENNESS_LABELS['open_to_adapted_work'])

    def __init__(self, *args, occupations: list[tuple[int, str]], skills: list[tuple[int, str]],
                 municipalities: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.beroep.choices = [('', _l('All occupations'))] + occupations
        self.vaardigheid.choices = [('', _l('All skills'))] + skills
        self.gemeente.choices = [('', _l('All municipalities'))] + municipalities
        self.termijn.choices = [('', _l('Any time'))] + [(h.value, label) for h, label in HORIZON_LABELS.items()]
        self.status.choices = ([(state.value, STATE_LABELS[state]) for state in SUBMITTED_STATES]
                               + [(ALL_SUBMITTED, _l('Every state'))])
        self.sorteer.choices = list(SORT_LABELS.items())

    @property
    def openness_fields(self) -> list:
        return [self[name] for name in OPENNESS_PARAMS]

    def validate_beroep(self, field) -> None:
        _in_choices(field)

    def validate_vaardigheid(self, field) -> None:
        _in_choices(field)

    def validate_gemeente(self, field) -> None:
        _in_choices(field)

    def validate_termijn(self, field) -> None:
        _in_choices(field)

    def validate_status(self, field) -> None:
        _in_choices(field)

    def validate_sorteer(self, field) -> None:
        _in_choices(field)


class PlanFilterForm(Form):
    """Which of the region's innovation plans to show."""

    status = SelectField(_l('State'), default='published', validate_choice=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = ([(state.value, STATE_LABELS[state]) for state in SUBMITTED_STATES
                                if state not in ('filled', 'expired')] + [(ALL_SUBMITTED, _l('Every state'))])

    def validate_status(self, field) -> None:
        _in_choices(field)
