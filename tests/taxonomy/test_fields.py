"""OccupationField and SkillsField: native selects that hold ids, offer the active entries in the reader's
language, keep an entry that was switched off for the posting that uses it, and render for the picker script."""

import re

import pytest
from flask import render_template_string
from flask_babel import refresh
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms.validators import DataRequired, Optional

from portal.blueprints.taxonomy.fields import OccupationField, SkillsField
from tests.factories import make_occupation, make_skill, make_user


class PostingForm(FlaskForm):
    class Meta:
        csrf = False

    occupation_id = OccupationField('Occupation', validators=[DataRequired(message='Choose an occupation.')])
    skill_ids = SkillsField('Skills', validators=[Optional()], description='Pick what matters most.')


@pytest.fixture
def english(app, db, login, client):
    """A request in English (the field reads the language when the form is made)."""
    with app.test_request_context('/', headers={'Accept-Language': 'en'}):
        yield


def values(field) -> list[str]:
    return [choice.value for choice in field.choices]


def test_the_fields_hold_ids(db, english):
    occupation = make_occupation(db, label_nl='Proefberoep', label_en='Test occupation')
    skills = [make_skill(db, label_nl=f'Proef {i}', label_en=f'Trial {i}') for i in range(2)]
    form = PostingForm(MultiDict([('occupation_id', str(occupation.id)), ('skill_ids', str(skills[0].id)),
                                  ('skill_ids', str(skills[1].id))]))
    assert form.validate(), form.errors
    assert form.occupation_id.data == occupation.id
    assert form.skill_ids.data == [skills[0].id, skills[1].id]


def test_nothing_chosen_is_none_and_the_required_message_shows(db, english):
    form = PostingForm(MultiDict())
    assert not form.validate()
    assert form.occupation_id.data is None
    assert form.skill_ids.data in (None, [])
    assert form.occupation_id.errors == ['Choose an occupation.']


def test_an_id_that_is_not_offered_is_refused_in_words(db, english):
    switched_off = make_occupation(db, label_nl='Uitgezet', label_en='Switched off')
    switched_off.is_active = False
    skill = make_skill(db, label_nl='Uitgezette vaardigheid', label_en='Switched-off skill')
    skill.is_active = False
    db.session.flush()
    form = PostingForm(MultiDict([('occupation_id', str(switched_off.id)), ('skill_ids', str(skill.id))]))
    assert not form.validate()
    assert form.occupation_id.errors == ['Choose an occupation from the list.']
    assert form.skill_ids.errors == ['Choose skills from the list.']
    form = PostingForm(MultiDict([('occupation_id', 'abc'), ('skill_ids', 'abc')]))
    assert not form.validate()
    assert form.occupation_id.errors == ['Choose an occupation.']  # nothing usable was chosen
    assert form.skill_ids.errors == ['Choose skills from the list.']


def test_a_posting_keeps_an_entry_that_was_switched_off_since(db, english):
    occupation = make_occupation(db, label_nl='Oud beroep', label_en='Old occupation')
    skill = make_skill(db, label_nl='Oude vaardigheid', label_en='Old skill')
    occupation.is_active = skill.is_active = False
    db.session.flush()
    # the form as the demand views build it: the posting's current values, then what was posted
    form = PostingForm(MultiDict([('occupation_id', str(occupation.id)), ('skill_ids', str(skill.id))]),
                       data={'occupation_id': occupation.id, 'skill_ids': [skill]})
    assert form.validate(), form.errors
    assert str(occupation.id) in values(form.occupation_id)
    assert 'Old occupation (no longer in the list)' in str(form.occupation_id())
    # but a new posting is not offered it
    assert str(occupation.id) not in values(PostingForm().occupation_id)


def test_choices_are_in_the_readers_language_sorted_by_it_with_the_other_language_to_search(db, app):
    with app.test_request_context('/', headers={'Accept-Language': 'en'}):
        html = str(PostingForm().occupation_id())
    labels = re.findall(r'<option[^>]*>([^<]+)</option>', html)
    assert labels[0] == 'Choose an occupation'
    assert labels[1:] == sorted(labels[1:], key=str.casefold)
    assert 'data-search="Heftruckchauffeur 8344"' in html
    assert 'data-hint="ISCO 8344"' in html
    with app.test_request_context('/', headers={'Accept-Language': 'nl'}):
        refresh()  # the language was worked out for the previous request already
        html = str(PostingForm().occupation_id())
    assert '>Heftruckchauffeur</option>' in html
    assert 'data-search="Forklift driver 8344"' in html


def test_the_selects_carry_what_the_picker_script_looks_for(db, english):
    form = PostingForm()
    assert 'data-picker="occupation"' in str(form.occupation_id())
    skills = str(form.skill_ids())
    assert 'data-picker="skills"' in skills
    assert 'multiple' in skills
    assert 'size="8"' in skills


@pytest.mark.parametrize('template', [
    "{% from '_form.html' import field %}{{ field(form.occupation_id) }}{{ field(form.skill_ids) }}",
    "{% from 'taxonomy/_pickers.html' import occupation_picker, skills_picker %}"
    "{{ occupation_picker(form.occupation_id) }}{{ skills_picker(form.skill_ids) }}",
])
def test_both_macros_render_labelled_described_selects(db, english, template):
    form = PostingForm(MultiDict())
    form.validate()
    html = render_template_string(template, form=form)
    assert '<label class="utrecht-form-label" for="occupation_id">Occupation</label>' in html
    assert '<label class="utrecht-form-label" for="skill_ids">Skills <span class="kk-optional">' in html
    assert 'aria-describedby="occupation_id-error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="skill_ids-hint skill_ids-howto"' in html
    assert 'hold Ctrl (Cmd on a Mac)' in html
    assert 'data-picker-for="skill_ids"' in html
    assert 'data-text-remove="Remove {label}"' in html
    assert 'data-text-results="Suggestions: {count}. Use the arrow keys to choose."' in html
    assert 'class="utrecht-select utrecht-select--html-select kk-picker__select utrecht-select--invalid"' in html


def test_every_page_loads_the_script_once_and_without_inline_code(db, client, login):
    login(make_user(db))
    page = client.get('/account/').get_data(as_text=True)
    assert page.count('<script') == 1
    assert re.search(r'<script src="/static/js/picker\.js" defer></script>', page)
    assert client.get('/static/js/picker.js').status_code == 200
