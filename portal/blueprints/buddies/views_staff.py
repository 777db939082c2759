"""Staff's buddy pages: the region's offers and pairings, pairing a buddy with a job seeker, consent, closing and
stopping, and the region's overview. Everything outside the staff member's region is a 404."""

from dataclasses import dataclass
from datetime import datetime

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.blueprints.buddies import bp, operations_staff, queries
from portal.blueprints.buddies.forms import AGREEMENT, IdentityForm, PairForm, StopForm
from portal.blueprints.buddies.views import moved_on, run
from portal.core.access import allowed_or_404, role_required
from portal.core.dbtypes import TIMEZONE, add_months, today
from portal.core.forms import EmptyForm
from portal.core.operations import commit_or_flash
from portal.extensions import db
from portal.models.buddies import BuddyOffer, BuddyPairing
from portal.models.caseload import Candidate


def _tab(value: str | None, choices) -> str:
    return value if value in choices else next(iter(choices))


def _candidate_code() -> str | None:
    """A job seeker's code handed on from the caseload (?kandidaat=), to pair them with the buddy chosen next."""
    return (request.args.get('kandidaat') or '').strip().upper()[:12] or None


@bp.get('/medewerkers/buddy')
@role_required('staff')
def staff_offers():
    region_id = current_user.staff_region_id
    shown = _tab(request.args.get('toon'), queries.OFFER_FILTERS)
    return render_template('buddies/staff_offers.html', shown=shown, rows=queries.region_offers(region_id, shown),
                           counts=queries.offer_counts(region_id), candidate_code=_candidate_code())


@bp.get('/medewerkers/buddy/koppelingen')
@role_required('staff')
def staff_pairings():
    region_id, day = current_user.staff_region_id, today()
    shown = _tab(request.args.get('toon'), queries.PAIRING_FILTERS)
    return render_template('buddies/staff_pairings.html', shown=shown, today=day,
                           pairings=queries.region_pairings(region_id, shown, day),
                           counts=queries.pairing_counts(region_id, day))


# Pairing ------------------------------------------------------------------------------------

def _offer_of_region_or_404(offer_id: int) -> BuddyOffer:
    offer = db.get_or_404(BuddyOffer, offer_id)
    allowed_or_404(offer.is_staff_of_region(current_user))
    return offer


def _meeting_at(form: PairForm) -> datetime:
    """The meeting's moment from the form's Dutch day and time."""
    return datetime.combine(form.meeting_on.data, form.meeting_time.data, tzinfo=TIMEZONE)


@bp.route('/medewerkers/buddy/aanbod/<int:offer_id>', methods=['GET', 'POST'])
@role_required('staff')
def pair_buddy(offer_id: int):
    offer = _offer_of_region_or_404(offer_id)
    day = today()
    form = PairForm(today=day, latest_end=add_months(day, operations_staff.MAX_MONTHS))
    if request.method == 'GET':
        form.ends_on.data = operations_staff.default_end(day)
        form.candidate_code.data = _candidate_code()
    elif form.validate_on_submit():
        candidate = db.session.scalar(select(Candidate).where(Candidate.code == form.candidate_code.data))
        if candidate is None or candidate.region_id != offer.region_id:
            form.candidate_code.errors.append(_('There is no job seeker with this code in your region’s caseload.'))
        elif pairing := run(form, operations_staff.pair_buddy, current_user, offer, candidate,
                            meeting_at=_meeting_at(form), meeting_place=form.meeting_place.data,
                            ends_on=form.ends_on.data, agreed=form.agreed.data, today=day):
            flash(_('%(buddy)s is paired with %(code)s. We have mailed the buddy the code, the meeting and the end '
                    'of the pairing.', buddy=offer.user.display_name, code=candidate.code), 'success')
            return redirect(url_for('buddies.staff_pairing', pairing_id=pairing.id))
    return render_template('buddies/pair.html', offer=offer, form=form, agreement=AGREEMENT,
                           used=offer.open_count())


