"""The coordinator's weights: seven whole numbers of at least 0 that add up to 100."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange

from portal.blueprints.matching.explain import PART_LABELS
from portal.core.forms import PortalForm
from portal.matching import Weights

TOTAL = 100
NOT_WHOLE = _l('Fill in the points, a whole number (0 if the part should not count).')


class PointsField(IntegerField):
    """A whole number of points; anything else gets our own message rather than WTForms' generic one."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(str(NOT_WHOLE)) from exc


def _points(name: str) -> PointsField:
    return PointsField(PART_LABELS[name], validators=[
        InputRequired(message=NOT_WHOLE),
        NumberRange(min=0, max=TOTAL, message=_l('Give a whole number from 0 to 100.'))],
        render_kw={'inputmode': 'numeric', 'min': 0, 'max': TOTAL, 'step': 1})


class WeightsForm(PortalForm):
    skills = _points('skills')
    experience = _points('experience')
    language = _points('language')
    hours = _points('hours')
    distance = _points('distance')
    start = _points('start')
    openness = _points('openness')

    #: set by validate() when every part is a number but they do not add up to 100
    sum_error: str | None = None

    def part_fields(self):
        return [self[name] for name in Weights.PARTS]

    def total(self) -> int | None:
        values = [field.data for field in self.part_fields()]
        return sum(values) if all(isinstance(value, int) for value in values) else None

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        total = self.total()
        if valid and total != TOTAL:
            self.sum_error = str(_l('The points add up to %(total)s; together they must make 100.', total=total))
            self.form_errors.append(self.sum_error)
            return False
        return valid

    def values(self) -> dict[str, int]:
        return {name: self[name].data for name in Weights.PARTS}
