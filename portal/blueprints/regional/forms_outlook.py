"""The filter above the outlook (a GET form: nothing changes, so no CSRF token)."""

from flask_babel import lazy_gettext as _l
from wtforms import Form, SelectField, ValidationError

from portal.blueprints.demand.labels import HORIZON_LABELS


class OutlookFilterForm(Form):
    """When the demand is expected, and in which municipality of the region; empty means all."""

    horizon = SelectField(_l('Horizon'), default='', validate_choice=False)
    municipality = SelectField(_l('Municipality'), default='', validate_choice=False)

    def __init__(self, *args, municipalities: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.horizon.choices = [('', _l('All horizons'))] + [(h.value, label) for h, label in HORIZON_LABELS.items()]
        self.municipality.choices = [('', _l('All municipalities'))] + municipalities

    def validate_horizon(self, field) -> None:
        if field.data and field.data not in {value for value, _ in self.horizon.choices}:
            raise ValidationError(_l('Choose a horizon from the list.'))

    def validate_municipality(self, field) -> None:
        if field.data and field.data not in {value for value, _ in self.municipality.choices}:
            raise ValidationError(_l('Choose a municipality of your region from the list.'))
