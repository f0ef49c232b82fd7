from .models import LoginAttempt, RoleAssignment


def personal_data_for_user(user) -> dict:
    """Everything Samordna stores about the logged-in person, for the GDPR download."""
    from samordna.organisations.models import Person

    person_rows = Person.objects.filter(email__iexact=user.email).select_related("organisation")
    return {
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
            {"at": attempt.created_at.isoformat(), "succeeded": attempt.succeeded}
            for attempt in LoginAttempt.objects.filter(email=user.email.lower())[:200]
        ],
    }


def role_assignments_for_user(user):
    """The roles a user holds, with their county or organisation."""
    return RoleAssignment.objects.filter(user=user).select_related("county", "organisation")
