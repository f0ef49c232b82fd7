from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "samordna.knowledge"
    label = "knowledge"
