from django.contrib import admin

from .models import SearchDocument


@admin.register(SearchDocument)
class SearchDocumentAdmin(admin.ModelAdmin):
    """Derived data: inspect only; rebuild with `manage.py rebuild_search_index`."""

    list_display = ["title", "kind", "object_id", "county", "published", "updated"]
    list_filter = ["kind", "published"]
    search_fields = ["title"]
    exclude = ["search_vector"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
