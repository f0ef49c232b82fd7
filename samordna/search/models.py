"""The search index: one row per searchable object of the platform, filled by providers."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """A denormalised copy of one object's searchable text. ``kind`` names the source (see
    ``providers.PROVIDERS``); ``county`` and ``published`` scope it like the source object.

    Full-text data: on PostgreSQL ``search_vector`` (Swedish tsvector, GIN index created by the
    migration); on SQLite the FTS5 table ``search_fts`` with pre-stemmed text, rowid = id."""

    kind = models.CharField(_("kind"), max_length=30)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    # Searchable but not shown: publisher, tags, owners and the like.
    keywords = models.TextField(blank=True)
    # A short line shown under the title in results, e.g. "Report · Socialstyrelsen · 2023".
    meta = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500)
    county = models.ForeignKey(
        "organisations.County",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    published = models.BooleanField(default=False)
    updated = models.DateTimeField()
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-updated", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")
        ]
        indexes = [models.Index(fields=["published", "county"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"
