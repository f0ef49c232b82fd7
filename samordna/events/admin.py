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
    readonly_fields = ["seats_taken", "reminder_sent_at", "evaluation_sent_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        # The seat counter changes with every registration: never write back the value read
        # when the form was loaded (only events.services.seats._seats_change writes it).
        fields = [
            f.name
            for f in obj._meta.concrete_fields
            if not f.primary_key and f.name != "seats_taken"
        ]
        obj.save(update_fields=fields)


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

    def has_delete_permission(self, request, obj=None):
        # Deleting a confirmed row here would leave its seat taken (Event.seats_taken).
        return False


@admin.register(EvaluationResponse)
class EvaluationResponseAdmin(admin.ModelAdmin):
    list_display = ["event", "overall", "content", "usefulness", "created_at"]
