from .models import RoleAssignment


def role_assignments_for_user(user):
    """The roles a user holds, with their county or organisation."""
    return RoleAssignment.objects.filter(user=user).select_related("county", "organisation")
