"""The offer form: an activity and its dates as rows ("Add a date" without JavaScript), and the reasons to call off.

Dates and times are typed in Dutch time; `slot()` turns a row into UTC moments for the operations. The
rows are a FieldList like the innovation plan's effects: "Add a date" posts the form back with one more
empty row, keeping everything typed, and empty rows are left out.
"""

from datetime import UTC, datetime, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from portal.blueprints.activities.labels import AUDIENCE_LABELS, KIND_LABELS
from portal.blueprints.activities.offering import MAX_SEATS, MAX_SLOTS, MIN_SEATS
from portal.blueprints.demand.forms import CHOOSE_ONE, WholeNumberField, day_field
from portal.blueprints.organisations.fields import MAX_CHARACTERS, optional_int, strip
from portal.core.dbtypes import TIMEZONE, utcnow
from portal.core.forms import PortalForm
from portal.models.activities import ActivityKind, Audience

EMPTY_ROWS = 1
#: registration closes this long before the start unless the host says otherwise
DEFAULT_CLOSE_BEFORE = timedelta(hours=24)
REASON_MAX = 1000


def to_utc(day, clock) -> datetime:
    """A Dutch date and time as a UTC moment."""
    return datetime.combine(day, clock, tzinfo=TIMEZONE).astimezone(UTC)


def default_closes_at(starts_at: datetime, now: datetime) -> datetime:
    """24 hours before the start; when that has already passed, at the start."""
    closes = starts_at - DEFAULT_CLOSE_BEFORE
    return closes if closes > now else starts_at


def _filled(field) -> bool:
    values = field.raw_data if field.raw_data is not None else field.data
    if values is None:
        return False
    if not isinstance(values, list | tuple):
        values = [values]
    return any(str(value).strip() for value in values if value is not None)


class SlotForm(Form):
    """One date. A new row left empty is not a date; an existing date is removed only by its checkbox."""

    slot_id = HiddenField(filters=[optional_int])
    day = day_field(_l('Date'), DataRequired(message=_l('Fill in the date.')))
    starts = TimeField(_l('Start time'), format=['%H:%M', '%H.%M'], validators=[
        InputRequired(message=_l('Fill in the start time.'))], invalid_value_message=_l('Fill in a time, like 09:30.'))
    ends = TimeField(_l('End time'), format=['%H:%M', '%H.%M'], validators=[
        InputRequired(message=_l('Fill in the end time.'))], invalid_value_message=_l('Fill in a time, like 12:00.'))
    seats = WholeNumberField(_l('Places'), validators=[
        InputRequired(message=_l('Fill in how many people can come.')),
        NumberRange(min=MIN_SEATS, max=MAX_SEATS, message=_l('Fill in a number from 1 to 500.'))])
    closes = DateTimeLocalField(_l('Registration closes'), format=['%Y-%m-%dT%H:%M', '%d-%m-%Y %H:%M'],
                                validators=[Optional()],
                                invalid_value_message=_l('Fill in a date and time, like 21-11-2026 09:30.'),
                                description=_l('Leave empty to close registration 24 hours before the start.'))
    remove = BooleanField(_l('Remove this date'))

    @property
    def is_existing(self) -> bool:
        return self.slot_id.data is not None

    @property
    def is_empty(self) -> bool:
        return not self.is_existing and not any(_filled(f) for f in (self.day, self.starts, self.ends, self.seats,
                                                                      self.closes))

    @property
    def skipped(self) -> bool:
        """Nothing to check: an empty new row, or an existing date to remove."""
        return self.is_empty or (self.is_existing and self.remove.data)

    def validate(self, extra_validators=None) -> bool:
        if self.skipped:
            for field in self:
                field.errors = []
            return True
        if not super().validate(extra_validators):
            return False
        starts_at, ends_at = self.moments()
        if ends_at <= starts_at:
            self.ends.errors.append(str(_l('The end time must be after the start time.')))
            return False
        if self.closes.data is not None and self.closes.data.replace(tzinfo=TIMEZONE) > starts_at:
            self.closes.errors.append(str(_l('Registration must close before the start.')))
            return False
        return True

    def moments(self) -> tuple[datetime, datetime]:
        return to_utc(self.day.data, self.starts.data), to_utc(self.day.data, self.ends.data)

    def slot(self, now: datetime) -> dict:
        """The row as the operations take it (UTC moments)."""
        if self.is_existing and self.remove.data:
            return {'id': self.slot_id.data, 'remove': True}
        starts_at, ends_at = self.moments()
        closes = (self.closes.data.replace(tzinfo=TIMEZONE).astimezone(UTC) if self.closes.data
                  else default_closes_at(starts_at, now))
        return {'id': self.slot_id.data, 'remove': False, 'starts_at': starts_at, 'ends_at': ends_at,
                'seats': self.seats.data, 'registration_closes_at': closes}


