"""The Dutch catalogue is complete and in step with the code: every text the code shows has a
Dutch translation, and the catalogue holds nothing the code no longer uses."""

from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / 'portal/translations/nl/LC_MESSAGES/messages.po'


@pytest.fixture(scope='module')
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp('i18n') / 'messages.pot'
    CommandLineInterface().run(['pybabel', '--quiet', 'extract', '--no-location', '-F', str(ROOT / 'babel.cfg'),
                                '-k', '_l', '-o', str(pot), str(ROOT)])
    with pot.open('rb') as f:
        return read_po(f)


@pytest.fixture(scope='module')
def dutch():
    with CATALOGUE.open('rb') as f:
        return read_po(f, locale='nl')


def _ids(catalog) -> set:
    return {message.id for message in catalog if message.id}


def test_every_text_in_the_code_is_in_the_dutch_catalogue(extracted, dutch):
    missing = _ids(extracted) - _ids(dutch)
    assert not missing, f'run `make messages` and translate: {sorted(map(str, missing))}'


def test_the_dutch_catalogue_has_no_texts_the_code_dropped(extracted, dutch):
    stale = _ids(dutch) - _ids(extracted)
    assert not stale, f'run `make messages` to drop: {sorted(map(str, stale))}'


def test_every_dutch_entry_is_translated_and_not_fuzzy(dutch):
    untranslated = [message.id for message in dutch if message.id and (
        not message.string or (isinstance(message.string, tuple) and not all(message.string))
        or message.fuzzy)]
    assert not untranslated, f'untranslated or fuzzy: {untranslated}'


def test_dutch_placeholders_match_the_english(dutch):
    problems = [(message.id, [str(error) for error in errors]) for message, errors in dutch.check()]
    assert not problems, problems