# One pairing --------------------------------------------------------------------------------

def _pairing_of_region_or_404(pairing_id: int) -> BuddyPairing:
    pairing = db.get_or_404(BuddyPairing, pairing_id)
    allowed_or_404(pairing.is_staff_of_region(current_user))
    return pairing


def _render_pairing(pairing: BuddyPairing, *, identity_form: IdentityForm | None = None,
                    stop_form: StopForm | None = None):
    day = today()
    if identity_form is None:
        identity_form = IdentityForm(today=day, formdata=None)
        identity_form.consent_on.data = day
    return render_template('buddies/staff_pairing.html', pairing=pairing, today=day, identity_form=identity_form,
                           stop_form=stop_form or StopForm(formdata=None))


@bp.get('/medewerkers/buddy/koppelingen/<int:pairing_id>')
@role_required('staff')
def staff_pairing(pairing_id: int):
    return _render_pairing(_pairing_of_region_or_404(pairing_id))


@bp.post('/medewerkers/buddy/koppelingen/<int:pairing_id>/identiteit')
@role_required('staff')
def disclose_identity(pairing_id: int):
    pairing = _pairing_of_region_or_404(pairing_id)
    if not pairing.can_disclose_identity(current_user):
        return moved_on(url_for('buddies.staff_pairing', pairing_id=pairing.id))
    form = IdentityForm(today=today())
    if form.validate_on_submit() and run(form, operations_staff.disclose_identity, current_user, pairing,
                                         consent_on=form.consent_on.data, has_consent=form.has_consent.data,
                                         name=form.name.data, phone=form.phone.data, email=form.email.data):
        flash(_('The consent is recorded. The buddy now sees the name and contact, and has been told by mail.'),
              'success')
        return redirect(url_for('buddies.staff_pairing', pairing_id=pairing.id))
    return _render_pairing(pairing, identity_form=form)


@bp.post('/medewerkers/buddy/koppelingen/<int:pairing_id>/afsluiten')
@role_required('staff')
def close_pairing(pairing_id: int):
    pairing = _pairing_of_region_or_404(pairing_id)
    if EmptyForm().validate_on_submit() and commit_or_flash(operations_staff.close_pairing, current_user, pairing):
        flash(_('The pairing is closed. We have thanked the buddy by mail.'), 'success')
    return redirect(url_for('buddies.staff_pairing', pairing_id=pairing.id))


@bp.post('/medewerkers/buddy/koppelingen/<int:pairing_id>/stoppen')
@role_required('staff')
def stop_pairing(pairing_id: int):
    pairing = _pairing_of_region_or_404(pairing_id)
    if not pairing.can_stop(current_user):
        return moved_on(url_for('buddies.staff_pairing', pairing_id=pairing.id))
    form = StopForm()
    if form.validate_on_submit() and run(form, operations_staff.stop_pairing, current_user, pairing,
                                         reason=form.reason.data):
        flash(_('The pairing is stopped. We have told the buddy why by mail.'), 'success')
        return redirect(url_for('buddies.staff_pairing', pairing_id=pairing.id))
    return _render_pairing(pairing, stop_form=form)


# The region's overview ----------------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    """A chart with its table, in the shape regional/_chart.html draws."""

    key: str
    title: str
    label_heading: str
    value_headings: tuple[str, ...]
    rows: list


@bp.get('/medewerkers/buddy/overzicht')
@role_required('staff')
def region_overview():
    region_id, day = current_user.staff_region_id, today()
    per_month = Section('per-month', _('Pairings made per month'), _('Month'), (_('Pairings'),),
                        queries.pairings_per_month(region_id, day))
    used, places = queries.offer_places(region_id)
    return render_template('buddies/overview.html', counts=queries.pairing_counts(region_id, day),
                           offers=queries.offer_counts(region_id), used=used, places=places, per_month=per_month,
                           steps=queries.next_steps(region_id))
