"""Background jobs for the search index (thin: keys in, service called)."""

from django_tasks import task

from . import services


@task()
def reindex_object(model: str, pk: int) -> int:
    return services.search_reindex_object(model=model, pk=pk)


@task()
def rebuild_index() -> dict:
    return services.search_rebuild_index()
