"""What member organisations and chairs fill in: a request to join, the answer to one, the directory entry, the
yearly pledge."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.blueprints.demand.forms import WholeNumberField
from portal.blueprints.network.forms import _optional_int
from portal.blueprints.network.operations_members import MAX_PLEDGE
from portal.blueprints.organisations.fields import MAX_CHARACTERS, strip
from portal.core.forms import PortalForm


class JoinForm(PortalForm):
    network = SelectField(_l('Network'), coerce=_optional_int, validate_choice=False,
                          validators=[DataRequired(message=_l('Choose a network.'))])
    note = TextAreaField(_l('Why your organisation would like to join'), filters=[strip],
                         description=_l('The chair of the network and the municipality read this.'),
                         validators=[Optional(), Length(max=1000, message=MAX_CHARACTERS)])

    def __init__(self, *args, networks: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.network.choices = [('', _l('Choose a network'))] + networks

    def validate_network(self, field) -> None:
        if field.data not in {value for value, _ in self.network.choices if value}:
            raise ValidationError(_l('Choose a network of your region from the list.'))


class DeclineForm(PortalForm):
    reason = TextAreaField(_l('Why the request is declined'), filters=[strip],
                           description=_l('The person who asked reads this in a mail.'),
                           validators=[DataRequired(message=_l('Say why the request is declined.')),
                                       Length(max=1000, message=MAX_CHARACTERS)])


class DirectoryForm(PortalForm):
    in_directory = BooleanField(_l('Show our organisation in the members’ directory'))
    directory_note = TextAreaField(_l('What other members should know'), filters=[strip],
                                   description=_l('For example who to contact, or what you offer or look for.'),
                                   validators=[Optional(), Length(max=1000, message=MAX_CHARACTERS)])


def _count(label) -> WholeNumberField:
    return WholeNumberField(label, default=0,
                            validators=[InputRequired(message=_l('Fill in a number, 0 if none.')),
                                        NumberRange(min=0, max=MAX_PLEDGE,
                                                    message=_l('Fill in a number from 0 to %(max)d.'))])


class PledgeForm(PortalForm):
    job_shadowing_days = _count(_l('Job-shadowing days (meeloopdagen)'))
    workshops = _count(_l('Workshops'))
    company_tours = _count(_l('Company tours'))
    practice_interviews = _count(_l('Practice job interviews'))
    buddy_pairings = _count(_l('Buddy pairings'))
    note = TextAreaField(_l('Note'), filters=[strip], description=_l('For example in which months.'),
                         validators=[Optional(), Length(max=1000, message=MAX_CHARACTERS)])

    def counts(self) -> dict[str, int]:
        return {name: self[name].data for name in ('job_shadowing_days', 'workshops', 'company_tours',
                                                  'practice_interviews', 'buddy_pairings')}
