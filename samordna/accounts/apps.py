from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "samordna.accounts"
    label = "accounts"
    verbose_name = "Konton"
