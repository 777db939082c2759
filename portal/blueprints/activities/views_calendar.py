"""Calendars: one date's .ics, each user's private feed, and the page that shows and resets the feed's address."""

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.blueprints.activities import bp, ical, policy
from portal.blueprints.activities.views_registrations import _visible_slot_or_404
from portal.core.access import allowed_or_404
from portal.core.forms import EmptyForm
from portal.extensions import db


def _ics(content: bytes, filename: str) -> Response:
    response = Response(content, mimetype='text/calendar')
    response.headers['Content-Disposition'] = f'attachment; filename="{filename}"'
    # the feed is personal: no shared cache may keep it
    response.headers['Cache-Control'] = 'private, no-store'
    return response


@bp.get('/activiteiten/tijdslot/<int:slot_id>.ics')
@login_required
def slot_ics(slot_id: int):
    slot = _visible_slot_or_404(slot_id)
    registration = policy.live_registration(slot, user=current_user)
    return _ics(ical.slot_ics(slot, registration=registration), f'activiteit-{slot.activity_id}-{slot.id}.ics')


@bp.get('/agenda/<token>.ics')
def calendar_feed(token: str):
    """Public: the token in the address is the secret (calendar apps cannot sign in)."""
    user = ical.user_for_token(token)
    allowed_or_404(user is not None)
    return _ics(ical.feed(user), 'kansenkamer.ics')


@bp.route('/account/agenda', methods=['GET', 'POST'])
@login_required
def calendar_settings():
    me = current_user._get_current_object()
    form = EmptyForm()
    if form.validate_on_submit():
        ical.reset_calendar_key(me)
        db.session.commit()
        flash(_('You have a new calendar address. The old one no longer works: add the new one to your calendar.'),
              'success')
        return redirect(url_for('activities.calendar_settings'))
    if ical.ensure_calendar_key(me):
        db.session.commit()
    feed_url = url_for('activities.calendar_feed', token=ical.feed_token(me), _external=True)
    webcal_url = 'webcal://' + feed_url.split('://', 1)[1]
    return render_template('activities/registrations/calendar.html', feed_url=feed_url, webcal_url=webcal_url,
                           form=form)
