from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Authenticate with e-mail (case-insensitive) and password."""

    def authenticate(self, request, email=None, password=None, username=None, **kwargs):
        from .models import User

        email = (email or username or "").strip().lower()
        if not email or password is None:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            User().set_password(password)  # equalise timing with the found-user path
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
