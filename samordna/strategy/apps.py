from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "samordna.strategy"
    label = "strategy"
