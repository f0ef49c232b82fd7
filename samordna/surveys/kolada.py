"""Kolada (api.kolada.se, the municipalities' KPI database): a small client for its public API
with a configurable base URL, and an import of the same JSON from a file for machines without
internet. Kolada key figures are shown beside the county's own indicators."""

import json
import urllib.parse
import urllib.request

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from samordna.core.audit import log_action
from samordna.core.errors import ValidationFailed
from samordna.organisations.models import Municipality

from .models import KoladaKpi, KoladaValue

DEFAULT_BASE_URL = "https://api.kolada.se/v2"
TIMEOUT_SECONDS = 20


def base_url() -> str:
    return getattr(settings, "KOLADA_BASE_URL", "") or DEFAULT_BASE_URL


def kolada_fetch(*, kpi_id: str, years: list[int], url: str | None = None) -> dict:
    """GET ``/data/kpi/{kpi}/year/{years}`` and follow ``next_page``; returns the merged JSON."""
    if not kpi_id.replace("_", "").isalnum():
        raise ValidationFailed(_("Unknown Kolada key figure %(kpi)s.") % {"kpi": kpi_id})
    root = (url or base_url()).rstrip("/")
    years_part = ",".join(str(int(y)) for y in years)
    next_url = f"{root}/data/kpi/{urllib.parse.quote(kpi_id)}/year/{years_part}"
    values: list = []
    for _page in range(50):
        if not next_url.startswith(("http://", "https://")):
            raise ValidationFailed(_("The Kolada address must start with http:// or https://."))
        with urllib.request.urlopen(next_url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            payload = json.loads(response.read().decode("utf-8"))
        values.extend(payload.get("values", []))
        next_url = payload.get("next_page") or ""
        if not next_url:
            break
    return {"values": values, "count": len(values)}


def kolada_import(*, payload: dict, title: str = "", actor=None) -> int:
    """Store Kolada values (the API's JSON) for the municipalities we know. Idempotent: a value
    is updated, never duplicated. Returns the number of values stored."""
    rows = payload.get("values") if isinstance(payload, dict) else None
    if not isinstance(rows, list):
        raise ValidationFailed(_("The file is not Kolada data: “values” is missing."))
    municipalities = {m.code: m for m in Municipality.objects.all()}
    stored = 0
    with transaction.atomic():
        kpis: dict[str, KoladaKpi] = {}
        for row in rows:
            if not isinstance(row, dict):
                continue
            kpi_id = str(row.get("kpi", "")).strip()
            municipality = municipalities.get(str(row.get("municipality", "")))
            try:
                year = int(row.get("period"))
            except (TypeError, ValueError):
                continue
            if not kpi_id or municipality is None:
                continue
            total = next(
                (
                    v
                    for v in row.get("values", [])
                    if isinstance(v, dict) and v.get("gender") == "T"
                ),
                None,
            )
            if total is None:
                continue
            if kpi_id not in kpis:
                kpis[kpi_id], _created = KoladaKpi.objects.get_or_create(kpi_id=kpi_id)
                if title:
                    kpis[kpi_id].title = title
                    kpis[kpi_id].save(update_fields=["title", "imported_at"])
            value = total.get("value")
            KoladaValue.objects.update_or_create(
                kpi=kpis[kpi_id],
                municipality=municipality,
                year=year,
                defaults={"value": float(value) if isinstance(value, (int, float)) else None},
            )
            stored += 1
        log_action(
            actor=actor,
            action="surveys.kolada.imported",
            data={"kpis": sorted(kpis), "values": stored},
        )
    return stored


def kolada_table(county, year: int) -> list[dict]:
    """Kolada key figures for the county's municipalities in one year: one entry per key figure
    with its values by municipality code."""
    values = KoladaValue.objects.filter(year=year).select_related("kpi", "municipality")
    if county is not None:
        values = values.filter(municipality__county=county)
    table: dict[str, dict] = {}
    for value in values:
        entry = table.setdefault(value.kpi.kpi_id, {"kpi": value.kpi, "by_code": {}})
        entry["by_code"][value.municipality.code] = value.value
    return list(table.values())
