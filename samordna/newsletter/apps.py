from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "samordna.newsletter"
    label = "newsletter"
