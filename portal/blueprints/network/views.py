"""The regional networks: what their members see of the region's demand, and the coordinator's pages to start,
change and fill the region's networks. The members' own pages are in views_members.py."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.blueprints.network import bp, operations, queries
from portal.blueprints.network.forms import AddMemberForm, NetworkFilterForm, NetworkForm
from portal.blueprints.review.snapshots import lines
from portal.core.access import allowed_or_404, role_required
from portal.core.forms import EmptyForm
from portal.core.operations import OperationRefused, commit_or_flash
from portal.extensions import db
from portal.models.moderation import PostingKind
from portal.models.network import Network, NetworkMembership, network_ids, network_region_ids
from portal.models.organisations import Organisation, OrganisationKind, OrganisationStatus
from portal.models.tenancy import Region


@bp.get('/')
def demand():
    region_ids = network_region_ids(current_user)
    if not region_ids:
        # signed in but not in a network: say what the network is and how to join, rather than a bare 403
        return render_template('network/not_member.html'), 403
    locale = str(get_locale())
    form = NetworkFilterForm(request.args, occupations=queries.occupation_choices(region_ids, locale))
    form.validate()
    occupation_id = int(form.beroep.data) if form.beroep.data and not form.beroep.errors else None
    horizon = form.termijn.data if form.termijn.data and not form.termijn.errors else None
    page = max(request.args.get('pagina', 1, type=int), 1)
    args = {key: value for key, value in request.args.items() if key != 'pagina'}
    return render_template(
        'network/demand.html', form=form, args=args,
        pagination=queries.needs_page(region_ids, occupation_id=occupation_id, horizon=horizon, page=page),
        plans=queries.shared_plans(region_ids, occupation_id=occupation_id, horizon=horizon),
        need_lines=lambda snapshot: lines(PostingKind.NEED, snapshot)[1:],
        plan_lines=lambda snapshot: lines(PostingKind.PLAN, snapshot)[1:],
        networks=db.session.scalars(select(Network).where(Network.id.in_(network_ids(current_user)))
                                    .order_by(Network.name)).all())


# The coordinator's pages --------------------------------------------------------------------

def _verified_organisations(region_id: int, *kinds: OrganisationKind) -> list[tuple[int, str]]:
    """The region's verified organisations (of `kinds` only, if given), by name."""
    query = (select(Organisation.id, Organisation.name)
             .where(Organisation.region_id == region_id, Organisation.status == OrganisationStatus.VERIFIED)
             .order_by(Organisation.name))
    if kinds:
        query = query.where(Organisation.kind.in_(kinds))
    return [tuple(row) for row in db.session.execute(query)]


def _chair_choices(region_id: int) -> list[tuple[int, str]]:
    """Who may chair a network: a verified employer of the region (as operations._check_chair)."""
    return _verified_organisations(region_id, OrganisationKind.EMPLOYER)


def _candidates(network: Network) -> list[tuple[int, str]]:
    """Verified organisations of the region that are not active members."""
    active = {m.organisation_id for m in network.members if m.is_active}
    return [(organisation_id, name) for organisation_id, name in _verified_organisations(network.region_id)
            if organisation_id not in active]


def _region_networks() -> list[Network]:
    return list(db.session.scalars(select(Network).where(Network.region_id == current_user.staff_region_id)
                                   .order_by(Network.name, Network.id)))


def _render_members(form: NetworkForm | None = None):
    form = form or NetworkForm(organisations=_chair_choices(current_user.staff_region_id))
    return render_template('network/members.html', networks=_region_networks(), form=form)


@bp.get('/leden')
@role_required('coordinator')
def members():
    return _render_members()


@bp.post('/leden/netwerk')
@role_required('coordinator')
def create_network():
    form = NetworkForm(organisations=_chair_choices(current_user.staff_region_id))
    if not form.validate_on_submit():
        return _render_members(form)
    region = db.session.get(Region, current_user.staff_region_id)
    chair = db.session.get(Organisation, form.chair.data)
    try:
        network = operations.create_network(current_user, region, name=form.name.data, chair=chair)
    except OperationRefused as exc:
        db.session.rollback()
        flash(str(exc), 'error')
        return redirect(url_for('network.members'))
    db.session.commit()
    flash(_('The network %(name)s is ready. Add its members below.', name=network.name), 'success')
    return redirect(url_for('network.manage_network', network_id=network.id))


def _managed_or_404(network_id: int) -> Network:
    network = db.get_or_404(Network, network_id)
    allowed_or_404(network.can_manage(current_user))
    return network


def _render_manage(network: Network, *, edit_form: NetworkForm | None = None, add_form: AddMemberForm | None = None):
    if edit_form is None:
        edit_form = NetworkForm(organisations=_chair_choices(network.region_id), formdata=None,
                                name=network.name, chair=network.chair_organisation_id)
    return render_template('network/manage.html', network=network, edit_form=edit_form,
                           add_form=add_form or AddMemberForm(organisations=_candidates(network), formdata=None))


@bp.get('/<int:network_id>/beheer')
@role_required('coordinator')
def manage_network(network_id: int):
    return _render_manage(_managed_or_404(network_id))


@bp.post('/<int:network_id>/beheer/gegevens')
@role_required('coordinator')
def edit_network(network_id: int):
    network = _managed_or_404(network_id)
    form = NetworkForm(organisations=_chair_choices(network.region_id))
    if not form.validate_on_submit():
        return _render_manage(network, edit_form=form)
    chair = db.session.get(Organisation, form.chair.data)
    if commit_or_flash(operations.edit_network, current_user, network, name=form.name.data, chair=chair):
        flash(_('The network %(name)s is saved.', name=form.name.data), 'success')
    return redirect(url_for('network.manage_network', network_id=network.id))


@bp.post('/<int:network_id>/beheer/toevoegen')
@role_required('coordinator')
def add_member(network_id: int):
    network = _managed_or_404(network_id)
    form = AddMemberForm(organisations=_candidates(network))
    if not form.validate_on_submit():
        return _render_manage(network, add_form=form)
    organisation = db.session.get(Organisation, form.organisation.data)
    if commit_or_flash(operations.add_member, current_user, network, organisation):
        flash(_('%(name)s is now a member of the network. We have let the owner know by mail.',
                name=organisation.name), 'success')
    return redirect(url_for('network.manage_network', network_id=network.id))


@bp.post('/leden/<int:network_membership_id>/beeindigen')
@role_required('coordinator')
def end_member(network_membership_id: int):
    membership = db.get_or_404(NetworkMembership, network_membership_id)
    allowed_or_404(membership.network.can_manage(current_user))
    if EmptyForm().validate_on_submit() and commit_or_flash(operations.end_member, current_user, membership):
        flash(_('%(name)s is no longer a member of the network.', name=membership.organisation.name), 'success')
    return redirect(url_for('network.manage_network', network_id=membership.network_id))
