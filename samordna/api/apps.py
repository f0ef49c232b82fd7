from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "samordna.api"
    label = "api"
    verbose_name = "API"
