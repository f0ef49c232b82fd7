from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("ny/", views.network_create, name="network_create"),
    path("<int:pk>/", views.network_detail, name="network_detail"),
    path("<int:pk>/redigera/", views.network_edit, name="network_edit"),
    path("<int:pk>/medlemsrum/", views.members_area, name="members_area"),
    path("<int:pk>/medlemmar/ny/", views.membership_add, name="membership_add"),
    path(
        "<int:pk>/medlemmar/<int:membership_pk>/ta-bort/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("<int:pk>/moten/ny/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/moten/<int:meeting_pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/moten/<int:meeting_pk>/redigera/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/dokument/ny/", views.document_upload, name="document_upload"),
    path(
        "<int:pk>/dokument/<int:document_pk>/ladda-ned/",
        views.document_download,
        name="document_download",
    ),
    path(
        "<int:pk>/dokument/<int:document_pk>/ta-bort/",
        views.document_delete,
        name="document_delete",
    ),
]
