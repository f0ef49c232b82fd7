from django.contrib import admin

from .models import AnnualReport, ReportReminder


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
