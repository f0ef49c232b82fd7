from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "samordna.core"
    label = "core"
    verbose_name = "Samordna core"

    def ready(self) -> None:
        from .collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="samordna-swedish")
        from .pagecache import connect_signals

        connect_signals()
