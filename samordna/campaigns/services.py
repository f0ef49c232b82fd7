"""Campaign services: campaigns, their materials, and the organisations that spread them."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samordna.core.audit import log_action, model_changes
from samordna.core.errors import Conflict, NotPermitted, ValidationFailed
from samordna.core.permissions import get_access
from samordna.core.uploads import check_upload, random_filename

from .models import Campaign, CampaignMaterial, CampaignSpread, TargetGroup

CAMPAIGN_FIELDS = [
    "title",
    "summary",
    "description",
    "start_date",
    "end_date",
    "county",
    "target_groups",
    "website",
    "published",
]


def can_edit_campaign_county(user, county_id: int | None) -> bool:
    """National campaigns are edited by the national role (and superusers); regional ones by the
    county's editors and admins."""
    access = get_access(user)
    if county_id is None:
        return access.national
    return access.can_edit_county(county_id)


def _require_edit(actor, county_id: int | None) -> None:
    # ``actor=None`` is the system itself (demo data, management commands).
    if actor is None:
        return
    if not can_edit_campaign_county(actor, county_id):
        raise NotPermitted(
            _("Only the national role can manage national campaigns.")
            if county_id is None
            else _("You can only manage campaigns of your own county."),
            field="county",
        )


def _check_campaign(values: dict) -> None:
    start, end = values.get("start_date"), values.get("end_date")
    if isinstance(start, datetime.date) and isinstance(end, datetime.date) and end < start:
        raise ValidationFailed(
            _("The end date must be on or after the start date."), field="end_date"
        )
    unknown = [g for g in values.get("target_groups") or [] if g not in TargetGroup.values]
    if unknown:
        raise ValidationFailed(
            _("Unknown target group %(group)s.") % {"group": unknown[0]}, field="target_groups"
        )
    if not (values.get("title") or "").strip():
        raise ValidationFailed(_("Enter the campaign's title."), field="title")


def campaign_create(
    *,
    actor,
    title: str,
    summary: str,
    start_date: datetime.date,
    end_date: datetime.date,
    county=None,
    description: str = "",
    owners=(),
    target_groups=(),
    website: str = "",
    published: bool = False,
) -> Campaign:
    """Create a campaign period; national (no county) or for one county."""
    values = {
        "title": title.strip(),
        "summary": summary.strip(),
        "description": description,
        "start_date": start_date,
        "end_date": end_date,
        "county": county,
        "target_groups": list(target_groups),
        "website": website,
        "published": published,
    }
    _check_campaign(values)
    _require_edit(actor, county.pk if county else None)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            **values, created_by=actor if getattr(actor, "is_authenticated", False) else None
        )
        campaign.owners.set(owners)
        log_action(
            actor=actor,
            action="campaigns.campaign.created",
            obj=campaign,
            county_code=county.code if county else "",
        )
    return campaign


def campaign_update(*, actor, campaign: Campaign, owners=None, **values) -> Campaign:
    """Change a campaign; the audit entry keeps before and after."""
    _require_edit(actor, campaign.county_id)
    merged = {field: getattr(campaign, field) for field in CAMPAIGN_FIELDS}
    merged.update({k: v for k, v in values.items() if k in CAMPAIGN_FIELDS})
    if "target_groups" in values:
        merged["target_groups"] = list(values["target_groups"])
    _check_campaign(merged)
    new_county = merged["county"]
    _require_edit(actor, new_county.pk if new_county else None)
    with transaction.atomic():
        changes = model_changes(campaign, CAMPAIGN_FIELDS, merged)
        for field in CAMPAIGN_FIELDS:
            setattr(campaign, field, merged[field])
        campaign.save()
        if owners is not None:
            before = sorted(campaign.owners.values_list("pk", flat=True))
            campaign.owners.set(owners)
            after = sorted(campaign.owners.values_list("pk", flat=True))
            if before != after:
                changes["owners"] = {"before": before, "after": after}
        log_action(
            actor=actor,
            action="campaigns.campaign.updated",
            obj=campaign,
            county_code=campaign.county.code if campaign.county else "",
            data={"changes": changes},
        )
    return campaign


