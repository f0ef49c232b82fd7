from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "samordna.campaigns"
    label = "campaigns"
