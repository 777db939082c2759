"""Every endpoint × every role: deny by default, proven for the whole url_map.

The test walks `app.url_map` and requests each endpoint as anonymous, an employer of
organisation A (Vechtdal), an employer of organisation B (Drechtsteden), an accountmanager
of Vechtdal and of Drechtsteden, a coordinator of Vechtdal, and an admin. URL arguments
point at objects of organisation A or of Vechtdal, so the other organisation and the other
region must get a 404. A route without an entry in EXPECTED fails the test: a new route is
covered the day it is added.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from flask import current_app, url_for

from portal.blueprints.caseload import imports
from portal.blueprints.demand.moderation import submit_for_review
from portal.core.dbtypes import today, utcnow
from portal.core.mail import queue_mail
from portal.core.tokens import random_token
from portal.extensions import limiter
from portal.models.buddies import BuddyOffer, BuddyPairing
from portal.models.caseload import CandidateConsent, ConsentScope
from portal.models.matching import FollowUp
from portal.models.network import NetworkMembership, NetworkMemberStatus
from portal.models.organisations import Invitation
from tests.access.expected_activities import EXPECTED_ACTIVITIES
from tests.access.expected_matching import EXPECTED_MATCHING
from tests.access.outcomes import (
    ADMIN,
    COORDINATOR,
    EMPLOYER,
    EMPLOYER_A,
    EMPLOYER_A_ONLY,
    KEEPERS,
    LOGIN,
    NETWORK_A,
    OK,
    ORGANISATION_PAGE,
    PUBLIC,
    ROLES,
    SIGNED_IN,
    STAFF,
    STAFF_VECHTDAL,
)
from tests.activities.conftest import make_activity, make_registration
from tests.factories import (
    add_member,
    make_admin,
    make_candidate,
    make_need,
    make_network_member,
    make_organisation,
    make_plan,
    make_proposal,
    make_region,
    make_skill,
    make_staff,
    make_user,
)

EXPECTED: dict[tuple[str, str], tuple] = {
    # public pages
    ('main.index', 'GET'): PUBLIC,
    ('main.accessibility', 'GET'): PUBLIC,
    ('main.privacy', 'GET'): PUBLIC,
    ('main.health', 'GET'): PUBLIC,
    ('main.region_theme', 'GET'): PUBLIC,
    ('main.set_language', 'GET'): PUBLIC,
    ('static', 'GET'): PUBLIC,
    # the dev mailbox exists only in development and testing, and answers only this machine
    ('devmail.list_messages', 'GET'): PUBLIC,
    ('devmail.show_message', 'GET'): PUBLIC,
    # getting in: open to all (a signed-in visitor is sent on where that makes sense)
    ('auth.sign_in', 'GET'): PUBLIC,
    ('auth.sign_in', 'POST'): PUBLIC,
    ('auth.register', 'GET'): PUBLIC,
    ('auth.register', 'POST'): PUBLIC,
    ('auth.registered', 'GET'): PUBLIC,
    ('auth.forgot_password', 'GET'): PUBLIC,
    ('auth.forgot_password', 'POST'): PUBLIC,
    ('auth.reset_sent', 'GET'): PUBLIC,
    ('auth.reset_password', 'GET'): PUBLIC,
    ('auth.reset_password', 'POST'): PUBLIC,
    ('auth.verify_email', 'GET'): PUBLIC,
    # a link that is not (or no longer) valid is gone for everyone
    ('auth.accept_invitation', 'GET'): (410,) * 7,
    ('auth.accept_invitation', 'POST'): (410,) * 7,
    # the second step only follows a correct password; without one, back to sign-in
    ('auth.two_step_sign_in', 'GET'): (LOGIN,) * 7,
    ('auth.two_step_sign_in', 'POST'): (LOGIN,) * 7,
    ('auth.sign_out', 'POST'): PUBLIC,
    ('auth.resend_verification', 'GET'): SIGNED_IN,
    ('auth.resend_verification', 'POST'): SIGNED_IN,
    ('auth.two_step_setup', 'GET'): SIGNED_IN,
    ('auth.two_step_setup', 'POST'): SIGNED_IN,
    # nobody in this world has two-step sign-in on, so there is nothing to turn off
    ('auth.two_step_disable', 'POST'): (LOGIN,) + (403,) * 6,
    ('auth.two_step_recovery_codes', 'POST'): SIGNED_IN,
    # my account
    ('account.overview', 'GET'): SIGNED_IN,
    ('account.edit_profile', 'GET'): SIGNED_IN,
    ('account.edit_profile', 'POST'): SIGNED_IN,
    ('account.change_password', 'GET'): SIGNED_IN,
    ('account.change_password', 'POST'): SIGNED_IN,
    ('account.change_email', 'GET'): SIGNED_IN,
    ('account.change_email', 'POST'): SIGNED_IN,
    ('account.export_data', 'GET'): SIGNED_IN,
    ('account.resend_verification', 'POST'): SIGNED_IN,
    ('account.delete_account', 'GET'): SIGNED_IN,
    ('account.delete_account', 'POST'): SIGNED_IN,
    # the employer's organisation
    ('organisations.overview', 'GET'): ORGANISATION_PAGE,
    ('organisations.edit_details', 'GET'): EMPLOYER,
    ('organisations.edit_details', 'POST'): EMPLOYER,
    ('organisations.invite_colleague', 'POST'): EMPLOYER,
    ('organisations.switch_organisation', 'POST'): EMPLOYER,
    ('organisations.leave_organisation', 'GET'): EMPLOYER,
    ('organisations.leave_organisation', 'POST'): EMPLOYER,
    ('organisations.approve_join_request', 'POST'): EMPLOYER_A,
    ('organisations.decline_join_request', 'POST'): EMPLOYER_A,
    ('organisations.remove_member', 'GET'): EMPLOYER_A,
    ('organisations.remove_member', 'POST'): EMPLOYER_A,
    ('organisations.transfer_ownership', 'GET'): EMPLOYER_A,
    ('organisations.transfer_ownership', 'POST'): EMPLOYER_A,
    ('organisations.revoke_invitation', 'POST'): EMPLOYER_A,
    # staff of a region
    ('staff.verification_queue', 'GET'): STAFF,
    ('staff.view_organisation', 'GET'): STAFF_VECHTDAL,
    ('staff.verify_organisation', 'POST'): STAFF_VECHTDAL,
    ('staff.reject_organisation', 'POST'): STAFF_VECHTDAL,
    # the employer's demand (URL arguments: a submitted need and a plan of organisation A)
    ('demand.overview', 'GET'): EMPLOYER,
    ('demand.create_need', 'GET'): EMPLOYER,
    ('demand.create_need', 'POST'): EMPLOYER,
    ('demand.create_plan', 'GET'): EMPLOYER,
    ('demand.create_plan', 'POST'): EMPLOYER,
    **{(f'demand.{verb}_need', method): EMPLOYER_A_ONLY
       for verb, methods in {'view': ('GET',), 'edit': ('GET', 'POST'), 'fill': ('GET', 'POST'),
                             'withdraw': ('GET', 'POST'), 'delete': ('GET', 'POST'), 'submit': ('POST',),
                             'renew': ('POST',)}.items() for method in methods},
    **{(f'demand.{verb}_plan', method): EMPLOYER_A_ONLY
       for verb, methods in {'view': ('GET',), 'edit': ('GET', 'POST'), 'withdraw': ('GET', 'POST'),
                             'delete': ('GET', 'POST'), 'submit': ('POST',)}.items() for method in methods},
    # staff review what employers post (a pending need of organisation A, in Vechtdal)
    ('review.queue', 'GET'): STAFF,
    ('review.view_posting', 'GET'): STAFF_VECHTDAL,
    ('review.approve_posting', 'POST'): STAFF_VECHTDAL,
    ('review.request_changes', 'POST'): STAFF_VECHTDAL,
    ('review.reject_posting', 'POST'): STAFF_VECHTDAL,
    # the region's demand for its staff
    ('regional.demand', 'GET'): STAFF,
    ('regional.export_demand', 'GET'): STAFF,
    ('regional.plans', 'GET'): STAFF,
    ('regional.outlook', 'GET'): STAFF,
    ('regional.export_outlook', 'GET'): STAFF,
    # the regional network
    ('network.demand', 'GET'): NETWORK_A,
    ('network.members', 'GET'): COORDINATOR,
    ('network.create_network', 'POST'): COORDINATOR,
    ('network.add_member', 'POST'): COORDINATOR,
    ('network.end_member', 'POST'): COORDINATOR,
    # occupations and skills
    **{('taxonomy.' + endpoint, method): KEEPERS
       for endpoint, methods in {'overview': ('GET',), 'occupations': ('GET',), 'skills': ('GET',),
                                 'create_occupation': ('GET', 'POST'), 'edit_occupation': ('GET', 'POST'),
                                 'create_skill': ('GET', 'POST'), 'edit_skill': ('GET', 'POST')}.items()
       for method in methods},
    # platform administration
    ('admin.overview', 'GET'): ADMIN,
    ('admin.regions', 'GET'): ADMIN,
    ('admin.create_region', 'GET'): ADMIN,
    ('admin.create_region', 'POST'): ADMIN,
    ('admin.edit_region', 'GET'): ADMIN,
    ('admin.edit_region', 'POST'): ADMIN,
    ('admin.municipalities', 'GET'): ADMIN,
    ('admin.municipalities', 'POST'): ADMIN,
    ('admin.rename_municipality', 'GET'): ADMIN,
    ('admin.rename_municipality', 'POST'): ADMIN,
    ('admin.staff', 'GET'): ADMIN,
    ('admin.create_staff', 'GET'): ADMIN,
    ('admin.create_staff', 'POST'): ADMIN,
    ('admin.edit_staff', 'GET'): ADMIN,
    ('admin.edit_staff', 'POST'): ADMIN,
    ('admin.disable_staff', 'POST'): ADMIN,
    ('admin.enable_staff', 'POST'): ADMIN,
    **EXPECTED_MATCHING,
    **EXPECTED_ACTIVITIES,
}


def _routes(app) -> list[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        for method in rule.methods - {'HEAD', 'OPTIONS'}:
            routes.add((rule.endpoint, method))
    return sorted(routes)


@dataclass
class World:
    users: dict
    args: dict


@pytest.fixture
def world(db) -> World:
    vechtdal = make_region(db, slug='sweep-vechtdal', name='Vechtdal')
    drechtsteden = make_region(db, slug='sweep-drechtsteden', name='Drechtsteden')
    employer_a = make_user(db)
    employer_b = make_user(db)
    organisation_a = make_organisation(db, municipality=vechtdal.municipalities[0], owner=employer_a)
    make_organisation(db, municipality=drechtsteden.municipalities[0], owner=employer_b)
    colleague = add_member(db, organisation_a, make_user(db))
    join_request = add_member(db, organisation_a, make_user(db), status='requested')
    _, token_hash = random_token()
    invitation = Invitation(organisation=organisation_a, email='nieuw@example.nl', token_hash=token_hash,
                            expires_at=utcnow() + timedelta(days=7))
    db.session.add(invitation)
    message = queue_mail('iemand@example.nl', 'core/test_message', locale='nl')
    pending = make_organisation(db, municipality=vechtdal.municipalities[0], owner=make_user(db), status='pending')
    am_vechtdal = make_staff(db, region=vechtdal)
    need = make_need(db, organisation=organisation_a, created_by=employer_a)
    plan = make_plan(db, organisation=organisation_a)
    with current_app.test_request_context():
        submit_for_review(employer_a, need)
    network = make_network_member(db, organisation_a)
    network.chair_organisation = organisation_a
    seat_a = network.members[0]
    asking = make_organisation(db, municipality=vechtdal.municipalities[0], owner=make_user(db))
    network_request = NetworkMembership(organisation=asking, status=NetworkMemberStatus.PENDING)
    network.members.append(network_request)
    # the caseload and matching: a job seeker of Vechtdal (consenting to proposals and activities),
    # a published need of organisation A, a proposal sent to A, a hire with a due follow-up, a CSV import
    candidate = make_candidate(db, region=vechtdal)
    candidate.consents.append(CandidateConsent(scope=ConsentScope.ACTIVITIES, given_on=today(), recorded_at=utcnow()))
    published_need = make_need(db, organisation=organisation_a, state='published')
    sent_proposal = make_proposal(db, need=published_need, candidate=make_candidate(db, region=vechtdal),
                                  state='sent', accountmanager=am_vechtdal)
    hired_proposal = make_proposal(db, need=published_need, candidate=make_candidate(db, region=vechtdal),
                                   state='hired', job_starts_on=today() - timedelta(days=100))
    follow_up = FollowUp(proposal=hired_proposal, month=3, due_on=today() - timedelta(days=8))
    db.session.add(follow_up)
    candidate_import = imports.upload_import(am_vechtdal, vechtdal, filename='k.csv',
                                             raw=b'referentie;gemeente\r\nCL-1;Hardenberg\r\n')
    # activities: a meeloopdag of organisation A for job seekers, with a job seeker registered by staff
    activity = make_activity(db, organisation=organisation_a, created_by=employer_a)
    registration = make_registration(db, activity.slots[0], registered_by=am_vechtdal, candidate=candidate)
    # buddies: employer_a offers to be a buddy and is paired with the job seeker
    offer = BuddyOffer(region_id=vechtdal.id, organisation=organisation_a, user=employer_a, capacity=2,
                       sectors=['C'], availability='Dinsdag', agreed_no_job_guarantee=True)
    pairing = BuddyPairing(region_id=vechtdal.id, offer=offer, candidate=candidate,
                           ends_on=today() + timedelta(days=60), meeting_at=utcnow() + timedelta(days=7),
                           meeting_place='Gemeentehuis')
    db.session.add_all([offer, pairing])
    users = {
        'anonymous': None,
        'employer_a': employer_a,
        'employer_b': employer_b,
        'am_vechtdal': am_vechtdal,
        'am_drechtsteden': make_staff(db, region=drechtsteden),
        'coordinator': make_staff(db, region=vechtdal, kind='coordinator'),
        'admin': make_admin(db),
    }
    # committed (inside the test's transaction), so a view that refuses and rolls back keeps the world
    db.session.commit()
    args = {
        'slug': vechtdal.slug, 'code': 'en', 'filename': 'css/portal.css', 'message_id': message.id,
        'token': 'not-a-valid-token', 'organisation_id': pending.id, 'region_id': vechtdal.id,
        'municipality_id': vechtdal.municipalities[0].id, 'user_id': am_vechtdal.id,
        'invitation_id': invitation.id, 'kind': 'behoefte',
        'posting_id': lambda endpoint: plan.id if endpoint.endswith('_plan') else need.id,
        # approve/decline act on the request to join; end_member on organisation A's seat
        'network_membership_id': lambda endpoint: (network_request.id if endpoint.endswith('join_request')
                                                   else seat_a.id),
        'network_id': network.id,
        'candidate_id': candidate.id, 'consent_id': candidate.consents[0].id, 'import_id': candidate_import.id,
        'need_id': published_need.id, 'proposal_id': sent_proposal.id, 'follow_up_id': follow_up.id,
        'activity_id': activity.id, 'slot_id': activity.slots[0].id, 'registration_id': registration.id,
        'offer_id': offer.id, 'pairing_id': pairing.id,
        'occupation_id': need.occupation_id, 'skill_id': make_skill(db).id,
        # approve/decline act on the join request; remove/transfer on an active colleague
        'membership_id': lambda endpoint: join_request.id if endpoint.endswith('join_request') else colleague.id,
    }
    return World(users, args)


def _url(app, endpoint: str, world: World) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    values = {}
    for name in rule.arguments:
        value = world.args[name]
        if callable(value):
            value = value(endpoint)
        values[name] = value
    with app.test_request_context():
        return url_for(endpoint, **values)


def _outcome(response) -> str | int:
    if response.status_code in (301, 302, 303):
        return LOGIN if '/inloggen' in response.headers['Location'] else OK
    if response.status_code in (200, 400):
        # 400 is a form the empty test request left incomplete: the view was reached
        return OK
    return response.status_code


def test_every_route_has_an_expectation(app):
    missing = [route for route in _routes(app) if route not in EXPECTED]
    stale = [route for route in EXPECTED if route not in _routes(app)]
    assert not missing, f'add these routes to EXPECTED in {__file__}: {missing}'
    assert not stale, f'these routes no longer exist: {stale}'


def _cases() -> list:
    return [pytest.param(role, endpoint, method, id=f'{role}-{endpoint}-{method}')
            for (endpoint, method) in EXPECTED for role in ROLES]


@pytest.mark.parametrize(('role', 'endpoint', 'method'), _cases())
def test_each_role_reaches_exactly_what_it_may(app, client, login, world, outbox, monkeypatch, role, endpoint,
                                               method):
    monkeypatch.setitem(app.config, 'WTF_CSRF_ENABLED', False)  # access is under test here, not CSRF
    limiter.reset()
    user = world.users[role]
    if user is not None:
        login(user)
    url = _url(app, endpoint, world)
    response = client.open(url, method=method, data={})
    expected = EXPECTED[(endpoint, method)][ROLES.index(role)]
    assert _outcome(response) == expected, f'{role}: {method} {url} answered {response.status_code}'
