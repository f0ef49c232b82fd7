from django.urls import path

from . import views

app_name = "support"

urlpatterns = [
    path("processtod/", views.engagement_list, name="engagement_list"),
    path("processtod/nytt/", views.engagement_create, name="engagement_create"),
    path("processtod/<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("processtod/<int:pk>/redigera/", views.engagement_edit, name="engagement_edit"),
    path("processtod/<int:pk>/ta-bort/", views.engagement_delete, name="engagement_delete"),
    path("besok/", views.visit_list, name="visit_list"),
    path("besok/nytt/", views.visit_create, name="visit_create"),
    path("besok/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("besok/<int:pk>/redigera/", views.visit_edit, name="visit_edit"),
    path("besok/<int:pk>/ta-bort/", views.visit_delete, name="visit_delete"),
    path("behov/", views.need_list, name="need_list"),
    path("behov/nytt/", views.need_create, name="need_create"),
    path("behov/nationell-niva/", views.need_national, name="need_national"),
    path("behov/export.<str:fmt>", views.need_export, name="need_export"),
    path("behov/<int:pk>/", views.need_detail, name="need_detail"),
    path("behov/<int:pk>/redigera/", views.need_edit, name="need_edit"),
    path("behov/<int:pk>/ta-bort/", views.need_delete, name="need_delete"),
]
