from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "samordna.reports"
    label = "reports"
