"""The instrument catalogue: every entry sourced and dated, its rules as data that the texts show."""

from datetime import date
from decimal import Decimal

from portal.core.dbtypes import today
from portal.data.instruments import BY_KEY, INSTRUMENTS
from portal.matching.subsidy import CAP, EMPLOYER_COSTS, in_force


def test_every_entry_has_a_source_and_a_last_checked_date():
    assert [i.key for i in INSTRUMENTS] == ['loonkostensubsidie', 'no-riskpolis', 'proefplaatsing', 'jobcoaching',
                                           'praktijkroute']
    for instrument in INSTRUMENTS:
        assert instrument.source_url.startswith('https://'), instrument.key
        assert '.' in instrument.source_url.split('/')[2]
        assert isinstance(instrument.last_checked, date)
        assert instrument.last_checked <= today()
        assert str(instrument.title)
        assert str(instrument.text)
        assert instrument.rules


def test_the_rules_are_data():
    assert BY_KEY['proefplaatsing'].facts == {'months': 2, 'max_months': 6, 'min_contract_months': 6}
    assert BY_KEY['jobcoaching'].facts['max_years'] == 3
    assert BY_KEY['loonkostensubsidie'].facts['max_years'] is None


def test_the_subsidy_entry_agrees_with_the_calculation():
    facts = BY_KEY['loonkostensubsidie'].facts
    assert Decimal(facts['cap_percent']) / 100 == in_force(CAP, today())
    assert facts['employer_costs_percent'] / 100 == in_force(EMPLOYER_COSTS, today())


def test_every_rule_text_shows_its_facts(app):
    with app.test_request_context(headers={'Accept-Language': 'en'}):
        texts = BY_KEY['proefplaatsing'].rule_texts(str)
        assert texts[0] == 'It lasts 2 months, and can be extended to at most 6 months in total.'
        assert 'at least 6 months' in texts[1]
        assert BY_KEY['loonkostensubsidie'].rule_texts(str)[0] == \
            'The subsidy is never more than 70% of the minimum wage.'
        for instrument in INSTRUMENTS:
            for text in instrument.rule_texts(str):
                assert '%(' not in text, text
                assert '%%' not in text, text
