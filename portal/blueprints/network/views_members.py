"""The members' pages of the networks: the directory, the meetings and the pledges (also for the region's
coordinators); an organisation's own participation (join, directory entry, pledge); requests to join for the chair
and the coordinators."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.blueprints.network import bp, queries_members
from portal.blueprints.network.forms_members import DeclineForm, DirectoryForm, JoinForm, PledgeForm
from portal.blueprints.network.operations_members import (
    PLEDGE_FIELDS,
    approve_request,
    decline_request,
    pledge_years,
    request_to_join,
    set_directory_entry,
    set_pledge,
)
from portal.core.access import allowed_or_404, role_required
from portal.core.dbtypes import today
from portal.core.forms import EmptyForm
from portal.core.operations import OperationRefused, commit_or_flash
from portal.extensions import db
from portal.models.network import Network, NetworkMembership, chaired_networks


def _not_member():
    return render_template('network/not_member.html'), 403


def _may_plan(network: Network) -> bool:
    return network.can_manage(current_user) or network.is_chaired_by(current_user)


@bp.get('/deelnemers')
def directory():
    networks = queries_members.visible_networks(current_user)
    if not networks:
        return _not_member()
    return render_template('network/directory.html', networks=networks,
                           entries={n.id: queries_members.directory(n) for n in networks})


@bp.get('/bijeenkomsten')
def meetings():
    networks = queries_members.visible_networks(current_user)
    if not networks:
        return _not_member()
    upcoming, past = queries_members.meetings([n.id for n in networks])
    return render_template('network/meetings.html', networks=networks, upcoming=upcoming, past=past,
                           planners=[n for n in networks if _may_plan(n)])


def _year() -> int:
    this_year = today().year
    year = request.args.get('jaar', this_year, type=int)
    return year if 2020 <= year <= this_year + 1 else this_year


@bp.get('/toezeggingen')
def pledges():
    networks = queries_members.visible_networks(current_user)
    if not networks:
        return _not_member()
    year = _year()
    return render_template('network/pledges.html', networks=networks, year=year, this_year=today().year,
                           rows={n.id: queries_members.pledge_rows(n, year) for n in networks},
                           fields=PLEDGE_FIELDS)


# The organisation's own participation ---------------------------------------------------------

def _render_participation(join_form: JoinForm | None = None):
    organisation = current_user.current_organisation
    joinable = queries_members.joinable_networks(organisation)
    return render_template('network/participation.html', organisation=organisation,
                           memberships=queries_members.own_memberships(organisation), years=pledge_years(),
                           join_form=join_form or JoinForm(networks=[(n.id, n.name) for n in joinable],
                                                           formdata=None))


@bp.get('/deelname')
@role_required('employer')
def participation():
    return _render_participation()


@bp.post('/deelname/aanvragen')
@role_required('employer')
def request_to_join_network():
    organisation = current_user.current_organisation
    joinable = queries_members.joinable_networks(organisation)
    form = JoinForm(networks=[(n.id, n.name) for n in joinable])
    if not form.validate_on_submit():
        return _render_participation(form)
    network = db.session.get(Network, form.network.data)
    if commit_or_flash(request_to_join, current_user, network, organisation, note=form.note.data):
        flash(_('Your request to join %(network)s is sent. The chair of the network and the municipality decide; '
                'you hear from us by mail.', network=network.name), 'success')
    return redirect(url_for('network.participation'))


def _own_membership_or_404(network_membership_id: int) -> NetworkMembership:
    membership = db.get_or_404(NetworkMembership, network_membership_id)
    allowed_or_404(current_user.membership_of(membership.organisation) is not None)
    return membership


@bp.route('/deelname/<int:network_membership_id>/gids', methods=['GET', 'POST'])
@role_required('employer')
def edit_directory_entry(network_membership_id: int):
    membership = _own_membership_or_404(network_membership_id)
    allowed_or_404(membership.is_active)
    form = DirectoryForm(obj=membership)
    if form.validate_on_submit() and commit_or_flash(set_directory_entry, current_user, membership,
                                                     in_directory=form.in_directory.data,
                                                     note=form.directory_note.data):
        flash(_('Your entry in the members’ directory is saved.'), 'success')
        return redirect(url_for('network.participation'))
    return render_template('network/directory_entry.html', membership=membership, form=form)


@bp.route('/deelname/<int:network_membership_id>/toezegging', methods=['GET', 'POST'])
@role_required('employer')
def edit_pledge(network_membership_id: int):
    membership = _own_membership_or_404(network_membership_id)
    allowed_or_404(membership.is_active)
    years = pledge_years()
    year = request.args.get('jaar', years[0], type=int)
    allowed_or_404(year in years)
    pledge = membership.pledge_for(year)
    form = PledgeForm(obj=pledge)
    if form.validate_on_submit():
        try:
            set_pledge(current_user, membership, year=year, note=form.note.data, **form.counts())
        except OperationRefused as exc:
            db.session.rollback()
            form.form_errors.append(str(exc))
        else:
            db.session.commit()
            flash(_('Your pledge for %(year)s is saved.', year=year), 'success')
            return redirect(url_for('network.pledges', jaar=year))
    return render_template('network/pledge_form.html', membership=membership, form=form, year=year)


# Requests to join -------------------------------------------------------------------------------

@bp.get('/verzoeken')
def join_requests():
    """For coordinators, and for the people of an organisation that chairs a network."""
    if not (current_user.is_coordinator or chaired_networks(current_user)):
        abort(403)
    return render_template('network/requests.html', pending=queries_members.decidable_requests(current_user))


def _decidable_or_404(network_membership_id: int) -> NetworkMembership:
    membership = db.get_or_404(NetworkMembership, network_membership_id)
    allowed_or_404(membership.network.can_decide_requests(current_user))
    return membership


@bp.post('/verzoeken/<int:network_membership_id>/goedkeuren')
def approve_join_request(network_membership_id: int):
    membership = _decidable_or_404(network_membership_id)
    if EmptyForm().validate_on_submit() and commit_or_flash(approve_request, current_user, membership):
        flash(_('%(name)s is now a member of %(network)s. We have let them know by mail.',
                name=membership.organisation.name, network=membership.network.name), 'success')
    return redirect(url_for('network.join_requests'))


@bp.route('/verzoeken/<int:network_membership_id>/afwijzen', methods=['GET', 'POST'])
def decline_join_request(network_membership_id: int):
    membership = _decidable_or_404(network_membership_id)
    if not membership.is_pending:
        flash(_('This request has already been answered.'), 'error')
        return redirect(url_for('network.join_requests'))
    form = DeclineForm()
    if form.validate_on_submit() and commit_or_flash(decline_request, current_user, membership,
                                                     reason=form.reason.data):
        flash(_('The request of %(name)s is declined. We have mailed them the reason.',
                name=membership.organisation.name), 'success')
        return redirect(url_for('network.join_requests'))
    return render_template('network/decline.html', membership=membership, form=form)
