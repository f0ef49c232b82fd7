import pytest

from samordna.core.audit import log_action

pytestmark = pytest.mark.django_db


def test_county_admin_reads_only_own_countys_audit_entries(
    client_for, admin_08, editor_08, editor_06
):
    log_action(actor=editor_08, action="organisations.person.updated", county_code="08")
    log_action(actor=editor_06, action="organisations.person.created", county_code="06")
    page = client_for(admin_08).get("/granskningslogg/").context["page"]
    actions = [entry.action for entry in page.object_list]
    assert "organisations.person.updated" in actions
    assert "organisations.person.created" not in actions


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("editor_08", 403), ("national", 403), ("admin_08", 200)],
)
def test_audit_log_is_for_county_admins(role, expected, client_for, request):
    user = (
        None
        if role == "anonymous"
        else request.getfixturevalue(
            {"editor_08": "editor_08", "national": "national_user", "admin_08": "admin_08"}[role]
        )
    )
    assert client_for(user).get("/granskningslogg/").status_code == expected


def test_audit_log_search(client_for, admin_08, editor_08):
    log_action(actor=editor_08, action="plans.activity.created", county_code="08")
    log_action(actor=editor_08, action="events.event.created", county_code="08")
    page = client_for(admin_08).get("/granskningslogg/", {"q": "plans."}).context["page"]
    assert [entry.action for entry in page.object_list] == ["plans.activity.created"]
