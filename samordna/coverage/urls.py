from django.urls import path

from . import views

app_name = "coverage"

urlpatterns = [
    path("", views.index, name="index"),
    path("nationellt/", views.national, name="national"),
    path("lan/<str:code>/", views.matrix, name="matrix"),
    path("lan/<str:code>/export.<str:fmt>", views.matrix_export, name="matrix_export"),
    path("lan/<str:code>/karta/", views.county_map, name="map"),
    path("lan/<str:code>/utveckling/", views.progress, name="progress"),
    path("lan/<str:code>/mal/", views.settings_page, name="settings"),
    path("lan/<str:code>/moment/nytt/", views.item_create, name="item_create"),
    path("lan/<str:code>/mal/nytt/", views.goal_create, name="goal_create"),
    path("lan/<str:code>/registrering/ny/", views.record_create, name="record_create"),
    path("moment/<int:pk>/redigera/", views.item_edit, name="item_edit"),
    path("moment/<int:pk>/ta-bort/", views.item_delete, name="item_delete"),
    path("mal/<int:pk>/redigera/", views.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/ta-bort/", views.goal_delete, name="goal_delete"),
    path("registrering/<int:pk>/ta-bort/", views.record_delete, name="record_delete"),
    path("organisation/<str:code>/", views.organisation, name="organisation"),
]
