from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("tillganglighet/", views.accessibility_statement, name="accessibility_statement"),
    path("tillganglighet/rapportera/", views.accessibility_report, name="accessibility_report"),
    path("sprak/", views.set_language, name="set_language"),
    path("granskningslogg/", views.audit_log, name="audit_log"),
]