def material_add_link(*, actor, campaign: Campaign, title: str, url: str) -> CampaignMaterial:
    """Add a link to campaign material on another website."""
    _require_edit(actor, campaign.county_id)
    if not url:
        raise ValidationFailed(_("Enter the web address of the material."), field="url")
    with transaction.atomic():
        material = CampaignMaterial.objects.create(
            campaign=campaign, title=title, kind=CampaignMaterial.Kind.LINK, url=url
        )
        log_action(
            actor=actor,
            action="campaigns.material.added",
            obj=material,
            county_code=campaign.county.code if campaign.county else "",
            data={"campaign": campaign.pk, "kind": "link"},
        )
    return material


def material_add_file(*, actor, campaign: Campaign, title: str, uploaded) -> CampaignMaterial:
    """Add an uploaded file (PDF, PNG, JPG, DOCX) after checking its size and content."""
    _require_edit(actor, campaign.county_id)
    checked = check_upload(uploaded, field="file")
    material = CampaignMaterial(
        campaign=campaign,
        title=title,
        kind=CampaignMaterial.Kind.FILE,
        original_filename=checked.original_filename,
        content_type=checked.file_type.content_type,
        size=checked.size,
    )
    material.file.save(random_filename(checked), uploaded, save=False)
    stored_name = material.file.name
    try:
        with transaction.atomic():
            material.save()
            log_action(
                actor=actor,
                action="campaigns.material.added",
                obj=material,
                county_code=campaign.county.code if campaign.county else "",
                data={"campaign": campaign.pk, "kind": "file", "size": checked.size},
            )
    except Exception:
        material.file.storage.delete(stored_name)
        raise
    return material


def material_delete(*, actor, material: CampaignMaterial) -> None:
    """Remove a material; an uploaded file is deleted from storage after commit."""
    campaign = material.campaign
    _require_edit(actor, campaign.county_id)
    stored_name = material.file.name if material.file else ""
    storage = material.file.storage
    with transaction.atomic():
        log_action(
            actor=actor,
            action="campaigns.material.deleted",
            obj=material,
            county_code=campaign.county.code if campaign.county else "",
            data={"campaign": campaign.pk},
        )
        material.delete()
        if stored_name:
            transaction.on_commit(lambda: storage.delete(stored_name))


def _require_spread_permission(actor, organisation) -> None:
    if actor is None:
        return
    access = get_access(actor)
    allowed = (
        access.is_superuser
        or organisation.pk in access.contact_organisation_ids
        or (organisation.county_id is not None and access.can_edit_county(organisation.county_id))
    )
    if not allowed:
        raise NotPermitted(
            _("You can only mark campaigns for your own organisation or your county's."),
            field="organisation",
        )


def campaign_spread_mark(*, actor, campaign: Campaign, organisation) -> CampaignSpread:
    """Record that ``organisation`` spreads ``campaign``."""
    _require_spread_permission(actor, organisation)
    if not campaign.published:
        raise ValidationFailed(_("The campaign is not published yet."), field="organisation")
    try:
        with transaction.atomic():
            spread = CampaignSpread.objects.create(
                campaign=campaign,
                organisation=organisation,
                marked_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            log_action(
                actor=actor,
                action="campaigns.spread.marked",
                obj=spread,
                county_code=organisation.county.code if organisation.county else "",
                data={"campaign": campaign.pk, "organisation": organisation.code},
            )
    except IntegrityError as exc:
        raise Conflict(
            _("%(organisation)s already spreads this campaign.")
            % {"organisation": organisation.name},
            field="organisation",
        ) from exc
    return spread


def campaign_spread_unmark(*, actor, spread: CampaignSpread) -> None:
    """Withdraw an organisation's "we spread this campaign"."""
    _require_spread_permission(actor, spread.organisation)
    with transaction.atomic():
        log_action(
            actor=actor,
            action="campaigns.spread.unmarked",
            obj=spread,
            county_code=spread.organisation.county.code if spread.organisation.county else "",
            data={"campaign": spread.campaign_id, "organisation": spread.organisation.code},
        )
        spread.delete()