def slot_row(slot) -> dict:
    """An existing date as the form shows it, in Dutch time."""
    starts, ends = slot.starts_at.astimezone(TIMEZONE), slot.ends_at.astimezone(TIMEZONE)
    return {'slot_id': slot.id, 'day': starts.date(), 'starts': starts.time(), 'ends': ends.time(),
            'seats': slot.seats, 'closes': slot.registration_closes_at.astimezone(TIMEZONE).replace(tzinfo=None)}


def _https_only(form, field) -> None:
    value = field.data or ''
    if value and (not value.lower().startswith('https://') or len(value) < 12 or ' ' in value):
        raise ValidationError(_l('Fill in a secure web address that starts with https://.'))


class ActivityForm(PortalForm):
    """An activity with one or more dates. `kinds`, `audiences` and `networks` are what the user may choose;
    `starts` maps an existing date's id to its start, so a date that moves must move into the future."""

    kind = RadioField(_l('Kind of activity'), validators=[InputRequired(message=_l('Choose a kind of activity.'))])
    network_id = SelectField(_l('Network'), coerce=optional_int, validate_choice=False,
                             description=_l('Needed for a network meeting, and for an activity for a network.'))
    title = StringField(_l('Title'), filters=[strip], validators=[
        DataRequired(message=_l('Fill in a title.')), Length(max=160, message=MAX_CHARACTERS)],
        description=_l('For example “Meeloopdag in the bakery”.'))
    description = TextAreaField(_l('Description'), filters=[strip], validators=[
        DataRequired(message=_l('Describe the activity.')), Length(max=5000, message=MAX_CHARACTERS)],
        description=_l('What people do and learn, what to bring, and whether the place is accessible.'))
    location = StringField(_l('Address'), filters=[strip], validators=[Optional(), Length(max=255,
                                                                                          message=MAX_CHARACTERS)],
                           description=_l('Street, number and place. Leave empty when it takes place online.'))
    online_url = StringField(_l('Online link'), filters=[strip], validators=[
        Optional(), Length(max=500, message=MAX_CHARACTERS), _https_only],
        description=_l('A video call link that starts with https://. Leave empty when it takes place at an address.'))
    audience = RadioField(_l('For whom'), validate_choice=False)
    requires_approval = BooleanField(_l('I approve each registration before it gets a place'))
    agenda = TextAreaField(_l('Agenda'), filters=[strip], validators=[Optional(), Length(max=5000,
                                                                                        message=MAX_CHARACTERS)])
    minutes = TextAreaField(_l('Minutes'), filters=[strip], validators=[Optional(), Length(max=20000,
                                                                                          message=MAX_CHARACTERS)],
                            description=_l('After the meeting: what was discussed and agreed. Members read them.'))
    slots = FieldList(FormField(SlotForm), min_entries=0, max_entries=MAX_SLOTS)
    add_row = SubmitField(_l('Add a date'))
    save_draft = SubmitField(_l('Save as draft'))
    save_and_submit = SubmitField(_l('Save and submit for approval'))
    publish = SubmitField(_l('Save and publish'))

    def __init__(self, *args, kinds=(), audiences=(), networks=(), starts=None, kept_slots: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(kind.value, KIND_LABELS[kind]) for kind in kinds]
        self.kind.invalid_choice_message = CHOOSE_ONE
        self.audience.choices = [(audience.value, AUDIENCE_LABELS[audience]) for audience in audiences]
        self.network_id.choices = [('', _l('Choose a network'))] + [(n.id, n.name) for n in networks]
        self.starts = starts or {}
        self.kept_slots = kept_slots
        self.slots_error: str | None = None
        if not self.is_submitted() and not self.slots.entries:
            self.add_empty_row()

    @property
    def wants_submit(self) -> bool:
        return bool(self.save_and_submit.data)

    @property
    def wants_publish(self) -> bool:
        return bool(self.publish.data)

    def add_empty_row(self) -> bool:
        if len(self.slots) >= MAX_SLOTS:
            return False
        self.slots.append_entry()
        return True

    @property
    def is_meeting(self) -> bool:
        return self.kind.data == ActivityKind.NETWORK_MEETING.value

    def validate_audience(self, field) -> None:
        if self.is_meeting:
            field.data = Audience.NETWORK.value
            return
        if field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l('Choose for whom the activity is.'))

    def validate_network_id(self, field) -> None:
        needs_network = self.is_meeting or self.audience.data == Audience.NETWORK.value
        if not needs_network:
            field.data = None
        elif field.data not in {value for value, _label in field.choices[1:]}:
            raise ValidationError(_l('Choose the network.'))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not (self.location.data or self.online_url.data):
            self.location.errors = [*self.location.errors,
                                    str(_l('Fill in an address or an online link (or both).'))]
            valid = False
        valid = self._check_moved_dates() and valid
        if self.kept_slots + sum(1 for entry in self.slots if not entry.form.skipped) == 0:
            self.slots_error = str(_l('Add at least one date.'))
            valid = False
        return valid

    def _check_moved_dates(self) -> bool:
        """A new date, or a date whose start moves, must lie in the future."""
        now, valid = utcnow(), True
        for entry in self.slots:
            row = entry.form
            if row.skipped or row.errors or row.day.data is None or row.starts.data is None:
                continue
            starts_at = row.moments()[0]
            if starts_at != self.starts.get(row.slot_id.data) and starts_at <= now:
                row.day.errors = [*row.day.errors, str(_l('Choose a date and time in the future.'))]
                valid = False
        return valid

    def activity_fields(self, now: datetime) -> dict:
        """What the operations take: the activity's fields and its rows (empty ones left out)."""
        return {'kind': self.kind.data, 'network_id': self.network_id.data, 'title': self.title.data,
                'description': self.description.data, 'location': self.location.data or None,
                'online_url': self.online_url.data or None, 'audience': self.audience.data,
                'requires_approval': bool(self.requires_approval.data), 'agenda': self.agenda.data or None,
                'minutes': self.minutes.data or None,
                'slots': [entry.form.slot(now) for entry in self.slots if not entry.form.is_empty]}


