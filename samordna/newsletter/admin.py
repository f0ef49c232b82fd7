from django.contrib import admin

from .models import Delivery, Issue, MailingList, Subscriber


@admin.register(MailingList)
class MailingListAdmin(admin.ModelAdmin):
    list_display = ["name", "county", "is_main"]
    list_filter = ["county"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "mailing_list", "status", "source", "confirmed_at"]
    list_filter = ["status", "source"]
    search_fields = ["email"]
    readonly_fields = ["token"]


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["title", "county", "status", "published", "queued_at"]
    list_filter = ["status", "county"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["issue", "subscriber", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    raw_id_fields = ["issue", "subscriber"]
