"""Network services: groups, members, meetings and documents."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samordna.core.audit import log_action, model_changes
from samordna.core.errors import Conflict, NotPermitted, ValidationFailed
from samordna.core.permissions import get_access
from samordna.core.uploads import check_upload, random_filename

from .models import SUB_GOAL_NUMBERS, Meeting, Membership, Network, NetworkDocument

NETWORK_FIELDS = ["name", "kind", "county", "purpose", "sub_goals", "is_active"]


def _require_edit(actor, county_id) -> None:
    # ``actor=None`` is the system itself (demo data, management commands).
    if actor is not None and not get_access(actor).can_edit_county(county_id):
        raise NotPermitted(_("You can only manage the groups of your own county."))


def _clean_sub_goals(sub_goals) -> list[int]:
    try:
        numbers = sorted({int(n) for n in sub_goals or []})
    except (TypeError, ValueError) as exc:
        raise ValidationFailed(_("Sub-goals are numbers from 1 to 5."), field="sub_goals") from exc
    if any(n not in SUB_GOAL_NUMBERS for n in numbers):
        raise ValidationFailed(_("Sub-goals are numbers from 1 to 5."), field="sub_goals")
    return numbers


def _check_network(values: dict, *, instance: Network | None = None) -> None:
    if not (values.get("name") or "").strip():
        raise ValidationFailed(_("Enter the group's name."), field="name")
    if values.get("kind") not in Network.Kind.values:
        raise ValidationFailed(_("Choose what kind of group it is."), field="kind")
    if not (values.get("purpose") or "").strip():
        raise ValidationFailed(_("Describe the group's purpose."), field="purpose")
    duplicates = Network.objects.filter(county=values["county"], name__iexact=values["name"])
    if instance is not None:
        duplicates = duplicates.exclude(pk=instance.pk)
    if duplicates.exists():
        raise Conflict(
            _("The county already has a group called %(name)s.") % {"name": values["name"]},
            field="name",
        )


def network_create(
    *, actor, name: str, kind: str, county, purpose: str, sub_goals=(), is_active: bool = True
) -> Network:
    """Create a group in a county."""
    _require_edit(actor, county.pk)
    values = {
        "name": name.strip(),
        "kind": kind,
        "county": county,
        "purpose": purpose.strip(),
        "sub_goals": _clean_sub_goals(sub_goals),
        "is_active": is_active,
    }
    _check_network(values)
    with transaction.atomic():
        network = Network.objects.create(**values)
        log_action(
            actor=actor, action="networks.network.created", obj=network, county_code=county.code
        )
    return network


def network_update(*, actor, network: Network, **values) -> Network:
    """Change a group's outline; it stays in its county."""
    _require_edit(actor, network.county_id)
    values.pop("county", None)
    merged = {field: getattr(network, field) for field in NETWORK_FIELDS}
    merged.update({k: v for k, v in values.items() if k in NETWORK_FIELDS})
    merged["name"] = merged["name"].strip()
    merged["sub_goals"] = _clean_sub_goals(merged["sub_goals"])
    _check_network(merged, instance=network)
    with transaction.atomic():
        changes = model_changes(network, NETWORK_FIELDS, merged)
        for field in NETWORK_FIELDS:
            setattr(network, field, merged[field])
        network.save()
        log_action(
            actor=actor,
            action="networks.network.updated",
            obj=network,
            county_code=network.county.code,
            data={"changes": changes},
        )
    return network


def membership_add(
    *, actor, network: Network, role: str, person=None, organisation=None
) -> Membership:
    """Add a person or an organisation to a group with a role."""
    _require_edit(actor, network.county_id)
    if (person is None) == (organisation is None):
        raise ValidationFailed(_("Choose either a person or an organisation."), field="person")
    if role not in Membership.Role.values:
        raise ValidationFailed(_("Choose the member's role."), field="role")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                network=network, person=person, organisation=organisation, role=role
            )
            log_action(
                actor=actor,
                action="networks.membership.added",
                obj=membership,
                county_code=network.county.code,
                data={"network": network.pk, "role": role},
            )
    except IntegrityError as exc:
        raise Conflict(
            _("%(member)s is already a member of the group.") % {"member": person or organisation},
            field="person" if person else "organisation",
        ) from exc
    return membership


