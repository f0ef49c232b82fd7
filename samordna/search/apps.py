from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "samordna.search"
    label = "search"
