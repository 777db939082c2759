"""Route sweep expectations for the caseload, matching, proposals and monitoring (issue 5).

URL arguments (see the `world` fixture): candidate_id, consent_id and import_id of Vechtdal; need_id a
published need of organisation A; proposal_id a proposal sent to organisation A; follow_up_id a due
follow-up of a hire in Vechtdal.
"""

from tests.access.outcomes import (
    COORDINATOR,
    EMPLOYER,
    EMPLOYER_A_ONLY,
    NEW_PROPOSAL,
    PUBLIC,
    STAFF,
    STAFF_VECHTDAL,
)

EXPECTED_MATCHING = {
    # the caseload (staff of the candidate's region); empty POSTs redirect back with a flash
    ('caseload.list_candidates', 'GET'): STAFF,
    ('caseload.new_candidate', 'GET'): STAFF,
    ('caseload.new_candidate', 'POST'): STAFF,
    ('caseload.view_candidate', 'GET'): STAFF_VECHTDAL,
    ('caseload.edit_candidate', 'GET'): STAFF_VECHTDAL,
    ('caseload.edit_candidate', 'POST'): STAFF_VECHTDAL,
    ('caseload.confirm_availability', 'POST'): STAFF_VECHTDAL,
    ('caseload.record_consent', 'POST'): STAFF_VECHTDAL,
    ('caseload.withdraw_consent', 'POST'): STAFF_VECHTDAL,
    ('caseload.pause_candidate', 'POST'): STAFF_VECHTDAL,
    ('caseload.reactivate_candidate', 'POST'): STAFF_VECHTDAL,
    ('caseload.leave_caseload', 'GET'): STAFF_VECHTDAL,
    ('caseload.leave_caseload', 'POST'): STAFF_VECHTDAL,
    # importing candidates from a CSV
    ('caseload.upload_import', 'GET'): STAFF,
    ('caseload.upload_import', 'POST'): STAFF,
    ('caseload.sample_file', 'GET'): STAFF,
    ('caseload.view_import', 'GET'): STAFF_VECHTDAL,
    ('caseload.check_import', 'POST'): STAFF_VECHTDAL,
    ('caseload.run_import', 'POST'): STAFF_VECHTDAL,
    ('caseload.discard_import', 'POST'): STAFF_VECHTDAL,
    # matching for staff; the weights are the coordinators'
    ('matching.open_needs', 'GET'): STAFF,
    ('matching.candidates_for_need', 'GET'): STAFF_VECHTDAL,
    ('matching.needs_for_candidate', 'GET'): STAFF_VECHTDAL,
    ('matching.edit_weights', 'GET'): COORDINATOR,
    ('matching.edit_weights', 'POST'): COORDINATOR,
    ('matching.reset_weights', 'POST'): COORDINATOR,
    # proposals: staff curate and follow them (a SENT proposal: steps it cannot take are refused with a redirect)
    ('proposals.staff_list', 'GET'): STAFF,
    ('proposals.create_proposal', 'GET'): NEW_PROPOSAL,
    ('proposals.create_proposal', 'POST'): NEW_PROPOSAL,
    ('proposals.view_proposal', 'GET'): STAFF_VECHTDAL,
    ('proposals.send_proposal', 'POST'): STAFF_VECHTDAL,
    ('proposals.withdraw_proposal', 'POST'): STAFF_VECHTDAL,
    ('proposals.introduce', 'POST'): STAFF_VECHTDAL,
    ('proposals.record_intake', 'POST'): STAFF_VECHTDAL,
    ('proposals.start_trial', 'POST'): STAFF_VECHTDAL,
    ('proposals.record_hire', 'POST'): STAFF_VECHTDAL,
    ('proposals.record_follow_up', 'POST'): STAFF_VECHTDAL,
    ('proposals.end_proposal', 'POST'): STAFF_VECHTDAL,
    # … and employers answer them: proposals sent to organisation A
    ('proposals.incoming', 'GET'): EMPLOYER,
    ('proposals.employer_view', 'GET'): EMPLOYER_A_ONLY,
    ('proposals.respond', 'POST'): EMPLOYER_A_ONLY,
    # outcomes and the skills gap of the staff member's own region (coordinators export them);
    # the subsidy page is public
    ('monitoring.outcomes', 'GET'): STAFF,
    ('monitoring.export_outcomes', 'GET'): COORDINATOR,
    ('monitoring.skills_gap', 'GET'): STAFF,
    ('monitoring.export_skills_gap', 'GET'): COORDINATOR,
    ('monitoring.subsidy', 'GET'): PUBLIC,
}
