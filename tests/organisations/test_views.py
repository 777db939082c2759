"""The organisation pages as the owner, a colleague, an employer of another organisation, staff and anonymous."""

import pytest
from sqlalchemy import select

from portal.models.audit import AuditEvent
from portal.models.organisations import Invitation, MemberRole, Membership, MembershipStatus, OrganisationStatus
from tests.factories import add_member, make_employer, make_organisation, make_staff, make_user


@pytest.fixture
def owner(db):
    return make_user(db, name='Olga Eigenaar', email='olga@bakkerij.nl', locale='en')


@pytest.fixture
def organisation(db, owner):
    return make_organisation(db, owner=owner, name='Bakkerij Bol B.V.', kvk_number='12345678')


@pytest.fixture
def colleague(db, organisation):
    user = make_user(db, name='Cor Collega', email='cor@bakkerij.nl', locale='en')
    add_member(db, organisation, user)
    return user


@pytest.fixture
def stranger(db):
    """An employer who owns another organisation."""
    return make_employer(db)


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


# Who sees what ---------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_sign_in(client, post):
    for url in ('/organisatie/', '/organisatie/gegevens', '/organisatie/verlaten'):
        response = client.get(url)
        assert response.status_code == 302
        assert '/inloggen' in response.location
    assert '/inloggen' in post('/organisatie/collega-uitnodigen').location


def test_the_owner_sees_details_members_requests_invitations_and_the_invite_form(db, client, login, owner,
                                                                                 organisation, colleague):
    add_member(db, organisation, make_user(db, name='Vera Vraagt'), status='requested')
    db.session.add(Invitation(organisation=organisation, email='open@bakkerij.nl', invited_by=owner,
                              token_hash='x' * 64, expires_at=_in_days(3)))
    db.session.flush()
    login(owner)
    page = client.get('/organisatie/').text
    assert '<h1 class="utrecht-heading-1">Bakkerij Bol B.V.</h1>' in page
    assert '12345678' in page
    assert 'Cor Collega' in page
    assert 'Owner' in page
    assert 'Vera Vraagt' in page
    assert 'open@bakkerij.nl' in page
    assert 'Send invitation' in page
    assert 'Edit details' in page
    assert 'Make Cor Collega the owner' in page
    assert 'Remove Cor Collega' in page
    assert '/organisatie/verlaten' not in page
    assert 'first make a colleague the owner' in page


def test_a_colleague_sees_details_and_members_but_no_owner_tools(db, client, login, organisation, colleague):
    add_member(db, organisation, make_user(db, name='Vera Vraagt'), status='requested')
    login(colleague)
    page = client.get('/organisatie/').text
    assert 'Bakkerij Bol B.V.' in page
    assert 'Olga Eigenaar' in page
    assert 'Send invitation' not in page
    assert 'Edit details' not in page
    assert 'Vera Vraagt' not in page
    assert 'Remove Olga' not in page
    assert '/organisatie/verlaten' in page


@pytest.mark.parametrize(('status', 'text'), [
    ('pending', 'you can prepare drafts but nothing is published'),
    ('verified', 'The municipality verified your organisation on'),
    ('rejected', 'Onbekend bij de KvK'),
])
def test_the_overview_explains_the_verification_status(db, client, login, status, text):
    user = make_user(db, locale='en')
    make_organisation(db, owner=user, status=status)
    login(user)
    assert text in client.get('/organisatie/').text


def test_someone_without_an_organisation_sees_their_open_request(db, client, login, organisation):
    user = make_user(db, locale='en')
    add_member(db, organisation, user, status='requested')
    login(user)
    page = client.get('/organisatie/').text
    assert 'You asked to work for the organisation below' in page
    assert 'Bakkerij Bol B.V.' in page


def test_staff_without_an_organisation_get_the_empty_page(db, client, login):
    login(make_staff(db, locale='en'))
    assert 'You do not work for an organisation in this portal yet' in client.get('/organisatie/').text


def test_an_unconfirmed_email_address_is_sent_to_the_account_page(db, client, login):
    user = make_user(db, verified=False)
    make_organisation(db, owner=user)
    login(user)
    assert '/account/' in client.get('/organisatie/').location


# Inviting --------------------------------------------------------------------------------

def test_the_owner_invites_a_colleague(db, client, login, owner, organisation, outbox, post):
    login(owner)
    response = post('/organisatie/collega-uitnodigen', data={'email': 'Nieuw@Bakkerij.nl'})
    assert response.status_code == 302
    assert response.location == '/organisatie/'
    [invitation] = organisation.invitations
    assert invitation.email == 'nieuw@bakkerij.nl'
    assert [m.template for m in outbox] == ['organisations/invitation']
    assert 'organisation.invite' in actions(db)
    assert 'We have sent an invitation to nieuw@bakkerij.nl' in client.get('/organisatie/').text


