"""The small forms of the caseload: the list's filter, consent, leaving, and a file to import."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import RadioField, SearchField, SelectField, ValidationError
from wtforms.validators import InputRequired, Length

from portal.blueprints.caseload.labels import CONSENT_LABELS, LEAVE_REASONS
from portal.blueprints.demand.forms import CHOOSE_ONE, day_field
from portal.core.forms import PortalForm
from portal.models.caseload import ConsentScope

#: the largest file an import takes
MAX_IMPORT_BYTES = 5 * 1024 * 1024

#: the filter's choice for "my own candidates" and for "nobody's"
MINE, NOBODY = 'mijn', 'geen'


def _in_choices(field) -> None:
    if field.data not in ('', None) and str(field.data) not in {str(value) for value, _ in field.choices}:
        raise ValidationError(_l('Choose from the list.'))


class CandidateFilterForm(PortalForm):
    """Which of the region's candidates to list (GET: no CSRF token). Dutch names: they are in the address."""

    class Meta:
        csrf = False

    zoek = SearchField(_l('Code or reference'), filters=[lambda v: (v or '').strip()], validators=[Length(max=60)])
    accountmanager = SelectField(_l('Account manager'), default='', validate_choice=False)
    gemeente = SelectField(_l('Municipality'), default='', validate_choice=False)
    actueel = SelectField(_l('Availability'), default='', validate_choice=False)
    toestemming = SelectField(_l('Consent to be proposed'), default='', validate_choice=False)
    profiel = SelectField(_l('Profile'), default='', validate_choice=False)

    def __init__(self, *args, municipalities=(), staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.accountmanager.choices = [('', _l('All account managers')), (MINE, _l('My job seekers')),
                                       (NOBODY, _l('Without an account manager'))] + [
            (str(user.id), user.display_name) for user in staff]
        self.gemeente.choices = [('', _l('All municipalities'))] + [(str(m.id), m.name) for m in municipalities]
        self.actueel.choices = [('', _l('Any')), ('actueel', _l('Confirmed within 8 weeks')),
                                ('verlopen', _l('Not confirmed for 8 weeks: outside matching'))]
        self.toestemming.choices = [('', _l('Any')), ('ja', _l('Given')), ('nee', _l('Not given'))]
        self.profiel.choices = [('', _l('Any')), ('compleet', _l('Complete')),
                                ('onvolledig', _l('Incomplete: not matched'))]

    def validate_accountmanager(self, field) -> None:
        _in_choices(field)

    def validate_gemeente(self, field) -> None:
        _in_choices(field)

    def validate_actueel(self, field) -> None:
        _in_choices(field)

    def validate_toestemming(self, field) -> None:
        _in_choices(field)

    def validate_profiel(self, field) -> None:
        _in_choices(field)


class ConsentForm(PortalForm):
    """Consent the person gave, with its scope and the day they gave it (not in the future)."""

    scope = RadioField(_l('Consent for'), choices=[(s.value, CONSENT_LABELS[s]) for s in ConsentScope],
                       validators=[InputRequired(message=_l('Choose what the consent is for.'))])
    given_on = day_field(_l('Given on'), InputRequired(message=_l('Fill in the day the consent was given.')))

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.scope.invalid_choice_message = CHOOSE_ONE

    def validate_given_on(self, field) -> None:
        if field.data is not None and field.data > self.today:
            raise ValidationError(_l('The date consent was given cannot be in the future.'))


class LeaveForm(PortalForm):
    reason = RadioField(_l('Why the job seeker leaves'), choices=list(LEAVE_REASONS.items()),
                        validators=[InputRequired(message=_l('Choose why the job seeker leaves.'))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.invalid_choice_message = CHOOSE_ONE


class UploadForm(PortalForm):
    """A CSV file of candidates; its size and name are checked here, its content by the dry run."""

    file = FileField(_l('CSV file'), validators=[FileRequired(message=_l('Choose a file to upload.'))],
                     description=_l('A .csv file of at most 5 MB, separated by semicolons (as Dutch Excel saves it) '
                                    'or commas, in UTF-8.'),
                     render_kw={'accept': '.csv,text/csv'})

    def validate_file(self, field) -> None:
        upload = field.data
        if not upload.filename or not upload.filename.lower().endswith('.csv'):
            raise ValidationError(_l('Choose a .csv file. In Excel: “Save as”, then “CSV UTF-8”.'))
        upload.stream.seek(0, 2)
        size = upload.stream.tell()
        upload.stream.seek(0)
        if size > MAX_IMPORT_BYTES:
            raise ValidationError(_l('The file is larger than 5 MB. Split it into smaller files.'))
        if size == 0:
            raise ValidationError(_l('The file is empty.'))
