"""Forms of the review pages: the reason that goes with sending a posting back or refusing it."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from portal.core.forms import PortalForm

REASON_MIN, REASON_MAX = 10, 2000


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _reason_field(label, description) -> TextAreaField:
    return TextAreaField(
        label, filters=[_strip], description=description,
        validators=[DataRequired(message=_l('Fill in the reason, so the employer knows what to do.')),
                    Length(min=REASON_MIN, max=REASON_MAX, message=_l('Use between %(min)d and %(max)d characters.'))],
        render_kw={'rows': 5, 'maxlength': REASON_MAX})


class RequestChangesForm(PortalForm):
    """What the employer should change before it is published; they read it in a mail and on the posting."""

    reason = _reason_field(_l('What should change'),
                           _l('The employer reads this in an email and on the posting. Say what to add or correct.'))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix='changes', **kwargs)


class RejectForm(PortalForm):
    """Why it is not published at all."""

    reason = _reason_field(_l('Why it is not published'),
                           _l('The employer reads this in an email and on the posting. Explain it kindly and '
                              'clearly.'))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix='reject', **kwargs)
