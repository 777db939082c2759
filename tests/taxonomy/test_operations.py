"""Keeping the list: add, rename, recode, switch off; duplicates and bad codes refused; every change audited."""

import pytest
from flask_babel import refresh
from sqlalchemy import select

from portal.blueprints.taxonomy import operations
from portal.blueprints.taxonomy.operations import TaxonomyRefused
from portal.models.audit import AuditEvent
from portal.models.taxonomy import Occupation, Skill
from tests.factories import make_admin, make_employer, make_need, make_occupation, make_skill, make_staff


@pytest.fixture(autouse=True)
def in_english(app, db):
    """Refusals are translated when read; these tests read them in English."""
    with app.test_request_context('/', headers={'Accept-Language': 'en'}):
        refresh()
        yield
    refresh()


@pytest.fixture
def coordinator(db):
    return make_staff(db, kind='coordinator')


def events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def test_a_coordinator_adds_an_occupation_offered_at_once(db, coordinator):
    occupation = operations.create_occupation(coordinator, isco_code=' 9629 ', label_nl=' Statafelverhuurder ',
                                              label_en='Event furniture renter')
    assert (occupation.isco_code, occupation.label_nl, occupation.is_active) == ('9629', 'Statafelverhuurder', True)
    assert occupation in Occupation.active()
    [event] = events(db, 'occupation.create')
    assert (event.actor_id, event.object_id, event.region_id) == (coordinator.id, str(occupation.id), None)
    assert event.details == {'isco_code': '9629', 'label_nl': 'Statafelverhuurder',
                             'label_en': 'Event furniture renter'}


def test_an_admin_may_add_one_too(db):
    skill = operations.create_skill(make_admin(db), label_nl='Statafels opbouwen', label_en='Setting up tables')
    assert skill.esco_uri is None
    assert skill.is_active
    assert events(db, 'skill.create')[0].details['label_nl'] == 'Statafels opbouwen'


@pytest.mark.parametrize('actor', ['accountmanager', 'employer'])
def test_others_may_not_keep_the_list(db, actor):
    user = make_staff(db) if actor == 'accountmanager' else make_employer(db)
    with pytest.raises(TaxonomyRefused, match='Only coordinators and administrators'):
        operations.create_occupation(user, isco_code='9629', label_nl='Iets', label_en='Something')
    assert events(db, 'occupation.create') == []


@pytest.mark.parametrize(('label_nl', 'label_en', 'message'), [
    ('orderpicker', 'Something new', 'Dutch name'),  # the curated 'Orderpicker', in another case
    ('Iets nieuws', 'ORDER PICKER', 'English name'),
    ('', 'Something', 'in Dutch and in English'),
])
def test_names_must_be_new_in_each_language(db, coordinator, label_nl, label_en, message):
    with pytest.raises(TaxonomyRefused, match=message):
        operations.create_occupation(coordinator, isco_code='9333', label_nl=label_nl, label_en=label_en)


@pytest.mark.parametrize('code', ['933', '93333', '93a3', ''])
def test_the_isco_code_has_four_digits(db, coordinator, code):
    with pytest.raises(TaxonomyRefused, match='4 digits'):
        operations.create_occupation(coordinator, isco_code=code, label_nl='Iets', label_en='Something')


def test_renaming_and_switching_off_is_recorded_with_what_changed(db, coordinator):
    occupation = make_occupation(db, isco_code='9333', label_nl='Inpakhulp', label_en='Packing help')
    changes = operations.update_occupation(coordinator, occupation, isco_code='9321', label_nl='Inpakhulp',
                                           label_en='Packing assistant', is_active=False)
    assert changes == {'isco_code': ['9333', '9321'], 'label_en': ['Packing help', 'Packing assistant'],
                       'is_active': [True, False]}
    assert occupation not in Occupation.active()
    [event] = events(db, 'occupation.update')
    assert event.details == changes
    assert event.actor_id == coordinator.id


def test_saving_without_changes_records_nothing(db, coordinator):
    skill = make_skill(db, label_nl='Kratten stapelen', label_en='Stacking crates')
    assert operations.update_skill(coordinator, skill, label_nl='Kratten stapelen', label_en='Stacking crates',
                                   esco_uri='', is_active=True) == {}
    assert events(db, 'skill.update') == []


def test_an_entry_in_use_is_switched_off_not_deleted_and_the_need_keeps_it(db, coordinator):
    occupation = make_occupation(db, label_nl='Tijdelijk beroep', label_en='Temporary occupation')
    need = make_need(db, occupation=occupation)
    operations.update_occupation(coordinator, occupation, isco_code=occupation.isco_code, label_nl='Tijdelijk beroep',
                                 label_en='Temporary occupation', is_active=False)
    db.session.expire_all()
    assert db.session.get(Occupation, occupation.id) is not None
    assert need.occupation_id == occupation.id
    assert not hasattr(operations, 'delete_occupation')


def test_a_rename_may_not_take_another_entrys_name_but_may_change_its_own_case(db, coordinator):
    skill = make_skill(db, label_nl='Heftruck besturen', label_en='Steering a forklift')
    with pytest.raises(TaxonomyRefused, match='Dutch name'):
        operations.update_skill(coordinator, skill, label_nl='Heftruck rijden', label_en='Steering a forklift',
                                esco_uri=None, is_active=True)
    changes = operations.update_skill(coordinator, skill, label_nl='heftruck besturen', label_en='Steering a forklift',
                                      esco_uri=None, is_active=True)
    assert changes == {'label_nl': ['Heftruck besturen', 'heftruck besturen']}


def test_an_esco_address_must_look_like_one_and_belong_to_one_skill(db, coordinator):
    uri = 'http://data.europa.eu/esco/skill/0a1b2c3d-0000-4000-8000-000000000001'
    skill = operations.create_skill(coordinator, label_nl='Eerste', label_en='First', esco_uri=uri)
    assert skill.esco_uri == uri
    with pytest.raises(TaxonomyRefused, match='Another skill'):
        operations.create_skill(coordinator, label_nl='Tweede', label_en='Second', esco_uri=uri)
    with pytest.raises(TaxonomyRefused, match='starts with'):
        operations.create_skill(coordinator, label_nl='Derde', label_en='Third', esco_uri='https://esco.example/1')
    assert db.session.scalar(select(Skill).where(Skill.label_nl == 'Tweede')) is None


def test_no_mail_is_sent_for_changes_to_the_list(db, coordinator, outbox):
    operations.create_occupation(coordinator, isco_code='9629', label_nl='Stil beroep', label_en='Quiet job')
    assert outbox == []
