"""How organisation facts read on a page: status, role and size class, in the user's language (sectors: core.sbi)."""

from flask_babel import lazy_gettext as _l

from portal.core import sbi
from portal.models.organisations import MemberRole, OrganisationStatus, SizeClass

STATUS_LABELS = {
    OrganisationStatus.PENDING: _l('Waiting for verification'),
    OrganisationStatus.VERIFIED: _l('Verified'),
    OrganisationStatus.REJECTED: _l('Not approved'),
}

#: the Utrecht status badge modifier per status
STATUS_BADGES = {
    OrganisationStatus.PENDING: 'warning',
    OrganisationStatus.VERIFIED: 'success',
    OrganisationStatus.REJECTED: 'danger',
}

ROLE_LABELS = {
    MemberRole.OWNER: _l('Owner'),
    MemberRole.MEMBER: _l('Colleague'),
}

SIZE_LABELS = {
    SizeClass.ONE: _l('Just me'),
    SizeClass.SMALL: _l('2 to 9 people'),
    SizeClass.MEDIUM_SMALL: _l('10 to 49 people'),
    SizeClass.MEDIUM: _l('50 to 249 people'),
    SizeClass.LARGE: _l('250 people or more'),
}


def template_labels() -> dict:
    """The label tables, for templates of every area that show an organisation."""
    return {'status_labels': STATUS_LABELS, 'status_badges': STATUS_BADGES, 'role_labels': ROLE_LABELS,
            'size_labels': SIZE_LABELS,
            'sbi_sections': {letter: section.label for letter, section in sbi.SECTIONS.items()}}
