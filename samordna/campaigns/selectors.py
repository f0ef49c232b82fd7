"""Reads of campaigns: public lists, the annual wheel and the public calendar."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q, QuerySet

from samordna.core.permissions import get_access, visible_to

from .models import Campaign, CampaignMaterial, CampaignSpread


def _base() -> QuerySet[Campaign]:
    return Campaign.objects.select_related("county").prefetch_related("owners")


def _county_id(county) -> int | None:
    if county is None:
        return None
    return county if isinstance(county, int) else county.pk


def campaigns_for_user(
    user, *, county=None, year: int | None = None, include_national: bool = True
) -> QuerySet[Campaign]:
    """Campaigns the user may see (published, plus unpublished ones of their counties), optionally
    limited to a county (with or without the national ones) and to those overlapping a year."""
    queryset = visible_to(_base(), user)
    county_id = _county_id(county)
    if county_id is not None:
        condition = Q(county_id=county_id)
        if include_national:
            condition |= Q(county__isnull=True)
        queryset = queryset.filter(condition)
    if year is not None:
        queryset = queryset.filter(
            start_date__lte=datetime.date(year, 12, 31), end_date__gte=datetime.date(year, 1, 1)
        )
    return queryset.order_by("start_date", "title", "pk")


def campaigns_current_and_upcoming(user, *, today: datetime.date, county=None):
    return campaigns_for_user(user, county=county).filter(end_date__gte=today)


def campaigns_archive(user, *, today: datetime.date, county=None):
    return (
        campaigns_for_user(user, county=county)
        .filter(end_date__lt=today)
        .order_by("-start_date", "title", "pk")
    )


def campaign_for_user(user, pk: int) -> Campaign | None:
    """One campaign with its materials and spreading organisations, or None if not visible."""
    return (
        campaigns_for_user(user)
        .prefetch_related(
            Prefetch("materials", queryset=CampaignMaterial.objects.order_by("title", "pk")),
            Prefetch(
                "spreads",
                queryset=CampaignSpread.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def material_for_user(user, pk: int) -> CampaignMaterial | None:
    material = CampaignMaterial.objects.select_related("campaign").filter(pk=pk).first()
    if material is None:
        return None
    if not campaigns_for_user(user).filter(pk=material.campaign_id).exists():
        return None
    return material


def campaign_periods_for_wheel(*, county, year: int) -> list[Campaign]:
    """Published national campaigns plus the county's own that overlap ``year``, for the annual
    wheel. Each item has ``title``, ``start_date``, ``end_date`` and ``get_absolute_url()``."""
    county_id = _county_id(county)
    condition = Q(county__isnull=True)
    if county_id is not None:
        condition |= Q(county_id=county_id)
    return list(
        Campaign.objects.filter(condition, published=True)
        .filter(
            start_date__lte=datetime.date(year, 12, 31), end_date__gte=datetime.date(year, 1, 1)
        )
        .select_related("county")
        .order_by("start_date", "title", "pk")
    )


def campaigns_in_range(*, start: datetime.date, end: datetime.date, county=None) -> list[Campaign]:
    """Published campaigns overlapping ``start``–``end`` (inclusive) for the public calendar:
    all of them, or with ``county`` the national ones plus that county's own."""
    queryset = Campaign.objects.filter(published=True, start_date__lte=end, end_date__gte=start)
    county_id = _county_id(county)
    if county_id is not None:
        queryset = queryset.filter(Q(county__isnull=True) | Q(county_id=county_id))
    return list(queryset.select_related("county").order_by("start_date", "title", "pk"))


def organisations_user_can_spread_for(user):
    """Organisations the user may mark as spreading a campaign: those they are the contact of,
    and (for county staff) the organisations of their counties."""
    from samordna.organisations.models import Organisation

    access = get_access(user)
    condition = Q(pk__in=access.contact_organisation_ids)
    if access.is_superuser:
        return Organisation.objects.filter(is_active=True).order_by("name")
    if access.edit_county_ids:
        condition |= Q(county_id__in=access.edit_county_ids)
    return Organisation.objects.filter(condition, is_active=True).order_by("name")
