from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "samordna.networks"
    label = "networks"
