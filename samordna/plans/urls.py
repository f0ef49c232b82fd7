from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("ny/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/export.<str:fmt>", views.plan_export, name="plan_export"),
    path("<int:pk>/redigera/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/texter/", views.plan_texts, name="plan_texts"),
    path("<int:pk>/publicera/", views.plan_publish, name="plan_publish"),
    path("<int:pk>/kopiera/", views.plan_copy, name="plan_copy"),
    path("<int:pk>/omraden/ny/", views.area_create, name="area_create"),
    path("omraden/<int:pk>/redigera/", views.area_edit, name="area_edit"),
    path("omraden/<int:pk>/flytta/", views.area_move, name="area_move"),
    path("omraden/<int:pk>/ta-bort/", views.area_delete, name="area_delete"),
    path("<int:pk>/aktiviteter/ny/", views.activity_create, name="activity_create"),
    path("aktiviteter/<int:pk>/redigera/", views.activity_edit, name="activity_edit"),
    path("aktiviteter/<int:pk>/flytta/", views.activity_move, name="activity_move"),
    path("aktiviteter/<int:pk>/duplicera/", views.activity_duplicate, name="activity_duplicate"),
    path("aktiviteter/<int:pk>/ta-bort/", views.activity_delete, name="activity_delete"),
    path("<int:pk>/kontakter/ny/", views.contact_create, name="contact_create"),
    path("kontakter/<int:pk>/ta-bort/", views.contact_delete, name="contact_delete"),
    path(
        "introduktionsutbildning/",
        views.introduction_courses_choose,
        name="introduction_courses_choose",
    ),
    path(
        "introduktionsutbildning/<str:code>/",
        views.introduction_courses,
        name="introduction_courses",
    ),
]
