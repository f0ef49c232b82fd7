from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "samordna.privacy"
    label = "privacy"
