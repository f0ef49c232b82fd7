from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("", views.strategy_list, name="strategy_list"),
    path("ny/", views.strategy_create, name="strategy_create"),
    path("<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path("<int:pk>/redigera/", views.strategy_edit, name="strategy_edit"),
    path("<int:pk>/publicera/", views.strategy_publish, name="strategy_publish"),
    path("<int:pk>/delmal/ny/", views.subgoal_create, name="subgoal_create"),
    path("delmal/<int:pk>/redigera/", views.subgoal_edit, name="subgoal_edit"),
    path("delmal/<int:pk>/ta-bort/", views.subgoal_delete, name="subgoal_delete"),
    path("<int:pk>/anslutningar/ny/", views.affiliation_create, name="affiliation_create"),
    path("anslutningar/<int:pk>/lamna/", views.affiliation_leave, name="affiliation_leave"),
]
