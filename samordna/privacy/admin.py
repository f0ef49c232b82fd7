from django.contrib import admin

from . import services
from .forms import RetentionRuleForm
from .models import RetentionRule, RetentionRun, Suppression


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """Platform operators record the periods each county board (or all) decided; writes go
    through the services (validation and audit log)."""

    form = RetentionRuleForm
    list_display = ["category", "county", "days", "decision", "updated_at"]
    list_filter = ["category", "county"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        if change:
            previous = RetentionRule.objects.get(pk=obj.pk)
            if (previous.category, previous.county_id) != (obj.category, obj.county_id):
                services.retention_rule_delete(actor=request.user, rule=previous)
        saved = services.retention_rule_set(
            actor=request.user,
            category_key=obj.category,
            county=obj.county,
            days=obj.days,
            decision=obj.decision,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.retention_rule_delete(actor=request.user, rule=obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "finished_at", "dry_run", "trigger"]


@admin.register(Suppression)
class SuppressionAdmin(ReadOnlyAdmin):
    list_display = ["mailing_list", "created_at"]
