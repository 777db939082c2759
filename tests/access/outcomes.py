"""The roles the route sweep signs in as, and the outcome rows its expectations are written in."""

ROLES = ('anonymous', 'employer_a', 'employer_b', 'am_vechtdal', 'am_drechtsteden', 'coordinator', 'admin')

# Outcomes: 'ok' (200, or a redirect that is not to sign-in), 'login' (redirect to sign-in),
# 403 and 404. A row gives one outcome per role, in ROLES order.
OK, LOGIN = 'ok', 'login'
PUBLIC = (OK,) * 7
SIGNED_IN = (LOGIN, OK, OK, OK, OK, OK, OK)
EMPLOYER_A = (LOGIN, OK, 404, 403, 403, 403, 403)  # acts on organisation A's own records
ORGANISATION_PAGE = (LOGIN, OK, OK, OK, OK, OK, OK)  # everyone signed in has a page (with or without organisation)
EMPLOYER = (LOGIN, OK, OK, 403, 403, 403, 403)  # acts on the employer's current organisation
STAFF_VECHTDAL = (LOGIN, 403, 403, OK, 404, OK, 403)  # an organisation of Vechtdal
STAFF = (LOGIN, 403, 403, OK, OK, OK, 403)
ADMIN = (LOGIN, 403, 403, 403, 403, 403, OK)
EMPLOYER_A_ONLY = (LOGIN, OK, 404, 403, 403, 403, 403)  # a posting of organisation A, for employers only
COORDINATOR = (LOGIN, 403, 403, 403, 403, OK, 403)
NETWORK_A = (LOGIN, OK, 403, 403, 403, 403, 403)  # organisation A sits in Vechtdal's network, B in none
KEEPERS = (LOGIN, 403, 403, 403, 403, OK, OK)  # coordinators and admins keep the occupations and skills
# proposals: without ?need_id=&candidate_id= there is nothing to propose, so staff get 404 too
NEW_PROPOSAL = (LOGIN, 403, 403, 404, 404, 404, 403)
# an activity of organisation A: its host and the staff of Vechtdal manage it
MANAGERS_A = (LOGIN, OK, 404, OK, 404, OK, 404)
# members of organisation A's network, and the region's coordinator
NETWORK_PAGES = (LOGIN, OK, 403, 403, 403, OK, 403)
# organisation A chairs the network; the coordinator runs the region's
DECIDERS = (LOGIN, OK, 404, 404, 404, OK, 404)
# only the host organisation A (staff moderate employers' offers, they do not edit them)
HOST_A = (LOGIN, OK, 404, 404, 404, 404, 404)
# employers and staff offer activities; the admin has no organisation
OFFERERS = (LOGIN, OK, OK, OK, OK, OK, 403)
# staff of Vechtdal; for everyone else the date does not exist
STAFF_VECHTDAL_404 = (LOGIN, 404, 404, OK, 404, OK, 404)
# nobody may (the world's registration is a job seeker's, confirmed, without feedback)
NOBODY = (LOGIN, 404, 404, 404, 404, 404, 404)
