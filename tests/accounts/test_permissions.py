"""Who reaches the account pages: anonymous visitors are sent to log in, every logged-in user
reaches their own pages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OWN_PAGES = [
    "accounts:profile",
    "accounts:personal_data",
    "accounts:password_change",
    "accounts:two_factor",
    "accounts:two_factor_enrol",
    "accounts:two_factor_backup_codes",
    "accounts:two_factor_disable",
]
ROLES = ["participant_0880", "org_contact_0880", "editor_08", "admin_08", "national_user"]


@pytest.mark.parametrize("name", [*OWN_PAGES, "accounts:logout_everywhere"])
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ROLES)
def test_every_logged_in_user_reaches_their_own_pages(request, client_for, role):
    client = client_for(request.getfixturevalue(role))
    for name in OWN_PAGES:
        response = client.get(reverse(name))
        # Pages of the two-factor set-up redirect to the overview when it does not apply.
        assert response.status_code in (200, 302), name
        if response.status_code == 302:
            assert response.url == reverse("accounts:two_factor"), name
    assert client.get(reverse("accounts:logout_everywhere")).status_code == 405


def test_public_log_in_pages(client):
    assert client.get(reverse("accounts:login")).status_code == 200
    assert client.get(reverse("accounts:login_code")).url == reverse("accounts:login")
    assert client.get(reverse("accounts:password_reset")).status_code == 200
