from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("arkiv/", views.campaign_archive, name="campaign_archive"),
    path("ny/", views.campaign_create, name="campaign_create"),
    path("<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("<int:pk>/redigera/", views.campaign_edit, name="campaign_edit"),
    path("<int:pk>/material/ny/", views.material_create, name="material_create"),
    path("<int:pk>/sprider/", views.campaign_spread, name="campaign_spread"),
    path(
        "<int:pk>/sprider/<int:spread_pk>/ta-bort/",
        views.campaign_unspread,
        name="campaign_unspread",
    ),
    path("material/<int:pk>/ladda-ned/", views.material_download, name="material_download"),
    path("material/<int:pk>/ta-bort/", views.material_delete, name="material_delete"),
]
