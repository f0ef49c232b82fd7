"""Search providers: one function per searchable model that turns objects into documents.

``PROVIDERS`` is the explicit list of what the platform indexes. A provider's ``documents(pks)``
yields a ``Document`` for each object that should be in the index (all objects when ``pks`` is
None); an object it does not yield (deleted, or no longer indexable) is removed from the index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Document:
    object_id: int
    title: str
    body: str
    url: str
    county_id: int | None
    published: bool
    updated: datetime
    meta: str = ""
    keywords: str = ""


@dataclass(frozen=True)
class Provider:
    kind: str  # stored in SearchDocument.kind and used by the ?kind= filter
    label: object  # translatable name of the kind
    model: str  # "app_label.modelname" – the model whose saves and deletes reindex it
    documents: Callable[[Iterable[int] | None], Iterator[Document]]
    # Other models whose changes alter these documents: (model label, function from an
    # instance of that model to the primary keys of this provider's objects).
    dependencies: tuple[tuple[str, Callable[[object], list[int]]], ...] = ()


def _join(*parts) -> str:
    return "\n".join(str(p) for p in parts if p)


def _filtered(queryset, pks):
    return queryset if pks is None else queryset.filter(pk__in=list(pks))


def knowledge_documents(pks: Iterable[int] | None = None) -> Iterator[Document]:
    from samordna.knowledge.models import KnowledgeItem

    queryset = KnowledgeItem.objects.select_related("publisher").prefetch_related("tags")
    for item in _filtered(queryset, pks).iterator(chunk_size=500):
        meta_parts = [item.get_kind_display()]
        if item.publisher:
            meta_parts.append(item.publisher.name)
        if item.published_on:
            meta_parts.append(formats.date_format(item.published_on, "j F Y"))
        yield Document(
            object_id=item.pk,
            title=item.title,
            body=item.summary,
            keywords=_join(
                item.get_kind_display(),
                item.publisher.name if item.publisher else "",
                *item.violence_form_labels(),
                *item.target_group_labels(),
            ),
            url=item.get_absolute_url(),
            county_id=item.county_id,
            published=item.published,
            updated=item.updated_at,
            meta=" · ".join(str(p) for p in meta_parts),
        )


def _plain(html: str) -> str:
    return " ".join(strip_tags(html or "").split())


def campaign_documents(pks: Iterable[int] | None = None) -> Iterator[Document]:
    from samordna.campaigns.models import Campaign

    queryset = Campaign.objects.prefetch_related("owners")
    for campaign in _filtered(queryset, pks).iterator(chunk_size=500):
        period = " – ".join(
            formats.date_format(d, "j F Y") for d in (campaign.start_date, campaign.end_date)
        )
        owners = [o.name for o in campaign.owners.all()]
        yield Document(
            object_id=campaign.pk,
            title=campaign.title,
            body=_join(campaign.summary, campaign.description),
            keywords=_join(*owners, *campaign.target_group_labels()),
            url=campaign.get_absolute_url(),
            county_id=campaign.county_id,
            published=campaign.published,
            updated=campaign.updated_at,
            meta=" · ".join([period, *owners[:2]]),
        )


def network_documents(pks: Iterable[int] | None = None) -> Iterator[Document]:
    from samordna.networks.models import Network

    queryset = Network.objects.select_related("county")
    for network in _filtered(queryset, pks).iterator(chunk_size=500):
        # The outline (name, kind, purpose) is public; meetings and documents are not indexed.
        yield Document(
            object_id=network.pk,
            title=network.name,
            body=network.purpose,
            url=network.get_absolute_url(),
            county_id=network.county_id,
            published=True,
            updated=network.updated_at,
            meta=" · ".join([str(network.get_kind_display()), network.county.name]),
        )


def event_documents(pks: Iterable[int] | None = None) -> Iterator[Document]:
    from samordna.events.models import Event

    queryset = Event.objects.select_related("county")
    for event in _filtered(queryset, pks).iterator(chunk_size=500):
        start = timezone.localtime(event.start)
        yield Document(
            object_id=event.pk,
            title=event.title,
            body=event.description,
            keywords=_join(event.place, *event.get_target_group_labels()),
            url=event.get_absolute_url(),
            county_id=event.county_id,
            # Events for invited organisations only are not shown to everyone.
            published=event.published and event.visibility == Event.Visibility.PUBLIC,
            updated=event.updated_at,
            meta=" · ".join(
                [
                    str(event.get_type_display()),
                    formats.date_format(start, "j F Y"),
                    event.place or str(event.get_format_display()),
                ]
            ),
        )


def plan_documents(pks: Iterable[int] | None = None) -> Iterator[Document]:
    from samordna.plans.models import ActionPlan

    queryset = ActionPlan.objects.select_related("county")
    for plan in _filtered(queryset, pks).iterator(chunk_size=200):
        yield Document(
            object_id=plan.pk,
            title=plan.title,
            body=_join(plan.foreword, plan.introduction, plan.target_groups, plan.closing_text),
            url=plan.get_absolute_url(),
            county_id=plan.county_id,
            published=plan.published,
            updated=plan.updated_at,
            meta=" · ".join([str(plan.get_kind_display()), str(plan.year), plan.county.name]),
        )


def activity_documents(pks: Iterable[int] | None = None) -> Iterator[Document]:
    from samordna.plans.models import Activity

    queryset = Activity.objects.select_related("plan", "plan__county", "area")
    for activity in _filtered(queryset, pks).iterator(chunk_size=500):
        plan = activity.plan
        # The public columns of the plan table; follow-up notes are not indexed.
        yield Document(
            object_id=activity.pk,
            title=activity.title,
            body=_join(activity.description, activity.target_groups, activity.outcome),
            url=f"{plan.get_absolute_url()}#plan-area-{activity.area_id}",
            county_id=plan.county_id,
            published=plan.published,
            updated=activity.updated_at,
            meta=" · ".join([plan.title, activity.area.name]),
        )


def _activities_of_plan(plan) -> list[int]:
    return list(plan.activities.values_list("pk", flat=True)) if plan.pk else []


def issue_documents(pks: Iterable[int] | None = None) -> Iterator[Document]:
    from samordna.newsletter.models import Issue

    queryset = Issue.objects.select_related("county").prefetch_related("sections__items")
    for issue in _filtered(queryset, pks).iterator(chunk_size=100):
        parts = [issue.intro]
        for section in issue.sections.all():
            parts.append(section.title)
            for item in section.items.all():
                parts += [item.heading, _plain(item.body_html), item.details]
        yield Document(
            object_id=issue.pk,
            title=issue.title,
            body=_join(*parts),
            url=issue.get_absolute_url(),
            county_id=issue.county_id,
            published=issue.published,
            updated=issue.updated_at,
            meta=" · ".join([issue.county.name, formats.date_format(issue.created_at, "j F Y")]),
        )


def _issue_of_section(section) -> list[int]:
    return [section.issue_id] if section.issue_id else []


def _issue_of_item(item) -> list[int]:
    from samordna.newsletter.models import Section

    return list(Section.objects.filter(pk=item.section_id).values_list("issue_id", flat=True))


PROVIDERS: list[Provider] = [
    Provider("knowledge", _("Knowledge bank"), "knowledge.knowledgeitem", knowledge_documents),
    Provider("event", _("Events"), "events.event", event_documents),
    Provider("campaign", _("Campaigns"), "campaigns.campaign", campaign_documents),
    Provider("network", _("Networks"), "networks.network", network_documents),
    Provider("plan", _("Action plans"), "plans.actionplan", plan_documents),
    Provider(
        "activity",
        _("Plan activities"),
        "plans.activity",
        activity_documents,
        dependencies=(("plans.actionplan", _activities_of_plan),),
    ),
    Provider(
        "newsletter",
        _("Newsletters"),
        "newsletter.issue",
        issue_documents,
        dependencies=(
            ("newsletter.section", _issue_of_section),
            ("newsletter.item", _issue_of_item),
        ),
    ),
]


def provider_for_kind(kind: str) -> Provider | None:
    return next((p for p in PROVIDERS if p.kind == kind), None)


def providers_for_model(model_label: str) -> list[Provider]:
    return [p for p in PROVIDERS if p.model == model_label.lower()]


def dependants_of_model(model_label: str) -> list[tuple[Provider, Callable]]:
    """Providers whose documents change when an object of ``model_label`` changes."""
    return [
        (provider, mapper)
        for provider in PROVIDERS
        for label, mapper in provider.dependencies
        if label == model_label.lower()
    ]


def watched_models() -> set[str]:
    return {p.model for p in PROVIDERS} | {
        label for p in PROVIDERS for label, _mapper in p.dependencies
    }


def kind_choices() -> list[tuple[str, object]]:
    return [(p.kind, p.label) for p in PROVIDERS]
