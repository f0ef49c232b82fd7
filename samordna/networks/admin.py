from django.contrib import admin

from .models import Meeting, Membership, Network, NetworkDocument


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["person", "organisation"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "county", "is_active"]
    list_filter = ["kind", "county", "is_active"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["network", "starts_at", "place"]
    list_filter = ["network__county"]


@admin.register(NetworkDocument)
class NetworkDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "kind", "size", "created_at"]
    readonly_fields = ["original_filename", "content_type", "size", "file"]
