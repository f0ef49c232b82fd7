from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("manad/", views.event_month, name="event_month"),
    path("arkiv/", views.event_archive, name="event_archive"),
    path("prenumerera.ics", views.feed_redirect, name="feed"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/kalender.ics", views.event_ics_view, name="event_ics"),
    path("anmalan/<str:token>/", views.registration_status, name="registration_status"),
    path("avanmalan/<str:token>/", views.registration_cancel, name="registration_cancel"),
    path("intyg/<str:token>/", views.registration_certificate, name="certificate"),
    path("utvardering/<str:token>/", views.evaluation, name="evaluation"),
    # Staff
    path("hantera/", views.manage_list, name="manage_list"),
    path("ny/", views.event_create, name="event_create"),
    path("<int:pk>/redigera/", views.event_edit, name="event_edit"),
    path("<int:pk>/pass/", views.event_sessions, name="event_sessions"),
    path("<int:pk>/fragor/", views.event_questions, name="event_questions"),
    path("<int:pk>/anmalningar/", views.registration_list, name="registration_list"),
    path("<int:pk>/anmalningar/utskrift/", views.registration_print, name="registration_print"),
    path(
        "<int:pk>/anmalningar/export.<str:fmt>",
        views.registration_export,
        name="registration_export",
    ),
    path("<int:pk>/narvaro/", views.attendance, name="attendance"),
    path("<int:pk>/meddelande/", views.event_message, name="event_message"),
    path("<int:pk>/utvardering/", views.evaluation_results, name="evaluation_results"),
    path(
        "<int:pk>/anmalningar/<int:registration_pk>/godkann/",
        views.registration_approve,
        name="registration_approve",
    ),
    path(
        "<int:pk>/anmalningar/<int:registration_pk>/avboka/",
        views.registration_staff_cancel,
        name="registration_staff_cancel",
    ),
    path(
        "<int:pk>/anmalningar/<int:registration_pk>/flytta/",
        views.registration_move,
        name="registration_move",
    ),
    path(
        "<int:pk>/anmalningar/<int:registration_pk>/intyg/",
        views.staff_certificate,
        name="staff_certificate",
    ),
]
