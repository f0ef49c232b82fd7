from django.contrib import admin

from .models import Campaign, CampaignMaterial, CampaignSpread


class CampaignMaterialInline(admin.TabularInline):
    model = CampaignMaterial
    extra = 0
    fields = ["title", "kind", "url", "original_filename", "content_type", "size"]
    readonly_fields = ["original_filename", "content_type", "size"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "start_date", "end_date", "county", "published"]
    list_filter = ["published", "county"]
    search_fields = ["title"]
    filter_horizontal = ["owners"]
    inlines = [CampaignMaterialInline]


@admin.register(CampaignSpread)
class CampaignSpreadAdmin(admin.ModelAdmin):
    list_display = ["campaign", "organisation", "created_at"]
    raw_id_fields = ["campaign", "organisation", "marked_by"]
