from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.login_view, name="login"),
    path("logga-in/kod/", views.login_code, name="login_code"),
    path("logga-ut/", views.logout_view, name="logout"),
    path("logga-ut-overallt/", views.logout_everywhere, name="logout_everywhere"),
    path("", views.profile, name="profile"),
    path("mina-uppgifter/", views.personal_data, name="personal_data"),
    path("byt-losenord/", views.password_change, name="password_change"),
    path("tvastegsverifiering/", views.two_factor, name="two_factor"),
    path("tvastegsverifiering/aktivera/", views.two_factor_enrol, name="two_factor_enrol"),
    path(
        "tvastegsverifiering/reservkoder/",
        views.two_factor_backup_codes,
        name="two_factor_backup_codes",
    ),
    path("tvastegsverifiering/stang-av/", views.two_factor_disable, name="two_factor_disable"),
    path("losenord/", views.password_reset, name="password_reset"),
    path("losenord/skickat/", views.password_reset_done, name="password_reset_done"),
    path("losenord/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("losenord/klart/", views.password_reset_complete, name="password_reset_complete"),
]
