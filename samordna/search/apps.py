import logging

from django.apps import AppConfig, apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger("samordna.search")


class SearchConfig(AppConfig):
    name = "samordna.search"
    label = "search"

    def ready(self):
        # Keeping the index fresh is infrastructure, not business logic: every save or delete
        # of an indexed model (or of a model its documents are built from), from any path –
        # services, admin, shell – refreshes the documents after commit.
        # See docs/decisions/0002-search-index.md.
        from .providers import watched_models

        for model_label in sorted(watched_models()):
            try:
                model = apps.get_model(model_label)
            except LookupError:
                continue
            post_save.connect(_on_change, sender=model, dispatch_uid=f"search-save-{model_label}")
            post_delete.connect(
                _on_change, sender=model, dispatch_uid=f"search-delete-{model_label}"
            )


def _on_change(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: rebuild with `manage.py rebuild_search_index`
        return
    from .providers import dependants_of_model, providers_for_model

    label = sender._meta.label_lower
    # Resolve dependants now: after a delete the instance's relations may be gone.
    work = [(provider, [instance.pk]) for provider in providers_for_model(label)]
    for provider, mapper in dependants_of_model(label):
        try:
            work.append((provider, mapper(instance)))
        except Exception:
            logger.exception("Search index: cannot resolve %s for %s", provider.kind, label)
    for provider, pks in work:
        if pks:
            transaction.on_commit(lambda provider=provider, pks=pks: _reindex(provider, pks))


def _reindex(provider, pks) -> None:
    from .services import search_reindex

    try:
        search_reindex(provider=provider, pks=pks)
    except Exception:
        # The source object's change is committed and must not fail because of the index;
        # a stale index is repaired by `manage.py rebuild_search_index`.
        logger.exception("Search index update failed for %s %s", provider.kind, pks)