def membership_remove(*, actor, membership: Membership) -> None:
    network = membership.network
    _require_edit(actor, network.county_id)
    with transaction.atomic():
        log_action(
            actor=actor,
            action="networks.membership.removed",
            obj=membership,
            county_code=network.county.code,
            data={"network": network.pk},
        )
        membership.delete()


def meeting_create(
    *,
    actor,
    network: Network,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    place: str = "",
    agenda: str = "",
    event=None,
) -> Meeting:
    """Plan a meeting of a group, optionally tied to an event in the calendar."""
    _require_edit(actor, network.county_id)
    if ends_at is not None and ends_at < starts_at:
        raise ValidationFailed(_("The meeting must end after it starts."), field="ends_at")
    _check_event(network, event)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            network=network,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            agenda=agenda,
            event=event,
        )
        log_action(
            actor=actor,
            action="networks.meeting.created",
            obj=meeting,
            county_code=network.county.code,
        )
    return meeting


def _check_event(network: Network, event) -> None:
    if event is not None and event.county_id != network.county_id:
        raise ValidationFailed(_("Choose an event of the group's own county."), field="event")


def meeting_update(*, actor, meeting: Meeting, **values) -> Meeting:
    fields = ["starts_at", "ends_at", "place", "agenda", "event"]
    _require_edit(actor, meeting.network.county_id)
    if "event" in values:
        _check_event(meeting.network, values["event"])
    starts_at = values.get("starts_at", meeting.starts_at)
    ends_at = values.get("ends_at", meeting.ends_at)
    if ends_at is not None and ends_at < starts_at:
        raise ValidationFailed(_("The meeting must end after it starts."), field="ends_at")
    with transaction.atomic():
        changes = model_changes(meeting, fields, values)
        for field in fields:
            if field in values:
                setattr(meeting, field, values[field])
        meeting.save()
        log_action(
            actor=actor,
            action="networks.meeting.updated",
            obj=meeting,
            county_code=meeting.network.county.code,
            data={"changes": changes},
        )
    return meeting


def document_upload(
    *,
    actor,
    network: Network,
    title: str,
    uploaded,
    kind: str = NetworkDocument.Kind.OTHER,
    meeting: Meeting | None = None,
) -> NetworkDocument:
    """Store an uploaded document (PDF, PNG, JPG, DOCX) of a group after checking its size and
    content; it is served only to members and the county's staff."""
    _require_edit(actor, network.county_id)
    if meeting is not None and meeting.network_id != network.pk:
        raise ValidationFailed(_("The meeting belongs to another group."), field="meeting")
    if kind not in NetworkDocument.Kind.values:
        raise ValidationFailed(_("Choose what kind of document it is."), field="kind")
    checked = check_upload(uploaded, field="file")
    document = NetworkDocument(
        network=network,
        meeting=meeting,
        kind=kind,
        title=title.strip() or checked.original_filename,
        original_filename=checked.original_filename,
        content_type=checked.file_type.content_type,
        size=checked.size,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    document.file.save(random_filename(checked), uploaded, save=False)
    stored_name = document.file.name
    try:
        with transaction.atomic():
            document.save()
            log_action(
                actor=actor,
                action="networks.document.uploaded",
                obj=document,
                county_code=network.county.code,
                data={"network": network.pk, "size": checked.size, "kind": kind},
            )
    except Exception:
        document.file.storage.delete(stored_name)
        raise
    return document


def document_delete(*, actor, document: NetworkDocument) -> None:
    """Remove a document; the file goes from storage after commit."""
    network = document.network
    _require_edit(actor, network.county_id)
    stored_name = document.file.name
    storage = document.file.storage
    with transaction.atomic():
        log_action(
            actor=actor,
            action="networks.document.deleted",
            obj=document,
            county_code=network.county.code,
            data={"network": network.pk},
        )
        document.delete()
        transaction.on_commit(lambda: storage.delete(stored_name))
