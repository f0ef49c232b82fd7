from .models import LoginAttempt, RoleAssignment


def personal_data_for_user(user) -> dict:
    """Everything Samordna stores about the logged-in person, for the GDPR download."""
    from samordna.organisations.models import Person

    person_rows = Person.objects.filter(email__iexact=user.email).select_related("organisation")
    data = {
        "account": {
            "email": user.email,
            "name": user.full_name,
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "roles": [
            {
                "role": assignment.role,
                "county": assignment.county.code if assignment.county else None,
                "organisation": assignment.organisation.code if assignment.organisation else None,
            }
            for assignment in role_assignments_for_user(user)
        ],
        "person_records": [
            {
                "name": person.name,
                "email": person.email,
                "organisation": person.organisation.name,
                "title": person.title,
                "target_group": person.target_group,
            }
            for person in person_rows
        ],
        "login_attempts": [
            {
                "at": attempt.created_at.isoformat(),
                "step": attempt.step,
                "succeeded": attempt.succeeded,
            }
            for attempt in LoginAttempt.objects.filter(email=user.email.lower())[:200]
        ],
    }
    # Every other category of the personal-data inventory (registrations, subscriptions …).
    from samordna.privacy.selectors import personal_data_sections

    data.update(personal_data_sections(user))
    return data


def role_assignments_for_user(user):
    """The roles a user holds, with their county or organisation."""
    return RoleAssignment.objects.filter(user=user).select_related("county", "organisation")


# --- Two-factor authentication ---------------------------------------------------------------


def two_factor_required(user) -> bool:
    """County admins, superusers and admin-site users must use two-factor authentication; for
    other staff it is optional."""
    from samordna.core.permissions import get_access

    if not (user and user.is_authenticated):
        return False
    return bool(user.is_superuser or user.is_staff or get_access(user).admin_county_ids)


def totp_device_for_user(user, *, confirmed: bool = True):
    """The user's authenticator-app device (confirmed, or the one being enrolled)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-pk").first()


def two_factor_enabled(user) -> bool:
    return totp_device_for_user(user) is not None


def backup_codes_left(user) -> int:
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
