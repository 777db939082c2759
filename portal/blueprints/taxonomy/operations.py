"""Keeping the shared list of occupations and skills: add, rename, switch off and on again.

Nothing is ever deleted: needs, plans and (later) job seekers' profiles point at these rows, so
an entry that should no longer be chosen is switched off instead. The list serves every region,
so the audit rows carry no region. Operations flush; the view commits.
"""

import re
from typing import Any

from flask_babel import lazy_gettext as _l

from portal.blueprints.taxonomy.queries import esco_uri_taken, label_taken
from portal.core.audit import record_event
from portal.core.operations import OperationRefused
from portal.extensions import db
from portal.models.accounts import User
from portal.models.taxonomy import Occupation, Skill

ISCO_CODE = re.compile(r'^\d{4}$')
#: an ESCO skill concept, e.g. http://data.europa.eu/esco/skill/<identifier>
ESCO_SKILL_URI = re.compile(r'^http://data\.europa\.eu/esco/skill/[A-Za-z0-9][A-Za-z0-9.-]*$')


class TaxonomyRefused(OperationRefused):
    pass


def _apply(obj: Any, **values: Any) -> dict[str, list[Any]]:
    """Set the values that differ and return them as {field: [old, new]}."""
    changes = {}
    for name, value in values.items():
        old = getattr(obj, name)
        if old != value:
            changes[name] = [old, value]
            setattr(obj, name, value)
    return changes


def _check_actor(actor: User) -> None:
    if not (actor.is_coordinator or actor.is_admin):
        raise TaxonomyRefused(_l('Only coordinators and administrators keep this list.'))


def _check_labels(model: type[Occupation] | type[Skill], label_nl: str, label_en: str,
                  exclude_id: int | None) -> None:
    if not label_nl or not label_en:
        raise TaxonomyRefused(_l('Fill in the name in Dutch and in English.'))
    if label_taken(model, 'label_nl', label_nl, exclude_id=exclude_id):
        raise TaxonomyRefused(_l('There is already an entry with this Dutch name.'))
    if label_taken(model, 'label_en', label_en, exclude_id=exclude_id):
        raise TaxonomyRefused(_l('There is already an entry with this English name.'))


def _check_isco(isco_code: str) -> None:
    if not ISCO_CODE.match(isco_code):
        raise TaxonomyRefused(_l('The ISCO-08 code has 4 digits, like 9333.'))


def _check_esco(esco_uri: str | None, exclude_id: int | None) -> None:
    if esco_uri is None:
        return
    if not ESCO_SKILL_URI.match(esco_uri):
        raise TaxonomyRefused(_l('An ESCO address starts with http://data.europa.eu/esco/skill/.'))
    if esco_uri_taken(esco_uri, exclude_id=exclude_id):
        raise TaxonomyRefused(_l('Another skill already has this ESCO address.'))


def create_occupation(actor: User, *, isco_code: str, label_nl: str, label_en: str) -> Occupation:
    """Add an occupation to the list; it is offered in forms at once."""
    _check_actor(actor)
    isco_code, label_nl, label_en = isco_code.strip(), label_nl.strip(), label_en.strip()
    _check_isco(isco_code)
    _check_labels(Occupation, label_nl, label_en, None)
    occupation = Occupation(isco_code=isco_code, label_nl=label_nl, label_en=label_en, is_active=True)
    db.session.add(occupation)
    db.session.flush()
    record_event('occupation.create', actor=actor, obj=occupation,
                 details={'isco_code': isco_code, 'label_nl': label_nl, 'label_en': label_en})
    return occupation


def update_occupation(actor: User, occupation: Occupation, *, isco_code: str, label_nl: str, label_en: str,
                      is_active: bool) -> dict[str, list[Any]]:
    """Rename, recode or switch an occupation off (or on); returns what changed as {field: [old, new]}."""
    _check_actor(actor)
    isco_code, label_nl, label_en = isco_code.strip(), label_nl.strip(), label_en.strip()
    _check_isco(isco_code)
    _check_labels(Occupation, label_nl, label_en, occupation.id)
    changes = _apply(occupation, isco_code=isco_code, label_nl=label_nl, label_en=label_en, is_active=bool(is_active))
    if changes:
        db.session.flush()
        record_event('occupation.update', actor=actor, obj=occupation, details=changes)
    return changes


def create_skill(actor: User, *, label_nl: str, label_en: str, esco_uri: str | None = None) -> Skill:
    """Add a skill to the list; it is offered in forms at once."""
    _check_actor(actor)
    label_nl, label_en, esco_uri = label_nl.strip(), label_en.strip(), (esco_uri or '').strip() or None
    _check_labels(Skill, label_nl, label_en, None)
    _check_esco(esco_uri, None)
    skill = Skill(label_nl=label_nl, label_en=label_en, esco_uri=esco_uri, is_active=True)
    db.session.add(skill)
    db.session.flush()
    record_event('skill.create', actor=actor, obj=skill,
                 details={'label_nl': label_nl, 'label_en': label_en, 'esco_uri': esco_uri})
    return skill


def update_skill(actor: User, skill: Skill, *, label_nl: str, label_en: str, esco_uri: str | None,
                 is_active: bool) -> dict[str, list[Any]]:
    """Rename a skill, set its ESCO address, or switch it off (or on); returns what changed."""
    _check_actor(actor)
    label_nl, label_en, esco_uri = label_nl.strip(), label_en.strip(), (esco_uri or '').strip() or None
    _check_labels(Skill, label_nl, label_en, skill.id)
    _check_esco(esco_uri, skill.id)
    changes = _apply(skill, label_nl=label_nl, label_en=label_en, esco_uri=esco_uri, is_active=bool(is_active))
    if changes:
        db.session.flush()
        record_event('skill.update', actor=actor, obj=skill, details=changes)
    return changes
