from django.contrib import admin

from .models import County, Municipality, Organisation, Person


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "board_name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "county"]
    list_filter = ["county"]
    exclude = ["boundary"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "county"]
    list_filter = ["kind", "county"]
    search_fields = ["name", "code"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "target_group"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["organisation"]
