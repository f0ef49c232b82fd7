from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("ny/", views.report_create, name="report_create"),
    path("nationell-oversikt/", views.national_overview, name="national_overview"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/redigera/", views.report_edit, name="report_edit"),
    path("<int:pk>/klar-for-granskning/", views.report_mark_ready, name="report_mark_ready"),
    path("<int:pk>/till-utkast/", views.report_return_to_draft, name="report_return_to_draft"),
    path("<int:pk>/godkann/", views.report_approve, name="report_approve"),
    path("<int:pk>/skicka-in/", views.report_submit, name="report_submit"),
    path("<int:pk>/ny-version/", views.report_reopen, name="report_reopen"),
    path("<int:pk>/export.<str:fmt>", views.report_export, name="report_export"),
    path("export/<int:pk>/", views.export_status, name="export_status"),
    path("export/<int:pk>/ladda-ned/", views.export_download, name="export_download"),
]
