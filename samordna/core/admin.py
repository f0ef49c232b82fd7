from django.contrib import admin

from .models import AccessibilityReport, AuditEntry, OutgoingEmail


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "object_repr", "actor", "county_code"]
    list_filter = ["county_code"]
    search_fields = ["action", "object_repr"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "status", "attempts"]
    list_filter = ["status"]


@admin.register(AccessibilityReport)
class AccessibilityReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "page_url", "handled"]
    list_filter = ["handled"]
