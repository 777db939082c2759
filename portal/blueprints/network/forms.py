"""Forms of the network pages: the filter of what members see, and the coordinator's network and membership
forms. What member organisations fill in themselves is in forms_members.py."""

from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField, StringField, ValidationError
from wtforms.validators import DataRequired, Length

from portal.blueprints.demand.labels import HORIZON_LABELS
from portal.core.forms import PortalForm


def _optional_int(value) -> int | None:
    try:
        return int(value) if value not in ('', None) else None
    except (TypeError, ValueError):
        return None


def _in_choices(field) -> None:
    if field.data not in ('', None) and str(field.data) not in {str(value) for value, _ in field.choices}:
        raise ValidationError(_l('Choose from the list.'))


class NetworkFilterForm(Form):
    """Occupation and horizon (a GET form: nothing changes, so no CSRF token)."""

    beroep = SelectField(_l('Occupation'), default='', validate_choice=False)
    termijn = SelectField(_l('When'), default='', validate_choice=False)

    def __init__(self, *args, occupations: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.beroep.choices = [('', _l('All occupations'))] + occupations
        self.termijn.choices = [('', _l('Any time'))] + [(h.value, label) for h, label in HORIZON_LABELS.items()]

    def validate_beroep(self, field) -> None:
        _in_choices(field)

    def validate_termijn(self, field) -> None:
        _in_choices(field)


class NetworkForm(PortalForm):
    """A network's name and the verified employer of the region that chairs it."""

    name = StringField(_l('Name of the network'),
                       description=_l('For example the name the entrepreneurs of the region know it by.'),
                       filters=[lambda value: value.strip() if isinstance(value, str) else value],
                       validators=[DataRequired(message=_l('Fill in the name of the network.')),
                                   Length(min=2, max=120, message=_l('Use between %(min)d and %(max)d characters.'))])
    chair = SelectField(_l('Chaired by'), coerce=_optional_int, validate_choice=False,
                        description=_l('A verified employer of the region; it becomes a member, and its people '
                                       'answer requests to join and plan the meetings.'),
                        validators=[DataRequired(message=_l('Choose the organisation that chairs the network.'))])

    def __init__(self, *args, organisations: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.chair.choices = [('', _l('Choose an organisation'))] + organisations

    def validate_chair(self, field) -> None:
        if field.data not in {value for value, _ in self.chair.choices if value}:
            raise ValidationError(_l('Choose a verified employer of your region from the list.'))


class AddMemberForm(PortalForm):
    """A verified organisation of the region that is not a member yet."""

    organisation = SelectField(_l('Organisation'), coerce=_optional_int,
                               validate_choice=False,
                               validators=[DataRequired(message=_l('Choose an organisation.'))])

    def __init__(self, *args, organisations: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation.choices = [('', _l('Choose an organisation'))] + organisations

    def validate_organisation(self, field) -> None:
        if field.data not in {value for value, _ in self.organisation.choices if value}:
            raise ValidationError(_l('Choose a verified organisation of your region from the list.'))
