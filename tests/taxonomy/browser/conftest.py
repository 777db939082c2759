"""The pickers in a real browser use the e2e suite's live server, Chromium and its per-test resets."""

from tests.e2e.conftest import (  # noqa: F401 (fixtures, and the e2e overrides of the mail and rate-limit resets)
    _fresh_rate_limits,
    browser,
    live_app,
    live_server,
    mail_guard,
    page,
    visitor,
)
