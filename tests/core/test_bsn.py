"""No BSN anywhere: not in the schema, and not in any free-text field of any form."""

import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import inspect
from werkzeug.datastructures import MultiDict
from wtforms import FieldList, Form, FormField, StringField, TextAreaField

import portal.blueprints
from portal.core.bsn import contains_bsn, find_bsn
from portal.core.forms import BSN_MESSAGE, PortalForm
from portal.extensions import db


@pytest.mark.parametrize('text', ['123456782', 'BSN: 1234 56 782.', 'nummer 123.456.782', '111-222-333',
                                  'bsn 111222333 2 kinderen', 'tel 06 111222333', '3 123456782',
                                  '111/222/333', '111 / 222 / 333', '111_222_333'])
def test_a_valid_bsn_is_found_however_it_is_written(text):
    assert contains_bsn(text)


@pytest.mark.parametrize('text', [
    '', None, '123456789',  # nine digits that fail the 11-test
    '69599084',  # a KvK number: eight digits
    '0612345678',  # a phone number: ten digits
    'NL91ABNA0417164300', 'werkt 36 uur, vanaf 2026-01-05', '1234567820',
    '06 12 34 56 78', '7771 AB 12', '2 kinderen, 36 uur, 1 auto', 'HDB-2026-0412', '2024/001234',
])
def test_other_numbers_are_not_taken_for_a_bsn(text):
    assert find_bsn(text) is None


def test_no_table_has_a_column_named_like_a_bsn(app):
    with app.app_context():
        inspector = inspect(db.engine)
        for table in inspector.get_table_names():
            for column in inspector.get_columns(table):
                name = column['name'].lower()
                assert not any(word in name for word in ('bsn', 'burgerservicenummer', 'sofinummer')), (table, name)


def _all_form_classes() -> set[type]:
    for module in pkgutil.walk_packages(portal.blueprints.__path__, 'portal.blueprints.'):
        importlib.import_module(module.name)
    found, todo = set(), [FlaskForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return {form for form in found if form.__module__.startswith('portal.')}


def test_every_form_of_the_portal_refuses_a_bsn():
    forms = _all_form_classes()
    assert len(forms) > 20
    strays = sorted(form.__qualname__ for form in forms if not issubclass(form, PortalForm))
    assert strays == []


class _Row(Form):
    note = StringField()


class _Sample(PortalForm):
    class Meta:
        csrf = False

    title = StringField()
    body = TextAreaField()
    rows = FieldList(FormField(_Row), min_entries=1)


def test_a_bsn_in_a_text_field_or_a_subform_is_an_error_at_that_field(app):
    with app.test_request_context():
        form = _Sample(formdata=MultiDict({'title': 'Heftruckchauffeur', 'body': 'bsn 123456782',
                                           'rows-0-note': '111 222 333'}))
        assert not form.validate()
        assert form.body.errors == [BSN_MESSAGE]
        assert form.rows.entries[0].form.note.errors == [BSN_MESSAGE]
        assert form.title.errors == []


def test_text_without_a_bsn_passes(app):
    with app.test_request_context():
        form = _Sample(formdata=MultiDict({'title': 'Kvk 69599084', 'body': 'Bel 0612345678'}))
        assert form.validate()
