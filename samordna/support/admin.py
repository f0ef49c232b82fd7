from django.contrib import admin

from .models import ActorVisit, Need, SupportEngagement


class ReadOnlyAdmin(admin.ModelAdmin):
    """Writes go through the services (validation and audit log); the admin is for reading."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SupportEngagement)
class SupportEngagementAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "county", "start_date", "end_date", "status"]
    list_filter = ["county", "status", "process"]
    search_fields = ["title", "organisation__name"]


@admin.register(ActorVisit)
class ActorVisitAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "county", "visit_date", "topic"]
    list_filter = ["county"]
    search_fields = ["topic", "organisation__name"]


@admin.register(Need)
class NeedAdmin(ReadOnlyAdmin):
    list_display = ["title", "raised_by", "county", "category", "status", "forward_to_national"]
    list_filter = ["county", "category", "status", "forward_to_national"]
    search_fields = ["title", "description", "raised_by__name"]
