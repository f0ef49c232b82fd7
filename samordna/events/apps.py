from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "samordna.events"
    label = "events"