@pytest.mark.parametrize(('email', 'error'), [
    ('', 'Fill in your colleague’s email address.'),
    ('geen-adres', 'Fill in a valid email address, like naam@bedrijf.nl.'),
    ('cor@bakkerij.nl', 'This person already works for your organisation here.'),
])
def test_bad_invitations_re_render_the_page_with_the_error(db, client, login, owner, organisation, colleague,
                                                           email, error, post):
    login(owner)
    response = post('/organisatie/collega-uitnodigen', data={'email': email})
    assert response.status_code == 200
    assert error.replace('’', '&#39;') in response.text or error in response.text
    assert 'aria-invalid="true"' in response.text
    assert f'value="{email}"' in response.text
    assert not organisation.invitations


def test_a_dutch_owner_gets_the_error_tied_to_the_field(db, client, login, organisation, outbox, post):
    dutch_owner = make_user(db, locale='nl')
    other = make_organisation(db, owner=dutch_owner)
    login(dutch_owner)
    response = post('/organisatie/collega-uitnodigen', data={'email': 'geen-adres'})
    assert response.status_code == 200
    assert 'id="email-error"' in response.text
    assert '<html lang="nl"' in response.text
    assert not other.invitations


def test_a_form_without_its_csrf_token_is_refused(db, client, login, owner, organisation):
    login(owner)
    response = client.post('/organisatie/collega-uitnodigen', data={'email': 'nieuw@bakkerij.nl'})
    assert response.status_code == 400
    assert not organisation.invitations


def test_a_colleague_cannot_invite(db, client, login, colleague, post):
    login(colleague)
    assert post('/organisatie/collega-uitnodigen', data={'email': 'x@y.nl'}).status_code == 404


def test_revoking_an_invitation(db, client, login, owner, organisation, stranger, post):
    invitation = Invitation(organisation=organisation, email='open@bakkerij.nl', invited_by=owner,
                            token_hash='y' * 64, expires_at=_in_days(3))
    db.session.add(invitation)
    db.session.flush()
    login(stranger)
    assert post(f'/organisatie/uitnodigingen/{invitation.id}/intrekken').status_code == 404
    login(owner)
    assert post(f'/organisatie/uitnodigingen/{invitation.id}/intrekken').status_code == 302
    assert invitation.revoked_at is not None
    post(f'/organisatie/uitnodigingen/{invitation.id}/intrekken')
    assert 'This invitation was already used, withdrawn or has expired.' in client.get('/organisatie/').text
    assert actions(db).count('organisation.revoke_invitation') == 1


# Members ---------------------------------------------------------------------------------

def test_removing_a_member_asks_for_confirmation_first(db, client, login, owner, organisation, colleague, outbox, post):
    membership_id = colleague.membership_of(organisation).id
    login(owner)
    page = client.get(f'/organisatie/leden/{membership_id}/verwijderen').text
    assert 'Remove Cor Collega?' in page
    assert not outbox
    response = post(f'/organisatie/leden/{membership_id}/verwijderen')
    assert response.status_code == 302
    assert db.session.get(Membership, membership_id) is None
    assert [m.template for m in outbox] == ['organisations/member_removed']
    assert 'Cor Collega is no longer a member' in client.get('/organisatie/').text


def test_remove_and_transfer_are_404_for_the_owner_row_colleagues_and_strangers(db, client, login, post, owner,
                                                                                organisation, colleague, stranger):
    own = owner.membership_of(organisation).id
    theirs = colleague.membership_of(organisation).id
    login(owner)
    assert client.get(f'/organisatie/leden/{own}/verwijderen').status_code == 404
    assert client.get(f'/organisatie/leden/{own}/eigenaar-maken').status_code == 404
    for user in (colleague, stranger):
        login(user)
        for url in (f'/organisatie/leden/{theirs}/verwijderen', f'/organisatie/leden/{theirs}/eigenaar-maken'):
            assert client.get(url).status_code == 404
            assert post(url).status_code == 404
    assert colleague.membership_of(organisation) is not None
    assert organisation.owner is owner


def test_handing_over_ownership(db, client, login, owner, organisation, colleague, outbox, post):
    membership = colleague.membership_of(organisation)
    login(owner)
    assert 'Make Cor Collega the owner?' in client.get(f'/organisatie/leden/{membership.id}/eigenaar-maken').text
    assert post(f'/organisatie/leden/{membership.id}/eigenaar-maken').status_code == 302
    assert organisation.owner.id == colleague.id
    assert owner.membership_of(organisation).role == MemberRole.MEMBER
    assert sorted(m.template for m in outbox) == ['organisations/ownership_handed_over',
                                                  'organisations/ownership_received']
    page = client.get('/organisatie/').text
    assert 'Cor Collega is now the owner of Bakkerij Bol B.V.' in page
    assert 'Send invitation' not in page


# Join requests ---------------------------------------------------------------------------

