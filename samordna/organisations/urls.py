from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("lan/", views.county_list, name="county_list"),
    path("lan/<str:code>/", views.county_detail, name="county_detail"),
    path("kommuner/<str:code>/", views.municipality_detail, name="municipality_detail"),
    path("organisationer/", views.organisation_list, name="organisation_list"),
    path("organisationer/ny/", views.organisation_create, name="organisation_create"),
    path("organisationer/<str:code>/", views.organisation_detail, name="organisation_detail"),
    path("organisationer/<str:code>/redigera/", views.organisation_edit, name="organisation_edit"),
    path("personer/", views.person_list, name="person_list"),
    path("personer/ny/", views.person_create, name="person_create"),
    path("personer/<int:pk>/", views.person_edit, name="person_edit"),
    path("personer/<int:pk>/ta-bort/", views.person_delete, name="person_delete"),
]
