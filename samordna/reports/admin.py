from django.contrib import admin

from .models import AnnualReport, ReportExport, ReportReminder


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ("county", "year", "version", "status", "submitted_at")
    list_filter = ("status", "year", "county")
    readonly_fields = ("snapshot", "submitted_at", "submitted_by", "approved_at", "approved_by")

    def has_change_permission(self, request, obj=None):
        # Writes go through the services (review states, locking, audit).
        return False


@admin.register(ReportReminder)
class ReportReminderAdmin(admin.ModelAdmin):
    list_display = ("county", "year", "days_before", "sent_at", "recipients")


@admin.register(ReportExport)
class ReportExportAdmin(admin.ModelAdmin):
    list_display = ("report", "format", "status", "progress", "created_at", "duration_ms")
    list_filter = ("status", "format")
    readonly_fields = ("error",)

    def has_add_permission(self, request):
        # Exports are requested from the report page and made by the task worker.
        return False

    def has_change_permission(self, request, obj=None):
        return False
