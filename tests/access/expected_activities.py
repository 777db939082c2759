"""Route sweep expectations for activities, registrations, calendars, buddies and networks (issue 6).

URL arguments (see the `world` fixture): slot_id a slot of a published meeloopdag of organisation A;
registration_id a job seeker's registration on it; offer_id and pairing_id organisation A's buddy offer
and a pairing; network_id Vechtdal's network, which organisation A chairs.
"""

from tests.access.outcomes import (
    COORDINATOR,
    DECIDERS,
    EMPLOYER,
    EMPLOYER_A,
    HOST_A,
    MANAGERS_A,
    NETWORK_PAGES,
    NOBODY,
    OFFERERS,
    SIGNED_IN,
    STAFF,
    STAFF_VECHTDAL,
    STAFF_VECHTDAL_404,
)

EXPECTED_ACTIVITIES = {
    # offering, browsing and running activities (activity_id: organisation A's published meeloopdag)
    ('activities.list_activities', 'GET'): SIGNED_IN,
    ('activities.view_activity', 'GET'): MANAGERS_A,
    ('activities.new_activity', 'GET'): OFFERERS,
    ('activities.new_activity', 'POST'): OFFERERS,
    ('activities.edit_activity', 'GET'): HOST_A,
    ('activities.edit_activity', 'POST'): HOST_A,
    ('activities.submit_activity', 'POST'): HOST_A,
    ('activities.publish_activity', 'POST'): HOST_A,
    ('activities.withdraw_activity', 'POST'): HOST_A,
    ('activities.delete_activity', 'POST'): HOST_A,
    ('activities.manage_activity', 'GET'): MANAGERS_A,
    ('activities.my_offers', 'GET'): SIGNED_IN,
    ('activities.cancel_activity', 'GET'): MANAGERS_A,
    ('activities.cancel_activity', 'POST'): MANAGERS_A,
    ('activities.cancel_slot', 'GET'): MANAGERS_A,
    ('activities.cancel_slot', 'POST'): MANAGERS_A,
    ('activities.mail_participants', 'GET'): STAFF_VECHTDAL_404,
    ('activities.mail_participants', 'POST'): STAFF_VECHTDAL_404,
    # host feedback and ratings: the world's registration is confirmed, not attended
    ('activities.feedback', 'GET'): NOBODY,
    ('activities.feedback', 'POST'): NOBODY,
    ('activities.rate_activity', 'POST'): NOBODY,
    # registrations and calendars
    ('activities.register', 'POST'): MANAGERS_A,
    ('activities.register_candidate', 'POST'): STAFF_VECHTDAL,
    ('activities.cancel_registration', 'POST'): MANAGERS_A,
    ('activities.approve_registration', 'POST'): MANAGERS_A,
    ('activities.decline_registration', 'POST'): MANAGERS_A,
    ('activities.mark_attendance', 'POST'): MANAGERS_A,
    ('activities.slot_registrations', 'GET'): MANAGERS_A,
    ('activities.slot_ics', 'GET'): MANAGERS_A,
    ('activities.my_registrations', 'GET'): SIGNED_IN,
    ('activities.calendar_feed', 'GET'): (404,) * 7,  # the token is not valid for anyone
    ('activities.calendar_settings', 'GET'): SIGNED_IN,
    ('activities.calendar_settings', 'POST'): SIGNED_IN,
    # buddies: the employer's offer and pairings (employer_a is the buddy of the world's offer and pairing)
    ('buddies.offer', 'GET'): EMPLOYER,
    ('buddies.offer', 'POST'): EMPLOYER,
    ('buddies.pause_offer', 'POST'): EMPLOYER_A,
    ('buddies.resume_offer', 'POST'): EMPLOYER_A,
    ('buddies.my_pairings', 'GET'): EMPLOYER,
    ('buddies.view_pairing', 'GET'): EMPLOYER_A,
    ('buddies.record_meeting', 'POST'): EMPLOYER_A,
    ('buddies.give_feedback', 'POST'): EMPLOYER_A,
    # buddies: staff of the region
    ('buddies.staff_offers', 'GET'): STAFF,
    ('buddies.staff_pairings', 'GET'): STAFF,
    ('buddies.region_overview', 'GET'): STAFF,
    ('buddies.pair_buddy', 'GET'): STAFF_VECHTDAL,
    ('buddies.pair_buddy', 'POST'): STAFF_VECHTDAL,
    ('buddies.staff_pairing', 'GET'): STAFF_VECHTDAL,
    ('buddies.disclose_identity', 'POST'): STAFF_VECHTDAL,
    ('buddies.close_pairing', 'POST'): STAFF_VECHTDAL,
    ('buddies.stop_pairing', 'POST'): STAFF_VECHTDAL,
    # the networks: coordinators manage them; members see the directory, meetings and pledges
    ('network.manage_network', 'GET'): COORDINATOR,
    ('network.edit_network', 'POST'): COORDINATOR,
    ('network.directory', 'GET'): NETWORK_PAGES,
    ('network.meetings', 'GET'): NETWORK_PAGES,
    ('network.pledges', 'GET'): NETWORK_PAGES,
    ('network.join_requests', 'GET'): NETWORK_PAGES,  # employer_a: organisation A chairs the network
    ('network.participation', 'GET'): EMPLOYER,
    ('network.request_to_join_network', 'POST'): EMPLOYER,
    ('network.edit_directory_entry', 'GET'): EMPLOYER_A,
    ('network.edit_directory_entry', 'POST'): EMPLOYER_A,
    ('network.edit_pledge', 'GET'): EMPLOYER_A,
    ('network.edit_pledge', 'POST'): EMPLOYER_A,
    ('network.approve_join_request', 'POST'): DECIDERS,
    ('network.decline_join_request', 'GET'): DECIDERS,
    ('network.decline_join_request', 'POST'): DECIDERS,
}
