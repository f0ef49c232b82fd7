from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "samordna.organisations"
    label = "organisations"
    verbose_name = "Organisationer"