class ReasonForm(PortalForm):
    """Why an activity or one of its dates is called off: everyone registered reads it."""

    reason = TextAreaField(_l('Reason'), filters=[strip], validators=[
        DataRequired(message=_l('Give a reason: everyone registered reads it.')),
        Length(max=REASON_MAX, message=MAX_CHARACTERS)],
        description=_l('Everyone registered reads this in their mail.'), render_kw={'rows': 4})


class ActivityFilterForm(Form):
    """Which activities to show (a GET form: nothing changes, so no CSRF token). Dutch query parameters."""

    soort = SelectField(_l('Kind'), default='', validate_choice=False)
    gemeente = SelectField(_l('Municipality of the host'), default='', validate_choice=False)
    van = day_field(_l('From'), Optional())
    tot = day_field(_l('Until'), Optional())
    vrij = BooleanField(_l('Only with places free'))

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.soort.choices = [('', _l('All kinds'))] + [(kind.value, KIND_LABELS[kind]) for kind in ActivityKind]
        self.gemeente.choices = [('', _l('All municipalities'))] + [(str(m.id), m.name) for m in municipalities]

    def kind(self) -> ActivityKind | None:
        return ActivityKind(self.soort.data) if self.soort.data in {k.value for k in ActivityKind} else None

    def municipality_id(self) -> int | None:
        valid = {value for value, _label in self.gemeente.choices[1:]}
        return int(self.gemeente.data) if self.gemeente.data in valid else None
