from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "samordna.support"
    label = "support"
