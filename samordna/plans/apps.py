from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "samordna.plans"
    label = "plans"
