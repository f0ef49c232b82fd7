from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.register, name="register"),
    path("registerforteckning.csv", views.register_csv, name="register_csv"),
]