def test_approving_and_declining_join_requests(db, client, login, owner, organisation, stranger, outbox, post):
    yes = add_member(db, organisation, make_user(db, name='Ja Nee'), status='requested')
    no = add_member(db, organisation, make_user(db, name='Nee Ja'), status='requested')
    login(stranger)
    assert post(f'/organisatie/aanvragen/{yes.id}/goedkeuren').status_code == 404
    assert post(f'/organisatie/aanvragen/{no.id}/afwijzen').status_code == 404
    login(owner)
    assert post(f'/organisatie/aanvragen/{yes.id}/goedkeuren').status_code == 302
    assert post(f'/organisatie/aanvragen/{no.id}/afwijzen').status_code == 302
    assert yes.status == MembershipStatus.ACTIVE
    assert db.session.get(Membership, no.id) is None
    assert [m.template for m in outbox] == ['organisations/join_approved', 'organisations/join_declined']
    # an answered request is no longer a request
    assert post(f'/organisatie/aanvragen/{yes.id}/goedkeuren').status_code == 404


# Details ---------------------------------------------------------------------------------

def form_data(organisation, **changes) -> dict:
    data = {'name': organisation.name, 'vestigingsnummer': '', 'sbi_section': 'H', 'sbi_code': '49.41',
            'size_class': '10-49', 'municipality_id': str(organisation.municipality_id),
            'visiting_postcode': '7772ab', 'website': 'www.bol.nl'}
    data.update(changes)
    return data


def test_the_owner_edits_details_and_a_new_name_sends_it_back_to_verification(db, client, login, owner,
                                                                              organisation, post):
    login(owner)
    page = client.get('/organisatie/gegevens').text
    assert 'value="Bakkerij Bol B.V."' in page
    assert 'If you change its name or municipality' in page
    response = post('/organisatie/gegevens', data=form_data(organisation, name='Bol & Zonen'))
    assert response.status_code == 302
    assert organisation.name == 'Bol & Zonen'
    assert organisation.status == OrganisationStatus.PENDING
    assert organisation.website == 'https://www.bol.nl'
    assert organisation.sbi_code == '4941'
    assert organisation.visiting_postcode == '7772 AB'
    assert 'will check them again' in client.get('/organisatie/').text
    assert 'organisation.update' in actions(db)


def test_a_small_change_keeps_the_organisation_verified(db, client, login, owner, organisation, post):
    login(owner)
    post('/organisatie/gegevens', data=form_data(organisation, size_class='250+'))
    assert organisation.status == OrganisationStatus.VERIFIED
    assert organisation.size_class.value == '250+'


@pytest.mark.parametrize(('field', 'value', 'error'), [
    ('name', '', 'Fill in the name of the organisation.'),
    ('visiting_postcode', '12', 'Fill in a Dutch postcode, like 7772 AB.'),
    ('vestigingsnummer', '123', 'A branch number has exactly 12 digits.'),
    ('sbi_code', '01.13', 'This SBI code does not belong to the sector you chose.'),
    ('municipality_id', '999999', 'Choose one of the options.'),
])
def test_bad_details_re_render_with_the_error_and_keep_the_input(db, client, login, owner, organisation,
                                                                 field, value, error, post):
    login(owner)
    response = post('/organisatie/gegevens', data=form_data(organisation, **{field: value},
                                                                   website='www.ingetypt.nl'))
    assert response.status_code == 200
    assert error in response.text
    assert 'www.ingetypt.nl"' in response.text
    assert organisation.website is None
    assert not actions(db)


def test_only_the_owner_may_edit_details(db, client, login, colleague, post):
    login(colleague)
    assert client.get('/organisatie/gegevens').status_code == 404
    assert post('/organisatie/gegevens', data={'name': 'Overgenomen'}).status_code == 404


# Switching and leaving -------------------------------------------------------------------

def test_switching_between_organisations(db, client, login, owner, organisation, stranger, post):
    second = make_organisation(db, name='Tweede Zaak')
    add_member(db, second, owner)
    login(owner)
    page = client.get('/organisatie/').text
    assert 'Switch' in page
    assert 'Tweede Zaak' in page
    assert post('/organisatie/wisselen', data={'organisation_id': second.id}).status_code == 302
    assert owner.current_organisation_id == second.id
    assert '<h1 class="utrecht-heading-1">Tweede Zaak</h1>' in client.get('/organisatie/').text
    # an organisation one does not belong to is not a choice
    other = stranger.current_organisation
    post('/organisatie/wisselen', data={'organisation_id': other.id})
    assert owner.current_organisation_id == second.id
    assert actions(db) == ['user.switch_organisation']


def test_someone_with_one_organisation_sees_no_switcher(client, login, owner, organisation):
    login(owner)
    assert '/organisatie/wisselen' not in client.get('/organisatie/').text


def test_a_colleague_leaves(db, client, login, organisation, colleague, post):
    login(colleague)
    assert 'Leave Bakkerij Bol B.V.?' in client.get('/organisatie/verlaten').text
    assert post('/organisatie/verlaten').status_code == 302
    assert colleague.membership_of(organisation) is None
    assert 'You have left Bakkerij Bol B.V.' in client.get('/organisatie/').text


def test_the_owner_cannot_leave(db, client, login, owner, organisation, post):
    login(owner)
    assert 'first make a colleague the owner' in client.get('/organisatie/verlaten').text
    post('/organisatie/verlaten')
    assert owner.membership_of(organisation) is not None
    assert not actions(db)


def _in_days(days: int):
    from datetime import timedelta

    from portal.core.dbtypes import utcnow

    return utcnow() + timedelta(days=days)
