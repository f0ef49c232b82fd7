"""Keeping the search index in step with the indexed models.

The index is derived data (docs/decisions/0002-search-index.md): these functions write no audit
entries, because they record no decision by a person, only a copy of what services wrote."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.utils import translation

from . import fulltext
from .models import SearchDocument
from .providers import (
    PROVIDERS,
    Document,
    Provider,
    dependants_of_model,
    providers_for_model,
)


def _store(provider: Provider, documents: list[Document]) -> list[int]:
    existing = {
        d.object_id: d
        for d in SearchDocument.objects.filter(
            kind=provider.kind, object_id__in=[doc.object_id for doc in documents]
        )
    }
    ids = []
    for doc in documents:
        row = existing.get(doc.object_id) or SearchDocument(
            kind=provider.kind, object_id=doc.object_id
        )
        row.title = fulltext.clean_text(doc.title)[:300]
        row.body = fulltext.clean_text(doc.body)
        row.keywords = fulltext.clean_text(doc.keywords)
        row.meta = doc.meta[:300]
        row.url = doc.url[:500]
        row.county_id = doc.county_id
        row.published = doc.published
        row.updated = doc.updated
        row.save()
        ids.append(row.pk)
    return ids


def search_reindex(*, provider: Provider, pks: list[int]) -> int:
    """Refresh (or remove) the documents of these objects of one provider. Idempotent."""
    if not pks:
        return 0
    # The index is Swedish whatever the language of the request that changed the object.
    with translation.override("sv"), transaction.atomic():
        documents = list(provider.documents(pks))
        ids = _store(provider, documents)
        fulltext.index_documents(ids)
        kept = set(ids)
        stale = [
            pk
            for pk in SearchDocument.objects.filter(
                kind=provider.kind, object_id__in=pks
            ).values_list("pk", flat=True)
            if pk not in kept
        ]
        _delete(stale)
    return len(ids)


def search_reindex_object(*, model: str, pk: int) -> int:
    """Refresh the index after a change of one object, e.g. ``model="knowledge.knowledgeitem"``:
    its own documents and those of providers that depend on it. Returns documents stored."""
    stored = 0
    for provider in providers_for_model(model):
        stored += search_reindex(provider=provider, pks=[pk])
    dependants = dependants_of_model(model)
    if dependants:
        instance = apps.get_model(model)._default_manager.filter(pk=pk).first()
        if instance is not None:
            for provider, mapper in dependants:
                stored += search_reindex(provider=provider, pks=mapper(instance))
    return stored


def search_rebuild_index(*, kinds: list[str] | None = None, batch_size: int = 500) -> dict:
    """Rebuild the index from all providers (or only ``kinds``); returns counts per kind."""
    counts = {}
    for provider in PROVIDERS:
        if kinds and provider.kind not in kinds:
            continue
        with translation.override("sv"), transaction.atomic():
            kept: list[int] = []
            batch: list[Document] = []
            for document in provider.documents(None):
                batch.append(document)
                if len(batch) >= batch_size:
                    kept += _flush(provider, batch)
                    batch = []
            kept += _flush(provider, batch)
            kept_set = set(kept)
            stale = [
                pk
                for pk in SearchDocument.objects.filter(kind=provider.kind).values_list(
                    "pk", flat=True
                )
                if pk not in kept_set
            ]
            _delete(stale)
        counts[provider.kind] = len(kept)
    if not kinds:
        known = [p.kind for p in PROVIDERS]
        orphans = list(SearchDocument.objects.exclude(kind__in=known).values_list("pk", flat=True))
        _delete(orphans)
        fulltext.prune_orphans()
    return counts


def _delete(ids: list[int]) -> None:
    fulltext.unindex_documents(ids)
    for start in range(0, len(ids), 500):
        SearchDocument.objects.filter(pk__in=ids[start : start + 500]).delete()


def _flush(provider: Provider, batch: list[Document]) -> list[int]:
    ids = _store(provider, batch)
    fulltext.index_documents(ids)
    return ids
