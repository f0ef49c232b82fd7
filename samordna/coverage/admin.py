from django.contrib import admin

from .models import CoverageGoal, CoverageItem, CoverageRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    """Writes go through the services (validation and audit log); the admin is for reading."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CoverageItem)
class CoverageItemAdmin(ReadOnlyAdmin):
    list_display = ["name", "county", "kind", "support_process"]
    list_filter = ["county", "kind"]
    search_fields = ["name"]


@admin.register(CoverageGoal)
class CoverageGoalAdmin(ReadOnlyAdmin):
    list_display = ["item", "county", "target_year", "audience"]
    list_filter = ["county", "audience"]


@admin.register(CoverageRecord)
class CoverageRecordAdmin(ReadOnlyAdmin):
    list_display = ["item", "organisation", "completed_on", "recorded_by"]
    list_filter = ["item__county"]
    search_fields = ["organisation__name", "item__name"]
