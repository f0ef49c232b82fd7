from django.contrib import admin

from .models import EvaluationResponse, Event, EventSession, Question, Registration


class EventSessionInline(admin.TabularInline):
    model = EventSession
    extra = 0


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "format", "county", "start", "published"]
    list_filter = ["type", "format", "county", "published"]
    search_fields = ["title"]
    inlines = [EventSessionInline, QuestionInline]
    readonly_fields = ["reminder_sent_at", "evaluation_sent_at"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only: registrations change through the services (locking, waiting list, audit)."""

    list_display = ["name", "email", "event", "status", "attended", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(EvaluationResponse)
class EvaluationResponseAdmin(admin.ModelAdmin):
    list_display = ["event", "overall", "content", "usefulness", "created_at"]
