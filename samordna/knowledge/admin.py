from django.contrib import admin

from .models import KnowledgeItem


@admin.register(KnowledgeItem)
class KnowledgeItemAdmin(admin.ModelAdmin):
    """Read-only overview for operators; changes go through the app (services, audit log)."""

    list_display = ["title", "kind", "publisher", "county", "published", "published_on"]
    list_filter = ["kind", "published", "county"]
    search_fields = ["title", "summary"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
