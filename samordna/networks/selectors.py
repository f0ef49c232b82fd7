"""Reads of networks and groups, and the one rule for the members-only area."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from samordna.core.permissions import get_access

from .models import Meeting, Membership, Network, NetworkDocument


def networks_for_user(user, *, county=None, kind: str = "") -> QuerySet[Network]:
    """Groups in outline: active ones for everyone, inactive ones only for the county's staff."""
    access = get_access(user)
    queryset = Network.objects.select_related("county")
    readable = access.readable_county_ids()
    if readable is not None:
        queryset = queryset.filter(Q(is_active=True) | Q(county_id__in=readable))
    if county is not None:
        queryset = queryset.filter(county=county)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset.order_by("county__code", "kind", "name", "pk")


def network_for_user(user, pk: int) -> Network | None:
    return networks_for_user(user).filter(pk=pk).first()


def user_organisation_ids(user) -> set[int]:
    """The organisations a user belongs to: their role assignments and their linked person."""
    if not getattr(user, "is_authenticated", False):
        return set()
    ids = set(get_access(user).member_organisation_ids)
    person = _linked_person(user)
    if person is not None:
        ids.add(person.organisation_id)
    return ids


def _linked_person(user):
    from samordna.organisations.models import Person

    return Person.objects.filter(user=user).only("pk", "organisation_id").first()


def is_member(user, network: Network) -> bool:
    """A user is a member if their linked person, or one of their organisations, is."""
    if not getattr(user, "is_authenticated", False):
        return False
    person = _linked_person(user)
    condition = Q(organisation_id__in=user_organisation_ids(user))
    if person is not None:
        condition |= Q(person_id=person.pk)
    return Membership.objects.filter(condition, network=network).exists()


def can_enter_members_area(user, network: Network) -> bool:
    """Members, the county's staff and the national role see meetings, minutes and documents."""
    return get_access(user).can_read_county(network.county_id) or is_member(user, network)


def can_manage_network(user, network_or_county_id) -> bool:
    county_id = getattr(network_or_county_id, "county_id", network_or_county_id)
    return get_access(user).can_edit_county(county_id)


ROLE_ORDER = [
    Membership.Role.CHAIR,
    Membership.Role.SECRETARY,
    Membership.Role.MEMBER,
    Membership.Role.CO_OPTED,
]


def memberships_of(network: Network) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(network=network)
        .select_related("person", "person__organisation", "organisation")
        .annotate(
            role_rank=Case(
                *[When(role=role, then=Value(rank)) for rank, role in enumerate(ROLE_ORDER)],
                default=Value(len(ROLE_ORDER)),
                output_field=IntegerField(),
            )
        )
        .order_by("role_rank", "organisation__name", "person__name", "pk")
    )


def meetings_of(network: Network) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(network=network)
        .prefetch_related(
            Prefetch("documents", queryset=NetworkDocument.objects.order_by("kind", "title"))
        )
        .order_by("-starts_at", "pk")
    )


def documents_of(network: Network) -> QuerySet[NetworkDocument]:
    return NetworkDocument.objects.filter(network=network).select_related("meeting")


def networks_of_user(user) -> QuerySet[Network]:
    """The groups the user is a member of (through their person or organisation)."""
    if not getattr(user, "is_authenticated", False):
        return Network.objects.none()
    person = _linked_person(user)
    condition = Q(memberships__organisation_id__in=user_organisation_ids(user))
    if person is not None:
        condition |= Q(memberships__person_id=person.pk)
    return Network.objects.filter(condition).distinct().order_by("name")
