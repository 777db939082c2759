"""The review queue and review page as staff of the region, staff elsewhere, employers and anonymous."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event

from portal.blueprints.demand import moderation
from portal.blueprints.review import queries
from portal.core.dbtypes import utcnow
from portal.extensions import db as _db
from portal.models.moderation import PostingState, ReviewState
from tests.factories import (
    make_admin,
    make_employer,
    make_need,
    make_organisation,
    make_plan,
    make_region,
    make_staff,
    make_user,
)

REASON = 'Vermeld ook de werktijden in het weekend.'


@pytest.fixture
def vechtdal(db):
    return make_region(db, name='Vechtdal')


@pytest.fixture
def staff(db, vechtdal):
    return make_staff(db, region=vechtdal, name='Anna Accountmanager', locale='en')


@pytest.fixture
def owner(db):
    return make_user(db, name='Olga Eigenaar', email='olga@bakkerij.nl', locale='en')


@pytest.fixture
def organisation(db, vechtdal, owner):
    return make_organisation(db, region=vechtdal, owner=owner, name='Bakkerij Bol B.V.')


def submitted(db, posting, owner, *, days_ago: int = 0):
    review = moderation.submit_for_review(owner, posting)
    review.submitted_at = utcnow() - timedelta(days=days_ago)
    db.session.flush()
    return review


@pytest.fixture
def need(db, organisation, owner):
    need = make_need(db, organisation=organisation, title='Broodbakker', description='Deeg kneden.\nOvens vullen.')
    submitted(db, need, owner, days_ago=4)
    return need


def url(posting, action: str = '') -> str:
    kind = 'behoefte' if posting.KIND == 'need' else 'plan'
    return f'/medewerkers/beoordelen/{kind}/{posting.id}' + (f'/{action}' if action else '')


def queue_titles(page: str) -> list[str]:
    body = page.split('<tbody', 1)[1] if '<tbody' in page else ''
    return re.findall(r'<a class="utrecht-link" href="/medewerkers/beoordelen/[^"]+">([^<]+)</a>', body)


# Who may come in ---------------------------------------------------------------------------

def test_anonymous_visitors_are_sent_to_sign_in(client, need):
    for address in ('/medewerkers/beoordelen/', url(need)):
        response = client.get(address)
        assert response.status_code == 302
        assert '/inloggen' in response.location


@pytest.mark.parametrize('who', ['owner', 'other employer', 'admin'])
def test_employers_and_admins_without_a_staff_role_are_refused(db, client, login, need, owner, who, post):
    login({'owner': owner, 'other employer': make_employer(db), 'admin': make_admin(db)}[who])
    assert client.get('/medewerkers/beoordelen/').status_code == 403
    assert client.get(url(need)).status_code == 403
    assert post(url(need, 'goedkeuren')).status_code == 403
    assert need.state == PostingState.PENDING


def test_staff_of_another_region_never_see_the_queue_or_the_postings(db, client, login, need, post):
    plan = make_plan(db, organisation=need.organisation, title='Robotisering')
    submitted(db, plan, need.organisation.owner)
    login(make_staff(db, region=make_region(db, name='Drechtsteden'), locale='en'))

    page = client.get('/medewerkers/beoordelen/').text
    assert queue_titles(page) == []
    assert 'Nothing is waiting for a decision' in page
    for posting in (need, plan):
        assert client.get(url(posting)).status_code == 404
        assert post(url(posting, 'goedkeuren')).status_code == 404
        assert post(url(posting, 'wijzigingen-vragen'), {'changes-reason': REASON}).status_code == 404
        assert post(url(posting, 'afwijzen'), {'reject-reason': REASON}).status_code == 404
        assert posting.state == PostingState.PENDING


def test_drafts_are_not_there_for_staff(db, client, login, staff, organisation):
    draft = make_need(db, organisation=organisation)
    login(staff)
    assert client.get(url(draft)).status_code == 404
    assert client.get(f'/medewerkers/beoordelen/vacature/{draft.id}').status_code == 404
    assert client.get('/medewerkers/beoordelen/behoefte/999999').status_code == 404


# The queue ---------------------------------------------------------------------------------

@pytest.mark.usefixtures('request_context')
def test_the_queue_shows_both_kinds_oldest_first_with_the_organisations_record(db, client, login, staff, need,
                                                                            organisation, owner, outbox):
    published = make_need(db, organisation=organisation, title='Orderpicker', state='published')
    published.title = 'Orderpicker nachtdienst'
    submitted(db, published, owner, days_ago=9)
    plan = make_plan(db, organisation=organisation, title='Robotisering')
    submitted(db, plan, owner, days_ago=1)
    # an earlier approval and rejection count in the organisation's record
    for decide in ('approve', 'reject'):
        earlier = make_need(db, organisation=organisation, title=f'Eerder {decide}')
        submitted(db, earlier, owner, days_ago=30)
        if decide == 'approve':
            moderation.approve(staff, earlier)
        else:
            moderation.reject(staff, earlier, reason=REASON)
    elsewhere = make_need(db, organisation=make_organisation(db, owner=make_user(db)), title='Elders')
    submitted(db, elsewhere, elsewhere.organisation.owner, days_ago=50)
    login(staff)

    page = client.get('/medewerkers/beoordelen/').text
    assert queue_titles(page) == ['Orderpicker nachtdienst', 'Broodbakker', 'Robotisering']
    assert '3 waiting for a decision' in page
    assert 'A change to a published version' in page
    assert 'First version' in page
    assert 'Innovation plan' in page
    assert 'Staffing need' in page
    assert f'/medewerkers/organisaties/{organisation.id}' in page
    assert 'Verified' in page
    assert '1 approved, 0 sent back, 1 not approved' in page
    assert 'Olga Eigenaar' in page
    assert '>9</td>' in page
    assert '>4</td>' in page


def test_the_queue_pages_by_fifty(db, client, login, staff, organisation, owner, monkeypatch):
    monkeypatch.setattr(queries, 'PER_PAGE', 2)
    for n in range(3):
        submitted(db, make_need(db, organisation=organisation, title=f'Behoefte {n}'), owner, days_ago=10 - n)
    login(staff)
    first = client.get('/medewerkers/beoordelen/').text
    assert queue_titles(first) == ['Behoefte 0', 'Behoefte 1']
    assert 'pagina=2' in first
    assert queue_titles(client.get('/medewerkers/beoordelen/?pagina=2').text) == ['Behoefte 2']
    assert queue_titles(client.get('/medewerkers/beoordelen/?pagina=9').text) == []


def count_queries(app, fetch) -> int:
    """The SQL statements `fetch` makes, starting from an empty identity map (as a real request does)."""
    _db.session.expunge_all()
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(('SAVEPOINT', 'RELEASE')):
            statements.append(statement)

    engine = _db.engine
    event.listen(engine, 'before_cursor_execute', count)
    try:
        fetch()
    finally:
        event.remove(engine, 'before_cursor_execute', count)
    return len(statements)


def test_the_queue_makes_as_many_queries_for_many_rows_as_for_few(app, db, client, login, staff, vechtdal):
    region_id = vechtdal.id

    def add(n: int) -> None:
        region = db.session.get(type(vechtdal), region_id)
        for _ in range(n):
            owner = make_user(db)
            need = make_need(db, organisation=make_organisation(db, region=region, owner=owner))
            submitted(db, need, owner)

    login(staff)
    add(2)
    few = count_queries(app, lambda: client.get('/medewerkers/beoordelen/'))
    add(10)
    many = count_queries(app, lambda: client.get('/medewerkers/beoordelen/'))
    assert few > 0
    assert many == few


# The review page ---------------------------------------------------------------------------

def test_the_review_page_shows_the_version_under_review_in_full(db, client, login, staff, need):
    login(staff)
    page = client.get(url(need)).text
    assert '<h1 class="utrecht-heading-1">Broodbakker</h1>' in page
    assert 'The version under review' in page
    assert 'Deeg kneden.\nOvens vullen.' in page
    assert '24 to 32 hours a week' in page
    assert 'Within 6 months' in page
    assert 'Fixed-term contract' in page
    assert 'First version' in page
    assert '4 days waiting' in page
    assert 'What changed' not in page
    assert f'action="{url(need, "goedkeuren")}"' in page
    assert 'This is the first time it is reviewed.' in page


def test_a_revision_shows_what_changed_against_the_approved_version(db, client, login, staff, organisation, owner):
    need = make_need(db, organisation=organisation, title='Orderpicker', positions=2, state='published')
    need.title, need.positions = 'Orderpicker nachtdienst', 5
    submitted(db, need, owner)
    login(staff)
    page = client.get(url(need)).text
    changed = page.split('Fields that differ from the approved version', 1)[1].split('</table>', 1)[0]
    assert re.findall(r'<th scope="row" class="utrecht-table__header-cell">([^<]+)</th>', changed) == [
        'Title', 'Number of people']
    assert '<del class="kk-before">Orderpicker</del>' in changed
    assert '<ins class="kk-after">Orderpicker nachtdienst</ins>' in changed
    assert '<del class="kk-before">2</del>' in changed
    assert '<ins class="kk-after">5</ins>' in changed
    assert 'A change to a published version' in page


def test_a_revision_of_a_plan_shows_its_changed_effects(db, client, login, staff, organisation, owner):
    plan = make_plan(db, organisation=organisation, state='published', effects=[{'headcount': 3}])
    plan.effects[0].headcount = 7
    submitted(db, plan, owner)
    login(staff)
    changed = client.get(url(plan)).text.split('Fields that differ', 1)[1].split('</table>', 1)[0]
    assert 'Expected effects on staff' in changed
    assert 'Grows: 3 ×' in changed
    assert 'Grows: 7 ×' in changed


def test_approving_publishes_mails_and_goes_back_to_the_queue(db, client, login, staff, need, post, outbox):
    login(staff)
    response = post(url(need, 'goedkeuren'))
    assert response.status_code == 302
    assert response.location.endswith('/medewerkers/beoordelen/')
    assert need.state == PostingState.PUBLISHED
    assert need.published_snapshot['title'] == 'Broodbakker'
    assert [(m.recipient, m.template) for m in outbox] == [('olga@bakkerij.nl', 'demand/approved')]
    page = client.get(response.location).text
    assert '“Broodbakker” is published. We have let the employer know by mail.' in page
    assert queue_titles(page) == []


def test_asking_for_changes_needs_a_reason_and_keeps_what_was_typed(db, client, login, staff, need, post, outbox):
    login(staff)
    response = post(url(need, 'wijzigingen-vragen'), {'changes-reason': 'Te kort'})
    assert response.status_code == 200
    assert 'Use between 10 and 2000 characters.' in response.text
    assert 'Te kort</textarea>' in response.text
    assert 'aria-invalid="true"' in response.text
    response = post(url(need, 'wijzigingen-vragen'), {'changes-reason': '   '})
    assert 'Fill in the reason, so the employer knows what to do.' in response.text
    assert need.state == PostingState.PENDING
    assert outbox == []

    response = post(url(need, 'wijzigingen-vragen'), {'changes-reason': REASON})
    assert response.status_code == 302
    assert need.state == PostingState.CHANGES_REQUESTED
    assert need.last_decision.reason == REASON
    assert [m.template for m in outbox] == ['demand/changes_requested']
    assert 'We have asked Bakkerij Bol B.V. to change “Broodbakker”' in client.get(response.location).text


def test_rejecting_needs_a_reason(db, client, login, staff, need, post, outbox):
    login(staff)
    response = post(url(need, 'afwijzen'), {'reject-reason': ''})
    assert 'Fill in the reason, so the employer knows what to do.' in response.text
    assert need.state == PostingState.PENDING

    response = post(url(need, 'afwijzen'), {'reject-reason': REASON})
    assert response.status_code == 302
    assert need.state == PostingState.REJECTED
    assert [m.template for m in outbox] == ['demand/rejected']
    assert '“Broodbakker” is not published.' in client.get(response.location).text


def test_a_dutch_staff_member_reads_the_page_in_dutch(db, client, login, vechtdal, need):
    login(make_staff(db, region=vechtdal, locale='nl'))
    page = client.get(url(need)).text
    assert '<html lang="nl"' in page


def test_after_the_decision_the_page_shows_it_and_no_form(db, client, login, staff, need, post, outbox):
    login(staff)
    post(url(need, 'afwijzen'), {'reject-reason': REASON})
    page = client.get(url(need)).text
    assert response_has_no_decision_form(page, need)
    assert 'Nothing to decide' in page
    assert 'Last decision: Not approved, on' in page
    assert 'by Anna Accountmanager' in page
    assert REASON in page
    # a second decision is refused with a message, and changes nothing
    response = post(url(need, 'goedkeuren'), follow_redirects=True)
    assert 'There is no review waiting here for you to decide on.' in response.text
    assert need.state == PostingState.REJECTED
    assert len(outbox) == 1


def response_has_no_decision_form(page: str, posting) -> bool:
    return url(posting, 'goedkeuren') not in page and 'Your decision' not in page


def test_earlier_reviews_of_the_posting_are_listed(db, client, login, staff, need, owner, post, outbox):
    login(staff)
    post(url(need, 'wijzigingen-vragen'), {'changes-reason': REASON})
    need.title = 'Broodbakker (nacht)'
    submitted(db, need, owner)
    page = client.get(url(need)).text
    history = page.split('Earlier reviews', 1)[1]
    assert 'Changes requested' in history
    assert REASON in history
    assert 'Anna Accountmanager' in history
    assert url(need, 'goedkeuren') in page


def test_a_withdrawn_posting_shows_that_nothing_was_decided(db, client, login, staff, need, owner):
    moderation.withdraw(owner, need)
    login(staff)
    page = client.get(url(need)).text
    assert 'No decision was made on this; the employer withdrew it before that.' in page
    assert 'Withdrawn by the employer' in page
    assert response_has_no_decision_form(page, need)


def test_a_coordinator_of_the_region_decides_too(db, client, login, vechtdal, need, post, outbox):
    login(make_staff(db, region=vechtdal, kind='coordinator'))
    assert post(url(need, 'goedkeuren')).status_code == 302
    assert need.pending_review is None
    assert need.last_decision.state == ReviewState.APPROVED
