"""Reads of counties, municipalities, organisations and people."""

import hashlib
import json

from django.db.models import Count, Q, QuerySet

from samordna.core.collation import swedish
from samordna.core.memo import generation_cached
from samordna.core.permissions import get_access

from .models import County, Municipality, Organisation, Person


def county_list_with_counts() -> QuerySet[County]:
    return County.objects.annotate(municipality_count=Count("municipalities")).order_by("code")


def county_get(code: str) -> County | None:
    return County.objects.filter(code=code).first()


def organisation_search(
    *, q: str = "", kind: str = "", county_code: str = "", municipality_code: str = ""
) -> QuerySet[Organisation]:
    """Organisations matching a free-text query and filters, with county and municipality loaded."""
    queryset = Organisation.objects.select_related("county", "municipality")
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(code__iexact=q))
    if kind:
        queryset = queryset.filter(kind=kind)
    if county_code:
        queryset = queryset.filter(county__code=county_code)
    if municipality_code:
        queryset = queryset.filter(municipality__code=municipality_code)
    return queryset.order_by(swedish("name"), "code")


def organisation_get(code: str) -> Organisation | None:
    return Organisation.objects.select_related("county", "municipality").filter(code=code).first()


def municipality_get(code: str) -> Municipality | None:
    return Municipality.objects.select_related("county").filter(code=code).first()


def municipalities_of_county(county: County) -> QuerySet[Municipality]:
    return Municipality.objects.filter(county=county).order_by(swedish("name"))


def people_for_user(
    user, *, q: str = "", organisation_code: str = "", target_group: str = "", county_code: str = ""
) -> QuerySet[Person]:
    """People the user may see: the national role all; county staff those of organisations in
    their counties; others nobody."""
    access = get_access(user)
    queryset = Person.objects.select_related("organisation", "organisation__county")
    readable = access.readable_county_ids()
    if readable is not None:
        queryset = queryset.filter(organisation__county_id__in=readable)
    if q:
        queryset = queryset.filter(
            Q(name__icontains=q) | Q(email__icontains=q) | Q(title__icontains=q)
        )
    if organisation_code:
        queryset = queryset.filter(organisation__code=organisation_code)
    if target_group:
        queryset = queryset.filter(target_group=target_group)
    if county_code:
        queryset = queryset.filter(organisation__county__code=county_code)
    return queryset.order_by(swedish("name"), "pk")


def people_list_for_user(user, **filters) -> QuerySet[Person]:
    """``people_for_user`` with only the columns the people list shows."""
    return people_for_user(user, **filters).only(
        "name",
        "email",
        "title",
        "target_group",
        "is_contact",
        "organisation__name",
        "organisation__code",
        "organisation__county_id",
    )


def people_count_for_user(user, **filters) -> int:
    """How many people ``people_for_user(user, **filters)`` lists, cached per generation for
    the same counties and filters (the list's pages all show it)."""
    readable = get_access(user).readable_county_ids()
    scope = "all" if readable is None else sorted(readable)
    digest = hashlib.sha256(json.dumps([scope, filters], sort_keys=True).encode()).hexdigest()
    return generation_cached(
        f"organisations:people-count:{digest}",
        lambda: people_for_user(user, **filters).order_by().count(),
    )


def contacts_for_user(user, organisations) -> QuerySet[Person]:
    """The people of these organisations that the user may see (none for the public)."""
    return people_for_user(user).filter(organisation__in=organisations)


def editable_counties_for_user(user) -> QuerySet[County]:
    access = get_access(user)
    if access.is_superuser:
        return County.objects.all()
    return County.objects.filter(pk__in=access.edit_county_ids)


def editable_organisations_for_user(user) -> QuerySet[Organisation]:
    access = get_access(user)
    queryset = Organisation.objects.select_related("county")
    if access.is_superuser:
        return queryset
    return queryset.filter(county_id__in=access.edit_county_ids)
