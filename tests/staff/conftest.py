"""The staff tests share the organisation tests' fixtures."""

from tests.organisations.conftest import post, request_context  # noqa: F401
