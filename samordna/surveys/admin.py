from django.contrib import admin

from .models import Indicator, Question, Response, Section, Survey


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "county", "status", "published_results"]
    list_filter = ["status", "county", "year"]
    search_fields = ["title"]
    inlines = [SectionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "key", "kind", "survey"]
    list_filter = ["kind"]
    search_fields = ["text", "key"]
    readonly_fields = ["definition_hash"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["survey", "organisation", "status", "submitted_at"]
    list_filter = ["status"]
    # Answers are changed through the survey pages (audit log), not here.
    readonly_fields = ["survey", "organisation", "status", "submitted_at", "submitted_by"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "kind", "question_key", "county"]
    list_filter = ["kind", "county"]
