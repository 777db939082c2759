"""How network facts read on a page and in mail: membership states, organisation kinds and pledge columns."""

from flask_babel import lazy_gettext as _l

from portal.models.network import NetworkMemberStatus
from portal.models.organisations import OrganisationKind

MEMBER_STATUS_LABELS = {
    NetworkMemberStatus.PENDING: _l('Request waiting for an answer'),
    NetworkMemberStatus.ACTIVE: _l('Member'),
    NetworkMemberStatus.ENDED: _l('Membership ended'),
    NetworkMemberStatus.DECLINED: _l('Request declined'),
}

#: the triple helix: business, education, government (and the rest)
KIND_LABELS = {
    OrganisationKind.EMPLOYER: _l('Business'),
    OrganisationKind.EDUCATION: _l('Education'),
    OrganisationKind.GOVERNMENT: _l('Government'),
    OrganisationKind.OTHER: _l('Other'),
}

#: pledge column -> its heading
PLEDGE_LABELS = {
    'job_shadowing_days': _l('Job-shadowing days'),
    'workshops': _l('Workshops'),
    'company_tours': _l('Company tours'),
    'practice_interviews': _l('Practice job interviews'),
    'buddy_pairings': _l('Buddy pairings'),
}


def template_labels() -> dict:
    return {'member_status_labels': MEMBER_STATUS_LABELS, 'organisation_kind_labels': KIND_LABELS,
            'pledge_labels': PLEDGE_LABELS}
