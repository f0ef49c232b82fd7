import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from samordna.accounts.models import Role, RoleAssignment, User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "extra", "scope"),
    [
        ("participant", ["--organisation", "0880"], "organisation"),
        ("organisation_contact", ["--organisation", "0880"], "organisation"),
        ("county_editor", ["--county", "08"], "county"),
        ("county_admin", ["--county", "08"], "county"),
        ("national", [], None),
    ],
)
def test_create_user_for_every_role(role, extra, scope, monkeypatch, capsys):
    monkeypatch.setenv("SAMORDNA_PASSWORD", "ett-losenord-som-duger-1")
    call_command("create_user", f"{role}@example.se", "--role", role, *extra)
    user = User.objects.get(email=f"{role}@example.se")
    assert user.check_password("ett-losenord-som-duger-1")
    assignment = RoleAssignment.objects.get(user=user)
    assert assignment.role == role
    if scope == "county":
        assert assignment.county.code == "08"
    elif scope == "organisation":
        assert assignment.organisation.code == "0880"
    else:
        assert assignment.county is None and assignment.organisation is None
    assert "Lösenord" not in capsys.readouterr().out


def test_create_user_prints_a_generated_password_once(monkeypatch, capsys):
    monkeypatch.delenv("SAMORDNA_PASSWORD", raising=False)
    call_command("create_user", "ny@example.se", "--role", "national")
    output = capsys.readouterr().out
    password = output.split("Lösenord (visas bara nu): ")[1].strip()
    assert User.objects.get(email="ny@example.se").check_password(password)


def test_create_user_refuses_a_county_role_without_county():
    with pytest.raises(CommandError):
        call_command("create_user", "x@example.se", "--role", "county_editor")
    assert not User.objects.filter(email="x@example.se").exists()


def test_create_user_refuses_unknown_county_and_duplicate_email(monkeypatch):
    monkeypatch.setenv("SAMORDNA_PASSWORD", "ett-losenord-som-duger-1")
    with pytest.raises(CommandError, match="99"):
        call_command("create_user", "x@example.se", "--role", "county_editor", "--county", "99")
    call_command("create_user", "y@example.se", "--role", "national")
    with pytest.raises(CommandError):
        call_command("create_user", "Y@example.se", "--role", "national")
    assert User.objects.filter(email__iexact="y@example.se").count() == 1


def test_create_api_token_prints_a_token_that_authenticates(capsys, monkeypatch):
    monkeypatch.setenv("SAMORDNA_PASSWORD", "ett-losenord-som-duger-1")
    call_command("create_user", "api@example.se", "--role", "county_editor", "--county", "08")
    capsys.readouterr()
    call_command("create_api_token", "api@example.se")
    token = capsys.readouterr().out.strip()
    assert len(token) >= 40
    from samordna.accounts.services import api_token_authenticate

    assert api_token_authenticate(token).email == "api@example.se"
    assert api_token_authenticate(token + "x") is None
    response = Client().get("/api/v1/health", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_create_api_token_for_unknown_user_fails():
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody@example.se")


def test_role_scope_is_enforced_by_the_database(county_08):
    from django.db import IntegrityError, transaction

    user = User.objects.create_user("raw@example.se", "pw-pw-pw-pw-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=Role.COUNTY_EDITOR)
