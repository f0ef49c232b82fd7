from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("ny/", views.item_create, name="item_create"),
    path("<int:pk>/", views.item_detail, name="item_detail"),
    path("<int:pk>/redigera/", views.item_edit, name="item_edit"),
    path("<int:pk>/fil/", views.item_file, name="item_file"),
]
