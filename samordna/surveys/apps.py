from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "samordna.surveys"
    label = "surveys"
