from django.apps import AppConfig


class CoverageConfig(AppConfig):
    name = "samordna.coverage"
    label = "coverage"
