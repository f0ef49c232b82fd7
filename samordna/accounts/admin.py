from django.contrib import admin
from django.contrib.auth.views import redirect_to_login

from .models import ApiToken, LoginAttempt, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "is_active", "is_superuser"]
    search_fields = ["email", "full_name"]
    exclude = ["password", "groups", "user_permissions"]
    inlines = [RoleAssignmentInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "created_at", "last_used_at", "revoked_at"]
    exclude = ["token_hash"]


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    list_display = ["created_at", "email", "ip_address", "succeeded"]
    list_filter = ["succeeded"]


def _admin_login(request, extra_context=None):
    """The admin site logs in through Samordna's own log-in (rate limit, security log and
    two-factor step), never through a form of its own."""
    return redirect_to_login(request.GET.get("next") or "/admin/")


admin.site.login = _admin_login
