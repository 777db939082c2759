"""Forms of the staff pages: the reason for rejecting an organisation."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from portal.core.forms import PortalForm

REASON_MIN, REASON_MAX = 10, 1000


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class RejectForm(PortalForm):
    """Why an organisation is not verified; the owner reads it in their mail and on their page."""

    reason = TextAreaField(
        _l('Reason'), filters=[_strip],
        description=_l('The owner reads this in an email and on their organisation page. Say what is wrong and '
                       'what they can correct.'),
        validators=[DataRequired(message=_l('Fill in the reason, so the owner knows what to correct.')),
                    Length(min=REASON_MIN, max=REASON_MAX,
                           message=_l('Use between %(min)d and %(max)d characters.'))],
        render_kw={'rows': 5, 'maxlength': REASON_MAX})
